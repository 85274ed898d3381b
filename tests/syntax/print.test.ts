import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import type { Expr, FactDecl } from '../../src/model/ast.js';
import { stripSpans } from '../../src/model/walk.js';
import { bracketName, parse, print, printExpr, quoteString } from '../../src/syntax/index.js';
import { genSpan } from '../helpers/arbitraries.js';
import { hasShared, projectRoot, sharedPath } from '../helpers/shared.js';

const examples = join(projectRoot, 'examples', 'flint');
const exampleFiles = readdirSync(examples).filter((f) => f.endsWith('.flint'));

const reprint = (text: string): string => print(parse(text, 'p.flint').value);
const exprOf = (text: string): Expr =>
  (parse(`fact [f]: decimal { value: ${text} }`, 'e').value.declarations[0] as FactDecl).definition as Expr;

describe('print', () => {
  it.each(exampleFiles)('%s: canonical form is a fixed point and reads back to the same model', (f) => {
    const text = readFileSync(join(examples, f), 'utf8');
    const m = parse(text, f);
    expect(m.diagnostics).toEqual([]);
    const once = print(m.value);
    expect(reprint(once)).toBe(once);
    expect(stripSpans(parse(once, f).value)).toEqual(stripSpans(m.value));
  });

  it('writes fields in canonical order with 2-space indentation', () => {
    const text = 'act <<a>> { sources: x  creates: [b]  actor: [c]  explanation: "e" }';
    expect(reprint(text)).toBe('act <<a>> {\n  actor: [c]\n  creates: [b]\n  sources: x\n  explanation: "e"\n}\n');
  });

  it('puts long lists one item per line', () => {
    const long = 'x'.repeat(40);
    expect(reprint(`act <<a>> { creates: [${long}1], [${long}2], <${long}3> }`)).toBe(
      `act <<a>> {\n  creates:\n    [${long}1],\n    [${long}2],\n    <${long}3>\n}\n`,
    );
  });

  it('keeps one-line declarations together and separates blocks by a blank line', () => {
    expect(reprint('fact [a]\nfact [b]: integer\nfact [c] { closed }\nfact [d]')).toBe(
      'fact [a]\nfact [b]: integer\n\nfact [c] {\n  closed\n}\n\nfact [d]\n',
    );
  });

  it('parenthesises only where needed to keep the tree', () => {
    expect(printExpr(exprOf('(a + b) + c'))).toBe('(a + b) + c');
    expect(printExpr(exprOf('a + b * c'))).toBe('a + b * c');
    expect(printExpr(exprOf('(a + b) * c'))).toBe('(a + b) * c');
    expect(printExpr(exprOf('not (a and b)'))).toBe('not (a and b)');
    expect(printExpr(exprOf('-(12)'))).toBe('-(12)');
    expect(printExpr(exprOf('- 12'))).toBe('-12');
    expect(printExpr(exprOf('(count k: [t] where a) > 0'))).toBe('(count k: [t] where a) > 0');
    expect(printExpr(exprOf('min(count k: [t], 1)'))).toBe('min((count k: [t]), 1)');
    expect(printExpr(exprOf('([x] of [a]).b'))).toBe('([x] of [a]).b');
  });

  it('escapes what would end or break names and strings', () => {
    expect(bracketName('fact', 'a ] b')).toBe('[a \\] b]');
    expect(bracketName('act', 'x > y')).toBe('<<x \\> y>>');
    expect(bracketName('duty', ' x ')).toBe('<\\u{20}x\\u{20}>');
    expect(bracketName('duty', '=x')).toBe('<\\u{3D}x>');
    expect(bracketName('fact', 'regel\r\n')).toBe('[regel\\r\\n]');
    expect(quoteString('zei "ja"\\\n\u0007')).toBe('"zei \\"ja\\"\\\\\\n\\u{7}"');
    expect(quoteString('\uD800')).toBe('"\\u{D800}"');
  });

  it('prints multi-line explanations as text blocks that read back exactly', () => {
    const explanation = 'Eerste regel\n  tweede "regel"\n\nmet """ erin\n';
    const m = {
      kind: 'Model' as const,
      header: null,
      declarations: [
        {
          kind: 'Fact' as const,
          name: 'a',
          nameSpan: genSpan,
          params: [],
          sources: [],
          explanation,
          meta: [],
          span: genSpan,
          type: { kind: 'PrimitiveType' as const, name: 'boolean' as const, span: genSpan },
          definition: null,
          closed: false,
        },
      ],
      span: genSpan,
    };
    const text = print(m);
    expect(text).toContain('explanation: """\n    Eerste regel\n      tweede "regel"\n\n');
    expect((parse(text, 'x').value.declarations[0] as FactDecl).explanation).toBe(explanation);
  });
});

describe.skipIf(!hasShared)('names in the shared FLINT models', () => {
  it('every fact, act and duty name prints and reads back', () => {
    const dir = sharedPath('flint-models', 'discipl');
    let count = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const json = parseJsonc(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
      for (const [list, key, frame] of [
        ['facts', 'fact', 'fact'],
        ['acts', 'act', 'act'],
        ['duties', 'duty', 'duty'],
      ] as const) {
        for (const item of (json[list] ?? []) as Record<string, unknown>[]) {
          const raw = item[key];
          if (typeof raw !== 'string') continue;
          const name = raw.replace(/^(\[|<<|<)/, '').replace(/(\]|>>|>)$/, '');
          if (name.length === 0) continue;
          const text = `${frame} ${bracketName(frame, name)}`;
          const r = parse(text, f);
          expect(r.diagnostics, text).toEqual([]);
          expect((r.value.declarations[0] as { name: string }).name).toBe(name);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});
