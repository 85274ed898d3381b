/**
 * Violations after every step, against the rule written out instance by instance: after any
 * sequence of takes, gives and clock moves, no open duty instance (active, not yet violated) has a
 * deadline before the clock or a `violated when` condition that holds; every violation a step
 * reports is of an instance that was open before it, for the right reason, in the order of the
 * case's instances; and a state rebuilt from plain JSON (whose duties the engine has never grouped)
 * gives the same answer as the engine's own state (whose open duties are grouped step by step).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance, compile, createCase, give, take } from '../../src/run/index.js';
import type { CaseState, Violation } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';

const MODEL = `
fact [r]: actor { closed }
fact [late](x: [r]) { closed }
act <<start>>(x: [r]) {
  actor: x
  creates: <d>(x), <e>(x)
}
act <<finish>>(x: [r]) {
  actor: x
  terminates: <d>(x)
}
duty <d>(x: [r]) {
  holder: x
  claimant: x
  deadline: within 10 days
  violated when: [late](x)
}
duty <e>(x: [r]) {
  holder: x
  claimant: x
  violated when: [late](x) and [late]("c")
}
`;

const parsed = parse(MODEL, 'violations.flint');
const cm = compile(parsed.value).value;
const ACTORS = ['a', 'b', 'c'] as const;

type Step =
  | { kind: 'start' | 'finish'; x: (typeof ACTORS)[number] }
  | { kind: 'late'; x: (typeof ACTORS)[number]; value: boolean }
  | { kind: 'advance'; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('start' as const, 'finish' as const), x: fc.constantFrom(...ACTORS) }),
  fc.record({ kind: fc.constant('late' as const), x: fc.constantFrom(...ACTORS), value: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 8 }) }),
);

/** The date `days` after `date` (YYYY-MM-DD). */
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** One step on `s`: the new state and the violations it reported. */
function apply(s: CaseState, st: Step): { state: CaseState; violations: readonly Violation[] } {
  if (st.kind === 'advance') {
    const r = advance(cm, s, addDays(s.asOf, st.days));
    return { state: r.state, violations: r.violations };
  }
  if (st.kind === 'late') {
    const r = give(cm, s, [{ fact: 'late', args: [st.x], value: st.value }]);
    return { state: r.value, violations: r.value.violations.slice(s.violations.length) };
  }
  const r = take(cm, s, { act: st.kind, actor: st.x, params: { x: st.x } });
  if (!r.ok) return { state: s, violations: [] };
  return { state: r.state, violations: r.state.violations.slice(s.violations.length) };
}

/** The rule, instance by instance: is duty instance `d` violated in `s` (given which actors are late)? */
function violatedBy(d: CaseState['duties'][number], s: CaseState, late: ReadonlySet<string>): Violation['kind'] | null {
  if (d.deadline !== null && d.deadline < s.asOf) return 'duty-deadline';
  const x = String(d.args[0]);
  if (d.duty === 'd' && late.has(x)) return 'duty-condition';
  if (d.duty === 'e' && late.has(x) && late.has('c')) return 'duty-condition';
  return null;
}

describe('violations after every step', () => {
  it('match the rule instance by instance, in order, on engine states and on states rebuilt from JSON', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let s = createCase(cm, {
          asOf: '2024-01-01',
          actors: { a: { roles: ['r'] }, b: { roles: ['r'] }, c: { roles: ['r'] } },
        });
        const late = new Set<string>();
        for (const st of steps) {
          const before = s;
          const r = apply(s, st);
          // the same step on a copy of the state that went through JSON: no remembered groups
          const plain = apply(JSON.parse(JSON.stringify(before)) as CaseState, st);
          expect(JSON.stringify(plain)).toBe(JSON.stringify(r));
          if (st.kind === 'late') {
            if (st.value) late.add(st.x);
            else late.delete(st.x);
          }
          s = r.state;
          // every instance still open is not violated
          for (const d of s.duties)
            if (d.status === 'active' && d.violatedAt === null) expect(violatedBy(d, s, late)).toBeNull();
          // every reported violation: an instance open before (or created by) the step, violated now, in order
          const index = (ref: string) => s.duties.findIndex((d) => d.id === ref);
          const indices = r.violations.map((v) => index(v.ref));
          expect(indices).toEqual([...indices].sort((p, q) => p - q));
          for (const v of r.violations) {
            const d = s.duties[index(v.ref)];
            expect(d?.violatedAt).toBe(s.asOf);
            const was = before.duties.find((b) => b.id === v.ref);
            expect(was === undefined || was.violatedAt === null).toBe(true);
            if (d) expect(v.kind).toBe(violatedBy(d, s, late));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
