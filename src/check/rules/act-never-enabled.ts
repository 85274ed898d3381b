/**
 * `act-never-enabled`: an act whose preconditions or object positively require something that can
 * never hold, so the act can never be performed (grammar/README.md#acts): a fact that only holds
 * when `created` while no act creates it, or a duty that no act creates. "Positively required"
 * means needed for the expression to be true: every operand of `and`, what all alternatives of
 * `or` share, and through the definitions of derived facts; nothing under `not`. A warning for
 * FLINT JSON input.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Expr, FactDecl } from '../../model/ast.js';
import { subExpressions } from '../../model/walk.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, isDerived, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { staticDefinition, staticPreconditions } from '../../model/walk.js';

/**
 * What each derived fact's definition positively requires, computed once per fact: without it a
 * fact referred to twice by each of its dependents is walked exponentially often.
 */
const requiredByFact = new WeakMap<CheckContext, Map<string, ReadonlySet<string>>>();
/** The same with only the keys of facts that are not derived, and of duties. */
const leavesByFact = new WeakMap<CheckContext, Map<string, ReadonlySet<string>>>();

function memoFor(ctx: CheckContext, leavesOnly: boolean): Map<string, ReadonlySet<string>> {
  const table = leavesOnly ? leavesByFact : requiredByFact;
  let memo = table.get(ctx);
  if (!memo) table.set(ctx, (memo = new Map()));
  return memo;
}

/** The fact names `e` refers to directly (no recursion: expressions may nest deeply). */
function factRefs(e: Expr): string[] {
  const out: string[] = [];
  const stack: Expr[] = [e];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (x.kind === 'Ref' && x.frame === 'fact') out.push(x.name);
    for (const s of subExpressions(x)) stack.push(s);
  }
  return out;
}

/**
 * Fill the memo for the derived facts below `e` dependencies first (an explicit stack), so the
 * recursion in {@link positivelyRequired} meets a memo hit at every fact: a chain of thousands of
 * derived facts is handled at the depth of one definition.
 */
function primeRequired(ctx: CheckContext, e: Expr, leavesOnly: boolean): void {
  const memo = memoFor(ctx, leavesOnly);
  const post: FactDecl[] = [];
  const seen = new Set<string>();
  const stack: { refs: string[]; i: number; fact: FactDecl | null }[] = [{ refs: factRefs(e), i: 0, fact: null }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as (typeof stack)[number];
    const name = top.refs[top.i++];
    if (name === undefined) {
      stack.pop();
      if (top.fact) post.push(top.fact);
      continue;
    }
    const f = lookup(ctx.facts, name);
    if (seen.has(name) || memo.has(`fact:${name}`) || !f || !isDerived(f) || !staticDefinition(f)) continue;
    seen.add(name);
    stack.push({ refs: factRefs(staticDefinition(f) as Expr), i: 0, fact: f });
  }
  for (const f of post) {
    if (!memo.has(`fact:${f.name}`)) {
      memo.set(`fact:${f.name}`, positivelyRequired(ctx, staticDefinition(f), new Set([`fact:${f.name}`]), leavesOnly));
    }
  }
}

/**
 * Facts and duties an expression needs to hold. Keys are `fact:<name>` / `duty:<name>`. With
 * `leavesOnly`, derived facts are left out (only what they in turn require is kept): the sets then
 * stay small along long chains, which keeps the rule linear in the model.
 */
export function positivelyRequired(
  ctx: CheckContext,
  e: Expr | null,
  visiting: Set<string> = new Set(),
  leavesOnly = false,
): Set<string> {
  if (e === null) return new Set();
  if (visiting.size === 0) primeRequired(ctx, e, leavesOnly);
  return required(ctx, e, visiting, leavesOnly);
}

/**
 * {@link positivelyRequired} once the memo is primed for `e`: the operands of `e` need no priming of their own (the
 * facts below them are below `e`), which kept the rule walking every operand again at each level.
 */
function required(ctx: CheckContext, e: Expr | null, visiting: Set<string>, leavesOnly: boolean): Set<string> {
  if (e === null) return new Set();
  switch (e.kind) {
    case 'Ref': {
      if (e.frame === 'act') return new Set();
      const key = `${e.frame}:${e.name}`;
      const f = e.frame === 'fact' ? lookup(ctx.facts, e.name) : undefined;
      const out = new Set(leavesOnly && f && isDerived(f) ? [] : [key]);
      if (f && isDerived(f) && !visiting.has(key)) {
        const memo = memoFor(ctx, leavesOnly);
        let below = memo.get(key);
        if (!below) {
          visiting.add(key);
          below = positivelyRequired(ctx, staticDefinition(f), visiting, leavesOnly);
          visiting.delete(key);
          memo.set(key, below);
        }
        for (const k of below) out.add(k);
      }
      return out;
    }
    case 'Nary':
      if (e.op === 'and') {
        const out = new Set<string>();
        for (const o of e.operands) for (const k of required(ctx, o, visiting, leavesOnly)) out.add(k);
        return out;
      }
      if (e.op === 'or') return intersect(e.operands.map((o) => required(ctx, o, visiting, leavesOnly)));
      return new Set();
    case 'Conditional':
      return intersect([required(ctx, e.then, visiting, leavesOnly), required(ctx, e.otherwise, visiting, leavesOnly)]);
    default:
      return new Set();
  }
}

function intersect(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  if (!first) return new Set();
  return new Set([...first].filter((k) => rest.every((s) => s.has(k))));
}

/** Reports acts that need something no act can bring about. */
export const actNeverEnabled: Rule = {
  code: 'act-never-enabled',
  severity: 'error',
  reference: 'grammar/README.md#acts',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const why = (key: string): string | null => {
      const [kind, ...rest] = key.split(':');
      const name = rest.join(':');
      if (kind === 'duty') {
        if (!ctx.isDeclared('duty', name) || ctx.created.duties.has(name)) return null;
        return `duty «${name}», which no act creates`;
      }
      const f = lookup(ctx.facts, name);
      if ((f ? staticDefinition(f) : null)?.kind !== 'Created' || ctx.created.facts.has(name)) return null;
      return `fact «${name}», which only holds when created, and no act creates it`;
    };
    for (const a of ctx.frames) {
      if (a.kind !== 'Act') continue;
      const needed = new Set([
        ...positivelyRequired(ctx, a.object, new Set(), true),
        ...positivelyRequired(ctx, staticPreconditions(a), new Set(), true),
      ]);
      const reasons = [...needed].map(why).filter((r): r is string => r !== null);
      if (reasons.length === 0) continue;
      out.push(
        report(actNeverEnabled, {
          message: `${frameLabel(a)} can never be performed: it requires ${reasons.join('; and ')}.`,
          span: a.nameSpan,
          hint: 'Add an act that creates what is required, or correct the preconditions.',
          ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
        }),
      );
    }
    return out;
  },
};
