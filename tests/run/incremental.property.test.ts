import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decl, Expr } from '../../src/model/ast.js';
import {
  advance,
  compile,
  createCase,
  deriveGround,
  derivedValue,
  evaluateFact,
  give,
  take,
} from '../../src/run/index.js';
import type { CaseState, DerivedSnapshot } from '../../src/run/index.js';
import { act, and, cmp, date, eff, fact, model, not, now, or, ref, t } from './helpers.js';

/**
 * Random acyclic models: inputs i0..i{n-1}; derived facts d0..d{m-1}, each an and/or/not over
 * inputs and earlier derived facts, some reading `today`; one created fact and an act creating it.
 */
interface Shape {
  readonly inputs: number;
  readonly defs: readonly { readonly op: 'and' | 'or' | 'not' | 'today'; readonly reads: readonly number[] }[];
}

const shapeArb: fc.Arbitrary<Shape> = fc.integer({ min: 1, max: 5 }).chain((inputs) =>
  fc
    .array(
      fc.record({
        op: fc.constantFrom('and' as const, 'or' as const, 'not' as const, 'today' as const),
        reads: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((defs) => ({ inputs, defs })),
);

/** Name of operand `r` for derived fact `i`: an input, the created fact, or an earlier derived fact. */
function operand(shape: Shape, i: number, r: number): Expr {
  const pool = shape.inputs + 1 + i;
  const k = r % pool;
  if (k < shape.inputs) return ref(`i${k}`);
  if (k === shape.inputs) return ref('gemaakt');
  return ref(`d${k - shape.inputs - 1}`);
}

function buildModel(shape: Shape) {
  const decls: Decl[] = [];
  for (let k = 0; k < shape.inputs; k++) decls.push(fact(`i${k}`));
  decls.push(fact('gemaakt', { definition: { kind: 'Created', operands: [], span: ref('x').span } }));
  shape.defs.forEach((d, i) => {
    const ops = d.reads.map((r) => operand(shape, i, r));
    const first = ops[0] as Expr;
    const definition =
      d.op === 'not'
        ? not(first)
        : d.op === 'today'
          ? and(first, cmp('ge', now, date('2024-03-01')))
          : d.op === 'and'
            ? and(...ops)
            : or(...ops);
    decls.push(fact(`d${i}`, { definition }));
  });
  decls.push(fact('clerk', { type: t('actor'), closed: true }));
  decls.push(act('maken', { actor: ref('clerk'), creates: [eff('fact', 'gemaakt')] }));
  return compile(model(...decls)).value;
}

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('give' as const), input: fc.nat({ max: 9 }), value: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('take' as const) }),
);

function addDays(d: string, n: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}

function values(_cm: ReturnType<typeof buildModel>, snap: DerivedSnapshot, m: number): unknown[] {
  return Array.from({ length: m }, (_, i) => derivedValue(snap, `d${i}`));
}

describe('incremental evaluation of ground derived facts (properties)', () => {
  it('gives the same values and questions as evaluating from scratch, after any sequence of changes', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(stepArb, { maxLength: 12 }), (shape, steps) => {
        const cm = buildModel(shape);
        let state: CaseState = createCase(cm, { asOf: '2024-02-01', actors: { c: { roles: ['clerk'] } } });
        let snap = deriveGround(cm, state);
        for (const s of steps) {
          if (s.kind === 'give')
            state = give(cm, state, [{ fact: `i${s.input % shape.inputs}`, value: s.value }]).value;
          else if (s.kind === 'advance') state = advance(cm, state, addDays(state.asOf, s.days)).state;
          else {
            const r = take(cm, state, { act: 'maken', actor: 'c' }, { trace: false });
            if (r.ok) state = r.state;
          }
          snap = deriveGround(cm, state, snap);
          const fresh = deriveGround(cm, state);
          expect(values(cm, snap, shape.defs.length)).toEqual(values(cm, fresh, shape.defs.length));
          expect(snap.evaluated).toBeLessThanOrEqual(fresh.evaluated);
          for (let i = 0; i < shape.defs.length; i++) {
            const e = evaluateFact(cm, state, `d${i}`);
            expect(derivedValue(snap, `d${i}`)).toEqual({ value: e.value, questions: e.questions, diagnostics: [] });
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** A chain: d0 = x0, d<i> = d<i-1> and x<i>. */
function chain(n: number) {
  const decls: Decl[] = [];
  for (let i = 0; i < n; i++) decls.push(fact(`x${i}`));
  decls.push(fact('d0', { definition: ref('x0') }));
  for (let i = 1; i < n; i++) decls.push(fact(`d${i}`, { definition: and(ref(`d${i - 1}`), ref(`x${i}`)) }));
  return compile(model(...decls)).value;
}

describe('deep chains of derived facts', () => {
  const n = 3000;
  const cm = chain(n);
  const facts = Array.from({ length: n }, (_, i) => ({ fact: `x${i}`, value: true }));
  const state = createCase(cm, { asOf: '2024-01-01', facts });

  it('evaluate to a value however deep they are (no depth limit, no stack overflow)', () => {
    expect(evaluateFact(cm, state, `d${n - 1}`).value).toEqual({ type: 'boolean', value: true });
    const off = give(cm, state, [{ fact: 'x7', value: false }]).value;
    expect(evaluateFact(cm, off, `d${n - 1}`).value).toEqual({ type: 'boolean', value: false });
    expect(evaluateFact(cm, off, 'd6').value).toEqual({ type: 'boolean', value: true });
  });

  it('ask the one missing input of a deep chain', () => {
    const missing = createCase(cm, { asOf: '2024-01-01', facts: facts.filter((f) => f.fact !== 'x2500') });
    const e = evaluateFact(cm, missing, `d${n - 1}`);
    expect(e.value).toEqual({ type: 'unknown' });
    expect(e.questions).toEqual([{ fact: 'x2500', args: [] }]);
  });

  it('plan the facts dependencies first', () => {
    const order = cm.plan.order;
    expect(order).toHaveLength(n);
    expect(cm.plan.acyclic).toBe(true);
    for (let i = 1; i < n; i += 97)
      expect(cm.plan.position.get(`d${i - 1}`)).toBeLessThan(cm.plan.position.get(`d${i}`) ?? -1);
    expect(cm.plan.height.get(`d${n - 1}`)).toBe(n);
  });

  it('re-evaluate only what a change reaches, and stop where values do not change', () => {
    const snap = deriveGround(cm, state);
    expect(snap.full).toBe(true);
    expect(snap.evaluated).toBe(n);
    const near = deriveGround(cm, give(cm, state, [{ fact: `x${n - 5}`, value: false }]).value, snap);
    expect(near.full).toBe(false);
    expect(near.evaluated).toBe(5);
    expect(derivedValue(near, `d${n - 1}`)?.value).toEqual({ type: 'boolean', value: false });
    // Giving the same value again leaves d<i> unchanged: the change stops at the first fact.
    const same = deriveGround(cm, give(cm, state, [{ fact: 'x10', value: true }]).value, snap);
    expect(same.evaluated).toBe(1);
    expect(derivedValue(same, `d${n - 1}`)?.value).toEqual({ type: 'boolean', value: true });
  });

  it('detect cycles and fall back to full evaluation for them', () => {
    const cyc = compile(
      model(fact('a', { definition: ref('b') }), fact('b', { definition: or(ref('a'), ref('i')) }), fact('i')),
    ).value;
    expect(cyc.plan.acyclic).toBe(false);
    const s = createCase(cyc, { asOf: '2024-01-01' });
    const s2 = give(cyc, s, [{ fact: 'i', value: true }]).value;
    const snap = deriveGround(cyc, s2, deriveGround(cyc, s));
    expect(snap.full).toBe(true);
    expect(derivedValue(snap, 'b')?.value).toEqual(evaluateFact(cyc, s2, 'b').value);
  });
});
