/**
 * Roles and authority (issue "Hostile input", item 2): facts an actor supplies with a take are
 * checked. Role facts and facts only an act may create are never given by an actor; a fact
 * another party set is not changed by an actor. The case (give without `by`) may set anything.
 * Each case was accepted by the code before.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run.js';
import { memoryIo } from '../../src/cli/io.js';
import { compile, createCase, evaluateFact, give, take } from '../../src/run/index.js';
import type { TakeResult } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';

const MODEL = `
fact [belastingdienst]: actor
fact [ouder]: actor
fact [uitgesloten](ouder: [ouder])
fact [kosten](ouder: [ouder]): decimal
fact [aanvraag](ouder: [ouder]) {
  holds when: created
}
act <<aanvragen>>(ouder: [ouder]) {
  actor: ouder
  preconditions: not [uitgesloten](ouder) and not [aanvraag](ouder)
  creates: [aanvraag](ouder)
}
act <<toekennen>>(ouder: [ouder]) {
  actor: [belastingdienst]
  object: [aanvraag](ouder)
}
`;
const cm = compile(parse(MODEL, 'toeslag.flint').value).value;
const actors = { alice: { roles: ['ouder'] }, bd: { roles: ['belastingdienst'] } };
const s0 = createCase(cm, { asOf: '2024-01-01', actors });
const messages = (r: TakeResult): string => (r.ok ? '' : r.refusal.reasons.map((x) => x.message).join(' '));

describe('facts given with a take', () => {
  it('an actor cannot make itself the Belastingdienst by giving the role fact', () => {
    const applied = give(cm, s0, [{ fact: 'uitgesloten', args: ['alice'], value: false }]).value;
    const withApp = take(cm, applied, { act: 'aanvragen', actor: 'alice', params: { ouder: 'alice' } });
    expect(withApp.ok).toBe(true);
    if (!withApp.ok) return;
    const r = take(cm, withApp.state, {
      act: 'toekennen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'belastingdienst', value: 'alice' }],
    });
    expect(r.ok).toBe(false);
    expect(messages(r)).toContain('alice may not give [belastingdienst]');
    expect(messages(r)).toContain('role fact');
    expect(r.state).toBe(withApp.state);
  });

  it('an applicant cannot overwrite uitgesloten = true set by the tax authority', () => {
    const s = give(cm, s0, [{ fact: 'uitgesloten', args: ['alice'], value: true }], { by: 'bd' }).value;
    const r = take(cm, s, {
      act: 'aanvragen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
    });
    expect(r.ok).toBe(false);
    expect(messages(r)).toContain('may not change [uitgesloten](alice) from true to false: it was set by bd');
    expect(evaluateFact(cm, r.state, 'uitgesloten', ['alice']).value).toEqual({ type: 'boolean', value: true });
  });

  it('the same holds for a value the case set (give without by)', () => {
    const s = give(cm, s0, [{ fact: 'uitgesloten', args: ['alice'], value: true }]).value;
    const r = take(cm, s, {
      act: 'aanvragen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
    });
    expect(messages(r)).toContain('it was set by the case');
  });

  it('an actor may give new facts, repeat a value, and correct its own', () => {
    const s = take(cm, s0, {
      act: 'aanvragen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [
        { fact: 'uitgesloten', args: ['alice'], value: false },
        { fact: 'kosten', args: ['alice'], value: '10' },
      ],
    });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const again = take(cm, s.state, {
      act: 'toekennen',
      actor: 'bd',
      params: { ouder: 'alice' },
      facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
    });
    expect(messages(again)).toBe('');
    const own = give(
      cm,
      s0,
      [
        { fact: 'kosten', args: ['alice'], value: '10' },
        { fact: 'uitgesloten', args: ['alice'], value: false },
      ],
      { by: 'alice' },
    ).value;
    const corrected = take(cm, own, {
      act: 'aanvragen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'kosten', args: ['alice'], value: '12' }],
    });
    expect(messages(corrected)).toBe('');
  });

  it('a fact only an act may create cannot be given with a take, nor on behalf of someone else', () => {
    const r = take(cm, s0, {
      act: 'toekennen',
      actor: 'bd',
      params: { ouder: 'alice' },
      facts: [{ fact: 'aanvraag', args: ['alice'] }],
    });
    expect(r.ok).toBe(false);
    expect(messages(r)).toContain(
      'bd may not give [aanvraag] with <<toekennen>>: it holds only when an act creates it',
    );
    const behalf = take(cm, s0, {
      act: 'aanvragen',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'kosten', args: ['alice'], value: '1', by: 'bd' }],
    });
    expect(messages(behalf)).toContain('on behalf of bd');
  });

  it('the case administrator (give without by) may set a created fact at case setup; it is recorded as given', () => {
    const s = give(cm, s0, [{ fact: 'aanvraag', args: ['alice'] }]).value;
    expect(s.facts.aanvraag?.['["alice"]']?.provenance).toEqual({ kind: 'given', by: null, at: '2024-01-01' });
    expect(take(cm, s, { act: 'toekennen', actor: 'bd', params: { ouder: 'alice' } }).ok).toBe(true);
  });
});

describe('the CLI path: flint run --case', () => {
  it('refuses an act whose supplied facts include a role fact, with a clear reason', async () => {
    const io = memoryIo({
      'toeslag.flint': MODEL,
      'case.json': JSON.stringify({
        model: 'toeslag.flint',
        asOf: '2024-01-01',
        actors,
        facts: [{ fact: 'aanvraag', args: ['alice'] }],
        acts: [
          {
            act: 'toekennen',
            actor: 'alice',
            params: { ouder: 'alice' },
            facts: [{ fact: 'belastingdienst', value: 'alice' }],
          },
        ],
      }),
    });
    const code = await runCommand.run(['--case', 'case.json', '--lang', 'en'], io);
    expect(code).not.toBe(0);
    expect(io.out + io.err).toContain('alice may not give [belastingdienst] with <<toekennen>>');
  });
});
