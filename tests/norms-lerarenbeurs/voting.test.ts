import { describe, expect, it } from 'vitest';
import { loadNorm } from '../norms/load.js';
import { runScenario } from './scenario.js';
import type { Scenario } from './scenario.js';
import { election, scenarios } from './voting.scenarios.js';

const norm = loadNorm('norms/eflint-examples/voting.flint');

describe('norms/eflint-examples/voting.flint', () => {
  it('checks without errors', () => {
    expect(norm.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    expect(runScenario(norm.compiled, s).failures).toEqual([]);
  });

  it('reports a wrong expectation (the scenarios can fail)', () => {
    const wrong: Scenario = {
      ...election,
      steps: election.steps.map((st) =>
        'enabled' in st && st.enabled === 'declare winner' && st.params?.candidate === 'Eve'
          ? { ...st, expect: true }
          : st,
      ),
    };
    const failures = runScenario(norm.compiled, wrong).failures;
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/<<declare winner>> by Admin is disabled, expected enabled/);
  });

  it('reports a source the act does not rest on', () => {
    const wrong: Scenario = {
      ...election,
      steps: election.steps.map((st) => ('sourcesOf' in st ? { ...st, include: ['cell-20'] } : st)),
    };
    expect(runScenario(norm.compiled, wrong).failures).toEqual([
      'step 22: <<declare winner>> does not rest on cell-20',
    ]);
  });

  it('exercises every act and duty', () => {
    const runs = scenarios.map((s) => runScenario(norm.compiled, s));
    const acts = new Set(runs.flatMap((r) => [...r.actsTaken]));
    const duties = new Set(runs.flatMap((r) => [...r.dutiesCreated]));
    expect([...acts].sort()).toEqual([...norm.compiled.acts.keys()].sort());
    expect([...duties].sort()).toEqual([...norm.compiled.duties.keys()].sort());
  });
});
