/**
 * `malformed-juriconnect`: a source's Juriconnect id does not have the shape
 * `jci<1.0|1.3|1.31>:<c|v>:BWBR<7 digits>(&key=value)*` with known keys and ISO `z`/`g` dates
 * (src/check/juriconnect.ts; grammar/README.md#sources). A warning for FLINT JSON input.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { juriconnectProblem } from '../juriconnect.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { sourceDeclsOf } from '../../model/walk.js';

/** Reports Juriconnect ids that are not well formed. */
export const malformedJuriconnect: Rule = {
  code: 'malformed-juriconnect',
  severity: 'error',
  reference: 'grammar/README.md#sources',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const s of sourceDeclsOf(ctx.model)) {
      if (s.juriconnect === null || s.juriconnect.trim() === '') continue;
      const problem = juriconnectProblem(s.juriconnect);
      if (problem === null) continue;
      out.push(
        report(malformedJuriconnect, {
          message: `Source «${s.id}» has a malformed Juriconnect id "${s.juriconnect}": it ${problem}.`,
          span: s.idSpan,
          hint: 'Expected e.g. "jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:1&z=2024-01-01&g=2024-01-01".',
          ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
        }),
      );
    }
    return out;
  },
};
