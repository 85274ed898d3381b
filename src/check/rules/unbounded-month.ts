/**
 * `unbounded-month`: an aggregate binding of type `month` without a range (`sum m: month : …`): there are endlessly
 * many months, so the aggregate says over which ones with `in 2025` or `in [begin] .. [einde]`
 * (grammar/README.md#months). Found by the expression type checker (src/check/types.ts); silent for FLINT JSON.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports the type checker's `unbounded-month` findings. */
export const unboundedMonth: Rule = {
  code: 'unbounded-month',
  severity: 'error',
  reference: 'grammar/README.md#months',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx
      .typeIssues()
      .filter((i) => i.code === 'unbounded-month')
      .map((i) => report(unboundedMonth, i));
  },
};
