/**
 * A quick check of a take-act request against the compiled model, for the service's hot path.
 *
 * The full check of a request (the case-file schema with zod, then `checkCaseFile`, which gives each
 * fact to a probe case) costs about as much as taking the act. This module checks the same things
 * directly: the shape the case-file act schema accepts, then what `checkCaseFile` checks (the actors'
 * roles, the act, its parameters, its actor, and each fact with the engine's own `checkGiven`, the
 * check `give` runs on the probe). It only ever answers "certainly valid" (with the take request
 * the full path would build) or "not sure": then the caller runs the full check, which gives the
 * precise diagnostics. So an invalid request is answered exactly as before, and a valid one
 * skips the probe.
 */
import { bareName } from '../case/index.js';
import { checkGiven } from '../run/case.js';
import { isDate } from '../run/index.js';
import type { CaseState, CompiledModel, GivenFact, JsonScalar, TakeRequest } from '../run/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACT_KEYS = new Set(['act', 'actor', 'params', 'facts', 'at']);
const FACT_KEYS = new Set(['fact', 'args', 'value', 'by', 'at']);

type Obj = Record<string, unknown>;

const plain = (v: unknown): v is Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const onlyKeys = (o: Obj, keys: ReadonlySet<string>): boolean => {
  for (const k in o) if (!Object.hasOwn(o, k) || !keys.has(k)) return false;
  return true;
};
const scalar = (v: unknown): v is JsonScalar =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const name = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const date = (v: unknown): boolean => typeof v === 'string' && DATE.test(v) && isDate(v);
/** Keys a zod record or object may treat apart from others: left to the full check. */
const odd = (k: string): boolean => k === '__proto__' || k === 'constructor' || k === 'prototype';

/** A case-file fact the schema accepts, as the given fact `toGivenFact` makes of it; null when not sure. */
function givenFact(f: unknown): GivenFact | null {
  if (!plain(f) || !onlyKeys(f, FACT_KEYS)) return null;
  const { fact, args, value, by, at } = f;
  if (!name(fact)) return null;
  if (args !== undefined && !(Array.isArray(args) && args.every(scalar))) return null;
  if (value !== undefined && !(typeof value === 'boolean' || typeof value === 'string' || scalar(value))) return null;
  if (value === null) return null;
  if (by !== undefined && typeof by !== 'string') return null;
  if (at !== undefined && !date(at)) return null;
  return {
    fact: bareName(fact),
    ...(args ? { args: [...(args as JsonScalar[])] } : {}),
    ...(value !== undefined ? { value: value as string | number | boolean } : {}),
    ...(by ? { by } : {}),
  };
}

/**
 * The take request for `input` (an act as in a case file: act, actor, params, facts, at) on a case
 * in `state`, when the request is certainly valid for the model; null when the full check must
 * decide (it may still be valid).
 */
export function quickTakeRequest(compiled: CompiledModel, state: CaseState, input: Obj): TakeRequest | null {
  if (!plain(input) || !onlyKeys(input, ACT_KEYS)) return null;
  const { act, actor, params, facts, at } = input;
  if (!name(act) || !name(actor)) return null;
  if (at !== undefined && !date(at)) return null;
  // The case's declared actors: their roles are facts of the model (as checkCaseFile checks).
  const actors = new Set<string>();
  for (const [id, a] of Object.entries(state.actors)) {
    if (id.length === 0) return null;
    for (const role of a.roles) if (compiled.facts.get(bareName(role)) === undefined) return null;
    actors.add(id);
  }
  const a = compiled.acts.get(bareName(act));
  if (a === undefined) return null;
  let bound: Record<string, JsonScalar> | undefined;
  if (params !== undefined) {
    if (!plain(params)) return null;
    const names = a.decl.params;
    bound = {};
    for (const k in params) {
      const v = params[k];
      if (!Object.hasOwn(params, k) || odd(k) || !scalar(v) || !names.some((p) => p.name === k)) return null;
      bound[k] = v;
    }
  }
  let given: GivenFact[] | undefined;
  if (facts !== undefined) {
    if (!Array.isArray(facts)) return null;
    given = [];
    for (const [i, f] of facts.entries()) {
      const g = givenFact(f);
      if (g === null || 'code' in checkGiven(compiled, g, `/facts/${i}`)) return null;
      given.push(g);
      // A role fact given with the act makes its value an actor of the case (caseActors).
      const cf = compiled.facts.get(g.fact);
      if (cf?.isRole) {
        const who = g.args && g.args.length === 1 ? g.args[0] : typeof g.value === 'string' ? g.value : undefined;
        if (typeof who === 'string' && g.value !== false) actors.add(who);
      }
    }
  }
  if (!actors.has(actor)) return null;
  return {
    act: bareName(act),
    actor,
    ...(bound ? { params: bound } : {}),
    ...(given ? { facts: given } : {}),
    ...(at !== undefined ? { at: at as string } : {}),
  };
}
