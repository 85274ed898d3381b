/**
 * The case state: plain JSON-able, frozen data. Never mutated in place: every change copies, by
 * hand, only the parts it touches (copy-on-write) and freezes the new objects ({@link deepFreeze}),
 * so unchanged parts are shared between states.
 */
import type { ModelIdentity } from '../model/identity.js';
import type { JsonScalar, Provenance } from '../model/trace.js';
import { isDate } from './values.js';

export type { JsonScalar } from '../model/trace.js';

/** A fact supplied by the case: `{ fact: 'aanvraag', args: ['alice'], value: true }`. */
export interface GivenFact {
  readonly fact: string;
  readonly args?: readonly JsonScalar[];
  /** `true` when omitted. Decimals as strings; dates `YYYY-MM-DD`; durations `P30D`. */
  readonly value?: boolean | string | number;
  /** Who supplied it (an actor id); defaults to the `by` of the call. */
  readonly by?: string;
}

/** What is known about one fact instance. */
export interface FactInstance {
  readonly args: readonly JsonScalar[];
  /** The stored value: `true`/`false` for boolean facts, the scalar for typed facts. */
  readonly value: JsonScalar;
  readonly provenance: Provenance;
  /** Set when an act terminated the instance: it no longer holds (it is known false). */
  readonly terminated: { readonly record: string; readonly at: string } | null;
}

/** A record of an act taken (or forced). */
export interface ActRecord {
  readonly id: string;
  readonly act: string;
  readonly actor: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly at: string;
  /** Facts supplied with the take, given just before the act was checked. */
  readonly facts: readonly GivenFact[];
  readonly forced: boolean;
}

/** A duty instance created by an act. */
export interface DutyInstance {
  readonly id: string;
  readonly duty: string;
  readonly args: readonly JsonScalar[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly deadline: string | null;
  readonly status: 'active' | 'ended';
  readonly endedBy: string | null;
  readonly endedAt: string | null;
  /** Set once when the duty was violated (deadline passed or violation condition held). */
  readonly violatedAt: string | null;
}

/** A violation: a duty violated, or an act forced while not enabled. */
export interface Violation {
  readonly kind: 'duty-deadline' | 'duty-condition' | 'forced-act';
  /** Duty instance id or act record id. */
  readonly ref: string;
  readonly frame: string;
  readonly args: readonly JsonScalar[];
  readonly at: string;
  readonly message: string;
}

/**
 * One entry of a case's event log ({@link CaseState.events}): everything that changed the state,
 * in order, so that `replayEvents(compiled, events)` rebuilds the state byte for byte.
 * - `create`: the case was created (clock and declared actors);
 * - `give`: facts were given (`give`, or `createCase` with facts), with the `by`/`at` of the call;
 * - `take` / `force`: an act was taken, or forced while not enabled (a force of an enabled act is
 *   a take), with its parameters in canonical form, the facts given with it and the date it was
 *   taken on: what its {@link ActRecord} holds. Refused acts leave the state unchanged and are
 *   not logged;
 * - `advance`: the clock was moved (`advance`; a take on a later date moves it
 *   itself and logs only the take).
 */
export type CaseEvent =
  | {
      readonly kind: 'create';
      readonly asOf: string;
      readonly actors: Readonly<Record<string, { readonly roles: readonly string[] }>>;
    }
  | {
      readonly kind: 'give';
      readonly facts: readonly GivenFact[];
      readonly by: string | null;
      readonly at: string | null;
    }
  | {
      readonly kind: 'take' | 'force';
      readonly act: string;
      readonly actor: string;
      readonly params: Readonly<Record<string, JsonScalar>>;
      readonly facts: readonly GivenFact[];
      readonly at: string;
    }
  | { readonly kind: 'advance'; readonly to: string };

/** The whole state of a case. */
export interface CaseState {
  /** The model the case runs under (see resumeCase for a state made under another model). */
  readonly model: ModelIdentity;
  /** The version of the engine that made the state (ENGINE_VERSION). */
  readonly engine: string;
  /** The clock: the current as-of date. */
  readonly asOf: string;
  readonly actors: Readonly<Record<string, { readonly roles: readonly string[] }>>;
  /** Fact instances by fact name, then by argument key (`JSON.stringify(args)`). */
  readonly facts: Readonly<Record<string, Readonly<Record<string, FactInstance>>>>;
  readonly duties: readonly DutyInstance[];
  readonly records: readonly ActRecord[];
  readonly violations: readonly Violation[];
  readonly counters: { readonly record: number; readonly duty: number };
  /** The event log: every change made to the case, in order (see {@link CaseEvent}). */
  readonly events: readonly CaseEvent[];
}

/** A copy of given facts for the event log (the log is frozen; the caller's objects are not). */
export function copyGiven(facts: readonly GivenFact[]): GivenFact[] {
  return facts.map((g) => (g.args === undefined ? { ...g } : { ...g, args: [...g.args] }));
}

/**
 * `state` with `event` appended to its log. The event and its lists are frozen; the given facts in
 * it are the engine's own copies (or the act record's, already frozen), which nothing else holds.
 * Freezing every fact object of a large give would cost more than the give itself.
 */
export function withEvent(state: CaseState, event: CaseEvent): CaseState {
  if ('facts' in event) Object.freeze(event.facts);
  return Object.freeze({ ...state, events: Object.freeze([...state.events, Object.freeze(event)]) });
}

/** The key of an argument tuple in {@link CaseState.facts}. */
export const argKey = (args: readonly JsonScalar[]): string => (args.length === 0 ? '[]' : JSON.stringify(args));

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalarValue = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * A diagnostic when `state` is not a case state (a corrupt stored state, a wrong object), else
 * `null`. States the engine produces are deeply frozen and are not inspected again (cost: one
 * `Object.isFrozen`, so `take` on the hot path pays nothing); any other object is checked for the
 * shape every engine function relies on.
 */
export function stateProblem(
  state: unknown,
): { code: string; severity: 'error'; message: string; path: string } | null {
  // Engine-produced states are deeply frozen, and their clock was checked when it was set: a
  // cheap test suffices (a case created with an invalid asOf has a clock of another length).
  if (isObj(state) && Object.isFrozen(state) && typeof state.asOf === 'string' && state.asOf.length === 10) {
    if (Object.isFrozen(state.facts)) return null;
  }
  const bad = (path: string, what: string) => ({
    code: 'run-invalid-state',
    severity: 'error' as const,
    message: `The case state is not valid: ${what}.`,
    path,
  });
  if (!isObj(state)) return bad('', 'it is not an object');
  if (typeof state.asOf !== 'string' || !isDate(state.asOf)) {
    const clock = JSON.stringify(state.asOf);
    return bad('/asOf', `its clock ${clock} is not a calendar date (was the case created with an invalid asOf?)`);
  }
  if (Object.isFrozen(state) && Object.isFrozen(state.facts)) return null;
  if (!isObj(state.actors)) return bad('/actors', 'actors is not an object');
  for (const [id, a] of Object.entries(state.actors)) {
    if (!isObj(a) || !Array.isArray(a.roles) || !a.roles.every((r) => typeof r === 'string')) {
      return bad(`/actors/${id}`, `actor ${id} has no list of roles`);
    }
  }
  if (!isObj(state.facts)) return bad('/facts', 'facts is not an object');
  for (const [f, bucket] of Object.entries(state.facts)) {
    if (!isObj(bucket)) return bad(`/facts/${f}`, `the instances of ${f} are not an object`);
    for (const [k, inst] of Object.entries(bucket)) {
      if (!isObj(inst) || !Array.isArray(inst.args) || !inst.args.every(isScalarValue) || !isScalarValue(inst.value)) {
        return bad(`/facts/${f}/${k}`, `an instance of ${f} has no arguments or value`);
      }
      if (!isObj(inst.provenance) || (inst.terminated !== null && !isObj(inst.terminated))) {
        return bad(`/facts/${f}/${k}`, `an instance of ${f} has no provenance`);
      }
    }
  }
  for (const k of ['duties', 'records', 'violations'] as const) {
    const list = state[k];
    if (!Array.isArray(list) || !list.every(isObj)) return bad(`/${k}`, `${k} is not a list of objects`);
  }
  for (const [i, d] of (state.duties as Record<string, unknown>[]).entries()) {
    if (typeof d.duty !== 'string' || !Array.isArray(d.args) || typeof d.status !== 'string') {
      return bad(`/duties/${i}`, 'a duty instance has no name, arguments or status');
    }
  }
  const c = state.counters;
  if (!isObj(c) || typeof c.record !== 'number' || typeof c.duty !== 'number') {
    return bad('/counters', 'counters are missing');
  }
  return null;
}

/** Freeze a plain JSON value and everything in it (objects already frozen are taken as frozen throughout). */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
