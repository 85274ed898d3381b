import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/ast.js';
import { renderScenarioReport, runScenarios } from '../../src/scenario/index.js';
import { arbScenario } from './arbitraries.js';
import { loadProjectModel } from './helpers.js';

describe('runScenarios on generated scenarios', () => {
  const { model } = loadProjectModel('examples/scenarios/aanvraag.flint');

  it('never throws, and its counts and verdicts agree with its checks', () => {
    fc.assert(
      fc.property(fc.array(arbScenario, { minLength: 1, maxLength: 2 }), (scenarios) => {
        const m: Model = { ...model, declarations: [...model.declarations, ...scenarios] };
        const report = runScenarios(m);
        const checks = report.scenarios.flatMap((s) => s.checks);
        expect(report.passed + report.failed).toBe(checks.length);
        expect(report.failed).toBe(checks.filter((c) => !c.passed).length);
        for (const s of report.scenarios) {
          expect(s.passed).toBe(s.stoppedAt === null && s.checks.every((c) => c.passed));
          // A scenario stops at a failed check of that very step.
          if (s.stoppedAt !== null) expect(s.checks.at(-1)).toMatchObject({ step: s.stoppedAt, passed: false });
          for (const c of s.checks) expect(c.excerpt === null || !c.passed).toBe(true);
        }
        expect(renderScenarioReport(report).trimEnd().split('\n').at(-1)).toBe(
          `${report.passed} passed, ${report.failed} failed`,
        );
      }),
      { numRuns: 150 },
    );
  });
});
