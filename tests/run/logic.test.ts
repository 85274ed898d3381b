import { describe, expect, it } from 'vitest';
import { compile, createCase, evaluateFact, give } from '../../src/run/index.js';
import { add, agg, and, call, cmp, dec, fact, ft, int, model, not, or, param, ref, t, v } from './helpers.js';

const m = model(
  fact('a'),
  fact('b'),
  fact('c', { closed: true }),
  fact('a and b', { definition: and(ref('a'), ref('b')) }),
  fact('a or b', { definition: or(ref('a'), ref('b')) }),
  fact('not a', { definition: not(ref('a')) }),
  fact('n', { type: t('integer') }),
  fact('n plus 1 > 2', { definition: cmp('gt', add(ref('n'), int('1')), int('2')) }),
);
const cm = compile(m).value;
const s0 = createCase(cm, { asOf: '2024-01-01' });
const U = { type: 'unknown' };
const T = { type: 'boolean', value: true };
const F = { type: 'boolean', value: false };

describe('three-valued (Kleene) logic', () => {
  it('unknown inputs ask and stay unknown', () => {
    const r = evaluateFact(cm, s0, 'a and b');
    expect(r.value).toEqual(U);
    expect(r.questions).toEqual([
      { fact: 'a', args: [] },
      { fact: 'b', args: [] },
    ]);
  });
  it('false and unknown = false, with no questions', () => {
    const s = give(cm, s0, [{ fact: 'a', value: false }]).value;
    const r = evaluateFact(cm, s, 'a and b');
    expect(r.value).toEqual(F);
    expect(r.questions).toEqual([]);
    expect(evaluateFact(cm, s, 'a or b')).toMatchObject({ value: U, questions: [{ fact: 'b', args: [] }] });
    expect(evaluateFact(cm, s, 'not a').value).toEqual(T);
  });
  it('true or unknown = true', () => {
    const s = give(cm, s0, [{ fact: 'b', value: true }]).value;
    expect(evaluateFact(cm, s, 'a or b').value).toEqual(T);
    expect(evaluateFact(cm, s, 'a and b').value).toEqual(U);
  });
  it('closed facts are false when not given', () => {
    expect(evaluateFact(cm, s0, 'c')).toEqual({ value: F, questions: [], diagnostics: [] });
  });
  it('arithmetic and comparison with unknown are unknown', () => {
    expect(evaluateFact(cm, s0, 'n plus 1 > 2')).toMatchObject({ value: U, questions: [{ fact: 'n', args: [] }] });
    const s = give(cm, s0, [{ fact: 'n', value: '2' }]).value;
    expect(evaluateFact(cm, s, 'n plus 1 > 2').value).toEqual(T);
  });
});

describe('aggregates over known instances', () => {
  const p = param('k', ft('kind'));
  const am = model(
    fact('kind', { params: [param('naam', t('text'))], closed: true }),
    fact('uren', { params: [param('k', ft('kind'))], type: t('decimal') }),
    fact('jong', { params: [param('k', ft('kind'))] }),
    fact('aantal', { type: t('integer'), definition: agg('count', [p], null) }),
    fact('totaal', { type: t('decimal'), definition: agg('sum', [p], null, ref('uren', v('k'))) }),
    fact('maximum', { type: t('decimal'), definition: agg('max', [p], null, ref('uren', v('k'))) }),
    fact('iemand jong', { definition: agg('exists', [p], ref('jong', v('k'))) }),
    fact('allen jong', { definition: agg('forall', [p], null, ref('jong', v('k'))) }),
    fact('som', { type: t('decimal'), definition: call('sum', dec('0.1'), dec('0.2')) }),
  );
  const acm = compile(am).value;
  const base = give(acm, createCase(acm, { asOf: '2024-01-01' }), [
    { fact: 'kind', args: ['piet'] },
    { fact: 'kind', args: ['kees'] },
    { fact: 'kind', args: ['joop'], value: false },
    { fact: 'uren', args: ['piet'], value: '10.5' },
  ]).value;

  it('count ranges over holding instances only', () => {
    expect(evaluateFact(acm, base, 'aantal').value).toEqual({ type: 'integer', value: '2' });
  });
  it('sum and max are unknown while a body is unknown, exact once known', () => {
    expect(evaluateFact(acm, base, 'totaal')).toMatchObject({
      value: U,
      questions: [{ fact: 'uren', args: ['kees'] }],
    });
    const s = give(acm, base, [{ fact: 'uren', args: ['kees'], value: '0.25' }]).value;
    expect(evaluateFact(acm, s, 'totaal').value).toEqual({ type: 'decimal', value: '10.75' });
    expect(evaluateFact(acm, s, 'maximum').value).toEqual({ type: 'decimal', value: '10.5' });
  });
  it('exists is true once one is true; forall false once one is false', () => {
    expect(evaluateFact(acm, base, 'iemand jong').value).toEqual(U);
    const s1 = give(acm, base, [{ fact: 'jong', args: ['kees'], value: true }]).value;
    expect(evaluateFact(acm, s1, 'iemand jong').value).toEqual(T);
    expect(evaluateFact(acm, s1, 'allen jong').value).toEqual(U);
    const s2 = give(acm, s1, [{ fact: 'jong', args: ['piet'], value: false }]).value;
    expect(evaluateFact(acm, s2, 'allen jong').value).toEqual(F);
  });
  it('sum() of decimals is exact', () => {
    expect(evaluateFact(acm, base, 'som').value).toEqual({ type: 'decimal', value: '0.3' });
  });
});

describe('give', () => {
  it('reports unknown facts, wrong arity and wrong types without throwing', () => {
    const acm = compile(
      model(fact('k', { params: [param('n', t('integer'))] }), fact('d', { type: t('decimal') })),
    ).value;
    const s = createCase(acm, { asOf: '2024-01-01' });
    const r = give(acm, s, [
      { fact: 'nope' },
      { fact: 'k', args: [] },
      { fact: 'k', args: ['x'] },
      { fact: 'd', value: true },
      { fact: 'd', value: '1.50' },
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      'run-unknown-fact',
      'run-wrong-arity',
      'run-wrong-type',
      'run-wrong-type',
    ]);
    expect(r.value.facts['d']?.['[]']?.value).toBe('1.50');
    expect(r.value.facts['k']).toBeUndefined();
    expect(s.facts).toEqual({});
  });
});
