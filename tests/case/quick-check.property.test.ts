/**
 * The quick case-file check (quickCaseValue) against the schema (zod + normalise): on random
 * values near the case-file shape — valid and invalid fields, extra keys, other key orders,
 * brackets around names, impossible dates, `__proto__` keys — the quick check either declines
 * (null) or gives exactly what the schema gives, byte for byte; it declines no valid case file
 * without `equivalentDays`, and vouches for no invalid one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCaseValue, quickCaseValue, schemaCaseValue } from '../../src/case/case-file.js';

/** Mostly `valid`, now and then `invalid`: most values are valid case files, each invalid one a little off. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid });

const date = mostly(
  fc.constantFrom('2024-01-01', '2024-02-29'),
  fc.constantFrom<unknown>('2023-02-29', '2024-1-01', ' 2024-01-01', 20240101),
);
const name = mostly(
  fc.constantFrom('x', 'leraar', '[leraar]', '<<aanvragen>>', '<a>', ' y '),
  fc.constantFrom('', 3, null),
);
const anything = fc.constantFrom<unknown>('a', '', 0, -0, 1.5, Number.POSITIVE_INFINITY, true, false, null, [], {});
const scalar = mostly(fc.constantFrom<unknown>('a', '', 0, -0, 1.5, true, false, null), anything);

/** An object of some of `fields` (those in `required` mostly present), now and then with an extra key. */
const object = (fields: Record<string, fc.Arbitrary<unknown>>, required: readonly string[] = []) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.nat(40), fc.record(fields)).map(([o, k, all]) => {
    const out: Record<string, unknown> = { ...o };
    if (k > 0) for (const r of required) if (!(r in out)) out[r] = all[r];
    if (k === 1) out.extra = 1;
    return out;
  });

const fact = object(
  {
    fact: name,
    args: mostly(fc.array(scalar, { maxLength: 3 }), anything),
    value: mostly(fc.constantFrom<unknown>(true, false, 'a', '12.50', 0, -0, 7), anything),
    by: mostly(fc.constantFrom('alice', ''), anything),
    at: date,
  },
  ['fact'],
);
const act = object(
  {
    act: name,
    actor: name,
    params: mostly(fc.dictionary(fc.constantFrom('a', 'b', '', '1'), scalar, { maxKeys: 3 }), anything),
    facts: mostly(fc.array(fact, { maxLength: 3 }), anything),
    at: date,
    force: mostly(fc.boolean(), anything),
    expect: mostly(fc.constantFrom('taken', 'refused'), fc.constant('maybe')),
  },
  ['act', 'actor'],
);
const actors = mostly(
  fc.dictionary(
    mostly(fc.constantFrom('alice', 'bob', '2'), fc.constant('')) as fc.Arbitrary<string>,
    object({ roles: mostly(fc.array(name, { maxLength: 3 }), anything) }, ['roles']),
    { maxKeys: 3 },
  ),
  anything,
);
const caseValue = object(
  {
    $schema: mostly(fc.constant('s'), anything),
    description: mostly(fc.constant('d'), anything),
    model: mostly(fc.constant('m.flint'), fc.constant('')),
    id: scalar,
    asOf: date,
    actors,
    facts: mostly(fc.array(fact, { maxLength: 4 }), anything),
    acts: mostly(fc.array(act, { maxLength: 3 }), anything),
    advance: date,
    availableFor: mostly(fc.array(fc.constantFrom('alice', '', 'x'), { maxLength: 2 }), anything),
  },
  ['asOf'],
)
  // Now and then equivalentDays, which the quick check leaves to the schema.
  .chain((c) =>
    fc
      .constantFrom<unknown>(undefined, undefined, undefined, ['2024-01-02'], 'x')
      .map((d) => (d === undefined ? c : { ...c, equivalentDays: d })),
  );

/** The value with its keys in reverse order (recursively), as another producer might write it. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reversed(x)]),
  );
}

describe('the quick case-file check', () => {
  it('gives what the schema gives, or declines', () => {
    fc.assert(
      fc.property(caseValue, fc.boolean(), fc.boolean(), (c, reverse, json) => {
        // Through JSON text (as batch lines are read) or as the object itself (Infinity, -0 kept).
        const v0 = reverse ? reversed(c) : c;
        const v = json ? JSON.parse(JSON.stringify(v0)) : v0;
        const schema = schemaCaseValue(v);
        const quick = quickCaseValue(v);
        const valid = schema.value !== null && schema.diagnostics.length === 0;
        if (quick !== null) {
          expect(valid).toBe(true);
          expect(JSON.stringify(quick)).toBe(JSON.stringify(schema.value));
          expect(Object.keys(quick)).toEqual(Object.keys(schema.value ?? {}));
        } else if (valid && json) {
          // Of what JSON.parse makes, only equivalentDays is left to the schema (objects made
          // otherwise, e.g. without a prototype, are left to it too).
          expect(Object.hasOwn(v, 'equivalentDays')).toBe(true);
        }
        expect(JSON.stringify(checkCaseValue(v))).toBe(JSON.stringify(schema));
      }),
      { numRuns: 2000 },
    );
  });

  it('vouches for no infinite number (JSON.parse gives one for 1e400)', () => {
    const at = (json: string) => JSON.parse(`{"asOf":"2024-01-01",${json}}`);
    for (const v of [
      at('"id":1e400'),
      at('"facts":[{"fact":"f","value":1e400}]'),
      at('"facts":[{"fact":"f","args":[-1e400]}]'),
      at('"acts":[{"act":"a","actor":"b","params":{"p":1e400}}]'),
    ]) {
      expect(quickCaseValue(v)).toBeNull();
      expect(checkCaseValue(v).value).toBeNull();
    }
    expect(quickCaseValue(at('"id":-0,"facts":[{"fact":"[f]","value":1e2}]'))).toEqual({
      id: -0,
      asOf: '2024-01-01',
      facts: [{ fact: 'f', value: 100 }],
    });
  });

  it('leaves a __proto__ key to the schema', () => {
    const v = JSON.parse('{"asOf":"2024-01-01","__proto__":{"x":1}}');
    expect(quickCaseValue(v)).toBeNull();
    expect(checkCaseValue(v)).toEqual(schemaCaseValue(v));
    const a = JSON.parse('{"asOf":"2024-01-01","acts":[{"act":"a","actor":"b","params":{"__proto__":1}}]}');
    expect(quickCaseValue(a)).toBeNull();
  });
});
