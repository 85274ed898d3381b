/**
 * `wrong-arity`: a fact, act, duty or function applied to the wrong number of arguments (grammar/README.md#expressions).
 * Found by the expression type checker (src/check/types.ts); silent for FLINT JSON, whose facts are untyped.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports the type checker's `wrong-arity` findings. */
export const wrongArity: Rule = {
  code: 'wrong-arity',
  severity: 'error',
  reference: 'grammar/README.md#expressions',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx.typeIssues().filter((i) => i.code === 'wrong-arity').map((i) => report(wrongArity, i));
  },
};
