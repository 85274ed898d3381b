/**
 * Properties of reasoning per month (grammar/README.md#months): summing over `m: month in Y` equals summing the
 * twelve months one by one; `D1 .. D2` visits as many months as the calendar says; month canonicalisation is
 * idempotent and every date of a month keys as that month.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, parse } from '../../src/index.js';
import type { TypeRef } from '../../src/model/ast.js';
import { emptySpan } from '../../src/model/span.js';
import { canonicalScalar } from '../../src/run/convert.js';
import { compile, createCase, evaluateFact } from '../../src/run/index.js';

const MONTH: TypeRef = { kind: 'PrimitiveType', name: 'month', span: emptySpan('p.flint') };
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const model = parse(
  `fact [jaar]: integer
fact [uren](maand: month): decimal
fact [som]: decimal { value: sum m: month in [jaar] : [uren](m) }
fact [los]: decimal {
  value: ${Array.from({ length: 12 }, (_, i) => `[uren](month_of(date([jaar], ${i + 1}, 1)))`).join(' + ')}
}
fact [tussen](a: date, b: date): integer { value: count m: month in a .. b }`,
  'p.flint',
);
const cm = compile(model.value).value;

const year = fc.integer({ min: 1, max: 9999 });
const hours = fc.array(
  fc.integer({ min: 0, max: 100_000 }).map((n) => (n / 100).toFixed(2)),
  { minLength: 12, maxLength: 12 },
);
/** A valid date `YYYY-MM-DD` in years 1..9999. */
const date = fc
  .record({ y: year, m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

describe('months (properties)', () => {
  it('the property model parses and checks clean', () => {
    expect(model.diagnostics).toEqual([]);
    expect(check(model.value).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('sum over m: month in Y equals the sum of the twelve months written out', () => {
    fc.assert(
      fc.property(year, hours, (y, hs) => {
        const facts = [
          { fact: 'jaar', value: y },
          // Half of the months keyed as YYYY-MM, half as a date in the month: the same instances.
          ...hs.map((h, i) => ({
            fact: 'uren',
            args: [i % 2 === 0 ? `${pad(y, 4)}-${pad(i + 1, 2)}` : `${pad(y, 4)}-${pad(i + 1, 2)}-15`],
            value: h,
          })),
        ];
        const state = createCase(cm, { asOf: '2025-01-01', facts });
        const som = evaluateFact(cm, state, 'som').value;
        const los = evaluateFact(cm, state, 'los').value;
        expect(som.type).not.toBe('unknown');
        expect(som).toEqual(los);
      }),
      { numRuns: 60 },
    );
  });

  it('A .. B visits 12 × (year difference) + (month difference) + 1 months, or none when B is earlier', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
        const want = Math.max(0, months(b) - months(a) + 1);
        if (want > 1200) return; // keep each run small: the count is linear in the months visited
        const state = createCase(cm, { asOf: '2025-01-01' });
        expect(evaluateFact(cm, state, 'tussen', [a, b]).value).toEqual({ type: 'integer', value: String(want) });
      }),
      { numRuns: 200 },
    );
  });

  it('canonicalisation is idempotent, and every date of a month keys as that month', () => {
    fc.assert(
      fc.property(date, (d) => {
        const c = canonicalScalar(MONTH, d);
        expect(c).toBe(d.slice(0, 7));
        expect(canonicalScalar(MONTH, c as string)).toBe(c);
        expect(canonicalScalar(MONTH, `${d.slice(0, 7)}-01`)).toBe(c);
      }),
    );
  });

  it('nothing that is not a month or a date in one fits', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const c = canonicalScalar(MONTH, s);
        if (c !== undefined) expect(/^\d{4}-(0[1-9]|1[0-2])$/.test(String(c))).toBe(true);
      }),
    );
  });
});
