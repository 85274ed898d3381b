import { describe, expect, it } from 'vitest';
import { atwApplies, atwDeadline, atwExtend, atwExtendBackward } from '../../src/run/atw.js';
import {
  easterSunday,
  equivalentDayProblems,
  holidays,
  holidaysOn,
  isHoliday,
  isWorkingDay,
  kingsDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
} from '../../src/run/calendar.js';
import {
  addMonths,
  daysBetween,
  durationBetween,
  firstOfMonth,
  firstOfYear,
  lastOfMonth,
  lastOfYear,
  monthStart,
  monthsBefore,
  monthsBetween,
  weekday,
  weeksBetween,
  yearsBetween,
} from '../../src/run/date-functions.js';

describe('feestdagen (Atw art. 3)', () => {
  it('lists the days of art. 3 lid 1 and Goede Vrijdag (lid 2) for 2024', () => {
    expect(holidays(2024)?.map((h) => `${h.date} ${h.name} (${h.article})`)).toEqual([
      '2024-01-01 Nieuwjaarsdag (Atw art. 3 lid 1)',
      '2024-03-29 Goede Vrijdag (Atw art. 3 lid 2)',
      '2024-04-01 Tweede Paasdag (Atw art. 3 lid 1)',
      '2024-04-27 Koningsdag (Atw art. 3 lid 1)',
      '2024-05-05 Vijfde mei (Atw art. 3 lid 1)',
      '2024-05-09 Hemelvaartsdag (Atw art. 3 lid 1)',
      '2024-05-20 Tweede Pinksterdag (Atw art. 3 lid 1)',
      '2024-12-25 Eerste Kerstdag (Atw art. 3 lid 1)',
      '2024-12-26 Tweede Kerstdag (Atw art. 3 lid 1)',
    ]);
  });
  it('knows Easter dates published for known years', () => {
    expect([2019, 2024, 2025, 2026, 2038, 1943, 1818, 2285].map(easterSunday)).toEqual([
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2038-04-25',
      '1943-04-25',
      '1818-03-22',
      '2285-03-22',
    ]);
  });
  it('moves Koningsdag to Saturday 26 April when 27 April is a Sunday, and follows the older practice', () => {
    expect(kingsDay(2014)).toBe('2014-04-26');
    expect(kingsDay(2025)).toBe('2025-04-26');
    expect(kingsDay(2026)).toBe('2026-04-27');
    expect(isHoliday('2014-04-27')).toBe(false);
    expect(kingsDay(2006)).toBe('2006-04-29');
    expect(kingsDay(2013)).toBe('2013-04-30');
    expect(kingsDay(1967)).toBe('1967-05-01');
    expect(holidaysOn('2006-04-29')?.map((h) => h.name)).toEqual(['Koninginnedag']);
  });
  it('counts 5 May every year, also when Hemelvaartsdag falls on it', () => {
    expect(isHoliday('2025-05-05')).toBe(true);
    expect(isHoliday('2023-05-05')).toBe(true);
    expect(holidaysOn('2016-05-05')?.map((h) => h.name)).toEqual(['Vijfde mei', 'Hemelvaartsdag']);
  });
  it('adds equivalent days (art. 3 lid 3) of the year with their source', () => {
    const eq = [{ date: '2026-05-15', source: 'KB gelijkgestelde dagen' }, '2027-05-07'];
    expect(holidaysOn('2026-05-15', eq)).toEqual([
      {
        date: '2026-05-15',
        name: 'Gelijkgestelde dag',
        article: 'Atw art. 3 lid 3',
        source: 'KB gelijkgestelde dagen',
      },
    ]);
    expect(isHoliday('2026-05-15')).toBe(false);
    expect(holidays(2026, eq)?.length).toBe(10);
    expect(isWorkingDay('2027-05-07', eq)).toBe(false);
  });
  it('reports bad equivalent days and ignores them in the calendar', () => {
    expect(equivalentDayProblems(['2026-02-30', { date: 'x' }, '2026-05-15'])).toEqual([
      { index: 0, message: 'Equivalent day "2026-02-30" is not a date of the form YYYY-MM-DD.' },
      { index: 1, message: 'Equivalent day "x" is not a date of the form YYYY-MM-DD.' },
    ]);
    expect(isHoliday('2026-05-15', ['2026-02-30'])).toBe(false);
  });
  it('is total: invalid dates and years give null', () => {
    expect(holidays(0)).toBeNull();
    expect(holidays(2024.5)).toBeNull();
    expect(holidays(10000)).toBeNull();
    expect(isHoliday('2024-02-30')).toBeNull();
    expect(isWorkingDay('nonsense')).toBeNull();
    expect(nextWorkingDay('9999-12-31')).toBeNull();
    expect(previousWorkingDay('0001-01-01')).toBeNull();
  });
  it('finds working days around weekends and holidays', () => {
    expect(isWorkingDay('2024-12-24')).toBe(true);
    expect(isWorkingDay('2024-12-25')).toBe(false);
    expect(isWorkingDay('2024-12-28')).toBe(false);
    expect(nextWorkingDay('2024-12-24')).toBe('2024-12-27');
    expect(workingDayOnOrAfter('2024-12-24')).toBe('2024-12-24');
    expect(previousWorkingDay('2025-01-02')).toBe('2024-12-31');
  });
});

describe('Atw deadlines (art. 1, 2)', () => {
  it('extends a term ending on Goede Vrijdag 2025 over Easter to the Tuesday (art. 1 lid 1)', () => {
    expect(atwExtend('2025-04-11', '2025-04-18')).toEqual({
      date: '2025-04-22',
      unextended: '2025-04-18',
      extended: true,
      rule: 'art-1-lid-1',
      articles: ['Atw art. 1 lid 1', 'Atw art. 3 lid 1', 'Atw art. 3 lid 2'],
      holidays: ['2025-04-18 Goede Vrijdag', '2025-04-21 Tweede Paasdag'],
    });
  });
  it('extends a three-day term over Easter until it holds two working days (art. 2)', () => {
    const r = atwDeadline('2024-03-28', { duration: 'P3D' });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toMatchObject({
      date: '2024-04-03',
      unextended: '2024-03-31',
      rule: 'art-2',
      articles: ['Atw art. 2', 'Atw art. 3 lid 1', 'Atw art. 3 lid 2'],
    });
  });
  it('a three-day term from Thursday ends on Monday (art. 1 lid 1 suffices)', () => {
    expect(atwExtend('2024-06-06', '2024-06-09')).toMatchObject({ date: '2024-06-10', rule: 'art-1-lid-1' });
  });
  it('extends over Koningsdag on Saturday 26 April 2025 and over Koningsdag on Monday 27 April 2026', () => {
    expect(atwExtend('2025-04-19', '2025-04-26')).toMatchObject({
      date: '2025-04-28',
      holidays: ['2025-04-26 Koningsdag'],
    });
    expect(atwExtend('2026-04-19', '2026-04-26')).toMatchObject({
      date: '2026-04-28',
      holidays: ['2026-04-27 Koningsdag'],
    });
  });
  it('extends over 5 May', () => {
    expect(atwExtend('2021-04-28', '2021-05-05')).toMatchObject({
      date: '2021-05-06',
      rule: 'art-1-lid-1',
      articles: ['Atw art. 1 lid 1', 'Atw art. 3 lid 1'],
      holidays: ['2021-05-05 Vijfde mei'],
    });
  });
  it('extends a week from 18 December 2024 over Christmas to the 27th', () => {
    expect(atwDeadline('2024-12-18', { duration: 'P1W' }).value).toMatchObject({
      date: '2024-12-27',
      unextended: '2024-12-25',
      extended: true,
      holidays: ['2024-12-25 Eerste Kerstdag', '2024-12-26 Tweede Kerstdag'],
    });
  });
  it('uses the equivalent days of art. 3 lid 3', () => {
    expect(atwExtend('2026-05-07', '2026-05-14')?.date).toBe('2026-05-15');
    expect(atwExtend('2026-05-07', '2026-05-14', ['2026-05-15'])?.date).toBe('2026-05-18');
  });
  it('does not extend a term ending on a working day', () => {
    expect(atwExtend('2025-04-24', '2025-05-01')).toEqual({
      date: '2025-05-01',
      unextended: '2025-05-01',
      extended: false,
      rule: null,
      articles: [],
      holidays: [],
    });
  });
  it('extends a backward term earlier by art. 2 only (art. 1 lid 2)', () => {
    expect(atwExtendBackward('2024-12-27', '2024-12-30')).toMatchObject({ date: '2024-12-24', rule: 'art-2' });
    expect(atwDeadline('2024-12-30', { duration: 'P3D', backwards: true }).value?.date).toBe('2024-12-24');
    // A backward term ending on a Sunday is not moved (art. 1 lid 2).
    expect(atwDeadline('2024-12-20', { duration: 'P5D', backwards: true }).value).toMatchObject({
      date: '2024-12-15',
      extended: false,
    });
  });
  it('rejects end before start and invalid dates', () => {
    expect(atwExtend('2024-01-10', '2024-01-09')).toBeNull();
    expect(atwExtend('2024-01-10', '2024-13-01')).toBeNull();
  });
});

describe('whether the Atw applies (art. 1, 4, 5)', () => {
  it('applies to statute and AMvB terms, citing art. 5 for the latter', () => {
    expect(atwApplies({ duration: 'P6W' })?.applies).toBe(true);
    expect(atwApplies({ duration: 'P6W', setIn: 'amvb' })?.articles).toEqual([
      'Atw art. 5',
      'Atw art. 1 lid 1',
      'Atw art. 2',
    ]);
    expect(atwApplies({ duration: 'P6W', setIn: 'other' })?.applies).toBe(false);
  });
  it('excludes the terms of art. 4', () => {
    const excluded = ['PT24H', 'P91D', 'P13W', 'P4M', 'P1Y'].map((d) => atwApplies({ duration: d })?.articles);
    expect(excluded).toEqual(Array(5).fill(['Atw art. 4 onder a']));
    expect(['P90D', 'P12W', 'P3M'].map((d) => atwApplies({ duration: d })?.applies)).toEqual([true, true, true]);
    expect(atwApplies({ duration: 'P1W', subject: 'legislation-publication' })?.articles).toEqual([
      'Atw art. 4 onder b',
    ]);
    expect(atwApplies({ duration: 'P1W', subject: 'deprivation-of-liberty' })?.articles).toEqual([
      'Atw art. 4 onder c',
    ]);
  });
  it('honours an exclusion named by the model and does not extend then', () => {
    const r = atwDeadline('2024-12-18', { duration: 'P1W', excludedBy: 'Awir art. 28 lid 3' });
    expect(r.value).toMatchObject({ date: '2024-12-25', extended: false, applicability: { applies: false } });
    expect(r.value?.applicability.articles).toEqual(['Awir art. 28 lid 3']);
  });
  it('does not extend a term of more than three months', () => {
    expect(atwDeadline('2024-09-25', { duration: 'P4M' }).value).toMatchObject({ date: '2025-01-25', extended: false });
  });
  it('gives diagnostics, not throws, for bad input', () => {
    const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);
    expect(codes(atwDeadline('2024-02-30', { duration: 'P1W' }, [], { path: '/duties/0' }))).toEqual([
      'calendar-invalid-date',
    ]);
    expect(atwDeadline('2024-02-30', { duration: 'P1W' }, [], { path: '/duties/0' }).diagnostics[0]?.path).toBe(
      '/duties/0',
    );
    expect(codes(atwDeadline('2024-02-03', { duration: '1 week' }))).toEqual(['calendar-invalid-duration']);
    expect(codes(atwDeadline('2024-02-03', { duration: 'PT48H' }))).toEqual(['calendar-hours-term']);
    expect(codes(atwDeadline('2024-02-03', { duration: 'P1W' }, ['2024-02-31']))).toEqual([
      'calendar-invalid-equivalent-day',
    ]);
    expect(codes(atwDeadline('9999-12-28', { duration: 'P1W' }))).toEqual(['calendar-out-of-range']);
    expect(atwDeadline('9999-12-28', { duration: 'P1W' }).value).toBeNull();
  });
});

describe('date functions', () => {
  it('weekday, days, weeks, months, years between', () => {
    expect(weekday('2024-12-25')).toBe(3);
    expect(weekday('2024-12-29')).toBe(7);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(weeksBetween('2024-01-01', '2024-01-14')).toBe(1);
    expect(weeksBetween('2024-01-14', '2024-01-01')).toBe(-1);
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsBetween('2024-02-29', '2024-01-31')).toBe(-1);
    expect(yearsBetween('2020-02-29', '2021-02-28')).toBe(1);
    expect(durationBetween('2024-01-31', '2024-03-30', 'M')).toBe('P1M');
    expect(durationBetween('2024-01-01', '2024-01-15', 'W')).toBe('P2W');
    expect(durationBetween('2024-03-01', '2024-01-01', 'D')).toBeNull();
  });
  it('first and last day of a month or year, month start and months before', () => {
    expect(firstOfMonth('2024-02-17')).toBe('2024-02-01');
    expect(lastOfMonth('2024-02-17')).toBe('2024-02-29');
    expect(lastOfMonth('2023-02-17')).toBe('2023-02-28');
    expect(firstOfYear('2024-02-17')).toBe('2024-01-01');
    expect(lastOfYear('2024-02-17')).toBe('2024-12-31');
    expect(monthStart('2024-12-31')).toBe('2024-12-01');
    expect(monthsBefore('2024-05-31', 3)).toBe('2024-02-01');
    expect(monthsBefore('2024-02-10', 14)).toBe('2022-12-01');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });
  it('is total: null for invalid input and outside the date range', () => {
    expect(weekday('2023-02-29')).toBeNull();
    expect(daysBetween('x', '2024-01-01')).toBeNull();
    expect(monthsBetween('2024-01-01', '2024-00-01')).toBeNull();
    expect(lastOfMonth('')).toBeNull();
    expect(monthsBefore('0001-02-01', 2)).toBeNull();
    expect(monthsBefore('2024-02-01', -1)).toBeNull();
    expect(monthsBefore('2024-02-01', 1.5)).toBeNull();
    expect(addMonths('9999-12-01', 1)).toBeNull();
    expect(addMonths('2024-01-01', Number.NaN)).toBeNull();
  });
});
