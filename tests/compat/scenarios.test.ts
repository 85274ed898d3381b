import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WITHOUT_ENGINE_STEP_KINDS, renderConformance, runConformance } from '../../src/compat/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const scenarioDir = sharedPath('scenarios', 'discipl');
const files = hasShared
  ? readdirSync(scenarioDir)
      .filter((f) => f.endsWith('.spec.json'))
      .sort()
  : [];
const loadModel = (name: string): string | undefined => {
  const p = sharedPath('flint-models', 'discipl', name);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
};

describe.skipIf(!hasShared)('discipl conformance scenarios (../shared/scenarios/discipl)', () => {
  it.each(files)('%s has no failing step', (file) => {
    const report = runConformance(JSON.parse(readFileSync(`${scenarioDir}/${file}`, 'utf8')), loadModel);
    const text = renderConformance(report);
    expect(report.failed, text).toBe(0);
    expect(report.passed + report.skipped + report.deviations).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasShared)('discipl conformance totals (../shared/scenarios/discipl)', () => {
  const read = (file: string): unknown => JSON.parse(readFileSync(`${scenarioDir}/${file}`, 'utf8'));
  const reports = files.map((file) => runConformance(read(file), loadModel));
  const sum = (key: 'passed' | 'failed' | 'skipped' | 'deviations' | 'withoutEngine'): number =>
    reports.reduce((n, r) => n + r[key], 0);

  it('are pinned, with the steps answered from the model JSON counted apart from those the engine passed', () => {
    expect({
      passed: sum('passed'),
      failed: sum('failed'),
      skipped: sum('skipped'),
      deviations: sum('deviations'),
      withoutEngine: sum('withoutEngine'),
    }).toEqual({ passed: 91, failed: 0, skipped: 17, deviations: 0, withoutEngine: 6 });
  });

  it('count exactly the published-model lookups as answered without the engine, and say so in the text', () => {
    for (const r of reports) {
      for (const c of r.cases) {
        for (const s of c.steps) {
          if (s.status === 'pass') expect(WITHOUT_ENGINE_STEP_KINDS.has(s.kind), `${c.name} #${s.index}`).toBe(false);
          if (s.status === 'without-engine') expect(WITHOUT_ENGINE_STEP_KINDS.has(s.kind)).toBe(true);
        }
      }
      expect(renderConformance(r)).toContain(`${r.withoutEngine} answered from the model JSON without the engine`);
    }
  });
});
