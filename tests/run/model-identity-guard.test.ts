/**
 * A case state names the model it was made under; every step on it under another model is refused
 * with `run-model-changed` (issue "One home for running a case" §5: "resuming a state under a
 * different model is a diagnostic, not a silent change"), until resumeCase records the change.
 */
import { describe, expect, it } from 'vitest';
import { advance, compile, createCase, evaluateFact, give, parse, resumeCase, take } from '../../src/index.js';

const text = (deadline: string): string => `model "m" { language: en }
fact [burger]: actor { closed }
fact [aanvraag](b: [burger]) { holds when: created }
fact [bericht]
act <<indienen>>(b: [burger]) {
  actor: b
  preconditions: not [aanvraag](b)
  creates: [aanvraag](b), <beslissen>(b)
}
duty <beslissen>(b: [burger]) {
  holder: b
  claimant: b
  deadline: within ${deadline}
}
`;

const v1 = compile(parse(text('8 weeks'), 'm.flint').value).value;
const v2 = compile(parse(text('6 weeks'), 'm.flint').value).value;
const actors = { anna: { roles: ['burger'] } };

describe('a state used under another model', () => {
  const s = createCase(v1, { asOf: '2024-01-01', actors });

  it('take, give, advance and evaluateFact refuse it with run-model-changed', () => {
    const t = take(v2, s, { act: 'indienen', actor: 'anna', params: { b: 'anna' } });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.refusal.reasons[0]?.message).toContain('was made under');
    expect(give(v2, s, [{ fact: 'bericht' }]).diagnostics.map((d) => d.code)).toEqual(['run-model-changed']);
    expect(advance(v2, s, '2024-02-01').diagnostics.map((d) => d.code)).toEqual(['run-model-changed']);
    expect(advance(v2, s, '2024-02-01').state).toBe(s);
    expect(evaluateFact(v2, s, 'bericht').diagnostics.map((d) => d.code)).toEqual(['run-model-changed']);
  });

  it('the same model compiled again is the same model (content hash)', () => {
    const again = compile(parse(text('8 weeks'), 'other-name.flint').value).value;
    expect(take(again, s, { act: 'indienen', actor: 'anna', params: { b: 'anna' } }).ok).toBe(true);
  });

  it('after resumeCase (which reports the change) the state continues under the new model', () => {
    const r = resumeCase(v2, s);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-model-changed']);
    expect(take(v2, r.value, { act: 'indienen', actor: 'anna', params: { b: 'anna' } }).ok).toBe(true);
  });
});
