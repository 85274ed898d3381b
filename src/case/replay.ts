/**
 * The one loop that runs a case: create it, give its facts, take (or force) each act in order,
 * then move the clock. `flint run`, `flint explain`, batch decisions, scenarios and the benchmark
 * all go through {@link step} (one input at a time) and {@link caseSteps} / {@link replayCase}
 * (a whole case file).
 *
 * Pure: no wording (renderers live in src/trace), no I/O. Every problem is a diagnostic value.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { atBoundary, invalidArgument, isRecordValue, kindOf } from '../model/guard.js';
import { compiledProblem, invalidState, stateOrInvalid } from '../run/guards.js';
import { stateProblem } from '../run/state.js';
import type { TraceEntry } from '../model/trace.js';
import { giveInTurn } from '../run/case.js';
import { advance, createCaseChecked, force, give, take } from '../run/index.js';
import type { CaseState, CompiledModel, GivenFact, TakeRequest, TakeResult, Violation } from '../run/index.js';
import type { CaseFile } from './case-file.js';
import { toGivenFact, toTakeRequest } from './case-file.js';

/** One input to a case. */
export type CaseInput =
  | {
      readonly kind: 'give';
      readonly facts: readonly GivenFact[];
      readonly at?: string | undefined;
      readonly by?: string | undefined;
    }
  | {
      readonly kind: 'act';
      readonly request: TakeRequest;
      /** Take the act even when it is not enabled (recorded as a violation). */
      readonly force?: boolean | undefined;
      /** Build the full check tree (default true). */
      readonly trace?: boolean | undefined;
    }
  | { readonly kind: 'advance'; readonly to: string };

/** What one {@link step} did: the new state and the problems found. */
export type StepResult =
  | { readonly kind: 'give'; readonly state: CaseState; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: 'act';
      readonly state: CaseState;
      readonly result: TakeResult;
      /** Warnings of the act (e.g. `run-unbound-effect`); empty when the act was refused. */
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly kind: 'advance';
      readonly state: CaseState;
      readonly violations: readonly Violation[];
      readonly diagnostics: readonly Diagnostic[];
    };

/** Apply one input to a case state. Never throws on user input. */
export function step(cm: CompiledModel, state: CaseState, input: CaseInput): StepResult {
  return atBoundary(
    'step',
    (d) => stepFallback(state, d),
    () => {
      switch (input.kind) {
        case 'give': {
          const options = {
            ...(input.at !== undefined ? { at: input.at } : {}),
            ...(input.by !== undefined ? { by: input.by } : {}),
          };
          const r = give(cm, state, input.facts, options);
          return { kind: 'give', state: r.value, diagnostics: r.diagnostics };
        }
        case 'act': {
          const options = { trace: input.trace ?? true };
          const r =
            input.force === true ? force(cm, state, input.request, options) : take(cm, state, input.request, options);
          return { kind: 'act', state: r.state, result: r, diagnostics: r.ok ? r.diagnostics : [] };
        }
        case 'advance': {
          const r = advance(cm, state, input.to);
          return { kind: 'advance', state: r.state, violations: r.violations, diagnostics: r.diagnostics };
        }
      }
    },
    compiledProblem('step', cm) ?? stateProblem(state) ?? inputProblem(input),
  );
}

/** One act of a case as it was attempted. */
export interface CaseStep {
  /** 1-based position in the case's `acts`. */
  readonly index: number;
  readonly expected: 'taken' | 'refused';
  /** The act was taken (or forced). */
  readonly ok: boolean;
  readonly trace: TraceEntry;
  /** The outcome matched the expectation. */
  readonly asExpected: boolean;
  /** Warnings of the act (e.g. `run-unbound-effect`), each with the JSON path `/acts/<i>` of the act. */
  readonly diagnostics: readonly Diagnostic[];
  /** The state after the step. */
  readonly state: CaseState;
}

/** Options of {@link caseSteps} and {@link replayCase}. */
export interface ReplayOptions {
  /** Build full check trees (default true). */
  readonly trace?: boolean;
  /** Replay only the first `limit` acts. */
  readonly limit?: number;
  /** Move the clock to this date after the acts (instead of the case's `advance`); `null`: do not move. */
  readonly advanceTo?: string | null;
}

/** A replayed case: the final state, every attempted act, and the problems of setting it up. */
export interface CaseReplay {
  readonly state: CaseState;
  readonly steps: readonly CaseStep[];
  /** The step whose outcome was not the expected one (the replay stopped there), or `null`. */
  readonly failed: CaseStep | null;
  /** Problems creating the case and giving its facts (JSON paths into the case file). */
  readonly diagnostics: readonly Diagnostic[];
  /** The clock move at the end: requested date and the clock before it, or `null` when none was asked. */
  readonly advanced: { readonly from: string; readonly to: string } | null;
}

function at(path: string, ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.map((d) => ({ ...d, path: d.path !== undefined && d.path !== '' ? `${path}${d.path}` : path }));
}

/**
 * Create the case of a case file and give its facts, each as its own `give` on its own date (one
 * `give` event per fact). The facts go into one new state when they can (`giveInTurn` of
 * src/run/case.ts), with the same result as one `give` step per fact.
 */
export function startCase(cm: CompiledModel, c: CaseFile): { state: CaseState; diagnostics: Diagnostic[] } {
  return atBoundary(
    'startCase',
    (d) => ({ state: invalidState(), diagnostics: [d] }),
    () => {
      const created = createCaseChecked(cm, {
        asOf: c.asOf,
        ...(c.actors ? { actors: c.actors } : {}),
        ...(c.equivalentDays ? { equivalentDays: c.equivalentDays } : {}),
      });
      const diagnostics: Diagnostic[] = [...created.diagnostics];
      let state = created.value;
      const facts = c.facts ?? [];
      // One new state for all the facts, the same as giving them one by one (giveInTurn says when it cannot).
      const inTurn =
        facts.length > 0
          ? giveInTurn(
              cm,
              state,
              facts.map((f) => ({ given: toGivenFact(f), at: f.at })),
            )
          : null;
      if (inTurn !== null) return { state: inTurn.value, diagnostics: [...diagnostics, ...inTurn.diagnostics] };
      for (const [i, f] of facts.entries()) {
        const r = step(cm, state, { kind: 'give', facts: [toGivenFact(f)], at: f.at });
        // give() points into its own list of one fact (`/facts/0/...`): point into the case file instead.
        diagnostics.push(
          ...r.diagnostics.map((d) =>
            d.path?.startsWith('/facts/0') ? { ...d, path: `/facts/${i}${d.path.slice('/facts/0'.length)}` } : d,
          ),
        );
        state = r.state;
      }
      return { state, diagnostics };
    },
    compiledProblem('startCase', cm) ?? caseValueProblem('startCase', c),
  );
}

/**
 * The acts of a case file, one {@link CaseStep} at a time, from the state `start` (see
 * {@link startCase}); stops after the first step whose outcome is not the expected one.
 */
export function* caseSteps(
  cm: CompiledModel,
  c: CaseFile,
  start: CaseState,
  options: ReplayOptions = {},
): Generator<CaseStep, CaseState> {
  let state = start;
  for (const [i, a] of (c.acts ?? []).slice(0, options.limit).entries()) {
    const r = step(cm, state, { kind: 'act', request: toTakeRequest(a), force: a.force, trace: options.trace });
    if (r.kind !== 'act') break;
    const expected = a.expect ?? 'taken';
    const ok = r.result.ok;
    state = r.state;
    const result = r.result;
    const s: CaseStep = {
      index: i + 1,
      expected,
      ok,
      // Read on demand: a take without a trace tree builds its entry only when it is read.
      get trace(): TraceEntry {
        return result.trace;
      },
      asExpected: ok === (expected === 'taken'),
      diagnostics: at(`/acts/${i}`, r.diagnostics),
      state,
    };
    yield s;
    if (!s.asExpected) break;
  }
  return state;
}

/** Replay a whole case file: start it, take its acts, then move the clock (when all went as expected). */
export function replayCase(cm: CompiledModel, c: CaseFile, options: ReplayOptions = {}): CaseReplay {
  return atBoundary(
    'replayCase',
    (d) => ({ state: invalidState(), steps: [], failed: null, diagnostics: [d], advanced: null }),
    () => {
      const started = startCase(cm, c);
      const steps: CaseStep[] = [];
      let state = started.state;
      let failed: CaseStep | null = null;
      for (const s of caseSteps(cm, c, state, options)) {
        steps.push(s);
        state = s.state;
        if (!s.asExpected) failed = s;
      }
      const to = options.advanceTo === undefined ? c.advance : options.advanceTo;
      let advanced: CaseReplay['advanced'] = null;
      const diagnostics = [...started.diagnostics];
      if (failed === null && to !== undefined && to !== null) {
        advanced = { from: state.asOf, to };
        const r = step(cm, state, { kind: 'advance', to });
        diagnostics.push(...at('/advance', r.diagnostics));
        state = r.state;
      }
      return { state, steps, failed, diagnostics, advanced };
    },
    compiledProblem('replayCase', cm) ?? caseValueProblem('replayCase', c),
  );
}

/** An `invalid-argument` diagnostic when `input` is not a step input (give, act or advance), else null. */
function inputProblem(input: unknown): Diagnostic | null {
  const kind = isRecordValue(input) ? input.kind : undefined;
  if (kind === 'give' || kind === 'act' || kind === 'advance') return null;
  return invalidArgument(
    'step',
    '/2/kind',
    `argument 3 is not a step input ({ kind: 'give' | 'act' | 'advance', ... }) but ${kindOf(input)}.`,
  );
}

/** The result of {@link step} for a malformed argument: nothing happened; the state as it was when valid. */
function stepFallback(state: unknown, d: Diagnostic): StepResult {
  return { kind: 'give', state: stateOrInvalid(state), diagnostics: [d] };
}

/** An `invalid-argument` diagnostic when `c` does not have a case file's shape (an object with an `asOf`). */
function caseValueProblem(fn: string, c: unknown): Diagnostic | null {
  if (isRecordValue(c) && typeof c.asOf === 'string') return null;
  return invalidArgument(fn, '/1', `argument 2 is not a case file (an object with asOf) but ${kindOf(c)}.`);
}
