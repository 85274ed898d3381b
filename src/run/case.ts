/**
 * Creating a case and giving facts to it.
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { ENGINE_VERSION } from '../model/identity.js';
import type { JsonScalar } from '../model/trace.js';
import { recordChange } from './changes.js';
import { canonicalScalar, fromScalar, scalarFormHint } from './convert.js';
import type { CompiledModel } from './context.js';
import { recordViolations } from './duties.js';
import { argKey, copyGiven, deepFreeze, engineState, isJsonScalar } from './state.js';
import { caseProblem, identityOf } from './resume.js';
import type { CaseEvent, CaseState, FactInstance, GivenFact } from './state.js';
import { type EquivalentDay, equivalentDayProblems } from './calendar.js';
import { isDate } from './values.js';
import { atBoundary, isRecordValue } from '../model/guard.js';
import { compiledProblem, invalidState, stateOrInvalid } from './guards.js';

const NO_ARGS: readonly JsonScalar[] = Object.freeze([]);

/** Options of {@link createCase}. */
export interface CaseOptions {
  /** The case clock: ISO date the case is evaluated as of. */
  readonly asOf: string;
  /** Actors by id with the roles (fact names) they play. */
  readonly actors?: Readonly<Record<string, { readonly roles: readonly string[] }>>;
  readonly facts?: readonly GivenFact[];
  /**
   * Days declared equivalent to feestdagen (Atw art. 3 lid 3), as dates or `{ date, source }` with the
   * declaring decision: the calendar built-ins and Atw duty deadlines of the case count them. Default: none.
   */
  readonly equivalentDays?: readonly EquivalentDay[];
}

/**
 * `<<name>>` → `name`, `[name]` → `name`: the library accepts names as the CLI and case files do
 * (callers first look the name up as written: FLINT JSON names may contain brackets).
 */
export function bareName(name: string): string {
  if (name.startsWith('<<') && name.endsWith('>>')) return name.slice(2, -2).trim();
  if (name.startsWith('[') && name.endsWith(']')) return name.slice(1, -1).trim();
  return name;
}

const INVALID_FACTS: Diagnostic = Object.freeze({
  code: 'run-invalid-facts',
  severity: 'error',
  message: 'The facts must be an array of { fact, args?, value? }.',
  path: '/facts',
});

/** Whether `name` can be played as a role: a fact of the model, or a role an act's actor names (FLINT JSON). */
function isRoleName(compiled: CompiledModel, name: string): boolean {
  if (compiled.facts.has(name)) return true;
  for (const a of compiled.acts.values()) if (a.actor.kind === 'role' && a.actor.fact === name) return true;
  return false;
}

/** The declared actors with their valid roles, and a diagnostic per actor or role left out. */
function checkActors(
  compiled: CompiledModel,
  actors: unknown,
  diagnostics: Diagnostic[],
): Record<string, { roles: string[] }> {
  const out: Record<string, { roles: string[] }> = {};
  if (actors === undefined) return out;
  if (!isRecordValue(actors)) {
    const message = 'The actors must be an object { id: { roles: [...] } }.';
    diagnostics.push({ code: 'run-invalid-actors', severity: 'error', message, path: '/actors' });
    return out;
  }
  for (const [id, a] of Object.entries(actors)) {
    if (!isRecordValue(a) || !Array.isArray(a.roles)) {
      const message = `The actor ${id} must be { roles: [role fact names] }.`;
      diagnostics.push({ code: 'run-invalid-actors', severity: 'error', message, path: `/actors/${id}` });
      continue;
    }
    const roles: string[] = [];
    a.roles.forEach((r: unknown, i: number) => {
      const name = typeof r !== 'string' ? null : isRoleName(compiled, r) ? r : bareName(r);
      if (name === null || !isRoleName(compiled, name)) {
        diagnostics.push({
          code: 'run-unknown-role',
          severity: 'error',
          message: `The actor ${id} plays ${JSON.stringify(r)}, which is not a fact or role of the model.`,
          path: `/actors/${id}/roles/${i}`,
          hint: 'A role is a fact without parameters of type actor (or of another role), e.g. fact [burger]: actor.',
        });
        return;
      }
      roles.push(name);
    });
    out[id] = { roles };
  }
  return out;
}

/** An empty, frozen case state. */
function emptyState(
  compiled: CompiledModel,
  asOf: string,
  actors: Record<string, { roles: string[] }>,
  equivalentDays: readonly EquivalentDay[] = [],
): CaseState {
  const days = equivalentDays.length === 0 ? {} : { equivalentDays };
  return engineState(
    deepFreeze({
      model: identityOf(compiled),
      engine: ENGINE_VERSION,
      asOf,
      actors,
      facts: {},
      duties: [],
      records: [],
      violations: [],
      counters: { record: 0, duty: 0 },
      ...days,
      // The log shares the (frozen) actors and equivalent days with the state.
      events: [{ kind: 'create', asOf, actors, ...days }],
    }),
  );
}

/**
 * The valid equivalent days of `days` (copies, so the frozen state holds no caller object), and a diagnostic
 * with the JSON path `/equivalentDays/i` per invalid entry (left out).
 */
function checkEquivalentDays(days: unknown, diagnostics: Diagnostic[]): EquivalentDay[] {
  if (days === undefined) return [];
  const hint = 'Write a date YYYY-MM-DD or { "date": "YYYY-MM-DD", "source": "the declaring decision" }.';
  if (!Array.isArray(days)) {
    const message = 'The equivalent days must be a list of dates or { date, source } (Atw art. 3 lid 3).';
    diagnostics.push({ code: 'run-invalid-equivalent-day', severity: 'error', message, path: '/equivalentDays', hint });
    return [];
  }
  const bad = new Set<number>();
  for (const p of equivalentDayProblems(days)) {
    bad.add(p.index);
    const path = `/equivalentDays/${p.index}`;
    diagnostics.push({ code: 'run-invalid-equivalent-day', severity: 'error', message: p.message, path, hint });
  }
  const out: EquivalentDay[] = [];
  days.forEach((e: unknown, i) => {
    if (bad.has(i)) return;
    if (typeof e === 'string') out.push(e);
    else {
      const { date, source } = e as { date: string; source?: string };
      out.push(source === undefined ? { date } : { date, source });
    }
  });
  return out;
}

/**
 * A new case with the diagnostics of its options (the recommended way to create a case): an
 * invalid `asOf` (not a real calendar date), actors or roles that are not role facts of the model,
 * and invalid given facts are reported (code, message, JSON path) and left out.
 */
export function createCaseChecked(compiled: CompiledModel, options: CaseOptions): Result<CaseState> {
  return atBoundary(
    'createCaseChecked',
    (d) => ({ value: invalidState(), diagnostics: [d] }),
    () => {
      const diagnostics: Diagnostic[] = [];
      const o: Partial<CaseOptions> = isRecordValue(options) ? options : {};
      if (typeof o.asOf !== 'string' || !isDate(o.asOf)) {
        diagnostics.push({
          code: 'run-invalid-date',
          severity: 'error',
          message: `The as-of date ${JSON.stringify(o.asOf)} is not a calendar date YYYY-MM-DD.`,
          path: '/asOf',
          hint: 'Write the date as YYYY-MM-DD, e.g. 2024-01-02; the case is then created with that clock.',
        });
      }
      const actors = checkActors(compiled, o.actors, diagnostics);
      const equivalentDays = checkEquivalentDays(o.equivalentDays, diagnostics);
      // Without a valid clock, the case has no date: it is created with no actors and facts, and with
      // an asOf that every later call reports (run-invalid-state) rather than a guessed date.
      if (diagnostics.some((d) => d.code === 'run-invalid-date')) {
        return { value: emptyState(compiled, INVALID_AS_OF, {}), diagnostics };
      }
      const state = emptyState(compiled, o.asOf as string, actors, equivalentDays);
      if (o.facts === undefined) return { value: state, diagnostics };
      if (!Array.isArray(o.facts)) {
        diagnostics.push(INVALID_FACTS);
        return { value: state, diagnostics };
      }
      if (o.facts.length === 0) return { value: state, diagnostics };
      const r = give(compiled, state, o.facts, {});
      return { value: r.value, diagnostics: [...diagnostics, ...r.diagnostics] };
    },
    compiledProblem('createCaseChecked', compiled),
  );
}

/** The asOf of a case created with an invalid date: not a date, so every engine call reports it. */
export const INVALID_AS_OF = 'invalid';

/**
 * A new case without diagnostics: like {@link createCaseChecked}, but the problems are not
 * returned. Invalid facts, actors and roles are left out (the state carries no junk); an invalid
 * `asOf` gives a case every later call refuses with `run-invalid-state`. Prefer `createCaseChecked`.
 */
export function createCase(compiled: CompiledModel, options: CaseOptions): CaseState {
  return atBoundary(
    'createCase',
    () => invalidState(),
    () => {
      return createCaseChecked(compiled, options).value;
    },
  );
}

/** Validate one given fact: its instance arguments and stored value, or a diagnostic. */
export function checkGiven(
  compiled: CompiledModel,
  g: GivenFact,
  path: string,
): { fact: string; args: readonly JsonScalar[]; value: JsonScalar } | Diagnostic {
  if (!isRecordValue(g) || typeof g.fact !== 'string') {
    return {
      code: 'run-invalid-fact',
      severity: 'error',
      message: 'A given fact must be an object { fact, args?, value?, by? } with a fact name.',
      path,
    };
  }
  if (g.args !== undefined && (!Array.isArray(g.args) || !g.args.every(isJsonScalar))) {
    return {
      code: 'run-invalid-fact',
      severity: 'error',
      message: `The arguments of [${g.fact}] must be an array of strings, numbers, booleans or null.`,
      path: `${path}/args`,
    };
  }
  const vt = typeof g.value;
  if (g.value !== undefined && !(vt === 'string' || vt === 'number' || vt === 'boolean')) {
    return {
      code: 'run-wrong-type',
      severity: 'error',
      message: `The value ${JSON.stringify(g.value)} of [${g.fact}] is not a boolean, number or text.`,
      path: `${path}/value`,
    };
  }
  if (g.by !== undefined && typeof g.by !== 'string') {
    const message = `The "by" of [${g.fact}] must be an actor id.`;
    return { code: 'run-invalid-fact', severity: 'error', message, path: `${path}/by` };
  }
  const f = compiled.facts.get(g.fact) ?? compiled.facts.get(bareName(g.fact));
  if (!f) {
    return {
      code: 'run-unknown-fact',
      severity: 'error',
      message: `The fact [${g.fact}] is not defined in the model.`,
      path,
    };
  }
  if (f.mode === 'derived') {
    return {
      code: 'run-derived-fact-given',
      severity: 'error',
      message: `The fact [${g.fact}] is derived from its definition and cannot be given.`,
      path,
      hint: 'Give the input facts its definition reads instead.',
    };
  }
  let args: readonly JsonScalar[] = g.args === undefined || g.args.length === 0 ? NO_ARGS : [...g.args];
  let value: JsonScalar = g.value ?? true;
  if (f.isRole && args.length === 0 && typeof g.value === 'string') {
    args = [g.value];
    value = true;
  }
  if (args.length !== f.arity) {
    return {
      code: 'run-wrong-arity',
      severity: 'error',
      message: `The fact [${g.fact}] takes ${f.arity} argument(s) but ${args.length} were given.`,
      path,
    };
  }
  const params = f.decl?.params ?? [];
  let canonical: JsonScalar[] | null = null;
  for (const [i, p] of params.entries()) {
    const a = args[i] ?? null;
    const c = canonicalScalar(p.type, a, compiled);
    if (c === undefined) {
      return {
        code: 'run-wrong-type',
        severity: 'error',
        message:
          `Argument ${p.name} of [${g.fact}] must be of type ` +
          `${p.type.kind === 'FactType' ? `[${p.type.name}]` : p.type.name}; got ${JSON.stringify(a)}.`,
        path: `${path}/args/${i}`,
        hint: scalarFormHint(p.type),
      };
    }
    // Keyed in canonical form, so `2019` and `"2019"` given for an integer are one instance.
    if (c !== a) (canonical ??= [...args])[i] = c;
  }
  if (canonical !== null) args = canonical;
  const type = f.isRole ? null : f.type;
  const boolType = type === null || (type.kind === 'PrimitiveType' && type.name === 'boolean');
  if (boolType ? typeof value !== 'boolean' : fromScalar(type, value, compiled) === null) {
    return {
      code: 'run-wrong-type',
      severity: 'error',
      message: `The value ${JSON.stringify(value)} does not fit the type of [${g.fact}].`,
      path: `${path}/value`,
      hint: boolType
        ? 'Give true or false.'
        : type?.kind === 'PrimitiveType' && type.name === 'month'
          ? scalarFormHint(type)
          : 'Decimals are given as text, e.g. "12.50"; dates as "YYYY-MM-DD".',
    };
  }
  if (type && type.kind === 'PrimitiveType' && (type.name === 'date' ? !isDate(String(value)) : false)) {
    return {
      code: 'run-wrong-type',
      severity: 'error',
      message: `The value ${JSON.stringify(value)} of [${g.fact}] is not an ISO date.`,
      path: `${path}/value`,
    };
  }
  return { fact: f.name, args, value };
}

/**
 * Give facts to a case (by `by`, at `at`, default the case clock). Invalid facts are reported
 * and left out; the others are stored with `given` provenance, replacing earlier knowledge.
 */
export function give(
  compiled: CompiledModel,
  state: CaseState,
  facts: readonly GivenFact[],
  options: { readonly by?: string; readonly at?: string } = {},
): Result<CaseState> {
  return atBoundary(
    'give',
    (d) => ({ value: stateOrInvalid(state), diagnostics: [d] }),
    () => {
      return giveFacts(compiled, state, facts, options, true);
    },
    compiledProblem('give', compiled),
  );
}

/**
 * {@link give}, logging a `give` event of the facts applied when `log` (takes give their facts
 * unlogged: the `take` event holds them).
 */
export function giveFacts(
  compiled: CompiledModel,
  state: CaseState,
  facts: readonly GivenFact[],
  options: { readonly by?: string; readonly at?: string },
  log: boolean,
): Result<CaseState> {
  const diagnostics: Diagnostic[] = [];
  const bad = caseProblem(compiled, state);
  if (bad) return { value: state, diagnostics: [bad] };
  if (!Array.isArray(facts)) {
    return { value: state, diagnostics: [INVALID_FACTS] };
  }
  if (options.at !== undefined && (typeof options.at !== 'string' || !isDate(options.at))) {
    const d: Diagnostic = {
      code: 'run-invalid-date',
      severity: 'error',
      message: `The date ${JSON.stringify(options.at)} the facts were given at is not a calendar date YYYY-MM-DD.`,
      path: '/at',
    };
    return { value: state, diagnostics: [d] };
  }
  const ok: { given: GivenFact; fact: string; inst: FactInstance }[] = [];
  // One frozen provenance per supplier: most calls give many facts from one source.
  const provenances = new Map<string | null, FactInstance['provenance']>();
  const provenanceOf = (by: string | null): FactInstance['provenance'] => {
    let p = provenances.get(by);
    if (p === undefined) {
      p = Object.freeze({ kind: 'given', by, at: options.at ?? state.asOf } as const);
      provenances.set(by, p);
    }
    return p;
  };
  facts.forEach((g, i) => {
    const r = checkGiven(compiled, g, `/facts/${i}`);
    if ('code' in r) {
      diagnostics.push(r);
      return;
    }
    ok.push({
      given: g,
      fact: r.fact,
      inst: {
        args: r.args,
        value: r.value,
        provenance: provenanceOf(g.by ?? options.by ?? null),
        terminated: null,
      },
    });
  });
  if (ok.length === 0) return { value: state, diagnostics };
  const event: CaseEvent | undefined = log
    ? {
        kind: 'give',
        facts: Object.freeze(copyGiven(ok.length === facts.length ? facts : ok.map((o) => o.given))),
        by: options.by ?? null,
        at: options.at ?? null,
      }
    : undefined;
  // A `violated when` condition may hold as soon as a fact is known: violations are recorded now.
  const next = withFacts(state, ok, event === undefined ? [] : [Object.freeze(event)]);
  return { value: recordViolations(compiled, next).state, diagnostics };
}

/** One fact of {@link giveInTurn}: the fact and the date it was given at (default the case clock). */
export interface FactInTurn {
  readonly given: GivenFact;
  readonly at?: string | undefined;
}

/**
 * Give facts one at a time, each as its own `give` with its own date, exactly as successive calls
 * `give(compiled, state, [fact], { at })` would — the same state, event log (one `give` event per
 * fact applied) and diagnostics (JSON path `/facts/<i>` of the fact) — but building one new state
 * instead of one per fact. `startCase` gives a case file's facts this way (the batch hot path).
 *
 * Returns `null` when the shortcut cannot vouch for that equivalence, and the caller gives the
 * facts one call at a time: the state is not a valid state of `compiled` (each call would report
 * it), it holds duties (each give checks their violations), or a date is not a calendar date.
 */
export function giveInTurn(
  compiled: CompiledModel,
  state: CaseState,
  facts: readonly FactInTurn[],
): Result<CaseState> | null {
  if (!Array.isArray(facts) || caseProblem(compiled, state) !== null || state.duties.length > 0) return null;
  for (const f of facts) if (f.at !== undefined && (typeof f.at !== 'string' || !isDate(f.at))) return null;
  const diagnostics: Diagnostic[] = [];
  const set: { fact: string; inst: FactInstance }[] = [];
  const events: CaseEvent[] = [];
  facts.forEach((f, i) => {
    const g = f.given;
    const r = checkGiven(compiled, g, `/facts/${i}`);
    if ('code' in r) {
      diagnostics.push(r);
      return;
    }
    const provenance = Object.freeze({ kind: 'given', by: g.by ?? null, at: f.at ?? state.asOf } as const);
    set.push({ fact: r.fact, inst: { args: r.args, value: r.value, provenance, terminated: null } });
    events.push(Object.freeze({ kind: 'give', facts: Object.freeze(copyGiven([g])), by: null, at: f.at ?? null }));
  });
  if (set.length === 0) return { value: state, diagnostics };
  return { value: withFacts(state, set, events), diagnostics };
}

/**
 * A copy of `state` with fact instances set (replacing same-keyed ones). Copy-on-write by hand:
 * only the touched buckets are copied and only new objects are frozen, which keeps giving facts
 * cheap on the batch hot path. The result is deeply frozen, like every state. `events` (frozen)
 * are appended to the log.
 */
export function withFacts(
  state: CaseState,
  set: readonly { fact: string; inst: FactInstance }[],
  events: readonly CaseEvent[] = [],
): CaseState {
  const facts: Record<string, Readonly<Record<string, FactInstance>>> = { ...state.facts };
  const touched = new Map<string, Record<string, FactInstance>>();
  for (const { fact, inst } of set) {
    let bucket = touched.get(fact);
    if (bucket === undefined) {
      bucket = { ...(state.facts[fact] ?? {}) };
      touched.set(fact, bucket);
      facts[fact] = bucket;
    }
    bucket[argKey(inst.args)] = freezeInstance(inst);
  }
  for (const b of touched.values()) Object.freeze(b);
  recordChange(facts, state.facts, [...touched.keys()]);
  if (events.length === 0) return engineState(Object.freeze({ ...state, facts: Object.freeze(facts) }));
  return engineState(
    Object.freeze({ ...state, facts: Object.freeze(facts), events: Object.freeze([...state.events, ...events]) }),
  );
}

/** Freeze a new fact instance and its parts. */
export function freezeInstance(inst: FactInstance): FactInstance {
  Object.freeze(inst.args);
  Object.freeze(inst.provenance);
  if (inst.terminated) Object.freeze(inst.terminated);
  return Object.freeze(inst);
}
