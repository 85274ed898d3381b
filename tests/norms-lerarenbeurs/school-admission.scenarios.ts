/**
 * Scenarios of the eFLINT school admission example, one per notebook stage
 * (norms/eflint-examples/school-admission*.flint).
 */
import type { GivenFact } from '../../src/run/index.js';
import type { Scenario, Step } from './scenario.js';

/** The actors of every stage: the school StJohn (no role) and three applicants. */
export const actors = { StJohn: [], Alice: ['applicant'], Bob: ['applicant'], Chloe: ['applicant'] };

// cell 1: +applicant(...) and +diploma(...)
const diplomas: GivenFact[] = [
  { fact: 'diploma', args: ['StMary', 'Alice', '3'] },
  { fact: 'diploma', args: ['StGeorge', 'Bob', '3'] },
  { fact: 'diploma', args: ['StGeorge', 'Chloe', '2'] },
];

/** The step `?Enabled(accept-application(StJohn, applicant))` (or `?!Enabled` when `expect` is false). */
export const enabled = (applicant: string, expect: boolean): Step => ({
  enabled: 'accept application',
  by: 'StJohn',
  params: { applicant },
  expect,
});
const accept = (applicant: string): Step => ({ act: 'accept application', by: 'StJohn', params: { applicant } });

/** Cells 1 and 2: ?Enabled(Alice), ?Enabled(Bob), ?!Enabled(Chloe). */
const cells1and2: readonly Step[] = [enabled('Alice', true), enabled('Bob', true), enabled('Chloe', false)];

/** Each stage of the notebook is its own file; its scenario replays the statements up to that cell. */
export const stages: readonly { file: string; scenario: Scenario }[] = [
  {
    file: 'norms/eflint-examples/school-admission-cell1.flint',
    scenario: {
      name: 'cell 1: inline condition',
      asOf: '2024-01-01',
      actors,
      facts: diplomas,
      steps: [...cells1and2, accept('Alice')],
    },
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
