/**
 * The model graph drawn by sigma (WebGL) after a ForceAtlas2 layout from a deterministic start
 * (nodes on circles by kind), so the same model is drawn the same way each time. The mouse picks a
 * frame by clicking; the keyboard moves through the picture with the arrow keys (to the nearest
 * visible frame in that direction, as drawn), each step selecting the frame and saying which it is
 * in a live region. The frame list next to it is the other way to the same frames.
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

/** The arrow keys as directions on the screen (y down). */
const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowDown: [0, 1],
  ArrowUp: [0, -1],
};

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
  const graph = useRef<Graph | null>(null);
  const [said, setSaid] = useState('');

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
    graph.current = g;
    return () => {
      s.kill();
      sigma.current = null;
      graph.current = null;
    };
  }, [props.nodes, props.edges]);

  // Where a node is drawn, in viewport pixels (y down).
  const at = (key: string): { x: number; y: number } | null => {
    const g = graph.current;
    const s = sigma.current;
    if (g === null || s === null || !g.hasNode(key)) return null;
    const { x, y } = g.getNodeAttributes(key) as { x: number; y: number };
    return s.graphToViewport({ x, y });
  };
  /** The visible frame nearest to `from` in direction `d`, within 60° either side of it. */
  const nearest = (from: string | null, d: readonly [number, number]): string | null => {
    const g = graph.current;
    if (g === null) return null;
    const keys = g.nodes().filter((k) => props.visible.has(k));
    const origin = from === null ? null : at(from);
    if (origin === null) return keys[0] ?? null; // nothing chosen yet: start at the first frame
    let best: string | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const k of keys) {
      if (k === from) continue;
      const p = at(k);
      if (p === null) continue;
      const dx = p.x - origin.x;
      const dy = p.y - origin.y;
      const along = dx * d[0] + dy * d[1];
      const across = Math.abs(dx * d[1] - dy * d[0]);
      if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
      const score = along + 2 * across; // straight ahead first
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return best;
  };
  const onKey = (e: KeyboardEvent) => {
    const d = DIRECTIONS[e.key];
    const g = graph.current;
    if (d === undefined || g === null) return;
    e.preventDefault();
    const next = nearest(props.selected !== null && g.hasNode(props.selected) ? props.selected : null, d);
    if (next === null) return;
    const a = g.getNodeAttributes(next) as { label: string; kind: string };
    setSaid(t.graphAt(a.label, t.kindOne[a.kind] ?? a.kind, g.degree(next)));
    select.current(next);
  };

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
        role="application"
        aria-roledescription={t.graphRole}
        aria-label={t.graphLabel(props.nodes.length, props.edges.length)}
        aria-describedby="graph-keys"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a graph operated with the arrow keys (role application)
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="graph"
      />
      <p id="graph-keys" class="visually-hidden">
        {t.graphKeys}
      </p>
      <p class="visually-hidden" aria-live="polite" data-testid="graph-said">
        {said}
      </p>
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
