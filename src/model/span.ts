/**
 * Source positions. Every AST node carries a {@link Span}; diagnostics point at spans
 * (text input) or at JSON paths (FLINT JSON input, which also gets a span when the text is known).
 */

/** A position in a source text. */
export interface Pos {
  /** Line of the character, 1-based. */
  readonly line: number;
  /** Column of the character, 1-based, counted in UTF-16 code units. */
  readonly column: number;
  /** Offset of the character from the start of the text, 0-based, in UTF-16 code units. */
  readonly offset: number;
}

/** A range in one source file: `start` inclusive, `end` exclusive. */
export interface Span {
  /** The file name as given to the parser or importer (never made absolute by the library). */
  readonly file: string;
  readonly start: Pos;
  readonly end: Pos;
}

/** The position used for synthetic nodes (recovery placeholders, generated frames): line 1, column 1. */
export const START_POS: Pos = Object.freeze({ line: 1, column: 1, offset: 0 });

/** A zero-width span at the start of `file`, for nodes that have no text of their own. */
export function emptySpan(file: string): Span {
  return { file, start: START_POS, end: START_POS };
}

/** The smallest span that covers both `a` and `b` (which must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return { file: a.file, start, end };
}

/** Compute the position of `offset` in `text` (1-based line and column). */
export function positionAt(text: string, offset: number): Pos {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1, offset: clamped };
}
