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
import { quickAct } from '../case/case-file.js';
import { bareName, toGivenFact, toTakeRequest } from '../case/index.js';
import { checkGiven } from '../run/case.js';
import type { CaseState, CompiledModel, GivenFact, TakeRequest } from '../run/index.js';

type Obj = Record<string, unknown>;

/** Keys a zod record or object may treat apart from others: left to the full check. */
const odd = (k: string): boolean => k === '__proto__' || k === 'constructor' || k === 'prototype';

/**
 * The take request for `input` (an act as in a case file: act, actor, params, facts, at) on a case
 * in `state`, when the request is certainly valid for the model; null when the full check must
 * decide (it may still be valid).
 */
export function quickTakeRequest(compiled: CompiledModel, state: CaseState, input: Obj): TakeRequest | null {
  // The shape, as the case-file act schema gives it (the service's act has no force or expect).
  const shaped = quickAct(input);
  if (shaped === null || shaped.force !== undefined || shaped.expect !== undefined) return null;
  const { act, actor, params, facts } = shaped;
  // The case's declared actors: their roles are facts of the model (as checkCaseFile checks).
  const actors = new Set<string>();
  for (const [id, a] of Object.entries(state.actors)) {
    if (id.length === 0) return null;
    for (const role of a.roles) if (compiled.facts.get(bareName(role)) === undefined) return null;
    actors.add(id);
  }
  const a = compiled.acts.get(act);
  if (a === undefined) return null;
  if (params !== undefined) {
    const names = a.decl.params;
    for (const k in params) if (odd(k) || !names.some((p) => p.name === k)) return null;
  }
  let given: GivenFact[] | undefined;
  if (facts !== undefined) {
    given = [];
    for (const [i, f] of facts.entries()) {
      const g = toGivenFact(f);
      if ('code' in checkGiven(compiled, g, `/facts/${i}`)) return null;
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
  return { ...toTakeRequest(shaped), ...(given ? { facts: given } : {}) };
}
