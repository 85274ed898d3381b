/**
 * A small expression-to-text printer for traces and messages (independent of src/syntax, which
 * run may not import). Lives in src/run because run builds traces; src/trace/expr-text.ts
 * re-exports it. It parenthesises by the precedence of src/model/precedence.ts, as the canonical
 * printer (src/syntax/print.ts) does; literals and names keep their trace spelling (`P6W`, JSON text).
 */
import type { Expr, LiteralValue, Param, TypeRef } from '../model/ast.js';
import { ADD, CMP, NARY_PREC, NOT, POSTFIX, precedence, UNARY } from '../model/precedence.js';
import { displayName } from '../model/walk.js';

const SYMBOL: Record<string, string> = {
  and: 'and',
  or: 'or',
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** An aggregate binding with its month range: `k: [kind]`, `m: month in 2025`, `m: month in a .. b`. */
function bindingText(b: Param): string {
  const head = `${b.name}: ${typeText(b.type)}`;
  const r = b.range;
  if (r === undefined) return head;
  return `${head} in ${wrap(r.from, ADD)}${r.to === null ? '' : ` .. ${wrap(r.to, ADD)}`}`;
}

function literalText(l: LiteralValue): string {
  switch (l.type) {
    case 'boolean':
      return l.value ? 'true' : 'false';
    case 'text':
      return JSON.stringify(l.value);
    default:
      return l.value;
  }
}

function typeText(t: TypeRef): string {
  return t.kind === 'PrimitiveType' ? t.name : `[${t.name}]`;
}

function wrap(e: Expr, min: number): string {
  const s = exprText(e);
  return precedence(e) < min ? `(${s})` : s;
}

/** The expression printed in the `.flint` surface form, e.g. `[aanvraag](ouder) and not [x]`. */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      return literalText(e);
    case 'Ref': {
      const name = displayName(e.frame, e.name);
      return e.args.length === 0 ? name : `${name}(${e.args.map(exprText).join(', ')})`;
    }
    case 'Var':
      return e.name;
    case 'Member':
      return `${wrap(e.object, POSTFIX)}.${e.field}`;
    case 'Unary':
      return e.op === 'not' ? `not ${wrap(e.operand, NOT)}` : `-${wrap(e.operand, UNARY)}`;
    case 'Nary': {
      if (e.operands.length === 0) return e.op === 'add' ? 'sum()' : e.op === 'mul' ? 'product()' : `${e.op}()`;
      const p = NARY_PREC[e.op];
      return e.operands.map((o) => wrap(o, p + 1)).join(` ${SYMBOL[e.op] ?? e.op} `);
    }
    case 'Compare':
      return e.operands.map((o) => wrap(o, CMP + 1)).join(` ${SYMBOL[e.op] ?? e.op} `);
    case 'Call':
      return `${e.fn}(${e.args.map(exprText).join(', ')})`;
    case 'Aggregate': {
      const binds = e.bindings.map(bindingText).join(', ');
      const where = e.where ? ` where ${exprText(e.where)}` : '';
      if (e.op === 'forall') return `forall ${binds}${where}: ${e.body ? exprText(e.body) : 'true'}`;
      if (e.op === 'count' || e.op === 'exists') return `${e.op} ${binds}${where}`;
      return `${e.op} ${binds}${where} of ${e.body ? exprText(e.body) : '0'}`;
    }
    case 'Conditional':
      return `if ${exprText(e.condition)} then ${exprText(e.then)} else ${exprText(e.otherwise)}`;
    case 'Now':
      return 'today';
    case 'Is':
      return e.identity === null ? 'anyone' : `is ${JSON.stringify(e.identity)}`;
    case 'Created':
      return e.operands.length === 0 ? 'created' : `created(${e.operands.map(exprText).join(', ')})`;
    case 'Projection': {
      const [first, ...via] = e.context;
      const scope = e.scope === 'single' ? '' : `${e.scope} `;
      const viaText = via.map((v) => ` via [${v}]`).join('');
      return `${scope}${exprText(e.operand)} of [${first ?? ''}]${viaText}`;
    }
    case 'List':
      return `list ${JSON.stringify(e.name ?? '')} (${exprText(e.item)})`;
  }
}
