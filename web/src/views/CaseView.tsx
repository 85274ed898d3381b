/**
 * A case: the timeline of its events (facts given with who and when, acts taken and refused, clock
 * moves) and the state after any event, rebuilt in the page from the log with the engine's
 * `replayEvents` (the same code the service rebuilds cases with).
 */
import type { CaseEvent as EngineEvent } from '../../../src/run/index.js';
import { activeDuties } from '../../../src/run/index.js';
import { replayEvents } from '../../../src/trace/index.js';
import type { CaseEvent } from '../api.js';
import { loadModelData, useApp } from '../context.js';
import type { ModelData } from '../engine.js';
import { href } from '../route.js';
import { Loading, useAsync } from './common.js';

export function CaseView(props: { id: string; event: number | null }) {
  const app = useApp();
  const { t, api } = app;
  const data = useAsync(async () => {
    if (api === null) throw new Error(t.needsService);
    const [doc, log] = await Promise.all([api.caseDoc(props.id), api.events(props.id)]);
    const model = await loadModelData(app, doc.model.id);
    return { doc, events: log.events, model };
  }, [props.id, api]);
  if (data.value === undefined) return <Loading state={data} />;
  const { doc, events, model } = data.value;
  const selected = props.event ?? events.length;
  return (
    <div class="case">
      <h1>
        {t.caseOne} {doc.id}
      </h1>
      <p class="muted">
        <a href={href({ view: 'model', id: model.id, frame: null })}>{model.title}</a> · {t.clock} {doc.asOf}
      </p>
      <div class="case-grid">
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">{t.timeline}</h2>
          <ol class="timeline">
            {events.map((e) => (
              <li key={e.seq} class={`ev ev-${e.kind}${e.seq === selected ? ' current' : ''}`}>
                <a
                  href={href({ view: 'case', id: doc.id, event: e.seq })}
                  aria-current={e.seq === selected ? 'step' : undefined}
                >
                  <span class="seq">{e.seq}</span> {eventSummary(e, t)}
                </a>
                {e.decision && (
                  <>
                    {' '}
                    <a class="small" href={href({ view: 'decision', id: e.decision.id, node: null })}>
                      {t.openDecision} {e.decision.id}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
        <StateAt model={model} events={events} seq={selected} />
      </div>
    </div>
  );
}

function eventSummary(e: CaseEvent, t: ReturnType<typeof useApp>['t']): string {
  const ev = e.event as {
    kind: string;
    act?: string;
    actor?: string;
    at?: string | null;
    to?: string;
    asOf?: string;
    facts?: readonly { fact: string; args?: readonly unknown[]; value?: unknown; by?: string | null }[];
    by?: string | null;
  };
  const what = t.event[e.kind] ?? e.kind;
  switch (ev.kind) {
    case 'create':
      return `${what} (${ev.asOf ?? ''})`;
    case 'give': {
      const f = ev.facts ?? [];
      const names = f
        .slice(0, 2)
        .map((g) => `[${g.fact}](${(g.args ?? []).join(', ')})${g.value !== undefined ? ` = ${String(g.value)}` : ''}`);
      const more = f.length > 2 ? ` +${f.length - 2}` : '';
      const who = `${ev.by ? ` ${t.by} ${ev.by}` : ''}${ev.at ? ` ${t.at} ${ev.at}` : ''}`;
      return `${what}: ${names.join('; ')}${more}${who}`;
    }
    case 'take':
    case 'force':
    case 'refuse':
      return `${what}: <<${ev.act ?? ''}>> ${t.by} ${ev.actor ?? ''}${ev.at ? ` ${t.at} ${ev.at}` : ''}`;
    case 'advance':
      return `${what} → ${ev.to ?? ''}`;
    default:
      return what;
  }
}

function StateAt(props: { model: ModelData; events: readonly CaseEvent[]; seq: number }) {
  const { t } = useApp();
  const engineEvents = props.events
    .filter((e) => e.seq <= props.seq && e.kind !== 'refuse')
    .map((e) => e.event as unknown as EngineEvent);
  const r = replayEvents(props.model.compiled(), engineEvents);
  const s = r.value;
  const facts = Object.entries(s.facts)
    .flatMap(([name, insts]) =>
      Object.values(insts)
        .filter((i) => i.terminated === null)
        .map((i) => ({ name, i })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const duties = activeDuties(s);
  return (
    <section aria-labelledby="state-h" class="state">
      <h2 id="state-h">{t.stateAt(props.seq)}</h2>
      <p>
        {t.clock}: <strong>{s.asOf}</strong>
      </p>
      <h3>{t.dutiesActive}</h3>
      {duties.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul>
          {duties.map((d) => (
            <li key={d.id}>
              &lt;{d.duty}&gt;({d.args.join(', ')}) {d.deadline ? `· ${t.deadline} ${d.deadline}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>{t.violations}</h3>
      {s.violations.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul>
          {s.violations.map((v, i) => (
            <li key={i} class="violation">
              {v.message} ({v.at})
            </li>
          ))}
        </ul>
      )}
      <h3>{t.factsHolding}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.frame}</th>
            <th scope="col">=</th>
            <th scope="col">{t.by}</th>
          </tr>
        </thead>
        <tbody>
          {facts.map(({ name, i }) => (
            <tr key={`${name}${JSON.stringify(i.args)}`}>
              <td>
                [{name}]({i.args.join(', ')})
              </td>
              <td>{String(i.value)}</td>
              <td class="muted small">
                {i.provenance.kind === 'given'
                  ? `${i.provenance.by ?? ''} ${i.provenance.at}`
                  : i.provenance.kind === 'created'
                    ? `${i.provenance.record} ${i.provenance.at}`
                    : i.provenance.kind}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
