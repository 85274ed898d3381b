import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableActs, compile, createCase, evaluateFact, potentialActs, take } from '../../src/run/index.js';
import { loadModel, parse } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const load = () =>
  loadModel(join(projectRoot, 'examples/flint/toeslag.flint'), {
    readFile: (p) => readFileSync(p, 'utf8'),
    resolve: (from, p) => join(dirname(from), p),
  });

describe('running models written in .flint text', () => {
  const loaded = load();
  const cm = compile(loaded.value.model);
  const actors = { alice: { roles: ['ouder'] }, bd: { roles: ['belastingdienst'] }, kees: { roles: ['kind'] } };
  const s0 = createCase(cm.value, {
    asOf: '2024-06-01',
    actors,
    facts: [
      { fact: 'kosten', args: ['alice'], value: '500' },
      { fact: 'kind van', args: ['kees', 'alice'] },
      { fact: 'uren', args: ['kees'], value: '20' },
    ],
  });

  it('the example model loads and compiles', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cm.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('a sub-role ([ouder]: [persoon]) plays its parent role and binds the actor param', () => {
    expect(availableActs(cm.value, s0, 'alice')).toEqual([]);
    const p = potentialActs(cm.value, s0, 'alice');
    expect(p.map((x) => [x.act, x.params, x.questions])).toEqual([
      ['aanvragen toeslag', { ouder: 'alice' }, [{ fact: 'uitgesloten', args: ['alice'] }]],
    ]);
    expect(evaluateFact(cm.value, s0, 'persoon', ['alice']).value).toEqual({ type: 'boolean', value: true });
  });

  it('applies for the allowance, computes its exact height and activates the decision duty', () => {
    const t = take(cm.value, s0, {
      act: 'aanvragen toeslag',
      actor: 'alice',
      params: { ouder: 'alice' },
      facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
    });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    // min(500, 10.25 * 20) * 0.96 = 196.80
    expect(evaluateFact(cm.value, t.state, 'hoogte', ['alice']).value).toEqual({ type: 'decimal', value: '196.8' });
    expect(t.state.duties).toMatchObject([{ duty: 'beslissen op aanvraag', args: ['alice'], deadline: '2024-07-27' }]);
    expect(availableActs(cm.value, t.state, 'bd')).toEqual([{ act: 'beslissen', params: { ouder: 'alice' } }]);
    const d = take(cm.value, t.state, { act: 'beslissen', actor: 'bd', params: { ouder: 'alice' } });
    expect(d.ok && d.state.duties[0]?.status).toBe('ended');
  });

  it('parses and runs a small model given as text', () => {
    const text = `
fact [leeftijd]: integer
fact [volwassen] { holds when: [leeftijd] >= 18 }
act <<stemmen>> { preconditions: [volwassen] }
`;
    const m = parse(text, 'mini.flint');
    expect(m.diagnostics).toEqual([]);
    const c = compile(m.value).value;
    const s = createCase(c, { asOf: '2024-01-01', facts: [{ fact: 'leeftijd', value: 17 }] });
    expect(availableActs(c, s, 'x')).toEqual([]);
    const s2 = createCase(c, { asOf: '2024-01-01', facts: [{ fact: 'leeftijd', value: 18 }] });
    expect(availableActs(c, s2, 'x').map((a) => a.act)).toEqual(['stemmen']);
  });
});
