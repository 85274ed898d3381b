import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model, ScenarioDecl, ScenarioStep } from '../../src/model/ast.js';
import { parse } from '../../src/syntax/index.js';
import { blamedFacts, renderScenarioReport, runScenarios, scenariosOf } from '../../src/scenario/index.js';
import { projectRoot } from '../helpers/shared.js';
import { loadProjectModel, readProject } from './helpers.js';

const EXAMPLE = 'examples/scenarios/aanvraag.test.flint';
const WRONG = 'tests/scenario/fixtures/wrong.test.flint';

describe('runScenarios on examples/scenarios', () => {
  const { model, diagnostics } = loadProjectModel(EXAMPLE);
  const report = runScenarios(model, { file: EXAMPLE });

  it('loads without diagnostics and runs only the scenarios of the test file', () => {
    expect(diagnostics).toEqual([]);
    expect(report.diagnostics).toEqual([]);
    expect(report.scenarios.map((s) => s.name)).toEqual([
      'aanvraag wordt binnen de termijn beslist',
      'te laat beslist: termijn overschreden, ingebrekestelling',
      'uitgesloten ouder kan geen aanvraag indienen',
    ]);
  });

  it('passes every check; one check per expect step', () => {
    expect(report.scenarios.every((s) => s.passed && s.stoppedAt === null)).toBe(true);
    const expectSteps = scenariosOf(model, { file: EXAMPLE }).map(
      (s) => s.steps.filter((st) => st.kind.startsWith('Expect')).length,
    );
    expect(report.scenarios.map((s) => s.checks.length)).toEqual(expectSteps);
    expect(report.passed).toBe(expectSteps.reduce((a, b) => a + b, 0));
    expect(report.failed).toBe(0);
    expect(renderScenarioReport(report).trimEnd().split('\n').at(-1)).toBe(`${report.passed} passed, 0 failed`);
  });

  it('reports the coverage the scenarios give, by reasoning over the example', () => {
    const c = report.coverage;
    // Scenario 1 takes <<indienen aanvraag>> and <<beslissen op aanvraag>>, scenario 2 <<ingebrekestellen>>
    // (its <<beslissen op aanvraag>> is forced, which does not count).
    expect(c.acts).toEqual({
      total: 3,
      taken: ['indienen aanvraag', 'beslissen op aanvraag', 'ingebrekestellen'],
      notTaken: [],
    });
    // 2 operands in <<indienen aanvraag>>, 2 + 2 (the nested or) in <<beslissen op aanvraag>>, 2 in
    // <<ingebrekestellen>>.
    expect(c.branches.total).toBe(8);
    const seen = Object.fromEntries(c.branches.all.map((b) => [`${b.act}: ${b.operand}`, [b.seenTrue, b.seenFalse]]));
    expect(seen).toEqual({
      // Every scenario gives [ingezetene]: never false.
      'indienen aanvraag: [ingezetene](aanvrager)': [true, false],
      // carol is excluded in scenario 3.
      'indienen aanvraag: not [uitgesloten](aanvrager)': [true, true],
      // false before the application in scenario 1, true after it.
      'beslissen op aanvraag: [aanvraag](aanvrager)': [true, true],
      // alice has costs (true); bob has none and no hours (false, at his refused decision).
      'beslissen op aanvraag: [kosten](aanvrager) > 0 or [uren](aanvrager) > 0': [true, true],
      'beslissen op aanvraag: [kosten](aanvrager) > 0': [true, true],
      // Only evaluated when the costs are 0: bob, 0 hours.
      'beslissen op aanvraag: [uren](aanvrager) > 0': [false, true],
      // <<ingebrekestellen>> is only checked while the application is open and undecided.
      'ingebrekestellen: [aanvraag](aanvrager)': [true, false],
      'ingebrekestellen: not [besluit](aanvrager)': [true, false],
    });
    expect(c.branches.covered).toBe(4);
    expect(c.duties).toEqual({
      total: 1,
      activated: ['beslissen op aanvraag'],
      terminated: ['beslissen op aanvraag'],
      violated: ['beslissen op aanvraag'],
      notActivated: [],
      notTerminated: [],
      notViolated: [],
    });
  });

  it('is deterministic', () => {
    expect(runScenarios(loadProjectModel(EXAMPLE).model, { file: EXAMPLE })).toEqual(report);
  });

  it('without a file option runs every scenario in the model (imports included)', () => {
    expect(runScenarios(model).scenarios).toHaveLength(3);
    expect(runScenarios(model, { filter: 'uitgesloten' }).scenarios.map((s) => s.name)).toEqual([
      'uitgesloten ouder kan geen aanvraag indienen',
    ]);
    expect(runScenarios(model, { file: 'examples/scenarios/aanvraag.flint' }).scenarios).toEqual([]);
  });
});

/** The example with one step replaced, run. */
function mutate(
  model: Model,
  scenario: number,
  step: number,
  change: (s: ScenarioStep) => ScenarioStep,
): ReturnType<typeof runScenarios> {
  let n = -1;
  const declarations = model.declarations.map((d) => {
    if (d.kind !== 'Scenario' || d.span.file !== EXAMPLE) return d;
    n++;
    if (n !== scenario) return d;
    return { ...d, steps: d.steps.map((s, i) => (i === step ? change(s) : s)) } satisfies ScenarioDecl;
  });
  return runScenarios({ ...model, declarations }, { file: EXAMPLE });
}

describe('every expectation can fail', () => {
  const { model } = loadProjectModel(EXAMPLE);
  const scenarios = scenariosOf(model, { file: EXAMPLE });
  const flippable = scenarios.flatMap((s, si) =>
    s.steps.flatMap((st, i) => {
      const flip: ScenarioStep | null =
        st.kind === 'ExpectFact' || st.kind === 'ExpectViolation'
          ? { ...st, negated: !st.negated }
          : st.kind === 'ExpectDuty'
            ? { ...st, active: !st.active }
            : st.kind === 'ExpectAct'
              ? { ...st, available: !st.available, because: null }
              : null;
      return flip ? [{ si, i, flip, text: `${s.name} #${i + 1}` }] : [];
    }),
  );

  it('has expectations to flip', () => {
    expect(flippable.length).toBeGreaterThanOrEqual(15);
  });

  it.each(flippable.map((f) => [f.text, f] as const))('negating %s fails exactly that check', (_, f) => {
    const r = mutate(model, f.si, f.i, () => f.flip);
    const s = r.scenarios[f.si];
    expect(s?.passed).toBe(false);
    expect(s?.checks.filter((c) => !c.passed).map((c) => c.step)).toEqual([f.i]);
    expect(r.failed).toBe(1);
  });
});

describe('failure report', () => {
  const { model, diagnostics } = loadProjectModel(WRONG);
  const report = runScenarios(model, { file: WRONG });
  const text = renderScenarioReport(report);

  it('matches the golden text', async () => {
    expect(diagnostics).toEqual([]);
    await expect(text).toMatchFileSnapshot(join(projectRoot, 'tests', 'scenario', 'fixtures', 'wrong.report.txt'));
  });

  it('counts checks: one pass, nine wrong expectations and the two stopping steps fail', () => {
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(9 + 1 + 1);
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 passed, 11 failed');
    expect(report.scenarios.map((s) => [s.passed, s.stoppedAt])).toEqual([
      [false, null],
      [false, 3],
      [false, 0],
    ]);
  });

  it('shows expected and actual outcome with the trace excerpt and sources', () => {
    const [wrong, refused] = report.scenarios;
    const byStep = new Map(wrong?.checks.map((c) => [c.step, c]));
    const value = byStep.get(9);
    expect(value).toMatchObject({
      passed: false,
      expected: '[toeslag](dave) = 50.00',
      actual: '[toeslag](dave) = 49.2',
    });
    // 10.25 * 5 * 0.96 = 49.2, below the costs of 100: the derivation shows both.
    expect(value?.excerpt).toContain('[kosten](dave) = 100, given on 2024-01-01');
    expect(value?.excerpt).toContain('[toeslag](dave) → 49.2 [art. 1.7 Wko]');
    const sources = wrong?.checks.find((c) => c.kind === 'ExpectSources');
    expect(sources?.actual).toBe('art. 4:1 Awb (awb-4:1); art. 1.7 Wko (wko-1:7); art. 4:13 Awb (awb-4:13)');
    expect(sources?.excerpt).toBe('missing: art. 4:17 Awb');
    const take = refused?.checks[0];
    expect(take?.expected).toBe('erik does <<indienen aanvraag>>(erik) succeeds');
    expect(take?.actual).toMatch(/^refused: The preconditions of <<indienen aanvraag>> cannot be decided yet/);
    expect(take?.excerpt).toContain('[art. 4:1 Awb]');
    expect(take?.excerpt).toContain('· [uitgesloten](erik) = unknown, not given');
    expect(text).toContain('stopped at step 4; later steps were not run');
  });
});

describe('expectations on values and reasons', () => {
  const model = (steps: string): Model => {
    const r = parse(`${readProject('examples/scenarios/aanvraag.flint')}\nscenario "s" {\n${steps}\n}\n`, 'm.flint');
    expect(r.diagnostics).toEqual([]);
    return r.value;
  };

  it('compares decimal values exactly, whatever the written precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 2000 }), (kostenCents, uren) => {
        const kosten = new Decimal(kostenCents).div(100);
        const expected = Decimal.min(
          kosten,
          new Decimal('10.25').times(uren).times('0.96').toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
        );
        const m = model(
          `  actors: p: [persoon]\n  given [kosten](p) = ${kosten.toFixed(2)}\n` +
            `  given [uren](p) = ${uren}\n  expect [toeslag](p) == ${expected.toFixed(3)}\n` +
            `  expect [toeslag](p) == ${expected.plus('0.01').toFixed(2)}`,
        );
        const r = runScenarios(m);
        expect(r.scenarios[0]?.checks.map((c) => c.passed)).toEqual([true, false]);
      }),
      { numRuns: 40 },
    );
  });

  it('names the failing precondition fact, not the ones that hold', () => {
    const m = model(
      '  actors: p: [persoon]\n  given [ingezetene](p)\n  given [uitgesloten](p)\n' +
        '  expect <<indienen aanvraag>>(p) not available for p because [uitgesloten]\n' +
        '  expect <<indienen aanvraag>>(p) not available for p because [ingezetene]\n' +
        '  expect <<indienen aanvraag>>(p) not available for p because preconditions\n' +
        '  expect <<indienen aanvraag>>(p) not available for p because actor',
    );
    expect(runScenarios(m).scenarios[0]?.checks.map((c) => c.passed)).toEqual([true, false, true, false]);
  });

  it('blamedFacts follows and/or/not down to the facts that decide', () => {
    const { model: m } = loadProjectModel(EXAMPLE);
    const act = m.declarations.find((d) => d.kind === 'Act' && d.name === 'beslissen op aanvraag');
    const pre = act?.kind === 'Act' ? act.preconditions : null;
    if (!pre) throw new Error('example changed');
    const frames: { kind: 'fact'; name: string; sources: never[]; explanation: null }[] = [];
    const frameIndex = (name: string): number =>
      frames.push({ kind: 'fact', name, sources: [], explanation: null }) - 1;
    const node = (expr: string, value: boolean, children: unknown[] = [], fact?: string) => ({
      kind: 'Ref',
      expr,
      value: { type: 'boolean', value },
      children,
      ...(fact ? { frame: frameIndex(fact) } : {}),
    });
    const trace = node('', false, [
      node('[aanvraag](aanvrager)', true, [], 'aanvraag'),
      node('[kosten](aanvrager) > 0 or [uren](aanvrager) > 0', false, [
        node('[kosten](aanvrager) > 0', false, [node('[kosten](aanvrager)', false, [], 'kosten')]),
        node('[uren](aanvrager) > 0', false, [node('[uren](aanvrager)', false, [], 'uren')]),
      ]),
    ]) as unknown as Parameters<typeof blamedFacts>[1];
    expect([...blamedFacts(pre, trace, { frames })].sort()).toEqual(['kosten', 'uren']);
  });

  it('an act without arguments is available when some binding is enabled', () => {
    const m = model(
      '  actors: alice: [persoon], gemeente: [bestuursorgaan]\n  given [ingezetene](alice)\n' +
        '  given not [uitgesloten](alice)\n  given [kosten](alice) = 10\n' +
        '  expect <<beslissen op aanvraag>> available for gemeente\n  alice does <<indienen aanvraag>>(alice)\n' +
        '  expect <<beslissen op aanvraag>> available for gemeente\n' +
        '  expect <<indienen aanvraag>> not available for gemeente because actor',
    );
    expect(runScenarios(m).scenarios[0]?.checks.map((c) => c.passed)).toEqual([false, true, true]);
  });

  it('an unknown act or too many arguments fail the step with a message', () => {
    const m = model(
      '  actors: p: [persoon]\n  expect <<bestaat niet>> available for p\n  p does <<indienen aanvraag>>(p, q)',
    );
    // The model says `language: nl`: its report is Dutch unless English is asked for.
    const checks = runScenarios(m, { lang: 'en' }).scenarios[0]?.checks ?? [];
    expect(checks.map((c) => c.actual)).toEqual([
      'the act <<bestaat niet>> is not defined in the model',
      'the act <<indienen aanvraag>> takes 1 argument(s) but 2 were written',
    ]);
    expect(runScenarios(m).scenarios[0]?.checks.map((c) => c.actual)).toEqual([
      'de handeling <<bestaat niet>> bestaat niet in het model',
      'de handeling <<indienen aanvraag>> heeft 1 argument, maar er zijn er 2 geschreven',
    ]);
  });

  it('a model that does not compile gives its diagnostics and runs nothing', () => {
    const r = parse('fact [a] { holds when: frobnicate(1) }\nscenario "s" {\n  expect [a]\n}\n', 'bad.flint');
    const report = runScenarios(r.value);
    if (report.diagnostics.length > 0) {
      expect(report.scenarios).toEqual([]);
      expect(report.passed + report.failed).toBe(0);
    } else {
      // compile() accepts unknown functions as unknown values: the check then fails, it does not crash.
      expect(report.scenarios[0]?.checks[0]?.passed).toBe(false);
    }
  });
});
