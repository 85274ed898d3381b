/**
 * Creating a case and giving facts to it.
 */
import { freeze } from 'immer';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { ENGINE_VERSION, modelIdentity } from '../model/identity.js';
import type { JsonScalar } from '../model/trace.js';
import { recordChange } from './changes.js';
import { canonicalScalar, fromScalar } from './compile.js';
import type { CompiledModel } from './context.js';
import { argKey, copyGiven } from './state.js';
import type { CaseEvent, CaseState, FactInstance, GivenFact } from './state.js';
import { isDate } from './values.js';

const NO_ARGS: readonly JsonScalar[] = Object.freeze([]);

/** Options of {@link createCase}. */
export interface CaseOptions {
  /** The case clock: ISO date the case is evaluated as of. */
  readonly asOf: string;
  /** Actors by id with the roles (fact names) they play. */
  readonly actors?: Readonly<Record<string, { readonly roles: readonly string[] }>>;
  readonly facts?: readonly GivenFact[];
}

/** An empty, frozen case state. */
function emptyState(compiled: CompiledModel, options: CaseOptions): CaseState {
  const actors: Record<string, { roles: string[] }> = {};
  for (const [id, a] of Object.entries(options.actors ?? {})) actors[id] = { roles: [...a.roles] };
  return freeze(
    {
      model: modelIdentity(compiled.model),
      engine: ENGINE_VERSION,
      asOf: options.asOf,
      actors,
      facts: {},
      duties: [],
      records: [],
      violations: [],
      counters: { record: 0, duty: 0 },
      // The log shares the (frozen) actors with the state.
      events: [{ kind: 'create', asOf: options.asOf, actors }],
    },
    true,
  );
}

/** A new case with the diagnostics of its given facts (invalid facts are left out). */
export function createCaseChecked(compiled: CompiledModel, options: CaseOptions): Result<CaseState> {
  const diagnostics: Diagnostic[] = [];
  if (!isDate(options.asOf)) {
    diagnostics.push({
      code: 'run-invalid-date',
      severity: 'error',
      message: `The as-of date "${options.asOf}" is not an ISO date YYYY-MM-DD.`,
    });
  }
  const state = emptyState(compiled, options);
  if (!options.facts || options.facts.length === 0) return { value: state, diagnostics };
  const r = give(compiled, state, options.facts, {});
  return { value: r.value, diagnostics: [...diagnostics, ...r.diagnostics] };
}

/** A new case: clock `asOf`, declared actors with roles, given facts. Invalid facts are left out. */
export function createCase(compiled: CompiledModel, options: CaseOptions): CaseState {
  return createCaseChecked(compiled, options).value;
}

/** Validate one given fact: its instance arguments and stored value, or a diagnostic. */
export function checkGiven(
  compiled: CompiledModel,
  g: GivenFact,
  path: string,
): { args: readonly JsonScalar[]; value: JsonScalar } | Diagnostic {
  const f = compiled.facts.get(g.fact);
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
        message: `Argument ${p.name} of [${g.fact}] must be of type ${p.type.kind === 'FactType' ? `[${p.type.name}]` : p.type.name}; got ${JSON.stringify(a)}.`,
        path: `${path}/args/${i}`,
        hint: 'Integers and decimals are given as numbers or as text ("2019", "12.50"); dates as "YYYY-MM-DD".',
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
      hint: boolType ? 'Give true or false.' : 'Decimals are given as text, e.g. "12.50"; dates as "YYYY-MM-DD".',
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
  return { args, value };
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
  return giveFacts(compiled, state, facts, options, true);
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
      fact: g.fact,
      inst: {
        args: r.args,
        value: r.value,
        provenance: provenanceOf(g.by ?? options.by ?? null),
        terminated: null,
      },
    });
  });
  if (ok.length === 0) return { value: state, diagnostics };
  if (!log) return { value: withFacts(state, ok), diagnostics };
  const given = ok.length === facts.length ? facts : ok.map((o) => o.given);
  const event: CaseEvent = { kind: 'give', facts: Object.freeze(copyGiven(given)), by: options.by ?? null, at: options.at ?? null };
  return { value: withFacts(state, ok, Object.freeze(event)), diagnostics };
}

/**
 * A copy of `state` with fact instances set (replacing same-keyed ones). Copy-on-write by hand
 * rather than with immer: only the touched buckets are copied and only new objects are frozen,
 * which keeps giving facts cheap on the batch hot path. The result is deeply frozen like an
 * immer-produced state.
 */
export function withFacts(state: CaseState, set: readonly { fact: string; inst: FactInstance }[], event?: CaseEvent): CaseState {
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
  if (event === undefined) return Object.freeze({ ...state, facts: Object.freeze(facts) });
  return Object.freeze({ ...state, facts: Object.freeze(facts), events: Object.freeze([...state.events, event]) });
}

/** Freeze a new fact instance and its parts. */
export function freezeInstance(inst: FactInstance): FactInstance {
  Object.freeze(inst.args);
  Object.freeze(inst.provenance);
  if (inst.terminated) Object.freeze(inst.terminated);
  return Object.freeze(inst);
}
