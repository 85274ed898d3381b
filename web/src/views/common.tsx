/** Small pieces shared by the views. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TraceSource, TraceValue } from '../../../src/model/trace.js';
import { useApp } from '../context.js';
import type { Diagnostic } from '../engine.js';
import { juriconnectUrl } from '../engine.js';

/** The state of a promise made from `deps`. */
export function useAsync<T>(make: () => Promise<T>, deps: readonly unknown[]): { value?: T; error?: string } {
  const [state, setState] = useState<{ value?: T; error?: string }>({});
  useEffect(() => {
    let live = true;
    setState({});
    make().then(
      (value) => live && setState({ value }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

export function Loading(props: { state: { error?: string }; children?: ComponentChildren }) {
  const { t } = useApp();
  if (props.state.error !== undefined)
    return (
      <p role="alert" class="error">
        {t.error}: {props.state.error}
      </p>
    );
  return <p aria-live="polite">{t.loading}</p>;
}

export function Diagnostics(props: { list: readonly Diagnostic[] }) {
  const { t } = useApp();
  const shown = props.list.filter((d) => d.severity === 'error').slice(0, 20);
  if (shown.length === 0) return null;
  return (
    <div role="alert">
      <h3>{t.diagnostics}</h3>
      <ul>
        {shown.map((d, i) => (
          <li key={i}>
            <code>{d.code}</code> {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A value as text: `true`, `€`-less amounts as written, dates. */
export function valueText(v: TraceValue, words: Record<string, string>): string {
  switch (v.type) {
    case 'unknown':
      return words.unknown ?? 'unknown';
    case 'boolean':
      return words[String(v.value)] ?? String(v.value);
    case 'instance':
      return `[${v.fact}](${v.args.join(', ')})`;
    default:
      return v.value;
  }
}

/** A value badge: green true, red false, grey unknown, plain for other values. */
export function ValueBadge(props: { value: TraceValue }) {
  const { t } = useApp();
  const v = props.value;
  const cls = v.type === 'boolean' ? (v.value ? 'v-true' : 'v-false') : v.type === 'unknown' ? 'v-unknown' : 'v-value';
  return <span class={`badge ${cls}`}>{valueText(v, t.value)}</span>;
}

/** One legal source: citation, the quoted text, Juriconnect link, validity (and the version applied). */
export function SourceCard(props: { source: TraceSource & { explanation?: string | null }; level?: 3 | 4 }) {
  const { t } = useApp();
  const s = props.source;
  const H = props.level === 4 ? 'h4' : 'h3';
  return (
    <article class="source" aria-label={s.citation ?? s.id}>
      <H>
        {s.citation ?? s.id}
        {s.version !== undefined && (
          <span class="muted">
            {' '}
            ({t.versionApplied} {s.version})
          </span>
        )}
      </H>
      <p class="muted small">
        <code>{s.id}</code> · {t.validity} {t.from} {s.validFrom ?? '…'} {t.to} {s.validTo ?? t.openEnded}
        {s.publication ? ` · ${s.publication}` : ''}
      </p>
      {s.text && <blockquote>{s.text}</blockquote>}
      {s.juriconnect && (
        <p class="small">
          <a href={juriconnectUrl(s.juriconnect)} rel="noreferrer noopener" target="_blank">
            {s.juriconnect}
          </a>
        </p>
      )}
    </article>
  );
}
