import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlintJson } from '../../src/interchange/index.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse, print } from '../../src/syntax/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const FILES = [
  'flint-example-lerarenbeurs.json',
  'flint-example-awb.json',
  'Vreemdelingenwet.flint.json',
  'ANLb.flint.json',
  'flint-example-verwelkoming.json',
];

describe.skipIf(!hasShared)('JSON → .flint → parse equals the direct import (skipped: ../shared is absent)', () => {
  it.each(FILES)('%s', (file) => {
    const direct = importFlintJson(readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8'), file).value;
    const text = print(direct);
    const parsed = parse(text, file.replace(/\.json$/, '.flint'));
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(hasErrors(parsed.diagnostics)).toBe(false);
    expect(stripSpans(parsed.value)).toEqual(stripSpans(direct));
  });

  it('flint-example.json: equal except its duty with an empty name, which .flint cannot write', () => {
    const file = 'flint-example.json';
    const imported = importFlintJson(readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8'), file);
    expect(imported.diagnostics.filter((d) => d.code === 'empty-name').map((d) => d.path)).toEqual(['/duties/0/duty']);
    const named = {
      ...imported.value,
      declarations: imported.value.declarations.filter((d) => !(d.kind === 'Duty' && d.name === '')),
    };
    expect(named.declarations.length).toBe(imported.value.declarations.length - 1);
    const parsed = parse(print(named), 'flint-example.flint');
    expect(parsed.diagnostics).toEqual([]);
    expect(stripSpans(parsed.value)).toEqual(stripSpans(named));
  });
});
