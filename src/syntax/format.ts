/**
 * `format`: .flint text → canonical .flint text that keeps every comment (grammar/README.md#formatting).
 *
 * The canonical text is `print(parse(text))` cut into units (a declaration's head, each field or
 * scenario step, the closing brace). Every comment is attached to one unit of the source, found
 * from the code token next to it, and printed with that unit:
 * - a comment after code on the same line trails the unit that code belongs to, at the end of the
 *   unit's last printed line;
 * - a comment on its own line leads the unit of the next code token (indented like it); before a
 *   closing brace it stays at the end of the block; after the last declaration it stays at the end.
 * When a unit has trailing comments that cannot share one printed line (several line comments of a
 * long expression, or a trailing comment followed by an own-line one), all its comments are printed
 * on their own lines before it, in source order. Blank lines between comments are kept, as is a
 * blank line between a comment block and the declaration it leads.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Decl, Header } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import { positionAt } from '../model/span.js';
import { stripSpans } from '../model/walk.js';
import { flintParser } from '../../grammar/parser.js';
import { COMMENT_GROUP, flintLexer } from '../../grammar/tokens.js';
import { parse } from './parse.js';
import type { PrintedDecl } from './print.js';
import { joinParts, printDeclParts, printHeaderParts } from './print.js';

const INDENT = '  ';

/** A comment of the source and how it sits relative to the code around it. */
interface Comment {
  readonly text: string;
  readonly start: number;
  /** Exclusive end offset. */
  readonly end: number;
  /** Code precedes it on the line where it starts. */
  trailing: boolean;
  /** An empty line separates it from the code or comment before it. */
  readonly blankBefore: boolean;
}

/** A unit of a source declaration: the head, a field or step (by printed key), or the closing brace. */
interface Unit {
  readonly key: string;
  readonly start: number;
  /** Inclusive end offset of its last token. */
  readonly end: number;
  readonly comments: Comment[];
}

interface SourceDecl {
  readonly start: number;
  readonly end: number;
  readonly head: Unit;
  readonly units: readonly Unit[];
  readonly close: Unit | null;
}

const isToken = (e: CstElement): e is IToken => 'image' in e;
const valid = (t: IToken): boolean => Number.isFinite(t.startOffset) && t.isInsertedInRecovery !== true;
const endOf = (t: IToken): number => t.endOffset ?? t.startOffset + t.image.length - 1;

function tokensOf(n: CstNode): IToken[] {
  const out: IToken[] = [];
  const collect = (c: CstNode): void => {
    for (const list of Object.values(c.children))
      for (const e of list)
        if (isToken(e)) valid(e) && out.push(e);
        else collect(e);
  };
  collect(n);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

const childNodes = (n: CstNode, key: string): CstNode[] =>
  (n.children[key] ?? []).filter((e): e is CstNode => !isToken(e));
const childTokens = (n: CstNode, key: string): IToken[] =>
  (n.children[key] ?? []).filter((e): e is IToken => isToken(e) && valid(e));

function unitOf(key: string, toks: readonly IToken[]): Unit | null {
  const first = toks[0];
  const last = toks[toks.length - 1];
  return first && last ? { key, start: first.startOffset, end: endOf(last), comments: [] } : null;
}

/** The units of a header or declaration CST node (`declaration` is unwrapped to its one child). */
function sourceDecl(node: CstNode): SourceDecl | null {
  const own =
    node.name === 'declaration'
      ? Object.values(node.children)
          .flat()
          .find((e): e is CstNode => !isToken(e))
      : node;
  if (!own) return null;
  const all = tokensOf(own);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return null;
  const container = childNodes(own, 'block')[0] ?? (own.name === 'scenarioDecl' ? own : undefined);
  const open = container ? childTokens(container, 'LCurly')[0] : undefined;
  const closeTok = container ? childTokens(container, 'RCurly')[0] : undefined;
  const units: Unit[] = [];
  if (container) {
    for (const f of childNodes(container, 'field')) {
      const k1 = childTokens(f, 'key')[0];
      const words = [k1, childTokens(f, 'key2')[0], childTokens(f, 'key3')[0]].filter((t) => t !== undefined);
      const u = unitOf(k1 ? words.map((t) => t.image).join(' ') : '?', tokensOf(f));
      if (u) units.push(u);
    }
    const counts = { version: 0, variant: 0 };
    for (const sb of childNodes(container, 'subBlock')) {
      const w = childTokens(sb, 'word')[0]?.image;
      if (w !== 'version' && w !== 'variant') continue;
      const u = unitOf(`${w}#${counts[w]++}`, tokensOf(sb));
      if (u) units.push(u);
    }
    const metas = childNodes(container, 'metaField')
      .map(tokensOf)
      .sort((a, b) => (a[0]?.startOffset ?? 0) - (b[0]?.startOffset ?? 0));
    metas.forEach((toks, i) => {
      const u = unitOf(`meta#${i}`, toks);
      if (u) units.push(u);
    });
    for (const c of childTokens(container, 'Closed'))
      units.push({ key: 'closed', start: c.startOffset, end: endOf(c), comments: [] });
    childNodes(container, 'scenarioStep').forEach((s, i) => {
      const u = unitOf(`step#${i}`, tokensOf(s));
      if (u) units.push(u);
    });
  }
  const headEnd = open ? endOf(open) : endOf(last);
  return {
    start: first.startOffset,
    end: endOf(last),
    head: { key: 'head', start: first.startOffset, end: headEnd, comments: [] },
    units,
    close: closeTok ? { key: 'close', start: closeTok.startOffset, end: endOf(closeTok), comments: [] } : null,
  };
}

const hasBlankLine = (text: string, from: number, to: number): boolean =>
  (text.slice(from, to).match(/\n/g) ?? []).length >= 2;

/** Own-line comments, one per line (a blank line where the source had one, except before the first). */
function ownLines(comments: readonly Comment[], indent: string): string[] {
  const out: string[] = [];
  comments.forEach((c, i) => {
    if (i > 0 && c.blankBefore) out.push('');
    out.push(indent + c.text);
  });
  return out;
}

/** A unit's printed lines with its comments: leading ones before, trailing ones at the end of its last line. */
function withComments(
  lines: readonly string[],
  comments: readonly Comment[],
  indent: string,
): { lead: string[]; body: string[]; leading: readonly Comment[] } {
  let k = comments.length;
  while (k > 0 && comments[k - 1]?.trailing === true) k--;
  const trail = comments.slice(k);
  // Only block comments on one line can be followed by another comment on the same printed line.
  const joinable = trail.every((c, i) => i === trail.length - 1 || (c.text.startsWith('/*') && !c.text.includes('\n')));
  const lead = joinable ? comments.slice(0, k) : comments;
  const body = [...lines];
  if (joinable && trail.length > 0)
    body[body.length - 1] = `${body[body.length - 1] ?? ''} ${trail.map((c) => c.text).join(' ')}`;
  return { lead: ownLines(lead, indent), body, leading: lead };
}

/** One declaration (or the header) with its comments: the leading comment lines and the rest. */
function renderDecl(text: string, printed: PrintedDecl, src: SourceDecl): { lead: string[]; body: string[] } {
  const itemKeys = new Set(printed.items.map((i) => i.key));
  const byKey = new Map<string, Comment[]>();
  const tail: Comment[] = [];
  for (const u of src.units) {
    if (itemKeys.has(u.key)) byKey.set(u.key, u.comments);
    else tail.push(...u.comments.map((c) => ({ ...c, trailing: false })));
  }
  const closeComments = src.close?.comments ?? [];
  tail.push(...closeComments.filter((c) => !c.trailing));
  tail.sort((a, b) => a.start - b.start);
  const closeTrailing = closeComments.filter((c) => c.trailing);
  const hasItemComments = printed.items.some((i) => (byKey.get(i.key) ?? []).length > 0);
  const bodyEmpty = printed.items.length === 0 && tail.length === 0 && !hasItemComments;

  const headComments = bodyEmpty ? [...src.head.comments, ...closeTrailing] : src.head.comments;
  const headLine = bodyEmpty ? joinParts(printed) : `${printed.head} {`;
  const head = withComments([headLine], headComments, '');
  const lastLead = head.leading[head.leading.length - 1];
  // Keep a comment block that the source separated from its declaration separated.
  if (lastLead !== undefined && lastLead.end <= src.start && hasBlankLine(text, lastLead.end, src.start))
    head.lead.push('');
  const body = [...head.body];
  if (!bodyEmpty) {
    for (const item of printed.items) {
      const r = withComments(item.text.split('\n'), byKey.get(item.key) ?? [], INDENT);
      body.push(...r.lead, ...r.body);
    }
    body.push(...ownLines(tail, INDENT));
    const close = withComments(['}'], closeTrailing, '');
    body.push(...close.lead, ...close.body);
  }
  return { lead: head.lead, body };
}

function collectComments(text: string, comments: readonly IToken[], code: readonly IToken[]): Comment[] {
  const out: Comment[] = [];
  let ci = 0;
  let prevEnd = 0;
  for (const t of comments) {
    while (ci < code.length && (code[ci]?.startOffset ?? Infinity) < t.startOffset) ci++;
    const prev = ci > 0 ? code[ci - 1] : undefined;
    const prevCodeEnd = prev ? endOf(prev) + 1 : 0;
    const before = Math.max(prevCodeEnd, prevEnd);
    const raw = t.tokenType.name === 'LineComment' ? t.image.trimEnd() : t.image;
    out.push({
      text: raw,
      start: t.startOffset,
      end: endOf(t) + 1,
      trailing: prev !== undefined && !text.slice(endOf(prev) + 1, t.startOffset).includes('\n'),
      blankBefore: before > 0 && hasBlankLine(text, before, t.startOffset),
    });
    prevEnd = endOf(t) + 1;
  }
  return out;
}

function failure(text: string, file: string, why: string): Result<string> {
  const p = positionAt(text, 0);
  const diagnostic: Diagnostic = {
    code: 'format-failed',
    severity: 'error',
    message: `Formatting ${file} failed: ${why}.`,
    span: { file, start: p, end: p },
    hint: 'This is a bug in Calculemus; the file was left as it is. Please report it with the file.',
  };
  return { value: text, diagnostics: [diagnostic] };
}

const commentTexts = (text: string): string[] =>
  (flintLexer.tokenize(text).groups[COMMENT_GROUP] ?? []).map((t) =>
    t.tokenType.name === 'LineComment' ? t.image.trimEnd() : t.image,
  );

function formatUnsafe(text: string, file: string): Result<string> {
  const parsed = parse(text, file);
  if (hasErrors(parsed.diagnostics)) return { value: text, diagnostics: parsed.diagnostics };
  const model = parsed.value;
  const lexed = flintLexer.tokenize(text);
  const parser = flintParser();
  parser.input = lexed.tokens;
  const cst = parser.model();
  const headerNode = childNodes(cst, 'header')[0];
  const declNodes = childNodes(cst, 'declaration');
  if (declNodes.length !== model.declarations.length || (headerNode === undefined) !== (model.header === null)) {
    return failure(text, file, 'the declarations of the syntax tree do not match the model');
  }
  const pairs: { printed: PrintedDecl; src: SourceDecl }[] = [];
  const addPair = (node: CstNode, d: Decl | Header): boolean => {
    const src = sourceDecl(node);
    if (!src) return false;
    pairs.push({ printed: d.kind === 'Header' ? printHeaderParts(d) : printDeclParts(d), src });
    return true;
  };
  if (headerNode && model.header && !addPair(headerNode, model.header))
    return failure(text, file, 'the header has no tokens');
  for (const [i, node] of declNodes.entries()) {
    const d = model.declarations[i];
    if (!d || !addPair(node, d)) return failure(text, file, `declaration ${i + 1} has no tokens`);
  }

  const comments = collectComments(text, lexed.groups[COMMENT_GROUP] ?? [], lexed.tokens);
  const atEnd: Comment[] = [];
  for (const c of comments) {
    const anchor = c.trailing
      ? [...lexed.tokens].reverse().find((t) => t.startOffset < c.start)
      : lexed.tokens.find((t) => t.startOffset > c.start);
    if (!anchor) {
      atEnd.push(c);
      continue;
    }
    const o = anchor.startOffset;
    const src = pairs.find((p) => p.src.start <= o && o <= p.src.end)?.src;
    if (!src) return failure(text, file, `no declaration holds the code next to the comment at offset ${c.start}`);
    const unit =
      src.units.find((u) => u.start <= o && o <= u.end) ?? (src.close && o === src.close.start ? src.close : src.head);
    unit.comments.push(c);
  }

  const out: string[] = [];
  let prevOneLine = false;
  for (const [i, { printed, src }] of pairs.entries()) {
    const r = renderDecl(text, printed, src);
    const oneLine = r.body.length === 1 && !(r.body[0] ?? '').includes('\n');
    const isHeader = i === 0 && model.header !== null;
    if (out.length > 0) out.push(...(oneLine && prevOneLine ? [] : ['']));
    out.push(...r.lead, ...r.body);
    prevOneLine = oneLine && !isHeader;
  }
  if (atEnd.length > 0) {
    if (out.length > 0 && atEnd[0]?.blankBefore === true) out.push('');
    out.push(...ownLines(atEnd, ''));
  }
  const result = out.length === 0 ? '' : `${out.join('\n')}\n`;

  // The guarantees are checked, not assumed: a formatter must never lose a comment or change the model.
  const again = parse(result, file);
  if (hasErrors(again.diagnostics)) return failure(text, file, 'the formatted text does not parse');
  if (JSON.stringify(stripSpans(again.value)) !== JSON.stringify(stripSpans(model)))
    return failure(text, file, 'the formatted text means something else');
  const before = commentTexts(text);
  const after = commentTexts(result);
  if ([...before].sort().join('\u0000') !== [...after].sort().join('\u0000') || before.length !== after.length) {
    return failure(text, file, 'a comment would be lost');
  }
  return { value: result, diagnostics: parsed.diagnostics };
}

/**
 * Canonical text of one .flint file with its comments kept. Never throws; a file with errors is
 * returned unchanged with its diagnostics (a `format-failed` error when formatting would lose a
 * comment or change the model).
 */
export function format(text: string, file: string): Result<string> {
  try {
    return formatUnsafe(text, file);
  } catch (err) {
    return failure(text, file, err instanceof Error ? err.message : String(err));
  }
}
