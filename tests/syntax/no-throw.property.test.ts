import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, print } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const dir = join(projectRoot, 'examples', 'flint');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.flint'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

/** parse must neither throw nor report an internal error, and what it builds must print. */
function total(text: string): void {
  const r = parse(text, 'fuzz.flint');
  expect(r.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
  for (const d of r.diagnostics) expect(d.span?.file).toBe('fuzz.flint');
  expect(typeof print(r.value)).toBe('string');
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom(
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      '"',
      '"""',
      '<',
      '<<',
      '>',
      ':',
      ',',
      ' and ',
      ' of ',
      '..',
      '\n',
      'meta x:',
      'sources:',
    ),
  ),
});

describe('parse is total', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => total(s)),
      { numRuns: 500 },
    );
  });

  it('on mutated example files (random insertions and deletions)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
        let t = text;
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = t.slice(0, at) + e.insert + t.slice(at + e.remove);
        }
        total(t);
      }),
      { numRuns: 400 },
    );
  });
});
