import { describe, expect, it } from 'vitest';
import { loadNorm } from '../norms/load.js';
import { scenarios } from './lerarenbeurs.scenarios.js';
import { runScenario } from './scenario.js';

const norm = loadNorm('norms/lerarenbeurs/lerarenbeurs.flint');

describe('norms/lerarenbeurs/lerarenbeurs.flint', () => {
  it('checks without errors or warnings', () => {
    expect(norm.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    expect(runScenario(norm.compiled, s).failures).toEqual([]);
  });

  it('exercises every act and duty across the scenarios', () => {
    const runs = scenarios.map((s) => runScenario(norm.compiled, s));
    const acts = new Set(runs.flatMap((r) => [...r.actsTaken]));
    const duties = new Set(runs.flatMap((r) => [...r.dutiesCreated]));
    expect([...norm.compiled.acts.keys()].filter((a) => !acts.has(a))).toEqual([]);
    expect([...norm.compiled.duties.keys()].filter((d) => !duties.has(d))).toEqual([]);
  });

  it('every duty of the regulation with a term in the model has a deadline', () => {
    const withDeadline = [...norm.compiled.duties.values()].filter((d) => d.decl.deadline !== null).map((d) => d.decl.name).sort();
    expect(withDeadline).toEqual([
      'minister beslist op aanvraag studiekosten',
      'minister beslist op aanvraag studieverlof',
      'minister betaalt subsidie voor studiekosten uit',
      'minister betaalt subsidie voor studieverlof uit',
    ]);
  });

  it('keeps no mis-encoded characters from the JSON model', () => {
    const texts = [...norm.compiled.acts.values(), ...norm.compiled.facts.values(), ...norm.compiled.duties.values()]
      .map((f) => f.decl?.explanation ?? '')
      .join('\n');
    expect(texts).not.toMatch(/â€|Ã|â‚¬/);
    expect(texts).toContain('€ 350');
  });
});
