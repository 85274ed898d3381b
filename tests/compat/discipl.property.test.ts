import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DisciplResolver, DisciplValue } from '../../src/compat/index.js';
import { engineFor } from './helpers.js';

const names = ['[a]', '[b]', '[c]', '[d]', '[e]'];
const leaf = fc.constantFrom<unknown>(
  ...names,
  { expression: 'LITERAL', operand: true },
  { expression: 'LITERAL', operand: 0 },
);
const expr = fc.letrec<{ e: unknown }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      expression: fc.constantFrom('AND', 'OR'),
      operands: fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ expression: fc.constant('NOT'), operand: tie('e') }),
    fc.record({
      expression: fc.constantFrom('LESS_THAN', 'EQUAL'),
      operands: fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).e;
const act = (i: number) =>
  fc
    .record({ actor: expr, object: expr, recipient: expr, preconditions: expr })
    .map((a) => ({ act: `<<act ${i}>>`, ...a }));
const answers = fc.dictionary(
  fc.constantFrom(...names),
  fc.constantFrom<DisciplValue>(true, false, undefined, 0, 3, 'tekst'),
);

describe('discipl profile invariants (pure resolvers)', () => {
  it('available and potential acts are disjoint, and agree with take', () => {
    fc.assert(
      fc.property(fc.tuple(act(0), act(1), act(2)), answers, (acts, table) => {
        const engine = engineFor({ acts });
        const resolver: DisciplResolver = (q) => (typeof q === 'string' ? table[q] : undefined);
        const c = engine.newCase();
        const available = engine.availableActs(c, 'did:x', resolver);
        const potential = engine.potentialActs(c, 'did:x', resolver);
        if (!available.ok || !potential.ok) return; // e.g. EQUAL of a decimal and a text: an error in both
        const avail = available.value.map((a) => a.act);
        const pot = potential.value.map((a) => a.act);
        expect(avail.filter((a) => pot.includes(a))).toEqual([]);
        for (const a of acts) {
          const taken = engine.take('did:x', c, a.act, resolver);
          if (avail.includes(a.act)) expect(taken.ok).toBe(true);
          else
            expect(taken).toMatchObject({
              ok: false,
              error: expect.stringMatching(/^Action .* is not allowed due to (actor|object|recipient|preconditions)$/),
            });
        }
        // Deterministic: the same query gives the same answer.
        expect(engine.availableActs(c, 'did:x', resolver)).toEqual(available);
      }),
      { numRuns: 300 },
    );
  });
});
