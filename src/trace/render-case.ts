/**
 * Wording of cases: the outcome of a case (`flint run`), the answers to why / why not
 * (`flint explain`), a single step, fact or duty. All words come from the word table of
 * render.ts. Pure: the data is computed by src/case and src/trace/queries.ts.
 */
import type {
  FrameTable,
  JsonScalar,
  Provenance,
  TraceEntry,
  TraceNode,
  TraceSource,
  TraceValue,
} from '../model/trace.js';
import type { CaseState, DutyInstance, Violation } from '../run/index.js';
import { textAtBoundary } from '../model/guard.js';
import { frameOf } from './frames.js';
import type { Counterfactual, WhyAnswer, WhyNotAnswer } from './queries.js';
import type { Lang } from './render.js';
import {
  citation,
  explainText,
  idText,
  instanceText,
  paramsText,
  provenanceText,
  reasonText,
  statusText,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  valueText,
  violationText,
  wordsFor,
} from './render.js';

/** One act of a case as rendered: its position, expectation and trace (src/case's CaseStep fits). */
export interface CaseStepView {
  readonly index: number;
  readonly expected: 'taken' | 'refused';
  readonly asExpected: boolean;
  readonly trace: TraceEntry;
}

/** A case run as rendered (the CLI builds it from src/case's replay). */
export interface CaseRunView {
  readonly caseFile: string;
  readonly modelFile: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly state: CaseState;
  readonly steps: readonly CaseStepView[];
  readonly actors: readonly string[];
  readonly lang: Lang;
}

type Params = Readonly<Record<string, JsonScalar>>;

/** The outcome of a case as rendered (src/case's CaseOutcome fits). */
export interface CaseOutcomeView {
  readonly facts: readonly {
    readonly fact: string;
    readonly args: readonly JsonScalar[];
    readonly value: TraceValue;
    readonly provenance: Provenance;
  }[];
  readonly duties: readonly DutyInstance[];
  readonly violations: readonly Violation[];
  readonly available: Readonly<Record<string, readonly { readonly act: string; readonly params: Params }[]>>;
  readonly questions: readonly {
    readonly fact: string;
    readonly args: readonly JsonScalar[];
    readonly decides: readonly { readonly act: string; readonly actor: string; readonly params: Params }[];
  }[];
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** The explanation of one step (explainText, plus a note when the case expected a refusal). */
export function stepText(step: CaseStepView, lang: Lang): string {
  return textAtBoundary('stepText', () => {
    const w = wordsFor(lang).case;
    const note = step.asExpected ? (step.expected === 'refused' ? `(${w.expectedRefused})\n` : '') : '';
    return `${explainText(step.trace, { lang })}${note}`;
  });
}

/** The outcome of a case as text, in the run's language. */
export function outcomeText(run: CaseRunView, outcome: CaseOutcomeView): string {
  return textAtBoundary('outcomeText', () => {
    const lang = run.lang;
    const w = wordsFor(lang).case;
    const out: string[] = [];
    out.push(`${w.caseH}: ${run.caseFile}${run.description ? ` — ${run.description}` : ''}`);
    out.push(`${w.modelH}: ${run.modelFile}${run.title ? ` (${run.title})` : ''}`);
    out.push(`${w.asOf}: ${run.state.asOf}`, '');
    out.push(`${w.acts} (${run.steps.length}):`);
    if (run.steps.length === 0) out.push(`  ${w.none}`);
    for (const s of run.steps) {
      const text = stepText(s, lang).replace(/\n$/, '');
      out.push(`${String(s.index).padStart(3)}. ${indent(text, '     ').trimStart()}`);
    }
    out.push('', `${w.facts}:`);
    if (outcome.facts.length === 0) out.push(`  ${w.none}`);
    for (const f of outcome.facts) {
      const how = provenanceText(f.provenance, lang, 'short');
      out.push(`  ${instanceText(f.fact, f.args)} = ${valueText(f.value, lang)} (${how})`);
    }
    out.push('', `${w.duties}:`);
    if (outcome.duties.length === 0) out.push(`  ${w.none}`);
    for (const d of outcome.duties) out.push(`  ${dutyText(d, lang)}`);
    out.push('', `${w.violations}:`);
    if (outcome.violations.length === 0) out.push(`  ${w.none}`);
    for (const v of outcome.violations) {
      const about = {
        deadline: run.state.duties.find((d) => d.id === v.ref)?.deadline ?? null,
        actor: run.state.records.find((r) => r.id === v.ref)?.actor ?? null,
      };
      out.push(`  ${v.at}: ${violationText(v, lang, about)}`);
    }
    out.push('', `${w.available}:`);
    if (run.actors.length === 0) out.push(`  ${w.none}`);
    for (const actor of run.actors) {
      const acts = outcome.available[actor] ?? [];
      const text = acts.length === 0 ? w.none : acts.map((a) => `<<${a.act}>>${paramsText(a.params)}`).join('; ');
      out.push(`  ${actor}: ${text}`);
    }
    out.push('', `${w.questions}:`);
    if (outcome.questions.length === 0) out.push(`  ${w.none}`);
    for (const q of outcome.questions) {
      const decides = q.decides.map((d) => `<<${d.act}>>${paramsText(d.params)} ${w.for} ${d.actor}`).join('; ');
      out.push(`  ${instanceText(q.fact, q.args)}: ${w.decides} ${decides}`);
    }
    return `${out.join('\n')}\n`;
  });
}

/** One active duty instance: `<duty>(args) id, created by R on D, due D, violated on D`. */
export function dutyText(d: DutyInstance, lang: Lang): string {
  const w = wordsFor(lang).case;
  const due = d.deadline ? `, ${w.due} ${d.deadline}` : '';
  const bad = d.violatedAt ? `, ${w.violated} ${d.violatedAt}` : '';
  const head = `<${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}`;
  return `${head}, ${w.created} ${d.createdBy} ${w.on} ${d.createdAt}${due}${bad}`;
}

/** The message printed when a step's outcome was not the expected one. */
export function failureText(run: Pick<CaseRunView, 'caseFile' | 'lang'>, step: CaseStepView): string {
  return textAtBoundary('failureText', () => {
    const w = wordsFor(run.lang).case;
    const t = step.trace;
    const what = t.outcome === 'refused' ? w.refused : w.takenUnexpected;
    return `${run.caseFile}: ${w.act} ${step.index} <<${t.act}>> ${w.by} ${t.actor} ${what}.\n`;
  });
}

function cite(sources: readonly TraceSource[]): string {
  return sources.length > 0 ? ` [${sources.map(citation).join('; ')}]` : '';
}

/** A derivation tree as indented lines, citing each frame's sources and how each fact read came to be. */
function treeLines(t: FrameTable, n: TraceNode, depth: number, lang: Lang, out: string[]): void {
  const w = wordsFor(lang);
  const pad = '  '.repeat(depth);
  const label = w.labels[n.kind];
  out.push(
    `${pad}- ${label ? `${label}: ` : ''}${n.expr} → ${valueText(n.value, lang)}${cite(frameOf(t, n)?.sources ?? [])}`,
  );
  for (const r of n.reads ?? []) {
    const p = r.provenance;
    // A read names the frame it was derived by, not its inputs.
    const how =
      p === null ? '' : `, ${p.kind === 'derived' ? `${w.explain.derived} ${p.frame}` : provenanceText(p, lang)}`;
    out.push(`${pad}  · ${instanceText(r.fact, r.args)} = ${valueText(r.value, lang)}${how}`);
  }
  for (const c of n.children) treeLines(t, c, depth + 1, lang, out);
}

/** The explanations of the steps whose traces are `entries`, under a heading (empty when there are none). */
export function causesText(run: CaseRunView, entries: readonly TraceEntry[]): string {
  if (entries.length === 0) return '';
  const texts = entries.map((e) => {
    const step = run.steps.find((s) => s.trace === e);
    return step ? stepText(step, run.lang) : explainText(e, { lang: run.lang });
  });
  return `${wordsFor(run.lang).explain.records}:\n${texts.join('')}`;
}

function sourcesLine(sources: readonly TraceSource[], lang: Lang): string {
  const w = wordsFor(lang).explain;
  return `${w.sources}: ${sources.length > 0 ? sources.map(citation).join('; ') : w.noSources}.`;
}

/** Why a fact instance holds (or not): verdict, sources, derivation, provenance, causing acts. */
export function whyFactText(
  run: CaseRunView,
  subject: string,
  ans: WhyAnswer,
  sources: readonly TraceSource[],
  entries: readonly TraceEntry[],
): string {
  const lang = run.lang;
  const w = wordsFor(lang).explain;
  const v = ans.value;
  const verdict =
    v.type === 'unknown'
      ? w.unknown
      : v.type === 'boolean'
        ? v.value
          ? w.holds
          : w.notHolds
        : `= ${valueText(v, lang)}`;
  const out: string[] = [`${subject} ${verdict} (${run.state.asOf}).`, sourcesLine(sources, lang)];
  if (ans.nodes.length > 0) {
    out.push(`${w.derivation}:`);
    for (const n of ans.nodes) treeLines(ans, n, 0, lang, out);
  }
  if (ans.provenance.length > 0) {
    out.push(`${w.how}:`);
    for (const p of ans.provenance) out.push(`- ${provenanceText(p, lang)}`);
  }
  return `${out.join('\n')}\n${causesText(run, entries)}`;
}

/** Why an act was taken: how often, and the explanation of each step that took it. */
export function whyActText(run: CaseRunView, act: string, entries: readonly TraceEntry[]): string {
  const w = wordsFor(run.lang).explain;
  if (entries.length === 0) return `<<${act}>> ${w.notTaken} ${w.tryWhyNot} '<<${act}>>'.\n`;
  const steps = entries.map((e) => {
    const step = run.steps.find((s) => s.trace === e);
    return step ? stepText(step, run.lang) : explainText(e, { lang: run.lang });
  });
  return `<<${act}>> ${w.taken} (${entries.length}×).\n${steps.join('')}`;
}

/** Why a duty is (not) active: verdict, sources, its instances, causing acts. */
export function whyDutyText(
  run: CaseRunView,
  duty: string,
  ans: WhyAnswer,
  sources: readonly TraceSource[],
  entries: readonly TraceEntry[],
): string {
  const w = wordsFor(run.lang).explain;
  const active = ans.value.type === 'boolean' && ans.value.value;
  const out = [`<${duty}> ${active ? w.active : w.notActive} (${run.state.asOf}).`, sourcesLine(sources, run.lang)];
  if (ans.duties.length > 0) {
    out.push(`${w.instances}:`);
    for (const d of ans.duties) {
      out.push(
        `- <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}: ${w.dutyStatus[d.status] ?? d.status}, ` +
          `${w.created} ${d.createdBy} ${w.on} ${d.createdAt}${d.deadline ? `, ${w.deadline} ${d.deadline}` : ''}` +
          `${d.endedBy ? `, ${w.endedBy} ${d.endedBy} ${w.on} ${d.endedAt ?? '?'}` : ''}` +
          `${d.violatedAt ? `, ${w.violated} ${d.violatedAt}` : ''}`,
      );
    }
  }
  return `${out.join('\n')}\n${causesText(run, entries)}`;
}

/** Why an act is (not) available to an actor: failing conditions, unknown facts, counterfactual, check. */
export function whyNotText(
  run: CaseRunView,
  act: string,
  actor: string,
  params: Params,
  ans: WhyNotAnswer,
  cf: Counterfactual | null,
): string {
  return textAtBoundary('whyNotText', () => {
    const lang = run.lang;
    const w = wordsFor(lang).explain;
    const status = ans.status === 'enabled' ? w.canTake : ans.status === 'disabled' ? w.cannotTake : w.mayTake;
    const now = ans.status === 'undecided' ? '' : ` ${w.now}`;
    const out = [`${actor} ${status} <<${act}>>${paramsText(params)}${now} (${run.state.asOf}).`];
    const failing = ans.reasons.filter((r) => r.status === 'false');
    const open = ans.reasons.filter((r) => r.status === 'unknown');
    if (failing.length > 0) {
      out.push(`${w.failing}:`);
      for (const r of failing) out.push(`- ${reasonText(r, act, actor, lang)}${cite(r.frame?.sources ?? [])}`);
    }
    if (open.length > 0 || ans.questions.length > 0) {
      out.push(`${w.missing}:`);
      for (const r of open) out.push(`- ${reasonText(r, act, actor, lang)}${cite(r.frame?.sources ?? [])}`);
      for (const q of ans.questions) out.push(`  · ${instanceText(q.fact, q.args)}`);
    }
    if (ans.status !== 'enabled' || cf) {
      out.push(`${w.counterfactual}:`);
      if (!cf) out.push(`- ${w.noCounterfactual}`);
      else {
        out.push(`- ${w.wouldBe} ${statusText(cf.to, lang)} ${w.if}:`);
        for (const c of cf.changes) {
          const v = c.value ?? true;
          const text = typeof v === 'boolean' ? valueText({ type: 'boolean', value: v }, lang) : String(v);
          out.push(`  · ${instanceText(c.fact, c.args ?? [])} ${w.were} ${text}`);
        }
        for (const d of cf.duties) {
          out.push(`  · <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.active ? w.dutyActive : w.dutyEnded}`);
        }
      }
    }
    if (ans.trace) {
      out.push(`${w.check}:`);
      for (const c of ans.trace.children) treeLines(ans, c, 0, lang, out);
    }
    return `${out.join('\n')}\n`;
  });
}

/** A trace entry to render, with the subject it explains when it is not an act's own trace. */
export interface EntryToRender {
  readonly entry: TraceEntry;
  readonly subject?: string | undefined;
}

/** Trace entries in one of the trace renderings (Markdown sections, DOT or Mermaid graphs), in `lang`. */
export function entriesRendering(
  items: readonly EntryToRender[],
  format: 'markdown' | 'dot' | 'mermaid',
  lang: Lang,
): string {
  return items
    .map(({ entry, subject }) => {
      const options = { lang, ...(subject !== undefined ? { subject } : {}) };
      return format === 'markdown'
        ? toMarkdown(entry, options)
        : format === 'dot'
          ? traceToDot(entry, options)
          : traceToMermaid(entry, options);
    })
    .join(format === 'markdown' ? '\n' : '');
}
