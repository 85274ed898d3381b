/**
 * The model graph: a derived, read-only graphology view of a checked model.
 */
import { MultiDirectedGraph } from 'graphology';
import type { Expr, FrameDecl } from '../model/ast.js';
import type { Span } from '../model/span.js';
import { displayName, staticDefinition, staticEffects, staticPreconditions, walkExpr } from '../model/walk.js';
import type { CheckedModel } from '../check/check.js';
import { lookup } from '../check/context.js';
import { atBoundary, emptyModel, textAtBoundary } from '../model/guard.js';
import { check } from '../check/index.js';

/** The kinds of nodes: frames and sources. */
export type NodeKind = 'act' | 'fact' | 'duty' | 'source';

/** The relations between nodes. */
export type EdgeType = 'requires' | 'derives' | 'creates' | 'terminates' | 'enforces' | 'rests-on';

/** The attributes of a node. */
export interface NodeAttributes {
  /** What the node stands for. */
  kind: NodeKind;
  /** Frame name (without brackets) or source id. */
  name: string;
  /** Display label: `[fact]`, `<<act>>`, `<duty>`, or the source's citation (else its id). */
  label: string;
  /** Where the frame or source is declared; null for facts referenced but never declared. */
  span: Span | null;
  /** False for facts referenced but never declared (implicit input facts). */
  declared: boolean;
}

/** The attributes of an edge. */
export interface EdgeAttributes {
  /** The relation. */
  type: EdgeType;
}

/** A model graph: directed multigraph with keys `act:<name>`, `fact:<name>`, `duty:<name>`, `source:<id>`. */
export type ModelGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** The node key of a frame or source. */
export function nodeKey(kind: NodeKind, name: string): string {
  return textAtBoundary('nodeKey', () => {
    return `${kind}:${name}`;
  });
}

/** The fact and duty names referenced in `e` (references and projection contexts). */
function uses(
  e: Expr | null,
  out: { frame: 'fact' | 'duty'; name: string }[] = [],
): { frame: 'fact' | 'duty'; name: string }[] {
  if (e === null) return out;
  const visit = (x: Expr): void => {
    if (x.kind === 'Ref' && x.frame !== 'act') out.push({ frame: x.frame, name: x.name });
    if (x.kind === 'Projection') for (const c of x.context) out.push({ frame: 'fact', name: c });
  };
  walkExpr(e, visit);
  return out;
}

/**
 * Build the graph of a checked model. Edges: `requires` (act → fact/duty in its actor, object,
 * recipient or preconditions), `derives` (derived fact → fact in its definition), `creates` and
 * `terminates` (act → fact/duty, from act effects and from duties' `created by`/`terminated by`),
 * `enforces` (act → duty), `rests-on` (frame → declared source). Each (type, source, target)
 * appears once; references to undeclared acts, duties or sources make no edge, undeclared facts
 * get a node with `declared: false`.
 */
export function toGraph(checked: CheckedModel): ModelGraph {
  return atBoundary(
    'toGraph',
    () => toGraph(check(emptyModel()).value),
    () => {
      const g: ModelGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
      for (const s of Object.values(checked.sources)) {
        g.addNode(nodeKey('source', s.id), {
          kind: 'source',
          name: s.id,
          label: s.citation ?? s.id,
          span: s.idSpan,
          declared: true,
        });
      }
      const frame = (kind: 'fact' | 'act' | 'duty', name: string, span: Span | null, declared: boolean): void => {
        g.addNode(nodeKey(kind, name), { kind, name, label: displayName(kind, name), span, declared });
      };
      for (const f of Object.values(checked.facts)) frame('fact', f.name, f.nameSpan, true);
      for (const name of checked.implicitFacts) if (!g.hasNode(nodeKey('fact', name))) frame('fact', name, null, false);
      for (const a of Object.values(checked.acts)) frame('act', a.name, a.nameSpan, true);
      for (const d of Object.values(checked.duties)) frame('duty', d.name, d.nameSpan, true);

      const edge = (type: EdgeType, from: string, to: string): void => {
        if (!g.hasNode(from) || !g.hasNode(to)) return;
        const key = `${type}:${from}->${to}`;
        if (!g.hasEdge(key)) g.addDirectedEdgeWithKey(key, from, to, { type });
      };
      const restsOn = (kind: 'fact' | 'act' | 'duty', name: string, ids: readonly { id: string }[]): void => {
        for (const s of ids)
          if (lookup(checked.sources, s.id)) edge('rests-on', nodeKey(kind, name), nodeKey('source', s.id));
      };

      // A frame rests on its sources and on those its variants implement (grammar/README.md#versions).
      const withVariants = (x: FrameDecl): readonly { id: string }[] => [
        ...x.sources,
        ...(x.variants ?? []).flatMap((v) => v.sources),
      ];
      for (const f of Object.values(checked.facts)) {
        const def = staticDefinition(f);
        if (def !== null && def.kind !== 'Created') {
          for (const u of uses(def))
            if (u.frame === 'fact') edge('derives', nodeKey('fact', f.name), nodeKey('fact', u.name));
        }
        restsOn('fact', f.name, withVariants(f));
      }
      for (const a of Object.values(checked.acts)) {
        const from = nodeKey('act', a.name);
        for (const e of [a.actor, a.object, a.recipient, staticPreconditions(a)])
          for (const u of uses(e)) edge('requires', from, nodeKey(u.frame, u.name));
        const { creates, terminates } = staticEffects(a);
        for (const e of creates) if (e.frame !== 'act') edge('creates', from, nodeKey(e.frame, e.name));
        for (const e of terminates) if (e.frame !== 'act') edge('terminates', from, nodeKey(e.frame, e.name));
        restsOn('act', a.name, withVariants(a));
      }
      for (const d of Object.values(checked.duties)) {
        const to = nodeKey('duty', d.name);
        for (const r of d.createdBy) edge('creates', nodeKey('act', r.name), to);
        for (const r of d.terminatedBy) edge('terminates', nodeKey('act', r.name), to);
        for (const r of d.enforcedBy) edge('enforces', nodeKey('act', r.name), to);
        restsOn('duty', d.name, withVariants(d));
      }
      return g;
    },
  );
}
