/**
 * Resuming a saved case state: the state names the model and engine it was made with; resuming
 * it under another model (or engine) is reported, never a silent change.
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { ENGINE_VERSION, modelIdentity } from '../model/identity.js';
import type { ModelIdentity } from '../model/identity.js';
import type { CompiledModel } from './context.js';
import type { CaseState } from './state.js';
import { engineState, stateProblem } from './state.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem, invalidState, stateOrInvalid } from './guards.js';

const describe = (m: ModelIdentity): string =>
  `${m.title === null ? 'an untitled model' : `"${m.title}"`}${m.version ? ` (version ${m.version})` : ''}, ${m.hash}`;

/**
 * Continue a case state under `compiled`. When the state was made under another model, an error
 * `run-model-changed` says so (and which); under another engine version, a warning
 * `run-engine-changed`; a state without identity (made before states named their model), a warning
 * `run-model-unknown`. The state comes back stamped with the current model and engine either way,
 * so the change is recorded in the state rather than repeated on every step.
 */
export function resumeCase(compiled: CompiledModel, state: CaseState): Result<CaseState> {
  return atBoundary(
    'resumeCase',
    (d) => ({ value: stateOrInvalid(state), diagnostics: [d] }),
    () => {
      // a corrupt state is reported, never stamped as the engine's own
      const bad = stateProblem(state);
      if (bad) return { value: invalidState(), diagnostics: [bad] };
      const now = modelIdentity(compiled.model);
      const diagnostics: Diagnostic[] = [];
      const was = (state as Partial<CaseState>).model;
      if (was === undefined || typeof was !== 'object' || was === null || typeof was.hash !== 'string') {
        diagnostics.push({
          code: 'run-model-unknown',
          severity: 'warning',
          message: `The case state does not name the model it was made with; it is resumed under ${describe(now)}.`,
          path: '/model',
          hint: 'States made by this engine name their model; re-create the case from its events to be sure.',
        });
      } else if (was.hash !== now.hash) {
        diagnostics.push({
          code: 'run-model-changed',
          severity: 'error',
          message: `The case state was made under ${describe(was)} but is resumed under ${describe(now)}.`,
          path: '/model/hash',
          hint: 'Replay the case events under the new model (replayEvents) instead of resuming the old state.',
        });
      }
      const engine = (state as Partial<CaseState>).engine;
      if (engine !== undefined && engine !== ENGINE_VERSION) {
        diagnostics.push({
          code: 'run-engine-changed',
          severity: 'warning',
          message: `The case state was made by engine version ${String(engine)}; this is version ${ENGINE_VERSION}.`,
          path: '/engine',
        });
      }
      if (diagnostics.length === 0) return { value: state, diagnostics };
      return { value: engineState(Object.freeze({ ...state, model: now, engine: ENGINE_VERSION })), diagnostics };
    },
    compiledProblem('resumeCase', compiled),
  );
}

const identities = new WeakMap<object, ModelIdentity>();

/** {@link modelIdentity} of a compiled model's model, without its argument guard (every take and give asks). */
export function identityOf(compiled: CompiledModel): ModelIdentity {
  let id = identities.get(compiled.model);
  if (id === undefined) {
    id = modelIdentity(compiled.model);
    identities.set(compiled.model, id);
  }
  return id;
}

/**
 * The problem of using `state` with `compiled`: a malformed state (`run-invalid-state`), or a
 * state made under another model (`run-model-changed`: continue it only through
 * {@link resumeCase}, which records the change, or rebuild it with `replayEvents`). `null` when
 * the state belongs to the model. Cheap: the model's identity is computed once per model.
 */
export function caseProblem(compiled: CompiledModel, state: unknown): Diagnostic | null {
  const bad = stateProblem(state);
  if (bad) return bad;
  const was = (state as CaseState).model;
  const now = identityOf(compiled);
  if (was.hash === now.hash) return null;
  return {
    code: 'run-model-changed',
    severity: 'error',
    message: `The case state was made under ${describe(was)}, not under ${describe(now)}.`,
    path: '/model/hash',
    hint: 'Continue it with resumeCase (which records the change) or rebuild it with replayEvents under this model.',
  };
}
