import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.js';
import { advance, compile, createCase, evaluateFact, force, give, take } from '../../src/run/index.js';
import type { CaseState, GivenFact, TakeRequest } from '../../src/run/index.js';
import { replay } from '../../src/trace/replay.js';
import { benefitActors, benefitModel } from './fixtures.js';
import { and, bool, fact, model, not, or, ref } from './helpers.js';

const cm = compile(benefitModel()).value;
const actors = Object.keys(benefitActors);
const persons = ['alice', 'bob'];

const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('take' as const),
    act: fc.constantFrom('indienen', 'toekennen', 'afwijzen', 'bestaat-niet'),
    actor: fc.constantFrom(...actors),
    aanvrager: fc.constantFrom(...persons),
    days: fc.integer({ min: 0, max: 40 }),
    forced: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('give' as const),
    fact: fc.constantFrom('inkomen', 'ingezetene'),
    who: fc.constantFrom(...persons),
    income: fc.constantFrom('100.10', '29999.99', '30000.00', '30000.01'),
    yes: fc.boolean(),
  }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function giveFor(s: Extract<Step, { kind: 'give' }>): GivenFact {
  return s.fact === 'inkomen'
    ? { fact: 'inkomen', args: [s.who], value: s.income }
    : { fact: 'ingezetene', args: [s.who], value: s.yes };
}

/** Run steps; every give is folded into the next take as supplied facts so records capture it. */
function run(
  steps: readonly Step[],
  check: (before: CaseState, after: CaseState, req: TakeRequest) => void = () => {},
) {
  const initial = createCase(cm, { asOf: '2024-01-01', actors: benefitActors });
  let state = initial;
  let pending: GivenFact[] = [];
  for (const s of steps) {
    if (s.kind === 'give') {
      pending.push(giveFor(s));
      continue;
    }
    const req: TakeRequest = {
      act: s.act,
      actor: s.actor,
      params: { aanvrager: s.aanvrager },
      at: addDays(state.asOf, s.days),
      ...(pending.length > 0 ? { facts: pending } : {}),
    };
    const before = JSON.stringify(state);
    const r = s.forced ? force(cm, state, req) : take(cm, state, req);
    expect(JSON.stringify(state)).toBe(before);
    check(state, r.state, req);
    if (r.ok) {
      state = r.state;
      pending = [];
    }
  }
  return { initial, state };
}

describe('take and force (properties)', () => {
  it('never mutate their input state, and states are frozen', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => {
        const { state } = run(steps, (before) => expect(Object.isFrozen(before)).toBe(true));
        expect(Object.isFrozen(state)).toBe(true);
        expect(Object.isFrozen(state.records)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('replaying the recorded acts from the initial state reproduces the final state', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), (steps) => {
        const { initial, state } = run(steps);
        const r = replay(cm, initial, state.records);
        expect(r.diagnostics).toEqual([]);
        expect(JSON.stringify(r.value)).toBe(JSON.stringify(state));
      }),
      { numRuns: 150 },
    );
  });

  it('same input gives byte-identical traces and states', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 10 }), (steps) => {
        const traces = (c: typeof cm): string[] => {
          const out: string[] = [];
          let state = createCase(c, { asOf: '2024-01-01', actors: benefitActors });
          for (const s of steps) {
            if (s.kind === 'give') {
              state = give(c, state, [giveFor(s)]).value;
              continue;
            }
            const r = take(c, state, {
              act: s.act,
              actor: s.actor,
              params: { aanvrager: s.aanvrager },
              at: addDays(state.asOf, s.days),
            });
            out.push(JSON.stringify(r.trace), JSON.stringify(r.state));
            state = r.state;
          }
          return out;
        };
        expect(traces(compile(benefitModel()).value)).toEqual(traces(cm));
      }),
      { numRuns: 100 },
    );
  });

  it('a terminated duty is never active again unless an act creates it again', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), fc.integer({ min: 0, max: 90 }), (steps, extra) => {
        const { state } = run(steps, (before, after) => {
          for (const d of before.duties) {
            const now = after.duties.find((x) => x.id === d.id);
            expect(now).toBeDefined();
            if (d.status === 'ended') expect(now?.status).toBe('ended');
          }
          // Every duty instance that is new was created by the record appended in this step.
          const newOnes = after.duties.filter((d) => !before.duties.some((x) => x.id === d.id));
          const rec = after.records[after.records.length - 1];
          for (const d of newOnes) {
            expect(d.createdBy).toBe(rec?.id);
            expect(cm.acts.get(rec?.act ?? '')?.creates.some((e) => e.frame === 'duty' && e.name === d.duty)).toBe(
              true,
            );
          }
        });
        const later = advance(cm, state, addDays(state.asOf, extra)).state;
        for (const d of state.duties) {
          if (d.status === 'ended') expect(later.duties.find((x) => x.id === d.id)?.status).toBe('ended');
        }
        // Violations are recorded at most once per duty instance.
        const refs = later.violations.filter((v) => v.kind !== 'forced-act').map((v) => v.ref);
        expect(new Set(refs).size).toBe(refs.length);
      }),
      { numRuns: 150 },
    );
  });
});

type Formula =
  | { k: 'var'; n: number }
  | { k: 'lit'; b: boolean }
  | { k: 'not'; a: Formula }
  | { k: 'and' | 'or'; xs: Formula[] };
const NVARS = 4;
const formulaArb: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('var' as const), n: fc.integer({ min: 0, max: NVARS - 1 }) }),
    fc.record({ k: fc.constant('lit' as const), b: fc.boolean() }),
    fc.record({ k: fc.constant('not' as const), a: tie('f') }),
    fc.record({
      k: fc.constantFrom('and' as const, 'or' as const),
      xs: fc.array(tie('f'), { minLength: 1, maxLength: 3 }),
    }),
  ),
})).f;

function toExpr(f: Formula): Expr {
  switch (f.k) {
    case 'var':
      return ref(`v${f.n}`);
    case 'lit':
      return bool(f.b);
    case 'not':
      return not(toExpr(f.a));
    case 'and':
      return and(...f.xs.map(toExpr));
    case 'or':
      return or(...f.xs.map(toExpr));
  }
}

function evalTwo(f: Formula, env: readonly boolean[]): boolean {
  switch (f.k) {
    case 'var':
      return env[f.n] ?? false;
    case 'lit':
      return f.b;
    case 'not':
      return !evalTwo(f.a, env);
    case 'and':
      return f.xs.every((x) => evalTwo(x, env));
    case 'or':
      return f.xs.some((x) => evalTwo(x, env));
  }
}

describe('three-valued evaluation (properties)', () => {
  const inputs = Array.from({ length: NVARS }, (_, i) => fact(`v${i}`));
  const partial = fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: NVARS, maxLength: NVARS });

  it('agrees with two-valued evaluation once every input is given, and a known partial result never changes', () => {
    fc.assert(
      fc.property(
        formulaArb,
        partial,
        fc.array(fc.boolean(), { minLength: NVARS, maxLength: NVARS }),
        (f, part, fill) => {
          const m = compile(model(...inputs, fact('f', { definition: toExpr(f) }))).value;
          const s0 = createCase(m, { asOf: '2024-01-01' });
          const full = part.map((b, i) => b ?? (fill[i] as boolean));
          const known = give(
            m,
            s0,
            part.flatMap((b, i) => (b === undefined ? [] : [{ fact: `v${i}`, value: b }])),
          ).value;
          const all = give(
            m,
            s0,
            full.map((b, i) => ({ fact: `v${i}`, value: b })),
          ).value;
          const expected = evalTwo(f, full);
          const complete = evaluateFact(m, all, 'f');
          expect(complete.value).toEqual({ type: 'boolean', value: expected });
          expect(complete.questions).toEqual([]);
          const p = evaluateFact(m, known, 'f');
          if (p.value.type === 'boolean') expect(p.value.value).toBe(expected);
          else {
            // Unknown: the questions are exactly inputs that were not given.
            expect(p.questions.length).toBeGreaterThan(0);
            for (const q of p.questions) expect(part[Number(q.fact.slice(1))]).toBeUndefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
