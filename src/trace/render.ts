/**
 * Renderings of a trace entry: readable text (Dutch or English) citing the articles, Markdown,
 * Graphviz DOT and Mermaid. Output is deterministic (same entry → same text).
 */
import type { FactRead, JsonScalar, Reason, TraceEntry, TraceNode, TraceSource, TraceValue } from '../model/trace.js';
import { idText, instanceText } from '../run/id-text.js';
import { sourcesOf } from './queries.js';

/** Languages the text explanation is written in. */
export type Lang = 'nl' | 'en';

const WORDS = {
  nl: {
    taken: 'genomen',
    refused: 'geweigerd',
    forced: 'afgedwongen (in strijd met de regels)',
    by: 'door',
    on: 'op',
    restsOn: 'Rust op',
    check: 'Toets',
    because: 'Redenen',
    effects: 'Gevolgen',
    create: 'ontstaat',
    terminate: 'eindigt',
    dutyOn: 'plicht actief',
    dutyOff: 'plicht beëindigd',
    deadline: 'uiterlijk',
    true: 'waar',
    false: 'onwaar',
    unknown: 'onbekend',
    given: 'gegeven door',
    givenOn: 'gegeven op',
    created: 'ontstaan door handeling',
    terminated: 'beëindigd door handeling',
    role: 'rol van',
    noSources: '(geen bronnen)',
    labels: { 'in-force': 'In werking', actor: 'Actor', object: 'Object', recipient: 'Ontvanger', preconditions: 'Voorwaarden' } as Record<string, string>,
  },
  en: {
    taken: 'taken',
    refused: 'refused',
    forced: 'forced (in breach of the rules)',
    by: 'by',
    on: 'on',
    restsOn: 'Rests on',
    check: 'Check',
    because: 'Reasons',
    effects: 'Effects',
    create: 'created',
    terminate: 'terminated',
    dutyOn: 'duty active',
    dutyOff: 'duty ended',
    deadline: 'due',
    true: 'true',
    false: 'false',
    unknown: 'unknown',
    given: 'given by',
    givenOn: 'given on',
    created: 'created by act record',
    terminated: 'terminated by act record',
    role: 'role of',
    noSources: '(no sources)',
    labels: { 'in-force': 'In force', actor: 'Actor', object: 'Object', recipient: 'Recipient', preconditions: 'Preconditions' } as Record<string, string>,
  },
} as const;

type Words = (typeof WORDS)[Lang];

/** A trace value as short text (`true`, `12.50`, `2024-01-01`, `unknown`), in `lang`. */
export function valueText(v: TraceValue, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  switch (v.type) {
    case 'unknown':
      return w.unknown;
    case 'boolean':
      return v.value ? w.true : w.false;
    case 'instance':
      return `[${v.fact}](${v.args.map(idText).join(', ')})`;
    default:
      return v.value;
  }
}

export { idText, instanceText } from '../run/id-text.js';

function citation(s: TraceSource): string {
  return s.citation ?? s.id;
}

function paramsText(params: Readonly<Record<string, JsonScalar>>): string {
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? '' : ` (${keys.map((k) => `${k} = ${idText(params[k] ?? null)}`).join(', ')})`;
}

function readText(r: FactRead, w: Words): string {
  const inst = instanceText(r.fact, r.args);
  const value = valueText(r.value, w === WORDS.nl ? 'nl' : 'en');
  const p = r.provenance;
  const how =
    p === null
      ? ''
      : p.kind === 'given'
        ? p.by === null
          ? `, ${w.givenOn} ${p.at}`
          : `, ${w.given} ${idText(p.by)} ${w.on} ${p.at}`
        : p.kind === 'created'
          ? `, ${w.created} ${p.record} ${w.on} ${p.at}`
          : p.kind === 'role'
            ? `, ${w.role} ${idText(p.actor)}`
            : `, ${p.frame}`;
  const ended = r.terminated ? `, ${w.terminated} ${r.terminated.record} ${w.on} ${r.terminated.at}` : '';
  return `${inst} = ${value}${how}${ended}`;
}

function nodeLines(n: TraceNode, depth: number, w: Words, lang: Lang, out: string[]): void {
  const pad = '  '.repeat(depth);
  const label = w.labels[n.kind];
  const head = label ? `${label}: ${n.expr}` : n.expr;
  const cites = n.frame && n.frame.sources.length > 0 ? ` [${n.frame.sources.map(citation).join('; ')}]` : '';
  out.push(`${pad}- ${head} → ${valueText(n.value, lang)}${cites}`);
  if (n.frame?.explanation && n.kind === 'Fact') out.push(`${pad}  ${n.frame.explanation}`);
  for (const r of n.reads ?? []) out.push(`${pad}  · ${readText(r, w)}`);
  for (const c of n.children) nodeLines(c, depth + 1, w, lang, out);
}

/**
 * A refusal reason in the rendering's language. The interpreter writes reasons in English
 * (`Reason.message`); Dutch renderings rebuild the sentence from the structured fields.
 */
function reasonText(r: Reason, entry: TraceEntry, lang: Lang): string {
  if (lang === 'en') return r.message;
  const act = `<<${entry.act}>>`;
  const unknown = r.status === 'unknown';
  switch (r.item) {
    case 'not-in-force':
      return `${act} of een frame waarop zij rust is op deze datum niet in werking.`;
    case 'actor':
      return unknown
        ? `Het is niet bekend of ${idText(entry.actor)} ${act} mag verrichten (${r.expr}).`
        : `${idText(entry.actor)} vervult niet de rol ${r.expr} die ${act} vereist.`;
    case 'object':
      return unknown ? `Het is niet bekend of het object ${r.expr} van ${act} geldt.` : `Het object ${r.expr} van ${act} geldt niet.`;
    case 'recipient':
      return unknown ? `Het is niet bekend of de ontvanger ${r.expr} van ${act} geldt.` : `De ontvanger ${r.expr} van ${act} geldt niet.`;
    case 'precondition':
      return unknown
        ? `Over de voorwaarden van ${act} kan nog niet worden beslist: ${r.expr}.`
        : `De voorwaarden van ${act} zijn niet vervuld: ${r.expr}.`;
    default:
      // Unknown acts and ill-typed parameters come from diagnostics, which are in English.
      return r.message;
  }
}

/** A readable explanation of the decision, citing the articles it rests on. */
export function explainText(entry: TraceEntry, options: { readonly lang: Lang } = { lang: 'nl' }): string {
  const w = WORDS[options.lang];
  const out: string[] = [];
  const outcome = w[entry.outcome];
  const rec = entry.record ? ` (${entry.record})` : '';
  out.push(`<<${entry.act}>> ${w.by} ${idText(entry.actor)} ${w.on} ${entry.at}${paramsText(entry.params)}: ${outcome}${rec}.`);
  const sources = sourcesOf(entry);
  out.push(`${w.restsOn}: ${sources.length > 0 ? sources.map(citation).join('; ') : w.noSources}.`);
  if (entry.reasons.length > 0) {
    out.push(`${w.because}:`);
    for (const r of entry.reasons) {
      const cites = r.frame && r.frame.sources.length > 0 ? ` [${r.frame.sources.map(citation).join('; ')}]` : '';
      out.push(`- ${reasonText(r, entry, options.lang)}${cites}`);
    }
  }
  out.push(`${w.check}:`);
  for (const c of entry.check.children) nodeLines(c, 0, w, options.lang, out);
  const eff = [
    ...entry.effects
      .filter((e) => e.frame === 'fact')
      .map((e) => `- ${instanceText(e.name, e.args)} ${e.op === 'create' ? w.create : w.terminate}`),
    ...entry.dutiesActivated.map((d) => `- ${w.dutyOn}: <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}${d.deadline ? `, ${w.deadline} ${d.deadline}` : ''}`),
    ...entry.dutiesEnded.map((d) => `- ${w.dutyOff}: <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}`),
  ];
  if (eff.length > 0) out.push(`${w.effects}:`, ...eff);
  return `${out.join('\n')}\n`;
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_|<>[\]])/g, '\\$1');
}

/** The decision as Markdown: heading, outcome, sources table, check tree and effects. */
export function toMarkdown(entry: TraceEntry): string {
  const out: string[] = [];
  out.push(`## ${mdEscape(`<<${entry.act}>>`)}: ${entry.outcome}`, '');
  out.push(`- actor: \`${idText(entry.actor)}\``, `- date: ${entry.at}`);
  if (entry.record) out.push(`- record: \`${entry.record}\``);
  for (const k of Object.keys(entry.params).sort()) out.push(`- ${mdEscape(k)}: \`${idText(entry.params[k] ?? null)}\``);
  out.push('', '### Sources', '', '| id | citation | valid | juriconnect |', '| --- | --- | --- | --- |');
  for (const s of sourcesOf(entry)) {
    out.push(`| ${mdEscape(s.id)} | ${mdEscape(s.citation ?? '')} | ${s.validFrom ?? '…'} – ${s.validTo ?? '…'} | ${s.juriconnect ? `\`${s.juriconnect}\`` : ''} |`);
  }
  if (entry.reasons.length > 0) {
    out.push('', '### Reasons', '');
    for (const r of entry.reasons) out.push(`- **${r.item}** (${r.status}): ${mdEscape(r.message)}`);
  }
  out.push('', '### Check', '');
  const walk = (n: TraceNode, depth: number): void => {
    const cites = n.frame && n.frame.sources.length > 0 ? ` — ${n.frame.sources.map((s) => mdEscape(citation(s))).join('; ')}` : '';
    out.push(`${'  '.repeat(depth)}- \`${n.expr.replace(/`/g, "'")}\` → **${valueText(n.value)}**${cites}`);
    for (const r of n.reads ?? []) out.push(`${'  '.repeat(depth + 1)}- _read_ ${mdEscape(readText(r, WORDS.en))}`);
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const c of entry.check.children) walk(c, 0);
  if (entry.effects.length > 0) {
    out.push('', '### Effects', '');
    for (const e of entry.effects) out.push(`- ${e.op} ${e.frame} \`${e.name}\`(${e.args.map(idText).join(', ')})`);
  }
  return `${out.join('\n')}\n`;
}

function numberNodes(root: TraceNode): { id: string; node: TraceNode; parent: string | null }[] {
  const out: { id: string; node: TraceNode; parent: string | null }[] = [];
  const walk = (n: TraceNode, parent: string | null): void => {
    const id = `n${out.length}`;
    out.push({ id, node: n, parent });
    for (const c of n.children) walk(c, id);
  };
  walk(root, null);
  return out;
}

function nodeLabel(n: TraceNode): string {
  const cite = n.frame && n.frame.sources.length > 0 ? `\n${n.frame.sources.map(citation).join('; ')}` : '';
  return `${n.kind === 'check' || WORDS.en.labels[n.kind] ? `${WORDS.en.labels[n.kind] ?? 'check'}: ` : ''}${n.expr}\n= ${valueText(n.value)}${cite}`;
}

function colour(v: TraceValue): string {
  return v.type === 'boolean' ? (v.value ? 'palegreen' : 'lightpink') : v.type === 'unknown' ? 'lightyellow' : 'lightblue';
}

/** The check tree as a Graphviz DOT digraph (nodes coloured by value). */
export function traceToDot(entry: TraceEntry): string {
  const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const lines = [`digraph "${esc(`<<${entry.act}>> ${entry.outcome}`)}" {`, '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
  const nodes = numberNodes(entry.check);
  for (const { id, node } of nodes) lines.push(`  ${id} [label="${esc(nodeLabel(node))}", fillcolor=${colour(node.value)}];`);
  for (const { id, parent } of nodes) if (parent) lines.push(`  ${parent} -> ${id};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The check tree as a Mermaid flowchart (top-down; classes by value). */
export function traceToMermaid(entry: TraceEntry): string {
  const esc = (s: string): string =>
    s.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, '<br/>');
  const lines = ['flowchart TD'];
  const nodes = numberNodes(entry.check);
  for (const { id, node } of nodes) {
    const cls = node.value.type === 'boolean' ? (node.value.value ? 'yes' : 'no') : node.value.type === 'unknown' ? 'unknown' : 'value';
    lines.push(`  ${id}["${esc(nodeLabel(node))}"]:::${cls}`);
  }
  for (const { id, parent } of nodes) if (parent) lines.push(`  ${parent} --> ${id}`);
  lines.push('  classDef yes fill:#cfc', '  classDef no fill:#fcc', '  classDef unknown fill:#ffc', '  classDef value fill:#cdf');
  return `${lines.join('\n')}\n`;
}
