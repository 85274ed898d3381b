/**
 * Tokens of the .flint language (grammar/README.md#lexical).
 *
 * Context-sensitive tokens (source ids, meta values) use custom matchers that look at the tokens
 * already lexed, so `awb-4:1` after `sources:` is one token while `a-4` in an expression is three.
 */
import { createToken, Lexer, tokenMatcher } from 'chevrotain';
import type { CustomPatternMatcherFunc, IToken, ITokenConfig, TokenType } from 'chevrotain';

/**
 * Category of every token that cannot start a declaration: the top level skips runs of them as one
 * error, so a typo in a declaration keyword costs one diagnostic rather than the rest of the file.
 */
export const Junk = createToken({ name: 'Junk', pattern: Lexer.NA, label: 'unexpected text' });

const DECLARATION_STARTS = new Set(['Import', 'Source', 'Fact', 'Act', 'Duty', 'Scenario']);

function token(config: ITokenConfig): TokenType {
  if (DECLARATION_STARTS.has(config.name) || config.group !== undefined || config.pattern === Lexer.NA)
    return createToken(config);
  const own =
    config.categories === undefined ? [] : Array.isArray(config.categories) ? config.categories : [config.categories];
  return createToken({ ...config, categories: [...own, Junk] });
}

/** The reserved words of the language: keyword token name → words that lex as it (English first, canonical). */
export const KEYWORDS = {
  Model: ['model'],
  Import: ['import'],
  Source: ['source'],
  Fact: ['fact', 'feit'],
  Act: ['act', 'handeling'],
  Duty: ['duty', 'plicht'],
  Scenario: ['scenario'],
  Closed: ['closed'],
  Meta: ['meta'],
  Not: ['not'],
  And: ['and'],
  Or: ['or'],
  If: ['if'],
  Then: ['then'],
  Else: ['else'],
  Today: ['today'],
  Anyone: ['anyone'],
  Is: ['is'],
  Created: ['created'],
  List: ['list'],
  Of: ['of'],
  Via: ['via'],
  All: ['all'],
  Some: ['some'],
  Where: ['where'],
  Count: ['count'],
  Exists: ['exists'],
  Forall: ['forall'],
  Sum: ['sum'],
  Min: ['min'],
  Max: ['max'],
  True: ['true'],
  False: ['false'],
  Within: ['within'],
  By: ['by'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Words with a meaning only at their place in a scenario step (grammar/README.md#scenarios). They
 * lex as identifiers and stay usable as names elsewhere; the parser recognises them by image.
 */
export const SCENARIO_WORDS = [
  'as',
  'actors',
  'given',
  'does',
  'forces',
  'at',
  'advance',
  'to',
  'expect',
  'unknown',
  'available',
  'for',
  'because',
  'active',
  'violation',
  'no',
  'sources',
  'include',
  'refused',
] as const;

/** A keyword token name, e.g. `Fact`. */
export type KeywordName = keyof typeof KEYWORDS;

/** Every reserved word (any alias), for printers and checks that must avoid them as identifiers. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set<string>(Object.values(KEYWORDS).flat());

/** Duration unit words accepted after an integer (`8 weeks`, Dutch `8 weken`) → ISO 8601 designator. */
export const DURATION_UNITS: Readonly<Record<string, 'D' | 'W' | 'M' | 'Y'>> = {
  day: 'D',
  days: 'D',
  dag: 'D',
  dagen: 'D',
  week: 'W',
  weeks: 'W',
  weken: 'W',
  month: 'M',
  months: 'M',
  maand: 'M',
  maanden: 'M',
  year: 'Y',
  years: 'Y',
  jaar: 'Y',
  jaren: 'Y',
};

/** Month names (English and Dutch, lower case) → month number, to recognise dates written `15 april 2024`. */
export const MONTH_NAMES: Readonly<Record<string, number>> = {
  january: 1,
  januari: 1,
  jan: 1,
  february: 2,
  februari: 2,
  feb: 2,
  march: 3,
  maart: 3,
  mar: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  may: 5,
  mei: 5,
  june: 6,
  juni: 6,
  jun: 6,
  july: 7,
  juli: 7,
  jul: 7,
  august: 8,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oktober: 10,
  oct: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** An identifier: a Unicode letter or `_`, then letters, digits or `_`. */
export const IDENTIFIER_RE = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** An unquoted source id: word characters, with single `-`, `.` or `:` between them (`awb-4:1`). */
export const SOURCE_ID_RE = /^[\p{L}\p{N}_]+(?:[-.:][\p{L}\p{N}_]+)*$/u;

/** A version label, written after `version`, cited after `@` (`2025`, `2023-07-01`; grammar/README.md#versions). */
export const VERSION_LABEL_RE = /^[\p{L}\p{N}_]+(?:[-.][\p{L}\p{N}_]+)*$/u;

const stickyIdentifier = /[\p{L}_][\p{L}\p{N}_]*/uy;
// A source id with an optional `@LABEL` naming one of its versions (`bkot-4@2025`, grammar/README.md#versions).
const stickySourceId = /[\p{L}\p{N}_]+(?:[-.:][\p{L}\p{N}_]+)*(?:@[\p{L}\p{N}_]+(?:[-.][\p{L}\p{N}_]+)*)?/uy;

/**
 * `start_chars_hint` of a custom matcher whose first character matches `first` (a one-character regexp), so
 * that the lexer keeps its first-character optimisation (without a hint for every custom pattern it tries all
 * patterns at every character). Below 256 the exact characters; above, where `unicode` is set, one character
 * in every 128 (the lexer groups the characters above 255 into buckets of 255, so every bucket is named; naming a
 * bucket too many only costs a failed match).
 */
function startChars(first: RegExp, unicode: boolean): number[] {
  const codes: number[] = [];
  for (let c = 0; c < 256; c++) if (first.test(String.fromCharCode(c))) codes.push(c);
  if (unicode) for (let c = 256; c < 0x10000; c += 128) codes.push(c);
  if (unicode) codes.push(0xffff);
  return codes;
}

function stickyMatch(re: RegExp, text: string, offset: number): [string] | null {
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? [m[0]] : null;
}

const matchIdentifier: CustomPatternMatcherFunc = (text, offset) => stickyMatch(stickyIdentifier, text, offset);

/** True when the tokens lexed so far end in a place where a source id is expected. */
function expectsSourceId(tokens: readonly IToken[]): boolean {
  let i = tokens.length - 1;
  for (;;) {
    const t = tokens[i];
    if (!t) return false;
    if (t.tokenType === Source) return true;
    // `expect sources of <<a>>(x) include awb-4:13`: a word right after an act reference or its arguments.
    if (t.tokenType === Identifier && t.image === 'include') {
      const p = tokens[i - 1];
      return p !== undefined && (p.tokenType === ActName || p.tokenType === RParen);
    }
    // `deadline: within 6 weeks, not atw because awir-28-lid-3`.
    if (t.tokenType === Identifier && t.image === 'because') {
      const p = tokens[i - 1];
      const q = tokens[i - 2];
      return p?.tokenType === Identifier && p.image === 'atw' && q?.tokenType === K.Not;
    }
    // `variant bkot-4@2025, awir-26a@2025 {` and `version 2025 {`, first on a line or after a brace
    // (grammar/README.md#versions).
    if (t.tokenType === Identifier && (t.image === 'variant' || t.image === 'version')) {
      const p = tokens[i - 1];
      return (
        p === undefined || p.tokenType === LCurly || p.tokenType === RCurly || (p.endLine ?? 0) < (t.startLine ?? 0)
      );
    }
    if (t.tokenType === Colon) {
      const k = tokens[i - 1];
      return k !== undefined && k.tokenType === Identifier && k.image === 'sources';
    }
    const prev = tokens[i - 1];
    if (t.tokenType === Comma && prev && (prev.tokenType === SourceId || tokenMatcher(prev, StringLiteral))) {
      i -= 2;
      continue;
    }
    return false;
  }
}

const matchSourceId: CustomPatternMatcherFunc = (text, offset, tokens) =>
  expectsSourceId(tokens) ? stickyMatch(stickySourceId, text, offset) : null;

/** Length of the JSON value starting at `offset` (balanced brackets, strings), or 0 when there is none. */
function scanJsonValue(text: string, offset: number): number {
  const c = text[offset];
  if (c === undefined) return 0;
  if (c === '"' || c === '{' || c === '[') {
    let depth = 0;
    let i = offset;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\n') return 0;
          i += text[i] === '\\' ? 2 : 1;
        }
        if (i >= text.length) return 0;
      } else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      i++;
      if (depth === 0) return i - offset;
    }
    return 0;
  }
  const m = /[-+0-9A-Za-z_.]+/y;
  m.lastIndex = offset;
  const r = m.exec(text);
  return r ? r[0].length : 0;
}

const matchMetaValue: CustomPatternMatcherFunc = (text, offset, tokens) => {
  const n = tokens.length;
  if (tokens[n - 1]?.tokenType !== Colon || tokens[n - 3]?.tokenType !== Meta) return null;
  const len = scanJsonValue(text, offset);
  return len > 0 ? [text.slice(offset, offset + len)] : null;
};

/** `<name>`: no whitespace directly inside the brackets, so `a < b` stays a comparison. */
const matchDutyName: CustomPatternMatcherFunc = (text, offset) => {
  if (text[offset] !== '<') return null;
  const first = text[offset + 1];
  // `<>` is the empty duty name (FLINT JSON has one); no operator is spelt `<>`.
  if (first === '>') return ['<>'];
  if (first === undefined || /[\s<=>]/.test(first)) return null;
  let i = offset + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return null;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '>') {
      const last = text[i - 1];
      if (last === undefined || /\s/.test(last)) return null;
      return [text.slice(offset, i + 1)];
    }
    i++;
  }
  return null;
};

// --- trivia
/** Whitespace, skipped. */
export const WhiteSpace = token({
  name: 'WhiteSpace',
  pattern: /[\s\uFEFF]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** The lexer group holding comment tokens: invisible to the parser, kept for `format` (src/syntax/format.ts). */
export const COMMENT_GROUP = 'comments';
/** `// comment`, kept out of the parser's token stream (group `comments`). */
export const LineComment = token({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: COMMENT_GROUP });
/** `/* comment *\/`, kept out of the parser's token stream (group `comments`). */
export const BlockComment = token({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: COMMENT_GROUP,
  line_breaks: true,
});

// --- context-sensitive
/** A JSON literal after `meta key:`. */
export const MetaValue = token({
  name: 'MetaValue',
  pattern: matchMetaValue,
  line_breaks: true,
  start_chars_hint: startChars(/^["{[\-+0-9A-Za-z_.]$/, false),
  label: 'a JSON value',
});
/** A source id after `source` or in a `sources:` list, e.g. `awb-4:1`. */
export const SourceId = token({
  name: 'SourceId',
  pattern: matchSourceId,
  line_breaks: false,
  start_chars_hint: startChars(/^[\p{L}\p{N}_]$/u, true),
  label: 'a source id like awb-4:1',
});

// --- literals and names
/** `"text"` with escapes. */
export const StringLiteral = token({ name: 'StringLiteral', pattern: Lexer.NA, label: 'a text string' });
/** `"""` multi-line text `"""`. */
export const TextBlock = token({
  name: 'TextBlock',
  pattern: /"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""/,
  line_breaks: true,
  categories: [StringLiteral],
  label: 'a text block',
});
/** A one-line string. */
export const QuotedString = token({
  name: 'QuotedString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  categories: [StringLiteral],
  label: 'a text string',
});
/** A string missing its closing quote (reported by the parser front end, accepted by the grammar). */
export const UnterminatedString = token({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*/,
  categories: [StringLiteral],
  label: 'a text string',
});
/** `<<act name>>`. */
export const ActName = token({
  name: 'ActName',
  pattern: /<<(?:[^>\\\n\r]|\\[^\n\r])*>>/,
  label: 'an act name like <<indienen>>',
});
/** `<duty name>`. */
export const DutyName = token({
  name: 'DutyName',
  pattern: matchDutyName,
  line_breaks: false,
  start_chars_hint: ['<'],
  label: 'a duty name like <betalen>',
});
/** `[fact name]`. */
export const FactName = token({
  name: 'FactName',
  pattern: /\[(?:[^\]\\\n\r]|\\[^\n\r])*\]/,
  label: 'a fact name like [aanvraag]',
});
/** A fact name missing its `]` at the end of the line. */
export const UnterminatedFactName = token({
  name: 'UnterminatedFactName',
  pattern: /\[(?:[^\]\\\n\r]|\\[^\n\r])*/,
  categories: [FactName],
  label: 'a fact name like [aanvraag]',
});
/** `2024-01-01`. */
export const DateLiteral = token({
  name: 'DateLiteral',
  pattern: /\d{4}-\d{2}-\d{2}/,
  label: 'a date like 2024-01-01',
});
/** `12.50`. */
export const DecimalLiteral = token({ name: 'DecimalLiteral', pattern: /\d+\.\d+/, label: 'a decimal number' });
/** `12`. */
export const IntegerLiteral = token({ name: 'IntegerLiteral', pattern: /\d+/, label: 'an integer' });

// --- punctuation and operators (longest first)
/** `..` (validity range). */
export const Range = token({ name: 'Range', pattern: '..', label: "'..'" });
/** `==` (also `=`). */
export const Eq = token({ name: 'Eq', pattern: /==?/, label: "'=='" });
/** `!=`. */
export const Ne = token({ name: 'Ne', pattern: '!=', label: "'!='" });
/** `<=`. */
export const Le = token({ name: 'Le', pattern: '<=', label: "'<='" });
/** `>=`. */
export const Ge = token({ name: 'Ge', pattern: '>=', label: "'>='" });
/** `<`. */
export const Lt = token({ name: 'Lt', pattern: '<', label: "'<'" });
/** `>`. */
export const Gt = token({ name: 'Gt', pattern: '>', label: "'>'" });
/** `+`. */
export const Plus = token({ name: 'Plus', pattern: '+', label: "'+'" });
/** `-`. */
export const Minus = token({ name: 'Minus', pattern: '-', label: "'-'" });
/** `*`. */
export const Star = token({ name: 'Star', pattern: '*', label: "'*'" });
/** `/`. */
export const Slash = token({ name: 'Slash', pattern: '/', label: "'/'" });
/** `(`. */
export const LParen = token({ name: 'LParen', pattern: '(', label: "'('" });
/** `)`. */
export const RParen = token({ name: 'RParen', pattern: ')', label: "')'" });
/** `{`. */
export const LCurly = token({ name: 'LCurly', pattern: '{', label: "'{'" });
/** `}`. */
export const RCurly = token({ name: 'RCurly', pattern: '}', label: "'}'" });
/** `,`. */
export const Comma = token({ name: 'Comma', pattern: ',', label: "','" });
/** `:`. */
export const Colon = token({ name: 'Colon', pattern: ':', label: "':'" });
/** `.`. */
export const Dot = token({ name: 'Dot', pattern: '.', label: "'.'" });

// --- words
/** A bare identifier: parameter, variable, field key, type or function name. */
export const Identifier = token({
  name: 'Identifier',
  pattern: matchIdentifier,
  line_breaks: false,
  start_chars_hint: startChars(/^[\p{L}_]$/u, true),
  label: 'a name',
});

function keyword(name: string, words: readonly string[]): TokenType {
  const sticky = new RegExp(`(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'uy');
  return token({
    name,
    pattern: (text: string, offset: number) => stickyMatch(sticky, text, offset),
    line_breaks: false,
    start_chars_hint: [...new Set(words.map((w) => w.charAt(0)))],
    label: `'${words[0] ?? name}'`,
  });
}

/** The keyword token types by name (see {@link KEYWORDS}). */
export const K = Object.fromEntries(
  Object.entries(KEYWORDS).map(([name, words]) => [name, keyword(name, words)]),
) as Readonly<Record<KeywordName, TokenType>>;

/** `source` (exported separately because the source-id matcher refers to it). */
export const Source = K.Source;
/** `meta`. */
export const Meta = K.Meta;

/** All token types in lexing order. */
export const allTokens: readonly TokenType[] = [
  Junk,
  WhiteSpace,
  LineComment,
  BlockComment,
  MetaValue,
  SourceId,
  StringLiteral,
  TextBlock,
  QuotedString,
  UnterminatedString,
  ActName,
  DutyName,
  FactName,
  UnterminatedFactName,
  DateLiteral,
  DecimalLiteral,
  IntegerLiteral,
  Range,
  Eq,
  Ne,
  Le,
  Ge,
  Lt,
  Gt,
  Plus,
  Minus,
  Star,
  Slash,
  LParen,
  RParen,
  LCurly,
  RCurly,
  Comma,
  Colon,
  Dot,
  ...Object.values(K),
  Identifier,
];

/** The lexer, built once. */
export const flintLexer = new Lexer([...allTokens], {
  positionTracking: 'full',
  ensureOptimizations: false,
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: (text, offset, length) =>
      `Unexpected character${length > 1 ? 's' : ''} ${JSON.stringify(text.slice(offset, offset + length))}.`,
    buildUnableToPopLexerModeMessage: () => 'Unable to pop lexer mode.',
  },
});
