import { describe, expect, it } from 'vitest';
import { MAX_LEX_ERRORS, MAX_NESTING } from '../../src/syntax/parse.js';
import { parse } from '../../src/syntax/index.js';

const nested = (depth: number): string =>
  `fact [b]\nfact [a] { holds when: ${'('.repeat(depth)}[b]${')'.repeat(depth)} }\n`;

describe('parse limits', () => {
  it(`reads parentheses nested ${MAX_NESTING} deep`, () => {
    const r = parse(nested(MAX_NESTING), 'n.flint');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.declarations).toHaveLength(2);
  });

  it('refuses deeper nesting with one diagnostic on the first parenthesis too deep', () => {
    const text = nested(MAX_NESTING + 1);
    const r = parse(text, 'n.flint');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
    const offset = text.indexOf('(') + MAX_NESTING;
    expect(r.diagnostics[0]?.span?.start).toEqual({ line: 2, column: offset - text.indexOf('\n'), offset });
  });

  const holds = (expr: string): string => `fact [b]\nfact [t]\nfact [a] { holds when: ${expr} }\n`;
  /** Calls `f` from `frames` frames deep, as a deeply recursive caller would. */
  const atDepth = <T>(frames: number, f: () => T): T => (frames === 0 ? f() : atDepth(frames - 1, f));
  const codes = (text: string): string[] => parse(text, 'd.flint').diagnostics.map((d) => d.code);

  it('refuses 3,000 nested nots with the same located diagnostic whatever the caller stack depth', () => {
    const text = holds(`${'not '.repeat(3000)}[b]`);
    const shallow = parse(text, 'nots.flint');
    const deep = atDepth(5000, () => parse(text, 'nots.flint'));
    expect(shallow.diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
    expect(deep).toEqual(shallow);
    const offset = text.indexOf('not ') + 4 * MAX_NESTING; // the first `not` one level too deep
    expect(shallow.diagnostics[0]?.span?.start.offset).toBe(offset);
    const after = parse(holds('not [b]'), 'ok.flint');
    expect(after.diagnostics).toEqual([]);
  });

  it(`reads every nesting construct ${MAX_NESTING} levels deep, also from a deep caller, and refuses one more`, () => {
    const shapes: ((n: number) => string)[] = [
      (n) => holds(`${'not '.repeat(n)}[b]`),
      (n) => holds(`${'- '.repeat(n)}1 = 1`),
      (n) => holds(`${'if [b] then [b] else '.repeat(n)}[b]`),
      (n) => holds(`${'exists k: [t] : '.repeat(n)}[b]`),
      (n) => holds(`${'not ('.repeat(n / 2)}[b]${')'.repeat(n / 2)}`),
      (n) => holds(`${'count k: [t] where '.repeat(n)}[b]${' : 1'.repeat(n)} > 0`),
      (n) => holds(`${'exists m: month in 2025 : '.repeat(n)}[b]`),
      (n) => holds(`${'exists m: month in [t] .. [t] where '.repeat(n)}[b]`),
      (n) => holds(`${'exists m: month in [t], j: month in y : '.repeat(n)}[b]`),
    ];
    for (const shape of shapes) {
      expect(atDepth(5000, () => codes(shape(MAX_NESTING)))).toEqual([]);
      expect(codes(shape(MAX_NESTING + 2))).toEqual(['nesting-too-deep']);
    }
  });

  it('does not count operators that sit side by side as nested', () => {
    const many = 4 * MAX_NESTING;
    expect(codes(holds(Array.from({ length: many }, () => 'not [b]').join(' and ')))).toEqual([]);
    expect(codes(holds(Array.from({ length: many }, () => '-1 < -2').join(' or ')))).toEqual([]);
    expect(codes(holds(Array.from({ length: many }, () => 'exists k: [t]').join(' and ')))).toEqual([]);
    expect(codes(holds(Array.from({ length: many }, () => 'exists m: month in [t] .. [t]').join(' and ')))).toEqual([]);
    expect(codes(holds(Array.from({ length: many }, () => '(exists m: month in y)').join(' and ')))).toEqual([]);
    expect(codes(holds(Array.from({ length: many }, () => '(if [b] then [b] else [t])').join(' and ')))).toEqual([]);
    const steps = Array.from({ length: many }, () => '  expect duty <d> not active\n  given not [b]\n').join('');
    expect(codes(`fact [b]\nduty <d>\nscenario "s" {\n${steps}}\n`)).toEqual([]);
  });

  it('lists at most MAX_LEX_ERRORS stray characters of a file that is no .flint text', () => {
    const garbage = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x2400 + (i % 50)) + ' ').join('');
    const r = parse(garbage, 'g.flint');
    expect(r.diagnostics.filter((d) => d.code === 'lex-error')).toHaveLength(MAX_LEX_ERRORS);
    expect(r.diagnostics.filter((d) => d.code === 'too-many-errors')).toHaveLength(1);
    expect(r.diagnostics.find((d) => d.code === 'too-many-errors')?.message).toMatch(/^380 more /);
  });
});
