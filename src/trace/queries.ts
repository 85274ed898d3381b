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
import { sourceKey } from '../model/versions.js';
import {
  addDuration,
  argKey,
  canonicalArgs,
  checkAct,
  daysBetween,
  dutyReads,
  evaluateFact,
  give,
  parseDecimal,
} from '../run/index.js';
import type { ActRecord, CaseState, CompiledModel, DutyInstance, GivenFact, Question } from '../run/index.js';
import { frameOf } from './frames.js';
import { instanceText } from './render.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem, reasonOf } from '../run/guards.js';

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
    return (n.reads ?? []).some(
      (r) => r.fact === s.fact && (s.args === undefined || argKey(r.args) === argKey(s.args)),
    );
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
  return atBoundary(
    'why',
    () => ({ value: { type: 'unknown' }, nodes: [], frames: [], provenance: [], records: [], duties: [] }),
    () => {
      if (isEntry(from) || 'trace' in from) {
        const root = isEntry(from) ? from.check : from.trace;
        const frames = from.frames ?? [];
        const nodes: TraceNode[] = [];
        collect(from, root, subject, nodes);
        const provenance = nodes
          .flatMap((n) =>
            (n.reads ?? []).filter((r) => 'fact' in subject && r.fact === subject.fact).map((r) => r.provenance),
          )
          .filter((p): p is Provenance => p !== null);
        const value: TraceValue =
          isEntry(from) && 'act' in subject && subject.act === from.act
            ? { type: 'boolean', value: from.outcome !== 'refused' }
            : (nodes[0]?.value ?? { type: 'unknown' });
        return { value, nodes, frames, provenance, records: [], duties: [] };
      }
      const { compiled, state } = from;
      const subj = canonicalSubject(compiled, subject);
      if ('fact' in subj) {
        const ev = evaluateFact(compiled, state, subj.fact, subj.args, { trace: true });
        const insts = Object.values(state.facts[subj.fact] ?? {}).filter(
          (i) => subj.args === undefined || argKey(i.args) === argKey(subj.args),
        );
        const recIds = new Set(
          insts.flatMap((i) => [
            i.provenance.kind === 'created' ? i.provenance.record : '',
            i.terminated?.record ?? '',
          ]),
        );
        const f = compiled.facts.get(subj.fact);
        const derived: Provenance[] = [];
        if (f?.mode === 'derived' && ev.trace) {
          // A derived instance holds by its frame, from the instances its definition read.
          const reads = new Map<string, { fact: string; args: readonly JsonScalar[] }>();
          const walk = (n: TraceNode): void => {
            for (const r of n.reads ?? [])
              reads.set(`${r.fact}\u0000${argKey(r.args)}`, { fact: r.fact, args: r.args });
            n.children.forEach(walk);
          };
          walk(ev.trace);
          derived.push({ kind: 'derived', frame: subj.fact, from: [...reads.values()] });
        }
        return {
          value: ev.value,
          // The root names the instance asked about; printed like every other instance in renderings.
          nodes: ev.trace ? [{ ...ev.trace, expr: instanceText(subj.fact, subj.args ?? []) }] : [],
          frames: ev.frames ?? [],
          provenance: [...insts.map((i) => i.provenance), ...derived],
          records: state.records.filter((r) => recIds.has(r.id)),
          duties: [],
        };
      }
      if ('act' in subj) {
        const records = state.records.filter((r) => r.act === subj.act);
        return {
          value: { type: 'boolean', value: records.length > 0 },
          nodes: [],
          frames: [],
          provenance: [],
          records,
          duties: [],
        };
      }
      const duties = state.duties.filter(
        (d) => d.duty === subj.duty && (subj.args === undefined || argKey(d.args) === argKey(subj.args)),
      );
      const ids = new Set(duties.flatMap((d) => [d.createdBy, d.endedBy ?? '']));
      return {
        value: { type: 'boolean', value: duties.some((d) => d.status === 'active') },
        nodes: [],
        frames: [],
        provenance: [],
        records: state.records.filter((r) => ids.has(r.id)),
        duties,
      };
    },
  );
}

/** The answer of {@link whyNot}. */
export interface WhyNotAnswer {
  readonly status: 'enabled' | 'disabled' | 'undecided';
  /** The binding checked: the parameters given, plus the actor parameter the check binds. */
  readonly params: Readonly<Record<string, JsonScalar>>;
  /**
   * Failing (false) and undecided (unknown) items, each with its frame and sources and its
   * minimal failing conditions (`Reason.conditions`).
   */
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
  return atBoundary(
    'whyNot',
    (d) => ({ status: 'disabled', params: {}, reasons: [reasonOf(d)], questions: [], trace: null, frames: [] }),
    () => {
      const c = checkAct(compiled, state, act, actor, params, { trace: true });
      return {
        status: c.status,
        params: c.params,
        reasons: c.reasons,
        questions: c.questions,
        trace: c.trace ?? null,
        frames: c.frames ?? [],
      };
    },
    compiledProblem('whyNot', compiled),
  );
}

function sourcesIn(t: FrameTable, n: TraceNode, out: Map<string, TraceSource>): void {
  for (const s of frameOf(t, n)?.sources ?? []) if (!out.has(sourceKey(s))) out.set(sourceKey(s), s);
  for (const c of n.children) sourcesIn(t, c, out);
}

/** Every legal source a decision rests on, deduplicated by id, in the version applied (first seen first). */
export function decisionSources(entry: TraceEntry): TraceSource[] {
  return atBoundary(
    'decisionSources',
    () => [],
    () => {
      const out = new Map<string, TraceSource>();
      for (const s of entry.sources) out.set(sourceKey(s), s);
      sourcesIn(entry, entry.check, out);
      for (const r of entry.reasons)
        for (const s of r.frame?.sources ?? []) if (!out.has(sourceKey(s))) out.set(sourceKey(s), s);
      return [...out.values()];
    },
  );
}

/** A duty instance made active or ended by a counterfactual. */
export interface DutyChange {
  readonly duty: string;
  readonly args: readonly JsonScalar[];
  /** `true`: the instance would be active; `false`: it would be ended. */
  readonly active: boolean;
}

/** The result of {@link counterfactual}. */
export interface Counterfactual {
  readonly from: 'enabled' | 'disabled' | 'undecided';
  readonly to: 'enabled' | 'disabled' | 'undecided';
  /** The input facts given differently (booleans, numbers as exact decimal text or integers, dates). */
  readonly changes: readonly GivenFact[];
  /** The duty instances made active or ended. */
  readonly duties: readonly DutyChange[];
}

type FactReadLite = { fact: string; args: readonly JsonScalar[]; value: TraceValue };

function readsOf(n: TraceNode, out: Map<string, FactReadLite>): void {
  for (const r of n.reads ?? []) {
    if (r.provenance?.kind === 'role') continue;
    const k = `${r.fact}\u0000${argKey(r.args)}`;
    if (!out.has(k)) out.set(k, r);
  }
  for (const c of n.children) readsOf(c, out);
}

/** One change tried by {@link counterfactual}: a fact given a value, or a duty made active or ended. */
type Change =
  | { readonly kind: 'fact'; readonly given: GivenFact }
  | { readonly kind: 'duty'; readonly change: DutyChange };

/** The number and date thresholds each input fact is compared with in `root` (fact key → constants). */
function thresholds(root: TraceNode): Map<string, TraceValue[]> {
  const out = new Map<string, TraceValue[]>();
  const stack = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    // Comparisons (check items are relabelled, so also: a truth value computed from a number or date operand).
    const numeric = (v: TraceValue): boolean => v.type === 'integer' || v.type === 'decimal' || v.type === 'date';
    const truthValued = n.value.type === 'boolean' || n.value.type === 'unknown';
    const comparesRef = n.children.some((c) => c.kind === 'Ref' && (numeric(c.value) || c.value.type === 'unknown'));
    if (n.kind === 'Compare' || (truthValued && n.kind !== 'Ref' && comparesRef)) {
      // Operand values from the tree, and the literals of the printed comparison (literals are not traced).
      const literals: TraceValue[] = [];
      const bare = n.expr.replace(/\[[^\]]*\]|<[^<>]*>|"(?:[^"\\]|\\.)*"/g, ' ');
      for (const m of bare.matchAll(/(?<![\w.-])(\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?)(?![\w.-])/g)) {
        const t = m[1] as string;
        const type = /^\d{4}-/.test(t) ? 'date' : t.includes('.') ? 'decimal' : 'integer';
        literals.push({ type, value: t });
      }
      const consts = [...n.children.map((c) => c.value), ...literals].filter(
        (v) => v.type === 'integer' || v.type === 'decimal' || v.type === 'date',
      );
      for (const c of n.children) {
        const read = c.kind === 'Ref' && c.reads?.length === 1 ? c.reads[0] : undefined;
        if (!read) continue;
        const k = `${read.fact}\u0000${argKey(read.args)}`;
        const others = consts.filter((v) => v !== c.value);
        out.set(k, [...(out.get(k) ?? []), ...others]);
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}

/** Values just across each threshold (`t - step`, `t`, `t + step`), nearest to `now` first. */
function acrossValues(kind: 'integer' | 'decimal' | 'date', now: string | null, ts: readonly TraceValue[]): string[] {
  const out = new Set<string>();
  if (kind === 'date') {
    for (const t of ts) {
      if (t.type !== 'date') continue;
      for (const d of [addDuration(t.value, 'P1D', -1), t.value, addDuration(t.value, 'P1D')]) if (d) out.add(d);
    }
    out.delete(now ?? '');
    const dist = (d: string): number => (now === null ? 0 : Math.abs(daysBetween(now, d)));
    return [...out].sort((a, b) => dist(a) - dist(b) || (a < b ? -1 : 1));
  }
  const cur = now === null ? null : parseDecimal(now);
  for (const t of ts) {
    if (t.type !== 'integer' && t.type !== 'decimal') continue;
    const d = parseDecimal(t.value);
    if (!d) continue;
    const places = kind === 'integer' ? 0 : Math.max(2, d.decimalPlaces(), cur?.decimalPlaces() ?? 0);
    const step = parseDecimal(`1e-${places}`) ?? d;
    for (const x of [d.minus(step), d, d.plus(step)]) out.add(kind === 'integer' ? x.toFixed(0) : x.toFixed(places));
  }
  if (now !== null) out.delete(now);
  const dist = (x: string): number => (cur === null ? 0 : (parseDecimal(x)?.minus(cur).abs().toNumber() ?? 0));
  return [...out].filter((x) => cur === null || !parseDecimal(x)?.equals(cur)).sort((a, b) => dist(a) - dist(b));
}

/** The case state with `changes` applied (facts given, duty instances made active or ended). */
function applyChanges(compiled: CompiledModel, state: CaseState, changes: readonly Change[]): CaseState {
  const facts = changes.flatMap((c) => (c.kind === 'fact' ? [c.given] : []));
  let s = facts.length > 0 ? give(compiled, state, facts, { by: 'counterfactual' }).value : state;
  const duties = changes.flatMap((c) => (c.kind === 'duty' ? [c.change] : []));
  if (duties.length === 0) return s;
  let list = [...s.duties];
  duties.forEach((d, i) => {
    const same = (x: DutyInstance): boolean =>
      x.duty === d.duty && argKey(x.args) === argKey(d.args) && x.status === 'active';
    if (d.active) {
      list.push({
        id: `counterfactual-${i + 1}`,
        duty: d.duty,
        args: d.args,
        createdBy: 'counterfactual',
        createdAt: s.asOf,
        deadline: null,
        status: 'active',
        endedBy: null,
        endedAt: null,
        violatedAt: null,
      });
    } else {
      list = list.map((x) => (same(x) ? { ...x, status: 'ended', endedBy: 'counterfactual', endedAt: s.asOf } : x));
    }
  });
  s = { ...s, duties: list };
  return s;
}

/**
 * The smallest change of the case that flips whether `actor` may take `act` (enabled ↔ not
 * enabled). Candidates come from what the check read:
 * - a boolean input fact: the other truth value (or either, when unknown);
 * - a number or date input fact compared with a constant (`[bedrag](p) > 100`): the values just
 *   across each constant (`t - step`, `t`, `t + step`; step 1 for integers, one unit of the last
 *   decimal place (at least 0.01) for decimals, one day for dates), nearest to the current value first;
 * - a duty reference (`<d>(x)`): the instance ended when active, made active when not.
 *
 * "Smallest" means fewest changes first (single changes, then pairs, ... up to `maxSize`, default 3);
 * among single changes of the same input, the value nearest to the current one. Candidates are tried
 * in the order the check read them. The bound: at most `maxSize` changes and `maxTries` (default 2000)
 * checks. `null` when no change within that bound flips the outcome (there may be a larger one).
 */
export function counterfactual(
  compiled: CompiledModel,
  state: CaseState,
  act: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>> = {},
  options: { readonly maxSize?: number; readonly maxTries?: number } = {},
): Counterfactual | null {
  return atBoundary(
    'counterfactual',
    () => null,
    () => {
      const base = checkAct(compiled, state, act, actor, params, { trace: true });
      const reads = new Map<string, FactReadLite>();
      if (base.trace) readsOf(base.trace, reads);
      for (const q of base.questions) {
        const k = `${q.fact}\u0000${argKey(q.args)}`;
        if (!reads.has(k)) reads.set(k, { ...q, value: { type: 'unknown' } });
      }
      const limits = base.trace ? thresholds(base.trace) : new Map<string, TraceValue[]>();
      // Candidates grouped per input (a set changes each input at most once).
      const groups: Change[][] = [];
      for (const [k, r] of reads) {
        const f = compiled.facts.get(r.fact);
        if (!f || f.mode === 'derived' || f.isRole) continue;
        const prim = f.type === null ? 'boolean' : f.type.kind === 'PrimitiveType' ? f.type.name : null;
        const fact = (value: boolean | string | number): Change => ({
          kind: 'fact',
          given: { fact: r.fact, args: r.args, value },
        });
        if (prim === 'boolean') {
          const now = r.value.type === 'boolean' ? r.value.value : null;
          groups.push([...(now !== true ? [fact(true)] : []), ...(now !== false ? [fact(false)] : [])]);
        } else if (prim === 'integer' || prim === 'decimal' || prim === 'date') {
          const now = r.value.type === prim ? r.value.value : null;
          const values = acrossValues(prim, now, limits.get(k) ?? []);
          if (values.length > 0) groups.push(values.map((v) => fact(prim === 'integer' ? Number(v) : v)));
        }
      }
      if (base.trace) {
        for (const d of dutyReads(compiled, base.trace)) {
          if (d.value.type !== 'boolean') continue;
          groups.push([{ kind: 'duty', change: { duty: d.duty, args: d.args, active: !d.value.value } }]);
        }
      }
      const wantEnabled = base.status !== 'enabled';
      const maxSize = options.maxSize ?? 3;
      let tries = options.maxTries ?? 2000;
      const result = (chosen: readonly Change[], to: Counterfactual['to']): Counterfactual => ({
        from: base.status,
        to,
        changes: chosen.flatMap((c) => (c.kind === 'fact' ? [c.given] : [])),
        duties: chosen.flatMap((c) => (c.kind === 'duty' ? [c.change] : [])),
      });
      const search = (start: number, chosen: Change[], size: number): Counterfactual | null => {
        if (chosen.length === size) {
          if (tries-- <= 0) return null;
          const c = checkAct(compiled, applyChanges(compiled, state, chosen), act, actor, params);
          return (c.status === 'enabled') === wantEnabled ? result(chosen, c.status) : null;
        }
        for (let g = start; g < groups.length && tries > 0; g++) {
          for (const cand of groups[g] ?? []) {
            const r = search(g + 1, [...chosen, cand], size);
            if (r) return r;
          }
        }
        return null;
      };
      for (let size = 1; size <= Math.min(maxSize, groups.length); size++) {
        const r = search(0, [], size);
        if (r) return r;
      }
      return null;
    },
    compiledProblem('counterfactual', compiled),
  );
}
