import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFlintJson, importFlintJsonValue } from '../../src/interchange/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bad');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.diagnostics.json'))
  .sort();

/** One line per diagnostic: what the golden files hold. */
function render(diagnostics: readonly Diagnostic[]): string {
  return (
    diagnostics
      .map(
        (d) =>
          `${d.span ? `${d.span.start.line}:${d.span.start.column}` : '-'} ${d.severity} ${d.code} ` +
          `${d.path ?? '-'}\n  ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`,
      )
      .join('\n') + '\n'
  );
}

/** [file, code, path, line] that must be among the diagnostics (checked independently of the golden files). */
const EXPECTED: ReadonlyArray<[string, string, string | undefined, number]> = [
  ['syntax-error.json', 'json-syntax', undefined, 3],
  ['absurd-number.json', 'invalid-number', '/facts/0/function/operand', 1],
  ['trailing-garbage.json', 'json-syntax', undefined, 2],
  ['empty.json', 'json-syntax', undefined, 1],
  ['trailing-comma.json', 'json-syntax', undefined, 5],
  ['top-level-array.json', 'invalid-type', '', 1],
  ['acts-not-array.json', 'invalid-type', '/acts', 2],
  ['acts-not-array.json', 'invalid-type', '/duties', 4],
  ['missing-fields.json', 'missing-field', '', 1],
  ['missing-fields.json', 'missing-field', '/acts/0', 3],
  ['missing-fields.json', 'missing-field', '/acts/1', 4],
  ['missing-fields.json', 'missing-field', '/facts/0', 7],
  ['wrong-types.json', 'invalid-type', '/model', 2],
  ['wrong-types.json', 'invalid-expression', '/acts/0/actor', 6],
  ['wrong-types.json', 'invalid-type', '/acts/0/create', 9],
  ['wrong-types.json', 'invalid-type', '/acts/0/explanation', 10],
  ['wrong-types.json', 'invalid-type', '/acts/0/sources', 11],
  ['wrong-types.json', 'invalid-type', '/facts/0/fact', 15],
  ['wrong-types.json', 'invalid-expression', '/facts/0/function', 15],
  ['wrong-types.json', 'invalid-type', '/facts/1', 16],
  ['wrong-types.json', 'invalid-type', '/duties/0/duty-components', 19],
  ['unknown-operator.json', 'unknown-operator', '/acts/0/preconditions/operands/0/expression', 11],
  ['unknown-operator.json', 'unknown-operator', '/acts/0/preconditions/operands/1', 12],
  ['is-without-operand.json', 'missing-field', '/facts/0/function/operands/0', 4],
  ['is-without-operand.json', 'invalid-type', '/facts/0/function/operands/1/operand', 4],
  ['is-without-operand.json', 'invalid-literal', '/facts/1/function/operand', 5],
  ['is-without-operand.json', 'missing-field', '/facts/2/function', 6],
  ['is-without-operand.json', 'missing-field', '/facts/3/function', 7],
  ['is-without-operand.json', 'missing-field', '/facts/4/function', 8],
  ['is-without-operand.json', 'invalid-expression', '/facts/5/function', 9],
  ['invalid-dates.json', 'invalid-date', '/facts/0/sources/0/validFrom', 8],
  ['invalid-dates.json', 'invalid-date', '/facts/0/sources/0/validTo', 8],
  ['invalid-dates.json', 'invalid-type', '/facts/0/sources/1', 9],
];

describe('bad FLINT JSON corpus (tests/interchange/bad)', () => {
  it.each(files)('%s gives diagnostics with spans (and paths past parsing), never a throw', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const { value, diagnostics } = importFlintJson(text, file);
    expect(value.kind).toBe('Model');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.span?.file).toBe(file);
      expect(d.message).toMatch(/\.$/);
      if (!d.code.startsWith('json-')) expect(typeof d.path).toBe('string');
    }
    await expect(render(diagnostics)).toMatchFileSnapshot(join(dir, file.replace(/\.json$/, '.diagnostics.txt')));
  });

  it.each(EXPECTED)('%s reports %s at %s (line %i)', (file, code, path, line) => {
    const { diagnostics } = importFlintJson(readFileSync(join(dir, file), 'utf8'), file);
    const hit = diagnostics.find((d) => d.code === code && d.path === path && d.span?.start.line === line);
    expect(hit, render(diagnostics)).toBeDefined();
  });

  it('a syntax error gives its line and column in the message and span', () => {
    const { diagnostics } = importFlintJson(readFileSync(join(dir, 'syntax-error.json'), 'utf8'), 'syntax-error.json');
    expect(diagnostics[0]).toMatchObject({
      code: 'json-syntax',
      severity: 'error',
      span: { start: { line: 3, column: 22 } },
    });
    expect(diagnostics[0]!.message).toContain('line 3, column 22');
  });

  it('a 2 MB deeply nested expression is diagnosed as too deep, without a stack overflow', () => {
    const depth = 65_000;
    const open = '{"expression":"NOT","operand":';
    const text =
      `{"acts":[],"facts":[{"fact":"[x]",` +
      `"function":${open.repeat(depth)}"[y]"` +
      `${'}'.repeat(depth)}}],"duties":[]}`;
    expect(text.length).toBeGreaterThan(2_000_000);
    const { value, diagnostics } = importFlintJson(text, 'deep.json');
    expect(value.declarations).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['json-too-deep']);
    expect(diagnostics[0]!.span?.start.line).toBe(1);
  });

  it('a deeply nested expression value (no text) is cut at the expression depth limit', () => {
    let expr: unknown = '[y]';
    for (let i = 0; i < 5000; i++) expr = { expression: 'NOT', operand: expr };
    const { diagnostics } = importFlintJsonValue(
      { acts: [], facts: [{ fact: '[x]', function: expr }], duties: [] },
      'deep',
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['expression-too-deep']);
    expect(diagnostics[0]!.path).toMatch(/^\/facts\/0\/function(\/operand)+$/);
  });

  it('a cyclic value is diagnosed, not followed forever', () => {
    const cyclic: Record<string, unknown> = { act: '<<a>>', actor: '', object: '', recipient: '' };
    cyclic.self = cyclic;
    const { diagnostics } = importFlintJsonValue({ acts: [cyclic], facts: [], duties: [] }, 'cyclic');
    expect(diagnostics.map((d) => d.code)).toContain('json-too-deep');
  });
});
