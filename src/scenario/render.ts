/**
 * Text rendering of a scenario report: one line per scenario, failures with expected, actual and
 * a trace excerpt, the coverage summary, and a last line `N passed, N failed` (counting checks).
 * The frame of the report is in Dutch or English (the word table of src/trace/render.ts); expected,
 * actual and excerpt are shown as the report holds them (written by `runScenarios` in its `lang`).
 */
import { type Lang, scenarioWords } from '../trace/index.js';
import type { Coverage, ScenarioReport } from './types.js';
import { spanText } from './run.js';
import { textAtBoundary } from '../model/guard.js';

/** Options of {@link renderScenarioReport}. */
export interface RenderOptions {
  /** Include the coverage summary (default true). */
  readonly coverage?: boolean;
  /** End with the line `N passed, N failed` (default true). */
  readonly summary?: boolean;
  /** The language of the report's own words (default `en`); `flint test` uses the model header's. */
  readonly lang?: Lang;
}

/** The coverage summary as lines (no trailing newline), in `lang` (default English). */
export function renderCoverage(c: Coverage, lang: Lang = 'en'): string {
  const w = scenarioWords(lang);
  const out: string[] = [`${w.coverage}:`];
  const notList = (label: string, names: readonly string[], wrap: (n: string) => string): void => {
    if (names.length > 0) out.push(`    ${label}: ${names.map(wrap).join(', ')}`);
  };
  const act = (n: string): string => `<<${n}>>`;
  const duty = (n: string): string => `<${n}>`;
  out.push(`  ${w.actsTaken}: ${c.acts.taken.length}/${c.acts.total}`);
  notList(w.notTaken, c.acts.notTaken, act);
  out.push(`  ${w.branches}: ${c.branches.covered}/${c.branches.total}`);
  for (const b of c.branches.all) {
    if (b.seenTrue && b.seenFalse) continue;
    const missing = !b.seenTrue && !b.seenFalse ? w.neverEvaluated : b.seenTrue ? w.neverFalse : w.neverTrue;
    out.push(`    <<${b.act}>> ${b.operand}: ${missing}`);
  }
  const d = c.duties;
  out.push(
    `  ${w.activated}: ${d.activated.length}/${d.total}, ${w.terminated}: ${d.terminated.length}/${d.total}, ` +
      `${w.violated}: ${d.violated.length}/${d.total}`,
  );
  notList(w.notActivated, d.notActivated, duty);
  notList(w.notTerminated, d.notTerminated, duty);
  notList(w.notViolated, d.notViolated, duty);
  return out.join('\n');
}

/**
 * The report as text; unless `summary: false`, the last line is exactly `N passed, N failed`
 * (Dutch: `N geslaagd, N mislukt`).
 */
export function renderScenarioReport(report: ScenarioReport, options: RenderOptions = {}): string {
  return textAtBoundary('renderScenarioReport', () => {
    const w = scenarioWords(options.lang ?? 'en');
    const width = Math.max(w.expected.length, w.actual.length) + 1;
    const out: string[] = [];
    for (const s of report.scenarios) {
      const n = s.checks.length;
      out.push(`${s.passed ? '✓' : '✗'} ${s.name} (${n} ${w.checks[n === 1 ? 0 : 1]})`);
      for (const c of s.checks) {
        if (c.passed) continue;
        out.push(`  ✗ ${c.text}  (${spanText(c.span)})`);
        out.push(`      ${`${w.expected}:`.padEnd(width)} ${c.expected}`);
        out.push(`      ${`${w.actual}:`.padEnd(width)} ${c.actual}`);
        if (c.excerpt) {
          out.push(`      ${w.trace}:`);
          for (const l of c.excerpt.split('\n')) out.push(`        ${l}`);
        }
      }
      if (s.stoppedAt !== null) out.push(`  ${w.stopped(s.stoppedAt + 1)}`);
    }
    if (options.coverage !== false) out.push('', renderCoverage(report.coverage, options.lang));
    if (options.summary !== false) out.push(w.summary(report.passed, report.failed));
    return `${out.join('\n')}\n`;
  });
}
