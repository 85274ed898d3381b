import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { check, isAssignable } from '../../src/check/index.js';
import type { Type } from '../../src/check/index.js';
import type { Decl, Expr } from '../../src/model/ast.js';
import {
  actDecl,
  add,
  and,
  cmp,
  created,
  dutyDecl,
  dutyRef,
  effect,
  fact,
  factDecl,
  lit,
  model,
  not,
  or,
  prim,
  sourceDecl,
} from '../helpers/ast-builder.js';

const names = ['a', 'b', 'c', 'constructor', '__proto__', ''];
const name = fc.constantFrom(...names);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name.map((n) => fact(n)),
    name.map((n) => dutyRef(n)),
    fc.constant(lit.int(3)),
    fc.constant(lit.text('x')),
    fc.constant(lit.date('2024-01-01')),
    fc.constant(created()),
    tie('e').map((x) => not(x)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => and(x, y)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => or(x, y)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => add(x, y)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => cmp('lt', x, y)),
  ),
})).e;

const decl: fc.Arbitrary<Decl> = fc.oneof(
  fc
    .tuple(
      name,
      fc.option(expr),
      fc.constantFrom('boolean', 'integer', 'date') as fc.Arbitrary<'boolean' | 'integer' | 'date'>,
    )
    .map(([n, d, t]) => factDecl(n, { definition: d, type: prim(t), sources: ['s'] })),
  fc.tuple(name, fc.option(expr), fc.option(expr), name, name).map(([n, p, actor, c, t]) =>
    actDecl(n, {
      preconditions: p,
      actor,
      creates: [effect('fact', c), effect('duty', t)],
      terminates: [effect('duty', c)],
      sources: ['s', 'missing'],
    }),
  ),
  fc.tuple(name, name).map(([n, a]) => dutyDecl(n, { createdBy: [a], terminatedBy: [a] })),
  fc
    .tuple(name, fc.constantFrom('2020-01-01', '2019-01-01', 'x'))
    .map(([n, d]) =>
      sourceDecl(n === '' ? 's' : n, { validFrom: '2019-06-01', validTo: d, juriconnect: 'jci1.3:c:BWBR0005537' }),
    ),
);

describe('check on arbitrary models', () => {
  test('never throws, is deterministic, and every diagnostic is well formed and sorted', () => {
    fc.assert(
      fc.property(
        fc.array(decl, { maxLength: 8 }),
        fc.constantFrom('flint', 'flint-json') as fc.Arbitrary<'flint' | 'flint-json'>,
        (decls, origin) => {
          const m = model(decls, '2024-01-01');
          const first = check(m, { origin });
          expect(check(m, { origin }).diagnostics).toEqual(first.diagnostics);
          for (const d of first.diagnostics) {
            expect(d.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
            expect(d.message.length).toBeGreaterThan(0);
            expect(d.span).toBeDefined();
          }
          const offsets = first.diagnostics.map((d) => d.span!.start.offset);
          expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
          // FLINT JSON facts are untyped: no type diagnostic ever blames a fact reference.
          if (origin === 'flint-json') {
            const refOffsets = new Set<number>();
            const collect = (v: unknown): void => {
              if (Array.isArray(v)) v.forEach(collect);
              else if (v !== null && typeof v === 'object') {
                const o = v as { kind?: string; frame?: string; span?: { start: { offset: number } } };
                if (o.kind === 'Ref' && o.frame === 'fact' && o.span) refOffsets.add(o.span.start.offset);
                Object.values(v).forEach(collect);
              }
            };
            collect(decls);
            const typed = first.diagnostics.filter((d) =>
              ['type-mismatch', 'argument-type', 'wrong-arity', 'actor-not-actor-type'].includes(d.code),
            );
            expect(typed.filter((d) => refOffsets.has(d.span!.start.offset))).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isAssignable', () => {
  const type: fc.Arbitrary<Type> = fc.oneof(
    fc.constantFrom<Type>(
      { kind: 'boolean' },
      { kind: 'integer' },
      { kind: 'decimal' },
      { kind: 'text' },
      { kind: 'date' },
      { kind: 'duration' },
      { kind: 'actor' },
      { kind: 'any' },
      { kind: 'unknown' },
    ),
    fc.constantFrom('persoon', 'kind').map((f): Type => ({ kind: 'instance', fact: f })),
  );

  test('is reflexive, and any/unknown are compatible with everything', () => {
    fc.assert(
      fc.property(type, (t) => {
        expect(isAssignable(t, t)).toBe(true);
        expect(isAssignable(t, { kind: 'any' })).toBe(true);
        expect(isAssignable({ kind: 'unknown' }, t)).toBe(true);
      }),
    );
  });

  test('integer widens to decimal but not back; dates and numbers do not mix', () => {
    expect(isAssignable({ kind: 'integer' }, { kind: 'decimal' })).toBe(true);
    expect(isAssignable({ kind: 'decimal' }, { kind: 'integer' })).toBe(false);
    expect(isAssignable({ kind: 'date' }, { kind: 'integer' })).toBe(false);
    expect(isAssignable({ kind: 'instance', fact: 'persoon' }, { kind: 'instance', fact: 'kind' })).toBe(false);
  });
});
