/**
 * `parse`: .flint text → Model AST + diagnostics (grammar/README.md). Never throws.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import { positionAt } from '../model/span.js';
import { ENCODING_HINT, encodingProblem } from '../model/encoding.js';
import { DECIMAL_MAX_EXPONENT, DECIMAL_PRECISION, dateProblem, parseNumber } from '../model/literals.js';
import { flintParser } from '../../grammar/parser.js';
import { DateLiteral, DURATION_UNITS, flintLexer, K, LParen, MONTH_NAMES } from '../../grammar/tokens.js';
import { AstBuilder } from './to-ast.js';
import { atBoundary } from '../model/guard.js';

const finite = (t: IToken | undefined): t is IToken => t !== undefined && Number.isFinite(t.startOffset);

/** At most this many lexical errors are listed one by one; a file with more is probably no .flint text. */
export const MAX_LEX_ERRORS = 20;

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

/** Durations count at most this many digits: a longer one leaves the date range (years 1..9999) anyway. */
export const MAX_DURATION_DIGITS = 9;

/**
 * One diagnostic per literal token whose value the engine cannot hold: a date that does not exist
 * or lies outside years 1..9999 (`invalid-date`), a number beyond the decimal limits or a duration
 * count beyond {@link MAX_DURATION_DIGITS} digits (`invalid-number`). Token-level, so it covers
 * expressions, `valid:`, `version:` and scenario steps alike.
 */
function literalProblems(tokens: readonly IToken[], builder: AstBuilder): Diagnostic[] {
  const out: Diagnostic[] = [];
  tokens.forEach((t, i) => {
    const kind = t.tokenType.name;
    if (kind === 'DateLiteral') {
      const problem = dateProblem(t.image);
      if (problem !== null) {
        out.push({
          code: 'invalid-date',
          severity: 'error',
          message: problem,
          span: builder.tokenSpan(t),
          hint: 'Write an existing date YYYY-MM-DD in the years 0001 to 9999.',
        });
      }
    } else if (kind === 'IntegerLiteral' || kind === 'DecimalLiteral') {
      const next = tokens[i + 1];
      const isCount = kind === 'IntegerLiteral' && next !== undefined && Object.hasOwn(DURATION_UNITS, next.image);
      const digits = t.image.replace(/^0+(?=\d)/, '');
      const shown = digits.length > 40 ? `${digits.slice(0, 40)}…` : digits;
      if (isCount && digits.length > MAX_DURATION_DIGITS) {
        out.push({
          code: 'invalid-number',
          severity: 'error',
          message: `The duration ${shown} ${next.image} reaches beyond the date range (years 0001 to 9999).`,
          span: builder.tokenSpan(t),
          hint: `A duration counts at most ${MAX_DURATION_DIGITS} digits.`,
        });
      } else if (!isCount) {
        const n = parseNumber(t.image);
        if (!n.ok) {
          out.push({
            code: 'invalid-number',
            severity: 'error',
            message: `The number ${shown} cannot be used: ${n.reason}.`,
            span: builder.tokenSpan(t),
            hint:
              `Numbers have at most ${DECIMAL_PRECISION} significant digits ` +
              `and lie within 10^±${DECIMAL_MAX_EXPONENT}.`,
          });
        }
      }
    }
  });
  return out;
}

/**
 * Dates written in words (`15 april 2024`, `1 januari 2025`) become one date token (`2024-04-15`)
 * with one `invalid-date` error saying how to write it, so the rest of the line parses as intended
 * instead of being read as `15` with the rest dropped or cascading into syntax errors.
 */
function wordDates(tokens: readonly IToken[], builder: AstBuilder, out: Diagnostic[]): IToken[] {
  const result: IToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const d = tokens[i];
    if (d?.tokenType.name !== 'IntegerLiteral') {
      if (d !== undefined) result.push(d);
      continue;
    }
    const m = tokens[i + 1];
    const y = tokens[i + 2];
    const month = m === undefined ? undefined : MONTH_NAMES[m.image.toLowerCase()];
    if (
      d?.tokenType.name === 'IntegerLiteral' &&
      /^\d{1,2}$/.test(d.image) &&
      month !== undefined &&
      m?.tokenType.name === 'Identifier' &&
      y?.tokenType.name === 'IntegerLiteral' &&
      /^\d{4}$/.test(y.image)
    ) {
      const iso = `${y.image}-${String(month).padStart(2, '0')}-${d.image.padStart(2, '0')}`;
      const written = `${d.image} ${m.image} ${y.image}`;
      const span = { ...builder.tokenSpan(d), end: builder.tokenSpan(y).end };
      const problem = dateProblem(iso);
      out.push({
        code: 'invalid-date',
        severity: 'error',
        message: `Dates are written YYYY-MM-DD, not «${written}».`,
        span,
        hint: problem === null ? `Write ${iso}.` : problem,
      });
      result.push({
        ...d,
        image: problem === null ? iso : '0001-01-01',
        tokenType: DateLiteral,
        tokenTypeIdx: DateLiteral.tokenTypeIdx ?? d.tokenTypeIdx,
        endOffset: y.endOffset,
        endLine: y.endLine,
        endColumn: y.endColumn,
      });
      i += 2;
    } else if (d !== undefined) {
      result.push(d);
    }
  }
  return result;
}

const OPERAND_END = new Set([
  'FactName',
  'DutyName',
  'ActName',
  'RParen',
  'IntegerLiteral',
  'DecimalLiteral',
  'DateLiteral',
  'True',
  'False',
  'QuotedString',
  'TextBlock',
  'Identifier',
  'Today',
]);
const OPERAND_START = new Set([
  'FactName',
  'DutyName',
  'ActName',
  'LParen',
  'IntegerLiteral',
  'DecimalLiteral',
  'DateLiteral',
  'True',
  'False',
  'QuotedString',
  'TextBlock',
  'Identifier',
  'Today',
  'Not',
  'Minus',
  'Count',
  'Exists',
  'Forall',
  'Sum',
  'Min',
  'Max',
]);

/**
 * The Dutch operator words `en` (and) and `niet` (not), where only an operator can stand: `en`
 * between two operands, `niet` before an operand and not after one. Elsewhere they stay names
 * (`language: en`). `of` is not read as `or`: it is the keyword of projections (`[x] of [y]`).
 */
function dutchOperators(tokens: IToken[]): IToken[] {
  const out: IToken[] = [];
  tokens.forEach((t, i) => {
    const before = out[i - 1];
    const next = tokens[i + 1];
    const afterOperand = before !== undefined && OPERAND_END.has(before.tokenType.name);
    const nextStarts = next !== undefined && OPERAND_START.has(next.tokenType.name) && next.image !== 'en';
    if (t.tokenType.name === 'Identifier' && t.image === 'en' && afterOperand && nextStarts) {
      out.push({ ...t, tokenType: K.And, tokenTypeIdx: K.And.tokenTypeIdx ?? t.tokenTypeIdx });
    } else if (t.tokenType.name === 'Identifier' && t.image === 'niet' && !afterOperand && nextStarts) {
      out.push({ ...t, tokenType: K.Not, tokenTypeIdx: K.Not.tokenTypeIdx ?? t.tokenTypeIdx });
    } else {
      out.push(t);
    }
  });
  return out;
}

/**
 * Text nests at most this deep: each open parenthesis and each `not`, prefix `-`, `if` and
 * aggregate (`count`, `exists`, `forall`, `sum`, `min`, `max` with bindings) whose operand is
 * still open counts one level. Deeper text is refused before parsing (the parser recurses), so the
 * answer never depends on how much stack the caller left.
 */
export const MAX_NESTING = 64;

/** An operator that encloses what follows it, and which of its parts is being read. */
type Opener =
  | { kind: 'prefix'; minus: boolean }
  | { kind: 'if'; part: 'condition' | 'then' | 'else' }
  | { kind: 'aggregate'; part: 'bindings' | 'where' | 'body'; range?: boolean };

const BINARY = new Set(['Eq', 'Ne', 'Le', 'Ge', 'Lt', 'Gt', 'Plus', 'Minus', 'Star', 'Slash']);
const RANGE_ENDS = new Set(['And', 'Or', 'Eq', 'Ne', 'Le', 'Ge', 'Lt', 'Gt']);
const AGGREGATES = new Set(['Count', 'Exists', 'Forall', 'Sum', 'Min', 'Max']);
const DECLARATIONS = new Set(['Import', 'Source', 'Fact', 'Act', 'Duty', 'Scenario', 'Model', 'LCurly', 'RCurly']);

/**
 * The first token nested deeper than {@link MAX_NESTING} (see there), if any. One pass over the
 * tokens without recursion: a stack of parenthesis frames, each with the operators open in it. An
 * operator closes where its operand ends: a prefix `-` before a binary operator, `not` before
 * `and`/`or`, every operator where its enclosing part ends (`)`, `,`, `then`, `else`, `where`, `:`,
 * a declaration or brace) or where an operand follows an operand (the expression ended).
 */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  const frames: Opener[][] = [[]];
  let depth = 0;
  let prev: IToken | undefined;
  /** The `in` of the month range being read (`m: month in 2025`): the operand after it starts the range. */
  let rangeIn: IToken | undefined;
  const top = (): Opener[] => frames[frames.length - 1] as Opener[];
  /** Closes the innermost operators of the current frame while `closes` says so. */
  const closeWhile = (closes: (o: Opener) => boolean): Opener | undefined => {
    const open = top();
    for (let o = open.at(-1); o !== undefined; o = open.at(-1)) {
      if (!closes(o)) return o;
      open.pop();
      depth--;
    }
    return undefined;
  };
  const open = (o: Opener): void => {
    top().push(o);
    depth++;
  };
  for (const [i, t] of tokens.entries()) {
    const name = t.tokenType.name;
    const last = top().at(-1);
    if (last?.kind === 'aggregate' && last.part === 'bindings' && !last.range && prev?.tokenType.name === 'FactName') {
      // The bindings ended without `where` or `:`: so did the aggregate.
      if (name !== 'Where' && name !== 'Colon' && name !== 'Comma') closeWhile((o) => o === last);
    }
    const afterOperand = prev !== undefined && OPERAND_END.has(prev.tokenType.name);
    const agg = top().at(-1);
    const inBindings = agg?.kind === 'aggregate' && agg.part === 'bindings';
    // In a month range (`m: month in 2025`) the tokens are an expression: operands end it as elsewhere.
    const inRange = inBindings && agg.range === true;
    const binding = inBindings && !inRange;
    if (binding && t.image === 'in' && prev?.tokenType.name === 'Identifier' && agg.kind === 'aggregate') {
      agg.range = true;
      rangeIn = t;
    }
    const isUnit = prev?.tokenType.name === 'IntegerLiteral' && Object.hasOwn(DURATION_UNITS, t.image);
    if (afterOperand && OPERAND_START.has(name) && name !== 'LParen' && !isUnit && !binding && prev !== rangeIn) {
      closeWhile(() => true); // two operands in a row: the expression before ended
    }
    if (inRange && RANGE_ENDS.has(name)) {
      // A range is an additive expression: a comparison, `and` or `or` after it ends the aggregate.
      closeWhile((o) => o === agg);
    }
    if (name === 'LParen') {
      frames.push([]);
      depth++;
    } else if (name === 'RParen') {
      if (frames.length > 1) {
        depth -= top().length + 1;
        frames.pop();
      }
    } else if (name === 'Not' && !afterOperand) {
      open({ kind: 'prefix', minus: false });
    } else if (name === 'Minus' && !afterOperand) {
      open({ kind: 'prefix', minus: true });
    } else if (name === 'And' || name === 'Or') {
      closeWhile((o) => o.kind === 'prefix');
    } else if (BINARY.has(name)) {
      closeWhile((o) => o.kind === 'prefix' && o.minus);
    } else if (name === 'If') {
      open({ kind: 'if', part: 'condition' });
    } else if (AGGREGATES.has(name) && tokens[i + 1]?.tokenType !== LParen) {
      open({ kind: 'aggregate', part: 'bindings' });
    } else if (name === 'Then' || name === 'Else') {
      const want = name === 'Then' ? 'condition' : 'then';
      const o = closeWhile((x) => !(x.kind === 'if' && x.part === want));
      if (o?.kind === 'if') o.part = name === 'Then' ? 'then' : 'else';
    } else if (name === 'Where' || (name === 'Colon' && !(binding && prev?.tokenType.name === 'Identifier'))) {
      const o = closeWhile((x) => !(x.kind === 'aggregate' && (x.part === 'bindings' || x.part === 'where')));
      if (o?.kind === 'aggregate') o.part = name === 'Where' ? 'where' : 'body';
    } else if (name === 'Comma' && inRange && tokens[i + 2]?.tokenType.name === 'Colon' && agg.kind === 'aggregate') {
      agg.range = false; // the next binding
    } else if (name === 'Comma' && !binding) {
      closeWhile(() => true);
    } else if (DECLARATIONS.has(name)) {
      closeWhile(() => true);
    }
    if (depth > MAX_NESTING) return t;
    prev = t;
  }
  return undefined;
}

function parseUnsafe(text: string, file: string): Result<Model> {
  const diagnostics: Diagnostic[] = [];
  const encoding = encodingProblem(text);
  if (encoding !== null) {
    // Every other character would be a lexical error: say what is wrong once.
    diagnostics.push({
      code: 'invalid-encoding',
      severity: 'error',
      message: encoding,
      span: spanAt(text, file, 0, 0),
      hint: ENCODING_HINT,
    });
    return { value: emptyModel(file), diagnostics };
  }
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
      diagnostics.push({
        code: 'lex-error',
        severity: 'error',
        message: 'Text string is not closed before the end of the line.',
        span: builder.tokenSpan(t),
        hint: 'Add the closing ", or use """ for text over several lines.',
      });
    } else if (t.tokenType.name === 'UnterminatedFactName') {
      diagnostics.push({
        code: 'lex-error',
        severity: 'error',
        message: `Fact name ${t.image} is not closed before the end of the line.`,
        span: builder.tokenSpan(t),
        hint: 'Add the closing ].',
      });
    }
  }
  if (lexed.errors.length > MAX_LEX_ERRORS) {
    // Binary data or another language: listing every stray character helps nobody.
    const rest = lexed.errors.length - MAX_LEX_ERRORS;
    diagnostics.push({
      code: 'too-many-errors',
      severity: 'error',
      message:
        `${rest} more characters or sequences that are not part of the .flint language follow; ` +
        'they are not listed.',
      span: spanAt(text, file, text.length, text.length),
      hint: 'Is this a .flint file? FLINT JSON files must end in .json.',
    });
    return { value: emptyModel(file), diagnostics: sortDiagnostics(diagnostics) };
  }
  const tokens = dutchOperators(wordDates(lexed.tokens, builder, diagnostics));
  const deep = tooDeep(tokens);
  if (deep !== undefined) {
    diagnostics.push({
      code: 'nesting-too-deep',
      severity: 'error',
      message: `The text nests more than ${MAX_NESTING} levels deep here; the file is not read further.`,
      span: builder.tokenSpan(deep),
      hint:
        'Parentheses, not, -, if and aggregates each open a level: ' +
        'split the expression into named facts that refer to each other.',
    });
    return { value: emptyModel(file), diagnostics: sortDiagnostics(diagnostics) };
  }
  const parser = flintParser();
  parser.input = tokens;
  parser.declarationSink = builder.declarationSink;
  let cst: ReturnType<typeof parser.model>;
  try {
    cst = parser.model();
  } finally {
    parser.declarationSink = undefined;
  }
  // A token right after a lexical error is where the parser trips over its consequences: the
  // lexical error already explains it, so parser errors there are not reported again.
  const seen = new Set<number>();
  const errorEnds = [
    ...lexed.errors.map((e) => e.offset + e.length),
    ...lexed.tokens
      .filter((t) => t.tokenType.name.startsWith('Unterminated'))
      .map((t) => (t.endOffset ?? t.startOffset) + 1),
  ];
  for (const end of errorEnds) {
    const next = lexed.tokens.find((t) => t.startOffset >= end);
    seen.add(next ? next.startOffset : text.length);
  }
  const syntaxError = (message: string, span: Span, hint?: string): void => {
    // Recovery can report the same place more than once; one diagnostic per place.
    if (seen.has(span.start.offset)) return;
    seen.add(span.start.offset);
    diagnostics.push({
      code: 'syntax-error',
      severity: 'error',
      message,
      span,
      ...(hint === undefined ? {} : { hint }),
    });
  };
  for (const e of parser.errors) syntaxError(e.message, errorSpan(text, file, e, builder));
  // The shared parser would hold on to this file's tokens (and its errors) until the next parse.
  parser.input = [];
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
  diagnostics.push(...builder.diagnostics, ...literalProblems(tokens, builder));
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
  return atBoundary(
    'parse',
    (d) => ({ value: emptyModel(typeof file === 'string' ? file : ''), diagnostics: [d] }),
    () => {
      try {
        return parseUnsafe(text, file);
      } catch (err) {
        const end = positionAt(text, 0);
        return {
          value: { kind: 'Model', header: null, declarations: [], span: { file, start: end, end } },
          diagnostics: [
            {
              code: 'internal-error',
              severity: 'error',
              message:
                `The parser failed unexpectedly on ${file}: ` + `${err instanceof Error ? err.message : String(err)}.`,
              span: { file, start: end, end },
              hint: 'This is a bug in Calculemus; please report it with the file.',
            },
          ],
        };
      }
    },
  );
}
