/**
 * `type-mismatch`: an operator or position given a value of the wrong type: a date added to a boolean, text compared
 * with a number, a non-boolean precondition (grammar/README.md#types).
 * Found by the expression type checker (src/check/types.ts); silent for FLINT JSON, whose facts are untyped.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports the type checker's `type-mismatch` findings. */
export const typeMismatch: Rule = {
  code: 'type-mismatch',
  severity: 'error',
  reference: 'grammar/README.md#types',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx
      .typeIssues()
      .filter((i) => i.code === 'type-mismatch')
      .map((i) => report(typeMismatch, i));
  },
};
