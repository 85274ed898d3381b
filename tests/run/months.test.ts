/**
 * Reasoning per month (grammar/README.md#months): the `month` type, month ranges on aggregate bindings, the month
 * functions, canonical month keys, case-file validation, the checker's rules, and a golden test of a cap per
 * calendar month written from art. 8a Besluit kinderopvangtoeslag (tests/run/fixtures/month-cap.flint).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCaseFile,
  exportFlintJson,
  outcomeOf,
  parse,
  parseCaseFile,
  print,
  runScenarios,
} from '../../src/index.js';
import type { Model } from '../../src/model/ast.js';
import { compile, createCase, createCaseChecked, evaluateFact } from '../../src/run/index.js';
import { canonicalScalar } from '../../src/run/convert.js';
import { expectErrors, expectValid } from '../helpers/check-harness.js';
import { projectRoot } from '../helpers/shared.js';

const file = join(projectRoot, 'tests/run/fixtures/month-cap.flint');
const fixture = readFileSync(file, 'utf8');

function parsed(text: string, name = 'm.flint'): Model {
  const r = parse(text, name);
  expect(r.diagnostics).toEqual([]);
  return r.value;
}

const MONTH = { kind: 'PrimitiveType', name: 'month', span: parsed('').span } as const;

/** The fixture's case for 2025 (the same facts as its scenario), with month keys written as `given`. */
function capCase(hours: Record<string, number>, k2 = true) {
  const cm = compile(parsed(fixture, file)).value;
  const facts = [
    { fact: 'berekeningsjaar', value: 2025 },
    { fact: 'begin opvang', args: ['k1'], value: '2025-01-01' },
    { fact: 'einde opvang', args: ['k1'], value: '2025-05-31' },
    ...Object.entries(hours).map(([m, h]) => ({ fact: 'uren kinderopvang', args: ['k1', m], value: String(h) })),
    ...(k2
      ? [
          { fact: 'begin opvang', args: ['k2'], value: '2025-10-15' },
          { fact: 'einde opvang', args: ['k2'], value: '2026-03-31' },
          { fact: 'uren kinderopvang', args: ['k2', '2025-10'], value: '120' },
          { fact: 'uren kinderopvang', args: ['k2', '2025-11'], value: '260' },
          { fact: 'uren kinderopvang', args: ['k2', '2025-12'], value: '230' },
        ]
      : []),
  ];
  const r = createCaseChecked(cm, {
    asOf: '2025-06-01',
    actors: { k1: { roles: ['kind'] }, k2: { roles: ['kind'] } },
    facts,
  });
  expect(r.diagnostics).toEqual([]);
  return { cm, state: r.value };
}

const K1_HOURS = { '2025-01': 200, '2025-02': 240, '2025-03-01': 231, '2025-04': 230, '2025-05-31': 150 };

describe('golden: 230 hours per child per calendar month (art. 8a Bko)', () => {
  // Art. 8a Bko: "Het maximaal aantal uren kinderopvang per kalendermaand dat voor een tegemoetkoming in aanmerking
  // komt, bedraagt voor elke vorm van opvang (dagopvang, buitenschoolse opvang en gastouderopvang) per kind 230 uur."
  //
  // k1 is in care from 2025-01-01 to 2025-05-31: the months January .. May 2025 (5 months).
  //   hours given:        200, 240, 231, 230, 150           = 1051 in total
  //   capped per month:   200, 230, 230, 230, 150           = 1040 (February loses 10, March 1)
  //   one yearly cap:     min(1051, 5 × 230 = 1150)         = 1051 (pooling hides the excess of February/March)
  // k2 is in care from 2025-10-15 to 2026-03-31: in the berekeningsjaar 2025 the months October .. December (3).
  //   hours given:        120, 260, 230                     = 610
  //   capped per month:   120, 230, 230                     = 580
  //   one yearly cap:     min(610, 3 × 230 = 690)           = 610
  it('sums the capped hours of the months of care', () => {
    const { cm, state } = capCase(K1_HOURS);
    const value = (fact: string, kind: string) => evaluateFact(cm, state, fact, [kind]).value;
    expect(value('maanden opvang', 'k1')).toEqual({ type: 'integer', value: '5' });
    expect(value('uren in aanmerking in het jaar', 'k1')).toEqual({ type: 'decimal', value: '1040' });
    expect(value('uren in aanmerking per kalenderjaar', 'k1')).toEqual({ type: 'decimal', value: '1040' });
    expect(value('uren met jaarplafond', 'k1')).toEqual({ type: 'decimal', value: '1051' });
    expect(value('maanden opvang', 'k2')).toEqual({ type: 'integer', value: '3' });
    expect(value('uren in aanmerking in het jaar', 'k2')).toEqual({ type: 'decimal', value: '580' });
    expect(value('uren in aanmerking per kalenderjaar', 'k2')).toEqual({ type: 'decimal', value: '580' });
    expect(value('uren met jaarplafond', 'k2')).toEqual({ type: 'decimal', value: '610' });
    expect(value('eerste maand', 'k2')).toEqual({ type: 'month', value: '2025-10' });
    expect(value('laatste maand', 'k2')).toEqual({ type: 'month', value: '2025-12' });
  });

  it('caps one month at exactly 230 and leaves a month below it alone', () => {
    const { cm, state } = capCase(K1_HOURS);
    // "2025-03", "2025-03-01" and "2025-03-17" name the same month, so the same instance.
    // min(231, 230) is the literal 230, an integer.
    for (const m of ['2025-03', '2025-03-01', '2025-03-17'])
      expect(evaluateFact(cm, state, 'uren in aanmerking', ['k1', m]).value).toEqual({ type: 'integer', value: '230' });
    expect(evaluateFact(cm, state, 'uren in aanmerking', ['k1', '2025-05']).value).toEqual({
      type: 'decimal',
      value: '150',
    });
  });

  it('is unknown, asking for the missing month, when the hours of one month of care are not given', () => {
    const { '2025-04': _, ...without } = K1_HOURS;
    const { cm, state } = capCase(without, false);
    const r = evaluateFact(cm, state, 'uren in aanmerking in het jaar', ['k1']);
    expect(r.value).toEqual({ type: 'unknown' });
    expect(r.questions.map((q) => [q.fact, q.args])).toContainEqual(['uren kinderopvang', ['k1', '2025-04']]);
  });

  it('writes months as YYYY-MM in the trace', () => {
    const { cm, state } = capCase(K1_HOURS);
    const r = evaluateFact(cm, state, 'uren in aanmerking in het jaar', ['k1'], { trace: true });
    const text = JSON.stringify(r);
    expect(text).toContain('"2025-03"');
    expect(text).not.toContain('2025-03-01');
  });

  it('runs the fixture scenario: every expectation holds', () => {
    const report = runScenarios(parsed(fixture, file));
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(9);
  });

  it('checks clean and prints back to the same model', () => {
    const m = parsed(fixture, file);
    expectValid(fixture);
    expect(parsed(print(m))).toEqual(expect.anything());
    expect(print(parsed(print(m)))).toBe(print(m));
  });
});

describe('month ranges', () => {
  const model = (value: string, type = 'integer') =>
    compile(parsed(`fact [a](m: month): integer\nfact [d]: date\nfact [x]: ${type} { value: ${value} }`)).value;
  const evalX = (value: string, type = 'integer', facts: { fact: string; args?: string[]; value: unknown }[] = []) => {
    const cm = model(value, type);
    return evaluateFact(cm, createCase(cm, { asOf: '2025-01-01', facts } as never), 'x').value;
  };
  const I = (n: number) => ({ type: 'integer', value: String(n) });

  it('`in Y` is the twelve months of the year, in order', () => {
    expect(evalX('count m: month in 2024')).toEqual(I(12));
    expect(evalX('min m: month in 2024 : m', 'month')).toEqual({ type: 'month', value: '2024-01' });
    expect(evalX('max m: month in 2024 : m', 'month')).toEqual({ type: 'month', value: '2024-12' });
  });

  it('`in A .. B` runs from the month of A to the month of B, inclusive', () => {
    expect(evalX('count m: month in 2024-11-30 .. 2025-02-01')).toEqual(I(4));
    expect(evalX('count m: month in 2024-02-29 .. 2024-02-01')).toEqual(I(1));
    expect(evalX('count m: month in month_of(2024-01-15) .. month_of(2024-06-30)')).toEqual(I(6));
  });

  it('is empty when B lies before A: count 0, sum 0, exists false, forall true', () => {
    expect(evalX('count m: month in 2025-03-01 .. 2025-02-28')).toEqual(I(0));
    expect(evalX('sum m: month in 2025-03-01 .. 2025-02-28 : [a](m)')).toEqual(I(0));
    expect(evalX('exists m: month in 2025-03-01 .. 2025-02-28', 'boolean')).toEqual({ type: 'boolean', value: false });
    expect(evalX('forall m: month in 2025-03-01 .. 2025-02-28 : false', 'boolean')).toEqual({
      type: 'boolean',
      value: true,
    });
  });

  it('is unknown when a bound is unknown or the year is not a year', () => {
    expect(evalX('count m: month in [d] .. 2025-12-31')).toEqual({ type: 'unknown' });
    expect(evalX('count m: month in 2025-01-01 .. [d]')).toEqual({ type: 'unknown' });
    expect(evalX('count m: month in 0')).toEqual({ type: 'unknown' });
    expect(evalX('count m: month in 10000')).toEqual({ type: 'unknown' });
    expect(evalX('count m: month in [d] .. [d]', 'integer', [{ fact: 'd', value: '2025-07-04' }])).toEqual(I(1));
  });

  it('keeps `where` filters and combines with other bindings', () => {
    expect(evalX('count m: month in 2025 where month(m) > 9')).toEqual(I(3));
    expect(evalX('count m: month in 2025, n: month in 2025 where m < n')).toEqual(I(66));
    expect(evalX('sum m: month in 2025 where m >= month_of(2025-11-01) : month(m)')).toEqual(I(23));
  });
});

describe('a look-back of three calendar months (the grammar reference example)', () => {
  const cm = compile(
    parsed(`fact [ouder]: actor
fact [aanspraak](ouder: [ouder], maand: month) {
  closed
}
fact [aanspraak in de terugkijkperiode](ouder: [ouder]): boolean {
  holds when: exists m: month in months_before(month_of(today), 3) .. month_of(today) where [aanspraak](ouder, m)
}`),
  ).value;
  const lookBack = (asOf: string, month: string) => {
    const state = createCase(cm, {
      asOf,
      actors: { o: { roles: ['ouder'] } },
      facts: [{ fact: 'aanspraak', args: ['o', month], value: true }],
    });
    return evaluateFact(cm, state, 'aanspraak in de terugkijkperiode', ['o']).value;
  };
  const T = { type: 'boolean', value: true };
  const F = { type: 'boolean', value: false };

  it('looks at the month of today and the three calendar months before it', () => {
    // On 2025-05-31 the months are February, March, April and May 2025.
    expect(lookBack('2025-05-31', '2025-02')).toEqual(T);
    expect(lookBack('2025-05-31', '2025-05-01')).toEqual(T);
    expect(lookBack('2025-05-31', '2025-01')).toEqual(F);
    expect(lookBack('2025-05-31', '2025-06')).toEqual(F);
    // Across a year end: on 2025-01-02 the months are October 2024 .. January 2025.
    expect(lookBack('2025-01-02', '2024-10-31')).toEqual(T);
    expect(lookBack('2025-01-02', '2024-09')).toEqual(F);
  });
});

describe('month values and functions', () => {
  const evalAs = (type: string, value: string) => {
    const cm = compile(parsed(`fact [x]: ${type} { value: ${value} }`)).value;
    return evaluateFact(cm, createCase(cm, { asOf: '2025-05-31' }), 'x').value;
  };
  const M = (value: string) => ({ type: 'month', value });
  const D = (value: string) => ({ type: 'date', value });
  const I = (n: number) => ({ type: 'integer', value: String(n) });

  it('month_of is the month a date falls in, and a month itself', () => {
    expect(evalAs('month', 'month_of(2024-02-29)')).toEqual(M('2024-02'));
    expect(evalAs('month', 'month_of(today)')).toEqual(M('2025-05'));
    expect(evalAs('month', 'month_of(month_of(2024-02-29))')).toEqual(M('2024-02'));
  });

  it('the start and end of a month, and its year and number', () => {
    expect(evalAs('date', 'first_of_month(month_of(2024-02-17))')).toEqual(D('2024-02-01'));
    expect(evalAs('date', 'last_of_month(month_of(2024-02-17))')).toEqual(D('2024-02-29'));
    expect(evalAs('date', 'last_of_year(month_of(2024-02-17))')).toEqual(D('2024-12-31'));
    expect(evalAs('integer', 'year(month_of(2024-02-17))')).toEqual(I(2024));
    expect(evalAs('integer', 'month(month_of(2024-02-17))')).toEqual(I(2));
  });

  it('the month a number of calendar months before, or after', () => {
    // "de maand die drie kalendermaanden vóór … ligt"
    expect(evalAs('month', 'months_before(month_of(2024-05-31), 3)')).toEqual(M('2024-02'));
    expect(evalAs('month', 'months_before(month_of(2024-01-31), 1)')).toEqual(M('2023-12'));
    expect(evalAs('month', 'add_months(month_of(2024-01-31), 13)')).toEqual(M('2025-02'));
    expect(evalAs('month', 'add_months(month_of(2024-01-31), -1)')).toEqual(M('2023-12'));
  });

  it('adds months and years to a month; a month minus a month is a number of months', () => {
    expect(evalAs('month', 'month_of(2024-11-30) + 3 months')).toEqual(M('2025-02'));
    expect(evalAs('month', 'month_of(2024-11-30) - 1 year')).toEqual(M('2023-11'));
    expect(evalAs('month', '2 months + month_of(2024-11-30)')).toEqual(M('2025-01'));
    expect(evalAs('integer', 'month_of(2025-02-01) - month_of(2024-11-30)')).toEqual(I(3));
    expect(evalAs('integer', 'months(month_of(2024-11-30), month_of(2025-02-01))')).toEqual(I(3));
  });

  it('compares months in calendar order', () => {
    expect(evalAs('boolean', 'month_of(2024-12-31) < month_of(2025-01-01)')).toEqual({ type: 'boolean', value: true });
    expect(evalAs('boolean', 'month_of(2025-01-31) == month_of(2025-01-01)')).toEqual({
      type: 'boolean',
      value: true,
    });
  });
});

describe('canonical month keys and case files', () => {
  it('keys "2025-03", "2025-03-01" and "2025-03-31" as "2025-03"', () => {
    for (const s of ['2025-03', '2025-03-01', '2025-03-31']) expect(canonicalScalar(MONTH, s)).toBe('2025-03');
    expect(canonicalScalar(MONTH, '0001-01')).toBe('0001-01');
    expect(canonicalScalar(MONTH, '9999-12-31')).toBe('9999-12');
  });

  it('does not fit anything else', () => {
    for (const s of ['2025-13', '2025-00', '2025-02-30', '2025-3', '0000-01', '202503', 'maart', '', null, 3, true])
      expect(canonicalScalar(MONTH, s as never)).toBeUndefined();
  });

  it('refuses a month argument "2025-13" with a diagnostic that says how months are written', () => {
    const cm = compile(parsed('fact [uren](maand: month): decimal')).value;
    const r = createCaseChecked(cm, { asOf: '2025-01-01', facts: [{ fact: 'uren', args: ['2025-13'], value: '1' }] });
    expect(r.diagnostics).toEqual([
      {
        code: 'run-wrong-type',
        severity: 'error',
        message: 'Argument maand of [uren] must be of type month; got "2025-13".',
        path: '/facts/0/args/0',
        hint: 'A month is given as "YYYY-MM" with a month 01..12 (e.g. "2025-03"), or as a date in it ("2025-03-17").',
      },
    ]);
  });

  it('checks a case file: "2025-13" as a month argument is located at its line and column', () => {
    const cm = compile(parsed('fact [uren](maand: month): decimal')).value;
    const text = `{
  "asOf": "2025-01-01",
  "facts": [
    { "fact": "uren", "args": ["2025-03-17"], "value": "12.5" },
    { "fact": "uren", "args": ["2025-13"], "value": "1" }
  ]
}`;
    const parsedCase = parseCaseFile(text, 'case.json');
    expect(parsedCase.diagnostics).toEqual([]);
    const c = parsedCase.value.case;
    if (c === null) throw new Error('no case');
    const ds = checkCaseFile(cm, c, parsedCase.value.locate);
    expect(ds.map((d) => [d.code, d.path, d.span?.start.line, d.hint])).toEqual([
      [
        'run-wrong-type',
        '/facts/1/args/0',
        5,
        'A month is given as "YYYY-MM" with a month 01..12 (e.g. "2025-03"), or as a date in it ("2025-03-17").',
      ],
    ]);
  });

  it('stores a month-valued fact as YYYY-MM and refuses one that is no month', () => {
    const cm = compile(parsed('fact [start]: month')).value;
    const ok = createCaseChecked(cm, { asOf: '2025-01-01', facts: [{ fact: 'start', value: '2025-04-15' }] });
    expect(ok.diagnostics).toEqual([]);
    expect(evaluateFact(cm, ok.value, 'start').value).toEqual({ type: 'month', value: '2025-04' });
    expect(outcomeOf(cm, ok.value, []).facts.map((f) => f.value)).toEqual([{ type: 'month', value: '2025-04' }]);
    const bad = createCaseChecked(cm, { asOf: '2025-01-01', facts: [{ fact: 'start', value: '2025-13' }] });
    expect(bad.diagnostics.map((d) => [d.code, d.path, d.hint])).toEqual([
      [
        'run-wrong-type',
        '/facts/0/value',
        'A month is given as "YYYY-MM" with a month 01..12 (e.g. "2025-03"), or as a date in it ("2025-03-17").',
      ],
    ]);
  });
});

describe('the checker', () => {
  const head = 'fact [k]: actor {\n  closed\n}\nfact [a](m: month): integer\n';

  it('accepts month parameters, ranges and functions', () => {
    expectValid(`${head}fact [x]: integer { value: sum m: month in 2025 : [a](m) }
fact [y]: month { value: months_before(month_of(today), 3) + 1 month }
fact [z]: boolean { holds when: exists m: month in today - 3 months .. today where m == month_of(today) }`);
  });

  it('reports a month binding without a range (unbounded-month), with a hint', () => {
    expectErrors(`${head}fact [x]: integer { value: count <|m: month|> where [a](m) > 0 }`, [
      {
        code: 'unbounded-month',
        message: 'The binding «m: month» has no range: there are endlessly many months.',
        hint: '«m: month in 2025»',
      },
    ]);
  });

  it('reports a range on a binding that is not a month, and ranges of the wrong type', () => {
    expectErrors(`${head}fact [x]: integer { value: count j: [k] <|in 2025|> }`, [
      { code: 'type-mismatch', message: 'Only a month binding ranges over «in …», but «j» is [k].' },
    ]);
    expectErrors(`${head}fact [x]: integer { value: count m: month in <|2025-01-01|> }`, [
      { code: 'type-mismatch', message: 'The year of «m: month in …» must be integer', hint: '«in A .. B»' },
    ]);
    expectErrors(`${head}fact [x]: integer { value: count m: month in <|2024|> .. <|2025|> }`, [
      { code: 'type-mismatch', message: 'must be dates or months, but the integer 2024 is integer' },
      { code: 'type-mismatch', message: 'must be dates or months, but the integer 2025 is integer' },
    ]);
  });

  it('keeps months and dates apart, with a hint', () => {
    expectErrors(`${head}fact [x]: boolean { holds when: exists m: month in 2025 where <|m == today|> }`, [
      { code: 'type-mismatch', message: 'Cannot compare month with date', hint: 'month_of(d)' },
    ]);
    expectErrors(`${head}fact [x]: month { value: month_of(today) + <|10 days|> }`, [
      { code: 'type-mismatch', message: 'A month moves by whole months or years', hint: 'first_of_month(m)' },
    ]);
    expectErrors(`${head}fact [x]: integer { value: [a](<|today|>) }`, [{ code: 'argument-type' }]);
  });

  it('knows month as a type name', () => {
    expect(parse('fact [a](m: maand): integer', 'm.flint').diagnostics.map((d) => [d.code, d.hint])).toEqual([
      [
        'unknown-type',
        'Use boolean, integer, decimal, text, date, duration, actor, month, or a fact type like [persoon].',
      ],
    ]);
  });
});

describe('text', () => {
  it('prints ranges canonically and reads them back', () => {
    const src =
      'fact [x]: integer {\n  value: count m: month in ([j] + 1), n: month in [b] - 1 month .. [e] where m < n\n}\n';
    const m = parse(src, 'm.flint').value;
    expect(print(m)).toBe(
      'fact [x]: integer {\n  value: count m: month in [j] + 1, n: month in [b] - 1 month .. [e] where m < n\n}\n',
    );
    expect(print(parse(print(m), 'm.flint').value)).toBe(print(m));
  });

  it('reads `in` as a name elsewhere', () => {
    const r = parse('fact [x](in: integer): integer { value: in + 1 }', 'm.flint');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('FLINT JSON', () => {
  it('exports a month-typed fact without its type (a warning), and a month aggregate as not exportable', () => {
    const m = parsed('fact [start]: month\nfact [n]: integer { value: count m: month in 2025 }');
    const r = exportFlintJson(m);
    expect(r.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'The fact [start] has a value type, which FLINT JSON cannot declare; it is left out.'],
      ['warning', 'The fact [n] has a value type, which FLINT JSON cannot declare; it is left out.'],
      ['error', 'The aggregate "count" has no FLINT JSON equivalent; "[]" is written in its place.'],
    ]);
  });
});
