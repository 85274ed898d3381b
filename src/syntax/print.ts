/**
 * `print`: Model AST → canonical .flint text. `parse(print(m))` equals `m` up to spans for every
 * valid model (grammar/README.md describes the canonical form).
 */
import type {
  ActDecl,
  Decl,
  DutyDecl,
  Expr,
  FactDecl,
  Header,
  Literal,
  MetaEntry,
  Model,
  Param,
  Deadline,
  Ref,
  ScenarioDecl,
  ScenarioStep,
  SourceDecl,
  SourceRef,
  TypeRef,
} from '../model/ast.js';
import { ADD, CMP, NARY_PREC, NOT, OPEN, OR, POSTFIX, precedence, UNARY } from '../model/precedence.js';
import { IDENTIFIER_RE, RESERVED_WORDS, SOURCE_ID_RE, VERSION_LABEL_RE } from '../../grammar/tokens.js';
import { bracketName, quoteString, textBlock } from './text.js';
import { textAtBoundary } from '../model/guard.js';

const INDENT = '  ';

const COMPARE_SYMBOL = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' } as const;
const NARY_SYMBOL = { and: 'and', or: 'or', add: '+', sub: '-', mul: '*', div: '/' } as const;
const UNIT_WORD = { D: 'day', W: 'week', M: 'month', Y: 'year' } as const;

const isWord = (s: string): boolean => IDENTIFIER_RE.test(s) && !RESERVED_WORDS.has(s);
const word = (s: string): string => (isWord(s) ? s : quoteString(s));
const date = (s: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : quoteString(s));
const sourceId = (s: string): string => (SOURCE_ID_RE.test(s) ? s : quoteString(s));
const versionLabel = (s: string): string => (VERSION_LABEL_RE.test(s) ? s : quoteString(s));

function literal(e: Literal): string {
  switch (e.type) {
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'integer':
    case 'decimal':
      return e.value;
    case 'text':
      return quoteString(e.value);
    case 'date':
      return date(e.value);
    case 'duration': {
      const m = /^P(\d+)([DWMY])$/.exec(e.value);
      if (!m) return quoteString(e.value);
      const n = m[1] ?? '0';
      const unit = UNIT_WORD[(m[2] ?? 'D') as keyof typeof UNIT_WORD];
      return `${n} ${unit}${n === '1' ? '' : 's'}`;
    }
  }
}

const list = (es: readonly Expr[]): string => es.map((a) => expr(a, OR)).join(', ');
const args = (es: readonly Expr[]): string => `(${list(es)})`;

/** Print `e`, parenthesised when it binds looser than `min`. */
function expr(e: Expr, min: number): string {
  const text = exprText(e);
  return precedence(e) < min ? `(${text})` : text;
}

function exprText(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      return literal(e);
    case 'Ref':
      return bracketName(e.frame, e.name) + (e.args.length > 0 ? args(e.args) : '');
    case 'Var':
      return e.name;
    case 'Member':
      return `${expr(e.object, POSTFIX)}.${e.field}`;
    case 'Unary': {
      if (e.op === 'not') return `not ${expr(e.operand, NOT)}`;
      const o = e.operand;
      // `-12` would read back as the literal -12, so a negated plain number keeps its parentheses.
      const plainNumber =
        o.kind === 'Literal' && (o.type === 'integer' || o.type === 'decimal') && !o.value.startsWith('-');
      return plainNumber ? `-(${literal(o)})` : `-${expr(o, UNARY)}`;
    }
    case 'Nary': {
      if (e.operands.length === 0)
        return e.op === 'and' ? 'true' : e.op === 'or' ? 'false' : e.op === 'mul' ? 'product()' : 'sum()';
      if (e.operands.length === 1) return exprText(e.operands[0] as Expr);
      const p = NARY_PREC[e.op];
      return e.operands.map((o) => expr(o, p + 1)).join(` ${NARY_SYMBOL[e.op]} `);
    }
    case 'Compare':
      if (e.operands.length === 0) return 'true';
      if (e.operands.length === 1) return exprText(e.operands[0] as Expr);
      return e.operands.map((o) => expr(o, CMP + 1)).join(` ${COMPARE_SYMBOL[e.op]} `);
    case 'Call':
      return `${e.fn}${args(e.args)}`;
    case 'Aggregate': {
      let s = `${e.op} ${e.bindings.map(binding).join(', ')}`;
      if (e.where) s += ` where ${expr(e.where, OR)}`;
      if (e.body) s += ` : ${expr(e.body, OR)}`;
      return s;
    }
    case 'Conditional':
      return `if ${expr(e.condition, OR)} then ${expr(e.then, OR)} else ${expr(e.otherwise, OR)}`;
    case 'Now':
      return 'today';
    case 'Is':
      return e.identity === null ? 'anyone' : `is ${quoteString(e.identity)}`;
    case 'Created':
      return e.operands.length > 0 ? `created${args(e.operands)}` : 'created';
    case 'Projection': {
      const scope = e.scope === 'single' ? '' : `${e.scope} `;
      const ctx = e.context.map((c) => bracketName('fact', c)).join(' via ');
      return `${scope}${expr(e.operand, POSTFIX)} of ${ctx}`;
    }
    case 'List':
      return `list ${e.name === null ? '' : `${quoteString(e.name)} `}(${expr(e.item, OPEN)})`;
  }
}

function typeRef(t: TypeRef): string {
  return t.kind === 'FactType' ? bracketName('fact', t.name) : t.name;
}

function param(p: Param): string {
  return `${p.name}: ${typeRef(p.type)}`;
}

/** An aggregate binding, with its month range (`m: month in 2025`, `m: month in a .. b`). */
function binding(p: Param): string {
  const r = p.range;
  if (r === undefined) return param(p);
  return `${param(p)} in ${expr(r.from, ADD)}${r.to === null ? '' : ` .. ${expr(r.to, ADD)}`}`;
}

const params = (ps: readonly Param[]): string => (ps.length > 0 ? `(${ps.map(param).join(', ')})` : '');

/**
 * One field (or scenario step) of a printed block: `key` names it (`holds when`, `meta#0`,
 * `closed`, `step#3`); `text` is indented once and may span lines.
 */
export interface PrintedItem {
  readonly key: string;
  readonly text: string;
}

/** A declaration printed in parts, so that `format` can put comments between them. */
export interface PrintedDecl {
  /** The first line without ` {`, e.g. `fact [aanvraag](a: [x])`. */
  readonly head: string;
  readonly items: readonly PrintedItem[];
  /** Scenarios always print a block, other declarations only when they have items. */
  readonly alwaysBlock: boolean;
}

/** The body of a block, one entry per field. */
type Lines = PrintedItem[];

function textField(lines: Lines, key: string, value: string | null, multiLine = false): void {
  if (value === null) return;
  const block = multiLine ? textBlock(value, INDENT + INDENT) : null;
  lines.push({ key, text: `${INDENT}${key}: ${block ?? quoteString(value)}` });
}

function exprField(lines: Lines, key: string, value: Expr | null): void {
  if (value !== null) lines.push({ key, text: `${INDENT}${key}: ${expr(value, OPEN)}` });
}

/** Lists longer than this go one item per line. */
const MAX_LINE = 100;

function listField(lines: Lines, key: string, items: readonly string[]): void {
  if (items.length === 0) return;
  const oneLine = `${INDENT}${key}: ${items.join(', ')}`;
  if (items.length === 1 || oneLine.length <= MAX_LINE) lines.push({ key, text: oneLine });
  else lines.push({ key, text: `${INDENT}${key}:\n${items.map((i) => INDENT + INDENT + i).join(',\n')}` });
}

function metaFields(lines: Lines, meta: readonly MetaEntry[]): void {
  meta.forEach((m, i) => {
    lines.push({ key: `meta#${i}`, text: `${INDENT}meta ${word(m.key)}: ${JSON.stringify(m.value)}` });
  });
}

/** A source reference as written: `id` or `id@label`. */
const sourceRefText = (r: SourceRef): string =>
  `${sourceId(r.id)}${r.version === undefined || r.version === null ? '' : `@${r.version}`}`;

/** `valid: FROM .. TO` (either end may be open). */
function validField(lines: Lines, from: string | null, to: string | null): void {
  if (from === null && to === null) return;
  const f = from === null ? '' : `${date(from)} `;
  const t = to === null ? '' : ` ${date(to)}`;
  lines.push({ key: 'valid', text: `${INDENT}valid: ${f}..${t}` });
}

/** A sub-block (`version 2025 { ... }`, `variant bkot-4@2025 { ... }`) as one item, its fields indented twice. */
function subBlock(key: string, head: string, inner: Lines): PrintedItem {
  if (inner.length === 0) return { key, text: `${INDENT}${head} {}` };
  const body = inner.map((l) => l.text.replace(/^/gm, INDENT)).join('\n');
  return { key, text: `${INDENT}${head} {\n${body}\n${INDENT}}` };
}

function deadlineField(lines: Lines, d: Deadline | null): void {
  if (!d) return;
  const atw = d.atw;
  const marker = atw === null ? '' : atw.applies ? ', atw' : `, not atw because ${atw.source}`;
  lines.push({ key: 'deadline', text: `${INDENT}deadline: ${d.form} ${expr(d.value, OPEN)}${marker}` });
}

/** The variants of a frame (grammar/README.md#versions). */
function variantItems(lines: Lines, d: FactDecl | ActDecl | DutyDecl): void {
  (d.variants ?? []).forEach((v, i) => {
    const inner: Lines = [];
    if (v.valid) validField(inner, v.valid.from, v.valid.to);
    if (d.kind === 'Fact') {
      const isBoolean = d.type.kind === 'PrimitiveType' && d.type.name === 'boolean';
      exprField(inner, isBoolean ? 'holds when' : 'value', v.definition);
    }
    exprField(inner, 'preconditions', v.preconditions);
    if (v.creates !== null) listField(inner, 'creates', v.creates.map(effect));
    if (v.terminates !== null) listField(inner, 'terminates', v.terminates.map(effect));
    deadlineField(inner, v.deadline);
    textField(inner, 'explanation', v.explanation, true);
    lines.push(subBlock(`variant#${i}`, `variant ${v.sources.map(sourceRefText).join(', ')}`, inner));
  });
}

function commonTail(lines: Lines, d: FactDecl | ActDecl | DutyDecl): void {
  variantItems(lines, d);
  listField(lines, 'sources', d.sources.map(sourceRefText));
  textField(lines, 'explanation', d.explanation, true);
  metaFields(lines, d.meta);
}

function header(h: Header): PrintedDecl {
  const lines: Lines = [];
  if (h.language !== null) lines.push({ key: 'language', text: `${INDENT}language: ${word(h.language)}` });
  if (h.jurisdiction !== null)
    lines.push({ key: 'jurisdiction', text: `${INDENT}jurisdiction: ${word(h.jurisdiction)}` });
  if (h.versionDate !== null) lines.push({ key: 'version', text: `${INDENT}version: ${date(h.versionDate)}` });
  if (h.period !== undefined) {
    const p = h.period;
    const from = p.from === null ? '' : `${date(p.from)} `;
    const text = `${INDENT}period: ${from}..${p.to === null ? '' : ` ${date(p.to)}`}`;
    lines.push({ key: 'period', text });
  }
  if (h.conventions !== undefined) {
    lines.push({ key: 'conventions', text: `${INDENT}conventions: ${word(h.conventions)}` });
  }
  metaFields(lines, h.meta);
  return { head: `model ${quoteString(h.title)}`, items: lines, alwaysBlock: false };
}

function source(s: SourceDecl): PrintedDecl {
  const lines: Lines = [];
  textField(lines, 'juriconnect', s.juriconnect);
  textField(lines, 'eli', s.eli);
  textField(lines, 'url', s.url);
  textField(lines, 'citation', s.citation);
  validField(lines, s.validFrom, s.validTo);
  textField(lines, 'publication', s.publication ?? null);
  textField(lines, 'text', s.text, true);
  textField(lines, 'explanation', s.explanation, true);
  (s.versions ?? []).forEach((v, i) => {
    const inner: Lines = [];
    textField(inner, 'juriconnect', v.juriconnect);
    textField(inner, 'eli', v.eli);
    textField(inner, 'url', v.url);
    validField(inner, v.validFrom, v.validTo);
    textField(inner, 'publication', v.publication);
    textField(inner, 'text', v.text, true);
    textField(inner, 'explanation', v.explanation, true);
    lines.push(subBlock(`version#${i}`, `version ${versionLabel(v.label)}`, inner));
  });
  metaFields(lines, s.meta);
  return { head: `source ${sourceId(s.id)}`, items: lines, alwaysBlock: false };
}

function fact(f: FactDecl): PrintedDecl {
  const lines: Lines = [];
  if (f.closed) lines.push({ key: 'closed', text: `${INDENT}closed` });
  const isBoolean = f.type.kind === 'PrimitiveType' && f.type.name === 'boolean';
  exprField(lines, 'applies as of', f.appliesAsOf ?? null);
  exprField(lines, isBoolean ? 'holds when' : 'value', f.definition);
  commonTail(lines, f);
  const type = isBoolean ? '' : `: ${typeRef(f.type)}`;
  return { head: `fact ${bracketName('fact', f.name)}${params(f.params)}${type}`, items: lines, alwaysBlock: false };
}

const effect = (e: { frame: 'fact' | 'act' | 'duty'; name: string; args: readonly Expr[] }): string =>
  bracketName(e.frame, e.name) + (e.args.length > 0 ? args(e.args) : '');

function act(a: ActDecl): PrintedDecl {
  const lines: Lines = [];
  exprField(lines, 'actor', a.actor);
  if (a.action !== null) lines.push({ key: 'action', text: `${INDENT}action: ${word(a.action)}` });
  exprField(lines, 'object', a.object);
  exprField(lines, 'recipient', a.recipient);
  exprField(lines, 'applies as of', a.appliesAsOf ?? null);
  exprField(lines, 'preconditions', a.preconditions);
  listField(lines, 'creates', a.creates.map(effect));
  listField(lines, 'terminates', a.terminates.map(effect));
  commonTail(lines, a);
  return { head: `act ${bracketName('act', a.name)}${params(a.params)}`, items: lines, alwaysBlock: false };
}

function duty(d: DutyDecl): PrintedDecl {
  const lines: Lines = [];
  exprField(lines, 'holder', d.holder);
  exprField(lines, 'claimant', d.claimant);
  listField(lines, 'created by', d.createdBy.map(effect));
  listField(lines, 'terminated by', d.terminatedBy.map(effect));
  listField(lines, 'enforced by', d.enforcedBy.map(effect));
  exprField(lines, 'applies as of', d.appliesAsOf ?? null);
  deadlineField(lines, d.deadline);
  exprField(lines, 'violated when', d.violation);
  listField(
    lines,
    'components',
    d.components.map((c) => expr(c, OR)),
  );
  commonTail(lines, d);
  return { head: `duty ${bracketName('duty', d.name)}${params(d.params)}`, items: lines, alwaysBlock: false };
}

/** An id in a scenario step: bare when it is a word, else quoted. */
const scenarioId = (s: string): string => word(s);

/** A reference in a scenario step; `Var` arguments are ids and print bare. */
const stepRef = (r: Ref): string => bracketName(r.frame, r.name) + (r.args.length > 0 ? args(r.args) : '');

function scenarioStep(s: ScenarioStep): string {
  const at = (d: string | null): string => (d === null ? '' : ` at ${date(d)}`);
  switch (s.kind) {
    case 'AsOf':
      return `as of ${date(s.date)}`;
    case 'Actors':
      return `actors: ${s.actors
        .map((a) => `${scenarioId(a.id)}:${a.roles.map((r) => ` ${bracketName('fact', r)}`).join('')}`)
        .join(', ')}`;
    case 'Given':
      return `given ${s.negated ? 'not ' : ''}${stepRef(s.fact)}${s.value === null ? '' : ` = ${expr(s.value, ADD)}`}`;
    case 'Do':
      return `${scenarioId(s.actor)} ${s.force ? 'forces' : 'does'} ${stepRef(s.act)}${at(s.at)}`;
    case 'Advance':
      return `advance to ${date(s.date)}`;
    case 'ExpectFact':
      return `expect ${s.negated ? 'not ' : ''}${stepRef(s.fact)}`;
    case 'ExpectUnknown':
      return `expect unknown ${stepRef(s.fact)}`;
    case 'ExpectValue':
      return `expect ${stepRef(s.fact)} == ${expr(s.value, ADD)}`;
    case 'ExpectAct': {
      const because =
        s.because === null
          ? ''
          : ` because ${s.because.kind === 'Ref' ? bracketName('fact', s.because.name) : s.because.item}`;
      return `expect ${stepRef(s.act)} ${s.available ? '' : 'not '}available for ${scenarioId(s.actor)}${because}`;
    }
    case 'ExpectDuty':
      return `expect duty ${stepRef(s.duty)} ${s.active ? '' : 'not '}active`;
    case 'ExpectViolation':
      return `expect ${s.negated ? 'no ' : ''}violation ${stepRef(s.frame)}`;
    case 'ExpectSources':
      return `expect sources of ${stepRef(s.act)} include ${s.sources
        .map((x) => (SOURCE_ID_RE.test(x) ? x : quoteString(x)))
        .join(', ')}`;
    case 'ExpectRefused':
      return `expect refused: ${scenarioId(s.actor)} does ${stepRef(s.act)}${at(s.at)}`;
  }
}

function scenario(s: ScenarioDecl): PrintedDecl {
  const items = s.steps.map((st, i) => ({ key: `step#${i}`, text: INDENT + scenarioStep(st) }));
  return { head: `scenario ${quoteString(s.name)}`, items, alwaysBlock: true };
}

/** Print one scenario step in canonical form (one line, no indentation). */
export function printScenarioStep(s: ScenarioStep): string {
  return scenarioStep(s);
}

/** The parts of one declaration's canonical text (used by `format` to place comments). */
export function printDeclParts(d: Decl): PrintedDecl {
  switch (d.kind) {
    case 'Import':
      return { head: `import ${quoteString(d.path)}`, items: [], alwaysBlock: false };
    case 'Source':
      return source(d);
    case 'Fact':
      return fact(d);
    case 'Act':
      return act(d);
    case 'Duty':
      return duty(d);
    case 'Scenario':
      return scenario(d);
  }
}

/** The parts of the header's canonical text (used by `format` to place comments). */
export function printHeaderParts(h: Header): PrintedDecl {
  return header(h);
}

/** Join printed parts into text; `{}` for an empty scenario, no block for other declarations without fields. */
export function joinParts(p: PrintedDecl): string {
  if (p.items.length === 0) return p.alwaysBlock ? `${p.head} {}` : p.head;
  return `${p.head} {\n${p.items.map((i) => i.text).join('\n')}\n}`;
}

/** Print one expression in canonical form (as it appears as a field value). */
export function printExpr(e: Expr): string {
  return textAtBoundary('printExpr', () => {
    return expr(e, OPEN);
  });
}

/** The canonical .flint text of `model`: fixed field order, 2-space indentation, one item per line. */
export function print(model: Model): string {
  return textAtBoundary('print', () => {
    const parts: string[] = [];
    if (model.header) parts.push(joinParts(header(model.header)));
    let prevOneLine = false;
    for (const d of model.declarations) {
      const text = joinParts(printDeclParts(d));
      const oneLine = !text.includes('\n');
      // Consecutive one-line declarations stay together; anything with a block gets a blank line around it.
      if (parts.length > 0) parts.push(oneLine && prevOneLine ? '\n' : '\n\n');
      parts.push(text);
      prevOneLine = oneLine;
    }
    return parts.length === 0 ? '' : `${parts.join('')}\n`;
  });
}
