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

  it('turns a stack overflow from other deep constructs into nesting-too-deep, and parses normally afterwards', () => {
    const r = parse(`fact [b]\nfact [a] { holds when: ${'not '.repeat(100_000)}[b] }\n`, 'nots.flint');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep']);
    const after = parse('fact [b]\nfact [a] { holds when: not [b] }\n', 'ok.flint');
    expect(after.diagnostics).toEqual([]);
    expect(after.value.declarations).toHaveLength(2);
  });

  it('lists at most MAX_LEX_ERRORS stray characters of a file that is no .flint text', () => {
    const garbage = Array.from({ length: 400 }, (_, i) => String.fromCharCode(0x2400 + (i % 50)) + ' ').join('');
    const r = parse(garbage, 'g.flint');
    expect(r.diagnostics.filter((d) => d.code === 'lex-error')).toHaveLength(MAX_LEX_ERRORS);
    expect(r.diagnostics.filter((d) => d.code === 'too-many-errors')).toHaveLength(1);
    expect(r.diagnostics.find((d) => d.code === 'too-many-errors')?.message).toMatch(/^380 more /);
  });
});
