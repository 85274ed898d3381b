import { describe, expect, it } from 'vitest';
import { compile, createCase, evaluateFact } from '../../src/run/index.js';
import { addDuration, daysBetween, isDate, monthsBetween } from '../../src/run/values.js';
import { add, call, cmp, date, dec, dur, fact, int, model, now, sub, t } from './helpers.js';
import type { Expr } from '../../src/model/ast.js';

/** Evaluate one expression as the definition of a derived fact of type `type`. */
function evalExpr(e: Expr, type: 'boolean' | 'decimal' | 'integer' | 'date' = 'decimal', asOf = '2024-01-31') {
  const cm = compile(model(fact('x', { type: t(type), definition: e }))).value;
  return evaluateFact(cm, createCase(cm, { asOf }), 'x').value;
}

describe('exact decimals', () => {
  it('0.1 + 0.2 == 0.3 exactly', () => {
    expect(evalExpr(add(dec('0.1'), dec('0.2')))).toEqual({ type: 'decimal', value: '0.3' });
    expect(evalExpr(cmp('eq', add(dec('0.1'), dec('0.2')), dec('0.3')), 'boolean')).toEqual({
      type: 'boolean',
      value: true,
    });
  });
  it('keeps integers integer and large amounts exact', () => {
    expect(evalExpr(add(int('2'), int('3')))).toEqual({ type: 'integer', value: '5' });
    expect(evalExpr(add(dec('12345678901234567.01'), dec('0.02')))).toEqual({
      type: 'decimal',
      value: '12345678901234567.03',
    });
  });
  it('rounds half up and divides by zero to unknown', () => {
    expect(evalExpr(call('round', dec('2.345'), int('2')))).toEqual({ type: 'decimal', value: '2.35' });
    expect(evalExpr(call('round', dec('-2.5')))).toEqual({ type: 'integer', value: '-3' });
    expect(evalExpr({ kind: 'Nary', op: 'div', operands: [int('1'), int('0')], span: dec('0').span })).toEqual({
      type: 'unknown',
    });
  });
});

describe('dates and durations', () => {
  it('adds months clamping to the month end', () => {
    expect(addDuration('2024-01-31', 'P1M')).toBe('2024-02-29');
    expect(addDuration('2023-01-31', 'P1M')).toBe('2023-02-28');
    expect(addDuration('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addDuration('2024-03-31', 'P1M', -1)).toBe('2024-02-29');
    expect(addDuration('2024-12-15', 'P3M')).toBe('2025-03-15');
  });
  it('adds days and weeks across month and year ends', () => {
    expect(addDuration('2024-12-25', 'P10D')).toBe('2025-01-04');
    expect(addDuration('2024-02-22', 'P1W')).toBe('2024-02-29');
    expect(addDuration('2024-03-01', 'P6W')).toBe('2024-04-12');
  });
  it('counts whole months and years, month ends included', () => {
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsBetween('2024-01-31', '2024-02-28')).toBe(0);
    expect(monthsBetween('2024-01-15', '2025-01-14')).toBe(11);
    expect(monthsBetween('2024-01-15', '2025-01-15')).toBe(12);
    expect(monthsBetween('2025-01-15', '2024-01-15')).toBe(-12);
    expect(evalExpr(call('years', date('2000-02-29'), date('2024-02-28')), 'integer')).toEqual({
      type: 'integer',
      value: '23',
    });
    expect(evalExpr(call('years', date('2000-02-29'), date('2024-02-29')), 'integer')).toEqual({
      type: 'integer',
      value: '24',
    });
  });
  it('counts days and validates dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
  });
  it('evaluates date arithmetic in expressions, with today as the case clock', () => {
    expect(evalExpr(add(now, dur('P1M')), 'date')).toEqual({ type: 'date', value: '2024-02-29' });
    expect(evalExpr(sub(date('2024-03-01'), date('2024-02-01')), 'integer')).toEqual({ type: 'integer', value: '29' });
    expect(evalExpr(call('days', date('2024-01-01'), now), 'integer')).toEqual({ type: 'integer', value: '30' });
    expect(evalExpr(cmp('lt', date('2024-01-01'), now), 'boolean')).toEqual({ type: 'boolean', value: true });
  });
});
