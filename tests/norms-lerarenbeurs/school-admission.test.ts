import { describe, expect, it } from 'vitest';
import { loadNorm } from '../norms/load.js';
import { runScenario } from './scenario.js';
import { actors, enabled, stages } from './school-admission.scenarios.js';

describe('norms/eflint-examples/school-admission*.flint', () => {
  for (const { file, scenario } of stages) {
    describe(file, () => {
      const norm = loadNorm(file);
      it('checks without errors', () => {
        expect(norm.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });
      it(scenario.name, () => {
        const run = runScenario(norm.compiled, scenario);
        expect(run.failures).toEqual([]);
        expect([...run.actsTaken].sort()).toEqual([...norm.compiled.acts.keys()].sort());
      });
    });
  }

  it('types follow eFLINT: only StMary and StGeorge are schools, grades run 1..4', () => {
    const norm = loadNorm('norms/eflint-examples/school-admission.flint');
    const run = runScenario(norm.compiled, {
      name: 'types',
      asOf: '2024-01-01',
      actors,
      steps: [
        { fact: 'primary school', args: ['StGeorge'] },
        { fact: 'primary school', args: ['StJohn'], value: false },
        { fact: 'gpa', args: ['4'] },
        { fact: 'gpa', args: ['5'], value: false },
        // A diploma from a school that is not one, or with a grade out of range, does not count (cell 1 types).
        {
          give: [
            { fact: 'diploma', args: ['StJohn', 'Alice', '4'] },
            { fact: 'diploma', args: ['StMary', 'Bob', '5'] },
          ],
        },
        enabled('Alice', false),
        enabled('Bob', false),
      ],
    });
    expect(run.failures).toEqual([]);
  });
});
