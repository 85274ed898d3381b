/**
 * The date and calendar built-ins of the expression language (grammar/README.md#functions): evaluation on normal
 * input, on boundaries (month end, leap year, Tweede Paasdag 2025-04-21, Koningsdag 2025-04-26) and on unknown or
 * out-of-range input (unknown, never a throw); the checker's types; a .flint scenario file that uses them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, parse, runScenarios } from '../../src/index.js';
import type { Expr } from '../../src/model/ast.js';
import { compile, createCase, evaluateFact, KNOWN_FUNCTIONS } from '../../src/run/index.js';
import { expectErrors, expectValid } from '../helpers/check-harness.js';
import { projectRoot } from '../helpers/shared.js';
import { call, date, fact, int, model, ref, t } from './helpers.js';

type ResultType = 'boolean' | 'integer' | 'date';

/** Evaluate `e` as the definition of a derived fact `x` of type `type`; `[leeg]` is a date input never given. */
function evalExpr(e: Expr, type: ResultType) {
  const cm = compile(model(fact('leeg', { type: t('date') }), fact('x', { type: t(type), definition: e }))).value;
  return evaluateFact(cm, createCase(cm, { asOf: '2025-01-01' }), 'x').value;
}

const dateOf = (fn: string, ...args: Expr[]) => evalExpr(call(fn, ...args), 'date');
const intOf = (fn: string, ...args: Expr[]) => evalExpr(call(fn, ...args), 'integer');
const boolOf = (fn: string, ...args: Expr[]) => evalExpr(call(fn, ...args), 'boolean');
const D = (value: string) => ({ type: 'date', value });
const I = (value: number) => ({ type: 'integer', value: String(value) });
const B = (value: boolean) => ({ type: 'boolean', value });
const UNKNOWN = { type: 'unknown' };
const leeg = ref('leeg');

describe('weekday', () => {
  it('is the ISO weekday, 1 = Monday .. 7 = Sunday', () => {
    expect(intOf('weekday', date('2025-04-21'))).toEqual(I(1));
    expect(intOf('weekday', date('2025-04-26'))).toEqual(I(6));
    expect(intOf('weekday', date('2024-02-29'))).toEqual(I(4));
    expect(intOf('weekday', date('2025-04-27'))).toEqual(I(7));
  });
  it('is unknown for an unknown date', () => expect(intOf('weekday', leeg)).toEqual(UNKNOWN));
});

describe('weeks (days, months and years are the existing functions)', () => {
  it('counts whole weeks toward zero', () => {
    expect(intOf('weeks', date('2025-04-21'), date('2025-05-05'))).toEqual(I(2));
    expect(intOf('weeks', date('2025-04-21'), date('2025-05-04'))).toEqual(I(1));
    expect(intOf('weeks', date('2025-05-04'), date('2025-04-21'))).toEqual(I(-1));
    expect(intOf('weeks', date('2024-02-22'), date('2024-03-07'))).toEqual(I(2));
  });
  it('agrees with days on leap years and month ends', () => {
    expect(intOf('days', date('2024-02-28'), date('2024-03-01'))).toEqual(I(2));
    expect(intOf('months', date('2024-01-31'), date('2024-02-29'))).toEqual(I(1));
    expect(intOf('years', date('2024-02-29'), date('2025-02-28'))).toEqual(I(1));
  });
  it('is unknown when a date is unknown', () => {
    expect(intOf('weeks', leeg, date('2025-01-01'))).toEqual(UNKNOWN);
    expect(intOf('weeks', date('2025-01-01'), leeg)).toEqual(UNKNOWN);
  });
  it('has no second names for the existing functions', () => {
    for (const name of ['days_between', 'weeks_between', 'months_between', 'years_between'])
      expect(KNOWN_FUNCTIONS).not.toContain(name);
  });
});

describe('first_of_month, last_of_month, first_of_year, last_of_year', () => {
  it('give the bounds of the month and the year', () => {
    expect(dateOf('first_of_month', date('2025-04-21'))).toEqual(D('2025-04-01'));
    expect(dateOf('last_of_month', date('2025-04-21'))).toEqual(D('2025-04-30'));
    expect(dateOf('first_of_year', date('2025-04-26'))).toEqual(D('2025-01-01'));
    expect(dateOf('last_of_year', date('2025-04-26'))).toEqual(D('2025-12-31'));
  });
  it('know leap years and are fixed points on the bounds', () => {
    expect(dateOf('last_of_month', date('2024-02-01'))).toEqual(D('2024-02-29'));
    expect(dateOf('last_of_month', date('2025-02-01'))).toEqual(D('2025-02-28'));
    expect(dateOf('last_of_month', date('1900-02-10'))).toEqual(D('1900-02-28'));
    expect(dateOf('first_of_month', date('2024-03-01'))).toEqual(D('2024-03-01'));
    expect(dateOf('last_of_year', date('9999-12-31'))).toEqual(D('9999-12-31'));
  });
  it('are unknown for an unknown date', () => {
    for (const fn of ['first_of_month', 'last_of_month', 'first_of_year', 'last_of_year'])
      expect(dateOf(fn, leeg), fn).toEqual(UNKNOWN);
  });
});

describe('months_before and add_months', () => {
  it('months_before gives the first day of the month n months earlier', () => {
    expect(dateOf('months_before', date('2024-05-31'), int('3'))).toEqual(D('2024-02-01'));
    expect(dateOf('months_before', date('2025-01-15'), int('1'))).toEqual(D('2024-12-01'));
    expect(dateOf('months_before', date('2025-04-21'), int('0'))).toEqual(D('2025-04-01'));
  });
  it('add_months clamps to the month end, also backwards', () => {
    expect(dateOf('add_months', date('2024-01-31'), int('1'))).toEqual(D('2024-02-29'));
    expect(dateOf('add_months', date('2023-01-31'), int('1'))).toEqual(D('2023-02-28'));
    expect(dateOf('add_months', date('2024-03-31'), int('-1'))).toEqual(D('2024-02-29'));
    expect(dateOf('add_months', date('2025-04-21'), int('12'))).toEqual(D('2026-04-21'));
  });
  it('are unknown outside the date range, for a negative months_before, and for unknown input', () => {
    expect(dateOf('add_months', date('9999-12-01'), int('1'))).toEqual(UNKNOWN);
    expect(dateOf('add_months', date('2025-01-01'), int('99999999999999999999'))).toEqual(UNKNOWN);
    expect(dateOf('months_before', date('0001-01-31'), int('1'))).toEqual(UNKNOWN);
    expect(dateOf('months_before', date('2025-01-31'), int('-1'))).toEqual(UNKNOWN);
    expect(dateOf('add_months', leeg, int('1'))).toEqual(UNKNOWN);
    expect(dateOf('months_before', leeg, int('1'))).toEqual(UNKNOWN);
  });
});

describe('is_holiday, is_working_day, next_working_day (Atw art. 1, 3)', () => {
  it('Tweede Paasdag 2025 (Monday 21 April) is a feestdag, not a working day', () => {
    expect(boolOf('is_holiday', date('2025-04-21'))).toEqual(B(true));
    expect(boolOf('is_working_day', date('2025-04-21'))).toEqual(B(false));
    expect(dateOf('next_working_day', date('2025-04-18'))).toEqual(D('2025-04-22'));
  });
  it('Koningsdag 2025 falls on Saturday 26 April: a feestdag; the next working day is Monday', () => {
    expect(boolOf('is_holiday', date('2025-04-26'))).toEqual(B(true));
    expect(boolOf('is_working_day', date('2025-04-26'))).toEqual(B(false));
    expect(dateOf('next_working_day', date('2025-04-26'))).toEqual(D('2025-04-28'));
  });
  it('an ordinary Tuesday and a weekend day', () => {
    expect(boolOf('is_holiday', date('2025-04-22'))).toEqual(B(false));
    expect(boolOf('is_working_day', date('2025-04-22'))).toEqual(B(true));
    expect(boolOf('is_holiday', date('2025-04-27'))).toEqual(B(false));
    expect(boolOf('is_working_day', date('2025-04-27'))).toEqual(B(false));
    expect(dateOf('next_working_day', date('2025-04-22'))).toEqual(D('2025-04-23'));
  });
  it('next_working_day skips the Christmas days and New Year over a year end', () => {
    expect(dateOf('next_working_day', date('2026-12-24'))).toEqual(D('2026-12-28'));
    expect(dateOf('next_working_day', date('2025-12-31'))).toEqual(D('2026-01-02'));
  });
  it('are unknown for an unknown date and beyond the date range', () => {
    expect(boolOf('is_holiday', leeg)).toEqual(UNKNOWN);
    expect(boolOf('is_working_day', leeg)).toEqual(UNKNOWN);
    expect(dateOf('next_working_day', leeg)).toEqual(UNKNOWN);
    expect(dateOf('next_working_day', date('9999-12-31'))).toEqual(UNKNOWN);
  });
});

describe('the checker', () => {
  it('accepts the built-ins with their argument and result types', () => {
    expectValid(
      `fact [d]: date
fact [n]: integer
fact [a] { holds when: is_holiday([d]) or is_working_day(next_working_day([d])) }
fact [b] { holds when: weekday([d]) < 6 and weeks([d], last_of_year([d])) > 1 }
fact [c] { holds when: add_months(first_of_month([d]), [n]) > months_before(last_of_month([d]), 2) }
fact [e] { holds when: first_of_year([d]) < [d] }`,
      { codes: ['argument-type', 'wrong-arity', 'type-mismatch', 'unknown-function'] },
    );
  });
  it('rejects arguments of the wrong type, at the argument', () => {
    expectErrors(
      `fact [d]: date
fact [a] { holds when: is_holiday(<|2025|>) }
fact [b] { holds when: add_months([d], <|"drie"|>) > [d] }
fact [c] { holds when: weeks([d], <|1.5|>) > 1 }
fact [e] { holds when: next_working_day(<|true|>) > [d] }`,
      [
        {
          code: 'argument-type',
          message: 'Argument 1 of «is_holiday» must be a date, but the integer 2025 is integer.',
        },
        {
          code: 'argument-type',
          message: 'Argument 2 of «add_months» must be a date or a month and an integer number of months',
        },
        { code: 'argument-type', message: 'Argument 2 of «weeks» must be two dates' },
        { code: 'argument-type', message: 'Argument 1 of «next_working_day» must be a date' },
      ],
    );
  });
  it('rejects a wrong number of arguments and a misuse of the result type', () => {
    expectErrors(`fact [d]: date\nfact [a] { holds when: <|weekday([d], [d])|> = 1 }`, [{ code: 'wrong-arity' }]);
    expectErrors(
      `fact [d]: date\nfact [a] { holds when: <|is_working_day([d]) + 1|> > 0 }`,
      [{ code: 'type-mismatch' }],
      {
        allowOtherErrors: true,
      },
    );
  });
});

describe('a .flint scenario file', () => {
  it('passes with the built-ins (flint test)', () => {
    const file = join(projectRoot, 'tests/run/fixtures/date-builtins.flint');
    const parsed = parse(readFileSync(file, 'utf8'), file);
    expect(parsed.diagnostics).toEqual([]);
    expect(check(parsed.value).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = runScenarios(parsed.value);
    expect(report.diagnostics).toEqual([]);
    expect(report.scenarios.map((s) => s.name)).toHaveLength(4);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(25); // the checks (expect steps) of the four scenarios
  });
});

describe('duration_between', () => {
  const durOf = (...args: Expr[]) => {
    const cm = compile(
      model(
        fact('leeg', { type: t('date') }),
        fact('x', { type: t('duration'), definition: call('duration_between', ...args) }),
      ),
    ).value;
    return evaluateFact(cm, createCase(cm, { asOf: '2025-01-01' }), 'x').value;
  };
  it('is the term between two dates in days', () => {
    expect(durOf(date('2025-01-01'), date('2025-02-12'))).toEqual({ type: 'duration', value: 'P42D' });
    expect(durOf(date('2024-02-28'), date('2024-03-01'))).toEqual({ type: 'duration', value: 'P2D' });
    expect(durOf(date('2025-01-01'), date('2025-01-01'))).toEqual({ type: 'duration', value: 'P0D' });
  });
  it('is unknown when the second date is earlier or unknown', () => {
    expect(durOf(date('2025-02-12'), date('2025-01-01'))).toEqual(UNKNOWN);
    expect(durOf(date('2025-02-12'), leeg)).toEqual(UNKNOWN);
  });
  it('is typed by the checker: two dates in, a duration out', () => {
    expectErrors('fact [x]: duration { value: duration_between(2025-01-01, <|3|>) }', [
      { code: 'argument-type', message: 'Argument 2 of «duration_between» must be two dates' },
    ]);
  });
});
