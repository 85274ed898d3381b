/** Effect binding, violations after every step, forced-act argument order, partial takes, role-typed parameters. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { advance, compile, createCase, force, give, resumeCase, take } from '../../src/run/index.js';
import type { CaseState, TakeResult } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { explainText } from '../../src/trace/index.js';

const load = (text: string) => {
  const m = parse(text, 'm.flint');
  expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { model: m.value, cm: compile(m.value).value };
};
const ok = (r: TakeResult): Extract<TakeResult, { ok: true }> => {
  if (!r.ok) throw new Error(r.refusal.reasons.map((x) => x.message).join(' '));
  return r;
};

const VOTES = `
fact [citizen]: actor { closed }
fact [candidate]: actor { closed }
fact [vote](citizen: [citizen], candidate: [candidate]) { closed }
act <<withdraw>>(citizen: [citizen]) {
  actor: citizen
  terminates: [vote]
}
act <<register>>(citizen: [citizen]) {
  actor: citizen
  creates: [vote]
}
`;

describe('effects written without arguments', () => {
  const { model, cm } = load(VOTES);
  const actors = {
    alice: { roles: ['citizen'] },
    bob: { roles: ['citizen'] },
    eve: { roles: ['candidate'] },
    fay: { roles: ['candidate'] },
  };
  const s0 = createCase(cm, {
    asOf: '2024-01-01',
    actors,
    facts: [
      { fact: 'vote', args: ['alice', 'eve'] },
      { fact: 'vote', args: ['alice', 'fay'] },
      { fact: 'vote', args: ['bob', 'eve'] },
    ],
  });

  it('terminate: bound by name, unbound positions are wildcards; the trace lists each instance ended', () => {
    const r = ok(take(cm, s0, { act: 'withdraw', actor: 'alice', params: { citizen: 'alice' } }));
    expect(r.trace.effects).toEqual([
      { op: 'terminate', frame: 'fact', name: 'vote', args: ['alice', 'eve'] },
      { op: 'terminate', frame: 'fact', name: 'vote', args: ['alice', 'fay'] },
    ]);
    expect(r.state.facts.vote?.['["bob","eve"]']?.terminated).toBeNull();
    expect(r.state.facts.vote?.['["alice","eve"]']?.terminated).toEqual({ record: 'r1', at: '2024-01-01' });
  });

  it('create: an unbound position is never filled with null; the effect is skipped with a diagnostic', () => {
    const r = ok(take(cm, s0, { act: 'register', actor: 'alice', params: { citizen: 'alice' } }));
    expect(r.trace.effects).toEqual([]);
    expect(Object.keys(r.state.facts.vote ?? {}).some((k) => k.includes('null'))).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['run-unbound-effect']);
    expect(r.diagnostics[0]?.message).toContain('candidate');
  });

  it('a terminated instance read in a later check says which act ended it, not "given … = false"', () => {
    const ended = ok(take(cm, s0, { act: 'withdraw', actor: 'alice', params: { citizen: 'alice' } })).state;
    const { cm: cm2 } = load(`${VOTES}
act <<revote>>(citizen: [citizen], candidate: [candidate]) {
  actor: citizen
  preconditions: not [vote](citizen, candidate)
}
`);
    // The state moves to the extended model explicitly (resumeCase records the model change).
    const moved = resumeCase(cm2, ended).value;
    const r = ok(take(cm2, moved, { act: 'revote', actor: 'alice', params: { citizen: 'alice', candidate: 'eve' } }));
    const text = explainText(r.trace, { lang: 'en' });
    expect(text).toContain(
      '[vote](alice, eve) = false, given on 2024-01-01, terminated by act record r1 on 2024-01-01',
    );
  });

  it('flint check reports a create it cannot bind (unbound-effect), not the terminate', () => {
    const found = check(model).diagnostics.filter((d) => d.code === 'unbound-effect');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('register');
    expect(found[0]?.message).toContain('candidate');
  });
});

describe('duties', () => {
  const { cm } = load(`
fact [buyer]: actor { closed }
fact [shop]: actor { closed }
fact [late] { closed }
act <<order>>(buyer: [buyer], shop: [shop], product: text) {
  actor: buyer
  recipient: shop
  creates: <pay>(buyer, shop, product)
}
act <<pay off>>(buyer: [buyer], shop: [shop]) {
  actor: buyer
  terminates: <pay>
}
duty <pay>(buyer: [buyer], shop: [shop], product: text) {
  holder: buyer
  claimant: shop
  violated when: [late]
}
`);
  const actors = { alice: { roles: ['buyer'] }, bob: { roles: ['buyer'] }, vd: { roles: ['shop'] } };
  let s: CaseState = createCase(cm, { asOf: '2024-01-01', actors });
  for (const [b, p] of [
    ['alice', 'x'],
    ['alice', 'y'],
    ['bob', 'x'],
  ] as const) {
    s = ok(take(cm, s, { act: 'order', actor: b, params: { buyer: b, shop: 'vd', product: p } })).state;
  }

  it('a duty terminate binds by name and ends every matching instance (product is a wildcard), no other', () => {
    const r = ok(take(cm, s, { act: 'pay off', actor: 'alice', params: { buyer: 'alice', shop: 'vd' } }));
    expect(r.trace.dutiesEnded.map((d) => d.args)).toEqual([
      ['alice', 'vd', 'x'],
      ['alice', 'vd', 'y'],
    ]);
    expect(r.state.duties.filter((d) => d.status === 'active').map((d) => d.args[0])).toEqual(['bob']);
  });

  it('violated when is evaluated after give (no clock move), once per duty, and stays recorded', () => {
    const g = give(cm, s, [{ fact: 'late', value: true }]).value;
    expect(g.violations.map((v) => [v.kind, v.args])).toEqual([
      ['duty-condition', ['alice', 'vd', 'x']],
      ['duty-condition', ['alice', 'vd', 'y']],
      ['duty-condition', ['bob', 'vd', 'x']],
    ]);
    const back = give(cm, g, [{ fact: 'late', value: false }]).value;
    const later = advance(cm, back, '2024-02-01');
    expect(later.state.violations).toHaveLength(3);
    expect(later.violations).toEqual([]);
  });

  it('violated when is decided per instance arguments: repeated instances all, other arguments apart', () => {
    const { cm: cm3 } = load(`
fact [r]: actor { closed }
fact [late](x: [r]) { closed }
act <<start>>(x: [r]) {
  actor: x
  creates: <d>(x)
}
duty <d>(x: [r]) {
  holder: x
  claimant: x
  violated when: [late](x)
}
`);
    let t = createCase(cm3, { asOf: '2024-01-01', actors: { a: { roles: ['r'] }, b: { roles: ['r'] } } });
    for (const x of ['a', 'b', 'a', 'b', 'a']) t = ok(take(cm3, t, { act: 'start', actor: x, params: { x } })).state;
    const g = give(cm3, t, [{ fact: 'late', args: ['b'], value: true }]).value;
    expect(g.violations.map((v) => [v.ref, v.args])).toEqual([
      ['d2', ['b']],
      ['d4', ['b']],
    ]);
    const both = give(cm3, g, [{ fact: 'late', args: ['a'], value: true }]).value;
    expect(both.violations.map((v) => v.ref)).toEqual(['d2', 'd4', 'd1', 'd3', 'd5']);
  });

  it('violated when is evaluated after a take', () => {
    const { cm: cm2 } = load(`
fact [r]: actor { closed }
fact [late] { closed }
act <<start>>(x: [r]) {
  actor: x
  creates: <d>(x)
}
act <<be late>>(x: [r]) {
  actor: x
  creates: [late]
}
duty <d>(x: [r]) {
  holder: x
  claimant: x
  violated when: [late]
}
`);
    let t = createCase(cm2, { asOf: '2024-01-01', actors: { a: { roles: ['r'] } } });
    t = ok(take(cm2, t, { act: 'start', actor: 'a', params: { x: 'a' } })).state;
    expect(t.violations).toEqual([]);
    t = ok(take(cm2, t, { act: 'be late', actor: 'a', params: { x: 'a' } })).state;
    expect(t.violations.map((v) => v.kind)).toEqual(['duty-condition']);
  });
});

describe('forced acts and partial takes', () => {
  const { cm } = load(`
fact [subject]: actor { closed }
fact [controller]: actor { closed }
fact [in stock] { closed }
act <<order product>>(zbuyer: [subject], abank: [controller], product: text) {
  actor: zbuyer
  recipient: abank
  preconditions: [in stock]
}
act <<consent>>(subject: [subject], controller: [controller]) {
  actor: subject
  recipient: controller
}
`);
  it('a forced-act violation lists the arguments in declared order', () => {
    const s = createCase(cm, {
      asOf: '2024-01-01',
      actors: { z: { roles: ['subject'] }, b: { roles: ['controller'] } },
    });
    const r = ok(
      force(cm, s, { act: 'order product', actor: 'z', params: { zbuyer: 'z', abank: 'b', product: 'Sweater' } }),
    );
    expect(r.state.violations[0]?.args).toEqual(['z', 'b', 'Sweater']);
  });
  const aLeftOutArgument =
    'a left-out argument with one fitting binding is bound; with several the refusal names them and the candidates';
  it(aLeftOutArgument, () => {
    const one = createCase(cm, {
      asOf: '2024-01-01',
      actors: { al: { roles: ['subject'] }, b1: { roles: ['controller'] } },
    });
    expect(ok(take(cm, one, { act: 'consent', actor: 'al', params: { subject: 'al' } })).record.params).toEqual({
      controller: 'b1',
      subject: 'al',
    });
    const two = createCase(cm, {
      asOf: '2024-01-01',
      actors: { al: { roles: ['subject'] }, b1: { roles: ['controller'] }, b2: { roles: ['controller'] } },
    });
    const r = take(cm, two, { act: 'consent', actor: 'al', params: { subject: 'al' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.reasons[0]?.message).toContain('without the argument controller');
      expect(r.refusal.reasons[0]?.message).toContain('"b1"');
      expect(r.refusal.reasons[0]?.message).toContain('"b2"');
      expect(r.refusal.reasons.some((x) => x.message.includes('recipient'))).toBe(false);
    }
  });
  it('a role-typed recipient binds only actors playing the role; forcing records a violation', () => {
    const s = createCase(cm, {
      asOf: '2024-01-01',
      actors: { al: { roles: ['subject'] }, b1: { roles: ['controller'] } },
    });
    for (const who of ['nobody', 'al']) {
      const r = take(cm, s, { act: 'consent', actor: 'al', params: { subject: 'al', controller: who } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.refusal.reasons[0]).toMatchObject({ item: 'parameter', expr: 'controller' });
    }
    const f = ok(force(cm, s, { act: 'consent', actor: 'al', params: { subject: 'al', controller: 'nobody' } }));
    expect(f.state.violations.map((v) => v.kind)).toEqual(['forced-act']);
  });
});

describe('the act check tree', () => {
  it('with preconditions: true, the object node keeps its label and the preconditions get their own node', () => {
    const { cm } = load(`
fact [r]: actor { closed }
fact [o] { closed }
act <<a>>(x: [r]) {
  actor: x
  object: [o]
  preconditions: true
}
`);
    const s = give(cm, createCase(cm, { asOf: '2024-01-01', actors: { p: { roles: ['r'] } } }), [
      { fact: 'o', value: true },
    ]).value;
    const r = ok(take(cm, s, { act: 'a', actor: 'p', params: { x: 'p' } }));
    expect(r.trace.check.children.map((c) => [c.kind, c.expr])).toEqual([
      ['in-force', '<<a>>'],
      ['actor', 'x'],
      ['object', '[o]'],
      ['preconditions', 'true'],
    ]);
  });
});
