import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { positionAt } from '../../src/model/span.js';
import type { Span } from '../../src/model/span.js';
import { renderDiagnostics, summary } from '../../src/report/index.js';

const text = 'fact [a]\n\tact <<b>> { preconditions: [c] }\nlast line\n';
const at = (start: number, end: number, file = 'm.flint'): Span => ({
  file,
  start: positionAt(text, start),
  end: positionAt(text, end),
});
const offsetOf = (s: string): number => text.indexOf(s);

describe('renderDiagnostics', () => {
  test('renders location, source line, carets under the span, hint, notes and a summary', () => {
    const c = offsetOf('[c]');
    const d: Diagnostic = {
      code: 'unknown-reference',
      severity: 'error',
      message: 'Act «b» refers to fact «c», which is not declared.',
      span: at(c, c + 3),
      hint: 'Declare [c].',
      related: [{ message: 'Act declared here.', span: at(offsetOf('<<b>>'), offsetOf('<<b>>') + 5) }],
    };
    const out = renderDiagnostics([d], { 'm.flint': text });
    expect(out).toBe(
      [
        'm.flint:2:29: error unknown-reference: Act «b» refers to fact «c», which is not declared.',
        '2 | \tact <<b>> { preconditions: [c] }',
        `  | \t${' '.repeat(27)}^^^`,
        '  hint: Declare [c].',
        '  note: m.flint:2:6: Act declared here.',
        '',
        '1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  test('a zero-width span gets one caret and a multi-line span is underlined to the end of its first line', () => {
    const out = renderDiagnostics(
      [
        { code: 'x', severity: 'warning', message: 'Empty.', span: at(5, 5) },
        { code: 'y', severity: 'info', message: 'Long.', span: at(0, offsetOf('last')) },
      ],
      { 'm.flint': text },
    );
    expect(out).toContain('1 | fact [a]\n  | ^^^^^^^^\n');
    expect(out).toContain('1 | fact [a]\n  |      ^\n');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 errors, 1 warning, 1 info');
  });

  test('JSON-path-only diagnostics render file, path and message; unknown source text renders without excerpt', () => {
    const out = renderDiagnostics(
      [
        { code: 'schema', severity: 'error', message: 'Expected a string.', path: '/acts/0/act' },
        { code: 'z', severity: 'warning', message: 'Elsewhere.', span: at(0, 4, 'other.flint') },
      ],
      { 'model.json': '{}' },
    );
    expect(out).toBe(
      [
        'model.json: /acts/0/act: error schema: Expected a string.',
        '',
        'other.flint:1:1: warning z: Elsewhere.',
        '',
        '1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  test('color wraps severities and carets in ANSI escapes only when asked', () => {
    const d: Diagnostic = { code: 'c', severity: 'error', message: 'M.', span: at(0, 4) };
    expect(renderDiagnostics([d], { 'm.flint': text })).not.toContain('\u001b[');
    const colored = renderDiagnostics([d], { 'm.flint': text }, { color: true });
    expect(colored).toContain('\u001b[31merror\u001b[0m');
    expect(colored).toContain('\u001b[31m^^^^\u001b[0m');
  });

  test('diagnostics are rendered in position order whatever the input order', () => {
    const a: Diagnostic = { code: 'a', severity: 'error', message: 'A.', span: at(20, 21) };
    const b: Diagnostic = { code: 'b', severity: 'error', message: 'B.', span: at(0, 1) };
    expect(renderDiagnostics([a, b], { 'm.flint': text })).toBe(renderDiagnostics([b, a], { 'm.flint': text }));
    expect(renderDiagnostics([a, b], { 'm.flint': text }).indexOf('B.')).toBeLessThan(
      renderDiagnostics([a, b], { 'm.flint': text }).indexOf('A.'),
    );
  });

  test('summary counts errors and warnings with correct plurals', () => {
    expect(summary([])).toBe('0 errors, 0 warnings');
    expect(summary([{ code: 'a', severity: 'warning', message: '' }])).toBe('0 errors, 1 warning');
  });
});

describe('renderDiagnostics on long lines', () => {
  test('shows a window of the line around the span, marked with …, with the carets under the span', () => {
    const long = `${'x'.repeat(500)}[fout]${'y'.repeat(500)}`;
    const start = long.indexOf('[fout]');
    const span: Span = { file: 'l.flint', start: positionAt(long, start), end: positionAt(long, start + 6) };
    const out = renderDiagnostics(
      [{ code: 'c', severity: 'error', message: 'm', span }],
      { 'l.flint': long },
      { summary: false },
    );
    const [, source, carets] = out.split('\n') as [string, string, string];
    expect(source.length).toBeLessThan(140);
    expect(source).toMatch(/^1 \| …x+\[fout\]y+…$/);
    // The carets stand exactly under «[fout]» in the cut line.
    expect(source.slice(carets.indexOf('^'), carets.lastIndexOf('^') + 1)).toBe('[fout]');
  });

  test('a span at the very start or end of a long line is shown with only one cut', () => {
    const long = 'z'.repeat(300);
    const first: Span = { file: 'l.flint', start: positionAt(long, 0), end: positionAt(long, 1) };
    const last: Span = { file: 'l.flint', start: positionAt(long, 299), end: positionAt(long, 300) };
    const render = (span: Span) =>
      renderDiagnostics(
        [{ code: 'c', severity: 'error', message: 'm', span }],
        { 'l.flint': long },
        { summary: false },
      ).split('\n');
    expect(render(first)[1]).toMatch(/^1 \| z+…$/);
    expect(render(first)[2]).toBe('  | ^');
    expect(render(last)[1]).toMatch(/^1 \| …z+$/);
    expect(render(last)[2]?.endsWith('^')).toBe(true);
    expect(render(last)[2]?.length).toBe(render(last)[1]?.length);
  });
});
