/**
 * Operator precedence of .flint expressions, shared by the printers (src/syntax/print.ts for the
 * canonical text, src/run/expr-text.ts for traces) so both parenthesise alike: `not [a] == [b]`
 * reads as `not ([a] == [b])`, so `(not [a]) == [b]` keeps its parentheses. The grammar
 * (grammar/README.md, "From loosest to tightest binding") is the reference.
 */
import type { Expr } from './ast.js';

// Precedence levels, loosest first; open-ended forms (aggregates, conditionals) bind loosest of all.
export const OPEN = 0;
export const OR = 1;
export const AND = 2;
export const NOT = 3;
export const CMP = 4;
export const ADD = 5;
export const MUL = 6;
export const UNARY = 7;
export const PROJ = 8;
export const POSTFIX = 9;
export const PRIMARY = 10;

/** The precedence of each n-ary operator. */
export const NARY_PREC = { and: AND, or: OR, add: ADD, sub: ADD, mul: MUL, div: MUL } as const;

/** How tightly `e` binds: an operand printed where a level above this is needed gets parentheses. */
export function precedence(e: Expr): number {
  switch (e.kind) {
    case 'Aggregate':
    case 'Conditional':
      return OPEN;
    case 'Nary':
      return e.operands.length < 2 ? PRIMARY : NARY_PREC[e.op];
    case 'Compare':
      return e.operands.length < 2 ? PRIMARY : CMP;
    case 'Unary':
      return e.op === 'not' ? NOT : UNARY;
    case 'Literal':
      return (e.type === 'integer' || e.type === 'decimal') && e.value.startsWith('-') ? UNARY : PRIMARY;
    case 'Projection':
      return PROJ;
    case 'Member':
      return POSTFIX;
    default:
      return PRIMARY;
  }
}
