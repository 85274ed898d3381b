/**
 * The .flint scenarios of the norms (norms/awb/awb.test.flint, norms/kinderopvangtoeslag/
 * kinderopvangtoeslag.test.flint) pass, and together with their imports they take every act and
 * activate and end every duty of the model (the coverage `flint test` reports).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/scenario/index.js';
import { loadModel } from '../../src/syntax/index.js';
import { ROOT } from './load.js';

function run(path: string) {
  const file = resolve(ROOT, path);
  const loaded = loadModel(
    file,
    {
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (from, imp) => resolve(dirname(from), imp),
    },
    { root: resolve(ROOT, 'norms') },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runScenarios(loaded.value.model, { file });
}

describe.each([
  'norms/awb/awb.test.flint',
  'norms/awir/awir.test.flint',
  'norms/kinderopvangtoeslag/kinderopvangtoeslag.test.flint',
  'norms/zorgtoeslag/zorgtoeslag.test.flint',
])('%s', (path) => {
  const report = run(path);

  it('runs scenarios and every check passes', () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.scenarios.length).toBeGreaterThan(3);
    const failures = report.scenarios.flatMap((s) =>
      s.checks.filter((c) => !c.passed).map((c) => `${s.name}: ${c.text} (expected ${c.expected}, got ${c.actual})`),
    );
    expect(failures).toEqual([]);
    expect(report.scenarios.filter((s) => !s.passed).map((s) => s.name)).toEqual([]);
    expect(report.failed).toBe(0);
  });

  it('takes every act and activates and ends every duty', () => {
    expect(report.coverage.acts.notTaken).toEqual([]);
    expect(report.coverage.duties.notActivated).toEqual([]);
    expect(report.coverage.duties.notTerminated).toEqual([]);
  });

  it('includes at least one refusal and one deadline or condition violation', () => {
    const kinds = report.scenarios.flatMap((s) => s.checks.map((c) => c.kind));
    expect(kinds).toContain('ExpectRefused');
    expect(report.coverage.duties.violated.length).toBeGreaterThan(0);
  });
});
