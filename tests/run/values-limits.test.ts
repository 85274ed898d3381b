import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, createCase, evaluateFact, give } from '../../src/run/index.js';
import { addDuration, daysBetween, isDate, makeDate, parseDate, parseNumber } from '../../src/run/values.js';
import { add, call, cmp, date, dec, dur, fact, int, model, t } from './helpers.js';

/** An independent calendar check: Gregorian leap rule written out, years 1..9999. */
function validDate(s: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map((p) => parseInt(p, 10)) as [number, number, number];
  const leap = y % 400 === 0 || (y % 4 === 0 && y % 100 !== 0);
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= (lengths[m - 1] ?? 0);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('dates: one strict parser, years 1..9999', () => {
  it('rejects dates that do not exist and years outside the range', () => {
    expect(isDate('2024-02-30')).toBe(false);
    expect(isDate('2024-13-45')).toBe(false);
    expect(isDate('0000-01-01')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('1900-02-29')).toBe(false);
    expect(isDate('0001-01-01')).toBe(true);
    expect(isDate('9999-12-31')).toBe(true);
    expect(isDate(' 2024-01-01')).toBe(false);
  });

  it('years 0001..0099 are not shifted to the 1900s', () => {
    expect(addDuration('0050-06-15', 'P1D')).toBe('0050-06-16');
    expect(addDuration('0004-02-28', 'P1D')).toBe('0004-02-29');
    expect(daysBetween('0001-01-01', '0002-01-01')).toBe(365);
    expect(makeDate(50, 6, 15)).toBe('0050-06-15');
  });

  it('arithmetic that leaves the range is null, never garbage', () => {
    expect(addDuration('2024-01-01', 'P8000Y')).toBeNull();
    expect(addDuration('2024-01-01', 'P99999999999999999999Y')).toBeNull();
    expect(addDuration('2024-01-01', 'P999999999D')).toBeNull();
    expect(addDuration('0001-01-01', 'P1D', -1)).toBeNull();
    expect(addDuration('9999-12-31', 'P1D')).toBeNull();
    expect(addDuration('9999-12-25', 'P1W')).toBeNull();
    expect(addDuration('2024-01-01', 'P7975Y')).toBe('9999-01-01');
    const toEnd = daysBetween('2024-01-01', '9999-12-31');
    expect(addDuration('2024-01-01', `P${toEnd}D`)).toBe('9999-12-31');
    expect(addDuration('2024-01-01', `P${toEnd + 1}D`)).toBeNull();
    // Independent: JS Date is right for years >= 100.
    expect(toEnd).toBe((Date.UTC(9999, 11, 31) - Date.UTC(2024, 0, 1)) / 86_400_000);
  });

  it('property: arbitrary strings never throw and exactly the valid calendar dates are accepted', () => {
    const dateLike = fc
      .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), dateLike), (s) => {
        expect(isDate(s)).toBe(validDate(s));
        expect(parseDate(s) !== null).toBe(validDate(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('property: day arithmetic agrees with counting days', () => {
    const valid = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
      .filter(validDate);
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 4_000_000 }), (a, n) => {
        const b = addDuration(a, `P${n}D`);
        if (b === null) return;
        expect(isDate(b)).toBe(true);
        expect(daysBetween(a, b)).toBe(n);
        expect(addDuration(b, `P${n}D`, -1)).toBe(a);
      }),
    );
  });
});

describe('numbers: one parser with documented limits', () => {
  it('accepts decimal notation and rejects other notations', () => {
    for (const ok of ['12', '-12.50', '0', ' 12 ', '1.5e3', '1E-5', '007']) expect(parseNumber(ok).ok).toBe(true);
    for (const bad of ['0x1F4', '1_000', '+12', '.5', '12.', 'Infinity', 'NaN', '1 000', '', '0b101', '1e']) {
      expect(parseNumber(bad).ok).toBe(false);
    }
    expect(parseNumber(Number.NaN).ok).toBe(false);
    expect(parseNumber(1e21)).toMatchObject({ ok: true });
  });

  it('rejects absurd exponents and lengths quickly', () => {
    const started = performance.now();
    expect(parseNumber('1e-999999999')).toMatchObject({ ok: false, reason: expect.stringMatching(/exponent/) });
    expect(parseNumber('1e999999999999999999')).toMatchObject({ ok: false });
    expect(parseNumber('1e101')).toMatchObject({ ok: false, reason: expect.stringMatching(/magnitude/) });
    expect(parseNumber('1'.repeat(200))).toMatchObject({ ok: false, reason: expect.stringMatching(/longer/) });
    expect(parseNumber('1'.repeat(51))).toMatchObject({ ok: false, reason: expect.stringMatching(/significant/) });
    expect(parseNumber('1e100')).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps 50 significant digits exactly and prints plain notation', () => {
    const big = parseNumber('100000000000000000000');
    const one = parseNumber('1');
    if (!big.ok || !one.ok) throw new Error('parse failed');
    expect(big.value.plus(one.value).eq(big.value)).toBe(false);
    expect(big.value.plus(one.value).toString()).toBe('100000000000000000001');
    const tiny = parseNumber('1e-7');
    expect(tiny.ok && tiny.value.toString()).toBe('0.0000001');
  });
});

describe('the interpreter is total on numbers and dates', () => {
  const T = { type: 'boolean', value: true };
  const U = { type: 'unknown' };
  const m = model(
    fact('exact', { definition: cmp('ne', add(int('100000000000000000000'), int('1')), int('100000000000000000000')) }),
    fact('round neg', { type: t('decimal'), definition: call('round', dec('1250.5'), int('-2')) }),
    fact('round huge', { type: t('decimal'), definition: call('round', dec('1.5'), int('1000000001')) }),
    fact('round frac', { type: t('decimal'), definition: call('round', dec('1.55'), dec('1.5')) }),
    fact('round two', { type: t('decimal'), definition: call('round', dec('1.555'), int('2')) }),
    fact('div zero', {
      type: t('decimal'),
      definition: { kind: 'Nary', op: 'div', operands: [int('1'), int('0')], span: dec('0').span },
    }),
    fact('overflow', {
      type: t('decimal'),
      definition: call('product', int('1' + '0'.repeat(60)), int('1' + '0'.repeat(60))),
    }),
    fact('far', { type: t('date'), definition: add(date('2024-01-01'), dur('P8000Y')) }),
    fact('early', { type: t('date'), definition: add(date('0050-06-15'), dur('P1D')) }),
    fact('bad literal', { type: t('date'), definition: add(date('2024-02-30'), dur('P1D')) }),
    fact('bad date()', { type: t('date'), definition: call('date', int('2024'), int('1'), dec('1.5')) }),
  );
  const cm = compile(m).value;
  const s0 = createCase(cm, { asOf: '2024-01-01' });
  const value = (name: string): unknown => evaluateFact(cm, s0, name).value;

  it('10^20 + 1 differs from 10^20', () => expect(value('exact')).toEqual(T));
  it('round with negative places rounds to hundreds; out-of-range or fractional places are unknown', () => {
    expect(value('round neg')).toEqual({ type: 'integer', value: '1300' });
    expect(value('round huge')).toEqual(U);
    expect(value('round frac')).toEqual(U);
    expect(value('round two')).toEqual({ type: 'decimal', value: '1.56' });
  });
  it('division by zero and overflow are unknown', () => {
    expect(value('div zero')).toEqual(U);
    expect(value('overflow')).toEqual(U);
  });
  it('dates out of range and invalid date literals are unknown', () => {
    expect(value('far')).toEqual(U);
    expect(value('early')).toEqual({ type: 'date', value: '0050-06-16' });
    expect(value('bad literal')).toEqual(U);
    expect(value('bad date()')).toEqual(U);
  });
});

describe('given values go through the same number and date parsers', () => {
  const m = model(fact('bedrag', { type: t('decimal') }), fact('datum', { type: t('date') }));
  const cm = compile(m).value;
  const s0 = createCase(cm, { asOf: '2024-01-01' });

  it('hex, underscores, absurd exponents and over-long numbers are refused with a diagnostic', () => {
    for (const bad of ['0x1F4', '1_000', '1e-999999999', '9'.repeat(200), 'Infinity']) {
      const r = give(cm, s0, [{ fact: 'bedrag', value: bad }]);
      expect(r.diagnostics.length, bad).toBeGreaterThan(0);
      expect(evaluateFact(cm, r.value, 'bedrag').value).toEqual({ type: 'unknown' });
    }
    const ok = give(cm, s0, [{ fact: 'bedrag', value: '100000000000000000001' }]);
    expect(ok.diagnostics).toEqual([]);
    expect(evaluateFact(cm, ok.value, 'bedrag').value).toEqual({ type: 'decimal', value: '100000000000000000001' });
  });

  it('dates that do not exist or lie outside years 1..9999 are refused', () => {
    for (const bad of ['2024-02-30', '0000-01-01', '2024-13-45']) {
      expect(give(cm, s0, [{ fact: 'datum', value: bad }]).diagnostics.length, bad).toBeGreaterThan(0);
    }
    expect(give(cm, s0, [{ fact: 'datum', value: '0050-06-15' }]).diagnostics).toEqual([]);
  });
});

describe('property: the number parser', () => {
  it('never throws; accepted text round-trips exactly; hex and _ are never accepted', () => {
    const numberish = fc.stringMatching(/^[-+ ]?[0-9_xXeE.]{0,30}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), numberish), (s) => {
        const r = parseNumber(s);
        if (/[xX_]/.test(s)) expect(r.ok).toBe(false);
        if (r.ok) {
          const again = parseNumber(r.value.toString());
          expect(again.ok && again.value.eq(r.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every integer of at most 50 digits is accepted and kept exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 50n) + 1n, max: 10n ** 50n - 1n }), (n) => {
        const r = parseNumber(n.toString());
        expect(r.ok && r.value.toString()).toBe(n.toString());
      }),
    );
  });
});
