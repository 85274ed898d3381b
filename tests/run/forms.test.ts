import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.js';
import { activeDuties, advance, availableActs, compile, createCase, evaluateFact, take } from '../../src/run/index.js';
import {
  act,
  actRef,
  add,
  bool,
  date,
  dur,
  duty,
  dutyRef,
  eff,
  fact,
  int,
  model,
  now,
  param,
  ref,
  t,
  v,
} from './helpers.js';
import { emptySpan } from '../../src/model/span.js';

const span = emptySpan('forms.flint');
const created: Expr = { kind: 'Created', operands: [], span };
const cond = (c: Expr, a: Expr, b: Expr): Expr => ({ kind: 'Conditional', condition: c, then: a, otherwise: b, span });
const proj = (operand: Expr, ...context: string[]): Expr => ({
  kind: 'Projection',
  scope: 'single',
  context,
  operand,
  span,
});
const list: Expr = { kind: 'List', name: 'kinderen', item: ref('kind naam'), span };

describe('FLINT JSON compatibility forms and other expressions (native meanings)', () => {
  const m = compile(
    model(
      fact('aanvraag', { definition: created }),
      fact('bedrag', { type: t('integer') }),
      fact('kinderen', { definition: list }),
      fact('kind naam', { type: t('text') }),
      fact('aanvrager', { type: t('actor'), definition: proj(ref('indiener'), 'aanvraag') }),
      fact('hoog', { definition: cond(ref('vlag'), bool(true), bool(true)) }),
      fact('vlag'),
      fact('mag indienen', { definition: actRef('indienen', v('wie')), params: [param('wie', t('actor'))] }),
      act('indienen', {
        params: [param('indiener', t('actor'))],
        actor: v('indiener'),
        preconditions: cond(cmpGt(), bool(true), bool(false)),
        creates: [eff('fact', 'aanvraag'), eff('duty', 'betalen', v('indiener'))],
      }),
      act('betaal', {
        params: [param('wie', t('actor'))],
        actor: v('wie'),
        preconditions: dutyRef('betalen', v('wie')),
      }),
      duty('betalen', {
        params: [param('wie', t('actor'))],
        deadline: { form: 'by', value: add(date('2024-01-31'), dur('P1M')) },
        terminatedBy: ['betaal'],
      }),
    ),
  ).value;
  function cmpGt(): Expr {
    return { kind: 'Compare', op: 'ge', operands: [ref('bedrag'), int('0')], span };
  }
  const s0 = createCase(m, {
    asOf: '2024-01-15',
    actors: { alice: { roles: [] } },
    facts: [{ fact: 'bedrag', value: 5 }],
  });

  it('created: false until an act creates it', () => {
    expect(evaluateFact(m, s0, 'aanvraag').value).toEqual({ type: 'boolean', value: false });
    const r = take(m, s0, { act: 'indienen', actor: 'alice', params: { indiener: 'alice' } });
    expect(r.ok && evaluateFact(m, r.state, 'aanvraag').value).toEqual({ type: 'boolean', value: true });
  });
  it('projection: reads a parameter of the act record that created the context fact', () => {
    expect(evaluateFact(m, s0, 'aanvrager').value).toEqual({ type: 'unknown' });
    const r = take(m, s0, { act: 'indienen', actor: 'alice', params: { indiener: 'alice' } });
    expect(r.ok && evaluateFact(m, r.state, 'aanvrager').value).toEqual({ type: 'actor', value: 'alice' });
  });
  it('list: unknown, asking its item', () => {
    expect(evaluateFact(m, s0, 'kinderen')).toEqual({
      value: { type: 'unknown' },
      questions: [{ fact: 'kind naam', args: [] }],
      diagnostics: [],
    });
  });
  it('conditional with an unknown condition is known when both branches agree', () => {
    expect(evaluateFact(m, s0, 'hoog').value).toEqual({ type: 'boolean', value: true });
  });
  it('an act reference is true when its preconditions hold for those arguments', () => {
    expect(evaluateFact(m, s0, 'mag indienen', ['alice']).value).toEqual({ type: 'boolean', value: true });
  });
  it('a duty with a `by` deadline, referenced in preconditions, ended by its terminating act', () => {
    const r = take(m, s0, { act: 'indienen', actor: 'alice', params: { indiener: 'alice' } });
    if (!r.ok) throw new Error('refused');
    expect(activeDuties(r.state, 'alice')).toMatchObject([{ duty: 'betalen', deadline: '2024-02-29' }]);
    expect(availableActs(m, r.state, 'alice').map((a) => a.act)).toEqual(['indienen', 'betaal']);
    const p = take(m, r.state, { act: 'betaal', actor: 'alice', params: { wie: 'alice' } });
    if (!p.ok) throw new Error('refused');
    expect(activeDuties(p.state)).toEqual([]);
    expect(availableActs(m, p.state, 'alice').map((a) => a.act)).toEqual(['indienen']);
    expect(advance(m, p.state, '2024-12-31').violations).toEqual([]);
    expect(advance(m, r.state, '2024-03-01').violations).toMatchObject([{ kind: 'duty-deadline', frame: 'betalen' }]);
  });
  it('today is the case clock', () => {
    const mm = compile(model(fact('d', { type: t('date'), definition: now }))).value;
    expect(evaluateFact(mm, createCase(mm, { asOf: '2024-02-29' }), 'd').value).toEqual({
      type: 'date',
      value: '2024-02-29',
    });
  });
});
