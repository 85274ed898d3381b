/**
 * Text rendering of a scenario report: one line per scenario, failures with expected, actual and
 * a trace excerpt, the coverage summary, and a last line `N passed, N failed` (counting checks).
 */
import type { Coverage, ScenarioReport } from './types.js';
import { spanText } from './run.js';
import { textAtBoundary } from '../model/guard.js';

/** Options of {@link renderScenarioReport}. */
export interface RenderOptions {
  /** Include the coverage summary (default true). */
  readonly coverage?: boolean;
  /** End with the line `N passed, N failed` (default true). */
  readonly summary?: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The coverage summary as lines (no trailing newline). */
export function renderCoverage(c: Coverage): string {
  const out: string[] = ['coverage:'];
  const notList = (label: string, names: readonly string[], wrap: (n: string) => string): void => {
    if (names.length > 0) out.push(`    ${label}: ${names.map(wrap).join(', ')}`);
  };
  const act = (n: string): string => `<<${n}>>`;
  const duty = (n: string): string => `<${n}>`;
  out.push(`  acts taken: ${c.acts.taken.length}/${c.acts.total}`);
  notList('not taken', c.acts.notTaken, act);
  out.push(`  precondition branches seen true and false: ${c.branches.covered}/${c.branches.total}`);
  for (const b of c.branches.all) {
    if (b.seenTrue && b.seenFalse) continue;
    const missing = !b.seenTrue && !b.seenFalse ? 'never evaluated' : b.seenTrue ? 'never false' : 'never true';
    out.push(`    <<${b.act}>> ${b.operand}: ${missing}`);
  }
  const d = c.duties;
  out.push(
    `  duties activated: ${d.activated.length}/${d.total}, terminated: ${d.terminated.length}/${d.total}, violated: ${d.violated.length}/${d.total}`,
  );
  notList('not activated', d.notActivated, duty);
  notList('not terminated', d.notTerminated, duty);
  notList('not violated', d.notViolated, duty);
  return out.join('\n');
}

/** The report as text; unless `summary: false`, the last line is exactly `N passed, N failed`. */
export function renderScenarioReport(report: ScenarioReport, options: RenderOptions = {}): string {
  return textAtBoundary('renderScenarioReport', () => {
    const out: string[] = [];
    for (const s of report.scenarios) {
      const n = s.checks.length;
      out.push(`${s.passed ? '✓' : '✗'} ${s.name} (${plural(n, 'check')})`);
      for (const c of s.checks) {
        if (c.passed) continue;
        out.push(`  ✗ ${c.text}  (${spanText(c.span)})`);
        out.push(`      expected: ${c.expected}`);
        out.push(`      actual:   ${c.actual}`);
        if (c.excerpt) {
          out.push('      trace:');
          for (const l of c.excerpt.split('\n')) out.push(`        ${l}`);
        }
      }
      if (s.stoppedAt !== null) out.push(`  stopped at step ${s.stoppedAt + 1}; later steps were not run`);
    }
    if (options.coverage !== false) out.push('', renderCoverage(report.coverage));
    if (options.summary !== false) out.push(`${report.passed} passed, ${report.failed} failed`);
    return `${out.join('\n')}\n`;
  });
}
