/**
 * `derivation-cycle`: derived facts whose definitions depend on each other in a circle, so none
 * of them can be evaluated (grammar/README.md#facts). One diagnostic per cycle (strongly
 * connected component), at the first fact of the cycle in declaration order, giving the path.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { definitionRefs } from '../expr-index.js';
import { isDerived, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports cycles among derived facts. */
export const derivationCycle: Rule = {
  code: 'derivation-cycle',
  severity: 'error',
  reference: 'grammar/README.md#facts',
  check(ctx: CheckContext): Diagnostic[] {
    const order = Object.keys(ctx.facts).filter((n) => isDerived(ctx.facts[n]!));
    const index = new Map(order.map((n, i) => [n, i]));
    const edges = new Map<string, string[]>();
    for (const n of order) {
      const f = lookup(ctx.facts, n);
      const deps = (f === undefined ? [] : definitionRefs(ctx, f))
        .filter((r) => r.frame === 'fact' && index.has(r.name))
        .map((r) => r.name);
      edges.set(n, [...new Set(deps)]);
    }
    const out: Diagnostic[] = [];
    for (const scc of stronglyConnected(order, edges)) {
      const start = scc.reduce((a, b) => ((index.get(a) ?? 0) <= (index.get(b) ?? 0) ? a : b));
      const self = (edges.get(start) ?? []).includes(start);
      if (scc.length === 1 && !self) continue;
      const path = self && scc.length === 1 ? [start, start] : cyclePath(start, new Set(scc), edges);
      const fact = lookup(ctx.facts, start);
      if (!fact) continue;
      out.push(
        report(derivationCycle, {
          message: `Fact «${start}» is defined in terms of itself: ${path.map((p) => `[${p}]`).join(' → ')}.`,
          span: fact.nameSpan,
          hint: 'Break the cycle: make one of these facts an input fact or define it from other facts.',
          related: path
            .slice(1, -1)
            .map((p) => ({ message: `[${p}] is part of the cycle.`, span: lookup(ctx.facts, p)!.nameSpan })),
        }),
      );
    }
    return out;
  },
};

/** Tarjan's algorithm, iterative; components in discovery order. */
function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    idx.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = edges.get(top.node) ?? [];
      if (top.next < succ.length) {
        const w = succ[top.next++]!;
        if (!idx.has(w)) {
          idx.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === idx.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        out.push(comp);
      }
    }
  }
  return out;
}

/** A shortest path from `start` back to itself inside `within` (breadth-first). */
function cyclePath(
  start: string,
  within: ReadonlySet<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const w of edges.get(n) ?? []) {
      if (!within.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let c: string | undefined = n; c !== undefined && c !== start; c = prev.get(c)) path.push(c);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!seen.has(w)) {
        seen.add(w);
        prev.set(w, n);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
