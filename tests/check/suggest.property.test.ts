import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { editDistance, suggest } from '../../src/check/index.js';

describe('editDistance', () => {
  test('known distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('aanvraag', 'aanvrag')).toBe(1);
  });

  test('is a metric: zero exactly on equal strings, symmetric, triangle inequality', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b, c) => {
          expect(editDistance(a, b) === 0).toBe(a === b);
          expect(editDistance(a, b)).toBe(editDistance(b, a));
          expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
          expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
        },
      ),
    );
  });
});

describe('suggest', () => {
  test('proposes the closest name within the limit, case-insensitively', () => {
    expect(suggest('aanvrag', ['besluit', 'aanvraag', 'aanvrager'])).toBe('aanvraag');
    expect(suggest('AANVRAAG', ['aanvraag'])).toBe('aanvraag');
    expect(suggest('xyz', ['aanvraag'])).toBeNull();
  });

  test('never proposes the name itself and is independent of candidate order', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 8 }),
        (name, cands) => {
          const s = suggest(name, cands);
          expect(s).not.toBe(name);
          expect(suggest(name, [...cands].reverse())).toBe(s);
          if (s !== null) expect(cands).toContain(s);
        },
      ),
    );
  });
});
