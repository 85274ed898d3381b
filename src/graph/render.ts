/**
 * Text renderings of the model graph: Graphviz DOT, Mermaid, GraphML and JSON. All are pure and
 * deterministic: nodes sorted by key, edges by source, target and type.
 */
import type { EdgeType, ModelGraph, NodeAttributes, NodeKind } from './graph.js';
import { textAtBoundary } from '../model/guard.js';

interface SortedNode {
  readonly key: string;
  readonly attrs: NodeAttributes;
}

interface SortedEdge {
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortedNodes(g: ModelGraph): SortedNode[] {
  return g.mapNodes((key, attrs) => ({ key, attrs })).sort((a, b) => cmp(a.key, b.key));
}

function sortedEdges(g: ModelGraph): SortedEdge[] {
  return g
    .mapEdges((_k, attrs, source, target) => ({ source, target, type: attrs.type }))
    .sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target) || cmp(a.type, b.type));
}

/** A DOT double-quoted string. */
function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

const DOT_SHAPE: Record<NodeKind, string> = { act: 'box', fact: 'ellipse', duty: 'hexagon', source: 'note' };

/** Graphviz DOT: one statement per line, undeclared facts dashed. */
export function toDot(g: ModelGraph): string {
  return textAtBoundary('toDot', () => {
    const lines = ['digraph model {', '  rankdir=LR;'];
    for (const { key, attrs } of sortedNodes(g)) {
      const style = attrs.declared ? '' : ', style=dashed';
      lines.push(`  ${dotString(key)} [label=${dotString(attrs.label)}, shape=${DOT_SHAPE[attrs.kind]}${style}];`);
    }
    for (const e of sortedEdges(g))
      lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)} [label=${dotString(e.type)}];`);
    lines.push('}');
    return `${lines.join('\n')}\n`;
  });
}

/** Mermaid label text: entity codes for characters Mermaid would read as syntax or HTML. */
function mermaidLabel(s: string): string {
  return `"${s
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n/g, ' ')}"`;
}

const MERMAID_SHAPE: Record<NodeKind, [string, string]> = {
  act: ['[', ']'],
  fact: ['(', ')'],
  duty: ['{{', '}}'],
  source: ['[/', '/]'],
};

/** Mermaid flowchart; node ids are `n0`, `n1`, ... in key order (names go in labels). */
export function toMermaid(g: ModelGraph): string {
  return textAtBoundary('toMermaid', () => {
    const nodes = sortedNodes(g);
    const id = new Map(nodes.map((n, i) => [n.key, `n${i}`]));
    const lines = ['flowchart LR'];
    for (const { key, attrs } of nodes) {
      const [open, close] = MERMAID_SHAPE[attrs.kind];
      lines.push(`  ${id.get(key)}${open}${mermaidLabel(attrs.label)}${close}`);
    }
    for (const e of sortedEdges(g)) lines.push(`  ${id.get(e.source)} -->|${e.type}| ${id.get(e.target)}`);
    return `${lines.join('\n')}\n`;
  });
}

/** XML text or attribute content. */
function xml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** GraphML with node data `kind`, `name`, `label`, `declared` and edge data `type`. */
export function toGraphml(g: ModelGraph): string {
  return textAtBoundary('toGraphml', () => {
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
      '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
      '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
      '  <key id="declared" for="node" attr.name="declared" attr.type="boolean"/>',
      '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
      '  <graph id="model" edgedefault="directed">',
    ];
    for (const { key, attrs } of sortedNodes(g)) {
      lines.push(
        `    <node id="${xml(key)}">`,
        `      <data key="kind">${attrs.kind}</data>`,
        `      <data key="name">${xml(attrs.name)}</data>`,
        `      <data key="label">${xml(attrs.label)}</data>`,
        `      <data key="declared">${attrs.declared}</data>`,
        '    </node>',
      );
    }
    sortedEdges(g).forEach((e, i) => {
      lines.push(
        `    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}">`,
        `      <data key="type">${e.type}</data>`,
        '    </edge>',
      );
    });
    lines.push('  </graph>', '</graphml>');
    return `${lines.join('\n')}\n`;
  });
}

/** JSON `{ nodes: [{key, kind, name, label, declared}], edges: [{source, target, type}] }`, sorted, 2-space indent. */
export function toJson(g: ModelGraph): string {
  return textAtBoundary('toJson', () => {
    const nodes = sortedNodes(g).map(({ key, attrs }) => ({
      key,
      kind: attrs.kind,
      name: attrs.name,
      label: attrs.label,
      declared: attrs.declared,
    }));
    return `${JSON.stringify({ nodes, edges: sortedEdges(g) }, null, 2)}\n`;
  });
}
