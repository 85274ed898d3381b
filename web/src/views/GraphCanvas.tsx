/**
 * The model graph drawn by sigma (WebGL) after a ForceAtlas2 layout from a deterministic start
 * (nodes on circles by kind), so the same model is drawn the same way each time. The canvas is a
 * picture for sighted mouse users: it has an accessible name, and the frame list next to it is the
 * keyboard and screen reader way to the same frames.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef, useState } from 'preact/hooks';
import Sigma from 'sigma';
import { useApp } from '../context.js';
import type { GraphEdge, GraphNode } from '../engine.js';

export const KIND_COLORS: Readonly<Record<string, string>> = {
  act: '#1d5fa8',
  fact: '#2b7a34',
  duty: '#b3261e',
  source: '#6b4a9b',
};

const ORDER = ['act', 'duty', 'fact', 'source'];

export function GraphCanvas(props: {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  visible: ReadonlySet<string>;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { t } = useApp();
  const box = useRef<HTMLDivElement>(null);
  const sigma = useRef<Sigma | null>(null);
  const state = useRef({ visible: props.visible, selected: props.selected, neighbours: new Set<string>() });
  const [failed, setFailed] = useState(false);
  const select = useRef(props.onSelect);
  select.current = props.onSelect;

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const g = new Graph({ multi: false, type: 'directed' });
    const byKind = new Map<string, GraphNode[]>();
    for (const n of props.nodes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
    const degree = new Map<string, number>();
    for (const e of props.edges) {
      degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
      degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    }
    ORDER.forEach((kind, k) => {
      const list = byKind.get(kind) ?? [];
      list.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, list.length) + k;
        const r = 10 + 6 * k;
        const d = degree.get(n.key) ?? 0;
        g.addNode(n.key, {
          x: r * Math.cos(angle),
          y: r * Math.sin(angle),
          size: Math.min(14, 3 + Math.sqrt(d) * 1.6),
          color: KIND_COLORS[n.kind] ?? '#555',
          label: n.label,
          kind: n.kind,
        });
      });
    });
    for (const e of props.edges)
      if (g.hasNode(e.source) && g.hasNode(e.target) && !g.hasEdge(e.source, e.target))
        g.addEdge(e.source, e.target, { size: 1, color: '#b8bcc4' });
    forceAtlas2.assign(g, {
      iterations: 300,
      settings: {
        ...forceAtlas2.inferSettings(g),
        gravity: 1,
        scalingRatio: 12,
        outboundAttractionDistribution: true,
        barnesHutOptimize: g.order > 300,
      },
    });
    let s: Sigma;
    try {
      s = new Sigma(g, el, {
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 7,
        labelDensity: 0.6,
        labelGridCellSize: 120,
        labelFont: 'system-ui, sans-serif',
        labelSize: 12,
        defaultEdgeType: 'line',
        nodeReducer: (key, data) => {
          const st = state.current;
          if (!st.visible.has(key)) return { ...data, hidden: true };
          if (st.selected === null) return data;
          if (key === st.selected)
            return { ...data, highlighted: true, forceLabel: true, size: (data.size ?? 4) * 1.6 };
          if (st.neighbours.has(key)) return { ...data, forceLabel: true };
          return { ...data, color: '#d5d8de', label: '' };
        },
        edgeReducer: (key, data) => {
          const st = state.current;
          const [a, b] = g.extremities(key);
          if (!st.visible.has(a) || !st.visible.has(b)) return { ...data, hidden: true };
          if (st.selected !== null && (a === st.selected || b === st.selected))
            return { ...data, color: '#3b3f46', size: 2 };
          return data;
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    s.on('clickNode', ({ node }) => select.current(node));
    s.on('enterNode', () => el.classList.add('pointer'));
    s.on('leaveNode', () => el.classList.remove('pointer'));
    sigma.current = s;
    return () => {
      s.kill();
      sigma.current = null;
    };
  }, [props.nodes, props.edges]);

  useEffect(() => {
    const s = sigma.current;
    const neighbours = new Set<string>();
    if (s !== null && props.selected !== null && s.getGraph().hasNode(props.selected))
      for (const n of s.getGraph().neighbors(props.selected)) neighbours.add(n);
    state.current = { visible: props.visible, selected: props.selected, neighbours };
    s?.refresh();
    // Bring the selected frame and its neighbours into view.
    const shown = s !== null && props.selected !== null ? s.getNodeDisplayData(props.selected) : undefined;
    if (s !== null && shown !== undefined)
      s.getCamera().animate({ x: shown.x, y: shown.y, ratio: 0.55 }, { duration: 300 });
  }, [props.visible, props.selected]);

  return (
    <div class="graph-wrap">
      <div
        ref={box}
        class="graph"
        role="img"
        aria-label={t.graphLabel(props.nodes.length, props.edges.length)}
        data-testid="graph"
      />
      {failed && <p class="graph-fallback">{t.graphUnavailable}</p>}
      <ul class="legend" aria-label={t.kinds}>
        {ORDER.map((k) => (
          <li key={k}>
            <span class="dot" style={{ background: KIND_COLORS[k] }} aria-hidden="true" /> {t.kind[k]}
          </li>
        ))}
      </ul>
    </div>
  );
}
