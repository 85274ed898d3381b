/**
 * A small step-by-step scenario runner for the norms in norms/lerarenbeurs and
 * norms/eflint-examples, on the native interpreter (src/run): take or force acts, give facts, move
 * the clock, and assert which facts hold, which acts are enabled, which duties are active and which
 * violations exist after each step. It also records which acts were taken and which duties were
 * created, so tests can require that every act and duty of a model is exercised.
 */
import type { JsonScalar } from '../../src/model/trace.js';
import {
  activeDuties,
  advance,
  checkAct,
  createCaseChecked,
  evaluateFact,
  force,
  give,
  take,
} from '../../src/run/index.js';
import type { CaseState, CompiledModel, GivenFact } from '../../src/run/index.js';

/** One step of a scenario. */
export type Step =
  /** Take an act (or force it: performed although disabled, recorded as a violation). */
  | {
      readonly act: string;
      readonly by: string;
      readonly params?: Readonly<Record<string, JsonScalar>>;
      readonly at?: string;
      readonly facts?: readonly GivenFact[];
      readonly expect?: 'taken' | 'refused';
      readonly force?: boolean;
    }
  /** Give facts (eFLINT `+fact` / `-fact`, or case input). */
  | { readonly give: readonly GivenFact[] }
  /** Move the clock (duty deadlines and violation conditions are checked). */
  | { readonly advance: string }
  /** The fact evaluates to `value` (default `true`); `'unknown'` when it cannot be decided. */
  | { readonly fact: string; readonly args?: readonly JsonScalar[]; readonly value?: boolean | string | 'unknown' }
  /** The act is (not) enabled for the actor and binding. */
  | {
      readonly enabled: string;
      readonly by: string;
      readonly params?: Readonly<Record<string, JsonScalar>>;
      readonly expect: boolean;
    }
  /** The duty instance is (not) active. */
  | { readonly duty: string; readonly args: readonly JsonScalar[]; readonly active: boolean }
  /** Exactly these violations exist so far, as `kind frame(args)` texts in order. */
  | { readonly violations: readonly string[] }
  /** The latest attempt of the act rests on these sources (ids, citations or Juriconnect ids). */
  | { readonly sourcesOf: string; readonly include: readonly string[] };

/** A named scenario: the case's start and its steps. */
export interface Scenario {
  readonly name: string;
  readonly asOf: string;
  readonly actors: Readonly<Record<string, readonly string[]>>;
  readonly facts?: readonly GivenFact[];
  readonly steps: readonly Step[];
}

/** The outcome of a scenario: failures (empty when it passed), acts taken and duties created. */
export interface ScenarioRun {
  readonly failures: readonly string[];
  readonly actsTaken: ReadonlySet<string>;
  readonly dutiesCreated: ReadonlySet<string>;
  readonly state: CaseState;
}

function valueText(v: { readonly type: string; readonly value?: unknown }): string {
  return v.type === 'unknown' ? 'unknown' : String(v.value);
}

/** Run `scenario` against a compiled model; never throws on a failing step, it reports it. */
export function runScenario(cm: CompiledModel, scenario: Scenario): ScenarioRun {
  const failures: string[] = [];
  const actsTaken = new Set<string>();
  const dutiesCreated = new Set<string>();
  const actors: Record<string, { roles: string[] }> = {};
  for (const [id, roles] of Object.entries(scenario.actors)) actors[id] = { roles: [...roles] };
  const created = createCaseChecked(cm, { asOf: scenario.asOf, actors, facts: scenario.facts ?? [] });
  for (const d of created.diagnostics) failures.push(`start: ${d.code}: ${d.message}`);
  let state = created.value;
  const lastSources = new Map<string, readonly string[]>();
  scenario.steps.forEach((step, i) => {
    const where = `step ${i + 1}`;
    if ('act' in step) {
      const req = {
        act: step.act,
        actor: step.by,
        params: step.params ?? {},
        ...(step.at ? { at: step.at } : {}),
        ...(step.facts ? { facts: step.facts } : {}),
      };
      const r = step.force ? force(cm, state, req) : take(cm, state, req);
      lastSources.set(
        step.act,
        r.trace.sources.flatMap((x) => [
          x.id,
          ...(x.citation ? [x.citation] : []),
          ...(x.juriconnect ? [x.juriconnect] : []),
        ]),
      );
      const expected = step.expect ?? 'taken';
      if (r.ok) {
        actsTaken.add(step.act);
        const before = new Set(state.duties.map((d) => d.id));
        for (const d of r.state.duties) if (!before.has(d.id)) dutiesCreated.add(d.duty);
        if (expected === 'refused')
          failures.push(`${where}: <<${step.act}>> by ${step.by} was taken, expected refused`);
      } else if (expected === 'taken') {
        failures.push(
          `${where}: <<${step.act}>> by ${step.by} was refused: ${r.refusal.reasons.map((x) => x.message).join(' ')}`,
        );
      }
      state = r.state;
    } else if ('give' in step) {
      const r = give(cm, state, step.give);
      for (const d of r.diagnostics) failures.push(`${where}: ${d.code}: ${d.message}`);
      state = r.value;
    } else if ('advance' in step) {
      state = advance(cm, state, step.advance).state;
    } else if ('fact' in step) {
      const got = valueText(evaluateFact(cm, state, step.fact, step.args).value);
      const want = String(step.value ?? true);
      if (got !== want)
        failures.push(`${where}: [${step.fact}](${(step.args ?? []).join(', ')}) is ${got}, expected ${want}`);
    } else if ('enabled' in step) {
      const c = checkAct(cm, state, step.enabled, step.by, step.params ?? {});
      if ((c.status === 'enabled') !== step.expect) {
        failures.push(
          `${where}: <<${step.enabled}>> by ${step.by} is ${c.status}, ` +
            `expected ${step.expect ? 'enabled' : 'not enabled'}`,
        );
      }
    } else if ('duty' in step) {
      const key = JSON.stringify(step.args);
      const active = activeDuties(state).some((d) => d.duty === step.duty && JSON.stringify(d.args) === key);
      if (active !== step.active)
        failures.push(
          `${where}: <${step.duty}>(${step.args.join(', ')}) is ${active ? '' : 'not '}active, expected the opposite`,
        );
    } else if ('sourcesOf' in step) {
      const got = lastSources.get(step.sourcesOf);
      const missing = step.include.filter((x) => !got?.includes(x));
      if (missing.length > 0) failures.push(`${where}: <<${step.sourcesOf}>> does not rest on ${missing.join(', ')}`);
    } else {
      const got = state.violations.map((v) => `${v.kind} ${v.frame}(${v.args.join(', ')})`);
      if (JSON.stringify(got) !== JSON.stringify(step.violations)) {
        failures.push(`${where}: violations ${JSON.stringify(got)}, expected ${JSON.stringify(step.violations)}`);
      }
    }
  });
  return { failures, actsTaken, dutiesCreated, state };
}
