/**
 * `parse`: .flint text → Model AST + diagnostics (grammar/README.md). Never throws.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import { positionAt } from '../model/span.js';
import { flintParser } from '../../grammar/parser.js';
import { flintLexer, LParen, RParen } from '../../grammar/tokens.js';
import { AstBuilder } from './to-ast.js';

const finite = (t: IToken | undefined): t is IToken => t !== undefined && Number.isFinite(t.startOffset);

/** Parentheses nest at most this deep; deeper text is refused before parsing (the parser recurses). */
export const MAX_NESTING = 64;

/** At most this many lexical errors are listed one by one; a file with more is probably no .flint text. */
export const MAX_LEX_ERRORS = 20;

/** The first opening parenthesis nested deeper than {@link MAX_NESTING}, if any. */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === LParen) {
      depth++;
      if (depth > MAX_NESTING) return t;
    } else if (t.tokenType === RParen) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function emptyModel(file: string): Model {
  const start = positionAt('', 0);
  return { kind: 'Model', header: null, declarations: [], span: { file, start, end: start } };
}

function spanAt(text: string, file: string, start: number, end: number): Span {
  return { file, start: positionAt(text, start), end: positionAt(text, end) };
}

/** Where a parser error points: the offending token, else just after the previous token, else the end of the file. */
function errorSpan(text: string, file: string, e: IRecognitionException, builder: AstBuilder): Span {
  if (finite(e.token) && e.token.isInsertedInRecovery !== true) return builder.tokenSpan(e.token);
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  if (finite(prev)) {
    const end = (prev.endOffset ?? prev.startOffset) + 1;
    return spanAt(text, file, end, end);
  }
  return spanAt(text, file, text.length, text.length);
}

function parseUnsafe(text: string, file: string): Result<Model> {
  const diagnostics: Diagnostic[] = [];
  const lexed = flintLexer.tokenize(text);
  for (const e of lexed.errors.slice(0, MAX_LEX_ERRORS)) {
    diagnostics.push({
      code: 'lex-error',
      severity: 'error',
      message: e.message,
      span: spanAt(text, file, e.offset, e.offset + e.length),
      hint: lexHint(text.charAt(e.offset)),
    });
  }
  const builder = new AstBuilder(text, file);
  for (const t of lexed.tokens) {
    if (t.tokenType.name === 'UnterminatedString') {
      diagnostics.push({ code: 'lex-error', severity: 'error', message: 'Text string is not closed before the end of the line.', span: builder.tokenSpan(t), hint: 'Add the closing ", or use """ for text over several lines.' });
    } else if (t.tokenType.name === 'UnterminatedFactName') {
      diagnostics.push({ code: 'lex-error', severity: 'error', message: `Fact name ${t.image} is not closed before the end of the line.`, span: builder.tokenSpan(t), hint: 'Add the closing ].' });
    }
  }
  if (lexed.errors.length > MAX_LEX_ERRORS) {
    // Binary data or another language: listing every stray character helps nobody.
    const rest = lexed.errors.length - MAX_LEX_ERRORS;
    diagnostics.push({
      code: 'too-many-errors',
      severity: 'error',
      message: `${rest} more characters or sequences that are not part of the .flint language follow; they are not listed.`,
      span: spanAt(text, file, text.length, text.length),
      hint: 'Is this a .flint file? FLINT JSON files must end in .json.',
    });
    return { value: emptyModel(file), diagnostics: sortDiagnostics(diagnostics) };
  }
  const deep = tooDeep(lexed.tokens);
  if (deep !== undefined) {
    diagnostics.push({
      code: 'nesting-too-deep',
      severity: 'error',
      message: `Parentheses nest more than ${MAX_NESTING} levels deep here; the file is not read further.`,
      span: builder.tokenSpan(deep),
      hint: 'Split the expression into named facts that refer to each other.',
    });
    return { value: emptyModel(file), diagnostics: sortDiagnostics(diagnostics) };
  }
  const parser = flintParser();
  parser.input = lexed.tokens;
  const cst = parser.model();
  // A token right after a lexical error is where the parser trips over its consequences: the
  // lexical error already explains it, so parser errors there are not reported again.
  const seen = new Set<number>();
  const errorEnds = [
    ...lexed.errors.map((e) => e.offset + e.length),
    ...lexed.tokens.filter((t) => t.tokenType.name.startsWith('Unterminated')).map((t) => (t.endOffset ?? t.startOffset) + 1),
  ];
  for (const end of errorEnds) {
    const next = lexed.tokens.find((t) => t.startOffset >= end);
    seen.add(next ? next.startOffset : text.length);
  }
  const syntaxError = (message: string, span: Span, hint?: string): void => {
    // Recovery can report the same place more than once; one diagnostic per place.
    if (seen.has(span.start.offset)) return;
    seen.add(span.start.offset);
    diagnostics.push({ code: 'syntax-error', severity: 'error', message, span, ...(hint === undefined ? {} : { hint }) });
  };
  for (const e of parser.errors) syntaxError(e.message, errorSpan(text, file, e, builder));
  for (const j of (cst.children['junk'] ?? []) as unknown as { children: { Junk?: IToken[] } }[]) {
    const first = j.children.Junk?.[0];
    if (!finite(first)) continue;
    syntaxError(
      `Expected a declaration (import, source, fact, act, duty or scenario) but found '${first.image}'.`,
      builder.tokenSpan(first),
      'Every declaration starts with import, source, fact, act, duty or scenario; a model header comes first.',
    );
  }
  const model = builder.model(cst);
  diagnostics.push(...builder.diagnostics);
  return { value: model, diagnostics: sortDiagnostics(diagnostics) };
}

/** A hint for characters people type from other languages. */
function lexHint(ch: string): string {
  if (ch === '&') return 'Write and.';
  if (ch === '|') return 'Write or.';
  if (ch === '!') return 'Write not, or != for "not equal".';
  if (ch === "'") return 'Text goes in double quotes: "...".';
  return 'Names of facts, acts and duties go in brackets: [feit], <<handeling>>, <plicht>; text goes in double quotes.';
}

/** Parse one .flint file. Never throws: problems are diagnostics (`lex-error`, `syntax-error`, ...). */
export function parse(text: string, file: string): Result<Model> {
  try {
    return parseUnsafe(text, file);
  } catch (err) {
    const end = positionAt(text, 0);
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      // Deep nesting other than parentheses (e.g. thousands of `not`): a limit, not a bug.
      return {
        value: emptyModel(file),
        diagnostics: [
          {
            code: 'nesting-too-deep',
            severity: 'error',
            message: `${file} nests its constructs too deeply to be read.`,
            span: { file, start: end, end },
            hint: 'Split long chains and deep expressions into named facts that refer to each other.',
          },
        ],
      };
    }
    return {
      value: { kind: 'Model', header: null, declarations: [], span: { file, start: end, end } },
      diagnostics: [
        {
          code: 'internal-error',
          severity: 'error',
          message: `The parser failed unexpectedly on ${file}: ${err instanceof Error ? err.message : String(err)}.`,
          span: { file, start: end, end },
          hint: 'This is a bug in Calculemus; please report it with the file.',
        },
      ],
    };
  }
}
