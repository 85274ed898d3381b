import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConformance, runConformance } from '../../src/compat/index.js';
import type { Deviation } from '../../src/compat/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/mini.spec.json', import.meta.url), 'utf8')) as unknown;
const noFiles = (): undefined => undefined;

describe('runConformance on a scenario of our own', () => {
  const report = runConformance(fixture, noFiles);

  it('passes the correct steps and fails exactly the two wrong expectations', () => {
    const statuses = report.cases.map((c) => c.steps.map((s) => s.status));
    expect(statuses).toEqual([
      ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
      ['fail', 'fail', 'pass', 'skipped'],
    ]);
    expect([report.passed, report.failed, report.skipped, report.deviations]).toEqual([9, 2, 1, 0]);
  });

  it('reports what was expected and what happened', () => {
    const [takeFail, dutyFail] = report.cases[1]?.steps ?? [];
    expect(takeFail?.expected).toEqual({ error: 'Action <<groeten>> is not allowed due to object' });
    expect(takeFail?.actual).toBe('ok');
    expect(dutyFail?.actual).toEqual([]);
  });

  it('counts listed deviations as deviations, never as passes or failures', () => {
    const deviations: Deviation[] = [
      { source: 'calculemus/mini.spec', caseName: 'wrong expectations are reported', step: 0, reason: 'test' },
      { source: 'calculemus/mini.spec', caseName: 'borrow and return a book', step: 7, reason: 'test' },
    ];
    const r = runConformance(fixture, noFiles, { deviations });
    expect([r.passed, r.failed, r.skipped, r.deviations]).toEqual([8, 1, 1, 2]);
  });

  it('renders a line per case and per failing step, then the totals', async () => {
    const text = renderConformance(report);
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      '9 passed, 2 failed',
      '1 skipped, 0 deviations',
      '0 answered from the model JSON without the engine (not counted as passed)',
    ]);
    await expect(text).toMatchFileSnapshot('./golden/mini-report.txt');
  });

  it('reports a model file that cannot be loaded as failing steps', () => {
    const r = runConformance(
      { source: 's', model: 'missing.json', cases: [{ name: 'c', steps: [{ record: 't1', expect: {} }] }] },
      noFiles,
    );
    expect(r.failed).toBe(1);
    expect(r.cases[0]?.steps[0]?.reason).toMatch(/missing\.json/);
  });
});
