/**
 * Junk given to the library is reported, never stored, never thrown (issue "Library accepts junk
 * silently"). Each case failed on the code before: it was accepted, jammed the clock, or threw.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  availableActs,
  checkAct,
  compile,
  createCase,
  createCaseChecked,
  evaluateFact,
  give,
  potentialActs,
  take,
} from '../../src/run/index.js';
import type { CaseState, GivenFact, JsonScalar } from '../../src/run/index.js';
import { decideCase, decideLine } from '../../src/batch/index.js';
import type { BatchOutcome } from '../../src/batch/index.js';
import { benefitActors, benefitModel } from './fixtures.js';

const cm = compile(benefitModel()).value;
const s0 = createCase(cm, { asOf: '2024-03-01', actors: benefitActors });
const submit = { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } };

describe('dates', () => {
  it('advance to a non-date reports run-invalid-date and leaves the clock alone', () => {
    const r = advance(cm, s0, 'morgen');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-invalid-date']);
    expect(r.state).toBe(s0);
    expect(take(cm, r.state, submit).ok).toBe(true);
  });
  it('advance to a real date has no diagnostics', () => {
    expect(advance(cm, s0, '2024-03-02').diagnostics).toEqual([]);
  });
  it.each(['2-1-2024', '2024-02-30', '2024-13-01', ''])(
    'createCaseChecked reports asOf %j; the case it returns is refused everywhere',
    (asOf) => {
      const r = createCaseChecked(cm, { asOf, actors: benefitActors });
      expect(r.diagnostics.map((d) => d.code)).toContain('run-invalid-date');
      expect(r.value.asOf).not.toBe(asOf);
      const t = take(cm, createCase(cm, { asOf, actors: benefitActors }), submit);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.refusal.reasons[0]?.message).toContain('not a calendar date');
    },
  );
  it('give at a non-date is reported and nothing is stored', () => {
    const r = give(cm, s0, [{ fact: 'ingezetene', args: ['alice'] }], { at: 'gisteren' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-invalid-date']);
    expect(r.value).toBe(s0);
  });
  it.each(['2024-02-30', 'x'])('take at %j is refused as an invalid date and does not move the clock', (at) => {
    const r = take(cm, s0, { ...submit, at });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.reasons.map((x) => x.message).join(' ')).toContain('invalid date');
      expect(r.state.asOf).toBe('2024-03-01');
    }
  });
  it('a batch case with an act "at" that is not a date is an error line (or a refusal), not a jammed clock', () => {
    const line = JSON.stringify({
      id: 1,
      asOf: '2024-03-01',
      actors: benefitActors,
      acts: [{ ...submit, at: '2024-02-30' }],
    });
    expect(JSON.parse(decideLine(cm, line, 1) ?? '{}')).toMatchObject({ error: { path: '/acts/0/at' } });
    const out = decideCase(cm, {
      id: 1,
      asOf: '2024-03-01',
      actors: benefitActors,
      acts: [{ ...submit, at: 'x' }],
    }) as BatchOutcome;
    expect(out.outcome).toBe('refused');
  });
});

describe('createCase', () => {
  it('reports unknown roles and malformed actors, and leaves them out', () => {
    const r = createCaseChecked(cm, {
      asOf: '2024-03-01',
      actors: { alice: { roles: ['persoon', 'koning'] }, bob: 'x' as never },
    });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['run-unknown-role', '/actors/alice/roles/1'],
      ['run-invalid-actors', '/actors/bob'],
    ]);
    expect(r.value.actors).toEqual({ alice: { roles: ['persoon'] } });
    expect(createCase(cm, { asOf: '2024-03-01', actors: { alice: { roles: ['koning'] } } }).actors).toEqual({
      alice: { roles: [] },
    });
  });
  it('reports malformed facts with their path instead of dropping them silently', () => {
    const facts = [
      { fact: 'ingezetene', args: ['alice'] },
      { nope: 1 },
      { fact: 'ingezetene', args: 'alice' },
      42,
    ] as unknown as GivenFact[];
    const r = createCaseChecked(cm, { asOf: '2024-03-01', actors: benefitActors, facts });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['run-invalid-fact', '/facts/1'],
      ['run-invalid-fact', '/facts/2/args'],
      ['run-invalid-fact', '/facts/3'],
    ]);
    expect(Object.keys(r.value.facts.ingezetene ?? {})).toEqual(['["alice"]']);
  });
  it('a non-array facts is a diagnostic, not a TypeError', () => {
    const r = createCaseChecked(cm, { asOf: '2024-03-01', facts: 'x' as unknown as GivenFact[] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-invalid-facts']);
    expect(give(cm, s0, { fact: 'x' } as unknown as GivenFact[]).diagnostics.map((d) => d.code)).toEqual([
      'run-invalid-facts',
    ]);
  });
});

describe('evaluateFact', () => {
  const s = give(cm, s0, [{ fact: 'ingezetene', args: ['alice'] }]).value;
  it('the wrong number of arguments is unknown with run-wrong-arity, not true', () => {
    const r = evaluateFact(cm, s, 'ingezetene', []);
    expect(r.value).toEqual({ type: 'unknown' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-wrong-arity']);
    expect(evaluateFact(cm, s, 'ingezetene', ['alice', 'bob']).diagnostics.map((d) => d.code)).toEqual([
      'run-wrong-arity',
    ]);
    expect(evaluateFact(cm, s, 'ingezetene', ['alice'])).toMatchObject({
      value: { type: 'boolean', value: true },
      diagnostics: [],
    });
  });
  it('an object as an argument is run-wrong-type and creates no instance', () => {
    const r = evaluateFact(cm, s, 'ingezetene', [{ id: 'piet' } as unknown as JsonScalar]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-wrong-type']);
    const g = give(cm, s, [{ fact: 'ingezetene', args: [{ id: 'piet' } as unknown as JsonScalar] }]);
    expect(g.diagnostics.map((d) => d.code)).toEqual(['run-invalid-fact']);
    expect(g.value).toBe(s);
  });
  it('an unknown fact is reported', () => {
    expect(evaluateFact(cm, s, 'bestaat niet').diagnostics.map((d) => d.code)).toEqual(['run-unknown-fact']);
  });
});

describe('corrupt state', () => {
  const corrupt = [
    null,
    {},
    { ...JSON.parse(JSON.stringify(s0)), facts: 'x' },
    { ...JSON.parse(JSON.stringify(s0)), facts: { ingezetene: { '["a"]': { args: 'a' } } } },
    { ...JSON.parse(JSON.stringify(s0)), duties: [1] },
    { ...JSON.parse(JSON.stringify(s0)), counters: null },
  ] as unknown as CaseState[];
  it.each(corrupt.map((c, i) => [i, c]))(
    'state %i: every entry point reports run-invalid-state, none throws',
    (_, c) => {
      const t = take(cm, c, submit);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.refusal.reasons[0]?.message).toContain('case state is not valid');
      expect(advance(cm, c, '2024-04-01').diagnostics.map((d) => d.code)).toEqual(['run-invalid-state']);
      expect(give(cm, c, [{ fact: 'ingezetene', args: ['alice'] }]).diagnostics.map((d) => d.code)).toEqual([
        'run-invalid-state',
      ]);
      expect(evaluateFact(cm, c, 'ingezetene', ['alice']).diagnostics.map((d) => d.code)).toEqual([
        'run-invalid-state',
      ]);
      expect(checkAct(cm, c, 'indienen', 'alice', { aanvrager: 'alice' }).reasons[0]?.message).toContain(
        'case state is not valid',
      );
      expect(availableActs(cm, c, 'alice')).toEqual([]);
      expect(potentialActs(cm, c, 'alice')).toEqual([]);
    },
  );
  it('a stored state read back from JSON (not frozen, valid) is accepted', () => {
    const stored = JSON.parse(JSON.stringify(s0)) as CaseState;
    expect(take(cm, stored, submit).ok).toBe(true);
  });
});

describe('names', () => {
  it('take accepts <<name>> as the CLI and case files do', () => {
    const r = take(cm, s0, { ...submit, act: '<<indienen>>' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.record.act).toBe('indienen');
  });
});
