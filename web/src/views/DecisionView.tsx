/**
 * A decision: its explanation, the derivation tree (collapsible, keyboard navigable: the WAI-ARIA
 * tree pattern), the minimal failing conditions of a refusal, the articles it rests on in the
 * version applied, why-not for another act and the counterfactual (those two ask the service: they
 * need the case state, which a trace file does not hold).
 */
import { useState } from 'preact/hooks';
import type { Reason, TraceEntry } from '../../../src/model/trace.js';
import { decisionSources, explainText, reasonText } from '../../../src/trace/index.js';
import type { Counterfactual, DecisionDoc, WhyNotAnswer } from '../api.js';
import { useApp } from '../context.js';
import { href } from '../route.js';
import { Loading, SourceCard, useAsync } from './common.js';
import { TraceTree } from './TraceTree.js';

interface Loaded {
  readonly doc: Pick<DecisionDoc, 'id' | 'case' | 'model'> | null;
  readonly entry: TraceEntry;
  readonly explanation: string;
}

export function DecisionView(props: { id: string; node: string | null }) {
  const app = useApp();
  const { t, api, local, lang } = app;
  const data = useAsync<Loaded>(async () => {
    const m = /^local-(\d+)$/.exec(props.id);
    if (m) {
      const tr = local?.traces[Number(m[1]) - 1];
      if (tr === undefined) throw new Error(`${props.id}?`);
      return { doc: null, entry: tr.entry, explanation: explainText(tr.entry, { lang }) };
    }
    if (api === null) throw new Error(t.needsService);
    const [doc, why] = await Promise.all([api.decision(props.id), api.why(props.id)]);
    return { doc, entry: doc.trace, explanation: why.explanation };
  }, [props.id, api, local, lang]);
  if (data.value === undefined) return <Loading state={data} />;
  const { doc, entry, explanation } = data.value;
  const sources = decisionSources(entry);
  return (
    <div class="decision">
      <h1>
        {t.decision} {doc?.id ?? props.id}: &lt;&lt;{entry.act}&gt;&gt;{' '}
        <span class={`badge outcome-${entry.outcome}`}>{t.outcome[entry.outcome]}</span>
      </h1>
      <p class="muted">
        {entry.actor} · {entry.at} · {entry.model.title ?? entry.model.hash}
        {doc && (
          <>
            {' · '}
            <a href={href({ view: 'case', id: doc.case, event: null })}>
              {t.caseOne} {doc.case}
            </a>
            {' · '}
            <a href={href({ view: 'model', id: doc.model, frame: null })}>{t.modelGraph}</a>
          </>
        )}
      </p>
      <div class="decision-grid">
        <div>
          <section aria-labelledby="why-h">
            <h2 id="why-h">{t.why}</h2>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs the keyboard (2.1.1) */}
            <pre class="explanation" tabIndex={0}>
              {explanation}
            </pre>
          </section>
          {entry.reasons.length > 0 && (
            <section aria-labelledby="failing-h">
              <h2 id="failing-h">{t.failing}</h2>
              <Reasons reasons={entry.reasons} act={entry.act} actor={entry.actor} />
            </section>
          )}
          <section aria-labelledby="trace-h">
            <h2 id="trace-h">{t.trace}</h2>
            <TraceTree key={props.id} entry={entry} decisionId={props.id} selected={props.node} />
          </section>
        </div>
        <div>
          <section aria-labelledby="rests-h">
            <h2 id="rests-h">{t.restsOn}</h2>
            <ul class="plain">
              {sources.map((s) => (
                <li key={`${s.id}@${s.version ?? ''}`}>
                  <SourceCard source={s} />
                </li>
              ))}
            </ul>
          </section>
          {doc && api ? (
            <>
              <WhyNot decision={doc.id} actor={entry.actor} model={doc.model} defaultAct={entry.act} />
              <CounterfactualView decision={doc.id} />
            </>
          ) : (
            <section aria-labelledby="wn-h">
              <h2 id="wn-h">{t.whyNot}</h2>
              <p class="muted">{t.needsService}</p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

/** Reasons with their minimal failing conditions highlighted. */
function Reasons(props: { reasons: readonly Reason[]; act: string; actor: string }) {
  const { t, lang } = useApp();
  return (
    <ul class="reasons">
      {props.reasons.map((r, i) => (
        <li key={i}>
          <p>{reasonText(r, props.act, props.actor, lang)}</p>
          {(r.conditions ?? []).length > 0 && (
            <ul aria-label={t.failing}>
              {(r.conditions ?? []).map((c, j) => (
                <li key={j} class="failing">
                  <mark>{c.expr}</mark>{' '}
                  <span class={`badge v-${c.value.type === 'unknown' ? 'unknown' : 'false'}`}>
                    {c.value.type === 'unknown' ? t.value.unknown : t.value.false}
                  </span>
                  {c.citation && <span class="muted small"> · {c.citation}</span>}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

function WhyNot(props: { decision: string; actor: string; model: string; defaultAct: string }) {
  const { t, api } = useApp();
  const acts = useAsync(
    () => (api ? api.get<{ acts: string[] }>(`/models/${encodeURIComponent(props.model)}`) : Promise.resolve(null)),
    [props.model, api],
  );
  const [act, setAct] = useState(props.defaultAct);
  const [actor, setActor] = useState(props.actor);
  const [answer, setAnswer] = useState<
    { asOf: string; answers: WhyNotAnswer[]; act: string; actor: string } | { error: string } | null
  >(null);
  return (
    <section aria-labelledby="wn-h" class="card">
      <h2 id="wn-h">{t.whyNot}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (api === null) return;
          setAnswer(null);
          api.whyNot(props.decision, act, actor).then(
            (r) => setAnswer({ ...r, act, actor }),
            (err: unknown) => setAnswer({ error: err instanceof Error ? err.message : String(err) }),
          );
        }}
      >
        <label for="wn-act">{t.whyNotAct}</label>
        <select id="wn-act" value={act} onChange={(e) => setAct(e.currentTarget.value)}>
          {(acts.value?.acts ?? [props.defaultAct]).map((a) => (
            <option key={a} value={a}>
              &lt;&lt;{a}&gt;&gt;
            </option>
          ))}
        </select>
        <label for="wn-actor">{t.whyNotActor}</label>
        <input id="wn-actor" value={actor} onInput={(e) => setActor(e.currentTarget.value)} />
        <button type="submit">{t.ask}</button>
      </form>
      <div aria-live="polite" data-testid="why-not-answer">
        {answer !== null && 'error' in answer && <p role="alert">{answer.error}</p>}
        {answer !== null &&
          'answers' in answer &&
          answer.answers.map((a, i) => (
            <div key={i} class="answer">
              <p>
                <code>
                  {Object.entries(a.params)
                    .map(([k, v]) => `${k} = ${String(v)}`)
                    .join(', ')}
                </code>{' '}
                · {answer.asOf} ·{' '}
                <span class={`badge ${a.answer.status === 'enabled' ? 'v-true' : 'v-false'}`}>
                  {t.status[a.answer.status]}
                </span>
              </p>
              {a.answer.status === 'enabled' ? (
                <p>{t.allowed}</p>
              ) : (
                <Reasons reasons={a.answer.reasons} act={answer.act} actor={answer.actor} />
              )}
              {a.counterfactual && <CounterfactualText cf={a.counterfactual} />}
            </div>
          ))}
      </div>
    </section>
  );
}

function CounterfactualText(props: { cf: Counterfactual }) {
  const { t } = useApp();
  return (
    <div class="counterfactual">
      <p>{t.flipsIf(props.cf.from, props.cf.to)}</p>
      <ul>
        {props.cf.changes.map((g, i) => (
          <li key={i}>
            [{g.fact}]({(g.args ?? []).join(', ')}) {t.were} <strong>{String(g.value ?? true)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CounterfactualView(props: { decision: string }) {
  const { t, api } = useApp();
  const cf = useAsync(() => (api ? api.counterfactual(props.decision) : Promise.resolve(null)), [props.decision, api]);
  return (
    <section aria-labelledby="cf-h" class="card">
      <h2 id="cf-h">{t.counterfactual}</h2>
      {cf.value === undefined ? (
        <Loading state={cf} />
      ) : cf.value?.counterfactual ? (
        <CounterfactualText cf={cf.value.counterfactual} />
      ) : (
        <p>{t.noCounterfactual}</p>
      )}
    </section>
  );
}
