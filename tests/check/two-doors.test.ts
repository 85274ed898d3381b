import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../../src/check/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { parse, print } from '../../src/syntax/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const dir = sharedPath('flint-models', 'discipl');
const files = hasShared
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.severity} ${d.code}`).sort();

describe.skipIf(!hasShared)('Two doors, one checker (skipped: ../shared is absent)', () => {
  test.each(files)('%s: import → print → parse → check gives what checking the import gives', (file) => {
    const imported = importFlintJson(readFileSync(`${dir}/${file}`, 'utf8'), file);
    const viaJson = check(imported.value, { maxDiagnostics: 100_000 });
    const text = print(imported.value);
    const parsed = parse(text, file.replace(/\.json$/, '.flint'));
    expect(parsed.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const viaFlint = check(parsed.value, { maxDiagnostics: 100_000 });
    expect(viaFlint.value.origin).toBe('flint-json');
    const errors = viaFlint.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    expect(codes(viaFlint.diagnostics)).toEqual(codes(viaJson.diagnostics));
    expect(viaFlint.value.implicitFacts).toEqual(viaJson.value.implicitFacts);
  });
});

describe('The conventions marker', () => {
  test('the JSON import records the FLINT JSON conventions in the header, and print writes them', () => {
    const { value } = importFlintJson('{"acts": [], "facts": [], "duties": []}', 'm.json');
    expect(value.header?.conventions).toBe('flint-json');
    expect(print(value)).toContain('conventions: "flint-json"');
  });

  test('the file name does not choose the conventions; the header does', () => {
    const text = 'fact [a] { holds when: [b] }\n';
    const asJsonName = check(parse(text, 'x.json').value);
    expect(asJsonName.value.origin).toBe('flint');
    const marked = check(parse(`model "M" { conventions: "flint-json" }\n${text}`, 'x.flint').value);
    expect(marked.value.origin).toBe('flint-json');
    expect(marked.value.implicitFacts).toEqual(['b']);
    expect(asJsonName.diagnostics.map((d) => d.code)).toContain('unknown-reference');
    expect(marked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('an unknown conventions value is a diagnostic, not a crash', () => {
    const { value, diagnostics } = parse('model "M" { conventions: eflint }\n', 'x.flint');
    expect(value.header?.conventions).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-field-value']);
  });
});
