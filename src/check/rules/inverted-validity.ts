/**
 * `inverted-validity`: a source whose validity period ends before it starts
 * (`valid: 2020-01-01 .. 2019-12-31`; grammar/README.md#sources).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { isIsoDate } from '../juriconnect.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { sourceDeclsOf } from '../../model/walk.js';

/** Reports sources with `validFrom` after `validTo`. */
export const invertedValidity: Rule = {
  code: 'inverted-validity',
  severity: 'error',
  reference: 'grammar/README.md#sources',
  check(ctx: CheckContext): Diagnostic[] {
    // Versions of a source (grammar/README.md#versions) are checked like sources.
    const versions = sourceDeclsOf(ctx.model).flatMap((s) =>
      (s.versions ?? [])
        .filter((v) => v.validFrom !== null && v.validTo !== null && isIsoDate(v.validFrom) && isIsoDate(v.validTo))
        .filter((v) => (v.validFrom as string) > (v.validTo as string))
        .map((v) =>
          report(invertedValidity, {
            message:
              `Version «${v.label}» of source «${s.id}» is valid from ${v.validFrom} until ${v.validTo}, ` +
              'which ends before it starts.',
            span: v.labelSpan,
            hint: 'Swap the dates: `valid: <from> .. <to>`.',
          }),
        ),
    );
    return versions.concat(
      sourceDeclsOf(ctx.model)
        .filter(
          (s) =>
            s.validFrom !== null &&
            s.validTo !== null &&
            isIsoDate(s.validFrom) &&
            isIsoDate(s.validTo) &&
            s.validFrom > s.validTo,
        )
        .map((s) =>
          report(invertedValidity, {
            message: `Source «${s.id}» is valid from ${s.validFrom} until ${s.validTo}, which ends before it starts.`,
            span: s.idSpan,
            hint: 'Swap the dates: `valid: <from> .. <to>`.',
            ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
          }),
        ),
    );
  },
};
