/**
 * The Dutch calendar of the Algemene termijnenwet (Atw, BWBR0002448): the algemeen erkende feestdagen of
 * art. 3 lid 1, Goede Vrijdag (gelijkgesteld by art. 3 lid 2), the days the government declares equivalent
 * (art. 3 lid 3, supplied as data), and working days (not a Saturday, Sunday or such a day).
 *
 * Dates are ISO `YYYY-MM-DD` text in years 1..9999 ({@link parseDate}). Every function is total: invalid
 * input gives `null`, never a throw. The statute text is quoted in `norms/texts/atw.md`; see `docs/calendar.md`.
 */
import { MAX_YEAR, MIN_YEAR, parseDate } from '../model/literals.js';
import { addDuration, daysBetween, makeDate } from './values.js';

/** The Atw provision that makes a day count as a feestdag (cited in traces). */
export type HolidayArticle = 'Atw art. 3 lid 1' | 'Atw art. 3 lid 2' | 'Atw art. 3 lid 3';

/** One feestdag of a year. */
export interface Holiday {
  /** The date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The Dutch name, e.g. `Tweede Paasdag`. */
  readonly name: string;
  /** The provision that makes it count. */
  readonly article: HolidayArticle;
  /** For a day declared equivalent (art. 3 lid 3): the decision that declares it, when given. */
  readonly source?: string;
}

/**
 * A day the government declares equivalent to a feestdag (Atw art. 3 lid 3: "Wij kunnen bepaalde dagen voor de
 * toepassing van deze wet met de in het eerste lid genoemde gelijkstellen"), as a date or a date with the
 * decision that declares it (e.g. `'Besluit van …, Stcrt. 2025, 24713'`). Entries that are not valid dates are
 * ignored by the calendar functions; check them first with {@link equivalentDayProblems}.
 */
export type EquivalentDay = string | { readonly date: string; readonly source?: string };

/** The calendar date `v` spells, or `null` when it is not a date text (of any type: no coercion, no throw). */
export function dateOf(v: unknown): ReturnType<typeof parseDate> {
  return typeof v === 'string' ? parseDate(v) : null;
}

/**
 * True when `v` is a list of {@link EquivalentDay} entries of the right shape (each date may still be invalid:
 * {@link equivalentDayProblems} reports those). Every public function here answers `null` for another value,
 * so arbitrary input from an embedder never throws.
 */
export function isEquivalentList(v: unknown): v is readonly EquivalentDay[] {
  return (
    Array.isArray(v) &&
    v.every(
      (e) =>
        typeof e === 'string' ||
        (typeof e === 'object' &&
          e !== null &&
          typeof e.date === 'string' &&
          (e.source === undefined || typeof e.source === 'string')),
    )
  );
}

/** ISO weekday of a valid date: 1 = Monday .. 7 = Sunday; `null` for an invalid date. */
export function isoWeekday(date: string): number | null {
  // 0001-01-01 (day 0 of the proleptic Gregorian calendar) is a Monday.
  if (typeof date !== 'string') return null;
  const n = daysBetween('0001-01-01', date);
  return Number.isNaN(n) ? null : (n % 7) + 1;
}

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher), as `YYYY-MM-DD`;
 * `null` for a year outside 1..9999 or not an integer.
 */
export function easterSunday(year: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

/**
 * The day on which the birthday of the King (or Queen) is celebrated in `year` ("de dag waarop de verjaardag van
 * de Koning wordt gevierd", Atw art. 3 lid 1). The Atw does not fix the date; it follows the practice fixed by
 * royal decree:
 * - from 2014: 27 April (Willem-Alexander), Saturday 26 April when 27 April is a Sunday;
 * - 1980–2013: 30 April, Saturday 29 April when 30 April is a Sunday;
 * - 1949–1979: 30 April (Juliana), Monday 1 May when 30 April is a Sunday;
 * - before 1949: 31 August (Wilhelmina), Monday 1 September when a Sunday (the pre-1980 practice, applied
 *   proleptically: the Atw has been in force only since 1 April 1965, art. 7).
 */
export function kingsDay(year: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  const [month, day, sundayShift] =
    year >= 2014 ? [4, 27, -1] : year >= 1980 ? [4, 30, -1] : year >= 1949 ? [4, 30, 1] : [8, 31, 1];
  const date = makeDate(year, month, day);
  if (date === null) return null;
  return isoWeekday(date) === 7 ? addDuration(date, `P1D`, sundayShift as 1 | -1) : date;
}

function shift(date: string | null, days: number): string | null {
  if (date === null) return null;
  return addDuration(date, `P${Math.abs(days)}D`, days < 0 ? -1 : 1);
}

/**
 * The feestdagen of `year` in the sense of the Atw, sorted by date (the order of the statute for the same day):
 * art. 3 lid 1 — Nieuwjaarsdag, Tweede Paasdag, Koningsdag ({@link kingsDay}), 5 mei, Hemelvaartsdag, Tweede
 * Pinksterdag, Eerste en Tweede Kerstdag; art. 3 lid 2 — Goede Vrijdag; art. 3 lid 3 — the `equivalent` days that
 * fall in `year`. Two entries can share a date (Hemelvaartsdag on 5 May, e.g. 2016). `null` for a year outside
 * 1..9999 or not an integer.
 *
 * The list is the text in force since 1999 (unchanged in the 2010-10-10 version), computed for every year;
 * earlier versions (before 5 May was added to art. 3 lid 1) are not modelled.
 */
export function holidays(year: number, equivalent: readonly EquivalentDay[] = []): readonly Holiday[] | null {
  if (!isEquivalentList(equivalent)) return null;
  const easter = easterSunday(year);
  const king = kingsDay(year);
  if (easter === null || king === null) return null;
  const lid1 = 'Atw art. 3 lid 1' as const;
  const entries: [string | null, string, HolidayArticle][] = [
    [makeDate(year, 1, 1), 'Nieuwjaarsdag', lid1],
    [shift(easter, -2), 'Goede Vrijdag', 'Atw art. 3 lid 2'],
    [shift(easter, 1), 'Tweede Paasdag', lid1],
    [king, year >= 2014 ? 'Koningsdag' : 'Koninginnedag', lid1],
    [makeDate(year, 5, 5), 'Vijfde mei', lid1],
    [shift(easter, 39), 'Hemelvaartsdag', lid1],
    [shift(easter, 50), 'Tweede Pinksterdag', lid1],
    [makeDate(year, 12, 25), 'Eerste Kerstdag', lid1],
    [makeDate(year, 12, 26), 'Tweede Kerstdag', lid1],
  ];
  const out: Holiday[] = [];
  for (const [date, name, article] of entries) if (date !== null) out.push({ date, name, article });
  for (const e of equivalent) {
    const { date, source } = typeof e === 'string' ? { date: e, source: undefined } : e;
    const d = parseDate(date);
    if (d === null || d.year !== year) continue;
    out.push(
      source === undefined
        ? { date, name: 'Gelijkgestelde dag', article: 'Atw art. 3 lid 3' }
        : { date, name: 'Gelijkgestelde dag', article: 'Atw art. 3 lid 3', source },
    );
  }
  // Stable sort keeps the statute order (then input order) for days that share a date.
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The feestdagen that fall on `date` (empty when none); `null` for an invalid date or equivalent list. */
export function holidaysOn(date: string, equivalent: readonly EquivalentDay[] = []): readonly Holiday[] | null {
  const d = dateOf(date);
  if (d === null) return null;
  return holidays(d.year, equivalent)?.filter((h) => h.date === date) ?? null;
}

/**
 * True when `date` is an algemeen erkende feestdag (Atw art. 3 lid 1) or a day gelijkgesteld with one (art. 3
 * lid 2: Goede Vrijdag; lid 3: the `equivalent` days); `null` for an invalid date.
 */
export function isHoliday(date: string, equivalent: readonly EquivalentDay[] = []): boolean | null {
  const on = holidaysOn(date, equivalent);
  return on === null ? null : on.length > 0;
}

/**
 * True when `date` is not a Saturday, Sunday or feestdag ({@link isHoliday}) — the days the Atw counts (art. 1
 * lid 1, art. 2: "dagen … die niet een zaterdag, zondag of algemeen erkende feestdag zijn"); `null` for an
 * invalid date.
 */
export function isWorkingDay(date: string, equivalent: readonly EquivalentDay[] = []): boolean | null {
  const wd = isoWeekday(date);
  const holiday = isHoliday(date, equivalent);
  if (wd === null || holiday === null) return null;
  return wd <= 5 && !holiday;
}

/** The most consecutive non-working days the calendar can have; a bound for the searches below. */
const MAX_SEARCH = 366;

/**
 * The first working day ({@link isWorkingDay}) on or after `date` — the day to which Atw art. 1 lid 1 extends a
 * term that ends on `date`; `null` for an invalid date or when it lies after 9999-12-31.
 */
export function workingDayOnOrAfter(date: string, equivalent: readonly EquivalentDay[] = []): string | null {
  let d: string | null = date;
  for (let i = 0; d !== null && i < MAX_SEARCH; i++) {
    const w = isWorkingDay(d, equivalent);
    if (w === null) return null;
    if (w) return d;
    d = addDuration(d, 'P1D');
  }
  return null;
}

/**
 * The first working day strictly after `date`; `null` for an invalid date or when it lies after 9999-12-31.
 */
export function nextWorkingDay(date: string, equivalent: readonly EquivalentDay[] = []): string | null {
  if (dateOf(date) === null || !isEquivalentList(equivalent)) return null;
  const next = addDuration(date, 'P1D');
  return next === null ? null : workingDayOnOrAfter(next, equivalent);
}

/** The first working day strictly before `date`; `null` for an invalid date or before 0001-01-01. */
export function previousWorkingDay(date: string, equivalent: readonly EquivalentDay[] = []): string | null {
  let d = dateOf(date) === null || !isEquivalentList(equivalent) ? null : addDuration(date, 'P1D', -1);
  for (let i = 0; d !== null && i < MAX_SEARCH; i++) {
    if (isWorkingDay(d, equivalent)) return d;
    d = addDuration(d, 'P1D', -1);
  }
  return null;
}

/**
 * Why an equivalent-day entry is unusable, one message per bad entry (empty when all are valid dates with an
 * optional text `source`); a value that is not a list gives one problem with index -1.
 */
export function equivalentDayProblems(equivalent: readonly EquivalentDay[]): { index: number; message: string }[] {
  if (!Array.isArray(equivalent)) return [{ index: -1, message: 'The equivalent days are not a list.' }];
  const out: { index: number; message: string }[] = [];
  equivalent.forEach((e: unknown, index) => {
    const rec = typeof e === 'object' && e !== null ? (e as { date?: unknown; source?: unknown }) : undefined;
    const date = typeof e === 'string' ? e : rec?.date;
    if (typeof date !== 'string' || parseDate(date) === null)
      out.push({ index, message: `Equivalent day ${JSON.stringify(date)} is not a date of the form YYYY-MM-DD.` });
    else if (rec !== undefined && rec.source !== undefined && typeof rec.source !== 'string')
      out.push({ index, message: `The source of equivalent day ${date} is not a text.` });
  });
  return out;
}
