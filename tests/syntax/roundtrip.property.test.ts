import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../src/model/walk.js';
import { parse, print } from '../../src/syntax/index.js';
import { arbExpr, arbModel, genSpan } from '../helpers/arbitraries.js';

describe('print then parse', () => {
  it('gives back every generated model, without diagnostics', () => {
    fc.assert(
      fc.property(arbModel, (m) => {
        const text = print(m);
        const back = parse(text, 'roundtrip.flint');
        expect(back.diagnostics, text).toEqual([]);
        expect(stripSpans(back.value), text).toEqual(stripSpans(m));
      }),
      { numRuns: 300 },
    );
  });

  it('gives back every generated expression as a fact definition', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const m = {
          kind: 'Model' as const,
          header: null,
          declarations: [
            {
              kind: 'Fact' as const,
              name: 'f',
              nameSpan: genSpan,
              params: [],
              sources: [],
              explanation: null,
              meta: [],
              span: genSpan,
              type: { kind: 'PrimitiveType' as const, name: 'decimal' as const, span: genSpan },
              definition: e,
              closed: false,
            },
          ],
          span: genSpan,
        };
        const text = print(m);
        const back = parse(text, 'expr.flint');
        expect(back.diagnostics, text).toEqual([]);
        expect(stripSpans(back.value), text).toEqual(stripSpans(m));
      }),
      { numRuns: 1000 },
    );
  });
});
