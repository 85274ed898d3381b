import { describe, expect, it } from 'vitest';
import { exportFlintJson } from '../../src/interchange/index.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { parse } from '../../src/syntax/index.js';

const text = `fact [persoon]
act <<indienen>> {
  actor: [persoon]
}

scenario "een" {
  given [persoon](alice)
  alice does <<indienen>>
}

scenario "twee" {
  expect not [persoon](bob)
}
`;

describe('exportFlintJson with scenarios', () => {
  const model = parse(text, 's.flint');
  const out = exportFlintJson(model.value);

  it('exports the frames', () => {
    expect(model.diagnostics).toEqual([]);
    expect(out.value.acts?.map((a) => a.act)).toEqual(['<<indienen>>']);
    expect(out.value.facts?.map((f) => f.fact)).toEqual(['[persoon]']);
  });

  it('gives one not-exportable warning per scenario, at its name, and no error', () => {
    expect(hasErrors(out.diagnostics)).toBe(false);
    const scenarioWarnings = out.diagnostics.filter((d) => d.message.includes('scenario'));
    expect(scenarioWarnings.map((d) => [d.code, d.severity, d.span?.start.line])).toEqual([
      ['not-exportable', 'warning', 6],
      ['not-exportable', 'warning', 11],
    ]);
    expect(scenarioWarnings[0]?.message).toBe(
      'The scenario "een" has no FLINT JSON form; it is left out (keep it in the .flint file).',
    );
  });

  it('gives no scenario warning for a model without scenarios', () => {
    const plain = exportFlintJson(parse('fact [persoon]\n', 'p.flint').value);
    expect(plain.diagnostics.filter((d) => d.message.includes('scenario'))).toEqual([]);
  });
});
