/**
 * The literal values every stage shares: the one number parser with the engine's decimal type
 * ({@link Dec}) and the one date parser (years {@link MIN_YEAR}..{@link MAX_YEAR}). The .flint
 * front end, the FLINT JSON importer, the checker and the interpreter all read numbers and dates
 * here, so they accept exactly the same texts. Pure; never throws.
 */
import { Decimal } from 'decimal.js';

/** Significant digits every number keeps exactly (money and counts); longer results round half up. */
export const DECIMAL_PRECISION = 50;
/** Numbers lie between `10^-DECIMAL_MAX_EXPONENT` and `10^DECIMAL_MAX_EXPONENT` in magnitude (or are 0). */
export const DECIMAL_MAX_EXPONENT = 100;
/** The longest text (characters) accepted as a number. */
export const MAX_NUMBER_TEXT = 120;

/**
 * The decimal type of the engine: {@link DECIMAL_PRECISION} significant digits, rounding half up,
 * results beyond 10^{@link DECIMAL_MAX_EXPONENT} overflow to Infinity (the interpreter makes them
 * unknown), smaller than 10^-{@link DECIMAL_MAX_EXPONENT} underflow to 0; always printed in plain
 * notation (`0.0000001`, never `1e-7`). A clone: the global `decimal.js` settings stay untouched.
 */
export const Dec = Decimal.clone({
  precision: DECIMAL_PRECISION,
  rounding: Decimal.ROUND_HALF_UP,
  maxE: DECIMAL_MAX_EXPONENT,
  minE: -DECIMAL_MAX_EXPONENT,
  toExpPos: DECIMAL_MAX_EXPONENT + 1,
  toExpNeg: -(DECIMAL_MAX_EXPONENT + 1),
});

/** The result of {@link parseNumber}: the exact value, or why the text is not an accepted number. */
export type NumberParse =
  | { readonly ok: true; readonly value: Decimal }
  | { readonly ok: false; readonly reason: string };

const NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?(\d+))?$/;

/**
 * The one number parser of the engine (FLINT text literals, FLINT JSON numbers, case values).
 * Accepts plain decimal notation `-12.50` (surrounding spaces ignored), optionally with an exponent
 * (`1.5e3`); rejects hex,
 * `_` separators, `+12`, `.5`, spaces, `Infinity`/`NaN`, text longer than {@link MAX_NUMBER_TEXT},
 * more than {@link DECIMAL_PRECISION} significant digits and magnitudes outside
 * 10^±{@link DECIMAL_MAX_EXPONENT}. A JS number is read as its shortest decimal spelling. Never throws.
 */
export function parseNumber(x: string | number): NumberParse {
  if (typeof x === 'number' && !Number.isFinite(x)) return { ok: false, reason: 'it is not a finite number' };
  const text = typeof x === 'number' ? String(x) : x.trim();
  if (text.length > MAX_NUMBER_TEXT) {
    return { ok: false, reason: `it is longer than ${MAX_NUMBER_TEXT} characters` };
  }
  const m = NUMBER_RE.exec(text);
  if (!m) return { ok: false, reason: 'it is not a decimal number like 12 or -12.50' };
  const exp = m[1];
  if (exp !== undefined && exp.replace(/^0+/, '').length > 6) {
    return { ok: false, reason: `its exponent is outside ±${DECIMAL_MAX_EXPONENT}` };
  }
  // The default constructor (exponents up to 9e15) reads it without rounding; then the limits are checked.
  const raw = new Decimal(text);
  if (!raw.isZero()) {
    if (raw.e > DECIMAL_MAX_EXPONENT || raw.e < -DECIMAL_MAX_EXPONENT) {
      return {
        ok: false,
        reason: `its magnitude is outside 10^-${DECIMAL_MAX_EXPONENT} .. 10^${DECIMAL_MAX_EXPONENT}`,
      };
    }
    if (raw.sd() > DECIMAL_PRECISION) {
      return { ok: false, reason: `it has more than ${DECIMAL_PRECISION} significant digits` };
    }
  }
  return { ok: true, value: new Dec(raw.isZero() ? 0 : raw) };
}

/** The first and last year of the date range: dates are `0001-01-01` .. `9999-12-31`. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as numbers. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The number of days of month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/**
 * The one date parser: `YYYY-MM-DD` in the proleptic Gregorian calendar, years
 * {@link MIN_YEAR}..{@link MAX_YEAR}, a day that exists in its month; `null` otherwise. Never throws.
 */
export function parseDate(s: string): CalendarDate | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  return day <= daysInMonth(year, month) ? { year, month, day } : null;
}

/** True when `s` is a valid date `YYYY-MM-DD` in years 1..9999 ({@link parseDate}). */
export function isDate(s: string): boolean {
  return parseDate(s) !== null;
}

/** Why `s` is not a date, for diagnostics; `null` when it is one. */
export function dateProblem(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return `«${s}» is not a date of the form YYYY-MM-DD.`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < MIN_YEAR) return `${s} is outside the date range: years run from 0001 to 9999.`;
  if (month < 1 || month > 12) return `${s} does not exist: there is no month ${m[2]}.`;
  if (parseDate(s) === null)
    return `${s} does not exist: month ${m[2]} of ${m[1]} has ${daysInMonth(year, month)} days.`;
  return null;
}
