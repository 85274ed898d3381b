import { describe, expect, test } from 'vitest';
import { check } from '../../../src/check/index.js';
import { importFlintJson } from '../../../src/interchange/index.js';

const json = (facts: string): string => `{
  "acts": [
    { "act": "<<aanvragen>>", "actor": "[aanvrager]", "object": "[aanvraag]", "recipient": "[bestuursorgaan]",
      "preconditions": { "expression": "AND", "operands": ["[meerderjarig]", "[meerderjarig]"] },
      "create": ["[aanvraag]"], "terminate": [], "sources": [] }
  ],
  "facts": [${facts}],
  "duties": []
}`;

const run = (text: string) => {
  const imported = importFlintJson(text, 'model.json');
  expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { text, ...check(imported.value, { origin: 'flint-json' }) };
};

describe('implicit-input-fact', () => {
  test('FLINT JSON facts that are all declared give no warning', () => {
    const facts = ['aanvrager', 'aanvraag', 'bestuursorgaan', 'meerderjarig']
      .map((f) => `{ "fact": "[${f}]", "function": "[]" }`)
      .join(',');
    const { diagnostics } = run(json(facts));
    expect(diagnostics.filter((d) => d.code === 'implicit-input-fact')).toEqual([]);
  });

  test('each undeclared FLINT JSON fact gets one warning, at its first reference, and is listed as implicit', () => {
    const { text, diagnostics, value } = run(json('{ "fact": "[aanvraag]", "function": "[]" }'));
    const found = diagnostics.filter((d) => d.code === 'implicit-input-fact');
    expect(found.map((d) => [d.severity, text.slice(d.span!.start.offset, d.span!.end.offset)])).toEqual([
      ['warning', '"[aanvrager]"'],
      ['warning', '"[bestuursorgaan]"'],
      ['warning', '"[meerderjarig]"'],
    ]);
    expect(found[0]!.message).toBe(
      'Act «aanvragen» refers to fact «aanvrager», which is not declared; it is treated as an input fact.',
    );
    expect(value.implicitFacts).toEqual(['aanvrager', 'bestuursorgaan', 'meerderjarig']);
    expect(diagnostics.filter((d) => d.code === 'unknown-reference')).toEqual([]);
  });

  test('the same model read as .flint origin reports unknown references instead', () => {
    const imported = importFlintJson(json('{ "fact": "[aanvraag]", "function": "[]" }'), 'model.json');
    const { diagnostics } = check(imported.value, { origin: 'flint' });
    expect(diagnostics.filter((d) => d.code === 'implicit-input-fact')).toEqual([]);
    expect(diagnostics.filter((d) => d.code === 'unknown-reference').length).toBe(4);
  });
});
