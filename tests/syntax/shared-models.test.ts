import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlintJson } from '../../src/interchange/index.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse, print } from '../../src/syntax/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const dir = hasShared ? sharedPath('flint-models', 'discipl') : '';
const models = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

describe.skipIf(!hasShared)('the shared FLINT JSON models as .flint text', () => {
  it.each(models)('%s: prints and reads back to the same model, without diagnostics', (f) => {
    const imported = importFlintJson(readFileSync(`${dir}/${f}`, 'utf8'), f);
    const text = print(imported.value);
    const back = parse(text, f);
    expect(back.diagnostics).toEqual([]);
    expect(stripSpans(back.value)).toEqual(stripSpans(imported.value));
  });
});
