import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atwDeadline, atwExtend } from '../../src/run/atw.js';
import { holidays } from '../../src/run/calendar.js';
import { addDuration, daysBetween } from '../../src/run/values.js';
import { durationBetween, firstOfMonth, lastOfMonth, monthsBefore, weekday } from '../../src/run/date-functions.js';

// --- Independent reference computations, written here without the engine's calendar code ---

/** Easter Sunday by Gauss's algorithm with its two Gregorian exceptions: [month, day]. */
function gaussEaster(y: number): [number, number] {
  const a = y % 19;
  const b = y % 4;
  const c = y % 7;
  const k = Math.floor(y / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const M = (15 - p + k - q) % 30;
  const N = (4 + k - q) % 7;
  const d = (19 * a + M) % 30;
  const e = (2 * b + 4 * c + 6 * d + N) % 7;
  if (d === 29 && e === 6) return [4, 19];
  if (d === 28 && e === 6 && (11 * M + 11) % 30 < 19) return [4, 18];
  const day = 22 + d + e;
  return day > 31 ? [4, day - 31] : [3, day];
}

/** Day of the week by Zeller's congruence, ISO numbering (1 = Monday .. 7 = Sunday). */
function zeller(date: string): number {
  let y = Number(date.slice(0, 4));
  let m = Number(date.slice(5, 7));
  const q = Number(date.slice(8, 10));
  if (m < 3) {
    m += 12;
    y -= 1;
  }
  const h =
    (q + Math.floor((13 * (m + 1)) / 5) + y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  // h: 0 = Saturday, 1 = Sunday, 2 = Monday ...
  return ((h + 5) % 7) + 1;
}

/** Days as JS UTC dates (independent of the engine's day numbers), for years 1900..2200. */
const utc = (s: string): Date => new Date(`${s}T00:00:00Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const plusDays = (s: string, n: number): string => iso(new Date(utc(s).getTime() + n * 86_400_000));
const pad = (n: number): string => String(n).padStart(2, '0');

/** The Atw feestdagen of a year from the reference Easter, as a set of dates. */
function referenceHolidays(y: number): Set<string> {
  const [em, ed] = gaussEaster(y);
  const easter = `${y}-${pad(em)}-${pad(ed)}`;
  const kingBase = y >= 2014 ? `${y}-04-27` : y >= 1949 ? `${y}-04-30` : `${y}-08-31`;
  const king = zeller(kingBase) !== 7 ? kingBase : plusDays(kingBase, y >= 1980 ? -1 : 1);
  return new Set([
    `${y}-01-01`,
    plusDays(easter, -2),
    plusDays(easter, 1),
    king,
    `${y}-05-05`,
    plusDays(easter, 39),
    plusDays(easter, 50),
    `${y}-12-25`,
    `${y}-12-26`,
  ]);
}

const refCache = new Map<number, Set<string>>();
function refWorking(date: string, extra: readonly string[] = []): boolean {
  const y = Number(date.slice(0, 4));
  let set = refCache.get(y);
  if (!set) {
    set = referenceHolidays(y);
    refCache.set(y, set);
  }
  return zeller(date) <= 5 && !set.has(date) && !extra.includes(date);
}

const dateIn = (from: number, to: number) => {
  const first = `${String(from).padStart(4, '0')}-01-01`;
  const span = Math.round((utc(`${String(to).padStart(4, '0')}-12-31`).getTime() - utc(first).getTime()) / 86_400_000);
  return fc.integer({ min: 0, max: span }).map((n) => plusDays(first, n));
};

describe('feestdagen agree with an independent computation', () => {
  it('every year 1900..2200', () => {
    for (let y = 1900; y <= 2200; y++) {
      const got = new Set(holidays(y)?.map((h) => h.date));
      expect(got, String(y)).toEqual(referenceHolidays(y));
    }
  });
  it('weekday agrees with Zeller', () => {
    fc.assert(fc.property(dateIn(1, 9999), (d) => weekday(d) === zeller(d)));
  });
});

describe('Atw extension properties', () => {
  const extra = fc.array(dateIn(1990, 2060), { maxLength: 6 });
  it('is never a weekend or feestdag, never earlier than the unextended end, and minimal', () => {
    fc.assert(
      fc.property(dateIn(1990, 2060), fc.integer({ min: 0, max: 90 }), extra, (start, n, eq) => {
        const end = plusDays(start, n);
        const r = atwExtend(start, end, eq);
        expect(r).not.toBeNull();
        if (!r) return;
        expect(r.date >= end).toBe(true);
        expect(r.unextended).toBe(end);
        expect(refWorking(r.date, eq)).toBe(true);
        expect(r.extended).toBe(r.date !== end);
        // The term holds at least two working days when it has at least three days (art. 2).
        const working: string[] = [];
        for (let d = plusDays(start, 1); d <= r.date; d = plusDays(d, 1)) if (refWorking(d, eq)) working.push(d);
        if (n >= 3) expect(working.length).toBeGreaterThanOrEqual(2);
        // Minimal: the deadline is the first working day on or after `end`, or (art. 2) the second working day.
        const firstOnOrAfterEnd = working.find((d) => d >= end);
        const expected =
          n >= 3 && working.filter((d) => d <= end).length < 2 ? working[1] : (firstOnOrAfterEnd ?? r.date);
        expect(r.date).toBe(expected);
        if (r.extended) expect(r.articles[0]).toBe(r.rule === 'art-2' ? 'Atw art. 2' : 'Atw art. 1 lid 1');
        else expect(r.articles).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
  it('atwDeadline for any applicable term in days or weeks never lands on a weekend or feestdag', () => {
    fc.assert(
      fc.property(dateIn(1990, 2060), fc.integer({ min: 1, max: 12 }), fc.constantFrom('D', 'W'), (start, n, u) => {
        const r = atwDeadline(start, { duration: `P${n}${u}` });
        expect(r.diagnostics).toEqual([]);
        const unextended = addDuration(start, `P${n}${u}`) ?? '';
        expect(r.value?.unextended).toBe(unextended);
        expect((r.value?.date ?? '') >= unextended).toBe(true);
        expect(refWorking(r.value?.date ?? '')).toBe(true);
      }),
    );
  });
});

describe('date function properties', () => {
  it('the day after the last of a month is the first of the next month', () => {
    fc.assert(
      fc.property(dateIn(1, 9998), (d) => {
        const last = lastOfMonth(d) ?? '';
        const next = addDuration(last, 'P1D') ?? '';
        return firstOfMonth(next) === next && next.slice(5, 7) !== d.slice(5, 7) && (firstOfMonth(d) ?? '~') <= d;
      }),
    );
  });
  it('monthsBefore undoes adding months', () => {
    fc.assert(
      fc.property(dateIn(1900, 2200), fc.integer({ min: 0, max: 600 }), (d, n) => {
        const later = addDuration(d, `P${n}M`) ?? '';
        return monthsBefore(later, n) === firstOfMonth(d);
      }),
    );
  });
  it('durationBetween is the largest whole duration that fits', () => {
    fc.assert(
      fc.property(dateIn(1900, 2200), dateIn(1900, 2200), fc.constantFrom('D', 'W', 'M', 'Y'), (a, b, u) => {
        const dur = durationBetween(a, b, u as 'D' | 'W' | 'M' | 'Y');
        if (b < a) return dur === null;
        const n = Number(dur?.slice(1, -1));
        return (
          (addDuration(a, `P${n}${u}`) ?? '') <= b &&
          (addDuration(a, `P${n + 1}${u}`) ?? '') > b &&
          daysBetween(a, b) >= 0
        );
      }),
    );
  });
});
