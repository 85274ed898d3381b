/** The explorer's shell: header (language, token), drop zone for files, and the routed view. */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExplorerConfig } from './api.js';
import { Api, hasService, loadConfig, savedToken, saveToken } from './api.js';
import type { AppContext } from './context.js';
import { Ctx } from './context.js';
import type { Opened } from './files.js';
import { openFiles } from './files.js';
import type { Lang } from './i18n.js';
import { WORDS } from './i18n.js';
import type { Route } from './route.js';
import { go, href, parseRoute } from './route.js';
import { CaseView } from './views/CaseView.js';
import { DecisionView } from './views/DecisionView.js';
import { Home } from './views/Home.js';
import { ModelView } from './views/ModelView.js';

const LANG_KEY = 'calculemus-explorer-lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'nl' || saved === 'en') return saved;
  } catch {
    // no storage
  }
  return navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [config, setConfig] = useState<ExplorerConfig | null>(null);
  const [token, setToken] = useState<string | null>(savedToken);
  const [local, setLocal] = useState<Opened | null>(null);
  const [dragging, setDragging] = useState(false);
  const main = useRef<HTMLElement>(null);
  const t = WORDS[lang];

  useEffect(() => {
    const on = (): void => {
      setRoute(parseRoute(location.hash));
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    void loadConfig().then((c) => {
      setConfig(c);
      if (c?.demoToken && savedToken() === null) setToken(c.demoToken);
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appTitle;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // no storage
    }
  }, [lang, t]);

  const api = useMemo(() => (hasService() && token !== null ? new Api(token, lang) : null), [token, lang]);
  const ctx: AppContext = { lang, t, api, local };

  const open = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    const opened = await openFiles(files);
    setLocal(opened);
    if (opened.traces.length > 0) go({ view: 'decision', id: 'local-1', node: null });
    else if (opened.model !== null) go({ view: 'model', id: 'local', frame: null });
    else go({ view: 'home' });
  };

  return (
    <Ctx.Provider value={ctx}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: takes dropped files; the input is the keyboard's way */}
      <div
        class={`shell${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.relatedTarget === null) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void open([...(e.dataTransfer?.files ?? [])]);
        }}
      >
        {/* A button, not a link to #main: the hash is the route. */}
        <button type="button" class="skip" onClick={() => main.current?.focus()}>
          {t.skip}
        </button>
        <header class="top">
          <a class="brand" href={href({ view: 'home' })}>
            {t.appTitle}
          </a>
          <nav aria-label={t.language} class="langs">
            {(['nl', 'en'] as const).map((l) => (
              <button
                type="button"
                key={l}
                lang={l}
                aria-pressed={lang === l}
                onClick={() => setLang(l)}
                title={l === 'nl' ? 'Nederlands' : 'English'}
              >
                {l === 'nl' ? 'Nederlands' : 'English'}
              </button>
            ))}
          </nav>
        </header>
        {dragging && (
          <div class="dropzone" aria-hidden="true">
            {t.dropHere}
          </div>
        )}
        <main id="main" ref={main} tabIndex={-1}>
          {route.view === 'home' && (
            <Home
              config={config}
              token={token}
              setToken={(tk) => {
                saveToken(tk);
                setToken(tk);
              }}
              open={open}
            />
          )}
          {route.view === 'model' && <ModelView id={route.id} frame={route.frame} />}
          {route.view === 'case' && <CaseView id={route.id} event={route.event} />}
          {route.view === 'decision' && <DecisionView id={route.id} node={route.node} />}
        </main>
      </div>
    </Ctx.Provider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
