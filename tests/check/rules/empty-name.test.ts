import { describe, expect, test } from 'vitest';
import { check } from '../../../src/check/index.js';
import { importFlintJson } from '../../../src/interchange/index.js';
import { actDecl, dutyDecl, effect, factDecl, model } from '../../helpers/ast-builder.js';

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

  test('the empty template frames of FLINT JSON are warnings', () => {
    const text = '{ "acts": [], "facts": [], "duties": [{ "duty": "", "duty-holder": "", "claimant": "", "create": "<<>>", "terminate": "<<>>" }] }';
    const imported = importFlintJson(text, 'template.json');
    const { diagnostics } = check(imported.value, { origin: 'flint-json' });
    const found = diagnostics.filter((d) => d.code === 'empty-name');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
