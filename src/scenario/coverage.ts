/**
 * Coverage of a model by its scenarios, collected from traces: acts taken, precondition branches
 * (each operand of every `and`/`or` in act preconditions seen true and false), duties activated,
 * terminated and violated.
 */
import type { ActDecl, Expr, Model } from '../model/ast.js';
import type { TraceEntry, TraceNode } from '../model/trace.js';
import { actPreconditions, actsOf, dutiesOf } from '../model/walk.js';
import type { Violation } from '../run/index.js';
import { exprText } from '../run/index.js';
import type { BranchCoverage, Coverage } from './types.js';

interface Branch {
  readonly act: string;
  readonly operand: Expr;
  readonly text: string;
  seenTrue: boolean;
  seenFalse: boolean;
}

/** The trace node for a sub-expression: a child whose printed text is the expression's, else the one at `index`. */
function childFor(node: TraceNode, e: Expr, index: number): TraceNode | undefined {
  const text = exprText(e);
  return (
    node.children.find((c) => c.expr === text) ??
    (node.children[index]?.expr === text ? node.children[index] : undefined)
  );
}

/**
 * The preconditions of `a` that a check showed as `shown` (its `preconditions` node's text): with variants per
 * version of the law, the variant's that was checked.
 */
export function checkedPreconditions(a: ActDecl, shown: string): Expr | null {
  const all = actPreconditions(a);
  return all.length > 1 ? (all.find((x) => exprText(x) === shown) ?? null) : (all[0] ?? null);
}

/** Collects coverage over any number of scenarios of one model. */
export class CoverageCollector {
  private readonly branches = new Map<Expr, Branch>();
  private readonly order: Branch[] = [];
  private readonly taken = new Set<string>();
  private readonly activated = new Set<string>();
  private readonly terminated = new Set<string>();
  private readonly violated = new Set<string>();

  constructor(private readonly model: Model) {
    for (const a of actsOf(model)) for (const e of actPreconditions(a)) this.register(a.name, e);
  }

  private register(act: string, e: Expr): void {
    if (e.kind === 'Nary' && (e.op === 'and' || e.op === 'or')) {
      for (const o of e.operands) {
        const b: Branch = { act, operand: o, text: exprText(o), seenTrue: false, seenFalse: false };
        this.branches.set(o, b);
        this.order.push(b);
        this.register(act, o);
      }
    } else if (e.kind === 'Unary' && e.op === 'not') this.register(act, e.operand);
  }

  /** Record the branch outcomes in the check tree of an act (a `check` node with a `preconditions` child). */
  observeCheck(act: string, check: TraceNode): void {
    const decl = actsOf(this.model).find((a) => a.name === act);
    const pre = check.children.find((c) => c.kind === 'preconditions');
    if (!decl || !pre) return;
    const e = checkedPreconditions(decl, pre.expr);
    if (e) this.walk(e, pre);
  }

  private walk(e: Expr, node: TraceNode): void {
    if (e.kind === 'Nary' && (e.op === 'and' || e.op === 'or')) {
      e.operands.forEach((o, i) => {
        const child = childFor(node, o, i);
        if (!child) return;
        const b = this.branches.get(o);
        if (b && child.value.type === 'boolean') {
          if (child.value.value) b.seenTrue = true;
          else b.seenFalse = true;
        }
        this.walk(o, child);
      });
    } else if (e.kind === 'Unary' && e.op === 'not') {
      const child = childFor(node, e.operand, 0);
      if (child) this.walk(e.operand, child);
    }
  }

  /** Record an attempt to take an act: branches, the act when taken, duties activated and ended. */
  observeEntry(entry: TraceEntry): void {
    this.observeCheck(entry.act, entry.check);
    if (entry.outcome === 'taken') this.taken.add(entry.act);
    if (entry.outcome === 'refused') return;
    for (const d of entry.dutiesActivated) this.activated.add(d.duty);
    for (const d of entry.dutiesEnded) this.terminated.add(d.duty);
  }

  /** Record violations found by advancing the clock. */
  observeViolations(vs: readonly Violation[]): void {
    for (const v of vs) if (v.kind !== 'forced-act') this.violated.add(v.frame);
  }

  /** The coverage so far, lists in model order. */
  result(): Coverage {
    const acts = actsOf(this.model).map((a) => a.name);
    const duties = dutiesOf(this.model).map((d) => d.name);
    const all: BranchCoverage[] = this.order.map((b) => ({
      act: b.act,
      operand: b.text,
      seenTrue: b.seenTrue,
      seenFalse: b.seenFalse,
    }));
    const pick = (names: readonly string[], set: ReadonlySet<string>, want: boolean): string[] =>
      names.filter((n) => set.has(n) === want);
    return {
      acts: { total: acts.length, taken: pick(acts, this.taken, true), notTaken: pick(acts, this.taken, false) },
      branches: { total: all.length, covered: all.filter((b) => b.seenTrue && b.seenFalse).length, all },
      duties: {
        total: duties.length,
        activated: pick(duties, this.activated, true),
        terminated: pick(duties, this.terminated, true),
        violated: pick(duties, this.violated, true),
        notActivated: pick(duties, this.activated, false),
        notTerminated: pick(duties, this.terminated, false),
        notViolated: pick(duties, this.violated, false),
      },
    };
  }
}
