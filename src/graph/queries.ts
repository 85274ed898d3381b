/**
 * Pure queries over the model graph and the checked model: where does a frame come from in the
 * law, who can create a fact, what does an article affect, how can a fact be brought about.
 */
import type { Expr } from '../model/ast.js';
import { staticDefinition, staticPreconditions, subExpressions } from '../model/walk.js';
import type { CheckedModel } from '../check/check.js';
import { lookup } from '../check/context.js';
import type { EdgeType, ModelGraph } from './graph.js';
import { atBoundary } from '../model/guard.js';

/** The edge types along which a frame depends on another frame. */
const DEPENDS: ReadonlySet<EdgeType> = new Set(['requires', 'derives']);

function outBy(g: ModelGraph, key: string, types: ReadonlySet<EdgeType>): string[] {
  const out: string[] = [];
  g.forEachOutEdge(key, (_e, attrs, _s, target) => {
    if (types.has(attrs.type)) out.push(target);
  });
  return out;
}

function inBy(g: ModelGraph, key: string, types: ReadonlySet<EdgeType>): string[] {
  const out: string[] = [];
  g.forEachInEdge(key, (_e, attrs, source) => {
    if (types.has(attrs.type)) out.push(source);
  });
  return out;
}

/** Every node reachable from `start` (included) by `step`, breadth-first. */
function closure(start: string, step: (key: string) => string[]): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const n of step(queue.shift() as string)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

/**
 * The ids of the sources frame `nodeKey` rests on, sorted: directly, or with `transitive` also
 * those of every frame it depends on (`requires` and `derives`, repeatedly). Unknown key: `[]`.
 */
export function frameSources(
  graph: ModelGraph,
  nodeKey: string,
  options: { readonly transitive?: boolean } = {},
): string[] {
  return atBoundary(
    'frameSources',
    () => [],
    () => {
      if (!graph.hasNode(nodeKey)) return [];
      const frames = options.transitive ? closure(nodeKey, (k) => outBy(graph, k, DEPENDS)) : new Set([nodeKey]);
      const ids = new Set<string>();
      for (const f of frames)
        for (const s of outBy(graph, f, new Set(['rests-on']))) ids.add(graph.getNodeAttribute(s, 'name'));
      return [...ids].sort();
    },
  );
}

/** The names of the acts that create fact or duty `key`, sorted. Unknown key: `[]`. */
export function creatorsOf(graph: ModelGraph, key: string): string[] {
  return atBoundary(
    'creatorsOf',
    () => [],
    () => {
      if (!graph.hasNode(key)) return [];
      return [...new Set(inBy(graph, key, new Set(['creates'])).map((k) => graph.getNodeAttribute(k, 'name')))].sort();
    },
  );
}

/**
 * The node keys of the frames affected by a change of source `sourceId`, sorted: the frames that
 * rest on it, and every frame that depends on one of those (`requires`/`derives`), transitively.
 */
export function impactOf(graph: ModelGraph, sourceId: string): string[] {
  return atBoundary(
    'impactOf',
    () => [],
    () => {
      const key = `source:${sourceId}`;
      if (!graph.hasNode(key)) return [];
      const direct = inBy(graph, key, new Set(['rests-on']));
      const out = new Set<string>();
      for (const d of direct) for (const k of closure(d, (x) => inBy(graph, x, DEPENDS))) out.add(k);
      return [...out].sort();
    },
  );
}

/** The answer of {@link planActs}. */
export interface ActPlan {
  /** True when some sequence of acts makes the goal hold. */
  readonly found: boolean;
  /** The acts to perform, in order (a shortest such sequence). */
  readonly acts: readonly string[];
  /** The input facts the plan relies on (asked from the case), in order of first need. */
  readonly inputs: readonly string[];
}

/** Options of {@link planActs}. */
export interface ActPlanOptions {
  /** Give up after exploring this many abstract states; default 20 000. */
  readonly maxStates?: number;
}

/**
 * A shortest sequence of acts that makes fact `goal` hold, starting from an empty case.
 *
 * Breadth-first search over abstract states: the set of facts and duties created so far. A fact
 * that some act creates (or whose definition is `created`) holds only when created; a fact that
 * no act creates and that has no definition (or is not declared) is an input: it is assumed to be
 * given as needed and listed in `inputs`; a derived fact holds when its definition can hold (`and`:
 * every operand, `or`: the first operand that can, `not` of a created fact: not created yet; any
 * other test: assumed satisfiable by the inputs it reads). An act is applicable when its actor,
 * object, recipient and preconditions can hold; it adds what it creates and removes what it
 * terminates. Deterministic: acts are tried in model order.
 */
export function planActs(checked: CheckedModel, goal: string, options: ActPlanOptions = {}): ActPlan {
  return atBoundary(
    'planActs',
    () => ({ found: false, acts: [], inputs: [] }),
    () => {
      const maxStates = options.maxStates ?? 20_000;
      const acts = Object.values(checked.acts);
      const creatable = new Set<string>();
      for (const a of acts) for (const e of a.creates) if (e.frame === 'fact') creatable.add(e.name);
      const goalKnown = lookup(checked.facts, goal) !== undefined || checked.implicitFacts.includes(goal);
      if (!goalKnown) return { found: false, acts: [], inputs: [] };

      type State = ReadonlySet<string>;
      const isInput = (name: string): boolean => {
        const f = lookup(checked.facts, name);
        return f === undefined ? true : staticDefinition(f) === null && !creatable.has(name);
      };

      /** Input facts read anywhere under `e` (through derived facts). */
      const gather = (e: Expr, inputs: string[], seen: Set<string>): void => {
        const visitFact = (name: string): void => {
          if (seen.has(name)) return;
          seen.add(name);
          const f = lookup(checked.facts, name);
          if (isInput(name)) inputs.push(name);
          else if (f && staticDefinition(f) && staticDefinition(f)?.kind !== 'Created')
            gather(staticDefinition(f) as Expr, inputs, seen);
        };
        const walk = (x: Expr): void => {
          if (x.kind === 'Ref' && x.frame === 'fact') visitFact(x.name);
          if (x.kind === 'Projection') x.context.forEach(visitFact);
          for (const c of subExpressions(x)) walk(c);
        };
        walk(e);
      };

      // Whether a derived fact can hold in a state, with the inputs it needs (deduplicated), computed
      // once per state: a fact referred to twice by each fact above it would otherwise be explored
      // exponentially often. A result cut short by a cycle (`visiting`) is not remembered.
      const memo = new WeakMap<State, Map<string, { ok: boolean; inputs: readonly string[] }>>();
      let cycleCuts = 0;
      const holds = (name: string, s: State, inputs: string[], visiting: Set<string>): boolean => {
        const f = lookup(checked.facts, name);
        if (isInput(name)) {
          inputs.push(name);
          return true;
        }
        if (!f || staticDefinition(f)?.kind === undefined || staticDefinition(f)?.kind === 'Created')
          return s.has(`fact:${name}`);
        let known = memo.get(s);
        if (!known) memo.set(s, (known = new Map()));
        let hit = known.get(name);
        if (!hit && visiting.size === 0 && !priming) {
          prime(name, s, known);
          hit = known.get(name);
        }
        if (hit) {
          for (const i of hit.inputs) inputs.push(i);
          return hit.ok;
        }
        if (visiting.has(name)) {
          cycleCuts++;
          return false;
        }
        visiting.add(name);
        const cutsBefore = cycleCuts;
        const own: string[] = [];
        const ok = sat(staticDefinition(f) as Expr, s, own, visiting);
        visiting.delete(name);
        const deduped = [...new Set(own)];
        if (cycleCuts === cutsBefore) known.set(name, { ok, inputs: deduped });
        for (const i of deduped) inputs.push(i);
        return ok;
      };

      // Derived facts below `name`, dependencies first (an explicit stack): each is then decided with
      // its own dependencies already in the memo, so a chain of thousands of facts needs no deep recursion.
      let priming = false;
      const refsOf = (e: Expr): string[] => {
        const out: string[] = [];
        const stack: Expr[] = [e];
        for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
          if (x.kind === 'Ref' && x.frame === 'fact') out.push(x.name);
          for (const c of subExpressions(x)) stack.push(c);
        }
        return out;
      };
      const derivedDefinition = (name: string): Expr | null => {
        const f = lookup(checked.facts, name);
        if (isInput(name) || !f || staticDefinition(f)?.kind === undefined || staticDefinition(f)?.kind === 'Created')
          return null;
        return staticDefinition(f);
      };
      const prime = (name: string, s: State, known: Map<string, unknown>): void => {
        const root = derivedDefinition(name);
        if (root === null) return;
        const post: string[] = [];
        const seen = new Set([name]);
        const stack: { name: string; refs: string[]; i: number }[] = [{ name, refs: refsOf(root), i: 0 }];
        while (stack.length > 0) {
          const top = stack[stack.length - 1] as (typeof stack)[number];
          const ref = top.refs[top.i++];
          if (ref === undefined) {
            stack.pop();
            if (top.name !== name) post.push(top.name);
            continue;
          }
          const def = derivedDefinition(ref);
          if (def === null || seen.has(ref) || known.has(ref)) continue;
          seen.add(ref);
          stack.push({ name: ref, refs: refsOf(def), i: 0 });
        }
        priming = true;
        try {
          for (const n of post) holds(n, s, [], new Set());
        } finally {
          priming = false;
        }
      };

      const sat = (e: Expr, s: State, inputs: string[], visiting: Set<string>): boolean => {
        switch (e.kind) {
          case 'Ref':
            if (e.frame === 'fact') return holds(e.name, s, inputs, visiting);
            if (e.frame === 'duty') return s.has(`duty:${e.name}`);
            {
              const a = lookup(checked.acts, e.name);
              return (
                a !== undefined &&
                !visiting.has(`act:${e.name}`) &&
                applicable(a, s, inputs, new Set([...visiting, `act:${e.name}`]))
              );
            }
          case 'Nary':
            if (e.op === 'and') return e.operands.every((o) => sat(o, s, inputs, visiting));
            if (e.op === 'or') {
              for (const o of e.operands) {
                const tmp: string[] = [];
                if (sat(o, s, tmp, visiting)) {
                  inputs.push(...tmp);
                  return true;
                }
              }
              return e.operands.length === 0;
            }
            gather(e, inputs, new Set());
            return true;
          case 'Unary':
            if (e.op === 'not' && e.operand.kind === 'Ref' && e.operand.frame === 'fact' && !isInput(e.operand.name)) {
              const f = lookup(checked.facts, e.operand.name);
              if (!f || staticDefinition(f)?.kind === undefined || staticDefinition(f)?.kind === 'Created')
                return !s.has(`fact:${e.operand.name}`);
            }
            if (e.op === 'not' && e.operand.kind === 'Ref' && e.operand.frame === 'duty')
              return !s.has(`duty:${e.operand.name}`);
            gather(e, inputs, new Set());
            return true;
          default:
            gather(e, inputs, new Set());
            return true;
        }
      };

      type Act = (typeof acts)[number];
      // As in the interpreter (src/run), an act's object that the act itself creates need not hold
      // beforehand: `<<indienen aanvraag>>` has the application it creates as its object.
      const createdObject = (a: Act): boolean =>
        a.object?.kind === 'Ref' &&
        a.object.frame !== 'act' &&
        a.creates.some(
          (e) => e.frame === (a.object as { frame: string }).frame && e.name === (a.object as { name: string }).name,
        );
      const applicable = (a: Act, s: State, inputs: string[], visiting: Set<string>): boolean => {
        const object = createdObject(a) ? null : a.object;
        for (const e of [a.actor, object, a.recipient, staticPreconditions(a)])
          if (e && !sat(e, s, inputs, visiting)) return false;
        return true;
      };

      const keyOf = (s: State): string => [...s].sort().join('\u0000');
      interface Node {
        readonly state: State;
        readonly parent: Node | null;
        readonly act: string | null;
      }
      const trace = (n: Node): ActPlan => {
        const path: Node[] = [];
        for (let c: Node | null = n; c !== null; c = c.parent) path.unshift(c);
        const inputs: string[] = [];
        for (let i = 1; i < path.length; i++) {
          const step = path[i] as Node;
          const a = lookup(checked.acts, step.act as string) as Act;
          applicable(a, (path[i - 1] as Node).state, inputs, new Set());
        }
        holds(goal, n.state, inputs, new Set());
        return { found: true, acts: path.slice(1).map((p) => p.act as string), inputs: [...new Set(inputs)] };
      };

      const start: Node = { state: new Set(), parent: null, act: null };
      if (holds(goal, start.state, [], new Set())) return trace(start);
      const seen = new Set([keyOf(start.state)]);
      const queue: Node[] = [start];
      while (queue.length > 0 && seen.size <= maxStates) {
        const node = queue.shift() as Node;
        for (const a of acts) {
          if (!applicable(a, node.state, [], new Set())) continue;
          const next = new Set(node.state);
          for (const e of a.creates) if (e.frame !== 'act') next.add(`${e.frame}:${e.name}`);
          for (const e of a.terminates) if (e.frame !== 'act') next.delete(`${e.frame}:${e.name}`);
          const k = keyOf(next);
          if (seen.has(k)) continue;
          seen.add(k);
          const child: Node = { state: next, parent: node, act: a.name };
          if (holds(goal, next, [], new Set())) return trace(child);
          queue.push(child);
        }
      }
      return { found: false, acts: [], inputs: [] };
    },
  );
}
