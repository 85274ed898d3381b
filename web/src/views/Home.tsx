/** The start page: sign in, the service's models and cases, and opening files. */
import { useState } from 'preact/hooks';
import type { ExplorerConfig } from '../api.js';
import { hasService } from '../api.js';
import { useApp } from '../context.js';
import { href } from '../route.js';
import { Diagnostics, useAsync } from './common.js';

export function Home(props: {
  config: ExplorerConfig | null;
  token: string | null;
  setToken: (t: string | null) => void;
  open: (files: readonly File[]) => Promise<void>;
}) {
  const { t, api, local } = useApp();
  const [draft, setDraft] = useState('');
  const [caseId, setCaseId] = useState('');
  const models = useAsync(() => (api ? api.models() : Promise.resolve(null)), [api]);
  // The cases the token may read, else (no answer) those the page was told of.
  const listed = useAsync(() => (api ? api.cases().catch(() => null) : Promise.resolve(null)), [api]);
  const described = new Map((props.config?.cases ?? []).map((c) => [c.id, c.description]));
  const titles = new Map((models.value ?? []).map((m) => [m.id, m.title ?? m.id]));
  const cases: { id: string; model: string; revision: number | null }[] =
    listed.value?.cases ?? (props.config?.cases ?? []).map((c) => ({ id: c.id, model: c.model, revision: null }));
  return (
    <div class="home">
      <h1>{t.appTitle}</h1>
      {hasService() && (
        <section aria-labelledby="signin-h" class="card">
          <h2 id="signin-h">{t.signIn}</h2>
          {props.token === null ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (draft.trim() !== '') props.setToken(draft.trim());
              }}
            >
              <label for="token">{t.token}</label>
              <input
                id="token"
                type="password"
                autocomplete="off"
                value={draft}
                onInput={(e) => setDraft(e.currentTarget.value)}
              />
              <button type="submit">{t.useToken}</button>
              <p class="hint">{t.tokenHint}</p>
            </form>
          ) : (
            <button type="button" onClick={() => props.setToken(null)}>
              {t.signOut}
            </button>
          )}
        </section>
      )}
      {api && (
        <section aria-labelledby="models-h" class="card">
          <h2 id="models-h">{t.models}</h2>
          {models.error && <p role="alert">{models.error}</p>}
          {models.value === undefined && !models.error && <p>{t.loading}</p>}
          <ul>
            {(models.value ?? []).map((m) => (
              <li key={m.id}>
                <a href={href({ view: 'model', id: m.id, frame: null })}>{m.title ?? m.id}</a>{' '}
                <span class="muted">
                  {m.version ?? ''} <code>{m.id.slice(0, 19)}…</code>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {api && (
        <section aria-labelledby="cases-h" class="card">
          <h2 id="cases-h">{t.cases}</h2>
          <ul>
            {cases.map((c) => (
              <li key={c.id}>
                <a href={href({ view: 'case', id: c.id, event: null })}>
                  {t.caseOne} {c.id}
                </a>{' '}
                <span class="muted small">
                  {titles.get(c.model) ?? ''}
                  {c.revision !== null && ` · ${t.revision} ${c.revision}`}
                </span>
                {described.has(c.id) && <p class="muted small">{described.get(c.id)}</p>}
              </li>
            ))}
          </ul>
          {listed.value?.next != null && <p class="hint">{t.moreCases}</p>}
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (caseId.trim() !== '') location.hash = href({ view: 'case', id: caseId.trim(), event: null });
            }}
          >
            <label for="case-id">{t.caseId}</label>
            <input id="case-id" value={caseId} onInput={(e) => setCaseId(e.currentTarget.value)} />
            <button type="submit">{t.open}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="files-h" class="card">
        <h2 id="files-h">{t.openFile}</h2>
        <p class="hint">{t.openFileHint}</p>
        {!hasService() && <p>{t.noServer}</p>}
        <label class="filebutton">
          {t.chooseFiles}
          <input
            type="file"
            multiple
            accept=".json,.flint,application/json"
            onChange={(e) => void props.open([...(e.currentTarget.files ?? [])])}
          />
        </label>
        {local && (
          <div>
            {local.problems.map((p) => (
              <p role="alert" key={p}>
                {p}
              </p>
            ))}
            <Diagnostics list={local.diagnostics} />
            {local.model && (
              <p>
                {t.localModel}: <a href={href({ view: 'model', id: 'local', frame: null })}>{local.model.title}</a>
              </p>
            )}
            {local.traces.length > 0 && (
              <>
                <h3>{t.localTraces}</h3>
                <ol>
                  {local.traces.map((tr, i) => (
                    <li key={tr.name}>
                      <a href={href({ view: 'decision', id: `local-${i + 1}`, node: null })}>
                        &lt;&lt;{tr.entry.act}&gt;&gt; — {tr.entry.actor}, {tr.entry.at} ({t.outcome[tr.entry.outcome]})
                      </a>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
