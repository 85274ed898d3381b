import { describe, expect, it } from 'vitest';
import {
  activeDuties,
  advance,
  availableActs,
  compile,
  createCase,
  force,
  give,
  potentialActs,
  take,
  violations,
} from '../../src/run/index.js';
import type { CaseState } from '../../src/run/index.js';
import { act, cmp, date, duty, eff, fact, is, model, now, param, ref, source, t, v } from './helpers.js';
import { benefitActors, benefitModel } from './fixtures.js';

const cm = compile(benefitModel()).value;
const s0 = createCase(cm, { asOf: '2024-03-01', actors: benefitActors });

function mustTake(state: CaseState, req: Parameters<typeof take>[2]): CaseState {
  const r = take(cm, state, req);
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r.state;
}

const submitted = mustTake(s0, { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } });

describe('roles', () => {
  it('binds an actor-typed param to the performing actor and checks its role', () => {
    expect(availableActs(cm, s0, 'alice')).toEqual([{ act: 'indienen', params: { aanvrager: 'alice' } }]);
    expect(availableActs(cm, s0, 'gemeente')).toEqual([]);
    const r = take(cm, s0, { act: 'indienen', actor: 'gemeente', params: { aanvrager: 'gemeente' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.reasons.map((x) => [x.item, x.status])).toEqual([['actor', 'false']]);
  });
  it('an actor never takes an act reserved to another role', () => {
    const s = give(cm, submitted, [
      { fact: 'inkomen', args: ['alice'], value: '20000' },
      { fact: 'ingezetene', args: ['alice'] },
    ]).value;
    expect(availableActs(cm, s, 'gemeente').map((a) => a.act)).toEqual(['toekennen']);
    const r = take(cm, s, { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.reasons[0]).toMatchObject({ item: 'actor', status: 'false', expr: '[bestuursorgaan]' });
      expect(r.state).toBe(s);
    }
  });
  it('an instance of the role fact makes an undeclared actor play it', () => {
    const s = give(cm, submitted, [{ fact: 'bestuursorgaan', value: 'provincie' }]).value;
    const r = take(cm, s, { act: 'afwijzen', actor: 'provincie', params: { aanvrager: 'alice' } });
    expect(r.ok ? [] : r.refusal.reasons.map((x) => x.item)).not.toContain('actor');
  });
  it('Is checks the performing actor identity', () => {
    const m = compile(model(act('x', { actor: is('did:alice') }))).value;
    const s = createCase(m, { asOf: '2024-01-01', actors: { 'did:alice': { roles: [] }, 'did:bob': { roles: [] } } });
    expect(availableActs(m, s, 'did:alice').map((a) => a.act)).toEqual(['x']);
    expect(availableActs(m, s, 'did:bob')).toEqual([]);
  });
});

describe('taking acts', () => {
  it('creates fact instances with provenance and records the act', () => {
    expect(submitted.records).toEqual([
      {
        id: 'r1',
        act: 'indienen',
        actor: 'alice',
        params: { aanvrager: 'alice' },
        at: '2024-03-01',
        facts: [],
        forced: false,
      },
    ]);
    expect(submitted.facts['aanvraag']?.['["alice"]']).toEqual({
      args: ['alice'],
      value: true,
      provenance: { kind: 'created', record: 'r1', at: '2024-03-01' },
      terminated: null,
    });
    expect(availableActs(cm, submitted, 'alice')).toEqual([]);
  });
  it('refuses with each failing item, its frame and sources', () => {
    const s = give(cm, submitted, [{ fact: 'inkomen', args: ['alice'], value: '40000' }]).value;
    const r = take(cm, s, { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.reasons).toHaveLength(1);
    expect(r.refusal.reasons[0]).toMatchObject({
      item: 'precondition',
      status: 'false',
      expr: '[laag inkomen](aanvrager) and [ingezetene](aanvrager)',
    });
    expect(r.refusal.reasons[0]?.frame?.sources.map((x) => x.id)).toEqual(['wet-2']);
    expect(r.trace.outcome).toBe('refused');
  });
  it('supplies facts with the take, given by the actor', () => {
    const s = give(cm, submitted, [{ fact: 'inkomen', args: ['alice'], value: '20000' }]).value;
    const r = take(cm, s, {
      act: 'toekennen',
      actor: 'gemeente',
      params: { aanvrager: 'alice' },
      facts: [{ fact: 'ingezetene', args: ['alice'] }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.facts['ingezetene']?.['["alice"]']?.provenance).toEqual({
      kind: 'given',
      by: 'gemeente',
      at: '2024-03-01',
    });
    expect(r.record.facts).toEqual([{ fact: 'ingezetene', args: ['alice'] }]);
    expect(activeDuties(r.state)).toEqual([]);
    expect(r.trace.dutiesEnded).toEqual([{ id: 'd1', duty: 'beslissen', args: ['alice'], deadline: '2024-04-26' }]);
  });
  it('unknown acts and unknown params are refused', () => {
    const r = take(cm, s0, { act: 'vliegen', actor: 'alice' });
    expect(r.ok ? null : r.refusal.reasons.map((x) => x.item)).toEqual(['unknown-act']);
    const r2 = take(cm, s0, { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice', x: 1 } });
    expect(r2.ok ? null : r2.refusal.reasons.map((x) => x.item)).toEqual(['parameter']);
  });
});

describe('potential acts', () => {
  it('lists undecided acts with the questions that decide them', () => {
    const p = potentialActs(cm, submitted, 'gemeente');
    expect(p.map((x) => [x.act, x.params])).toEqual([
      ['toekennen', { aanvrager: 'alice' }],
      ['afwijzen', { aanvrager: 'alice' }],
    ]);
    expect(p[0]?.questions).toEqual(
      [
        { fact: 'inkomen', args: ['alice'] },
        { fact: 'ingezetene', args: ['alice'] },
      ].sort((a, b) => (a.fact < b.fact ? -1 : 1)),
    );
    expect(p[1]?.questions).toEqual([{ fact: 'inkomen', args: ['alice'] }]);
  });
  it('never includes available or impossible acts', () => {
    const s = give(cm, submitted, [{ fact: 'inkomen', args: ['alice'], value: '40000' }]).value;
    expect(potentialActs(cm, s, 'gemeente')).toEqual([]);
    expect(availableActs(cm, s, 'gemeente')).toEqual([{ act: 'afwijzen', params: { aanvrager: 'alice' } }]);
    expect(potentialActs(cm, s0, 'alice')).toEqual([]);
  });
});

describe('as-of dates', () => {
  const m = compile(
    model(
      source('old', { validFrom: '2020-01-01', validTo: '2022-12-31' }),
      source('new', { validFrom: '2024-01-01' }),
      fact('regel', { sources: ['new'], closed: true }),
      act('oud', { sources: ['old'] }),
      act('nieuw', { sources: ['new'] }),
      act('leunt', { preconditions: cmp('le', date('2000-01-01'), now), creates: [eff('fact', 'regel')] }),
      act('leunt op regel', { preconditions: ref('regel') }),
    ),
  ).value;
  it('an act is available only while one of its sources is in force', () => {
    expect(availableActs(m, createCase(m, { asOf: '2021-06-01' }), 'x').map((a) => a.act)).toEqual(['oud', 'leunt']);
    expect(availableActs(m, createCase(m, { asOf: '2023-06-01' }), 'x').map((a) => a.act)).toEqual(['leunt']);
    expect(availableActs(m, createCase(m, { asOf: '2024-06-01' }), 'x').map((a) => a.act)).toEqual(['nieuw', 'leunt']);
  });
  it('an act resting on a frame not in force is refused as not-in-force', () => {
    const s = createCase(m, { asOf: '2023-06-01' });
    const r = take(m, s, { act: 'leunt op regel', actor: 'x' });
    expect(r.ok ? null : r.refusal.reasons.map((x) => x.item)).toEqual(['not-in-force', 'precondition']);
  });
  it('records the source version in force on the act date', () => {
    const s = give(cm, submitted, [
      { fact: 'inkomen', args: ['alice'], value: '100' },
      { fact: 'ingezetene', args: ['alice'] },
    ]).value;
    const r = take(cm, s, { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' } });
    // The act's version of art. 2, the object's source, and the source of the duty it ends.
    expect(r.trace.sources.map((x) => x.id)).toEqual(['wet-2', 'awb-4:1', 'awb-4:13']);
    expect(r.trace.sources.map((x) => x.id)).not.toContain('wet-2-old');
  });
});

describe('duties, deadlines, violations, force', () => {
  it('activates a duty with a deadline computed from its creation date', () => {
    expect(activeDuties(submitted)).toMatchObject([
      { id: 'd1', duty: 'beslissen', args: ['alice'], deadline: '2024-04-26' },
    ]);
    expect(activeDuties(submitted, 'bob')).toEqual([]);
  });
  it('advancing past the deadline violates the duty once', () => {
    const a = advance(cm, submitted, '2024-04-26');
    expect(a.violations).toEqual([]);
    const b = advance(cm, a.state, '2024-04-27');
    expect(b.violations).toMatchObject([{ kind: 'duty-deadline', ref: 'd1', frame: 'beslissen', at: '2024-04-27' }]);
    const c = advance(cm, b.state, '2024-06-01');
    expect(c.violations).toEqual([]);
    expect(violations(c.state)).toHaveLength(1);
    expect(c.state.asOf).toBe('2024-06-01');
  });
  it('a violation condition that holds violates the duty', () => {
    const m = compile(
      model(
        fact('betaald', { closed: true }),
        act('start', { creates: [eff('duty', 'betalen')] }),
        duty('betalen', { violation: cmp('gt', now, date('2024-02-01')) }),
      ),
    ).value;
    const s = take(m, createCase(m, { asOf: '2024-01-01' }), { act: 'start', actor: 'x' });
    if (!s.ok) throw new Error('start refused');
    expect(advance(m, s.state, '2024-01-15').violations).toEqual([]);
    expect(advance(m, s.state, '2024-02-02').violations).toMatchObject([{ kind: 'duty-condition', frame: 'betalen' }]);
  });
  it('taking an act at a later date advances the clock first', () => {
    const r = take(cm, submitted, { act: 'indienen', actor: 'bob', params: { aanvrager: 'bob' }, at: '2024-05-01' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.asOf).toBe('2024-05-01');
    expect(r.state.violations.map((x) => x.ref)).toEqual(['d1']);
    const back = take(cm, r.state, {
      act: 'afwijzen',
      actor: 'gemeente',
      params: { aanvrager: 'bob' },
      at: '2024-04-01',
    });
    expect(back.ok).toBe(false);
  });
  it('force takes a non-enabled act and records a violation', () => {
    const r = force(cm, submitted, { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.outcome).toBe('forced');
    expect(r.record.forced).toBe(true);
    expect(r.state.facts['toegekend']?.['["alice"]']?.provenance).toEqual({
      kind: 'created',
      record: 'r2',
      at: '2024-03-01',
    });
    expect(violations(r.state)).toMatchObject([{ kind: 'forced-act', ref: 'r2', frame: 'toekennen' }]);
  });
  it('a terminated fact is known false afterwards', () => {
    const s = give(cm, submitted, [{ fact: 'inkomen', args: ['alice'], value: '40000' }]).value;
    const r = take(cm, s, { act: 'afwijzen', actor: 'gemeente', params: { aanvrager: 'alice' } });
    if (!r.ok) throw new Error('refused');
    expect(r.state.facts['aanvraag']?.['["alice"]']?.terminated).toEqual({ record: 'r2', at: '2024-03-01' });
    expect(availableActs(r.state ? cm : cm, r.state, 'alice').map((a) => a.act)).toEqual(['indienen']);
  });
});

describe('parameters of other types', () => {
  it('acts whose params cannot be enumerated are taken with explicit params', () => {
    const m = compile(
      model(
        act('melden', {
          params: [param('bedrag', t('decimal'))],
          preconditions: cmp('gt', v('bedrag'), date('2020-01-01')),
        }),
      ),
    ).value;
    const s = createCase(m, { asOf: '2024-01-01' });
    expect(availableActs(m, s, 'x')).toEqual([]);
    const r = take(m, s, { act: 'melden', actor: 'x', params: { bedrag: 'not a number' } });
    expect(r.ok ? null : r.refusal.reasons.map((x) => [x.item, x.status])).toEqual([
      ['parameter', 'false'],
      ['precondition', 'unknown'],
    ]);
  });
});

describe('take without a derivation tree', () => {
  it('gives the same state and outcome, with a childless check node', () => {
    const full = take(cm, submitted, { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } });
    const lean = take(
      cm,
      submitted,
      { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } },
      { trace: false },
    );
    expect(JSON.stringify(lean.state)).toBe(JSON.stringify(full.state));
    expect(lean.trace.outcome).toBe('refused');
    expect(lean.trace.reasons).toEqual(full.trace.reasons);
    expect(lean.trace.check.children).toEqual([]);
    expect(full.trace.check.children.length).toBeGreaterThan(0);
  });
});
