/**
 * The evaluation plan of a compiled model's derived facts: which facts each definition reads,
 * the dependency order of the ground (zero-parameter) derived facts, and which definitions read
 * more of the case than fact instances (the clock, actors, records, duties).
 *
 * Used to evaluate deep chains of derived facts without deep recursion (dependencies first) and
 * to re-evaluate incrementally: after a change, only the readers of what changed are evaluated.
 */
import type { Expr } from '../model/ast.js';
import { staticDefinition, walkExpr } from '../model/walk.js';
import type { CAct, CFact } from './context.js';

/** What a definition reads besides the fact frames it names. */
export interface Sensitivity {
  /** `today` (the case clock). */
  readonly clock: boolean;
  /** Act records or duty instances (projections, duty and act references). */
  readonly history: boolean;
}

/** The dependency plan of the ground derived facts of a model. */
export interface DerivedPlan {
  /** Ground derived facts, dependencies before their readers (cycles broken at the back edge). */
  readonly order: readonly string[];
  /** Position of each ground derived fact in {@link order}. */
  readonly position: ReadonlyMap<string, number>;
  /** For each fact name (any mode), the ground derived facts whose definitions read it directly. */
  readonly readers: ReadonlyMap<string, readonly string[]>;
  /** The ground derived facts each ground derived fact reads directly. */
  readonly groundDeps: ReadonlyMap<string, readonly string[]>;
  /** Longest chain of ground derived facts below each one (1 = reads no ground derived fact). */
  readonly height: ReadonlyMap<string, number>;
  readonly sensitivity: ReadonlyMap<string, Sensitivity>;
  /** No ground derived fact reads itself through others (incremental re-evaluation needs this). */
  readonly acyclic: boolean;
}

/** A derived fact is ground when it has no parameters: one instance, memoised under one key. */
export const isGroundDerived = (f: CFact | undefined): boolean =>
  f !== undefined && f.mode === 'derived' && f.arity === 0 && f.def !== null;

interface Reads {
  readonly names: Set<string>;
  clock: boolean;
  history: boolean;
}

/**
 * Every fact name an expression may read, looking through parameterised derived facts and the
 * conditions of referenced acts (whose values are computed inline), but not through ground
 * derived facts (those are dependencies of their own).
 */
function readsOf(root: Expr, facts: ReadonlyMap<string, CFact>, acts: ReadonlyMap<string, CAct>): Reads {
  const r: Reads = { names: new Set(), clock: false, history: false };
  const seenFacts = new Set<string>();
  const seenActs = new Set<string>();
  const visit = (e: Expr): void => {
    walkExpr(e, (x) => {
      switch (x.kind) {
        case 'Now':
          r.clock = true;
          break;
        case 'Projection':
          r.history = true;
          for (const c of x.context) r.names.add(c);
          break;
        case 'Aggregate':
          for (const b of x.bindings) if (b.type.kind === 'FactType') addFact(b.type.name);
          break;
        case 'Member':
          break;
        case 'Ref':
          if (x.frame === 'fact') addFact(x.name);
          else if (x.frame === 'duty') r.history = true;
          else {
            r.history = true;
            const a = acts.get(x.name);
            if (a && !seenActs.has(a.name)) {
              seenActs.add(a.name);
              for (const c of [a.decl.actor, a.decl.object, a.decl.recipient, a.decl.preconditions]) if (c) visit(c);
            }
          }
          break;
        default:
          break;
      }
    });
  };
  const addFact = (name: string): void => {
    r.names.add(name);
    const f = facts.get(name);
    if (f) for (const i of f.impliedBy) r.names.add(i);
    if (f && f.mode === 'derived' && !isGroundDerived(f) && !seenFacts.has(name) && f.decl) {
      const def = staticDefinition(f.decl);
      if (def === null) return;
      seenFacts.add(name);
      visit(def);
    }
  };
  visit(root);
  return r;
}

/** Build the plan of a model's derived facts (once per compiled model). */
export function buildPlan(facts: ReadonlyMap<string, CFact>, acts: ReadonlyMap<string, CAct>): DerivedPlan {
  const groundDeps = new Map<string, string[]>();
  const readers = new Map<string, string[]>();
  const sensitivity = new Map<string, Sensitivity>();
  for (const f of facts.values()) {
    const def = f.decl ? staticDefinition(f.decl) : null;
    if (!isGroundDerived(f) || def === null || !f.decl) continue;
    const r = readsOf(def, facts, acts);
    // A fact with variants per version of the law depends on the date that picks the variant: the clock, or what
    // its `applies as of` reads (grammar/README.md#versions).
    if ((f.decl.variants ?? []).length > 0) {
      const asOf = f.decl.appliesAsOf ?? null;
      if (asOf === null) r.clock = true;
      else {
        const a = readsOf(asOf, facts, acts);
        for (const n of a.names) r.names.add(n);
        r.clock ||= a.clock;
        r.history ||= a.history;
      }
    }
    // `created` in a definition reads the fact's own stored instance.
    r.names.add(f.name);
    sensitivity.set(f.name, { clock: r.clock, history: r.history });
    const deps: string[] = [];
    for (const n of [...r.names].sort()) {
      let list = readers.get(n);
      if (!list) readers.set(n, (list = []));
      if (n !== f.name || !isGroundDerived(facts.get(n))) list.push(f.name);
      if (n !== f.name && isGroundDerived(facts.get(n))) deps.push(n);
    }
    groundDeps.set(f.name, deps);
  }
  // Iterative post-order DFS: no recursion, so chains of any length are fine.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const height = new Map<string, number>();
  for (const start of [...groundDeps.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: { name: string; i: number }[] = [{ name: start, i: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; i: number };
      const deps = groundDeps.get(top.name) ?? [];
      if (top.i < deps.length) {
        const d = deps[top.i++] as string;
        if (!state.has(d)) {
          state.set(d, 1);
          stack.push({ name: d, i: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.name, 2);
      let h = 1;
      for (const d of deps) h = Math.max(h, (height.get(d) ?? 0) + 1);
      height.set(top.name, h);
      order.push(top.name);
    }
  }
  const position = new Map(order.map((n, i) => [n, i] as const));
  let acyclic = true;
  for (const [n, deps] of groundDeps)
    for (const d of deps) if ((position.get(d) ?? -1) >= (position.get(n) ?? -1)) acyclic = false;
  return { order, position, readers, groundDeps, height, sensitivity, acyclic };
}
