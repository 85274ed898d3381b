/**
 * The arithmetic and date library of expressions: total arithmetic on exact decimals, comparison,
 * and the built-in functions `Call` supports (grammar/README.md#functions).
 */
import type { Decimal } from 'decimal.js';
import { type EquivalentDay, isHoliday, isWorkingDay, nextWorkingDay } from './calendar.js';
import {
  addMonths,
  durationBetween,
  firstOfMonth,
  firstOfYear,
  lastOfMonth,
  lastOfYear,
  monthsBefore,
  weekday,
  weeksBetween,
} from './date-functions.js';
import {
  Dec,
  DECIMAL_MAX_EXPONENT,
  addDuration,
  compareValues,
  daysBetween,
  finite,
  makeDate,
  monthsBetween,
  monthOf,
  FALSE,
  num,
  TRUE,
  valueEquals,
} from './values.js';
import type { Tri, Value } from './values.js';

export function isNumber(v: Value): v is Extract<Value, { type: 'integer' | 'decimal' }> {
  return v.type === 'integer' || v.type === 'decimal';
}

/** A number value, or unknown when `d` overflowed the decimal range (see {@link Dec}). */
function numOrUnknown(d: Decimal, integer: boolean): Tri {
  const f = finite(d);
  return f === null ? null : num(f, integer);
}

/** Arithmetic is total: division by zero and results beyond the decimal range are unknown. */
export function arith(op: 'add' | 'sub' | 'mul' | 'div', a: Value, b: Value): Tri {
  if (isNumber(a) && isNumber(b)) {
    const int = a.type === 'integer' && b.type === 'integer';
    const x = new Dec(a.value);
    switch (op) {
      case 'add':
        return numOrUnknown(x.plus(b.value), int);
      case 'sub':
        return numOrUnknown(x.minus(b.value), int);
      case 'mul':
        return numOrUnknown(x.times(b.value), int);
      case 'div':
        return b.value.isZero() ? null : numOrUnknown(x.dividedBy(b.value), false);
    }
  }
  if (a.type === 'date' && b.type === 'duration' && (op === 'add' || op === 'sub')) {
    const d = addDuration(a.value, b.value, op === 'add' ? 1 : -1);
    return d === null ? null : { type: 'date', value: d };
  }
  if (a.type === 'duration' && b.type === 'date' && op === 'add') return arith('add', b, a);
  if (a.type === 'month' || b.type === 'month') return monthArith(op, a, b);
  if (a.type === 'date' && b.type === 'date' && op === 'sub') return num(new Dec(daysBetween(b.value, a.value)), true);
  return null;
}

/**
 * Arithmetic on months (grammar/README.md#months): a month plus or minus a duration in months or years is a month;
 * a month minus a month is the number of months between them. Anything else (a month plus days) is unknown.
 */
function monthArith(op: 'add' | 'sub' | 'mul' | 'div', a: Value, b: Value): Tri {
  if (a.type === 'month' && b.type === 'month' && op === 'sub') {
    return num(new Dec(monthsBetween(b.value, a.value)), true);
  }
  const [m, d] = a.type === 'month' ? [a, b] : [b, a];
  if (m.type !== 'month' || d.type !== 'duration' || !/^P\d+[MY]$/.test(d.value)) return null;
  if (op !== 'add' && !(op === 'sub' && a === m)) return null;
  const r = addDuration(m.value, d.value, op === 'add' ? 1 : -1);
  return r === null ? null : { type: 'month', value: r };
}

export function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: Value, b: Value): boolean | null {
  if (op === 'eq') return valueEquals(a, b);
  if (op === 'ne') return !valueEquals(a, b);
  const c = compareValues(a, b);
  if (c === null) return null;
  return op === 'lt' ? c < 0 : op === 'le' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
}

/**
 * Calls the built-in `fn` on `args`; `equivalent` are the case's Atw art. 3 lid 3 days, which `is_holiday`,
 * `is_working_day` and `next_working_day` count as feestdagen.
 */
export function callFn(fn: string, args: Value[], equivalent: readonly EquivalentDay[] = []): Tri {
  const a0 = args[0];
  const a1 = args[1];
  switch (fn) {
    case 'min':
    case 'max': {
      let best: Value | undefined;
      for (const v of args) {
        if (best === undefined) best = v;
        else {
          const c = compareValues(v, best);
          if (c === null) return null;
          if (fn === 'min' ? c < 0 : c > 0) best = v;
        }
      }
      return best ?? null;
    }
    case 'sum':
    case 'product': {
      let acc: Value = num(new Dec(fn === 'sum' ? 0 : 1), true);
      for (const v of args) {
        const r = arith(fn === 'sum' ? 'add' : 'mul', acc, v);
        if (r === null) return null;
        acc = r;
      }
      return acc;
    }
    case 'abs':
      return a0 && isNumber(a0) ? num(new Dec(a0.value).abs(), a0.type === 'integer') : null;
    case 'floor':
    case 'ceil':
      return a0 && isNumber(a0)
        ? num(fn === 'floor' ? new Dec(a0.value).floor() : new Dec(a0.value).ceil(), true)
        : null;
    case 'round':
      return a0 && isNumber(a0) ? roundTo(a0.value, a1) : null;
    case 'date': {
      if (!a0 || !a1 || !args[2] || !isNumber(a0) || !isNumber(a1) || !isNumber(args[2])) return null;
      if (![a0, a1, args[2]].every((v) => v.value.isInteger() && v.value.abs().lte(9999))) return null;
      const d = makeDate(a0.value.toNumber(), a1.value.toNumber(), args[2].value.toNumber());
      return d === null ? null : { type: 'date', value: d };
    }
    case 'year':
    case 'month':
    case 'day': {
      if (a0?.type !== 'date' && !(a0?.type === 'month' && fn !== 'day')) return null;
      const part = fn === 'year' ? a0.value.slice(0, 4) : fn === 'month' ? a0.value.slice(5, 7) : a0.value.slice(8, 10);
      return num(new Dec(Number(part)), true);
    }
    case 'days':
      return a0?.type === 'date' && a1?.type === 'date' ? num(new Dec(daysBetween(a0.value, a1.value)), true) : null;
    case 'months':
    case 'years': {
      if (a0 === undefined || a1 === undefined || a0.type !== a1.type || (a0.type !== 'date' && a0.type !== 'month'))
        return null;
      if (a1.type !== 'date' && a1.type !== 'month') return null;
      const m = monthsBetween(a0.value, a1.value);
      return num(new Dec(fn === 'months' ? m : Math.trunc(m / 12)), true);
    }
  }
  return callDateFn(fn, a0, a1, equivalent);
}

/** A date result, or unknown for `null` (an invalid date or one outside the date range). */
function dateOrUnknown(d: string | null): Tri {
  return d === null ? null : { type: 'date', value: d };
}

/** The date and calendar functions (date-functions.ts, calendar.ts); `null` (unknown) for any other argument. */
function callDateFn(
  fn: string,
  a0: Value | undefined,
  a1: Value | undefined,
  equivalent: readonly EquivalentDay[],
): Tri {
  if (a0?.type === 'month') return callMonthFn(fn, a0.value, a1);
  if (a0?.type !== 'date') return null;
  const d = a0.value;
  switch (fn) {
    case 'month_of':
      return monthOf(d);
    case 'weekday': {
      const w = weekday(d);
      return w === null ? null : num(new Dec(w), true);
    }
    case 'weeks': {
      const w = a1?.type === 'date' ? weeksBetween(d, a1.value) : null;
      return w === null ? null : num(new Dec(w), true);
    }
    case 'duration_between': {
      // The term from `d` to the second date as a duration in days (P42D): a duration from two dates.
      const v = a1?.type === 'date' ? durationBetween(d, a1.value, 'D') : null;
      return v === null ? null : { type: 'duration', value: v };
    }
    case 'first_of_month':
      return dateOrUnknown(firstOfMonth(d));
    case 'last_of_month':
      return dateOrUnknown(lastOfMonth(d));
    case 'first_of_year':
      return dateOrUnknown(firstOfYear(d));
    case 'last_of_year':
      return dateOrUnknown(lastOfYear(d));
    case 'months_before':
    case 'add_months': {
      if (a1 === undefined || !isNumber(a1) || !a1.value.isInteger() || a1.value.abs().gt(MAX_MONTHS)) return null;
      const n = a1.value.toNumber();
      return dateOrUnknown(fn === 'add_months' ? addMonths(d, n) : monthsBefore(d, n));
    }
    case 'is_holiday': {
      const h = isHoliday(d, equivalent);
      return h === null ? null : h ? TRUE : FALSE;
    }
    case 'is_working_day': {
      const w = isWorkingDay(d, equivalent);
      return w === null ? null : w ? TRUE : FALSE;
    }
    case 'next_working_day':
      return dateOrUnknown(nextWorkingDay(d, equivalent));
  }
  return null;
}

/**
 * The date functions that take a month (carried as its first day, `first`): `month_of` is the month itself,
 * `first_of_month`/`last_of_month`/`first_of_year`/`last_of_year` give dates, `months_before`/`add_months` months.
 */
function callMonthFn(fn: string, first: string, a1: Value | undefined): Tri {
  switch (fn) {
    case 'month_of':
      return { type: 'month', value: first };
    case 'first_of_month':
    case 'last_of_month':
    case 'first_of_year':
    case 'last_of_year':
      return callDateFn(fn, { type: 'date', value: first }, a1, []);
    case 'months_before':
    case 'add_months': {
      const d = callDateFn(fn, { type: 'date', value: first }, a1, []);
      return d?.type === 'date' ? { type: 'month', value: d.value } : null;
    }
  }
  return null;
}

/** More months than the date range spans: a month count beyond it is unknown without converting it. */
const MAX_MONTHS = 12 * 10_000;

/**
 * `round(x, places)`: half up to `places` decimals (default 0). Negative places round to tens,
 * hundreds, ... (`round(1250, -2)` is 1300). `places` must be a whole number in
 * -{@link DECIMAL_MAX_EXPONENT}..{@link DECIMAL_MAX_EXPONENT}; otherwise the result is unknown.
 */
function roundTo(x: Decimal, placesArg: Value | undefined): Tri {
  if (placesArg !== undefined && !isNumber(placesArg)) return null;
  const p = placesArg === undefined ? new Dec(0) : placesArg.value;
  if (!p.isInteger() || p.abs().gt(DECIMAL_MAX_EXPONENT)) return null;
  const places = p.toNumber();
  const v = new Dec(x);
  if (places >= 0) return numOrUnknown(v.toDecimalPlaces(places, Dec.ROUND_HALF_UP), places === 0);
  const unit = new Dec(10).pow(-places);
  return numOrUnknown(v.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit), true);
}

/** The functions `Call` supports. */
export const KNOWN_FUNCTIONS: readonly string[] = [
  'min',
  'max',
  'sum',
  'product',
  'abs',
  'floor',
  'ceil',
  'round',
  'date',
  'year',
  'month',
  'day',
  'days',
  'weeks',
  'months',
  'years',
  'weekday',
  'first_of_month',
  'last_of_month',
  'first_of_year',
  'last_of_year',
  'months_before',
  'add_months',
  'is_holiday',
  'is_working_day',
  'next_working_day',
  'month_of',
  'duration_between',
];
