import { describe, expect, it } from 'vitest';
import type { FactDecl } from '../../src/model/ast.js';
import { parse } from '../../src/syntax/index.js';

const names = (text: string) => parse(text, 'r.flint').value.declarations.map((d) => ('name' in d ? d.name : d.kind));
const diags = (text: string) => parse(text, 'r.flint').diagnostics;

describe('error recovery', () => {
  it('missing closing brace at end of file: one error just after the last token', () => {
    const text = 'fact [a] {\n  holds when: [b]\n';
    const ds = diags(text);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      code: 'syntax-error',
      severity: 'error',
      message: "Expected '}' but found end of file.",
    });
    expect(ds[0]?.span).toEqual({
      file: 'r.flint',
      start: { line: 2, column: 18, offset: 28 },
      end: { line: 2, column: 18, offset: 28 },
    });
    const f = parse(text, 'r.flint').value.declarations[0] as FactDecl;
    expect(f.definition).toMatchObject({ kind: 'Ref', name: 'b' });
  });

  it.each([
    ['misspelt declaration keyword', 'fatc [a] { holds when: [b] }\nfact [c]\n', ['c'], 'syntax-error'],
    ['misspelt field', 'fact [a] {\n  hold when: [b]\n}\nfact [c]\n', ['a', 'c'], 'unknown-field'],
    ['missing colon', 'act <<a>> {\n  actor [b]\n  action: x\n}\nfact [c]\n', ['a', 'c'], 'syntax-error'],
    ['operator without operand', 'fact [a] {\n  holds when: [b] + * 2\n}\nfact [c]\n', ['a', 'c'], 'syntax-error'],
    ['unclosed string', 'fact [a] {\n  explanation: "abc\n}\nfact [c]\n', ['a', 'c'], 'lex-error'],
    ['unclosed fact name', 'fact [a {\n  explanation: "abc"\n}\nfact [c]\n', ['a {', 'c'], 'lex-error'],
    ['stray character', 'fact [a] { holds when: [b] & [c] }\nfact [d]', ['a', 'd'], 'lex-error'],
    ['missing parenthesis', 'fact [a](x: [p] { holds when: [b] }\nfact [d]', ['a', 'd'], 'syntax-error'],
    ['unknown type', 'fact [a]: numbr\nfact [d]', ['a', 'd'], 'unknown-type'],
  ])('%s: one diagnostic, later declarations kept', (_label, text, expected, code) => {
    const ds = diags(text);
    expect(ds.map((d) => d.code)).toEqual([code]);
    expect(names(text)).toEqual(expected);
  });

  it('garbage gives errors, not an exception, and keeps what follows', () => {
    const r = parse('@@@ }}} ### fact [c]', 'g.flint');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.span?.file === 'g.flint')).toBe(true);
    expect(names('@@@ }}} ### fact [c]')).toEqual(['c']);
  });

  it('an empty or comment-only file is an empty model', () => {
    expect(parse('', 'e.flint')).toMatchObject({
      value: { kind: 'Model', header: null, declarations: [] },
      diagnostics: [],
    });
    expect(parse('// niets\n/* nog minder */', 'e.flint').diagnostics).toEqual([]);
  });

  it('truncated files build placeholder nodes instead of crashing', () => {
    const text =
      'act <<a>>(x: [p]) {\n  preconditions: [b](x) and (count k: [k] where [c](k, x)) > 0\n  creates: [d](x)\n}\n';
    for (let i = 0; i < text.length; i++) {
      const r = parse(text.slice(0, i), 't.flint');
      for (const d of r.diagnostics) expect(d.code).not.toBe('internal-error');
    }
  });
});
