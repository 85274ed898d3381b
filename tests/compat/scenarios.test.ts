import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConformance, runConformance } from '../../src/compat/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const scenarioDir = sharedPath('scenarios', 'discipl');
const files = hasShared ? readdirSync(scenarioDir).filter((f) => f.endsWith('.spec.json')).sort() : [];
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
