import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableActs, compile, createCase, give, take } from '../../src/run/index.js';
import type { CaseState, TakeRequest } from '../../src/run/index.js';
import { benefitActors, benefitModel } from './fixtures.js';

const cm = compile(benefitModel()).value;
const actors = Object.keys(benefitActors);

const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('take' as const),
    act: fc.constantFrom('indienen', 'toekennen', 'afwijzen'),
    actor: fc.constantFrom(...actors),
    aanvrager: fc.constantFrom('alice', 'bob', 42),
    days: fc.integer({ min: 0, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('give' as const),
    fact: fc.constantFrom('inkomen', 'ingezetene'),
    who: fc.constantFrom('alice', 'bob'),
    income: fc.constantFrom('100.10', '30000.00', '30000.01'),
    yes: fc.boolean(),
  }),
);

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const strip = <T extends { trace?: unknown; frames?: unknown }>(xs: readonly T[]): Omit<T, 'trace' | 'frames'>[] =>
  xs.map(({ trace: _t, frames: _f, ...rest }) => rest);

describe('lean paths (no trace) decide exactly like the traced paths', () => {
  it('take with and without a trace gives the same state, record and outcome; availableActs the same acts', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 14 }), (steps) => {
        let state: CaseState = createCase(cm, { asOf: '2024-01-01', actors: benefitActors });
        for (const s of steps) {
          if (s.kind === 'give') {
            const g =
              s.fact === 'inkomen'
                ? { fact: 'inkomen', args: [s.who], value: s.income }
                : { fact: 'ingezetene', args: [s.who], value: s.yes };
            state = give(cm, state, [g]).value;
            continue;
          }
          const req: TakeRequest = {
            act: s.act,
            actor: s.actor,
            params: { aanvrager: s.aanvrager },
            at: addDays(state.asOf, s.days),
          };
          const lean = take(cm, state, req, { trace: false });
          const full = take(cm, state, req, { trace: true });
          expect(lean.ok).toBe(full.ok);
          expect(JSON.stringify(lean.state)).toBe(JSON.stringify(full.state));
          expect(
            Object.isFrozen(lean.state) && Object.isFrozen(lean.state.facts) && Object.isFrozen(lean.state.records),
          ).toBe(true);
          if (lean.ok && full.ok) {
            expect(lean.record).toEqual(full.record);
            // The lean entry is the full one without the check tree's children.
            const bare = { check: null, frames: null, sources: null };
            expect({ ...lean.trace, ...bare }).toEqual({ ...full.trace, ...bare });
            expect(lean.trace.check.children).toEqual([]);
          }
          for (const a of actors)
            expect(strip(availableActs(cm, state, a, { trace: true }))).toEqual(availableActs(cm, state, a));
          state = full.state;
        }
      }),
      { numRuns: 120 },
    );
  });
});
