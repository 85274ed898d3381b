/**
 * Argument guards of the interpreter's public functions (src/model/guard.ts): the shape checks of
 * compiled models and case states, the results a function returns for a malformed argument, and
 * the guarded `compile` (compile.ts is being split; its guard lives here meanwhile).
 */
import type { Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { atBoundary, emptyModel, invalidArgument, isRecordValue, kindOf, modelProblem } from '../model/guard.js';
import type { Reason } from '../model/trace.js';
import { take } from './acts.js';
import type { TakeResult } from './acts.js';
import { createCase, INVALID_AS_OF } from './case.js';
import { compile as compileModel } from './compile.js';
import type { CompiledModel } from './context.js';
import type { CaseState } from './state.js';
import { stateProblem } from './state.js';

/**
 * The top-level shape of a {@link CompiledModel} (what `compile` returns): its maps, act order,
 * printer and model. O(1): the maps' contents were built by `compile` and are not inspected.
 */
export function isCompiledModel(v: unknown): v is CompiledModel {
  if (!isRecordValue(v)) return false;
  return (
    v.facts instanceof Map &&
    v.acts instanceof Map &&
    v.duties instanceof Map &&
    v.sources instanceof Map &&
    Array.isArray(v.actOrder) &&
    typeof v.printExpr === 'function' &&
    isRecordValue(v.plan) &&
    isRecordValue(v.model)
  );
}

/** An `invalid-argument` diagnostic when `v` is not a compiled model (argument `index`), else null. */
export function compiledProblem(fn: string, v: unknown, index = 0): Diagnostic | null {
  if (isCompiledModel(v)) return null;
  return invalidArgument(
    fn,
    `/${index}`,
    `argument ${index + 1} is not a compiled model but ${kindOf(v)}.`,
    'Pass the value of compile(model).',
  );
}

let emptyCompiled: CompiledModel | undefined;
let invalid: CaseState | undefined;

/** The compiled empty model (lazily: modules import each other). */
function theEmptyCompiled(): CompiledModel {
  emptyCompiled ??= compileModel(emptyModel()).value;
  return emptyCompiled;
}

/** The state returned for a malformed argument: no model, and a clock every engine call refuses. */
export function invalidState(): CaseState {
  invalid ??= createCase(theEmptyCompiled(), { asOf: INVALID_AS_OF });
  return invalid;
}

/** `state` when it is a valid case state, else {@link invalidState}. */
export function stateOrInvalid(state: unknown): CaseState {
  return stateProblem(state) === null ? (state as CaseState) : invalidState();
}

/** A refusal reason that carries a diagnostic's message. */
export function reasonOf(d: Diagnostic): Reason {
  return { item: 'parameter', status: 'false', expr: '', message: d.message, frame: null };
}

/** The result of take/force for a malformed argument: refused, the state unchanged when valid. */
export function refusedTake(state: unknown, d: Diagnostic): TakeResult {
  const s = stateOrInvalid(state);
  const r = take(theEmptyCompiled(), invalidState(), { act: '', actor: '' }, { trace: false });
  return { ok: false, state: s, refusal: { reasons: [reasonOf(d)] }, trace: r.trace };
}

/**
 * Compile a model: index facts, acts, duties and sources by name (last definition wins) and
 * compile every expression once. Diagnostics (warnings) name what cannot run natively; a malformed
 * model gives `invalid-argument` and the compiled empty model.
 */
export function compile(model: Model): Result<CompiledModel> {
  const fallback = (d: Diagnostic): Result<CompiledModel> => ({ value: theEmptyCompiled(), diagnostics: [d] });
  const bad = modelProblem('compile', model);
  if (bad) return fallback(bad);
  return atBoundary('compile', fallback, () => compileModel(model));
}
