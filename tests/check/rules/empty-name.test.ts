import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../../../src/check/index.js';
import { importFlintJson } from '../../../src/interchange/index.js';
import { actDecl, dutyDecl, effect, factDecl, model } from '../../helpers/ast-builder.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';

describe('empty-name', () => {
  test('frames with names are accepted', () => {
    const { diagnostics } = check(model([factDecl('a'), actDecl('b', { creates: [effect('fact', 'a')] })]));
    expect(diagnostics.filter((d) => d.code === 'empty-name')).toEqual([]);
  });

  test('a frame declared or referenced with an empty name is an error in a .flint model', () => {
    const emptyDuty = dutyDecl('');
    const emptyEffect = effect('fact', '');
    const { diagnostics } = check(model([emptyDuty, actDecl('b', { creates: [emptyEffect] })]));
    const found = diagnostics.filter((d) => d.code === 'empty-name');
    expect(found.map((d) => [d.severity, d.span, d.message])).toEqual([
      ['error', emptyDuty.nameSpan, 'Duty declared with an empty name.'],
      ['error', emptyEffect.span, 'Act «b» refers to a fact with an empty name.'],
    ]);
    expect(diagnostics.filter((d) => d.code === 'unknown-reference')).toEqual([]);
  });

  test('the empty template frames of FLINT JSON are one warning each, from the importer', () => {
    const text =
      '{ "acts": [], "facts": [], "duties": [{ "duty": "", "duty-holder": "", ' +
      '"claimant": "", "create": "<<>>", "terminate": "<<>>" }] }';
    const imported = importFlintJson(text, 'template.json');
    const { diagnostics } = check(imported.value, { origin: 'flint-json' });
    const found = [...imported.diagnostics, ...diagnostics].filter((d) => d.code === 'empty-name');
    expect(found.map((d) => [d.severity, d.path])).toEqual([['warning', '/duties/0/duty']]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe.skipIf(!hasShared)('empty-name on the shared FLINT JSON models (skipped: ../shared is absent)', () => {
  test('flint-example.json: its duty with an empty name is reported once by import and check together', () => {
    const file = sharedPath('flint-models', 'discipl', 'flint-example.json');
    const imported = importFlintJson(readFileSync(file, 'utf8'), file);
    const checked = check(imported.value, { origin: 'flint-json' });
    const found = [...imported.diagnostics, ...checked.diagnostics].filter((d) => d.code === 'empty-name');
    expect(found.map((d) => [d.severity, d.path ?? null, d.span?.start.line ?? null])).toEqual([
      ['warning', '/duties/0/duty', 35],
    ]);
  });
});
