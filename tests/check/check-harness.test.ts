import { describe, expect, test } from 'vitest';
import { expectErrors, expectValid, stripMarkers } from '../helpers/check-harness.js';

describe('The check harness', () => {
  test('stripMarkers removes markers and records the ranges in the stripped text', () => {
    expect(stripMarkers('a <|bc|> d<|>e <|f|>')).toEqual({
      text: 'a bc de f',
      ranges: [
        { start: 2, end: 4 },
        { start: 6, end: 6 },
        { start: 8, end: 9 },
      ],
    });
    expect(stripMarkers('act <<a>> {}')).toEqual({ text: 'act <<a>> {}', ranges: [] });
  });

  test('stripMarkers rejects unbalanced and nested markers', () => {
    expect(() => stripMarkers('<|a')).toThrow(/unclosed/);
    expect(() => stripMarkers('a|>')).toThrow(/without/);
    expect(() => stripMarkers('<|a<|b|>|>')).toThrow(/nested/);
  });

  const cycle = 'fact [a] { holds when: [b] }\nfact [b] { holds when: [a] }';

  test('expectErrors passes when code and span match', () => {
    const ds = expectErrors(`fact <|[a]|> { holds when: [b] }\nfact [b] { holds when: [a] }`, [
      { code: 'derivation-cycle' },
    ]);
    expect(ds.some((d) => d.code === 'derivation-cycle')).toBe(true);
  });

  test('expectErrors fails on a wrong span, a wrong code, a wrong message or a missing diagnostic', () => {
    expect(() =>
      expectErrors(`fact [a] { holds when: <|[b]|> }\nfact [b] { holds when: [a] }`, [{ code: 'derivation-cycle' }]),
    ).toThrow();
    expect(() =>
      expectErrors(`fact <|[a]|> { holds when: [b] }\nfact [b] { holds when: [a] }`, [{ code: 'duplicate-frame' }]),
    ).toThrow();
    expect(() =>
      expectErrors(`fact <|[a]|> { holds when: [b] }\nfact [b] { holds when: [a] }`, [
        { code: 'derivation-cycle', message: 'nonsense' },
      ]),
    ).toThrow();
    expect(() => expectErrors(`fact <|[a]|>`, [{ code: 'derivation-cycle' }])).toThrow();
  });

  test('expectErrors fails on an unexpected error of another code unless allowed', () => {
    const src = `fact <|[a]|> { holds when: [b] and [c] }\nfact [b] { holds when: [a] }`;
    expect(() => expectErrors(src, [{ code: 'derivation-cycle' }])).toThrow();
    expect(() => expectErrors(src, [{ code: 'derivation-cycle' }], { allowOtherErrors: true })).not.toThrow();
  });

  test('expectErrors refuses a marker count that differs from the expectations', () => {
    expect(() => expectErrors(cycle, [{ code: 'derivation-cycle' }])).toThrow(/ranges marked/);
  });

  test('expectValid fails on errors and on banned codes, and passes otherwise', () => {
    expect(() => expectValid(cycle)).toThrow();
    expect(() => expectValid('fact [a]', { codes: ['unused-fact'] })).toThrow();
    expect(() => expectValid('fact [a]')).not.toThrow();
  });

  test('text that does not parse fails the test instead of being checked', () => {
    expect(() => expectValid('fact [a { holds when: }')).toThrow(/parse cleanly/);
  });
});
