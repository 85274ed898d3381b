/**
 * Pure queries over traces and case state: why, why not, sources, counterfactuals.
 */
import type {
  FrameTable,
  JsonScalar,
  Provenance,
  Reason,
  TraceEntry,
  TraceFrame,
  TraceNode,
  TraceSource,
  TraceValue,
} from '../model/trace.js';
import { argKey, canonicalArgs, checkAct, evaluateFact, give } from '../run/index.js';
import type { ActRecord, CaseState, CompiledModel, DutyInstance, GivenFact, Question } from '../run/index.js';
import { frameOf } from './frames.js';
import { instanceText } from './render.js';

/** What `why` explains: a fact instance, an act or a duty. */
export type WhySubject =
  | { readonly fact: string; readonly args?: readonly JsonScalar[] }
  | { readonly act: string }
  | { readonly duty: string; readonly args?: readonly JsonScalar[] };

/** The answer of {@link why}. */
export interface WhyAnswer {
  /** The value found (for facts), or whether the act was taken / the duty is active. */
  readonly value: TraceValue;
  /** The derivation subtrees for the subject. */
  readonly nodes: readonly TraceNode[];
  /** The frame table the nodes refer to (see frameOf). */
  readonly frames: readonly TraceFrame[];
  /** How the subject's instances came to hold (facts). */
  readonly provenance: readonly Provenance[];
  /** The act records that created, took or ended the subject. */
  readonly records: readonly ActRecord[];
  readonly duties: readonly DutyInstance[];
}

/** `subject` with its arguments in the canonical form the case state keys them by (`2019` → "2019"). */
function canonicalSubject(compiled: CompiledModel, subject: WhySubject): WhySubject {
  if ('act' in subject || subject.args === undefined) return subject;
  if ('fact' in subject) {
    const params = compiled.facts.get(subject.fact)?.decl?.params ?? [];
    return { ...subject, args: canonicalArgs(params, subject.args, compiled) };
  }
  const params = compiled.duties.get(subject.duty)?.decl.params ?? [];
  return { ...subject, args: canonicalArgs(params, subject.args, compiled) };
}

function isEntry(x: unknown): x is TraceEntry {
  return typeof x === 'object' && x !== null && 'traceVersion' in x;
}

function matchesNode(t: FrameTable, n: TraceNode, s: WhySubject): boolean {
  if ('fact' in s) {
    const f = frameOf(t, n);
    if (f?.kind === 'fact' && f.name === s.fact) return true;
    return (n.reads ?? []).some((r) => r.fact === s.fact && (s.args === undefined || argKey(r.args) === argKey(s.args)));
  }
  if ('act' in s) {
    const f = frameOf(t, n);
    return f?.kind === 'act' && f.name === s.act;
  }
  return n.expr.startsWith(`<${s.duty}>`);
}

function collect(t: FrameTable, n: TraceNode, s: WhySubject, out: TraceNode[]): void {
  if (matchesNode(t, n, s)) {
    out.push(n);
    return;
  }
  for (const c of n.children) collect(t, c, s, out);
}

/**
 * The derivation of a fact, act or duty: from a trace (the matching subtrees), or from a case
 * (`{ compiled, state }`: the fact evaluated with its trace and provenance, the act's records,
 * the duty's instances and the records that created and ended them).
 */
export function why(
  from:
    | TraceEntry
    | { readonly trace: TraceNode; readonly frames?: readonly TraceFrame[] }
    | { readonly compiled: CompiledModel; readonly state: CaseState },
  subject: WhySubject,
): WhyAnswer {
  if (isEntry(from) || 'trace' in from) {
    const root = isEntry(from) ? from.check : from.trace;
    const frames = from.frames ?? [];
    const nodes: TraceNode[] = [];
    collect(from, root, subject, nodes);
    const provenance = nodes.flatMap((n) => (n.reads ?? []).filter((r) => 'fact' in subject && r.fact === subject.fact).map((r) => r.provenance)).filter((p): p is Provenance => p !== null);
    const value: TraceValue = isEntry(from) && 'act' in subject && subject.act === from.act
      ? { type: 'boolean', value: from.outcome !== 'refused' }
      : (nodes[0]?.value ?? { type: 'unknown' });
    return { value, nodes, frames, provenance, records: [], duties: [] };
  }
  const { compiled, state } = from;
  subject = canonicalSubject(compiled, subject);
  if ('fact' in subject) {
    const ev = evaluateFact(compiled, state, subject.fact, subject.args, { trace: true });
    const insts = Object.values(state.facts[subject.fact] ?? {}).filter(
      (i) => subject.args === undefined || argKey(i.args) === argKey(subject.args),
    );
    const recIds = new Set(insts.flatMap((i) => [i.provenance.kind === 'created' ? i.provenance.record : '', i.terminated?.record ?? '']));
    const f = compiled.facts.get(subject.fact);
    const derived: Provenance[] = [];
    if (f?.mode === 'derived' && ev.trace) {
      // A derived instance holds by its frame, from the instances its definition read.
      const reads = new Map<string, { fact: string; args: readonly JsonScalar[] }>();
      const walk = (n: TraceNode): void => {
        for (const r of n.reads ?? []) reads.set(`${r.fact}\u0000${argKey(r.args)}`, { fact: r.fact, args: r.args });
        n.children.forEach(walk);
      };
      walk(ev.trace);
      derived.push({ kind: 'derived', frame: subject.fact, from: [...reads.values()] });
    }
    return {
      value: ev.value,
      // The root names the instance asked about; printed like every other instance in renderings.
      nodes: ev.trace ? [{ ...ev.trace, expr: instanceText(subject.fact, subject.args ?? []) }] : [],
      frames: ev.frames ?? [],
      provenance: [...insts.map((i) => i.provenance), ...derived],
      records: state.records.filter((r) => recIds.has(r.id)),
      duties: [],
    };
  }
  if ('act' in subject) {
    const records = state.records.filter((r) => r.act === subject.act);
    return { value: { type: 'boolean', value: records.length > 0 }, nodes: [], frames: [], provenance: [], records, duties: [] };
  }
  const duties = state.duties.filter((d) => d.duty === subject.duty && (subject.args === undefined || argKey(d.args) === argKey(subject.args)));
  const ids = new Set(duties.flatMap((d) => [d.createdBy, d.endedBy ?? '']));
  return {
    value: { type: 'boolean', value: duties.some((d) => d.status === 'active') },
    nodes: [],
    frames: [],
    provenance: [],
    records: state.records.filter((r) => ids.has(r.id)),
    duties,
  };
}

/** The answer of {@link whyNot}. */
export interface WhyNotAnswer {
  readonly status: 'enabled' | 'disabled' | 'undecided';
  /** Failing (false) and undecided (unknown) items, each with its frame and sources. */
  readonly reasons: readonly Reason[];
  /** Input facts that would decide the undecided items. */
  readonly questions: readonly Question[];
  readonly trace: TraceNode | null;
  /** The frame table of `trace`. */
  readonly frames: readonly TraceFrame[];
}

/** Why `actor` cannot take `act` (with optional params) now: failing preconditions and missing facts. */
export function whyNot(
  compiled: CompiledModel,
  state: CaseState,
  act: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>> = {},
): WhyNotAnswer {
  const c = checkAct(compiled, state, act, actor, params, { trace: true });
  return { status: c.status, reasons: c.reasons, questions: c.questions, trace: c.trace ?? null, frames: c.frames ?? [] };
}

function sourcesIn(t: FrameTable, n: TraceNode, out: Map<string, TraceSource>): void {
  for (const s of frameOf(t, n)?.sources ?? []) if (!out.has(s.id)) out.set(s.id, s);
  for (const c of n.children) sourcesIn(t, c, out);
}

/** Every legal source a decision rests on, deduplicated by id, in the version applied (first seen first). */
export function sourcesOf(entry: TraceEntry): TraceSource[] {
  const out = new Map<string, TraceSource>();
  for (const s of entry.sources) out.set(s.id, s);
  sourcesIn(entry, entry.check, out);
  for (const r of entry.reasons) for (const s of r.frame?.sources ?? []) if (!out.has(s.id)) out.set(s.id, s);
  return [...out.values()];
}

/** The result of {@link counterfactual}. */
export interface Counterfactual {
  readonly from: 'enabled' | 'disabled' | 'undecided';
  readonly to: 'enabled' | 'disabled' | 'undecided';
  /** The input facts given differently. */
  readonly changes: readonly GivenFact[];
}

function readsOf(n: TraceNode, out: Map<string, { fact: string; args: readonly JsonScalar[]; value: TraceValue }>): void {
  for (const r of n.reads ?? []) {
    if (r.provenance?.kind === 'role') continue;
    const k = `${r.fact}\u0000${argKey(r.args)}`;
    if (!out.has(k)) out.set(k, r);
  }
  for (const c of n.children) readsOf(c, out);
}

/**
 * A smallest set of boolean input facts whose change flips whether `actor` may take `act`
 * (enabled ↔ not enabled). Candidates are the input instances the check read; sets are tried by
 * size (up to `maxSize`, default 3) and at most `maxTries` (default 2000) checks are made.
 * Typed (non-boolean) inputs are not varied. `null` when no flip is found within the bounds.
 */
export function counterfactual(
  compiled: CompiledModel,
  state: CaseState,
  act: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>> = {},
  options: { readonly maxSize?: number; readonly maxTries?: number } = {},
): Counterfactual | null {
  const base = checkAct(compiled, state, act, actor, params, { trace: true });
  const reads = new Map<string, { fact: string; args: readonly JsonScalar[]; value: TraceValue }>();
  if (base.trace) readsOf(base.trace, reads);
  for (const q of base.questions) {
    const k = `${q.fact}\u0000${argKey(q.args)}`;
    if (!reads.has(k)) reads.set(k, { ...q, value: { type: 'unknown' } });
  }
  const candidates: GivenFact[] = [];
  for (const r of reads.values()) {
    const f = compiled.facts.get(r.fact);
    if (!f || f.mode === 'derived' || f.isRole) continue;
    const boolType = f.type === null || (f.type.kind === 'PrimitiveType' && f.type.name === 'boolean');
    if (!boolType) continue;
    const now = r.value.type === 'boolean' ? r.value.value : null;
    if (now !== true) candidates.push({ fact: r.fact, args: r.args, value: true });
    if (now !== false) candidates.push({ fact: r.fact, args: r.args, value: false });
  }
  const wantEnabled = base.status !== 'enabled';
  const maxSize = options.maxSize ?? 3;
  let tries = options.maxTries ?? 2000;
  const sameInstance = (a: GivenFact, b: GivenFact): boolean => a.fact === b.fact && argKey(a.args ?? []) === argKey(b.args ?? []);
  const search = (start: number, chosen: GivenFact[], size: number): Counterfactual | null => {
    if (chosen.length === size) {
      if (tries-- <= 0) return null;
      const s = give(compiled, state, chosen, { by: 'counterfactual' }).value;
      const c = checkAct(compiled, s, act, actor, params);
      if ((c.status === 'enabled') === wantEnabled) return { from: base.status, to: c.status, changes: [...chosen] };
      return null;
    }
    for (let i = start; i < candidates.length && tries > 0; i++) {
      const cand = candidates[i];
      if (!cand || chosen.some((x) => sameInstance(x, cand))) continue;
      const r = search(i + 1, [...chosen, cand], size);
      if (r) return r;
    }
    return null;
  };
  for (let size = 1; size <= Math.min(maxSize, candidates.length); size++) {
    const r = search(0, [], size);
    if (r) return r;
  }
  return null;
}
