/**
 * Model and engine identity: pure SHA-256, the content hash of a model, states and traces naming
 * both, and resuming a state under another model.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION, modelIdentity } from '../../src/model/identity.js';
import { sha256Hex } from '../../src/model/sha256.js';
import { compile, createCase, resumeCase, take } from '../../src/run/index.js';
import type { CaseState } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const file = 'tests/cli-run/fixtures/vergunning.flint';
const text = readFileSync(join(projectRoot, file), 'utf8');
const model = parse(text, file).value;

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
  it('agrees with node:crypto on any text (multi-block, non-ASCII)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('model identity', () => {
  it('names the model by content hash, title and version date', () => {
    const id = modelIdentity(model);
    expect(id.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(id.title).toBe('Omgevingsvergunning (vereenvoudigd)');
    expect(id.version).toBe('2024-01-01');
  });
  it('does not depend on layout or file name, only on content', () => {
    const moved = parse(`\n\n${text.replace(/\n/g, '\n\n')}`, 'elders/andere-naam.flint').value;
    expect(modelIdentity(moved).hash).toBe(modelIdentity(model).hash);
    const changed = parse(text.replace('within 8 weeks', 'within 6 weeks'), file).value;
    expect(modelIdentity(changed).hash).not.toBe(modelIdentity(model).hash);
  });
  it('ENGINE_VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
  });
});

describe('states and traces name the model and the engine', () => {
  const cm = compile(model).value;
  const s0 = createCase(cm, { asOf: '2024-02-01', actors: { anna: { roles: ['aanvrager'] } } });

  it('a new state and every state after it', () => {
    expect(s0.model).toEqual(modelIdentity(model));
    expect(s0.engine).toBe(ENGINE_VERSION);
    const r = take(cm, s0, { act: 'aanvragen vergunning', actor: 'anna', params: { aanvrager: 'anna' } });
    expect(r.state.model).toEqual(s0.model);
    expect(r.trace.model).toEqual(modelIdentity(model));
    expect(r.trace.engine).toBe(ENGINE_VERSION);
  });

  it('resuming under the same model is silent', () => {
    expect(resumeCase(cm, s0)).toEqual({ value: s0, diagnostics: [] });
  });

  it('resuming under another model is an error diagnostic naming both, and the state records the change', () => {
    const other = compile(parse(text.replace('within 8 weeks', 'within 6 weeks'), file).value).value;
    const r = resumeCase(other, s0);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['run-model-changed', 'error']]);
    expect(r.diagnostics[0]?.message).toContain(s0.model.hash);
    expect(r.diagnostics[0]?.message).toContain(modelIdentity(other.model).hash);
    expect(r.value.model).toEqual(modelIdentity(other.model));
  });

  it('a state of another engine version, or without identity, gets a warning', () => {
    const older = resumeCase(cm, { ...s0, engine: '0.0.1' });
    expect(older.diagnostics.map((d) => [d.code, d.severity])).toEqual([['run-engine-changed', 'warning']]);
    const { model: _m, engine: _e, ...bare } = s0;
    const unnamed = resumeCase(cm, bare as unknown as CaseState);
    expect(unnamed.diagnostics.map((d) => d.code)).toEqual(['run-model-unknown']);
    expect(unnamed.value.model).toEqual(s0.model);
  });
});
