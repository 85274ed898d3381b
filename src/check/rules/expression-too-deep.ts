/**
 * `expression-too-deep`: an expression nested more than 256 levels deep (README.md#limits). It is
 * not type-checked, and the interpreter evaluates it as unknown: refusing it by counting keeps the
 * outcome independent of how much stack the caller has left.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports the type checker's `expression-too-deep` findings. */
export const expressionTooDeep: Rule = {
  code: 'expression-too-deep',
  severity: 'error',
  reference: 'grammar/README.md#expressions',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx
      .typeIssues()
      .filter((i) => i.code === 'expression-too-deep')
      .map((i) => report(expressionTooDeep, i));
  },
};
