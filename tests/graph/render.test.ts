import { describe, expect, test } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { toDot, toGraph, toGraphml, toJson, toMermaid } from '../../src/graph/index.js';
import type { EdgeAttributes, NodeAttributes } from '../../src/graph/index.js';
import { smallModel } from './small-model.js';

describe('Graph renderings', () => {
  const g = toGraph(smallModel());

  test('DOT output matches the golden file', async () => {
    await expect(toDot(g)).toMatchFileSnapshot('golden/small.dot');
  });
  test('Mermaid output matches the golden file', async () => {
    await expect(toMermaid(g)).toMatchFileSnapshot('golden/small.mmd');
  });
  test('GraphML output matches the golden file', async () => {
    await expect(toGraphml(g)).toMatchFileSnapshot('golden/small.graphml');
  });
  test('JSON output matches the golden file and parses back to the graph', async () => {
    const text = toJson(g);
    await expect(text).toMatchFileSnapshot('golden/small.json');
    const data = JSON.parse(text) as { nodes: { key: string }[]; edges: unknown[] };
    expect(data.nodes.map((n) => n.key)).toEqual(g.nodes().sort());
    expect(data.edges).toHaveLength(g.size);
  });

  test('output does not depend on insertion order', () => {
    const build = (reverse: boolean): MultiDirectedGraph<NodeAttributes, EdgeAttributes> => {
      const h = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
      const nodes: [string, NodeAttributes][] = [
        ['fact:a', { kind: 'fact', name: 'a', label: '[a]', span: null, declared: true }],
        ['act:b', { kind: 'act', name: 'b', label: '<<b>>', span: null, declared: true }],
        ['fact:c', { kind: 'fact', name: 'c', label: '[c]', span: null, declared: false }],
      ];
      for (const [k, a] of reverse ? [...nodes].reverse() : nodes) h.addNode(k, a);
      const edges: [string, string, EdgeAttributes][] = [
        ['act:b', 'fact:a', { type: 'requires' }],
        ['act:b', 'fact:c', { type: 'creates' }],
        ['act:b', 'fact:a', { type: 'creates' }],
      ];
      for (const [s, t, a] of reverse ? [...edges].reverse() : edges) h.addDirectedEdge(s, t, a);
      return h;
    };
    for (const render of [toDot, toMermaid, toGraphml, toJson]) expect(render(build(true))).toBe(render(build(false)));
  });

  test('names with quotes, brackets, backslashes and ampersands are escaped in every format', () => {
    const h = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    const name = 'a "b" <c> [d] & e\\f #1';
    h.addNode(`fact:${name}`, { kind: 'fact', name, label: `[${name}]`, span: null, declared: true });
    h.addNode('act:x', { kind: 'act', name: 'x', label: '<<x>>', span: null, declared: true });
    h.addDirectedEdge('act:x', `fact:${name}`, { type: 'requires' });
    const dot = toDot(h);
    expect(dot).toContain('"fact:a \\"b\\" <c> [d] & e\\\\f #1"');
    expect(dot).toContain('label="[a \\"b\\" <c> [d] & e\\\\f #1]"');
    const mermaid = toMermaid(h);
    expect(mermaid).toContain('n1("[a #quot;b#quot; #lt;c#gt; [d] & e\\f #35;1]")');
    expect(mermaid).not.toContain('<c>');
    const xml = toGraphml(h);
    expect(xml).toContain('<node id="fact:a &quot;b&quot; &lt;c&gt; [d] &amp; e\\f #1">');
    expect(JSON.parse(toJson(h))).toMatchObject({ nodes: [{ key: 'act:x' }, { key: `fact:${name}`, name }] });
  });
});
