/**
 * The `*.test.flint` files next to the norms are the vitest scenarios of this folder written in the
 * `.flint` scenario language. They are golden files: regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run tests/norms-lerarenbeurs/scenario-files.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/scenario/index.js';
import { parse } from '../../src/syntax/index.js';
import { ROOT, loadNorm } from '../norms/load.js';
import { scenarios as lerarenbeurs } from './lerarenbeurs.scenarios.js';
import type { Scenario } from './scenario.js';
import { scenarioFile } from './scenario-text.js';
import { stages } from './school-admission.scenarios.js';
import { scenarios as voting } from './voting.scenarios.js';

interface ScenarioFile {
  readonly model: string;
  readonly file: string;
  readonly comment: string;
  readonly scenarios: readonly Scenario[];
  /** Integer arguments written as text (files outside this folder, pending regeneration). */
  readonly integerArgsAsText?: boolean;
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

const files: readonly ScenarioFile[] = [
  {
    model: 'norms/lerarenbeurs/lerarenbeurs.flint',
    file: 'norms/lerarenbeurs/lerarenbeurs.test.flint',
    comment:
      'Scenarios of the Subsidieregeling lerarenbeurs: application, grant, refusal, ' +
      'deadlines, hardship clause,\nwithdrawal, recovery, reporting (README.md#scenarios). ' +
      'Generated from tests/norms-lerarenbeurs/lerarenbeurs.scenarios.ts.',
    scenarios: lerarenbeurs,
  },
  {
    model: 'norms/eflint-examples/voting.flint',
    file: 'norms/eflint-examples/voting.test.flint',
    comment:
      "The eFLINT voting tutorial's own statements and queries, cell by cell " +
      '(README.md).\nGenerated from tests/norms-lerarenbeurs/voting.scenarios.ts.',
    scenarios: voting,
    integerArgsAsText: true,
  },
  ...stages.map(({ file, scenario }) => ({
    model: file,
    file: file.replace(/\.flint$/, '.test.flint'),
    comment:
      `The eFLINT school admission notebook's statements and queries up to this stage ` +
      `(README.md).\nGenerated from tests/norms-lerarenbeurs/school-admission.scenarios.ts.`,
    scenarios: [scenario],
    integerArgsAsText: true,
  })),
];

describe('*.test.flint scenario files', () => {
  for (const f of files) {
    describe(f.file, () => {
      const norm = loadNorm(f.model);
      const text = scenarioFile(norm.compiled, base(f.model), f.comment, f.scenarios, {
        integerArgsAsText: f.integerArgsAsText ?? false,
      });
      const path = resolve(ROOT, f.file);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text, 'utf8');

      it('matches the vitest scenarios (golden)', () => {
        expect(readFileSync(path, 'utf8')).toBe(text);
      });

      it('parses without diagnostics, one scenario block per scenario', () => {
        const parsed = parse(readFileSync(path, 'utf8'), f.file);
        expect(parsed.diagnostics).toEqual([]);
        const names = parsed.value.declarations.flatMap((d) => (d.kind === 'Scenario' ? [d.name] : []));
        expect(names).toEqual(f.scenarios.map((s) => s.name));
      });

      it('passes under the scenario runner (flint test), taking every act and activating every duty', () => {
        const { checked } = loadNorm(f.file);
        const report = runScenarios(checked.model, { file: path });
        expect(report.diagnostics).toEqual([]);
        const failures = report.scenarios.flatMap((s) =>
          s.checks.filter((c) => !c.passed).map((c) => `${s.name}: ${c.text}: ${c.actual}`),
        );
        expect(failures).toEqual([]);
        expect(report.scenarios.map((s) => [s.name, s.passed])).toEqual(f.scenarios.map((s) => [s.name, true]));
        expect(report.failed).toBe(0);
        expect(report.passed).toBeGreaterThan(0);
        expect(report.coverage.acts.notTaken).toEqual([]);
        expect(report.coverage.duties.notActivated).toEqual([]);
        expect(report.coverage.duties.notTerminated).toEqual([]);
      });
    });
  }
});
