/**
 * How deep an expression nests, counted without recursion: stages that walk expressions
 * recursively (type checking, compiling, evaluating, tracing) refuse deeper ones with a located
 * diagnostic instead of running out of stack, whatever the caller's own stack depth.
 */
import type { Expr } from './ast.js';
import { subExpressions } from './walk.js';

/** Expressions nest at most this many levels deep (operators, member access, `not`, calls). */
export const MAX_EXPR_DEPTH = 256;

/** The first sub-expression (depth first) nested deeper than `max` below `e`, or `undefined`. */
export function tooDeepExpr(e: Expr, max: number = MAX_EXPR_DEPTH): Expr | undefined {
  const stack: { e: Expr; depth: number }[] = [{ e, depth: 1 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.depth > max) return top.e;
    const subs = subExpressions(top.e);
    for (let i = subs.length - 1; i >= 0; i--) stack.push({ e: subs[i] as Expr, depth: top.depth + 1 });
  }
  return undefined;
}

/**
 * Below the fact asked for, derived facts with parameters are followed at most this many levels
 * deep (facts without parameters are evaluated dependencies first and have no limit); a
 * deeper derivation evaluates to unknown. `check` warns: `derivation-too-deep`.
 */
export const MAX_DERIVATION_DEPTH = 64;
