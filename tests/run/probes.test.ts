/**
 * The engine probes of ../shared/probes/engine, copied to tests/run/probes (see each file's
 * header), plus role-params.flint: every scenario passes. On the code before the effects,
 * violations, roles and partial-take changes, p1, p3, p5, p6, p9, p12 and role-params each failed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/scenario/index.js';
import { projectRoot } from '../helpers/shared.js';
import { loadProjectModel } from '../scenario/helpers.js';

const DIR = 'tests/run/probes';
const files = readdirSync(join(projectRoot, DIR))
  .filter((f) => f.endsWith('.flint'))
  .sort();

describe('engine probes', () => {
  it('finds the probe files', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });
  for (const f of files) {
    it(`${f}: every scenario passes`, () => {
      const file = `${DIR}/${f}`;
      const { model, diagnostics } = loadProjectModel(file);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const report = runScenarios(model, { file });
      const failed = report.scenarios.flatMap((s) =>
        s.checks.filter((c) => !c.passed).map((c) => `${s.name}: ${c.text}: ${c.actual}`),
      );
      expect(failed).toEqual([]);
      expect(report.scenarios.length).toBeGreaterThan(0);
      expect(report.scenarios.every((s) => s.passed)).toBe(true);
    });
  }
});
