/**
 * `argument-type`: an argument whose type is not the declared parameter type (grammar/README.md#types).
 * Found by the expression type checker (src/check/types.ts); silent for FLINT JSON, whose facts are untyped.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports the type checker's `argument-type` findings. */
export const argumentType: Rule = {
  code: 'argument-type',
  severity: 'error',
  reference: 'grammar/README.md#types',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx
      .typeIssues()
      .filter((i) => i.code === 'argument-type')
      .map((i) => report(argumentType, i));
  },
};
