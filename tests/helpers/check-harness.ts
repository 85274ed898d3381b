/**
 * Two-verb harness for check rules (Langium style): write .flint source with `<|...|>` around the
 * text a diagnostic must point at (`<|>` marks an empty span), then `expectErrors(src, [...])`
 * or `expectValid(src)`. The markers are stripped before parsing.
 */
import { expect } from 'vitest';
import { check } from '../../src/check/index.js';
import type { CheckOptions, CheckedModel } from '../../src/check/index.js';
import type { Diagnostic, Severity } from '../../src/model/diagnostic.js';
import { parse } from '../../src/syntax/index.js';

/** A marked range in the stripped text (offsets, end exclusive). */
export interface MarkedRange {
  /** Start offset in the stripped text. */
  readonly start: number;
  /** End offset (exclusive) in the stripped text. */
  readonly end: number;
}

/** Source text without markers, and the ranges the markers enclosed, in text order. */
export interface Marked {
  /** The text to parse. */
  readonly text: string;
  /** The marked ranges, ordered by start. */
  readonly ranges: readonly MarkedRange[];
}

/** Remove `<|`, `|>` and `<|>` markers from `src`; throws on unbalanced or nested markers (a bug in the test). */
export function stripMarkers(src: string): Marked {
  let text = '';
  const ranges: MarkedRange[] = [];
  let open: number | null = null;
  for (let i = 0; i < src.length; ) {
    if (src.startsWith('<|>', i)) {
      ranges.push({ start: text.length, end: text.length });
      i += 3;
    } else if (src.startsWith('<|', i)) {
      if (open !== null) throw new Error(`nested <| marker at offset ${i}`);
      open = text.length;
      i += 2;
    } else if (src.startsWith('|>', i)) {
      if (open === null) throw new Error(`|> without <| at offset ${i}`);
      ranges.push({ start: open, end: text.length });
      open = null;
      i += 2;
    } else {
      text += src[i];
      i += 1;
    }
  }
  if (open !== null) throw new Error('unclosed <| marker');
  return { text, ranges: ranges.sort((a, b) => a.start - b.start) };
}

/** What a test expects of one diagnostic; it must point at the next marked range. */
export interface ExpectedDiagnostic {
  /** The rule code. */
  readonly code: string;
  /** Checked when given. */
  readonly severity?: Severity;
  /** A substring or pattern of the message, checked when given. */
  readonly message?: string | RegExp;
  /** A substring of the hint, checked when given. */
  readonly hint?: string;
}

/** Options of the harness verbs. */
export interface HarnessOptions extends CheckOptions {
  /** File name given to the parser; default `test.flint`. */
  readonly file?: string;
  /** Allow errors with codes other than the expected ones (default: any such error fails the test). */
  readonly allowOtherErrors?: boolean;
  /** For {@link expectValid}: these codes must not be reported at any severity. */
  readonly codes?: readonly string[];
}

/** Parse (asserting the text has no syntax problems) and check `text`. */
export function checkText(
  text: string,
  options: HarnessOptions = {},
): { checked: CheckedModel; diagnostics: readonly Diagnostic[] } {
  const parsed = parse(text, options.file ?? 'test.flint');
  expect(
    parsed.diagnostics.map((d) => `${d.code}: ${d.message}`),
    'the test source must parse cleanly',
  ).toEqual([]);
  const result = check(parsed.value, { maxDiagnostics: 10_000, ...options });
  return { checked: result.value, diagnostics: result.diagnostics };
}

const show = (text: string, d: Diagnostic): string =>
  d.span
    ? `${d.code} @${d.span.start.offset}-${d.span.end.offset} «${text.slice(d.span.start.offset, d.span.end.offset)}»`
    : `${d.code} @${d.path ?? '?'}`;

/**
 * Assert that checking `src` reports exactly `expected` among the expected codes, the i-th at the
 * i-th marked range, and (unless allowed) no error of another code. Returns the diagnostics.
 */
export function expectErrors(
  src: string,
  expected: readonly ExpectedDiagnostic[],
  options: HarnessOptions = {},
): readonly Diagnostic[] {
  const { text, ranges } = stripMarkers(src);
  if (ranges.length !== expected.length)
    throw new Error(`${expected.length} diagnostics expected but ${ranges.length} ranges marked`);
  const { diagnostics } = checkText(text, options);
  const codes = new Set(expected.map((e) => e.code));
  const relevant = diagnostics.filter((d) => codes.has(d.code));
  const want = expected.map(
    (e, i) => `${e.code} @${ranges[i]!.start}-${ranges[i]!.end} «${text.slice(ranges[i]!.start, ranges[i]!.end)}»`,
  );
  expect(relevant.map((d) => show(text, d))).toEqual(want);
  relevant.forEach((d, i) => {
    const e = expected[i]!;
    if (e.severity !== undefined) expect(d.severity, `severity of ${d.code}`).toBe(e.severity);
    if (typeof e.message === 'string') expect(d.message).toContain(e.message);
    else if (e.message) expect(d.message).toMatch(e.message);
    if (e.hint !== undefined) expect(d.hint ?? '').toContain(e.hint);
  });
  if (!options.allowOtherErrors) {
    expect(
      diagnostics
        .filter((d) => d.severity === 'error' && !codes.has(d.code))
        .map((d) => `${show(text, d)}: ${d.message}`),
    ).toEqual([]);
  }
  return diagnostics;
}

/** Assert that checking `src` reports no error, and nothing at all with a code in `options.codes`. */
export function expectValid(src: string, options: HarnessOptions = {}): readonly Diagnostic[] {
  const { text } = stripMarkers(src);
  const { diagnostics } = checkText(text, options);
  const banned = new Set(options.codes ?? []);
  expect(
    diagnostics
      .filter((d) => d.severity === 'error' || banned.has(d.code))
      .map((d) => `${show(text, d)}: ${d.message}`),
  ).toEqual([]);
  return diagnostics;
}
