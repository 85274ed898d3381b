/**
 * Short trace excerpts for failed scenario checks: reasons with their sources, derivation trees
 * cut to a few lines, and the facts a failing precondition rests on.
 */
import type { Expr } from '../model/ast.js';
import type { FrameTable, JsonScalar, Reason, TraceNode, TraceSource } from '../model/trace.js';
import { exprText } from '../run/index.js';
import { frameOf, type Lang, provenanceText, reasonText, scenarioWords, valueText } from '../trace/index.js';

const citation = (s: TraceSource): string => s.citation ?? s.id;
const cites = (sources: readonly TraceSource[] | undefined): string =>
  sources && sources.length > 0 ? ` [${sources.map(citation).join('; ')}]` : '';
const scalar = (s: JsonScalar): string => (typeof s === 'string' ? s : JSON.stringify(s));

/** One line per reason of `actor` taking `act`: the reason in `lang` and the sources of its frame. */
export function reasonLines(reasons: readonly Reason[], act: string, actor: string, lang: Lang = 'en'): string[] {
  return reasons.map((r) => `- ${reasonText(r, act, actor, lang)}${cites(r.frame?.sources)}`);
}

/**
 * A derivation tree as indented lines (`- expr → value [sources]`, reads as `· [f](a) = v`), at
 * most `maxLines` lines, in `lang` (default English); variables are left out. Empty for a missing tree.
 */
export function treeExcerpt(
  table: FrameTable,
  node: TraceNode | undefined,
  maxLines: number,
  lang: Lang = 'en',
): string {
  if (!node) return '';
  const w = scenarioWords(lang);
  const out: string[] = [];
  const visit = (n: TraceNode, depth: number): void => {
    if (n.kind === 'Var') return;
    const pad = '  '.repeat(depth);
    out.push(`${pad}- ${n.expr} → ${valueText(n.value, lang)}${cites(frameOf(table, n)?.sources)}`);
    for (const r of n.reads ?? []) {
      // Given and created inputs say where they came from; roles and derived values need no note here.
      const p = r.provenance;
      const how =
        p === null
          ? `, ${w.notGiven}`
          : p.kind === 'given' || p.kind === 'created'
            ? `, ${provenanceText(p, lang)}`
            : '';
      const args = r.args.length > 0 ? `(${r.args.map(scalar).join(', ')})` : '';
      out.push(`${pad}  · [${r.fact}]${args} = ${valueText(r.value, lang)}${how}`);
    }
    for (const c of n.children) visit(c, depth + 1);
  };
  visit(node, 0);
  const cut = out.length > maxLines ? [...out.slice(0, maxLines), `  … ${w.moreLines(out.length - maxLines)}`] : out;
  return cut.join('\n');
}

const isTrue = (n: TraceNode): boolean => n.value.type === 'boolean' && n.value.value;

/** The trace child for operand `e` (by printed text, else by position). */
function childFor(node: TraceNode, e: Expr, index: number): TraceNode | undefined {
  const text = exprText(e);
  return node.children.find((c) => c.expr === text) ?? node.children[index];
}

/**
 * The facts a failing (false or unknown) precondition rests on: below an `and`, the operands that
 * are not true; below an `or`, every operand; below `not`, its operand; elsewhere every fact the
 * subtree names or reads.
 */
export function blamedFacts(pre: Expr, node: TraceNode, table: FrameTable): Set<string> {
  const out = new Set<string>();
  const all = (n: TraceNode): void => {
    const f = frameOf(table, n);
    if (f?.kind === 'fact') out.add(f.name);
    for (const r of n.reads ?? []) out.add(r.fact);
    n.children.forEach(all);
  };
  const visit = (e: Expr, n: TraceNode): void => {
    if (e.kind === 'Nary' && (e.op === 'and' || e.op === 'or')) {
      e.operands.forEach((o, i) => {
        const c = childFor(n, o, i);
        if (c && (e.op === 'or' || !isTrue(c))) visit(o, c);
      });
      return;
    }
    if (e.kind === 'Unary' && e.op === 'not') {
      const c = childFor(n, e.operand, 0);
      if (c) visit(e.operand, c);
      return;
    }
    if (e.kind === 'Ref' && e.frame === 'fact') out.add(e.name);
    all(n);
  };
  visit(pre, node);
  return out;
}
