/**
 * Runtime values of the native interpreter and the calendar arithmetic on them.
 * Numbers are exact decimals ({@link Dec}); dates are ISO `YYYY-MM-DD` text in years 1..9999
 * ({@link parseDate}); durations ISO `P<n><D|W|M|Y>`; months the date of their first day, written `YYYY-MM`.
 */
import type { Decimal } from 'decimal.js';
import { MAX_YEAR, MIN_YEAR, daysInMonth, isDate, parseDate, parseNumber } from '../model/literals.js';
import type { CalendarDate } from '../model/literals.js';
import type { JsonScalar, TraceValue } from '../model/trace.js';

export {
  DECIMAL_MAX_EXPONENT,
  DECIMAL_PRECISION,
  Dec,
  MAX_NUMBER_TEXT,
  MAX_YEAR,
  MIN_YEAR,
  dateProblem,
  isDate,
  parseDate,
  parseNumber,
} from '../model/literals.js';
export type { CalendarDate, NumberParse } from '../model/literals.js';

/** A runtime value. `null` (not a Value) is the evaluation result *unknown*. */
export type Value =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'integer' | 'decimal'; readonly value: Decimal }
  | { readonly type: 'text' | 'date' | 'duration' | 'actor'; readonly value: string }
  /** A calendar month, carried as the date of its first day (`2025-03-01`), written `2025-03` ({@link monthText}). */
  | { readonly type: 'month'; readonly value: string }
  | { readonly type: 'instance'; readonly fact: string; readonly args: readonly JsonScalar[] };

/** An evaluation result: a value or `null` for unknown. */
export type Tri = Value | null;

/** The shared `true` value. */
export const TRUE: Value = Object.freeze({ type: 'boolean', value: true });
/** The shared `false` value. */
export const FALSE: Value = Object.freeze({ type: 'boolean', value: false });

/** The boolean value for `b`. */
export const bool = (b: boolean): Value => (b ? TRUE : FALSE);

/** A decimal or integer value. */
export const num = (d: Decimal, integer: boolean): Value => ({ type: integer ? 'integer' : 'decimal', value: d });

/** `true`/`false` for a boolean value, `null` for unknown or a non-boolean value (read as "holds"). */
export function truth(v: Tri): boolean | null {
  if (v === null) return null;
  if (v.type === 'boolean') return v.value;
  return true;
}

/** An engine decimal from a finite in-range result, `null` (unknown) for overflow or NaN. */
export function finite(d: Decimal): Decimal | null {
  return d.isFinite() ? d : null;
}

const DURATION_RE = /^P(\d+)([DWMY])$/;

/** True when `s` is a one-unit ISO duration (`P30D`, `P6W`, `P3M`, `P1Y`). */
export const isDuration = (s: string): boolean => DURATION_RE.test(s);

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** Days since 0001-01-01 (day 0) of a valid date (proleptic Gregorian). */
function dayNumber(d: CalendarDate): number {
  const y = d.year - 1;
  let n = y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  for (let m = 1; m < d.month; m++) n += daysInMonth(d.year, m);
  return n + d.day - 1;
}

/** The date of a day number, or `null` outside years 1..9999. */
function fromDayNumber(n: number): string | null {
  if (!Number.isSafeInteger(n) || n < 0) return null;
  let year = Math.floor(n / 365.2425) + 1;
  // Correct the estimate: the first day of `year` must be <= n < the first day of `year + 1`.
  while (year > 1 && dayNumber({ year, month: 1, day: 1 }) > n) year--;
  while (dayNumber({ year: year + 1, month: 1, day: 1 }) <= n) year++;
  if (year > MAX_YEAR) return null;
  let rest = n - dayNumber({ year, month: 1, day: 1 });
  let month = 1;
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month++;
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(rest + 1, 2)}`;
}

/** The largest duration count considered: beyond it every date leaves the range anyway. */
const MAX_DURATION_DIGITS = 9;

/**
 * `date + sign * duration`. Months and years keep the day of month, clamped to the month's last
 * day (`2024-01-31 + P1M = 2024-02-29`). Returns `null` for malformed input and for a result
 * outside years 1..9999 (the interpreter makes it unknown).
 */
export function addDuration(date: string, duration: string, sign: 1 | -1 = 1): string | null {
  const d = parseDate(date);
  const pm = DURATION_RE.exec(duration);
  if (!d || !pm || (pm[1] ?? '').replace(/^0+/, '').length > MAX_DURATION_DIGITS) return null;
  const n = Number(pm[1]) * sign;
  const unit = pm[2];
  if (unit === 'D' || unit === 'W') return fromDayNumber(dayNumber(d) + n * (unit === 'W' ? 7 : 1));
  const months = unit === 'M' ? n : n * 12;
  const total = d.year * 12 + (d.month - 1) + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12 + 1;
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  const day = Math.min(d.day, daysInMonth(y, mo));
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(day, 2)}`;
}

/** Whole days from `a` to `b` (negative when `b` is earlier); `NaN` when either is not a valid date. */
export function daysBetween(a: string, b: string): number {
  const da = parseDate(a);
  const db = parseDate(b);
  return da && db ? dayNumber(db) - dayNumber(da) : NaN;
}

/** The date `y-m-d`, or `null` when it does not exist (or lies outside years 1..9999). */
export function makeDate(y: number, m: number, d: number): string | null {
  if (![y, m, d].every((n) => Number.isInteger(n) && n >= 0 && n <= 9999)) return null;
  const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  return isDate(s) ? s : null;
}

/** The trace values of unknown, true and false, shared (frozen): traces hold many of them. */
export const TRACE_UNKNOWN: TraceValue = Object.freeze({ type: 'unknown' });
const TRACE_TRUE: TraceValue = Object.freeze({ type: 'boolean', value: true });
const TRACE_FALSE: TraceValue = Object.freeze({ type: 'boolean', value: false });

/** A value as it appears in a trace. */
export function toTraceValue(v: Tri): TraceValue {
  if (v === null) return TRACE_UNKNOWN;
  switch (v.type) {
    case 'boolean':
      return v.value ? TRACE_TRUE : TRACE_FALSE;
    case 'integer':
    case 'decimal':
      return { type: v.type, value: v.value.toString() };
    case 'instance':
      return { type: 'instance', fact: v.fact, args: v.args };
    case 'month':
      return { type: 'month', value: monthText(v.value) };
    default:
      return { type: v.type, value: v.value };
  }
}

/** A value as a JSON scalar (for fact arguments, act parameters and stored fact values). */
export function toScalar(v: Value): JsonScalar {
  switch (v.type) {
    case 'boolean':
      return v.value;
    case 'integer':
    case 'decimal':
      return v.value.toString();
    case 'instance':
      return v.args.length === 1 ? (v.args[0] ?? null) : JSON.stringify(v.args);
    case 'month':
      return monthText(v.value);
    default:
      return v.value;
  }
}

/** Structural equality of two values (numbers by exact value). */
export function valueEquals(a: Value, b: Value): boolean {
  if ((a.type === 'integer' || a.type === 'decimal') && (b.type === 'integer' || b.type === 'decimal')) {
    return a.value.eq(b.value);
  }
  if (a.type === 'instance' || b.type === 'instance') {
    return toScalar(a) === toScalar(b);
  }
  return a.type === b.type && a.value === b.value;
}

/** Compare two values of one ordered kind: negative, 0, positive; `null` when not comparable. */
export function compareValues(a: Value, b: Value): number | null {
  if ((a.type === 'integer' || a.type === 'decimal') && (b.type === 'integer' || b.type === 'decimal')) {
    return a.value.cmp(b.value);
  }
  if ((a.type === 'date' && b.type === 'date') || (a.type === 'month' && b.type === 'month'))
    return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === 'text' && b.type === 'text') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.type === 'duration' && b.type === 'duration') {
    const da = durationDays(a.value);
    const db = durationDays(b.value);
    return da === null || db === null ? null : da - db;
  }
  return null;
}

/** Approximate length in days of a duration, for ordering only (months 30, years 365). */
function durationDays(s: string): number | null {
  const m = DURATION_RE.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return n * ({ D: 1, W: 7, M: 30, Y: 365 } as const)[m[2] as 'D' | 'W' | 'M' | 'Y'];
}

/** A number written as text or JS number as an engine decimal ({@link parseNumber}); `null` when invalid. */
export function parseDecimal(x: string | number): Decimal | null {
  const r = parseNumber(x);
  return r.ok ? r.value : null;
}

/**
 * Whole months from `a` to `b`: the largest n with `a + nM <= b` (month ends clamp, so
 * 2024-01-31 → 2024-02-29 is one month); negative when `b` is earlier.
 */
export function monthsBetween(a: string, b: string): number {
  if (b < a) return -monthsBetween(b, a);
  let n = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
  while (n > 0 && (addDuration(a, `P${n}M`) ?? '') > b) n--;
  return n;
}

const MONTH_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/**
 * The month a text names, as the date of its first day: `"2025-03"` and any valid date in it (`"2025-03-17"`) give
 * `"2025-03-01"`; `null` for anything else (`"2025-13"`, `"2025-02-30"`, years outside 0001..9999).
 */
export function parseMonth(s: string): string | null {
  if (typeof s !== 'string') return null;
  const m = MONTH_RE.exec(s);
  if (!m) return null;
  const first = `${m[1]}-${m[2]}-01`;
  return isDate(first) && (m[3] === undefined || isDate(s)) ? first : null;
}

/** The canonical text of a month carried as a date in it (`2025-03-01` → `2025-03`). */
export function monthText(firstDay: string): string {
  return firstDay.slice(0, 7);
}

/** The month value of the month `date` falls in; `null` when `date` is not a valid date or month text. */
export function monthOf(date: string): Value | null {
  const first = parseMonth(date);
  return first === null ? null : { type: 'month', value: first };
}
