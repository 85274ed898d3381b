/**
 * The case state: plain JSON-able, frozen data. Never mutated in place: every change copies, by
 * hand, only the parts it touches (copy-on-write) and freezes the new objects ({@link deepFreeze}),
 * so unchanged parts are shared between states.
 */
import type { ModelIdentity } from '../model/identity.js';
import * as z from 'zod';
import { isRecordValue } from '../model/guard.js';
import type { JsonScalar, Provenance } from '../model/trace.js';
import { isDate } from './values.js';
import type { EquivalentDay } from './calendar.js';

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
      /** The case's Atw art. 3 lid 3 days ({@link CaseState.equivalentDays}); absent when none. */
      readonly equivalentDays?: readonly EquivalentDay[];
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
  /**
   * The days declared equivalent to feestdagen (Atw art. 3 lid 3) for this case, as given to `createCase`:
   * every calendar use in evaluation (`is_holiday`, `is_working_day`, `next_working_day`, Atw duty deadlines)
   * counts them. Absent when none.
   */
  readonly equivalentDays?: readonly EquivalentDay[];
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
  return engineState(Object.freeze({ ...state, events: Object.freeze([...state.events, Object.freeze(event)]) }));
}

/** The key of an argument tuple in {@link CaseState.facts}. */
export const argKey = (args: readonly JsonScalar[]): string => (args.length === 0 ? '[]' : JSON.stringify(args));

/** A JSON scalar a case may hold: text, a finite number, a boolean or null. */
export const isJsonScalar = (v: unknown): v is JsonScalar =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The JSON shape of a {@link DutyInstance} (also part of the `flint run --format json` document). */
export const dutyInstanceSchema = z.strictObject({
  id: z.string(),
  duty: z.string(),
  args: z.array(scalar),
  createdBy: z.string(),
  createdAt: z.string(),
  deadline: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  endedBy: z.string().nullable(),
  endedAt: z.string().nullable(),
  violatedAt: z.string().nullable(),
});

/** The JSON shape of a {@link Violation} (also part of the `flint run --format json` document). */
export const violationSchema = z.strictObject({
  kind: z.enum(['duty-deadline', 'duty-condition', 'forced-act']),
  ref: z.string(),
  frame: z.string(),
  args: z.array(scalar),
  at: z.string(),
  message: z.string(),
});
const givenFactSchema = z.object({
  fact: z.string(),
  args: z.array(scalar).optional(),
  value: z.union([z.boolean(), z.string(), z.number()]).optional(),
  by: z.string().optional(),
});
const provenanceSchema = z.union([
  z.object({ kind: z.literal('given'), by: z.string().nullable(), at: z.string() }),
  z.object({ kind: z.literal('created'), record: z.string(), at: z.string() }),
  z.object({
    kind: z.literal('derived'),
    frame: z.string(),
    from: z.array(z.object({ fact: z.string(), args: z.array(scalar) })),
  }),
  z.object({ kind: z.literal('role'), actor: z.string() }),
]);
const actorsSchema = z.record(z.string(), z.object({ roles: z.array(z.string()) }));
const paramsSchema = z.record(z.string(), scalar);
const equivalentDaysSchema = z.array(
  z.union([z.string(), z.object({ date: z.string(), source: z.string().optional() })]),
);

/**
 * The shape of a {@link CaseState} made outside the engine (a stored state read back, a hand-made
 * object): what every engine function relies on. Extra fields are allowed; `model` and `engine`
 * are checked by resumeCase (a state without them is resumed with a warning).
 */
export const caseStateSchema = z.object({
  asOf: z.string(),
  actors: actorsSchema,
  facts: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        args: z.array(scalar),
        value: scalar,
        provenance: provenanceSchema,
        terminated: z.object({ record: z.string(), at: z.string() }).nullable(),
      }),
    ),
  ),
  duties: z.array(dutyInstanceSchema),
  records: z.array(
    z.object({
      id: z.string(),
      act: z.string(),
      actor: z.string(),
      params: paramsSchema,
      at: z.string(),
      facts: z.array(givenFactSchema),
      forced: z.boolean(),
    }),
  ),
  violations: z.array(violationSchema),
  counters: z.object({ record: z.number(), duty: z.number() }),
  equivalentDays: equivalentDaysSchema.optional(),
  events: z.array(
    z.union([
      z.object({
        kind: z.literal('create'),
        asOf: z.string(),
        actors: actorsSchema,
        equivalentDays: equivalentDaysSchema.optional(),
      }),
      z.object({
        kind: z.literal('give'),
        facts: z.array(givenFactSchema),
        by: z.string().nullable(),
        at: z.string().nullable(),
      }),
      z.object({
        kind: z.enum(['take', 'force']),
        act: z.string(),
        actor: z.string(),
        params: paramsSchema,
        facts: z.array(givenFactSchema),
        at: z.string(),
      }),
      z.object({ kind: z.literal('advance'), to: z.string() }),
    ]),
  ),
});

/** The states the engine made (frozen, valid by construction): the O(1) part of {@link stateProblem}. */
const engineStates = new WeakSet<object>();

/** Register `state` as made by the engine (every function that builds a new state calls this). */
export function engineState<T extends CaseState>(state: T): T {
  engineStates.add(state);
  return state;
}

/**
 * A diagnostic when `state` is not a case state (a corrupt stored state, a wrong object), else
 * `null`. A state the engine made is recognised in O(1) (a WeakSet of engine-made states; only
 * its clock is looked at, since a case created with an invalid asOf has none), so `take` on the
 * hot path pays nothing; any other object is validated in full ({@link caseStateSchema}).
 */
export function stateProblem(
  state: unknown,
): { code: string; severity: 'error'; message: string; path: string } | null {
  // an engine-made state has a valid clock, unless it was created with an invalid asOf (another length)
  if (isRecordValue(state) && engineStates.has(state) && (state.asOf as string).length === 10) return null;
  const bad = (path: string, what: string) => ({
    code: 'run-invalid-state',
    severity: 'error' as const,
    message: `The case state is not valid: ${what}.`,
    path,
  });
  if (!isRecordValue(state)) return bad('', 'it is not an object');
  if (typeof state.asOf !== 'string' || !isDate(state.asOf)) {
    const clock = JSON.stringify(state.asOf);
    return bad('/asOf', `its clock ${clock} is not a calendar date (was the case created with an invalid asOf?)`);
  }
  let r: ReturnType<typeof caseStateSchema.safeParse>;
  try {
    r = caseStateSchema.safeParse(state);
  } catch {
    // zod fails on exotic objects (getters that throw, proxies): not a state either
    return bad('', 'it is not plain JSON data');
  }
  if (r.success) return null;
  const issue = r.error.issues[0];
  const path = (issue?.path ?? []).map((p) => `/${String(p)}`).join('');
  return bad(
    path,
    `${path === '' ? 'the state' : path.slice(1).replaceAll('/', '.')}: ${issue?.message ?? 'wrong shape'}`,
  );
}

/** Freeze a plain JSON value and everything in it (objects already frozen are taken as frozen throughout). */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
