/**
 * An act's object that the act itself creates is its product, not a condition (src/run/compile.ts):
 * a created fact need not hold beforehand, a created duty need not be active beforehand. An object
 * created by another act stays a condition.
 */
import { describe, expect, it } from 'vitest';
import { activeDuties, availableActs, checkAct, compile, createCase, take } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';

const TEXT = `
fact [burger]: actor
fact [bestuur]: actor
fact [verzoek](b: [burger]) {
  holds when: created
}
duty <beslissen op verzoek>(b: [burger]) {
  holder: [bestuur]
  claimant: b
}
act <<verzoek indienen>>(b: [burger]) {
  actor: b
  action: indienen
  object: <beslissen op verzoek>(b)
  recipient: [bestuur]
  creates: <beslissen op verzoek>(b), [verzoek](b)
}
act <<herinneren>>(b: [burger]) {
  actor: b
  action: herinneren
  object: <beslissen op verzoek>(b)
}
`;

const parsed = parse(TEXT, 'object-product.flint');
const cm = compile(parsed.value).value;
const s0 = createCase(cm, {
  asOf: '2024-01-01',
  actors: { anna: { roles: ['burger'] }, gemeente: { roles: ['bestuur'] } },
});

describe('an act whose object is a duty it creates', () => {
  it('the model parses and compiles without errors', () => {
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cm.acts.get('verzoek indienen')?.decl.object?.kind).toBe('Ref');
  });

  it('is enabled before the duty exists: the duty is its product, not a condition', () => {
    expect(activeDuties(s0)).toEqual([]);
    const c = checkAct(cm, s0, 'verzoek indienen', 'anna', { b: 'anna' });
    expect(c.status).toBe('enabled');
    expect(c.reasons.filter((r) => r.item === 'object')).toEqual([]);
    expect(availableActs(cm, s0, 'anna').map((a) => a.act)).toEqual(['verzoek indienen']);
  });

  it('taking it creates the duty', () => {
    const r = take(cm, s0, { act: 'verzoek indienen', actor: 'anna', params: { b: 'anna' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(activeDuties(r.state).map((d) => [d.duty, d.args])).toEqual([['beslissen op verzoek', ['anna']]]);
  });

  it('an act whose object is a duty it does not create still needs the duty active', () => {
    const before = checkAct(cm, s0, 'herinneren', 'anna', { b: 'anna' });
    expect(before.status).not.toBe('enabled');
    expect(before.reasons.some((r) => r.item === 'object' && r.status === 'false')).toBe(true);
    const r = take(cm, s0, { act: 'verzoek indienen', actor: 'anna', params: { b: 'anna' } });
    if (!r.ok) throw new Error('verzoek indienen refused');
    expect(checkAct(cm, r.state, 'herinneren', 'anna', { b: 'anna' }).status).toBe('enabled');
  });
});
