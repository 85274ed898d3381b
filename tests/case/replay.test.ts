/** The one replay loop of src/case: step, caseSteps, replayCase; and `flint run` reporting step diagnostics. */
import { describe, expect, it } from 'vitest';
import { caseSteps, parseCaseFile, replayCase, startCase, step } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { memoryIo } from '../../src/cli/io.js';
import { compile } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';

const VOTES = `
fact [citizen]: actor { closed }
fact [candidate]: actor { closed }
fact [vote](citizen: [citizen], candidate: [candidate]) { closed }
act <<register>>(citizen: [citizen]) {
  actor: citizen
  creates: [vote]
}
`;

const cm = compile(parse(VOTES, 'votes.flint').value).value;

const CASE_TEXT = `{
  "model": "votes.flint",
  "asOf": "2024-01-01",
  "actors": { "alice": { "roles": ["citizen"] }, "eve": { "roles": ["candidate"] } },
  "acts": [
    { "act": "register", "actor": "alice", "params": { "citizen": "alice" } }
  ]
}
`;

const caseFile = (): CaseFile => {
  const c = parseCaseFile(CASE_TEXT, 'votes.case.json').value.case;
  if (!c) throw new Error('case file does not parse');
  return c;
};

describe('step', () => {
  it('gives facts, takes acts and moves the clock, returning the new state and its problems', () => {
    const s0 = startCase(cm, caseFile()).state;
    const given = step(cm, s0, { kind: 'give', facts: [{ fact: 'nope' }] });
    expect(given.diagnostics.map((d) => d.code)).toEqual(['run-unknown-fact']);
    expect(given.state).toBe(s0);
    const act = step(cm, s0, {
      kind: 'act',
      request: { act: 'register', actor: 'alice', params: { citizen: 'alice' } },
    });
    expect(act.kind === 'act' && act.result.ok).toBe(true);
    expect(act.diagnostics.map((d) => d.code)).toEqual(['run-unbound-effect']);
    const moved = step(cm, act.state, { kind: 'advance', to: '2024-02-01' });
    expect(moved.state.asOf).toBe('2024-02-01');
  });
});

describe('replayCase and caseSteps', () => {
  it('collect the warnings of each act, pointing at the act in the case file', () => {
    const r = replayCase(cm, caseFile());
    expect(r.failed).toBeNull();
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]?.diagnostics.map((d) => [d.code, d.path])).toEqual([['run-unbound-effect', '/acts/0']]);
  });

  it('stop after the first step whose outcome is not the expected one', () => {
    const c: CaseFile = {
      asOf: '2024-01-01',
      actors: { alice: { roles: ['citizen'] } },
      acts: [
        { act: 'register', actor: 'eve', params: { citizen: 'eve' } },
        { act: 'register', actor: 'alice', params: { citizen: 'alice' } },
      ],
    };
    const steps = [...caseSteps(cm, c, startCase(cm, c).state)];
    expect(steps.map((s) => [s.index, s.ok, s.asExpected])).toEqual([[1, false, false]]);
    const r = replayCase(cm, c);
    expect(r.failed?.index).toBe(1);
  });

  it('point a fact that cannot be given at its place in the case file', () => {
    const c: CaseFile = { asOf: '2024-01-01', facts: [{ fact: 'citizen', args: ['a'] }, { fact: 'nope' }] };
    expect(replayCase(cm, c).diagnostics.map((d) => [d.code, d.path])).toEqual([['run-unknown-fact', '/facts/1']]);
  });
});

describe('flint run reports the warnings of an act', () => {
  const io = () => memoryIo({ 'votes.flint': VOTES, 'votes.case.json': CASE_TEXT });

  it('on stderr, at the line and column of the act in the case file', async () => {
    const r = io();
    const code = await runCommand.run(['--case', 'votes.case.json'], r);
    expect(code).toBe(0);
    expect(r.err).toContain('run-unbound-effect');
    expect(r.err).toContain('votes.case.json:6:');
  });

  it('in the JSON document, under the step', async () => {
    const r = io();
    await runCommand.run(['--case', 'votes.case.json', '--format', 'json'], r);
    const doc = JSON.parse(r.out) as { acts: { diagnostics?: { code: string; path: string }[] }[] };
    expect(doc.acts[0]?.diagnostics).toEqual([
      expect.objectContaining({ code: 'run-unbound-effect', path: '/acts/0' }),
    ]);
  });
});
