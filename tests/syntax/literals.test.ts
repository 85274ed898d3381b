import { describe, expect, it } from 'vitest';
import type { FactDecl, ScenarioDecl } from '../../src/model/ast.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse } from '../../src/syntax/index.js';

const codes = (text: string): Array<[string, number, number]> =>
  parse(text, 't.flint').diagnostics.map((d) => [d.code, d.span?.start.line ?? 0, d.span?.start.column ?? 0]);

describe('invalid date literals are located errors everywhere in .flint', () => {
  it('in expressions, valid:, version: and scenario steps', () => {
    const text = [
      'model "m" {',
      '  version: 2024-02-30',
      '}',
      'source s {',
      '  valid: 2024-13-45 .. 0000-01-01',
      '}',
      'fact [d]: date {',
      '  value: 2023-02-29',
      '}',
      'scenario "s" {',
      '  as of 2024-04-31',
      '  given [d] = 2024-01-01',
      '  advance to 2024-00-10',
      '}',
      '',
    ].join('\n');
    expect(codes(text)).toEqual([
      ['invalid-date', 2, 12],
      ['invalid-date', 5, 10],
      ['invalid-date', 5, 24],
      ['invalid-date', 8, 10],
      ['invalid-date', 11, 9],
      ['invalid-date', 13, 14],
    ]);
  });

  it('valid dates, including years 0001..0099, are accepted', () => {
    expect(codes('fact [d]: date {\n  value: 0050-06-15\n}\nfact [e]: date {\n  value: 2024-02-29\n}\n')).toEqual([]);
  });
});

describe('number literals beyond the limits are errors', () => {
  it('too many digits, and duration counts that leave the date range', () => {
    const text =
      `fact [n]: integer {\n  value: ${'9'.repeat(51)}\n}\n` + `fact [m]: duration {\n  value: 9999999999 years\n}\n`;
    expect(codes(text)).toEqual([
      ['invalid-number', 2, 10],
      ['invalid-number', 5, 10],
    ]);
  });

  it('a million-digit integer is one error and parses quickly', () => {
    const started = performance.now();
    expect(codes(`fact [n]: integer {\n  value: ${'7'.repeat(1_000_000)}\n}\n`)).toEqual([['invalid-number', 2, 10]]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('50 significant digits are accepted', () => {
    expect(codes(`fact [n]: integer {\n  value: ${'9'.repeat(50)}\n}\n`)).toEqual([]);
  });
});

describe('Dutch words', () => {
  const definition = (expr: string, type = 'boolean'): unknown => {
    const r = parse(`fact [a]\nfact [b]\nfact [f]: ${type} {\n  value: ${expr}\n}\n`, 't.flint');
    expect(r.diagnostics).toEqual([]);
    return stripSpans((r.value.declarations[2] as FactDecl).definition);
  };

  it('duration units weken/dagen/maanden/jaren (and singular) are the English units', () => {
    for (const [nl, en] of [
      ['6 weken', '6 weeks'],
      ['1 dag', '1 day'],
      ['30 dagen', '30 days'],
      ['3 maanden', '3 months'],
      ['1 maand', '1 month'],
      ['2 jaren', '2 years'],
      ['1 jaar', '1 year'],
    ]) {
      expect(definition(nl as string, 'duration')).toEqual(definition(en as string, 'duration'));
    }
  });

  it('en and niet are and and not', () => {
    expect(definition('[a] en niet [b]')).toEqual(definition('[a] and not [b]'));
  });

  const aDateWrittenIn =
    'a date written in words is one invalid-date error with the ISO form as hint, and the step keeps its value';
  it(aDateWrittenIn, () => {
    const r = parse(
      'fact [d]: date\nscenario "s" {\n  expect [d] == 15 april 2024\n  advance to 2024-05-01\n}\n',
      't.flint',
    );
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['invalid-date', 'Write 2024-04-15.']]);
    const steps = (r.value.declarations[1] as ScenarioDecl).steps.map((s) => stripSpans(s));
    expect(steps[0]).toMatchObject({
      kind: 'ExpectValue',
      value: { kind: 'Literal', type: 'date', value: '2024-04-15' },
    });
    expect(steps).toHaveLength(2);
  });

  it('a date in words that does not exist says so in the hint', () => {
    const r = parse('fact [d]: date\nscenario "s" {\n  expect [d] == 31 juni 2024\n}\n', 't.flint');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.hint).toMatch(/has 30 days/);
  });
});
