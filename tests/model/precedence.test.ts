/** One precedence for both expression printers: the canonical printer and the trace printer agree on parentheses. */
import { describe, expect, it } from 'vitest';
import type { Expr, FactDecl } from '../../src/model/ast.js';
import { exprText } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { printExpr } from '../../src/syntax/print.js';

/** The definition of [d] in a model where [a] and [b] are boolean facts. */
function definition(expr: string): Expr {
  const m = parse(`fact [a]\nfact [b]\nfact [d] {\n  holds when: ${expr}\n}\n`, 'p.flint');
  expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const d = m.value.declarations.find((x): x is FactDecl => x.kind === 'Fact' && x.name === 'd');
  if (!d?.definition) throw new Error('no definition');
  return d.definition;
}

/** The expression without spans, for comparing parses. */
function shape(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(shape);
  if (typeof e !== 'object' || e === null) return e;
  return Object.fromEntries(
    Object.entries(e)
      .filter(([k]) => k !== 'span')
      .map(([k, v]) => [k, shape(v)]),
  );
}

describe('expression printers', () => {
  const notOfEq = definition('not ([a] == [b])');
  const eqOfNot = definition('(not [a]) == [b]');

  it('the two groupings of not and == are different expressions', () => {
    expect(shape(notOfEq)).not.toEqual(shape(eqOfNot));
  });

  for (const [name, print] of [
    ['printExpr (canonical)', printExpr],
    ['exprText (traces)', exprText],
  ] as const) {
    it(`${name} prints them differently, and each text parses back to the same expression`, () => {
      const a = print(notOfEq);
      const b = print(eqOfNot);
      expect(a).not.toBe(b);
      expect(shape(definition(a))).toEqual(shape(notOfEq));
      expect(shape(definition(b))).toEqual(shape(eqOfNot));
    });
  }

  it('both printers give the same text for these expressions', () => {
    expect(exprText(eqOfNot)).toBe(printExpr(eqOfNot));
    expect(exprText(notOfEq)).toBe(printExpr(notOfEq));
  });
});
