/**
 * CST → AST. Total over partial CSTs from error recovery: missing children become placeholder
 * nodes (a `false` literal, an empty name) and never a crash. The CST never leaves src/syntax.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  ActDecl,
  Aggregate,
  Decl,
  Deadline,
  DeadlineAtw,
  DutyDecl,
  Effect,
  ExpectReason,
  Expr,
  FactDecl,
  Conventions,
  Header,
  Import,
  JsonValue,
  Literal,
  MetaEntry,
  Model,
  Param,
  PrimitiveTypeName,
  Ref,
  ScenarioActor,
  ScenarioDecl,
  ScenarioStep,
  FrameVariant,
  SourceDecl,
  SourceRef,
  SourceVersion,
  TypeRef,
} from '../model/ast.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pos, Span } from '../model/span.js';
import { joinSpans, positionAt } from '../model/span.js';
import { DURATION_UNITS, VERSION_LABEL_RE } from '../../grammar/tokens.js';
import type { EscapeProblem } from './text.js';
import { decodeTextBlock, unescapeText } from './text.js';

/** The primitive type names (grammar/README.md#types). */
export const PRIMITIVE_TYPES: readonly PrimitiveTypeName[] = [
  'boolean',
  'integer',
  'decimal',
  'text',
  'date',
  'duration',
  'actor',
  'month',
];

/** The fields allowed in each kind of block, in canonical (printing) order. */
export const BLOCK_FIELDS = {
  header: ['language', 'jurisdiction', 'version', 'period', 'conventions'],
  source: ['juriconnect', 'eli', 'url', 'citation', 'valid', 'publication', 'text', 'explanation'],
  fact: ['applies as of', 'holds when', 'value', 'sources', 'explanation'],
  act: [
    'actor',
    'action',
    'object',
    'recipient',
    'applies as of',
    'preconditions',
    'creates',
    'terminates',
    'sources',
    'explanation',
  ],
  duty: [
    'holder',
    'claimant',
    'created by',
    'terminated by',
    'enforced by',
    'applies as of',
    'deadline',
    'violated when',
    'components',
    'sources',
    'explanation',
  ],
  /** A source's `version LABEL { ... }` (grammar/README.md#versions). */
  version: ['juriconnect', 'eli', 'url', 'valid', 'publication', 'text', 'explanation'],
  /** A frame's `variant SOURCE@LABEL { ... }`, per kind of frame (grammar/README.md#versions). */
  factVariant: ['valid', 'holds when', 'value', 'explanation'],
  actVariant: ['valid', 'preconditions', 'creates', 'terminates', 'explanation'],
  dutyVariant: ['valid', 'deadline', 'explanation'],
} as const;

type BlockKind = keyof typeof BLOCK_FIELDS;

/** How diagnostics name each kind of block. */
const BLOCK_NAMES: Readonly<Record<BlockKind, string>> = {
  header: 'model header',
  source: 'source',
  fact: 'fact',
  act: 'act',
  duty: 'duty',
  version: 'source version',
  factVariant: 'fact variant',
  actVariant: 'act variant',
  dutyVariant: 'duty variant',
};

const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && 'children' in e;

const tok = (n: CstNode | undefined, key: string, i = 0): IToken | undefined => {
  const e = n?.children[key]?.[i];
  return isToken(e) ? e : undefined;
};
const toks = (n: CstNode | undefined, key: string): IToken[] => (n?.children[key] ?? []).filter(isToken);
const sub = (n: CstNode | undefined, key: string, i = 0): CstNode | undefined => {
  const e = n?.children[key]?.[i];
  return isNode(e) ? e : undefined;
};
const subs = (n: CstNode | undefined, key: string): CstNode[] => (n?.children[key] ?? []).filter(isNode);
/** The one child node under `key` when it is the only child there (the common case of an operator chain). */
const only = (n: CstNode, key: string): CstNode | undefined => {
  const list = n.children[key];
  return list?.length === 1 && isNode(list[0]) ? list[0] : undefined;
};

const validTok = (t: IToken | undefined): t is IToken =>
  t !== undefined && Number.isFinite(t.startOffset) && t.isInsertedInRecovery !== true;

/** Field value as parsed: items (expressions or source ids), optional `within`/`by` prefix and `..` range. */
interface FieldValue {
  readonly prefix: 'within' | 'by' | null;
  readonly items: readonly (
    | { readonly kind: 'expr'; readonly expr: Expr }
    | { readonly kind: 'id'; readonly token: IToken }
    | { readonly kind: 'atw'; readonly node: CstNode }
  )[];
  readonly range: { readonly end: IToken | undefined } | null;
  readonly span: Span;
}

interface Field {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: FieldValue;
}

interface BlockContent {
  readonly fields: ReadonlyMap<string, Field>;
  readonly closed: boolean;
  readonly meta: readonly MetaEntry[];
  /** `version`/`variant` sub-blocks, in order. */
  readonly subBlocks: readonly CstNode[];
}

/** What each kind of block may hold as sub-blocks (grammar/README.md#versions). */
const SUB_BLOCK_WORD: Partial<Record<BlockKind, 'version' | 'variant'>> = {
  source: 'version',
  fact: 'variant',
  act: 'variant',
  duty: 'variant',
};

const BUILT = Symbol('built declaration');

/** A `declaration` CST node replaced by its AST while parsing (see {@link AstBuilder.declarationSink}). */
interface BuiltDeclaration extends CstNode {
  readonly [BUILT]: Decl | null;
}

/** Builds the AST of one file from its CST, collecting diagnostics. */
export class AstBuilder {
  /** Diagnostics found while building (escapes, unknown fields and types, misplaced values). */
  readonly diagnostics: Diagnostic[] = [];
  private readonly bareNumbers = new WeakSet<Expr>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  // --- spans

  private pos(offset: number, line: number | undefined, column: number | undefined): Pos {
    if (line !== undefined && column !== undefined && Number.isFinite(line) && Number.isFinite(column)) {
      return { line, column, offset };
    }
    return positionAt(this.text, offset);
  }

  /** The span of a token (zero-width at the start of the file when the token was invented by recovery). */
  tokenSpan(t: IToken | undefined): Span {
    if (!validTok(t)) return this.fallbackSpan();
    const end = (t.endOffset ?? t.startOffset + t.image.length - 1) + 1;
    return {
      file: this.file,
      start: this.pos(t.startOffset, t.startLine, t.startColumn),
      end:
        t.endLine !== undefined && t.endColumn !== undefined
          ? this.pos(end, t.endLine, t.endColumn + 1)
          : positionAt(this.text, end),
    };
  }

  private fallbackSpan(): Span {
    const p = positionAt(this.text, this.text.length);
    return { file: this.file, start: p, end: p };
  }

  /** The span covering a CST node's valid tokens. */
  nodeSpan(n: CstNode | undefined): Span {
    if (!n) return this.fallbackSpan();
    const loc = n.location;
    if (loc && Number.isFinite(loc.startOffset) && loc.endOffset !== undefined && Number.isFinite(loc.endOffset)) {
      return {
        file: this.file,
        start: this.pos(loc.startOffset, loc.startLine, loc.startColumn),
        end: this.pos(loc.endOffset + 1, loc.endLine, loc.endColumn === undefined ? undefined : loc.endColumn + 1),
      };
    }
    const all: IToken[] = [];
    const collect = (c: CstNode): void => {
      for (const list of Object.values(c.children))
        for (const e of list) isToken(e) ? validTok(e) && all.push(e) : collect(e);
    };
    collect(n);
    if (all.length === 0) return this.fallbackSpan();
    all.sort((a, b) => a.startOffset - b.startOffset);
    return joinSpans(this.tokenSpan(all[0]), this.tokenSpan(all[all.length - 1]));
  }

  private report(code: string, message: string, span: Span, hint?: string): void {
    this.diagnostics.push({ code, severity: 'error', message, span, ...(hint === undefined ? {} : { hint }) });
  }

  // --- strings and names

  private decode(t: IToken | undefined, strip: (image: string) => string, block = false): string {
    if (!validTok(t)) return '';
    const problems: EscapeProblem[] = [];
    const raw = strip(t.image);
    const value = block ? decodeTextBlock(raw, problems) : unescapeText(raw, problems);
    for (const p of problems)
      this.report(
        'invalid-escape',
        p.message,
        this.tokenSpan(t),
        'Escapes are \\\\ \\" \\n \\r \\t \\] \\> and \\u{HEX}.',
      );
    return value;
  }

  /** The value of a string token (quoted, unterminated or text block). */
  stringValue(t: IToken | undefined): string {
    if (!t) return '';
    switch (t.tokenType.name) {
      case 'TextBlock':
        return this.decode(t, (s) => s.slice(3, -3), true);
      case 'UnterminatedString':
        return this.decode(t, (s) => s.slice(1));
      default:
        return this.decode(t, (s) => s.slice(1, -1));
    }
  }

  /** The name inside a bracketed name token, without brackets. */
  nameValue(t: IToken | undefined): string {
    if (!t) return '';
    switch (t.tokenType.name) {
      case 'ActName':
        return this.decode(t, (s) => s.slice(2, -2));
      case 'UnterminatedFactName':
        return this.decode(t, (s) => s.slice(1));
      default:
        return this.decode(t, (s) => s.slice(1, -1));
    }
  }

  // --- model and declarations

  /** The AST of a whole file from the `model` CST (or an empty model when the CST is missing). */
  model(cst: CstNode | undefined): Model {
    const header = sub(cst, 'header') ? this.header(sub(cst, 'header')) : null;
    const declarations: Decl[] = [];
    for (const d of subs(cst, 'declaration')) {
      const decl = BUILT in d ? (d as BuiltDeclaration)[BUILT] : this.declaration(d);
      if (decl) declarations.push(decl);
    }
    const end = positionAt(this.text, this.text.length);
    return { kind: 'Model', header, declarations, span: { file: this.file, start: positionAt(this.text, 0), end } };
  }

  private header(n: CstNode | undefined): Header {
    const b = this.block(sub(n, 'block'), 'header');
    return {
      kind: 'Header',
      title: this.stringValue(tok(n, 'StringLiteral')),
      language: this.wordField(b, 'language'),
      jurisdiction: this.wordField(b, 'jurisdiction'),
      versionDate: this.dateField(b, 'version'),
      ...this.periodField(b),
      ...this.conventionsField(b),
      meta: b.meta,
      span: this.nodeSpan(n),
    };
  }

  /**
   * For {@link FlintParser.declarationSink}: the AST of a finished `declaration` node, built at once, in a small
   * node that {@link model} takes it from. The declaration's CST is garbage from then on.
   */
  readonly declarationSink = (n: CstNode): CstNode => {
    const decl = this.declaration(n);
    const built: BuiltDeclaration =
      n.location === undefined
        ? { name: 'declaration', children: {}, [BUILT]: decl }
        : { name: 'declaration', children: {}, location: n.location, [BUILT]: decl };
    return built;
  };

  private declaration(n: CstNode): Decl | null {
    const imp = sub(n, 'importDecl');
    if (imp) {
      const decl: Import = {
        kind: 'Import',
        path: this.stringValue(tok(imp, 'StringLiteral')),
        span: this.nodeSpan(imp),
      };
      return decl;
    }
    const src = sub(n, 'sourceDecl');
    if (src) return this.source(src);
    const fact = sub(n, 'factDecl');
    if (fact) return this.fact(fact);
    const act = sub(n, 'actDecl');
    if (act) return this.act(act);
    const duty = sub(n, 'dutyDecl');
    if (duty) return this.duty(duty);
    const scenario = sub(n, 'scenarioDecl');
    if (scenario) return this.scenario(scenario);
    return null;
  }

  // --- scenarios (grammar/README.md#scenarios)

  private scenario(n: CstNode): ScenarioDecl {
    const nameTok = tok(n, 'StringLiteral');
    const steps: ScenarioStep[] = [];
    for (const s of subs(n, 'scenarioStep')) {
      const step = this.scenarioStep(s);
      if (step) steps.push(step);
    }
    return {
      kind: 'Scenario',
      name: this.stringValue(nameTok),
      nameSpan: this.tokenSpan(nameTok),
      steps,
      span: this.nodeSpan(n),
    };
  }

  private stepProblem(message: string, span: Span, hint?: string): void {
    this.report('invalid-scenario-step', message, span, hint);
  }

  /** An actor or instance id: identifier or text string. */
  private actorId(n: CstNode | undefined): string {
    const id = tok(n, 'Identifier');
    if (validTok(id)) return id.image;
    return this.stringValue(tok(n, 'StringLiteral'));
  }

  private dateTok(n: CstNode | undefined): string | null {
    const d = tok(n, 'DateLiteral');
    return validTok(d) ? d.image : null;
  }

  private refOf(n: CstNode | undefined, frame: Ref['frame'] | null, what: string): Ref {
    const span = this.nodeSpan(n);
    const t = tok(n, 'FactName') ?? tok(n, 'DutyName') ?? tok(n, 'ActName');
    const found: Ref['frame'] = tok(n, 'DutyName') ? 'duty' : tok(n, 'ActName') ? 'act' : 'fact';
    const ref: Ref = { kind: 'Ref', frame: found, name: this.nameValue(t), args: this.args(sub(n, 'argList')), span };
    if (frame !== null && found !== frame && validTok(t))
      this.stepProblem(`Expected ${what} but found ${t.image}.`, span);
    this.checkScenarioArgs(ref);
    return ref;
  }

  /** Arguments in scenario steps are ids (`alice`, `"k1"`) or literals. */
  private checkScenarioArgs(ref: Ref): void {
    for (const a of ref.args) {
      if (a.kind !== 'Var' && a.kind !== 'Literal') {
        this.stepProblem(
          'An argument in a scenario step is an id (alice, "k1") or a literal.',
          a.span,
          'Write the instance or actor id, not an expression.',
        );
      }
    }
  }

  private literalValue(e: Expr, what: string): Expr {
    if (e.kind !== 'Literal')
      this.stepProblem(`The value ${what} is a literal like 5, 12.50, "tekst" or 2024-01-01.`, e.span);
    return e;
  }

  private scenarioStep(n: CstNode): ScenarioStep | null {
    const span = this.nodeSpan(n);
    const asOf = sub(n, 'asOfStep');
    if (asOf) return { kind: 'AsOf', date: this.dateTok(asOf) ?? '', span };
    const actors = sub(n, 'actorsStep');
    if (actors) {
      const list: ScenarioActor[] = subs(actors, 'scenarioActor').map((a) => ({
        kind: 'ScenarioActor',
        id: this.actorId(sub(a, 'actorId')),
        roles: toks(a, 'roles')
          .filter(validTok)
          .map((t) => this.nameValue(t)),
        span: this.nodeSpan(a),
      }));
      return { kind: 'Actors', actors: list, span };
    }
    const given = sub(n, 'givenStep');
    if (given) return this.givenStep(this.expression(sub(given, 'expression')), span);
    const adv = sub(n, 'advanceStep');
    if (adv) {
      const to = tok(adv, 'to');
      if (validTok(to) && to.image !== 'to')
        this.stepProblem(
          `Expected 'to' after 'advance' but found '${to.image}'.`,
          this.tokenSpan(to),
          'Write advance to 2024-03-01.',
        );
      return { kind: 'Advance', date: this.dateTok(adv) ?? '', span };
    }
    const d = sub(n, 'doStep');
    if (d) return this.doStep(d, span);
    const e = sub(n, 'expectStep');
    if (e) return this.expectStep(e, span);
    const bad = sub(n, 'badStep');
    if (bad) this.badStep(bad);
    return null;
  }

  /** A line that is no step. Not reported when it continues the line of an error the parser already reported. */
  private badStep(n: CstNode): void {
    const ts = toks(n, 'Junk').filter(validTok);
    const first = ts[0];
    if (!first) return;
    const before = this.text.slice(0, first.startOffset);
    const lineStart = before.lastIndexOf('\n') + 1;
    if (before.slice(lineStart).trim() !== '') return;
    const second = ts[1];
    const span = joinSpans(this.tokenSpan(first), this.tokenSpan(ts[ts.length - 1]));
    if (
      second &&
      (first.tokenType.name === 'Identifier' || first.tokenType.name === 'QuotedString') &&
      second.tokenType.name === 'Identifier'
    ) {
      this.stepProblem(
        `Expected 'does' or 'forces' after the actor ${first.image} but found '${second.image}'.`,
        span,
        'Write: alice does <<handeling>>(alice).',
      );
      return;
    }
    const form = STEP_FORMS[first.image];
    if (form !== undefined && first.tokenType.name === 'Identifier') {
      const text = this.text.slice(first.startOffset, (ts[ts.length - 1]?.endOffset ?? first.startOffset) + 1);
      this.stepProblem(`The step '${text}' is not a well-formed '${first.image}' step.`, span, `Write: ${form}`);
      return;
    }
    this.stepProblem(
      `A scenario step cannot start with '${first.image}'.`,
      span,
      'A step starts with as of, actors:, given, advance to, expect, or an actor followed by does or forces.',
    );
  }

  private givenStep(e: Expr, span: Span): ScenarioStep | null {
    if (e.kind === 'Ref' && e.frame === 'fact') {
      this.checkScenarioArgs(e);
      return { kind: 'Given', fact: e, negated: false, value: null, span };
    }
    if (e.kind === 'Unary' && e.op === 'not' && e.operand.kind === 'Ref' && e.operand.frame === 'fact') {
      this.checkScenarioArgs(e.operand);
      return { kind: 'Given', fact: e.operand, negated: true, value: null, span };
    }
    const [left, right] = e.kind === 'Compare' ? e.operands : [];
    if (
      e.kind === 'Compare' &&
      e.op === 'eq' &&
      e.operands.length === 2 &&
      left?.kind === 'Ref' &&
      left.frame === 'fact' &&
      right
    ) {
      this.checkScenarioArgs(left);
      return {
        kind: 'Given',
        fact: left,
        negated: false,
        value: this.literalValue(right, `given for [${left.name}]`),
        span,
      };
    }
    this.stepProblem(
      'A given step is [fact](ids), not [fact](ids), or [fact](ids) = value.',
      e.span,
      'For example: given [leeftijd]("k1") = 5',
    );
    return null;
  }

  private doStep(d: CstNode, span: Span, refused = false): ScenarioStep {
    const verbTok = tok(d, 'verb');
    const verb = validTok(verbTok) ? verbTok.image : 'does';
    if (validTok(verbTok) && verb !== 'does' && verb !== 'forces') {
      this.stepProblem(
        `Expected 'does' or 'forces' after the actor but found '${verb}'.`,
        this.tokenSpan(verbTok),
        'A step starts with as of, actors:, given, advance, expect, or an actor followed by does or forces.',
      );
    }
    if (refused && verb === 'forces')
      this.stepProblem('A forced act cannot be refused; write does.', this.tokenSpan(verbTok));
    const atTok = tok(d, 'at');
    if (validTok(atTok) && atTok.image !== 'at')
      this.stepProblem(`Expected 'at' but found '${atTok.image}'.`, this.tokenSpan(atTok));
    const actor = this.actorId(sub(d, 'actorId'));
    const act = this.refOf(sub(d, 'ref'), 'act', 'an act like <<indienen>>');
    const at = this.dateTok(d);
    if (refused) return { kind: 'ExpectRefused', actor, act, at, span };
    return { kind: 'Do', actor, act, force: verb === 'forces', at, span };
  }

  private expectStep(n: CstNode, span: Span): ScenarioStep | null {
    const d = sub(n, 'doStep');
    if (d) return this.doStep(d, span, true);
    if (tok(n, 'sources')) {
      const include = tok(n, 'include');
      if (validTok(include) && include.image !== 'include')
        this.stepProblem(`Expected 'include' but found '${include.image}'.`, this.tokenSpan(include));
      const sources = subs(n, 'sourceName').map((s) => {
        const id = tok(s, 'SourceId');
        return validTok(id) ? id.image : this.stringValue(tok(s, 'StringLiteral'));
      });
      return {
        kind: 'ExpectSources',
        act: this.refOf(sub(n, 'ref'), 'act', 'an act like <<indienen>>'),
        sources,
        span,
      };
    }
    if (tok(n, 'unknown'))
      return { kind: 'ExpectUnknown', fact: this.refOf(sub(n, 'ref'), 'fact', 'a fact like [aanvraag]'), span };
    if (tok(n, 'violation')) {
      const ref = this.refOf(sub(n, 'ref'), null, '');
      if (ref.frame === 'fact')
        this.stepProblem('A violation concerns a duty <plicht> or a forced act <<handeling>>.', ref.span);
      return { kind: 'ExpectViolation', frame: ref, negated: tok(n, 'no') !== undefined, span };
    }
    if (tok(n, 'Duty')) {
      const active = tok(n, 'active');
      if (validTok(active) && active.image !== 'active')
        this.stepProblem(`Expected 'active' but found '${active.image}'.`, this.tokenSpan(active));
      return {
        kind: 'ExpectDuty',
        duty: this.refOf(sub(n, 'ref'), 'duty', 'a duty like <beslissen>'),
        active: tok(n, 'Not') === undefined,
        span,
      };
    }
    const target = sub(n, 'expectTarget');
    if (!target) return null;
    const e = this.expression(sub(target, 'expression'));
    if (tok(target, 'available')) return this.expectAct(target, e, span);
    if (e.kind === 'Ref' && e.frame === 'fact') {
      this.checkScenarioArgs(e);
      return { kind: 'ExpectFact', fact: e, negated: false, span };
    }
    if (e.kind === 'Unary' && e.op === 'not' && e.operand.kind === 'Ref' && e.operand.frame === 'fact') {
      this.checkScenarioArgs(e.operand);
      return { kind: 'ExpectFact', fact: e.operand, negated: true, span };
    }
    const [left, right] = e.kind === 'Compare' ? e.operands : [];
    if (
      e.kind === 'Compare' &&
      e.op === 'eq' &&
      e.operands.length === 2 &&
      left?.kind === 'Ref' &&
      left.frame === 'fact' &&
      right
    ) {
      this.checkScenarioArgs(left);
      return { kind: 'ExpectValue', fact: left, value: this.literalValue(right, `expected of [${left.name}]`), span };
    }
    this.stepProblem(
      'An expect step names a fact ([f](ids), not [f](ids), [f](ids) == value, unknown [f]), ' +
        'an act (<<a>> available for id), a duty, a violation, sources or a refusal.',
      e.span,
      'See grammar/README.md#scenarios.',
    );
    return null;
  }

  private expectAct(target: CstNode, e: Expr, span: Span): ScenarioStep | null {
    for (const [key, word] of [
      ['available', 'available'],
      ['for', 'for'],
      ['because', 'because'],
    ] as const) {
      const t = tok(target, key);
      if (validTok(t) && t.image !== word)
        this.stepProblem(`Expected '${word}' but found '${t.image}'.`, this.tokenSpan(t));
    }
    if (e.kind !== 'Ref' || e.frame !== 'act') {
      this.stepProblem('Only an act like <<indienen>> can be available.', e.span);
      return null;
    }
    this.checkScenarioArgs(e);
    const available = tok(target, 'Not') === undefined;
    const reasonFact = tok(target, 'reasonFact');
    const reasonItem = tok(target, 'reasonItem');
    let because: ExpectReason | null = null;
    if (validTok(reasonFact)) {
      because = {
        kind: 'Ref',
        frame: 'fact',
        name: this.nameValue(reasonFact),
        args: [],
        span: this.tokenSpan(reasonFact),
      };
    } else if (validTok(reasonItem)) {
      const item = reasonItem.image;
      if ((REASON_ITEMS as readonly string[]).includes(item)) {
        because = { kind: 'ReasonItem', item: item as (typeof REASON_ITEMS)[number], span: this.tokenSpan(reasonItem) };
      } else {
        this.stepProblem(
          `Unknown reason '${item}'.`,
          this.tokenSpan(reasonItem),
          `Write a fact like [y], or one of ${REASON_ITEMS.join(', ')}.`,
        );
      }
    }
    if (available && because !== null) this.stepProblem("Only 'not available' takes a 'because'.", because.span);
    return {
      kind: 'ExpectAct',
      act: e,
      actor: this.actorId(sub(target, 'actorId')),
      available,
      because: available ? null : because,
      span,
    };
  }

  /** A `valid: FROM .. TO` field (either end may be left out); `null` when the block has none. */
  private validField(b: BlockContent): { from: string | null; to: string | null; span: Span } | null {
    const valid = b.fields.get('valid');
    if (!valid) return null;
    let from: string | null = null;
    let to: string | null = null;
    const v = valid.value;
    const first = v.items[0];
    if (first?.kind === 'expr') from = this.dateOf(first.expr);
    if (v.range?.end)
      to = v.range.end.tokenType.name === 'DateLiteral' ? v.range.end.image : this.stringValue(v.range.end);
    if (v.items.length > 1 || (first !== undefined && from === null) || v.prefix !== null) {
      this.report('invalid-field-value', "Field 'valid' expects a date range like 2024-01-01 .. 2024-12-31.", v.span);
    }
    return { from, to, span: v.span };
  }

  /** The header's `period: FROM .. TO` (grammar/README.md#versions); absent when not written. */
  private periodField(b: BlockContent): { period?: { from: string | null; to: string | null } } {
    const f = b.fields.get('period');
    if (!f) return {};
    const v = this.validField({ ...b, fields: new Map([['valid', f]]) });
    return v ? { period: { from: v.from, to: v.to } } : {};
  }

  /** The labels of a `version`/`variant` sub-block, as tokens. */
  private subLabels(n: CstNode): IToken[] {
    return subs(n, 'labels').flatMap((l) =>
      [
        tok(l, 'SourceId'),
        tok(l, 'DateLiteral'),
        tok(l, 'IntegerLiteral'),
        tok(l, 'Identifier'),
        tok(l, 'StringLiteral'),
      ].filter(validTok),
    );
  }

  private labelText(t: IToken): string {
    return t.tokenType.name === 'QuotedString' || t.tokenType.name === 'TextBlock' ? this.stringValue(t) : t.image;
  }

  /** `version LABEL { valid: .. publication: .. text: .. }` inside a source (grammar/README.md#versions). */
  private sourceVersion(n: CstNode): SourceVersion {
    const labels = this.subLabels(n);
    const first = labels[0];
    if (labels.length !== 1)
      this.report(
        'invalid-field-value',
        'A source version has one label, e.g. `version 2025 { ... }`.',
        this.nodeSpan(n),
        'Cite it from frames as SOURCE@LABEL.',
      );
    const label = first ? this.labelText(first) : '';
    if (first && !VERSION_LABEL_RE.test(label))
      this.report(
        'invalid-field-value',
        `Version label '${label}' cannot be cited as SOURCE@LABEL.`,
        this.tokenSpan(first),
        'Use letters, digits and _, with single - or . between them, e.g. 2025 or 2023-07-01.',
      );
    const b = this.block(sub(n, 'block'), 'version');
    const valid = this.validField(b);
    return {
      kind: 'SourceVersion',
      label,
      labelSpan: this.tokenSpan(first),
      validFrom: valid?.from ?? null,
      validTo: valid?.to ?? null,
      publication: this.textField(b, 'publication'),
      juriconnect: this.textField(b, 'juriconnect'),
      eli: this.textField(b, 'eli'),
      url: this.textField(b, 'url'),
      text: this.textField(b, 'text'),
      explanation: this.textField(b, 'explanation'),
      span: this.nodeSpan(n),
    };
  }

  private source(n: CstNode): SourceDecl {
    const idTok = tok(n, 'SourceId') ?? tok(n, 'StringLiteral');
    const id = idTok?.tokenType.name === 'SourceId' ? idTok.image : this.stringValue(idTok);
    if (idTok?.tokenType.name === 'SourceId' && id.includes('@'))
      this.report(
        'invalid-field-value',
        `A source id cannot contain '@': '${id}'.`,
        this.tokenSpan(idTok),
        'Declare versions inside the source block: version 2025 { valid: 2025-01-01 .. }.',
      );
    const b = this.block(sub(n, 'block'), 'source');
    const valid = this.validField(b);
    const validFrom = valid?.from ?? null;
    const validTo = valid?.to ?? null;
    const versions = b.subBlocks.map((v) => this.sourceVersion(v));
    if (valid && versions.length > 0)
      this.report(
        'invalid-field-value',
        "A source with versions has no 'valid' of its own: each version has its validity.",
        valid.span,
        'Move the dates into the versions (grammar/README.md#versions).',
      );
    const publication = this.textField(b, 'publication');
    return {
      kind: 'Source',
      id,
      idSpan: this.tokenSpan(idTok),
      juriconnect: this.textField(b, 'juriconnect'),
      eli: this.textField(b, 'eli'),
      url: this.textField(b, 'url'),
      citation: this.textField(b, 'citation'),
      text: this.textField(b, 'text'),
      validFrom: versions.length > 0 ? null : validFrom,
      validTo: versions.length > 0 ? null : validTo,
      explanation: this.textField(b, 'explanation'),
      ...(publication !== null ? { publication } : {}),
      ...(versions.length > 0 ? { versions } : {}),
      meta: b.meta,
      span: this.nodeSpan(n),
    };
  }

  private frameCommon(n: CstNode, nameKey: string, b: BlockContent, kind: 'fact' | 'act' | 'duty') {
    const nameTok = tok(n, nameKey);
    const appliesAsOf = this.exprField(b, 'applies as of');
    const variants = b.subBlocks.map((v) => this.variant(v, kind));
    return {
      name: this.nameValue(nameTok),
      nameSpan: this.tokenSpan(nameTok),
      params: this.params(sub(n, 'paramList')),
      sources: this.sourcesField(b),
      explanation: this.textField(b, 'explanation'),
      meta: b.meta,
      ...(appliesAsOf !== null ? { appliesAsOf } : {}),
      ...(variants.length > 0 ? { variants } : {}),
      span: this.nodeSpan(n),
    };
  }

  /** `variant SOURCE@LABEL, ... { fields }` inside a frame (grammar/README.md#versions). */
  private variant(n: CstNode, kind: 'fact' | 'act' | 'duty'): FrameVariant {
    const sources: SourceRef[] = [];
    for (const t of this.subLabels(n)) {
      if (t.tokenType.name === 'SourceId') sources.push(this.sourceRef(t.image, this.tokenSpan(t)));
      else
        this.report(
          'invalid-field-value',
          `A variant names the source versions it implements, e.g. bkot-4@2025; got '${t.image}'.`,
          this.tokenSpan(t),
        );
    }
    const b = this.block(sub(n, 'block'), `${kind}Variant`);
    const holds = b.fields.get('holds when');
    const value = b.fields.get('value');
    if (holds && value)
      this.report('duplicate-field', "A fact variant has both 'holds when' and 'value'; write one.", value.keySpan);
    const def = holds ?? value;
    const deadline = kind === 'duty' ? this.deadlineField(b) : null;
    return {
      kind: 'Variant',
      sources,
      valid: this.validField(b),
      definition: def ? this.singleExpr(def) : null,
      preconditions: this.exprField(b, 'preconditions'),
      creates: b.fields.has('creates') ? this.effectsField(b, 'creates') : null,
      terminates: b.fields.has('terminates') ? this.effectsField(b, 'terminates') : null,
      deadline,
      explanation: this.textField(b, 'explanation'),
      span: this.nodeSpan(n),
    };
  }

  /** A source reference `id` or `id@label`. */
  private sourceRef(image: string, span: Span): SourceRef {
    const at = image.indexOf('@');
    if (at < 0) return { kind: 'SourceRef', id: image, span };
    return { kind: 'SourceRef', id: image.slice(0, at), version: image.slice(at + 1), span };
  }

  private fact(n: CstNode): FactDecl {
    const b = this.block(sub(n, 'block'), 'fact');
    const common = this.frameCommon(n, 'FactName', b, 'fact');
    const typeNode = sub(n, 'typeRef');
    const type: TypeRef = typeNode
      ? this.typeRef(typeNode)
      : { kind: 'PrimitiveType', name: 'boolean', span: common.nameSpan };
    const holds = b.fields.get('holds when');
    const value = b.fields.get('value');
    if (holds && value)
      this.report(
        'duplicate-field',
        `Fact [${common.name}] has both 'holds when' and 'value'; write one.`,
        value.keySpan,
      );
    const def = holds ?? value;
    return {
      kind: 'Fact',
      ...common,
      type,
      definition: def ? this.singleExpr(def) : null,
      closed: b.closed,
    };
  }

  private act(n: CstNode): ActDecl {
    const b = this.block(sub(n, 'block'), 'act');
    const common = this.frameCommon(n, 'ActName', b, 'act');
    return {
      kind: 'Act',
      ...common,
      actor: this.exprField(b, 'actor'),
      action: this.wordField(b, 'action'),
      object: this.exprField(b, 'object'),
      recipient: this.exprField(b, 'recipient'),
      preconditions: this.exprField(b, 'preconditions'),
      creates: this.effectsField(b, 'creates'),
      terminates: this.effectsField(b, 'terminates'),
    };
  }

  private duty(n: CstNode): DutyDecl {
    const b = this.block(sub(n, 'block'), 'duty');
    const common = this.frameCommon(n, 'DutyName', b, 'duty');
    const deadline = this.deadlineField(b);
    const violated = b.fields.get('violated when');
    return {
      kind: 'Duty',
      ...common,
      holder: this.exprField(b, 'holder'),
      claimant: this.exprField(b, 'claimant'),
      createdBy: this.actRefsField(b, 'created by'),
      terminatedBy: this.actRefsField(b, 'terminated by'),
      enforcedBy: this.actRefsField(b, 'enforced by'),
      deadline,
      violation: violated ? this.singleExpr(violated) : null,
      components: this.exprListField(b, 'components'),
    };
  }

  private deadlineField(b: BlockContent): Deadline | null {
    let deadline: Deadline | null = null;
    const d = b.fields.get('deadline');
    if (d) {
      const last = d.value.items.at(-1);
      const marker = last?.kind === 'atw' ? last.node : null;
      const value = this.singleExpr(
        marker ? { ...d, value: { ...d.value, items: d.value.items.slice(0, -1) } } : d,
        true,
      );
      const atw = marker ? this.deadlineAtw(marker) : null;
      if (d.value.prefix === null) {
        this.report(
          'invalid-field-value',
          "Field 'deadline' starts with 'within' (a duration) or 'by' (a date).",
          d.value.span,
          'Write deadline: within 8 weeks, or deadline: by [datum] + 8 weeks.',
        );
      }
      deadline = { kind: 'Deadline', form: d.value.prefix ?? 'within', value, atw, span: d.value.span };
    }
    return deadline;
  }

  private params(n: CstNode | undefined): Param[] {
    return subs(n, 'param').map((p) => this.param(p));
  }

  private param(p: CstNode): Param {
    const t = sub(p, 'typeRef');
    return {
      kind: 'Param',
      name: validTok(tok(p, 'Identifier')) ? (tok(p, 'Identifier')?.image ?? '') : '',
      type: t ? this.typeRef(t) : { kind: 'PrimitiveType', name: 'boolean', span: this.nodeSpan(p) },
      span: this.nodeSpan(p),
    };
  }

  private typeRef(n: CstNode): TypeRef {
    const fact = tok(n, 'FactName');
    if (fact) return { kind: 'FactType', name: this.nameValue(fact), span: this.tokenSpan(fact) };
    const id = tok(n, 'Identifier');
    const span = this.tokenSpan(id);
    const name = id?.image ?? '';
    if ((PRIMITIVE_TYPES as readonly string[]).includes(name))
      return { kind: 'PrimitiveType', name: name as PrimitiveTypeName, span };
    if (validTok(id)) {
      this.report(
        'unknown-type',
        `Unknown type '${name}'.`,
        span,
        `Use ${PRIMITIVE_TYPES.join(', ')}, or a fact type like [persoon].`,
      );
    }
    return { kind: 'PrimitiveType', name: 'boolean', span };
  }

  // --- blocks and fields

  private block(n: CstNode | undefined, kind: BlockKind): BlockContent {
    const fields = new Map<string, Field>();
    const allowed: readonly string[] = BLOCK_FIELDS[kind];
    for (const c of toks(n, 'Closed')) {
      if (kind !== 'fact') this.report('unknown-field', `'closed' is only allowed in a fact.`, this.tokenSpan(c));
    }
    for (const f of subs(n, 'field')) {
      const k1 = tok(f, 'key');
      const k2 = tok(f, 'key2');
      if (!validTok(k1)) continue;
      const k3 = tok(f, 'key3');
      const words = [k1, k2, k3].filter(validTok);
      const key = words.map((w) => w.image).join(' ');
      const keySpan = joinSpans(this.tokenSpan(k1), this.tokenSpan(words.at(-1)));
      const value = this.fieldValue(sub(f, 'fieldValue'));
      if (!allowed.includes(key)) {
        this.report(
          'unknown-field',
          `Unknown field '${key}' in a ${BLOCK_NAMES[kind]}.`,
          keySpan,
          `Allowed: ${[...allowed, ...(kind === 'fact' ? ['closed'] : []), 'meta <key>'].join(', ')}.`,
        );
        continue;
      }
      if (fields.has(key)) {
        this.report('duplicate-field', `Field '${key}' is written twice.`, keySpan, 'Keep one; the first one is used.');
        continue;
      }
      fields.set(key, { key, keySpan, value });
    }
    const meta: MetaEntry[] = [];
    for (const m of subs(n, 'metaField')) {
      const keyTok = tok(m, 'Identifier') ?? tok(m, 'StringLiteral');
      const valueTok = tok(m, 'MetaValue');
      if (!validTok(keyTok) || !validTok(valueTok)) continue;
      const key = keyTok.tokenType.name === 'Identifier' ? keyTok.image : this.stringValue(keyTok);
      let value: JsonValue = null;
      try {
        value = JSON.parse(valueTok.image) as JsonValue;
      } catch {
        this.report(
          'invalid-meta-value',
          `Meta value of '${key}' is not valid JSON.`,
          this.tokenSpan(valueTok),
          'Write a JSON literal: "text", 12, true, null, [..] or {..}.',
        );
      }
      meta.push({ kind: 'Meta', key, value, span: this.nodeSpan(m) });
    }
    const subBlocks = subs(n, 'subBlock');
    for (const sb of subBlocks) {
      const word = tok(sb, 'word');
      const expected = SUB_BLOCK_WORD[kind];
      if (validTok(word) && word.image !== expected) {
        this.report(
          'unknown-field',
          `'${word.image}' blocks are not allowed in a ${BLOCK_NAMES[kind]}.`,
          this.tokenSpan(word),
          expected === undefined
            ? 'Versions belong in a source block, variants in a fact, act or duty (grammar/README.md#versions).'
            : `Write '${expected}' here (grammar/README.md#versions).`,
        );
      }
    }
    return {
      fields,
      closed: toks(n, 'Closed').length > 0 && kind === 'fact',
      meta,
      subBlocks: subBlocks.filter((sb) => tok(sb, 'word')?.image === SUB_BLOCK_WORD[kind]),
    };
  }

  private fieldValue(n: CstNode | undefined): FieldValue {
    const prefixTok = tok(n, 'prefix');
    const prefix = validTok(prefixTok) ? (prefixTok.image === 'by' ? 'by' : 'within') : null;
    const items: FieldValue['items'][number][] = [];
    for (const it of subs(n, 'valueItem')) {
      const id = tok(it, 'SourceId');
      const atw = sub(it, 'atwMarker');
      if (id) items.push({ kind: 'id', token: id });
      else if (atw) items.push({ kind: 'atw', node: atw });
      else items.push({ kind: 'expr', expr: this.expression(sub(it, 'expression')) });
    }
    const hasRange = toks(n, 'Range').length > 0;
    const endNode = sub(n, 'rangeEnd');
    const end = tok(endNode, 'DateLiteral') ?? tok(endNode, 'StringLiteral');
    return { prefix, items, range: hasRange ? { end } : null, span: this.nodeSpan(n) };
  }

  /** `atw` → applies; `not atw because SOURCE` → excluded by SOURCE; `not atw` alone needs its source. */
  private deadlineAtw(n: CstNode): DeadlineAtw | null {
    const not = toks(n, 'Not').length > 0;
    if (!not) return { applies: true };
    const source = tok(n, 'source');
    if (validTok(source)) return { applies: false, source: source.image, span: this.tokenSpan(source) };
    this.report(
      'invalid-field-value',
      "A deadline's 'not atw' names the source that excludes the Algemene termijnenwet.",
      this.nodeSpan(n),
      'Write deadline: within 6 weeks, not atw because awir-28-lid-3.',
    );
    return null;
  }

  private singleExpr(f: Field, allowPrefix = false): Expr {
    const v = f.value;
    const first = v.items[0];
    if (v.items.length !== 1 || first?.kind !== 'expr' || v.range !== null || (v.prefix !== null && !allowPrefix)) {
      this.report('invalid-field-value', `Field '${f.key}' expects one expression.`, v.span);
    }
    if (first?.kind === 'expr') return first.expr;
    return this.placeholder(v.span);
  }

  private exprField(b: BlockContent, key: string): Expr | null {
    const f = b.fields.get(key);
    return f ? this.singleExpr(f) : null;
  }

  private exprListField(b: BlockContent, key: string): Expr[] {
    const f = b.fields.get(key);
    if (!f) return [];
    const out: Expr[] = [];
    for (const it of f.value.items) {
      if (it.kind === 'expr') out.push(it.expr);
      else
        this.report(
          'invalid-field-value',
          `Field '${key}' expects expressions.`,
          it.kind === 'id' ? this.tokenSpan(it.token) : this.nodeSpan(it.node),
        );
    }
    if (f.value.prefix !== null || f.value.range !== null)
      this.report('invalid-field-value', `Field '${key}' expects a list of expressions.`, f.value.span);
    return out;
  }

  /** A text field: a string literal. */
  private textField(b: BlockContent, key: string): string | null {
    const f = b.fields.get(key);
    if (!f) return null;
    const e = this.singleExpr(f);
    if (e.kind === 'Literal' && e.type === 'text') return e.value;
    this.report('invalid-field-value', `Field '${key}' expects a text string in double quotes.`, f.value.span);
    return null;
  }

  /** A word field: a bare word or a string (`language: nl`, `action: indienen`). */
  private wordField(b: BlockContent, key: string): string | null {
    const f = b.fields.get(key);
    if (!f) return null;
    const e = this.singleExpr(f);
    if (e.kind === 'Literal' && e.type === 'text') return e.value;
    if (e.kind === 'Var') return e.name;
    if (e.kind === 'Ref' && e.args.length === 0) return e.name;
    this.report('invalid-field-value', `Field '${key}' expects a word or a text string.`, f.value.span);
    return null;
  }

  /** `conventions: flint | "flint-json"` (grammar/README.md#header); absent when not written. */
  private conventionsField(b: BlockContent): { conventions?: Conventions } {
    const f = b.fields.get('conventions');
    if (!f) return {};
    const v = this.wordField(b, 'conventions');
    if (v === 'flint' || v === 'flint-json') return { conventions: v };
    if (v !== null) {
      const hint = 'Write `conventions: flint` or `conventions: "flint-json"`.';
      this.report('invalid-field-value', `Unknown conventions '${v}'.`, f.value.span, hint);
    }
    return {};
  }

  private dateOf(e: Expr): string | null {
    return e.kind === 'Literal' && (e.type === 'date' || e.type === 'text') ? e.value : null;
  }

  private dateField(b: BlockContent, key: string): string | null {
    const f = b.fields.get(key);
    if (!f) return null;
    const d = this.dateOf(this.singleExpr(f));
    if (d === null) this.report('invalid-field-value', `Field '${key}' expects a date like 2024-01-01.`, f.value.span);
    return d;
  }

  private sourcesField(b: BlockContent): SourceRef[] {
    const f = b.fields.get('sources');
    if (!f) return [];
    const out: SourceRef[] = [];
    for (const it of f.value.items) {
      if (it.kind === 'id') out.push(this.sourceRef(it.token.image, this.tokenSpan(it.token)));
      else if (it.kind === 'atw')
        this.report('invalid-field-value', "Field 'sources' expects source ids like awb-4:1.", this.nodeSpan(it.node));
      else if (it.expr.kind === 'Literal' && it.expr.type === 'text')
        out.push({ kind: 'SourceRef', id: it.expr.value, span: it.expr.span });
      else this.report('invalid-field-value', "Field 'sources' expects source ids like awb-4:1.", it.expr.span);
    }
    return out;
  }

  private refs(b: BlockContent, key: string): Ref[] {
    const out: Ref[] = [];
    for (const e of this.exprListField(b, key)) {
      if (e.kind === 'Ref') out.push(e);
      else
        this.report(
          'invalid-field-value',
          `Field '${key}' expects frame names like [feit], <plicht> or <<handeling>>.`,
          e.span,
        );
    }
    return out;
  }

  private effectsField(b: BlockContent, key: string): Effect[] {
    return this.refs(b, key).map((r) => ({ kind: 'Effect', frame: r.frame, name: r.name, args: r.args, span: r.span }));
  }

  private actRefsField(b: BlockContent, key: string): Ref[] {
    return this.refs(b, key).filter((r) => {
      if (r.frame !== 'act')
        this.report('invalid-field-value', `Field '${key}' expects acts like <<indienen>>.`, r.span);
      return r.frame === 'act';
    });
  }

  // --- expressions

  private placeholder(span: Span): Expr {
    return { kind: 'Literal', type: 'boolean', value: false, span };
  }

  /** An expression from an `expression` CST node (a placeholder when missing). */
  expression(n: CstNode | undefined): Expr {
    const or = sub(n, 'orExpr');
    if (!or) return this.placeholder(this.nodeSpan(n));
    return this.chain(or, 'or', (a) => this.chain(a, 'and', (x) => this.notExpr(x)));
  }

  /** `a or b or c` / `a and b and c`: one Nary node for the chain. */
  private chain(n: CstNode, op: 'and' | 'or', child: (c: CstNode) => Expr): Expr {
    const single = only(n, 'operands');
    if (single) return child(single);
    const operands = subs(n, 'operands').map(child);
    if (operands.length === 0) return this.placeholder(this.nodeSpan(n));
    if (operands.length === 1) return operands[0] as Expr;
    return { kind: 'Nary', op, operands, span: this.nodeSpan(n) };
  }

  private notExpr(n: CstNode): Expr {
    if (tok(n, 'Not')) {
      return {
        kind: 'Unary',
        op: 'not',
        operand: this.notExprOrPlaceholder(sub(n, 'notExpr')),
        span: this.nodeSpan(n),
      };
    }
    const c = sub(n, 'comparison');
    return c ? this.comparison(c) : this.placeholder(this.nodeSpan(n));
  }

  private notExprOrPlaceholder(n: CstNode | undefined): Expr {
    return n ? this.notExpr(n) : this.placeholder(this.nodeSpan(n));
  }

  private comparison(n: CstNode): Expr {
    const single = only(n, 'operands');
    if (single) return this.arith(single, 'additive');
    const operands = subs(n, 'operands').map((c) => this.arith(c, 'additive'));
    const ops = toks(n, 'ops').map((t) => COMPARE_OPS[t.tokenType.name] ?? 'eq');
    if (operands.length === 0) return this.placeholder(this.nodeSpan(n));
    let acc: Expr[] = [operands[0] as Expr];
    let cur = ops[0];
    let result: Expr = operands[0] as Expr;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as (typeof ops)[number];
      const right = operands[i + 1];
      if (right === undefined) break;
      if (op !== cur && cur !== undefined) {
        const node: Expr = {
          kind: 'Compare',
          op: cur,
          operands: acc,
          span: joinSpans((acc[0] as Expr).span, (acc[acc.length - 1] as Expr).span),
        };
        this.report(
          'mixed-comparison',
          'A comparison chain mixes different operators.',
          this.tokenSpan(toks(n, 'ops')[i]),
          'Write the comparisons separately and join them with and.',
        );
        acc = [node];
        cur = op;
      }
      acc.push(right);
    }
    if (acc.length >= 2 && cur !== undefined)
      result = {
        kind: 'Compare',
        op: cur,
        operands: acc,
        span: joinSpans((acc[0] as Expr).span, (acc[acc.length - 1] as Expr).span),
      };
    else result = acc[0] as Expr;
    return result;
  }

  /** `additive` / `multiplicative`: consecutive equal operators form one Nary node, left to right. */
  private arith(n: CstNode, rule: 'additive' | 'multiplicative'): Expr {
    const single = only(n, 'operands');
    if (single) return rule === 'additive' ? this.arith(single, 'multiplicative') : this.unary(single);
    const child = (c: CstNode): Expr => (rule === 'additive' ? this.arith(c, 'multiplicative') : this.unary(c));
    const operands = subs(n, 'operands').map(child);
    const ops = toks(n, 'ops').map((t) => ARITH_OPS[t.tokenType.name] ?? 'add');
    if (operands.length === 0) return this.placeholder(this.nodeSpan(n));
    let acc: Expr[] = [operands[0] as Expr];
    let cur = ops[0];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as (typeof ops)[number];
      const right = operands[i + 1];
      if (right === undefined) break;
      if (op !== cur && cur !== undefined) {
        acc = [
          {
            kind: 'Nary',
            op: cur,
            operands: acc,
            span: joinSpans((acc[0] as Expr).span, (acc[acc.length - 1] as Expr).span),
          },
        ];
        cur = op;
      }
      acc.push(right);
    }
    if (acc.length >= 2 && cur !== undefined) {
      return {
        kind: 'Nary',
        op: cur,
        operands: acc,
        span: joinSpans((acc[0] as Expr).span, (acc[acc.length - 1] as Expr).span),
      };
    }
    return acc[0] as Expr;
  }

  private unary(n: CstNode): Expr {
    const minus = tok(n, 'Minus');
    if (minus) {
      const inner = sub(n, 'unary');
      const operand = inner ? this.unary(inner) : this.placeholder(this.nodeSpan(n));
      const span = this.nodeSpan(n);
      // A minus written directly before a number is part of the literal: `-12` is the integer -12.
      if (
        this.bareNumbers.has(operand) &&
        operand.kind === 'Literal' &&
        (operand.type === 'integer' || operand.type === 'decimal')
      ) {
        return { ...operand, value: `-${operand.value}`, span };
      }
      return { kind: 'Unary', op: 'neg', operand, span };
    }
    const p = sub(n, 'projection');
    return p ? this.projection(p) : this.placeholder(this.nodeSpan(n));
  }

  private projection(n: CstNode): Expr {
    const operand = this.postfix(sub(n, 'postfix'));
    const ctx = sub(n, 'projectionContext');
    const scopeTok = tok(n, 'scope');
    if (!ctx && !scopeTok) return operand;
    return {
      kind: 'Projection',
      scope: scopeTok?.image === 'all' ? 'all' : scopeTok?.image === 'some' ? 'some' : 'single',
      context: toks(ctx, 'context').map((t) => this.nameValue(t)),
      operand,
      span: this.nodeSpan(n),
    };
  }

  private postfix(n: CstNode | undefined): Expr {
    let e = this.primary(sub(n, 'primary'));
    const fields = toks(n, 'fields');
    if (fields.length === 0) return e;
    this.bareNumbers.delete(e);
    for (const f of fields) {
      if (!validTok(f)) continue;
      e = { kind: 'Member', object: e, field: f.image, span: joinSpans(e.span, this.tokenSpan(f)) };
    }
    return e;
  }

  private args(n: CstNode | undefined): Expr[] {
    return subs(n, 'args').map((a) => this.expression(a));
  }

  private primary(n: CstNode | undefined): Expr {
    const span = this.nodeSpan(n);
    if (!n) return this.placeholder(span);
    const c = n.children;
    // A primary holds the children of one alternative only, so the most frequent one, a reference, comes first.
    const ref = sub(n, 'ref');
    if (ref) {
      const t = tok(ref, 'FactName') ?? tok(ref, 'DutyName') ?? tok(ref, 'ActName');
      const frame = tok(ref, 'DutyName') ? 'duty' : tok(ref, 'ActName') ? 'act' : 'fact';
      return { kind: 'Ref', frame, name: this.nameValue(t), args: this.args(sub(ref, 'argList')), span };
    }
    const num = sub(n, 'numberOrDuration');
    if (num) {
      const t = tok(num, 'IntegerLiteral');
      const digits = validTok(t) ? t.image.replace(/^0+(?=\d)/, '') : '0';
      const unit = tok(num, 'unit');
      if (validTok(unit)) {
        return { kind: 'Literal', type: 'duration', value: `P${digits}${DURATION_UNITS[unit.image] ?? 'D'}`, span };
      }
      const lit: Literal = { kind: 'Literal', type: 'integer', value: digits, span };
      this.bareNumbers.add(lit);
      return lit;
    }
    const dec = tok(n, 'DecimalLiteral');
    if (dec) {
      const lit: Literal = { kind: 'Literal', type: 'decimal', value: dec.image, span };
      this.bareNumbers.add(lit);
      return lit;
    }
    if (c['DateLiteral']) return { kind: 'Literal', type: 'date', value: tok(n, 'DateLiteral')?.image ?? '', span };
    if (c['True']) return { kind: 'Literal', type: 'boolean', value: true, span };
    if (c['False']) return { kind: 'Literal', type: 'boolean', value: false, span };
    if (c['Today']) return { kind: 'Now', span };
    if (c['Anyone']) return { kind: 'Is', identity: null, span };
    if (c['Is']) return { kind: 'Is', identity: this.stringValue(tok(n, 'identity')), span };
    if (c['Created']) return { kind: 'Created', operands: this.args(sub(n, 'argList')), span };
    if (c['List']) {
      const nameTok = tok(n, 'listName');
      return {
        kind: 'List',
        name: nameTok ? this.stringValue(nameTok) : null,
        item: this.expression(sub(n, 'expression')),
        span,
      };
    }
    if (c['StringLiteral'])
      return { kind: 'Literal', type: 'text', value: this.stringValue(tok(n, 'StringLiteral')), span };
    const ident = sub(n, 'identifierExpr');
    if (ident) {
      const id = tok(ident, 'Identifier');
      const fn = tok(ident, 'fn');
      const argList = sub(ident, 'argList');
      if (fn || argList) return { kind: 'Call', fn: (fn ?? id)?.image ?? '', args: this.args(argList), span };
      return { kind: 'Var', name: validTok(id) ? id.image : '', span };
    }
    const agg = sub(n, 'aggregate');
    if (agg) return this.aggregate(agg);
    const cond = sub(n, 'conditional');
    if (cond) {
      return {
        kind: 'Conditional',
        condition: this.expression(sub(cond, 'condition')),
        then: this.expression(sub(cond, 'then')),
        otherwise: this.expression(sub(cond, 'otherwise')),
        span,
      };
    }
    const inner = sub(n, 'inner');
    if (inner) {
      const e = this.expression(inner);
      // `-(12)` stays a negation of 12: parentheses make the number no longer bare.
      this.bareNumbers.delete(e);
      return e;
    }
    return this.placeholder(span);
  }

  /** An aggregate binding, with its month range when written (`m: month in 2025`). */
  private binding(n: CstNode): Param {
    const p = sub(n, 'param');
    const param: Param = p
      ? this.param(p)
      : {
          kind: 'Param',
          name: '',
          type: { kind: 'PrimitiveType', name: 'boolean', span: this.nodeSpan(n) },
          span: this.nodeSpan(n),
        };
    const inTok = tok(n, 'in');
    const from = sub(n, 'from');
    if (!validTok(inTok)) return param;
    const fromExpr = from ? this.arith(from, 'additive') : this.placeholder(this.tokenSpan(inTok));
    const to = sub(n, 'to');
    const toExpr = to ? this.arith(to, 'additive') : null;
    const span = joinSpans(this.tokenSpan(inTok), (toExpr ?? fromExpr).span);
    return { ...param, range: { kind: 'MonthRange', from: fromExpr, to: toExpr, span } };
  }

  private aggregate(n: CstNode): Aggregate {
    const opTok = tok(n, 'op');
    const where = sub(n, 'where');
    const body = sub(n, 'body');
    return {
      kind: 'Aggregate',
      op: (AGGREGATE_OPS as readonly string[]).includes(opTok?.image ?? '')
        ? (opTok?.image as Aggregate['op'])
        : 'count',
      bindings: subs(n, 'bindings').map((b) => this.binding(b)),
      where: where ? this.expression(where) : null,
      body: body ? this.expression(body) : null,
      span: this.nodeSpan(n),
    };
  }
}

/** The written forms of the scenario steps, by their first word (hints for malformed steps). */
const STEP_FORMS: Readonly<Record<string, string>> = {
  as: 'as of 2024-01-01',
  actors: 'actors: alice: [persoon], gemeente: [bestuursorgaan]',
  given: 'given [feit](alice), given not [feit](alice), or given [feit](alice) = 5',
  advance: 'advance to 2024-03-01',
  expect:
    'expect [feit](alice), expect <<handeling>>(alice) available for alice, expect duty <plicht>(alice) active, ' +
    'expect violation <plicht>(alice), expect sources of <<handeling>> include "art. 1 Awb", ' +
    'expect refused: alice does <<handeling>>(alice)',
};

/** The check items an `expect ... not available ... because` can name. */
const REASON_ITEMS = ['actor', 'object', 'recipient', 'preconditions', 'validity'] as const;
const AGGREGATE_OPS = ['count', 'exists', 'forall', 'sum', 'min', 'max'] as const;
const COMPARE_OPS: Readonly<Record<string, 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'>> = {
  Eq: 'eq',
  Ne: 'ne',
  Lt: 'lt',
  Le: 'le',
  Gt: 'gt',
  Ge: 'ge',
};
const ARITH_OPS: Readonly<Record<string, 'add' | 'sub' | 'mul' | 'div'>> = {
  Plus: 'add',
  Minus: 'sub',
  Star: 'mul',
  Slash: 'div',
};
