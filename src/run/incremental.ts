/**
 * Incremental evaluation of the ground (zero-parameter) derived facts of a case.
 *
 * {@link deriveGround} evaluates every ground derived fact of a state in dependency order (so
 * chains of any length evaluate without deep recursion) and returns an immutable snapshot. Given
 * the snapshot of an earlier state, it re-evaluates only the facts that read what changed: the
 * fact buckets that differ (copy-on-write shares unchanged buckets, so "differ" is a reference test), the
 * clock (facts reading `today`), records and duties (projections, duty and act references). A fact
 * whose value comes out unchanged does not dirty its readers (early cut-off). A change of actors,
 * another compiled model, or a cyclic plan falls back to a full evaluation.
 *
 * Snapshots share unchanged results with their predecessor through a layered memo; every few
 * layers the memo is flattened so lookups stay short. The side tables live in a WeakMap keyed by
 * the snapshot: nothing global is visible, and dropped snapshots are collected.
 */
import type { JsonScalar } from '../model/trace.js';
import { changedKeys } from './changes.js';
import { evalFact } from './derive.js';
import { truncate } from './read.js';
import type { CompiledModel, Ctx, MemoEntry, Question } from './context.js';
import { newCtx } from './context.js';
import { dedupeQuestions } from './acts.js';
import type { FactEvaluation } from './evaluate.js';
import type { CaseState } from './state.js';
import { toTraceValue, valueEquals } from './values.js';
import type { Tri } from './values.js';

/** The values of the ground derived facts of one case state. */
export interface DerivedSnapshot {
  readonly state: CaseState;
  /** How many ground derived facts were evaluated to build this snapshot (the rest were carried over). */
  readonly evaluated: number;
  /** Whether this snapshot was built from scratch (no usable predecessor). */
  readonly full: boolean;
}

const GROUND = '\u0000[]';
const MAX_LAYERS = 8;
const NO_ARGS: readonly JsonScalar[] = Object.freeze([]);

/** A memo that falls back to its parent for ground derived facts not re-evaluated in this layer. */
class LayeredMemo extends Map<string, MemoEntry> {
  readonly masked = new Set<string>();
  constructor(
    readonly parent: LayeredMemo | null,
    readonly layers: number,
  ) {
    super();
  }

  override get(key: string): MemoEntry | undefined {
    const own = super.get(key);
    if (own !== undefined || this.parent === null || this.masked.has(key) || !key.endsWith(GROUND)) return own;
    return this.parent.get(key);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

interface SnapshotData {
  readonly cm: CompiledModel;
  readonly memo: LayeredMemo;
}

const data = new WeakMap<DerivedSnapshot, SnapshotData>();

function ctxWith(cm: CompiledModel, state: CaseState, memo: LayeredMemo): Ctx {
  return { ...newCtx(cm, state, state.asOf), memo };
}

function evaluateOne(ctx: Ctx, name: string): void {
  const f = ctx.cm.facts.get(name);
  if (f) evalFact(ctx, f, NO_ARGS);
  truncate(ctx, 0);
}

function full(cm: CompiledModel, state: CaseState): DerivedSnapshot {
  const memo = new LayeredMemo(null, 0);
  const ctx = ctxWith(cm, state, memo);
  for (const n of cm.plan.order) evaluateOne(ctx, n);
  const snap: DerivedSnapshot = Object.freeze({ state, evaluated: cm.plan.order.length, full: true });
  data.set(snap, { cm, memo });
  return snap;
}

function sameQuestions(a: readonly Question[], b: readonly Question[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Question;
    const y = b[i] as Question;
    if (x.fact !== y.fact || JSON.stringify(x.args) !== JSON.stringify(y.args)) return false;
  }
  return true;
}

function sameValue(a: Tri, b: Tri): boolean {
  return a === null || b === null ? a === b : valueEquals(a, b);
}

/**
 * Evaluate the ground derived facts of `state`. With `previous` (a snapshot of an earlier state of
 * the same case and model) only the facts that read what changed are evaluated again; the result
 * always equals a from-scratch evaluation.
 */
export function deriveGround(cm: CompiledModel, state: CaseState, previous?: DerivedSnapshot): DerivedSnapshot {
  const prev = previous ? data.get(previous) : undefined;
  if (!previous || !prev || prev.cm !== cm || !cm.plan.acyclic || previous.state.actors !== state.actors)
    return full(cm, state);
  const old = previous.state;
  if (old === state) return previous;
  const plan = cm.plan;
  const dirty = new Uint8Array(plan.order.length);
  let first = plan.order.length;
  const mark = (name: string): void => {
    const i = plan.position.get(name);
    if (i === undefined || dirty[i] === 1) return;
    dirty[i] = 1;
    if (i < first) first = i;
  };
  if (old.facts !== state.facts) {
    const logged = changedKeys(old.facts, state.facts);
    const seen = new Set<string>();
    for (const k of logged ?? [...Object.keys(old.facts), ...Object.keys(state.facts)]) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (old.facts[k] !== state.facts[k]) for (const r of plan.readers.get(k) ?? []) mark(r);
    }
  }
  const clock = old.asOf !== state.asOf;
  const history = old.records !== state.records || old.duties !== state.duties;
  if (clock || history) {
    for (const [n, s] of plan.sensitivity) if ((clock && s.clock) || (history && s.history)) mark(n);
  }
  let memo = new LayeredMemo(prev.memo, prev.memo.layers + 1);
  const ctx = ctxWith(cm, state, memo);
  let evaluated = 0;
  for (let i = first; i < plan.order.length; i++) {
    if (dirty[i] !== 1) continue;
    const name = plan.order[i] as string;
    const key = name + GROUND;
    const before = prev.memo.get(key);
    memo.masked.add(key);
    evaluateOne(ctx, name);
    evaluated++;
    const after = memo.get(key);
    if (before && after && sameValue(before.value, after.value) && sameQuestions(before.questions, after.questions))
      continue;
    for (const r of plan.readers.get(name) ?? []) mark(r);
  }
  if (memo.layers > MAX_LAYERS) {
    // Flatten: one map with every ground result, so lookups never walk a long chain.
    const flat = new LayeredMemo(null, 0);
    for (const n of plan.order) {
      const e = memo.get(n + GROUND);
      if (e) flat.set(n + GROUND, e);
    }
    memo = flat;
  }
  const snap: DerivedSnapshot = Object.freeze({ state, evaluated, full: false });
  data.set(snap, { cm, memo });
  return snap;
}

/**
 * The value of ground derived fact `fact` in a snapshot (with the questions that would decide it);
 * `undefined` when it is not one.
 */
export function derivedValue(snapshot: DerivedSnapshot, fact: string): FactEvaluation | undefined {
  const e = data.get(snapshot)?.memo.get(fact + GROUND);
  if (!e) return undefined;
  return {
    value: toTraceValue(e.value),
    questions: e.value === null ? dedupeQuestions(e.questions) : [],
    diagnostics: [],
  };
}
