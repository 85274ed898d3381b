import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/ast.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse, print } from '../../src/syntax/index.js';
import { genSpan as span } from '../helpers/arbitraries.js';
import { arbScenario } from '../scenario/arbitraries.js';

describe('scenarios: print then parse', () => {
  it('gives back every generated scenario, without diagnostics', () => {
    fc.assert(
      fc.property(fc.array(arbScenario, { minLength: 1, maxLength: 3 }), (scenarios) => {
        const m: Model = { kind: 'Model', header: null, declarations: scenarios, span };
        const text = print(m);
        const back = parse(text, 'scenario.flint');
        expect(back.diagnostics, text).toEqual([]);
        expect(stripSpans(back.value), text).toEqual(stripSpans(m));
        expect(print(back.value)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});
