import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createModelCache, engineImporter, renderConformance, runConformance } from '../../src/compat/index.js';
import type { ModelImporter } from '../../src/compat/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

// Scenario files written for Calculemus from SEMANTICS.md (expectations reasoned in each step's note).
const dir = new URL('./scenarios/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.spec.json'))
  .sort();
const read = (f: string): { model?: unknown; cases: { steps: Record<string, unknown>[] }[] } =>
  JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
    model?: unknown;
    cases: { steps: Record<string, unknown>[] }[];
  };
const needsShared = (f: string): boolean =>
  typeof read(f).model === 'string' && !String(read(f).model).startsWith('inline');
const loadModel = (name: string): string | undefined => {
  const p = sharedPath('flint-models', 'discipl', name);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
};
const cache = createModelCache();

describe('own discipl scenarios (tests/compat/scenarios)', () => {
  for (const file of files) {
    describe.skipIf(needsShared(file) && !hasShared)(file, () => {
      it('passes every step', () => {
        const report = runConformance(read(file), loadModel, { cache });
        expect(report.failed, renderConformance(report)).toBe(0);
        expect(report.problems).toEqual([]);
        expect(report.passed).toBeGreaterThan(5);
      });

      it('fails every step once its expectation is changed (no step passes vacuously)', () => {
        const scenario = read(file);
        for (const c of scenario.cases) {
          for (const s of c.steps) {
            if ('expect' in s) s['expect'] = '__changed__';
            if ('expectIncludes' in s) s['expectIncludes'] = ['__changed__'];
            // A step with only expectExcludes could not be changed into a failing one here: there is none.
            expect('expect' in s || 'expectIncludes' in s || 'expectFunction' in s).toBe(true);
            if ('expectFunction' in s) s['expectFunction'] = '__changed__';
          }
        }
        const report = runConformance(scenario, loadModel, { cache });
        const passing = report.cases.flatMap((c) =>
          c.steps
            .filter((s) => s.status === 'pass' || s.status === 'without-engine')
            .map((s) => `${c.name} #${s.index} ${s.kind}`),
        );
        expect(passing).toEqual([]);
      });
    });
  }
});

describe.skipIf(!hasShared)('model cache on the lerarenbeurs scenarios', () => {
  it('imports the lerarenbeurs model once per distinct set of bindings', () => {
    let imports = 0;
    const counting: ModelImporter = {
      ...engineImporter,
      importModel: (v, f) => {
        imports++;
        return engineImporter.importModel(v, f);
      },
    };
    const scenario = read('lerarenbeurs-flows.spec.json');
    const report = runConformance(scenario, loadModel, { importer: counting });
    expect(report.failed).toBe(0);
    // Case 1 binds [leraar] as well (ignored by the peer, but part of the key); cases 2 and 3 share their bindings.
    expect(imports).toBe(2);
  });

  it('imports the model once for a 14-case lerarenbeurs file', () => {
    let imports = 0;
    const counting: ModelImporter = {
      ...engineImporter,
      importModel: (v, f) => {
        imports++;
        return engineImporter.importModel(v, f);
      },
    };
    const one = read('lerarenbeurs-flows.spec.json').cases[1];
    const scenario = {
      source: 'x',
      model: 'flint-example-lerarenbeurs.json',
      cases: Array.from({ length: 14 }, () => one),
    };
    const report = runConformance(scenario, loadModel, { importer: counting });
    expect([report.failed, report.passed, imports]).toEqual([0, 14 * (one?.steps.length ?? 0), 1]);
  });
});
