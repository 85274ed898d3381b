/**
 * The .flint grammar as a chevrotain CstParser (grammar/README.md is the normative reference).
 *
 * Pure grammar: no AST building here (src/syntax/to-ast.ts does that). Built once and reused.
 */
import { CstParser } from 'chevrotain';
import type { CstNode, ILookaheadStrategy, IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { PrecomputedLookahead, readLookaheadLines } from './lookahead.js';
import { lookaheadPaths } from './lookahead-paths.js';
import {
  ActName,
  allTokens,
  Colon,
  Comma,
  DateLiteral,
  DecimalLiteral,
  Dot,
  DURATION_UNITS,
  DutyName,
  Eq,
  FactName,
  Ge,
  Gt,
  Identifier,
  IntegerLiteral,
  Junk,
  K,
  LCurly,
  Le,
  LParen,
  Lt,
  Meta,
  MetaValue,
  Minus,
  Ne,
  Plus,
  Range,
  RCurly,
  RParen,
  Slash,
  Source,
  SourceId,
  Star,
  StringLiteral,
} from './tokens.js';

const {
  Model,
  Import,
  Fact,
  Act,
  Duty,
  Scenario,
  Closed,
  Not,
  And,
  Or,
  If,
  Then,
  Else,
  Today,
  Anyone,
  Is,
  Created,
  List,
  Of,
  Via,
  All,
  Some,
  Where,
} = K;
const { Count, Exists, Forall, Sum, Min, Max, True, False, Within, By } = K;

const label = (t: TokenType): string => t.LABEL ?? t.name;
const found = (t: IToken): string => (t.tokenType.name === 'EOF' ? 'end of file' : `'${t.image}'`);

const EXPRESSION_RULES = new Set([
  'expectTarget',
  'expression',
  'notExpr',
  'unary',
  'projection',
  'postfix',
  'primary',
  'valueItem',
  'fieldValue',
]);

/** Error messages that name what was expected and what was found. */
export const flintErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `Expected ${label(expected)} but found ${found(actual)}.`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `Expected a declaration (model, import, source, fact, act, duty or scenario) but found ${found(firstRedundant)}.`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) => {
    const first = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) first.add(label(path[0]));
    const what = EXPRESSION_RULES.has(ruleName) ? 'an expression' : [...first].slice(0, 6).join(', ');
    return `Expected ${what} but found ${actual[0] ? found(actual[0]) : 'end of file'}.`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) => {
    const first = new Set<string>();
    for (const path of expectedIterationPaths) if (path[0]) first.add(label(path[0]));
    return `Expected ${[...first].slice(0, 6).join(', ')} but found ${actual[0] ? found(actual[0]) : 'end of file'}.`;
  },
};

/** The parser's LL(k): at most this many tokens decide between alternatives. */
export const MAX_LOOKAHEAD = 2;

/** The .flint CST parser. Use the shared instance {@link flintParser}. */
export class FlintParser extends CstParser {
  /**
   * `validate: true` runs chevrotain's grammar validations (ambiguities, left recursion): about a
   * second of start-up, so the shared instance skips them and tests/syntax/grammar.test.ts runs them.
   * `lookahead` replaces the default strategy, which takes the lookahead paths from grammar/lookahead-paths.ts
   * (generated at build time, see grammar/lookahead.ts) instead of computing them at every start-up.
   */
  constructor(options: { readonly validate?: boolean; readonly lookahead?: ILookaheadStrategy } = {}) {
    super([...allTokens], {
      recoveryEnabled: true,
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy:
        options.lookahead ?? new PrecomputedLookahead(readLookaheadLines(lookaheadPaths), allTokens, MAX_LOOKAHEAD),
      nodeLocationTracking: 'full',
      errorMessageProvider: flintErrorMessages,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /**
   * Called with each `declaration` CST node as soon as it is complete (also a partial one from error recovery);
   * what it returns takes the node's place in the `model` node (see {@link DeclarationSink}). Unset: the full CST.
   */
  declarationSink: DeclarationSink | undefined = undefined;

  /**
   * chevrotain's hook that attaches a finished sub-rule's CST node to its parent (internal API of chevrotain 11,
   * pinned exactly in package.json; tests/syntax/parser-speed.test.ts covers it). Hands declarations to
   * {@link declarationSink}, so that only one declaration's CST is alive at a time.
   */
  protected cstPostNonTerminal(ruleCstResult: CstNode, ruleName: string): void {
    const sink = this.declarationSink;
    const node = sink !== undefined && ruleName === 'declaration' ? sink(ruleCstResult) : ruleCstResult;
    (CstParser.prototype as unknown as CstHooks).cstPostNonTerminal.call(this, node, ruleName);
  }

  /** A whole file. */
  public model = this.RULE('model', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.declaration) }, { ALT: () => this.SUBRULE(this.junk) }]);
    });
  });

  /** Text that cannot start a declaration, skipped up to the next declaration keyword (one diagnostic per run). */
  private junk = this.RULE('junk', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Junk));
  });

  private header = this.RULE('header', () => {
    this.CONSUME(Model);
    this.CONSUME(StringLiteral);
    this.OPTION(() => this.SUBRULE(this.block));
  });

  private declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.sourceDecl) },
      { ALT: () => this.SUBRULE(this.factDecl) },
      { ALT: () => this.SUBRULE(this.actDecl) },
      { ALT: () => this.SUBRULE(this.dutyDecl) },
      { ALT: () => this.SUBRULE(this.scenarioDecl) },
    ]);
  });

  // --- scenarios (grammar/README.md#scenarios). Step words are identifiers recognised by image.

  /** True when the next token is the identifier `word` (a contextual scenario word). */
  private isWord(k: number, word: string): boolean {
    const t = this.LA(k);
    return t.tokenType === Identifier && t.image === word;
  }

  private scenarioDecl = this.RULE('scenarioDecl', () => {
    this.CONSUME(Scenario);
    this.CONSUME(StringLiteral);
    this.CONSUME(LCurly);
    // `}` is in the Junk category that a bad step consumes, so the loop itself stops at it.
    this.MANY({ GATE: () => this.LA(1).tokenType !== RCurly, DEF: () => this.SUBRULE(this.scenarioStep) });
    this.CONSUME(RCurly);
  });

  private scenarioStep = this.RULE('scenarioStep', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      // A malformed step (`as of tomorrow`) must fall through to badStep, which needs 3 tokens.
      MAX_LOOKAHEAD: 3,
      DEF: [
        { GATE: () => this.isWord(1, 'as'), ALT: () => this.SUBRULE(this.asOfStep) },
        { GATE: () => this.isWord(1, 'actors'), ALT: () => this.SUBRULE(this.actorsStep) },
        { GATE: () => this.isWord(1, 'given'), ALT: () => this.SUBRULE(this.givenStep) },
        { GATE: () => this.isWord(1, 'advance'), ALT: () => this.SUBRULE(this.advanceStep) },
        { GATE: () => this.isWord(1, 'expect'), ALT: () => this.SUBRULE(this.expectStep) },
        { GATE: () => this.isWord(2, 'does') || this.isWord(2, 'forces'), ALT: () => this.SUBRULE(this.doStep) },
        { GATE: () => this.LA(1).tokenType !== RCurly, ALT: () => this.SUBRULE(this.badStep) },
      ],
    });
  });

  /** Recovery: a line that is no step, skipped to the end of its line (src/syntax reports it). */
  private badStep = this.RULE('badStep', () => {
    const line = this.LA(1).startLine;
    this.CONSUME(Junk);
    this.MANY({
      GATE: () => this.LA(1).tokenType !== RCurly && this.LA(1).startLine === line,
      DEF: () => this.CONSUME2(Junk),
    });
  });

  private asOfStep = this.RULE('asOfStep', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Of);
    this.CONSUME(DateLiteral);
  });

  private actorsStep = this.RULE('actorsStep', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.scenarioActor) });
  });

  private scenarioActor = this.RULE('scenarioActor', () => {
    this.SUBRULE(this.actorId);
    this.CONSUME(Colon);
    this.MANY(() => this.CONSUME(FactName, { LABEL: 'roles' }));
  });

  /** An actor or instance id: a bare identifier or a text string. */
  private actorId = this.RULE('actorId', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(StringLiteral) }]);
  });

  private givenStep = this.RULE('givenStep', () => {
    this.CONSUME(Identifier);
    this.SUBRULE(this.expression);
  });

  private advanceStep = this.RULE('advanceStep', () => {
    this.CONSUME(Identifier);
    this.CONSUME2(Identifier, { LABEL: 'to', ERR_MSG: "Expected 'to' after 'advance'." });
    this.CONSUME(DateLiteral);
  });

  /** `alice does <<a>>(x) at 2024-01-02` or `alice forces <<a>>(x)`. */
  private doStep = this.RULE('doStep', () => {
    this.SUBRULE(this.actorId);
    this.CONSUME(Identifier, { LABEL: 'verb' });
    this.SUBRULE(this.ref);
    this.OPTION({
      GATE: () => this.isWord(1, 'at'),
      DEF: () => {
        this.CONSUME2(Identifier, { LABEL: 'at' });
        this.CONSUME(DateLiteral);
      },
    });
  });

  private expectStep = this.RULE('expectStep', () => {
    this.CONSUME(Identifier);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.isWord(1, 'refused') && this.LA(2).tokenType === Colon,
          ALT: () => {
            this.CONSUME2(Identifier, { LABEL: 'refused' });
            this.CONSUME(Colon);
            this.SUBRULE(this.doStep);
          },
        },
        {
          GATE: () => this.isWord(1, 'sources') && this.LA(2).tokenType === Of,
          ALT: () => {
            this.CONSUME3(Identifier, { LABEL: 'sources' });
            this.CONSUME(Of);
            this.SUBRULE(this.ref);
            this.CONSUME4(Identifier, { LABEL: 'include' });
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.sourceName) });
          },
        },
        {
          GATE: () => this.isWord(1, 'unknown') && this.LA(2).tokenType === FactName,
          ALT: () => {
            this.CONSUME5(Identifier, { LABEL: 'unknown' });
            this.SUBRULE2(this.ref);
          },
        },
        {
          GATE: () => this.isWord(1, 'violation') || (this.isWord(1, 'no') && this.isWord(2, 'violation')),
          ALT: () => {
            this.OPTION({ GATE: () => this.isWord(1, 'no'), DEF: () => this.CONSUME6(Identifier, { LABEL: 'no' }) });
            this.CONSUME7(Identifier, { LABEL: 'violation' });
            this.SUBRULE3(this.ref);
          },
        },
        {
          ALT: () => {
            this.CONSUME(Duty);
            this.SUBRULE4(this.ref);
            this.OPTION2(() => this.CONSUME(Not));
            this.CONSUME8(Identifier, { LABEL: 'active' });
          },
        },
        { ALT: () => this.SUBRULE(this.expectTarget) },
      ],
    });
  });

  /** `expect EXPR`, optionally `[not] available for ID [because REASON]` after an act reference. */
  private expectTarget = this.RULE('expectTarget', () => {
    this.SUBRULE(this.expression);
    this.OPTION({
      GATE: () => this.isWord(1, 'available') || (this.LA(1).tokenType === Not && this.isWord(2, 'available')),
      DEF: () => {
        this.OPTION2(() => this.CONSUME(Not));
        this.CONSUME(Identifier, { LABEL: 'available' });
        this.CONSUME2(Identifier, { LABEL: 'for' });
        this.SUBRULE(this.actorId);
        this.OPTION3({
          GATE: () => this.isWord(1, 'because'),
          DEF: () => {
            this.CONSUME3(Identifier, { LABEL: 'because' });
            this.OR([
              { ALT: () => this.CONSUME(FactName, { LABEL: 'reasonFact' }) },
              { ALT: () => this.CONSUME4(Identifier, { LABEL: 'reasonItem' }) },
            ]);
          },
        });
      },
    });
  });

  /** A source in `expect sources of ... include`: a text string or a source id. */
  private sourceName = this.RULE('sourceName', () => {
    this.OR([{ ALT: () => this.CONSUME(StringLiteral) }, { ALT: () => this.CONSUME(SourceId) }]);
  });

  private importDecl = this.RULE('importDecl', () => {
    this.CONSUME(Import);
    this.CONSUME(StringLiteral);
  });

  private sourceDecl = this.RULE('sourceDecl', () => {
    this.CONSUME(Source);
    this.OR([{ ALT: () => this.CONSUME(SourceId) }, { ALT: () => this.CONSUME(StringLiteral) }]);
    this.OPTION(() => this.SUBRULE(this.block));
  });

  private factDecl = this.RULE('factDecl', () => {
    this.CONSUME(Fact);
    this.CONSUME(FactName);
    this.OPTION(() => this.SUBRULE(this.paramList));
    this.OPTION2(() => {
      this.CONSUME(Colon);
      this.SUBRULE(this.typeRef);
    });
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  private actDecl = this.RULE('actDecl', () => {
    this.CONSUME(Act);
    this.CONSUME(ActName);
    this.OPTION(() => this.SUBRULE(this.paramList));
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  private dutyDecl = this.RULE('dutyDecl', () => {
    this.CONSUME(Duty);
    this.CONSUME(DutyName);
    this.OPTION(() => this.SUBRULE(this.paramList));
    this.OPTION2(() => this.SUBRULE(this.block));
  });

  private paramList = this.RULE('paramList', () => {
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(RParen);
  });

  private param = this.RULE('param', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeRef);
  });

  private typeRef = this.RULE('typeRef', () => {
    this.OR([{ ALT: () => this.CONSUME(FactName) }, { ALT: () => this.CONSUME(Identifier) }]);
  });

  /** `{ field* }` shared by the header, sources and frames; which keys are allowed is checked later. */
  private block = this.RULE('block', () => {
    this.CONSUME(LCurly);
    this.MANY(() => {
      // One token decides (the gate tells a sub-block from a field), so a field missing its ':' still reads as one.
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.CONSUME(Closed) },
          { ALT: () => this.SUBRULE(this.metaField) },
          { GATE: () => this.subBlockAhead(), ALT: () => this.SUBRULE(this.subBlock) },
          { ALT: () => this.SUBRULE(this.field) },
        ],
      });
    });
    this.CONSUME(RCurly);
  });

  /** `version LABEL {` in a source, `variant SOURCE@LABEL, ... {` in a frame (grammar/README.md#versions). */
  private subBlockAhead(): boolean {
    return (this.isWord(1, 'version') || this.isWord(1, 'variant')) && this.LA(2).tokenType !== Colon;
  }

  /** A source's `version LABEL { ... }`, a frame's `variant SOURCE@LABEL, ... { ... }` (grammar/README.md#versions). */
  private subBlock = this.RULE('subBlock', () => {
    this.CONSUME(Identifier, { LABEL: 'word' });
    this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.subLabel, { LABEL: 'labels' }) });
    this.SUBRULE(this.block);
  });

  private subLabel = this.RULE('subLabel', () => {
    this.OR([
      { ALT: () => this.CONSUME(SourceId) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(IntegerLiteral) },
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(StringLiteral) },
    ]);
  });

  private metaField = this.RULE('metaField', () => {
    this.CONSUME(Meta);
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(StringLiteral) }]);
    this.CONSUME(Colon);
    this.CONSUME(MetaValue);
  });

  private field = this.RULE('field', () => {
    this.OR([
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'key' }) },
      { ALT: () => this.CONSUME(Created, { LABEL: 'key' }) },
    ]);
    this.OPTION(() => {
      this.OR2([
        { ALT: () => this.CONSUME2(Identifier, { LABEL: 'key2' }) },
        { ALT: () => this.CONSUME(By, { LABEL: 'key2' }) },
      ]);
      // `applies as of:` (grammar/README.md#versions).
      this.OPTION3(() => this.CONSUME(Of, { LABEL: 'key3' }));
    });
    this.CONSUME(Colon);
    this.SUBRULE(this.fieldValue);
  });

  /** A field value: a comma-separated list of items, an optional `within`/`by` prefix, an optional `..` range. */
  private fieldValue = this.RULE('fieldValue', () => {
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(Within, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(By, { LABEL: 'prefix' }) },
      ]);
    });
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(Range);
          this.SUBRULE(this.rangeEnd);
        },
      },
      {
        ALT: () => {
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.valueItem) });
          this.OPTION2(() => {
            this.CONSUME2(Range);
            this.OPTION3(() => this.SUBRULE2(this.rangeEnd));
          });
        },
      },
    ]);
  });

  private rangeEnd = this.RULE('rangeEnd', () => {
    this.OR([{ ALT: () => this.CONSUME(DateLiteral) }, { ALT: () => this.CONSUME(StringLiteral) }]);
  });

  private valueItem = this.RULE('valueItem', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(SourceId) },
        { GATE: () => this.atwAhead(), ALT: () => this.SUBRULE(this.atwMarker) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  /** True when token `k` ends a field item: a comma, `}`, the end, a later line, or the next field's key. */
  private itemEnds(k: number): boolean {
    const t = this.LA(k);
    const prev = this.LA(k - 1);
    const key = this.LA(k + 1).tokenType === Colon || this.LA(k + 2).tokenType === Colon;
    return (
      t.tokenType === Comma ||
      t.tokenType === RCurly ||
      t.tokenType.name === 'EOF' ||
      t.startLine !== prev.startLine ||
      key
    );
  }

  /** `atw` or `not atw [because SOURCE]` as a whole item (a deadline's Algemene termijnenwet marker). */
  private atwAhead(): boolean {
    if (this.isWord(1, 'atw')) return this.itemEnds(2);
    return this.LA(1).tokenType === Not && this.isWord(2, 'atw') && (this.isWord(3, 'because') || this.itemEnds(3));
  }

  /** `atw`, `not atw`, `not atw because SOURCE` (grammar/README.md#deadlines). */
  private atwMarker = this.RULE('atwMarker', () => {
    this.OPTION(() => this.CONSUME(Not));
    this.CONSUME(Identifier, { LABEL: 'atw' });
    this.OPTION2({
      GATE: () => this.isWord(1, 'because'),
      DEF: () => {
        this.CONSUME2(Identifier, { LABEL: 'because' });
        this.CONSUME(SourceId, { LABEL: 'source' });
      },
    });
  });

  // --- expressions (grammar/README.md#expressions), loosest binding first:
  // or < and < not < comparison < additive < multiplicative < unary < postfix

  /** Any expression. */
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpr);
  });

  private orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(Or);
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  private andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(And);
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' });
    });
  });

  private notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Eq, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Ne, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Le, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Ge, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Lt, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Gt, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.additive, { LABEL: 'operands' });
    });
  });

  private additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Plus, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Minus, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operands' });
    });
  });

  private multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Star, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(Slash, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: 'operands' });
    });
  });

  private unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Minus);
          this.SUBRULE(this.unary);
        },
      },
      { ALT: () => this.SUBRULE(this.projection) },
    ]);
  });

  /** `x of [a] via [b]`, `all x of [a]`, `some x of [a]`, or just a postfix expression. */
  private projection = this.RULE('projection', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(All, { LABEL: 'scope' }) },
            { ALT: () => this.CONSUME(Some, { LABEL: 'scope' }) },
          ]);
          this.SUBRULE(this.postfix);
          this.SUBRULE(this.projectionContext);
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.postfix);
          this.OPTION(() => this.SUBRULE2(this.projectionContext));
        },
      },
    ]);
  });

  private projectionContext = this.RULE('projectionContext', () => {
    this.CONSUME(Of);
    this.CONSUME(FactName, { LABEL: 'context' });
    this.MANY(() => {
      this.CONSUME(Via);
      this.CONSUME2(FactName, { LABEL: 'context' });
    });
  });

  private postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME(Identifier, { LABEL: 'fields' });
    });
  });

  private argList = this.RULE('argList', () => {
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'args' }) });
    this.CONSUME(RParen);
  });

  private primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numberOrDuration) },
      { ALT: () => this.CONSUME(DecimalLiteral) },
      { ALT: () => this.CONSUME(DateLiteral) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Today) },
      { ALT: () => this.CONSUME(Anyone) },
      {
        ALT: () => {
          this.CONSUME(Is);
          this.CONSUME2(StringLiteral, { LABEL: 'identity' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(Created);
          this.OPTION(() => this.SUBRULE(this.argList));
        },
      },
      {
        ALT: () => {
          this.CONSUME(List);
          this.OPTION2(() => this.CONSUME3(StringLiteral, { LABEL: 'listName' }));
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.ref) },
      { ALT: () => this.SUBRULE(this.identifierExpr) },
      { ALT: () => this.SUBRULE(this.aggregate) },
      { ALT: () => this.SUBRULE(this.conditional) },
      {
        ALT: () => {
          this.CONSUME2(LParen);
          this.SUBRULE2(this.expression, { LABEL: 'inner' });
          this.CONSUME2(RParen);
        },
      },
    ]);
  });

  /** An integer, optionally followed by a duration unit: `8 weeks`. */
  private numberOrDuration = this.RULE('numberOrDuration', () => {
    this.CONSUME(IntegerLiteral);
    this.OPTION({
      GATE: () => {
        const next = this.LA(1);
        return next.tokenType === Identifier && Object.hasOwn(DURATION_UNITS, next.image);
      },
      DEF: () => this.CONSUME(Identifier, { LABEL: 'unit' }),
    });
  });

  private ref = this.RULE('ref', () => {
    this.OR([
      { ALT: () => this.CONSUME(FactName) },
      { ALT: () => this.CONSUME(DutyName) },
      { ALT: () => this.CONSUME(ActName) },
    ]);
    this.OPTION(() => this.SUBRULE(this.argList));
  });

  /** A variable, or a call when followed by `(`: `x`, `abs(x)`; also `sum(...)`, `min(...)`, `max(...)`. */
  private identifierExpr = this.RULE('identifierExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Identifier);
          this.OPTION(() => this.SUBRULE(this.argList));
        },
      },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(Sum, { LABEL: 'fn' }) },
            { ALT: () => this.CONSUME(Min, { LABEL: 'fn' }) },
            { ALT: () => this.CONSUME(Max, { LABEL: 'fn' }) },
          ]);
          this.SUBRULE2(this.argList);
        },
      },
    ]);
  });

  /** `count k: [t], j: [u] where cond : body`, `sum m: month in 2025 : body` (grammar/README.md#aggregates). */
  private aggregate = this.RULE('aggregate', () => {
    this.OR([
      { ALT: () => this.CONSUME(Count, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Exists, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Forall, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Sum, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Min, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(Max, { LABEL: 'op' }) },
    ]);
    this.SUBRULE(this.binding, { LABEL: 'bindings' });
    // A comma continues the bindings only before `name:`, so `min(count k: [t], 1)` reads as two arguments.
    this.MANY({
      GATE: () => this.LA(2).tokenType === Identifier && this.LA(3).tokenType === Colon,
      DEF: () => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.binding, { LABEL: 'bindings' });
      },
    });
    this.OPTION(() => {
      this.CONSUME(Where);
      this.SUBRULE(this.expression, { LABEL: 'where' });
    });
    this.OPTION2(() => {
      this.CONSUME(Colon);
      this.SUBRULE2(this.expression, { LABEL: 'body' });
    });
  });

  /**
   * An aggregate binding: `k: [kind]`, or a month binding with its range, `m: month in 2025` or
   * `m: month in [begin] .. [einde]` (grammar/README.md#months). `in` is a word only here (not reserved).
   */
  private binding = this.RULE('binding', () => {
    this.SUBRULE(this.param);
    this.OPTION({
      GATE: () => this.isWord(1, 'in') && this.LA(2).tokenType !== Colon,
      DEF: () => {
        this.CONSUME(Identifier, { LABEL: 'in' });
        this.SUBRULE(this.additive, { LABEL: 'from' });
        this.OPTION2(() => {
          this.CONSUME(Range);
          this.SUBRULE2(this.additive, { LABEL: 'to' });
        });
      },
    });
  });

  private conditional = this.RULE('conditional', () => {
    this.CONSUME(If);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(Then);
    this.SUBRULE2(this.expression, { LABEL: 'then' });
    this.CONSUME(Else);
    this.SUBRULE3(this.expression, { LABEL: 'otherwise' });
  });
}

/** chevrotain's internal tree-building hook that {@link FlintParser} wraps. */
interface CstHooks {
  cstPostNonTerminal(this: FlintParser, ruleCstResult: CstNode, ruleName: string): void;
}

/**
 * Turns a finished `declaration` CST node into what the `model` node keeps in its place: a CST node (for its
 * `location`, which the parent's location is extended with) that may carry anything else, e.g. the AST.
 */
export type DeclarationSink = (declaration: CstNode) => CstNode;

let shared: FlintParser | undefined;

/**
 * The shared parser instance (chevrotain parsers are built once and reused via `input =`). Built on first use: its
 * self-analysis is the largest start-up cost, and commands that never parse (`flint --help`) should not pay it.
 */
export function flintParser(): FlintParser {
  shared ??= new FlintParser();
  return shared;
}

/** The root CST node type produced by {@link FlintParser.model}. */
export type FlintCst = CstNode;
