/**
 * Enumeration: the known values a parameter type can take and their (bounded) combinations, for
 * aggregates and act bindings.
 */
import type { Param, TypeRef } from '../model/ast.js';
import type { JsonScalar } from '../model/trace.js';
import type { Ctx } from './context.js';
import { argKey } from './state.js';
import { FALSE, TRUE, addDuration, parseMonth } from './values.js';
import type { Value } from './values.js';
import { instanceHolds } from './read.js';

const MAX_COMBINATIONS = 10_000;

/** An aggregate binding; a month binding carries the months of its range ({@link monthsInRange}). */
export type Binding = Param & { readonly months?: readonly Value[] };

/** The known values a parameter of type `t` can take; `null` when the type cannot be enumerated. */
export function domainOf(ctx: Ctx, t: TypeRef): Value[] | null {
  if (t.kind === 'PrimitiveType') {
    if (t.name === 'actor') return Object.keys(ctx.state.actors).map((id) => ({ type: 'actor', value: id }) as const);
    if (t.name === 'boolean') return [TRUE, FALSE];
    return null;
  }
  const f = ctx.cm.facts.get(t.name);
  if (!f) return null;
  const out: Value[] = [];
  const seen = new Set<string>();
  const push = (args: readonly JsonScalar[]): void => {
    const k = argKey(args);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ type: 'instance', fact: t.name, args });
  };
  for (const r of f.impliedBy) {
    for (const i of Object.values(ctx.state.facts[r] ?? {})) if (instanceHolds(i)) push(i.args);
  }
  if (f.isRole) {
    for (const [id, a] of Object.entries(ctx.state.actors))
      if (a.roles.some((r) => f.impliedBy.includes(r))) push([id]);
  }
  return out;
}

/** Every combination of known values for `params` (bounded); `null` when some type is not enumerable. */
export function enumerate(
  ctx: Ctx,
  params: readonly Param[],
  fixed: Record<string, Value> = {},
): Record<string, Value>[] | null {
  let combos: Record<string, Value>[] = [{ ...fixed }];
  for (const p of params) {
    if (fixed[p.name]) continue;
    const dom = domainOf(ctx, p.type);
    if (dom === null) return null;
    const next: Record<string, Value>[] = [];
    for (const c of combos) {
      for (const v of dom) {
        next.push({ ...c, [p.name]: v });
        if (next.length > MAX_COMBINATIONS) return null;
      }
    }
    combos = next;
  }
  return combos;
}

/**
 * Call `visit` with every combination of known values for `params`, one at a time (an odometer,
 * so memory stays O(parameters) however many combinations there are), until it returns `true`.
 * A binding's `months`, when set, is its domain (a month binding's range, {@link monthsInRange}).
 * `null` when some type is not enumerable, else whether `visit` stopped the walk.
 */
export function forEachCombination(
  ctx: Ctx,
  params: readonly Binding[],
  visit: (c: Record<string, Value>) => boolean,
): boolean | null {
  const domains: (readonly Value[])[] = [];
  for (const p of params) {
    const dom = p.months ?? domainOf(ctx, p.type);
    if (dom === null) return null;
    if (dom.length === 0) return false;
    domains.push(dom);
  }
  const index = params.map(() => 0);
  for (;;) {
    const c: Record<string, Value> = {};
    params.forEach((p, i) => {
      c[p.name] = (domains[i] as readonly Value[])[index[i] as number] as Value;
    });
    if (visit(c)) return true;
    let i = params.length - 1;
    while (i >= 0 && (index[i] = (index[i] as number) + 1) === (domains[i] as readonly Value[]).length) index[i--] = 0;
    if (i < 0) return false;
  }
}

/**
 * The months of a month binding's range (grammar/README.md#months), in order: `from` an integer year and `to`
 * absent → its twelve months; `from` and `to` dates or months → the months from the month of `from` to the month of
 * `to`, inclusive (none when `to` is earlier). `null` (unknown) for anything else: a year that is not a whole
 * number in 1..9999, a text, a mix of a year and a date.
 */
export function monthsInRange(from: Value, to: Value | null): Value[] | null {
  let first: string | null;
  let last: string | null;
  if (to === null) {
    if (from.type !== 'integer' || !from.value.isInteger() || from.value.lt(1) || from.value.gt(9999)) return null;
    const y = String(from.value.toNumber()).padStart(4, '0');
    first = parseMonth(`${y}-01`);
    last = parseMonth(`${y}-12`);
  } else {
    first = monthBound(from);
    last = monthBound(to);
  }
  const out: Value[] = [];
  for (let m = first; m !== null && last !== null && m <= last; m = addDuration(m, 'P1M')) {
    out.push({ type: 'month', value: m });
  }
  return first === null || last === null ? null : out;
}

/** The first day of the month of a range bound (a month, or a date in it); `null` for any other value. */
function monthBound(v: Value): string | null {
  return v.type === 'month' || v.type === 'date' ? parseMonth(v.value) : null;
}
