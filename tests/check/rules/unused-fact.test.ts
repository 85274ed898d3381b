import { describe, expect, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('unused-fact', () => {
  test('facts used in expressions, effects or as parameter types are accepted', () => {
    expectValid(VALID, { codes: ['unused-fact'] });
    expectValid(
      `${HEADER}fact [persoon]: actor\nfact [kind]\nfact [ouder](p: [persoon]) { holds when: exists ` +
        `k: [kind] where true }\nact <<a>> { preconditions: [ouder]  sources: awb-4:1 }`,
      { codes: ['unused-fact'] },
    );
  });

  test('a fact nobody refers to gets a warning; a reference to itself does not count', () => {
    expectErrors(
      `fact <|[los]|>\nfact <|[zelf]|>: integer { value: [zelf] + 1 }`,
      [
        { code: 'unused-fact', severity: 'warning', message: 'Fact «los» is declared but no frame uses it.' },
        { code: 'unused-fact', message: 'Fact «zelf»' },
      ],
      { allowOtherErrors: true },
    );
  });
});

describe('unused-fact in FLINT JSON', () => {
  test('facts named inside an old-dialect reference count as used', async () => {
    const { importFlintJson } = await import('../../../src/interchange/index.js');
    const { check } = await import('../../../src/check/index.js');
    const text =
      `{ "acts": [{ "act": "<<a>>", "preconditions": "[x] EN NIET [y]", "create": [], "terminate": [] }],
      "facts": [{ "fact": "x", "function": "[]" }, { "fact": "y", "function": "[]" }, ` +
      `{ "fact": "z", "function": "[]" }], "duties": [] }`;
    const { diagnostics } = check(importFlintJson(text, 'm.json').value, { origin: 'flint-json' });
    expect(diagnostics.filter((d) => d.code === 'unused-fact').map((d) => d.message)).toEqual([
      'Fact «z» is declared but no frame uses it.',
    ]);
    const implicit = diagnostics.find((d) => d.code === 'implicit-input-fact');
    expect(implicit?.hint).toContain('old-dialect');
  });
});
