/**
 * Runtime values of the native interpreter and the calendar arithmetic on them.
 * Numbers are exact (decimal.js); dates are ISO `YYYY-MM-DD` text; durations ISO `P<n><D|W|M|Y>`.
 */
import { Decimal } from 'decimal.js';
import type { JsonScalar, TraceValue } from '../model/trace.js';

/** A runtime value. `null` (not a Value) is the evaluation result *unknown*. */
export type Value =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'integer' | 'decimal'; readonly value: Decimal }
  | { readonly type: 'text' | 'date' | 'duration' | 'actor'; readonly value: string }
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

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_RE = /^P(\d+)([DWMY])$/;

/** True when `s` is a valid ISO calendar date `YYYY-MM-DD`. */
export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True when `s` is a one-unit ISO duration (`P30D`, `P6W`, `P3M`, `P1Y`). */
export const isDuration = (s: string): boolean => DURATION_RE.test(s);

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function fromUtc(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function toUtc(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const DAY_MS = 86_400_000;

/**
 * `date + sign * duration`. Months and years keep the day of month, clamped to the month's last
 * day (`2024-01-31 + P1M = 2024-02-29`). Returns `null` for malformed input.
 */
export function addDuration(date: string, duration: string, sign: 1 | -1 = 1): string | null {
  const dm = DATE_RE.exec(date);
  const pm = DURATION_RE.exec(duration);
  if (!dm || !pm) return null;
  const n = Number(pm[1]) * sign;
  const unit = pm[2];
  if (unit === 'D' || unit === 'W') return fromUtc(toUtc(date) + n * (unit === 'W' ? 7 : 1) * DAY_MS);
  const months = unit === 'M' ? n : n * 12;
  const total = Number(dm[1]) * 12 + (Number(dm[2]) - 1) + months;
  const y = Math.floor(total / 12);
  const mo = total - y * 12 + 1;
  const day = Math.min(Number(dm[3]), daysInMonth(y, mo));
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(day, 2)}`;
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** The date `y-m-d`, or `null` when it does not exist. */
export function makeDate(y: number, m: number, d: number): string | null {
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
  if (a.type === 'date' && b.type === 'date') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
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

/** Parse a number written as text or JS number into an exact decimal; `null` when invalid. */
export function parseDecimal(x: string | number): Decimal | null {
  try {
    const d = new Decimal(typeof x === 'number' ? String(x) : x.trim());
    return d.isFinite() ? d : null;
  } catch {
    return null;
  }
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
