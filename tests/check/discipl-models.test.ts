import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../../src/check/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const dir = sharedPath('flint-models', 'discipl');
const files = hasShared
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe.skipIf(!hasShared)('The shared discipl FLINT JSON models', () => {
  test('are all present', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  test.each(files)('%s checks with zero errors', (file) => {
    const imported = importFlintJson(readFileSync(`${dir}/${file}`, 'utf8'), file);
    const { diagnostics, value } = check(imported.value, { origin: 'flint-json', maxDiagnostics: 100_000 });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    // Untyped models must not flood: no type rule fires at all.
    expect(
      diagnostics.filter((d) =>
        ['type-mismatch', 'argument-type', 'wrong-arity', 'actor-not-actor-type'].includes(d.code),
      ),
    ).toEqual([]);
    expect(Object.keys(value.acts).length + Object.keys(value.facts).length).toBeGreaterThan(0);
  });
});
