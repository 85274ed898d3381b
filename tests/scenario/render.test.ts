import { describe, expect, it } from 'vitest';
import { compile, createCase, evaluateFact, give } from '../../src/run/index.js';
import { renderScenarioReport, runScenarios } from '../../src/scenario/index.js';
import { treeExcerpt } from '../../src/scenario/excerpt.js';
import { parse } from '../../src/syntax/index.js';
import { englishWords } from '../helpers/english.js';
import { loadProjectModel } from './helpers.js';

const WRONG = 'tests/scenario/fixtures/wrong.test.flint';

describe('renderScenarioReport in Dutch and English', () => {
  const { model } = loadProjectModel(WRONG);
  const report = runScenarios(model, { file: WRONG });

  it('writes the frame of a failing report in Dutch: no English words beyond the texts the report holds', () => {
    const nl = renderScenarioReport(report, { lang: 'nl' });
    // Check texts, expected and actual outcomes, excerpts and coverage operands are shown as the report holds them.
    const held = [
      ...report.scenarios.flatMap((s) => [s.name, ...s.checks.flatMap((c) => [c.text, c.expected, c.actual])]),
      ...report.scenarios.flatMap((s) => s.checks.map((c) => c.excerpt ?? '')),
      ...report.coverage.branches.all.map((b) => b.operand),
    ];
    const heldWords = new Set(englishWords(held.join('\n')));
    expect(report.failed).toBeGreaterThan(0);
    expect(report.scenarios.some((s) => s.stoppedAt !== null)).toBe(true);
    expect(englishWords(nl).filter((w) => !heldWords.has(w))).toEqual([]);
    expect(nl).toContain('      verwacht:  ');
    expect(nl).toContain('\ndekking:\n');
    expect(nl.trimEnd().split('\n').at(-1)).toBe(`${report.passed} geslaagd, ${report.failed} mislukt`);
  });

  it('is English by default and with lang en', () => {
    const en = renderScenarioReport(report, { lang: 'en' });
    expect(renderScenarioReport(report)).toBe(en);
    expect(en).toContain('      expected: ');
    expect(en).toContain('\ncoverage:\n');
    expect(en.trimEnd().split('\n').at(-1)).toBe(`${report.passed} passed, ${report.failed} failed`);
  });
});

describe('treeExcerpt in Dutch', () => {
  const text = 'fact [persoon]\nfact [inwoner] { holds when: [persoon] and [ingeschreven] }\nfact [ingeschreven]\n';
  const cm = compile(parse(text, 'm.flint').value).value;
  const state = give(cm, createCase(cm, { asOf: '2024-01-01' }), [{ fact: 'persoon' }], { at: '2024-01-01' }).value;
  const ev = evaluateFact(cm, state, 'inwoner', undefined, { trace: true });

  it('names reads, provenance and values in Dutch, and in English by default', () => {
    const nl = treeExcerpt(ev, ev.trace, 20, 'nl');
    expect(nl).toContain('gegeven op 2024-01-01');
    expect(nl).toContain('niet gegeven');
    expect(englishWords(nl)).toEqual([]);
    const en = treeExcerpt(ev, ev.trace, 20);
    expect(en).toContain('given on 2024-01-01');
    expect(en).toContain('not given');
    expect(treeExcerpt(ev, ev.trace, 1, 'nl')).toMatch(/… nog \d+ regels?$/);
  });
});
