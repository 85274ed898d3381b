/**
 * `source-not-in-force` (warning): a frame cites a source whose validity period does not cover
 * the model's version date (header `version`, or the `versionDate` option), so the frame models
 * law that was not (yet, or any longer) in force (grammar/README.md#sources). Silent when the
 * version date is unknown or the source's dates are not ISO dates.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { isIsoDate } from '../juriconnect.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Warns about citations of sources not in force on the version date. */
export const sourceNotInForce: Rule = {
  code: 'source-not-in-force',
  severity: 'warning',
  reference: 'grammar/README.md#sources',
  check(ctx: CheckContext): Diagnostic[] {
    const date = ctx.versionDate;
    if (date === null || !isIsoDate(date)) return [];
    const out: Diagnostic[] = [];
    for (const f of ctx.frames) {
      for (const ref of f.sources) {
        const s = lookup(ctx.sources, ref.id);
        if (!s) continue;
        const from = s.validFrom !== null && isIsoDate(s.validFrom) ? s.validFrom : null;
        const to = s.validTo !== null && isIsoDate(s.validTo) ? s.validTo : null;
        const before = from !== null && date < from;
        const after = to !== null && date > to;
        if (!before && !after) continue;
        out.push(
          report(sourceNotInForce, {
            message:
              `${frameLabel(f)} cites source «${s.id}», which is not in force on the model's version ` +
              `date ${date} (${before ? `valid from ${from}` : `valid until ${to}`}).`,
            span: ref.span,
            hint: 'Cite the version of the article in force on the version date, or change the model version.',
            related: [{ message: `Source «${s.id}» is declared here.`, span: s.idSpan }],
          }),
        );
      }
    }
    return out;
  },
};
