import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { check } from '../../src/check/index.js';
import { renderDiagnostics } from '../../src/report/index.js';
import { parse } from '../../src/syntax/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import { hasShared, projectRoot, sharedPath } from '../helpers/shared.js';

const dir = join(projectRoot, 'tests', 'golden', 'check');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.flint'))
  .sort();

describe('Checker output on the golden models', () => {
  test.each(files)('%s renders as in its .txt golden file', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const parsed = parse(text, file);
    expect(parsed.diagnostics).toEqual([]);
    const { diagnostics } = check(parsed.value);
    await expect(renderDiagnostics(diagnostics, { [file]: text })).toMatchFileSnapshot(
      join(dir, file.replace(/\.flint$/, '.txt')),
    );
  });
});

describe.skipIf(!hasShared)('Checker output on a shared discipl FLINT JSON model', () => {
  test('flint-example-verwelkoming.json renders as in its golden file', async () => {
    const file = 'flint-example-verwelkoming.json';
    const text = readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8');
    const { diagnostics } = check(importFlintJson(text, file).value, { origin: 'flint-json' });
    await expect(renderDiagnostics(diagnostics, { [file]: text })).toMatchFileSnapshot(
      join(dir, 'discipl-verwelkoming.txt'),
    );
  });
});
