/**
 * Replaying act records: the case history is the initial state plus its records.
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { advance, createCaseChecked, force, give, take } from '../run/index.js';
import type { ActRecord, CaseEvent, CaseState, CompiledModel } from '../run/index.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem, invalidState, stateOrInvalid } from '../run/guards.js';

/**
 * Re-take every record in order from `initial` (forced records are forced again), then move the
 * clock to `options.asOf` when given. A record that is refused is reported and skipped.
 */
export function replay(
  compiled: CompiledModel,
  initial: CaseState,
  records: readonly ActRecord[],
  options: { readonly asOf?: string } = {},
): Result<CaseState> {
  return atBoundary(
    'replay',
    (d) => ({ value: stateOrInvalid(initial), diagnostics: [d] }),
    () => {
      let state = initial;
      const diagnostics: Diagnostic[] = [];
      records.forEach((r, i) => {
        state = replayAct(compiled, state, { ...r, forced: r.forced }, `Record ${r.id}`, `/records/${i}`, diagnostics);
      });
      if (options.asOf !== undefined) state = advance(compiled, state, options.asOf).state;
      return { value: state, diagnostics };
    },
    compiledProblem('replay', compiled),
  );
}

/**
 * Rebuild a case from its event log (`state.events`): `replayEvents(compiled, state.events)` gives
 * a state byte-identical (canonicalJson) to `state` when run under the same model. The first event
 * must be `create`. Events that no longer apply (a refused take, facts the model rejects, a
 * malformed event) are reported with their JSON path and skipped; the rest still replay.
 */
export function replayEvents(compiled: CompiledModel, events: readonly CaseEvent[]): Result<CaseState> {
  return atBoundary(
    'replayEvents',
    (d) => ({ value: invalidState(), diagnostics: [d] }),
    () => {
      const diagnostics: Diagnostic[] = [];
      const first = events[0];
      if (first === undefined || first.kind !== 'create' || typeof first.asOf !== 'string') {
        diagnostics.push({
          code: 'replay-no-create',
          severity: 'error',
          message: 'An event log starts with a create event ({ "kind": "create", "asOf": ..., "actors": ... }).',
          path: '/0',
        });
      }
      const start = first?.kind === 'create' && typeof first.asOf === 'string' ? first : null;
      const days = start?.equivalentDays === undefined ? {} : { equivalentDays: start.equivalentDays };
      const created = createCaseChecked(compiled, {
        asOf: start?.asOf ?? '0000-01-01',
        actors: start?.actors ?? {},
        ...days,
      });
      for (const d of created.diagnostics)
        if (d.code === 'run-invalid-equivalent-day') diagnostics.push({ ...d, path: `/0${d.path ?? ''}` });
      let state = created.value;
      for (let i = start ? 1 : 0; i < events.length; i++) {
        const e = events[i] as CaseEvent;
        const path = `/${i}`;
        switch (e?.kind) {
          case 'give': {
            const opts = {
              ...(e.by !== null && e.by !== undefined ? { by: e.by } : {}),
              ...(e.at !== null && e.at !== undefined ? { at: e.at } : {}),
            };
            const g = give(compiled, state, Array.isArray(e.facts) ? e.facts : [], opts);
            for (const d of g.diagnostics) diagnostics.push({ ...d, path: `${path}${d.path ?? ''}` });
            state = g.value;
            break;
          }
          case 'take':
          case 'force': {
            const act = { act: e.act, actor: e.actor, params: e.params ?? {}, at: e.at, facts: e.facts ?? [] };
            state = replayAct(compiled, state, { ...act, forced: e.kind === 'force' }, `Event ${i}`, path, diagnostics);
            break;
          }
          case 'advance':
            state = advance(compiled, state, e.to).state;
            break;
          default:
            diagnostics.push({
              code: 'replay-unknown-event',
              severity: 'error',
              message: `Event ${i} is not a case event (create, give, take, force, advance).`,
              path: `${path}/kind`,
            });
        }
      }
      return { value: state, diagnostics };
    },
    compiledProblem('replayEvents', compiled),
  );
}

/**
 * Take (or force) one recorded act again, without a trace; a refusal is reported at `path`
 * (`replay-refused`, naming `what`) and leaves the state as it was.
 */
function replayAct(
  compiled: CompiledModel,
  state: CaseState,
  r: Pick<ActRecord, 'act' | 'actor' | 'params' | 'at' | 'facts' | 'forced'>,
  what: string,
  path: string,
  diagnostics: Diagnostic[],
): CaseState {
  const req = {
    act: r.act,
    actor: r.actor,
    params: r.params,
    at: r.at,
    ...(r.facts.length > 0 ? { facts: r.facts } : {}),
  };
  const out = r.forced ? force(compiled, state, req, { trace: false }) : take(compiled, state, req, { trace: false });
  if (out.ok) return out.state;
  diagnostics.push({
    code: 'replay-refused',
    severity: 'error',
    message:
      `${what} (<<${r.act}>> by ${r.actor} at ${r.at}) was refused on replay: ` +
      out.refusal.reasons.map((x) => x.message).join(' '),
    path,
  });
  return state;
}
