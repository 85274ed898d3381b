import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/ast.js';
import { renderScenarioReport, runScenarios, type ScenarioReport } from '../../src/scenario/index.js';
import { parse } from '../../src/syntax/index.js';
import { englishWords } from '../helpers/english.js';
import { readProject } from './helpers.js';

/**
 * Failing scenarios of a `language: nl` model (examples/scenarios/aanvraag.flint), one or more of
 * every kind of check: fact, value, unknown, available / not available (with each kind of reason),
 * duty (active, ended), violation (deadline, forced act, none), sources (missing, not attempted), refused,
 * and a refused `does` that stops its scenario.
 */
const SCENARIOS = `
scenario "alles verkeerd" {
  as of 2024-01-01
  actors: bob: [persoon], gemeente: [bestuursorgaan]
  given [ingezetene](bob)
  given not [uitgesloten](bob)
  given [kosten](bob) = 100
  given [uren](bob) = 5
  expect <<beslissen op aanvraag>>(bob) available for gemeente
  expect <<indienen aanvraag>>(bob) available for gemeente
  expect <<indienen aanvraag>>(bob) not available for bob because preconditions
  expect <<beslissen op aanvraag>>(bob) not available for gemeente because actor
  expect sources of <<indienen aanvraag>> include awb-4:1
  bob does <<indienen aanvraag>>(bob) at 2024-01-02
  expect not [aanvraag](bob)
  expect [toeslag](bob) == 50.00
  expect unknown [toeslag](bob)
  expect [besluit](bob)
  expect duty <beslissen op aanvraag>(bob) not active
  expect violation <beslissen op aanvraag>(bob)
  expect sources of <<indienen aanvraag>> include "art. 4:17 Awb"
  advance to 2024-03-01
  expect no violation <beslissen op aanvraag>(bob)
  expect refused: gemeente does <<beslissen op aanvraag>>(bob)
  gemeente forces <<beslissen op aanvraag>>(bob) at 2024-03-04
  expect duty <beslissen op aanvraag>(bob) active
  gemeente forces <<indienen aanvraag>>(bob)
  expect no violation <<indienen aanvraag>>(bob)
}

scenario "een geweigerde handeling" {
  as of 2024-01-01
  actors: erik: [persoon]
  given [ingezetene](erik)
  erik does <<indienen aanvraag>>(erik)
}

scenario "geweigerd zoals verwacht, maar te laat gezien" {
  actors: fay: [persoon]
  expect <<indienen aanvraag>>(fay) available for fay
  expect refused: fay does <<indienen aanvraag>>(fay)
  expect duty <beslissen op aanvraag>(fay) active
}
`;

const model = (): Model => {
  const r = parse(`${readProject('examples/scenarios/aanvraag.flint')}\n${SCENARIOS}`, 'nl.flint');
  expect(r.diagnostics).toEqual([]);
  return r.value;
};

/** The report's text without the step texts, which quote the scenario as written (its keywords are English). */
function withoutStepTexts(report: ScenarioReport, text: string): string {
  const quoted = new Set(report.scenarios.flatMap((s) => s.checks.map((c) => `  ✗ ${c.text}  (`)));
  return text
    .split('\n')
    .filter((l) => ![...quoted].some((q) => l.startsWith(q)))
    .join('\n');
}

describe('runScenarios on a Dutch model', () => {
  const m = model();
  const nl = runScenarios(m);
  const en = runScenarios(m, { lang: 'en' });

  it('fails checks of every kind', () => {
    const kinds = new Set(nl.scenarios.flatMap((s) => s.checks.filter((c) => !c.passed).map((c) => c.kind)));
    expect([...kinds].sort()).toEqual([
      'Do',
      'ExpectAct',
      'ExpectDuty',
      'ExpectFact',
      'ExpectRefused',
      'ExpectSources',
      'ExpectUnknown',
      'ExpectValue',
      'ExpectViolation',
    ]);
    expect(nl.failed).toBeGreaterThan(15);
    expect(nl.scenarios[1]?.stoppedAt).toBe(3);
  });

  it('writes expected, actual and excerpts in Dutch by default: no English words in the report', () => {
    const held = nl.scenarios.flatMap((s) => s.checks.flatMap((c) => [c.expected, c.actual, c.excerpt ?? '']));
    expect(englishWords(held.join('\n')), held.join('\n')).toEqual([]);
    const text = renderScenarioReport(nl, { lang: 'nl' });
    expect(englishWords(withoutStepTexts(nl, text)), text).toEqual([]);
    expect(text).toContain('niet mogelijk: De voorwaarden van <<beslissen op aanvraag>> zijn niet vervuld');
    expect(text).toContain('geen schendingen vastgelegd');
    expect(text).toContain('schending van <beslissen op aanvraag>(bob)');
    expect(text).toContain('is door gemeente afgedwongen terwijl zij niet mogelijk was');
    expect(text).toContain('door gemeente op 2024-03-04 (afgedwongen)');
    expect(text).toContain('erik verricht <<indienen aanvraag>>(erik): lukt');
    expect(text).toContain('peildatum: 2024-01-02');
  });

  it('is the same report with lang nl; English with lang en, as before', () => {
    expect(runScenarios(m, { lang: 'nl' })).toEqual(nl);
    const actual = en.scenarios[0]?.checks.map((c) => c.actual) ?? [];
    expect(actual).toContain('no violations recorded');
    expect(actual.some((a) => a.startsWith('not available: The preconditions of <<beslissen op aanvraag>>'))).toBe(
      true,
    );
    expect(en.scenarios[0]?.checks.map((c) => c.expected)).toContain('violation of <beslissen op aanvraag>(bob)');
    expect(englishWords(renderScenarioReport(en))).not.toEqual([]);
    expect(en.passed).toBe(nl.passed);
  });

  it('answers a language that is not nl or en with an invalid-argument diagnostic', () => {
    const r = runScenarios(m, { lang: 'de' as never });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['invalid-argument', expect.stringContaining('option lang is "de"')],
    ]);
  });
});
