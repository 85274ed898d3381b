/**
 * Value conversion: stored JSON scalars to runtime values of a type, and the canonical form of
 * fact arguments and act parameters (docs/cases.md#canonical-arguments).
 */
import type { Param, TypeRef } from '../model/ast.js';
import { MAX_DERIVATION_DEPTH } from '../model/depth.js';
import type { JsonScalar } from '../model/trace.js';
import type { CFact, CompiledModel } from './context.js';
import { bool, isDate, isDuration, monthOf, num, parseDecimal, toScalar } from './values.js';
import type { Value } from './values.js';

export const MAX_DEPTH = MAX_DERIVATION_DEPTH;
export const NO_ARGS: readonly JsonScalar[] = Object.freeze([]);

/** Convert a stored scalar into a runtime value of type `t`; `null` when it does not fit. */
export function fromScalar(t: TypeRef | null, s: JsonScalar, cm?: CompiledModel, depth = 0): Value | null {
  if (t === null || (t.kind === 'PrimitiveType' && t.name === 'boolean')) {
    return typeof s === 'boolean' ? bool(s) : null;
  }
  if (t.kind === 'FactType') {
    if (s === null) return null;
    const f = cm?.facts.get(t.name);
    if (f && f.arity !== 1 && typeof s === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        return null;
      }
      if (Array.isArray(parsed)) {
        const args = instanceArgs(f, parsed as JsonScalar[], cm, depth);
        return args === null ? null : { type: 'instance', fact: t.name, args };
      }
    }
    const args = f ? instanceArgs(f, [s], cm, depth) : [s];
    return args === null ? null : { type: 'instance', fact: t.name, args };
  }
  switch (t.name) {
    case 'integer':
    case 'decimal': {
      if (typeof s !== 'string' && typeof s !== 'number') return null;
      const d = parseDecimal(s);
      if (d === null || (t.name === 'integer' && !d.isInteger())) return null;
      return num(d, t.name === 'integer');
    }
    case 'text':
      // A number given for a text parameter denotes its decimal spelling (`2019` is "2019").
      if (typeof s === 'number') return Number.isFinite(s) ? { type: 'text', value: String(s) } : null;
      return typeof s === 'string' ? { type: 'text', value: s } : null;
    case 'date':
      return typeof s === 'string' && isDate(s) ? { type: 'date', value: s } : null;
    case 'duration':
      return typeof s === 'string' && isDuration(s) ? { type: 'duration', value: s } : null;
    case 'month':
      return typeof s === 'string' ? monthOf(s) : null;
    case 'actor':
      return typeof s === 'string' ? { type: t.name, value: s } : null;
  }
  return null;
}

/** Instance references nest at most this deep before their arguments are taken as they are. */
const MAX_INSTANCE_DEPTH = 8;

/** The arguments of an instance of `f` in canonical form; `null` when one does not fit its type. */
function instanceArgs(
  f: CFact,
  args: readonly JsonScalar[],
  cm: CompiledModel | undefined,
  depth: number,
): JsonScalar[] | null {
  const params = f.decl?.params ?? [];
  if (params.length !== args.length || depth >= MAX_INSTANCE_DEPTH) return [...args];
  const out: JsonScalar[] = [];
  for (const [i, p] of params.entries()) {
    const c = canonicalScalar(p.type, args[i] ?? null, cm, depth + 1);
    if (c === undefined) return null;
    out.push(c);
  }
  return out;
}

/**
 * The canonical JSON scalar of `s` as a value of type `t` (how instance arguments and act
 * parameters are keyed), or `undefined` when it does not fit: integer/decimal → exact decimal
 * text (`2019`, `"2019.0"` → `"2019"`); text → the string (a finite number → its decimal
 * spelling); date → a valid `YYYY-MM-DD`; duration → `P<n>D|W|M|Y`; month → `YYYY-MM` (from `YYYY-MM` or a
 * date in the month, so `2025-03` and `2025-03-01` key the same instance); actor → the id; boolean →
 * `true`/`false`; instance of a one-parameter fact → its argument in canonical form, of other
 * arity → the JSON text of its canonical argument array.
 */
export function canonicalScalar(t: TypeRef, s: JsonScalar, cm?: CompiledModel, depth = 0): JsonScalar | undefined {
  const v = fromScalar(t, s, cm, depth);
  return v === null ? undefined : toScalar(v);
}

/**
 * `args` in canonical form for the parameters `params` ({@link canonicalScalar}); an argument
 * without a parameter, or that does not fit, is kept as it is. Same array when nothing changes.
 */
export function canonicalArgs(
  params: readonly Param[],
  args: readonly JsonScalar[],
  cm?: CompiledModel,
): readonly JsonScalar[] {
  let out: JsonScalar[] | null = null;
  for (const [i, a] of args.entries()) {
    const p = params[i];
    const c = p === undefined || a === null ? a : canonicalScalar(p.type, a, cm);
    if (c !== undefined && c !== a) {
      out ??= [...args];
      out[i] = c;
    }
  }
  return out ?? args;
}

const GENERIC_FORMS = 'Integers and decimals are given as numbers or as text ("2019", "12.50"); dates as "YYYY-MM-DD".';

/** How a value of type `t` is written in a case file or request, for the hint of a `run-wrong-type` diagnostic. */
export function scalarFormHint(t: TypeRef | null): string {
  if (t?.kind === 'PrimitiveType' && t.name === 'month')
    return 'A month is given as "YYYY-MM" with a month 01..12 (e.g. "2025-03"), or as a date in it ("2025-03-17").';
  return GENERIC_FORMS;
}
