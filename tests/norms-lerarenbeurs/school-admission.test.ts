import { describe, expect, it } from 'vitest';
import type { GivenFact } from '../../src/run/index.js';
import { loadNorm } from '../norms/load.js';
import { runScenario } from './scenario.js';
import type { Scenario, Step } from './scenario.js';

const actors = { StJohn: [], Alice: ['applicant'], Bob: ['applicant'], Chloe: ['applicant'] };

// cell 1: +applicant(...) and +diploma(...)
const diplomas: GivenFact[] = [
  { fact: 'diploma', args: ['StMary', 'Alice', '3'] },
  { fact: 'diploma', args: ['StGeorge', 'Bob', '3'] },
  { fact: 'diploma', args: ['StGeorge', 'Chloe', '2'] },
];

const enabled = (applicant: string, expect: boolean): Step => ({ enabled: 'accept application', by: 'StJohn', params: { applicant }, expect });
const accept = (applicant: string): Step => ({ act: 'accept application', by: 'StJohn', params: { applicant } });

/** Cells 1 and 2: ?Enabled(Alice), ?Enabled(Bob), ?!Enabled(Chloe). */
const cells1and2: readonly Step[] = [enabled('Alice', true), enabled('Bob', true), enabled('Chloe', false)];

/** Each stage of the notebook is its own file; its scenario replays the statements up to that cell. */
const stages: readonly { file: string; scenario: Scenario }[] = [
  {
    file: 'norms/eflint-examples/school-admission-cell1.flint',
    scenario: { name: 'cell 1: inline condition', asOf: '2024-01-01', actors, facts: diplomas, steps: [...cells1and2, accept('Alice')] },
  },
  {
    file: 'norms/eflint-examples/school-admission-cell2.flint',
    scenario: {
      name: 'cell 2: [Article 1]',
      asOf: '2024-01-01',
      actors,
      facts: diplomas,
      steps: [...cells1and2, { fact: 'Article 1', args: ['Chloe'], value: false }, accept('Bob')],
    },
  },
  {
    file: 'norms/eflint-examples/school-admission-cell3.flint',
    scenario: {
      name: 'cell 3: [Article 2] extends [Article 1] disjunctively',
      asOf: '2024-01-01',
      actors,
      facts: diplomas,
      steps: [
        // cell 3: accept-application(StJohn, Alice). accept-application(StJohn, Bob). ?Enabled(... Chloe).
        accept('Alice'),
        accept('Bob'),
        { fact: 'accepted', args: ['Alice'] },
        { fact: 'accepted', args: ['Bob'] },
        { fact: 'Article 2', args: ['Chloe'] },
        { fact: 'Article 2', args: ['Alice'], value: false },
        enabled('Chloe', true),
      ],
    },
  },
  {
    file: 'norms/eflint-examples/school-admission.flint',
    scenario: {
      name: 'cell 4: [Article 3] conditions [Article 2]',
      asOf: '2024-01-01',
      actors,
      facts: diplomas,
      steps: [
        // Before Bob is accepted nothing blocks Chloe: [Article 3] holds.
        { fact: 'Article 3', args: ['Chloe'] },
        enabled('Chloe', true),
        accept('Alice'),
        accept('Bob'),
        // cell 4: ?!Enabled(accept-application(StJohn, Chloe)).
        { fact: 'Article 3', args: ['Chloe'], value: false },
        { fact: 'Article 2', args: ['Chloe'], value: false },
        enabled('Chloe', false),
        { act: 'accept application', by: 'StJohn', params: { applicant: 'Chloe' }, expect: 'refused' },
      ],
    },
  },
];

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
        { give: [{ fact: 'diploma', args: ['StJohn', 'Alice', '4'] }, { fact: 'diploma', args: ['StMary', 'Bob', '5'] }] },
        enabled('Alice', false),
        enabled('Bob', false),
      ],
    });
    expect(run.failures).toEqual([]);
  });
});
