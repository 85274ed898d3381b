/**
 * Human-readable rendering of diagnostics, graphql-js style: a location line, the source line
 * with carets under the span, the hint, then a summary line.
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import { textAtBoundary } from '../model/guard.js';

/** Options of {@link renderDiagnostics}. */
export interface RenderOptions {
  /** Colour the severity and carets with ANSI escapes; default false. */
  readonly color?: boolean;
  /** End with the `N errors, N warnings` line; default true. */
  readonly summary?: boolean;
}

const ANSI: Record<Severity | 'bold' | 'dim' | 'reset', string> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
};

/**
 * Render `diagnostics` (sorted by position first) against the source texts they point into.
 * Each one is `file:line:col: severity code: message`, the source line, a caret line under the
 * span and `  hint: ...`; a diagnostic with only a JSON path is `file: path: severity code: message`.
 * Ends with the summary line `N errors, N warnings` (and infos when there are any).
 */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: Readonly<Record<string, string>>,
  options: RenderOptions = {},
): string {
  return textAtBoundary('renderDiagnostics', () => {
    const color = options.color ?? false;
    const paint = (style: keyof typeof ANSI, s: string): string => (color ? `${ANSI[style]}${s}${ANSI.reset}` : s);
    const files = Object.keys(sources);
    const fallbackFile = files.length === 1 ? (files[0] as string) : '<input>';
    const blocks: string[] = [];
    for (const d of sortDiagnostics(diagnostics)) {
      const lines: string[] = [];
      const head = `${paint(d.severity, d.severity)} ${paint('bold', d.code)}: ${d.message}`;
      if (d.span) {
        const where = `${d.span.file}:${d.span.start.line}:${d.span.start.column}`;
        // The root's JSON Pointer is empty: the position alone says where.
        lines.push(d.path ? `${where}: ${d.path}: ${head}` : `${where}: ${head}`);
        const text = Object.hasOwn(sources, d.span.file) ? sources[d.span.file] : undefined;
        if (text !== undefined)
          lines.push(
            ...excerpt(
              text,
              d.span,
              (s) => paint(d.severity, s),
              (s) => paint('dim', s),
            ),
          );
      } else {
        lines.push(d.path ? `${fallbackFile}: ${d.path}: ${head}` : `${fallbackFile}: ${head}`);
      }
      if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
      for (const r of d.related ?? []) {
        const at = r.span
          ? `${r.span.file}:${r.span.start.line}:${r.span.start.column}`
          : r.path !== undefined
            ? r.path
            : '';
        lines.push(at === '' ? `  note: ${r.message}` : `  note: ${at}: ${r.message}`);
      }
      blocks.push(lines.join('\n'));
    }
    if (options.summary ?? true) blocks.push(summary(diagnostics));
    return `${blocks.join('\n\n')}\n`;
  });
}

/** `N errors, N warnings` (plus `, N infos` when there are infos). */
export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity): number => diagnostics.filter((d) => d.severity === s).length;
  const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
  const infos = count('info');
  return `${n(count('error'), 'error')}, ${n(count('warning'), 'warning')}${infos > 0 ? `, ${n(infos, 'info')}` : ''}`;
}

/** The source line of the span's start and a caret line under the span (to the end of that line). */
/** Excerpts show at most this many characters of a source line, around the span. */
const MAX_EXCERPT = 120;

function excerpt(text: string, span: Span, caret: (s: string) => string, gutter: (s: string) => string): string[] {
  const all = text.split(/\r?\n/);
  const fullLine = all[span.start.line - 1];
  if (fullLine === undefined) return [];
  const num = String(span.start.line);
  const pad = ' '.repeat(num.length);
  let startCol = Math.min(span.start.column - 1, fullLine.length);
  let endCol = span.end.line === span.start.line ? Math.min(span.end.column - 1, fullLine.length) : fullLine.length;
  // A long line (minified JSON, a generated model) is cut to a window that starts a little before
  // the span, so one diagnostic never prints kilobytes; `…` marks what was cut.
  let lineText = fullLine;
  if (fullLine.length > MAX_EXCERPT) {
    const from = Math.max(0, Math.min(startCol - 20, fullLine.length - MAX_EXCERPT));
    const to = Math.min(fullLine.length, from + MAX_EXCERPT);
    const before = from > 0 ? '…' : '';
    lineText = `${before}${fullLine.slice(from, to)}${to < fullLine.length ? '…' : ''}`;
    startCol = startCol - from + before.length;
    endCol = Math.min(endCol, to) - from + before.length;
  }
  const width = Math.max(1, endCol - startCol);
  // Keep tabs so the carets line up with the source line in a terminal.
  const lead = lineText.slice(0, startCol).replace(/[^\t]/g, ' ');
  return [`${gutter(`${num} |`)} ${lineText}`, `${gutter(`${pad} |`)} ${lead}${caret('^'.repeat(width))}`];
}
