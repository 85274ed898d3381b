/** The model: graph, filters by kind and article, search by name, and the selected frame's panel. */
import { useMemo, useState } from 'preact/hooks';
import type { FrameDecl, SourceDecl } from '../../../src/model/ast.js';
import { impactOf } from '../../../src/graph/index.js';
import { traceSource } from '../../../src/run/context.js';
import { loadModelData, useApp } from '../context.js';
import type { ModelData } from '../engine.js';
import { articleOf, citedSources, declOf, declText, graphEdges, graphNodes } from '../engine.js';
import { go, href } from '../route.js';
import { Loading, SourceCard, useAsync } from './common.js';
import { GraphCanvas, KIND_COLORS } from './GraphCanvas.js';

export function ModelView(props: { id: string; frame: string | null }) {
  const app = useApp();
  const model = useAsync(() => loadModelData(app, props.id), [props.id, app.api, app.local]);
  if (model.value === undefined) return <Loading state={model} />;
  return <ModelLoaded model={model.value} frame={props.frame} />;
}

const KINDS = ['act', 'fact', 'duty', 'source'] as const;

function ModelLoaded(props: { model: ModelData; frame: string | null }) {
  const { t } = useApp();
  const m = props.model;
  const nodes = useMemo(() => graphNodes(m), [m]);
  const edges = useMemo(() => graphEdges(m), [m]);
  const [kinds, setKinds] = useState<ReadonlySet<string>>(new Set(KINDS));
  const [article, setArticle] = useState('');
  const [query, setQuery] = useState('');
  const articles = useMemo(() => {
    const by = new Map<string, string[]>();
    for (const s of Object.values(m.checked.sources)) {
      const a = articleOf(s);
      by.set(a, [...(by.get(a) ?? []), `source:${s.id}`]);
    }
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl', { numeric: true }));
  }, [m]);
  const visible = useMemo(() => {
    let keys = nodes.filter((n) => kinds.has(n.kind)).map((n) => n.key);
    if (article !== '') {
      const sources = new Set(articles.find(([a]) => a === article)?.[1] ?? []);
      const near = new Set(sources);
      for (const e of edges) if (sources.has(e.target)) near.add(e.source);
      keys = keys.filter((k) => near.has(k));
    }
    return new Set(keys);
  }, [nodes, edges, kinds, article, articles]);
  const q = query.trim().toLowerCase();
  const listed = nodes.filter((n) => visible.has(n.key) && (q === '' || n.label.toLowerCase().includes(q)));
  const select = (key: string): void => go({ view: 'model', id: m.id, frame: key });

  return (
    <div class="model">
      <h1>
        {t.modelGraph}: {m.title}
      </h1>
      <div class="model-grid">
        <aside class="filters" aria-label={t.filters}>
          <fieldset>
            <legend>{t.kinds}</legend>
            {KINDS.map((k) => (
              <label key={k} class="check">
                <input
                  type="checkbox"
                  checked={kinds.has(k)}
                  onChange={(e) => {
                    const next = new Set(kinds);
                    if (e.currentTarget.checked) next.add(k);
                    else next.delete(k);
                    setKinds(next);
                  }}
                />
                <span class="dot" style={{ background: KIND_COLORS[k] }} aria-hidden="true" /> {t.kind[k]}
              </label>
            ))}
          </fieldset>
          <label for="article">{t.article}</label>
          <select id="article" value={article} onChange={(e) => setArticle(e.currentTarget.value)}>
            <option value="">{t.allArticles}</option>
            {articles.map(([a]) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <label for="search">{t.search}</label>
          <input
            id="search"
            type="search"
            value={query}
            autocomplete="off"
            aria-controls="frame-list"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="muted small" aria-live="polite">
            {t.results(listed.length)}
          </p>
          <nav aria-label={t.frame}>
            <ul id="frame-list" class="frame-list">
              {listed.slice(0, 400).map((n) => (
                <li key={n.key}>
                  <a
                    href={href({ view: 'model', id: m.id, frame: n.key })}
                    aria-current={n.key === props.frame ? 'page' : undefined}
                  >
                    <span class="dot" style={{ background: KIND_COLORS[n.kind] }} aria-hidden="true" />
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <GraphCanvas nodes={nodes} edges={edges} visible={visible} selected={props.frame} onSelect={select} />
        {props.frame !== null && <FramePanel model={m} nodeKey={props.frame} />}
      </div>
    </div>
  );
}

function FramePanel(props: { model: ModelData; nodeKey: string }) {
  const { t } = useApp();
  const m = props.model;
  const key = props.nodeKey;
  const decl = declOf(m, key);
  const node = m.graph.hasNode(key) ? (m.graph.getNodeAttributes(key) as { kind: string; label: string }) : null;
  if (node === null) return <p role="alert">{key}?</p>;
  const kind = node.kind;
  const text = decl ? declText(m, decl) : null;
  const link = (k: string) => {
    const a = m.graph.getNodeAttributes(k) as { kind: string; label: string };
    return (
      <a href={href({ view: 'model', id: m.id, frame: k })}>
        <span class="dot" style={{ background: KIND_COLORS[a.kind] }} aria-hidden="true" />
        {a.label}
      </a>
    );
  };
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  m.graph.forEachOutEdge(key, (_e, a, _s, target) => {
    const rel = String((a as { type?: unknown }).type);
    out.set(rel, [...(out.get(rel) ?? []), target]);
  });
  m.graph.forEachInEdge(key, (_e, a, source) => {
    const rel = String((a as { type?: unknown }).type);
    inn.set(rel, [...(inn.get(rel) ?? []), source]);
  });
  const sourceDecls: SourceDecl[] =
    kind === 'source'
      ? decl
        ? [decl as SourceDecl]
        : []
      : decl
        ? citedSources(decl as FrameDecl)
            .map((id) => m.checked.sources[id])
            .filter((s): s is SourceDecl => s !== undefined)
        : [];
  const impact = kind === 'source' ? impactOf(m.graph, key.slice('source:'.length)) : [];
  const relList = (rels: Map<string, string[]>) =>
    rels.size === 0 ? (
      <p class="muted">{t.none}</p>
    ) : (
      <dl class="rels">
        {[...rels.entries()].map(([rel, keys]) => (
          <>
            <dt key={`dt-${rel}`}>{rel}</dt>
            <dd key={`dd-${rel}`}>
              <ul>
                {keys.sort().map((k) => (
                  <li key={k}>{link(k)}</li>
                ))}
              </ul>
            </dd>
          </>
        ))}
      </dl>
    );
  return (
    <section class="panel" aria-labelledby="frame-h" data-testid="frame-panel">
      <p class="muted small">{t.kindOne[kind]}</p>
      <h2 id="frame-h" tabIndex={-1}>
        {node.label}
      </h2>
      <a class="close" href={href({ view: 'model', id: m.id, frame: null })} aria-label={t.closePanel}>
        ×
      </a>
      {text !== null && (
        <>
          <h3>{t.definition}</h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs the keyboard (2.1.1) */}
          <pre class="code" tabIndex={0}>
            <code>{text}</code>
          </pre>
        </>
      )}
      <h3>{t.explanation}</h3>
      <p>{decl?.explanation ?? <span class="muted">{t.noExplanation}</span>}</p>
      <h3>{t.sources}</h3>
      {sourceDecls.length === 0 && <p class="muted">{t.noSources}</p>}
      {sourceDecls.map((s) => (
        <div key={s.id}>
          <SourceCard level={4} source={traceSource(s)} />
          {(s.versions ?? []).length > 0 && (
            <details>
              <summary>
                {t.versions} ({(s.versions ?? []).length})
              </summary>
              {(s.versions ?? []).map((v) => (
                <SourceCard
                  key={v.label}
                  level={4}
                  source={{
                    id: `${s.id}@${v.label}`,
                    citation: s.citation,
                    juriconnect: v.juriconnect ?? s.juriconnect,
                    validFrom: v.validFrom,
                    validTo: v.validTo,
                    text: v.text,
                    version: v.label,
                    ...(v.publication ? { publication: v.publication } : {}),
                  }}
                />
              ))}
            </details>
          )}
        </div>
      ))}
      <h3>{t.dependsOn}</h3>
      {relList(out)}
      <h3>{t.impact}</h3>
      {kind === 'source' ? (
        impact.length === 0 ? (
          <p class="muted">{t.none}</p>
        ) : (
          <ul>
            {impact.map((k) => (
              <li key={k}>{link(k)}</li>
            ))}
          </ul>
        )
      ) : (
        relList(inn)
      )}
    </section>
  );
}
