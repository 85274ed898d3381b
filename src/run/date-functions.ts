/**
 * Date functions for the expression language, over ISO dates `YYYY-MM-DD` in years 1..9999 (`parseDate`).
 * Each is total: it returns `null` (the interpreter's *unknown*) for invalid input or a result outside the date
 * range, never throws. Working-day functions live in `calendar.ts`, deadlines in `atw.ts`; see `docs/calendar.md`.
 */
import { MAX_YEAR, MIN_YEAR, daysInMonth } from '../model/literals.js';
import { dateOf, isoWeekday } from './calendar.js';
import { addDuration, makeDate, daysBetween as rawDaysBetween, monthsBetween as rawMonthsBetween } from './values.js';

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function weekday(date: string): number | null {
  return isoWeekday(date);
}

/** Whole days from `a` to `b`; negative when `b` is earlier (`2024-03-01` − `2024-02-28` = 2). */
export function daysBetween(a: string, b: string): number | null {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  const n = rawDaysBetween(a, b);
  return Number.isNaN(n) ? null : n;
}

/** Whole weeks from `a` to `b`, rounded toward zero (13 days = 1 week, −13 days = −1 week). */
export function weeksBetween(a: string, b: string): number | null {
  const n = daysBetween(a, b);
  return n === null ? null : Math.trunc(n / 7);
}

/**
 * Whole calendar months from `a` to `b`: the largest n with `a + n months <= b`, month ends clamped
 * (`2024-01-31` → `2024-02-29` is one month); negative when `b` is earlier (then `-monthsBetween(b, a)`).
 */
export function monthsBetween(a: string, b: string): number | null {
  return dateOf(a) === null || dateOf(b) === null ? null : rawMonthsBetween(a, b);
}

/** Whole years from `a` to `b`, as {@link monthsBetween} divided by 12 rounded toward zero. */
export function yearsBetween(a: string, b: string): number | null {
  const m = monthsBetween(a, b);
  return m === null ? null : Math.trunc(m / 12);
}

/** A duration unit of the language: days, weeks, months, years. */
export type DurationUnit = 'D' | 'W' | 'M' | 'Y';

/**
 * The duration from `a` to `b` in whole `unit`s as an ISO duration (`P30D`, `P4W`, `P1M`, `P2Y`): the inverse of
 * adding a duration, so `addDuration(a, durationBetween(a, b, u)) <= b`. `null` when `b` is before `a` (durations
 * are not negative) or a date is invalid.
 */
export function durationBetween(a: string, b: string, unit: DurationUnit): string | null {
  const n =
    unit === 'D'
      ? daysBetween(a, b)
      : unit === 'W'
        ? weeksBetween(a, b)
        : unit === 'M'
          ? monthsBetween(a, b)
          : yearsBetween(a, b);
  return n === null || (daysBetween(a, b) ?? -1) < 0 ? null : `P${n}${unit}`;
}

/** The first day of the month of `date` (`2024-02-17` → `2024-02-01`). */
export function firstOfMonth(date: string): string | null {
  const d = dateOf(date);
  return d === null ? null : makeDate(d.year, d.month, 1);
}

/** The last day of the month of `date` (`2024-02-17` → `2024-02-29`). */
export function lastOfMonth(date: string): string | null {
  const d = dateOf(date);
  return d === null ? null : makeDate(d.year, d.month, daysInMonth(d.year, d.month));
}

/** The first day of the year of `date` (`2024-02-17` → `2024-01-01`). */
export function firstOfYear(date: string): string | null {
  const d = dateOf(date);
  return d === null ? null : makeDate(d.year, 1, 1);
}

/** The last day of the year of `date` (`2024-02-17` → `2024-12-31`). */
export function lastOfYear(date: string): string | null {
  const d = dateOf(date);
  return d === null ? null : makeDate(d.year, 12, 31);
}

/**
 * The start of the month in which `date` falls — the month as a date, the way the language represents a
 * calendar month ("de maand waarin …"); the same day as {@link firstOfMonth}.
 */
export function monthStart(date: string): string | null {
  return firstOfMonth(date);
}

/**
 * The calendar month `n` months before the month of `date`, as its first day ("de maand die drie
 * kalendermaanden vóór … ligt": `monthsBefore('2024-05-31', 3)` = `2024-02-01`). `n` must be a non-negative
 * integer; `n = 0` is the month of `date`. `null` before 0001-01.
 */
export function monthsBefore(date: string, n: number): string | null {
  const d = dateOf(date);
  if (d === null || !Number.isSafeInteger(n) || n < 0) return null;
  const total = d.year * 12 + (d.month - 1) - n;
  const year = Math.floor(total / 12);
  return year < MIN_YEAR || year > MAX_YEAR ? null : makeDate(year, total - year * 12 + 1, 1);
}

/**
 * `date` plus `n` calendar months, clamped to the month end (`2024-01-31` + 1 = `2024-02-29`); negative `n`
 * counts back. The same as `date + P<n>M` in the language ({@link addDuration}).
 */
export function addMonths(date: string, n: number): string | null {
  if (typeof date !== 'string' || !Number.isSafeInteger(n)) return null;
  return addDuration(date, `P${Math.abs(n)}M`, n < 0 ? -1 : 1);
}
