/**
 * The calendar and Atw functions exported from src/index.ts answer arguments of the wrong shape with `null` or a
 * diagnostic, never a throw (docs/api.md, "Malformed arguments"), and are reachable from both entry points.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as run from '../../src/run/index.js';

// Arguments of the wrong shape an embedder may pass (e.g. read from JSON).
const JUNK: unknown[] = [null, 5, 'x', {}, [null], [5], [{ date: 5 }], [{ date: '2025-01-02', source: 7 }]];

describe('calendar exports', () => {
  it('exports the embedder functions from src/index.ts and the rest from src/run/index.ts', () => {
    for (const name of ['holidays', 'isWorkingDay', 'nextWorkingDay', 'atwExtend', 'atwDeadline'])
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    for (const name of ['isHoliday', 'atwApplies', 'weekday', 'monthsBefore', 'addMonths', 'equivalentDayProblems'])
      expect(typeof (run as Record<string, unknown>)[name], name).toBe('function');
  });
});

describe('a malformed equivalent-day list', () => {
  const bad = JUNK.filter((j) => j !== null && !(typeof j === 'string'));
  it.each(bad.map((b) => [JSON.stringify(b), b]))('%s gives null, not a throw or a guess', (_, b) => {
    const eq = b as never;
    expect(api.holidays(2025, eq)).toBeNull();
    expect(api.isWorkingDay('2025-04-26', eq)).toBeNull();
    expect(run.isHoliday('2025-04-21', eq)).toBeNull();
    expect(api.nextWorkingDay('2025-04-25', eq)).toBeNull();
    expect(run.previousWorkingDay('2025-04-22', eq)).toBeNull();
    expect(api.atwExtend('2025-04-01', '2025-04-21', eq)).toBeNull();
  });

  it('is an atwDeadline diagnostic', () => {
    const r = api.atwDeadline('2025-04-01', { duration: 'P6W' }, [{ date: '2025-01-02', source: 7 }] as never);
    expect(r.value).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['calendar-invalid-equivalent-day']);
    const list = api.atwDeadline('2025-04-01', { duration: 'P6W' }, 5 as never);
    expect(list.diagnostics[0]?.message).toBe('The equivalent days are not a list.');
  });
});

describe('a malformed term spec', () => {
  const specs: unknown[] = [undefined, null, 5, [], {}, { duration: 6 }, { duration: 'P6W', backwards: 'ja' }];
  specs.push(
    { duration: 'P6W', setIn: 'wetboek' },
    { duration: 'P6W', subject: 1 },
    { duration: 'P6W', excludedBy: 3 },
  );
  it.each(specs.map((s) => [JSON.stringify(s) ?? 'undefined', s]))('%s is a calendar-invalid-term error', (_, s) => {
    const r = api.atwDeadline('2025-04-01', s as never, [], { path: '/terms/0' });
    expect(r.value).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'calendar-invalid-term', severity: 'error', path: '/terms/0' });
    expect(run.atwApplies(s as never)).toBeNull();
  });

  it('answers a date of another type, even one that cannot be converted to text, with null', () => {
    for (const d of [Object.create(null), 20250421, null, ['2025-04-21']]) {
      expect(api.isWorkingDay(d)).toBeNull();
      expect(api.nextWorkingDay(d)).toBeNull();
      expect(api.atwExtend(d, '2025-04-21')).toBeNull();
      expect(run.weekday(d)).toBeNull();
      expect(run.lastOfMonth(d)).toBeNull();
      expect(run.addMonths(d, 1)).toBeNull();
    }
    expect(api.atwDeadline(Object.create(null), { duration: 'P6W' }).diagnostics[0]?.code).toBe(
      'calendar-invalid-date',
    );
  });

  it('ignores a path that is not text and reports an event that is not text', () => {
    const r = api.atwDeadline(20250401 as never, { duration: 'P6W' }, [], { path: 5 } as never);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'calendar-invalid-date' })]);
    expect(r.diagnostics[0]).not.toHaveProperty('path');
    expect(api.atwDeadline('2025-04-01', { duration: 'P6W' }, [], null as never).value?.date).toBe('2025-05-13');
  });
});
