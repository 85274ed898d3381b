/** Scenarios of the eFLINT voting tutorial (norms/eflint-examples/voting.flint), cell by cell. */
import type { Scenario } from './scenario.js';

/** Cells 3-19 of the tutorial: facts, derivation, the invariant and the event, one statement at a time. */
export const cells3to19: Scenario = {
  name: 'voting: cells 3-19 (facts, predicates, invariant, event)',
  asOf: '2024-01-01',
  actors: { Alice: [], Bob: [], Chloe: [], David: [], Johnny: [] },
  steps: [
    // cell 3-4: +citizen(Alice). ?citizen(Alice). ?citizen(Bob)
    { give: [{ fact: 'citizen', args: ['Alice'] }] },
    { fact: 'citizen', args: ['Alice'], value: true },
    { fact: 'citizen', args: ['Bob'], value: false },
    // cell 6 and 8: +voter(Alice). ~voter(Alice)
    { give: [{ fact: 'voter', args: ['Alice'] }] },
    { fact: 'voter', args: ['Alice'], value: true },
    { give: [{ fact: 'voter', args: ['Alice'], value: false }] },
    { fact: 'voter', args: ['Alice'], value: false },
    // cell 14 predicates on the empty vote
    { fact: 'vote concluded', value: false },
    { fact: 'voters done', value: true },
    // cell 16: +winner(Chloe). +winner(David). ~winner(Chloe). ~winner(David).
    { fact: 'at most one winner', value: true },
    { give: [{ fact: 'winner', args: ['Chloe'] }] },
    { fact: 'at most one winner', value: true },
    { fact: 'vote concluded', value: true },
    { give: [{ fact: 'winner', args: ['David'] }] },
    { fact: 'at most one winner', value: false },
    { give: [{ fact: 'winner', args: ['Chloe'], value: false }] },
    { fact: 'at most one winner', value: true },
    { give: [{ fact: 'winner', args: ['David'], value: false }] },
    { fact: 'vote concluded', value: false },
    // cell 18-19: +vote(Alice,Chloe). +vote(Bob,David). fire().
    {
      give: [
        { fact: 'vote', args: ['Alice', 'Chloe'] },
        { fact: 'vote', args: ['Bob', 'David'] },
      ],
    },
    { fact: 'number of votes', value: '2' },
    { fact: 'has voted', args: ['Alice'], value: true },
    { fact: 'has voted', args: ['Chloe'], value: false },
    { act: 'fire', by: 'Alice' },
    { fact: 'number of votes', value: '0' },
    { fact: 'vote', args: ['Alice', 'Chloe'], value: false },
    { fact: 'has voted', args: ['Alice'], value: false },
    // cell 21-22: cast-vote(Johnny,Johnny). -vote(Johnny,Johnny). Johnny is no voter: eFLINT performs
    // the disabled action and reports a violation; here that is a forced act.
    { enabled: 'cast vote', by: 'Johnny', params: { citizen: 'Johnny', candidate: 'Johnny' }, expect: false },
    { act: 'cast vote', by: 'Johnny', params: { citizen: 'Johnny', candidate: 'Johnny' }, force: true },
    { fact: 'vote', args: ['Johnny', 'Johnny'], value: true },
    { fact: 'number of votes', value: '1' },
    { violations: ['forced-act cast vote(Johnny, Johnny)'] },
    { give: [{ fact: 'vote', args: ['Johnny', 'Johnny'], value: false }] },
    { fact: 'number of votes', value: '0' },
  ],
};

/** Cells 27-31: the election itself, with the spec's own ?Enabled / ?!Enabled queries. */
export const election: Scenario = {
  name: 'voting: cells 27-31 (election)',
  asOf: '2024-01-01',
  actors: { Alice: [], Bob: [], Chloe: [], David: [], Eve: [], Admin: [] },
  steps: [
    // cell 27
    {
      give: [
        { fact: 'citizen', args: ['Alice'] },
        { fact: 'voter', args: ['Alice'], value: false },
        { fact: 'citizen', args: ['Bob'] },
        { fact: 'citizen', args: ['Chloe'] },
      ],
    },
    {
      give: [
        { fact: 'candidate', args: ['David'] },
        { fact: 'candidate', args: ['Eve'] },
        { fact: 'administrator', args: ['Admin'] },
      ],
    },
    // cell 28
    { enabled: 'cast vote', by: 'Alice', params: { citizen: 'Alice', candidate: 'Eve' }, expect: false },
    { act: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Alice' } },
    { duty: 'duty to vote', args: ['Alice'], active: true },
    { enabled: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Alice' }, expect: false },
    { act: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Bob' } },
    { act: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Chloe' } },
    { act: 'cast vote', by: 'Alice', params: { citizen: 'Alice', candidate: 'Eve' } },
    { duty: 'duty to vote', args: ['Alice'], active: false },
    { enabled: 'cast vote', by: 'Alice', params: { citizen: 'Alice', candidate: 'David' }, expect: false },
    { act: 'cast vote', by: 'Bob', params: { citizen: 'Bob', candidate: 'David' } },
    // cell 29: ?!Enabled(declare-winner(Admin, David)). ?!Enabled(declare-winner(Admin, Eve)).
    { fact: 'voters done', value: false },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' }, expect: false },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'Eve' }, expect: false },
    // cell 30
    { act: 'cast vote', by: 'Chloe', params: { citizen: 'Chloe', candidate: 'David' } },
    { fact: 'voters done', value: true },
    { fact: 'number of votes', value: '3' },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' }, expect: true },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'Eve' }, expect: false },
    // cell 31
    { act: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' } },
    { sourcesOf: 'declare winner', include: ['cell-26', 'eFLINT voting tutorial, cell 26'] },
    { fact: 'winner', args: ['David'], value: true },
    { fact: 'vote concluded', value: true },
    { fact: 'at most one winner', value: true },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' }, expect: false },
    { enabled: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Alice' }, expect: false },
    { violations: [] },
  ],
};

/**
 * Not in the notebook: what cell 23's `Violated when vote-concluded()` means. Chloe never votes, the
 * administrator declares a winner anyway (forced: voters are not done), and Chloe's duty is violated.
 */
export const violation: Scenario = {
  name: 'voting: an unfulfilled duty to vote is violated when the vote concludes',
  asOf: '2024-01-01',
  actors: { Alice: ['citizen'], Chloe: ['citizen'], David: ['candidate'], Admin: ['administrator'] },
  steps: [
    { act: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Alice' } },
    { act: 'enable vote', by: 'Admin', params: { administrator: 'Admin', citizen: 'Chloe' } },
    { act: 'cast vote', by: 'Alice', params: { citizen: 'Alice', candidate: 'David' } },
    { enabled: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' }, expect: false },
    { act: 'declare winner', by: 'Admin', params: { administrator: 'Admin', candidate: 'David' }, force: true },
    { advance: '2024-01-02' },
    { duty: 'duty to vote', args: ['Chloe'], active: true },
    { violations: ['forced-act declare winner(Admin, David)', 'duty-condition duty to vote(Chloe)'] },
  ],
};

/** Every voting scenario. */
export const scenarios: readonly Scenario[] = [cells3to19, election, violation];
