/**
 * The scenario runner: each scenario of a model runs from an empty case, its steps in order.
 * Facts are given, acts taken or forced and the clock moved by src/case's `step` (the loop of
 * `flint run`). Pure: no I/O, no clock; the same model gives the same report.
 */
import { Decimal } from 'decimal.js';
import type { Expr, Model, Ref, ScenarioDecl, ScenarioStep } from '../model/ast.js';
import type { FrameTable, JsonScalar, Reason, TraceEntry, TraceNode, TraceValue } from '../model/trace.js';
import type { Span } from '../model/span.js';
import { hasErrors } from '../model/diagnostic.js';
import { step as stepCase } from '../case/index.js';
import { activeDuties, availableActs, checkAct, compile, createCase, evaluateFact, violations } from '../run/index.js';
import type { CaseState, CompiledModel, FactEvaluation, Violation } from '../run/index.js';
import {
  decisionSources,
  type Lang,
  reasonText,
  scenarioWords,
  valueText,
  violationText,
  why,
} from '../trace/index.js';
import type { ScenarioWords } from '../trace/index.js';
import { printScenarioStep } from '../syntax/print.js';
import { CoverageCollector, checkedPreconditions } from './coverage.js';
import { blamedFacts, reasonLines, treeExcerpt } from './excerpt.js';
import type { CheckResult, ScenarioReport, ScenarioResult } from './types.js';

/** Options of {@link runScenarios}. */
export interface RunScenariosOptions {
  /** Run only the scenarios written in this file (span file); default: every scenario in the model. */
  readonly file?: string;
  /** Run only scenarios whose name contains this text. */
  readonly filter?: string;
  /**
   * The language of the checks' expected and actual outcomes and excerpts: `nl` or `en` (default:
   * the model header's language when it is one of these, else `en`; `flint test` passes its `--lang`).
   */
  readonly lang?: Lang;
}

/** The language of a report: the option, else the model header's language if `nl`/`en`, else English. */
export function reportLang(model: Model, lang: Lang | undefined): Lang {
  const header = model.header?.language;
  return lang ?? (header === 'nl' || header === 'en' ? header : 'en');
}

/** The clock when neither an `as of` step nor the model header gives one. */
const DEFAULT_AS_OF = '2000-01-01';

/** The scenarios of `model` selected by `options`, in declaration order. */
export function scenariosOf(model: Model, options: RunScenariosOptions = {}): ScenarioDecl[] {
  return model.declarations.filter(
    (d): d is ScenarioDecl =>
      d.kind === 'Scenario' &&
      (options.file === undefined || d.span.file === options.file) &&
      (options.filter === undefined || d.name.includes(options.filter)),
  );
}

/**
 * Run the scenarios of `model` (grammar/README.md#scenarios). A model that does not compile gives
 * its diagnostics and no results. Every `expect` step is one check; a refused `does`, a `forces`
 * the engine refuses and an invalid `given` are failed checks that stop their scenario.
 */
export function runScenarios(model: Model, options: RunScenariosOptions = {}): ScenarioReport {
  const coverage = new CoverageCollector(model);
  const compiled = compile(model);
  if (hasErrors(compiled.diagnostics)) {
    return { scenarios: [], passed: 0, failed: 0, coverage: coverage.result(), diagnostics: compiled.diagnostics };
  }
  const lang = reportLang(model, options.lang);
  const scenarios = scenariosOf(model, options).map((s) => runOne(compiled.value, model, s, coverage, lang));
  const checks = scenarios.flatMap((s) => s.checks);
  const passed = checks.filter((c) => c.passed).length;
  return { scenarios, passed, failed: checks.length - passed, coverage: coverage.result(), diagnostics: [] };
}

/** A scalar from an argument or value written in a step: ids and literals. */
function scalarOf(e: Expr): JsonScalar {
  if (e.kind === 'Var') return e.name;
  if (e.kind !== 'Literal') return null;
  switch (e.type) {
    case 'boolean':
      return e.value;
    case 'integer': {
      const n = Number(e.value);
      return Number.isSafeInteger(n) ? n : e.value;
    }
    default:
      return e.value;
  }
}

const argsOf = (r: Ref): JsonScalar[] => r.args.map(scalarOf);

const refText = (r: Ref): string => {
  const name = r.frame === 'fact' ? `[${r.name}]` : r.frame === 'act' ? `<<${r.name}>>` : `<${r.name}>`;
  return r.args.length === 0
    ? name
    : `${name}(${argsOf(r)
        .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
        .join(', ')})`;
};

const sameArgs = (want: readonly JsonScalar[], got: readonly JsonScalar[]): boolean =>
  want.length === 0 || (want.length === got.length && want.every((a, i) => String(a) === String(got[i])));

/** Whether two trace values are equal: numbers by exact decimal value, others by text. */
function sameValue(expected: JsonScalar, actual: TraceValue): boolean {
  if (actual.type === 'unknown' || actual.type === 'instance') return false;
  if (actual.type === 'boolean') return expected === actual.value;
  if (
    (actual.type === 'integer' || actual.type === 'decimal') &&
    (typeof expected === 'number' || typeof expected === 'string')
  ) {
    try {
      return new Decimal(actual.value).equals(new Decimal(expected));
    } catch {
      return false;
    }
  }
  return String(expected) === actual.value;
}

interface Ctx {
  readonly cm: CompiledModel;
  state: CaseState;
  readonly checks: CheckResult[];
  /** The latest attempt of each act (for `expect sources of`). */
  readonly attempts: Map<string, TraceEntry>;
  readonly coverage: CoverageCollector;
  readonly lang: Lang;
  /** The words of `lang`. */
  readonly w: ScenarioWords;
}

function runOne(
  cm: CompiledModel,
  model: Model,
  s: ScenarioDecl,
  coverage: CoverageCollector,
  lang: Lang,
): ScenarioResult {
  const firstAsOf = s.steps.find((st) => st.kind === 'AsOf');
  const asOf = firstAsOf?.kind === 'AsOf' ? firstAsOf.date : (model.header?.versionDate ?? DEFAULT_AS_OF);
  const ctx: Ctx = {
    cm,
    state: createCase(cm, { asOf }),
    checks: [],
    attempts: new Map(),
    coverage,
    lang,
    w: scenarioWords(lang),
  };
  let stoppedAt: number | null = null;
  for (const [i, step] of s.steps.entries()) {
    if (!runStep(ctx, step, i)) {
      stoppedAt = i;
      break;
    }
  }
  return {
    name: s.name,
    span: s.span,
    passed: stoppedAt === null && ctx.checks.every((c) => c.passed),
    checks: ctx.checks,
    stoppedAt,
  };
}

/** Run one step; false stops the scenario. */
function runStep(ctx: Ctx, step: ScenarioStep, index: number): boolean {
  const result = (passed: boolean, expected: string, actual: string, excerpt: string | null = null): boolean => {
    ctx.checks.push({
      step: index,
      kind: step.kind,
      text: printScenarioStep(step),
      span: step.span,
      passed,
      expected,
      actual,
      excerpt: passed ? null : excerpt,
    });
    return passed;
  };
  const { cm, lang, w } = ctx;
  switch (step.kind) {
    case 'AsOf':
      ctx.state = Object.freeze({ ...ctx.state, asOf: step.date });
      return true;
    case 'Actors': {
      const actors: Record<string, { roles: readonly string[] }> = { ...ctx.state.actors };
      for (const a of step.actors) actors[a.id] = { roles: [...new Set([...(actors[a.id]?.roles ?? []), ...a.roles])] };
      ctx.state = Object.freeze({ ...ctx.state, actors: Object.freeze(actors) });
      return true;
    }
    case 'Given': {
      const value = step.negated ? false : step.value === null ? true : scalarOf(step.value);
      const r = stepCase(cm, ctx.state, {
        kind: 'give',
        facts: [{ fact: step.fact.name, args: argsOf(step.fact), ...(value === null ? {} : { value }) }],
      });
      if (r.diagnostics.length > 0) {
        return result(false, w.given(refText(step.fact)), r.diagnostics.map((d) => d.message).join(' '));
      }
      ctx.state = r.state;
      return true;
    }
    case 'Advance': {
      const r = stepCase(cm, ctx.state, { kind: 'advance', to: step.date });
      ctx.state = r.state;
      // Every violation the case holds counts: those of this clock move and those recorded by acts before it.
      ctx.coverage.observeViolations(violations(ctx.state));
      return true;
    }
    case 'Do':
    case 'ExpectRefused': {
      const ok = doStep(
        ctx,
        step.actor,
        step.act,
        step.kind === 'Do' && step.force,
        step.at,
        result,
        step.kind === 'Do' ? 'do' : 'refused',
      );
      // A take records violations too (a duty's `violated when`, a deadline passed when the act moves the clock).
      ctx.coverage.observeViolations(violations(ctx.state));
      return ok;
    }
    case 'ExpectFact':
    case 'ExpectUnknown':
    case 'ExpectValue': {
      const args = argsOf(step.fact);
      const ev = evaluateFact(cm, ctx.state, step.fact.name, args.length > 0 ? args : undefined, { trace: true });
      const actual = valueText(ev.value, lang);
      const excerpt = (): string =>
        factExcerpt(
          ctx,
          step.fact,
          ev,
          ev.questions.map((q) =>
            refText({
              kind: 'Ref',
              frame: 'fact',
              name: q.fact,
              args: q.args.map((a) => ({ kind: 'Var', name: String(a), span: step.span })),
              span: step.span,
            }),
          ),
        );
      if (!cm.facts.has(step.fact.name))
        return result(false, w.defined(refText(step.fact)), w.factNotDefined(step.fact.name)) || true;
      if (step.kind === 'ExpectUnknown') {
        const ok = ev.value.type === 'unknown';
        result(ok, w.isUnknown(refText(step.fact)), `${refText(step.fact)} = ${actual}`, ok ? null : excerpt());
        return true;
      }
      if (step.kind === 'ExpectValue') {
        const want = scalarOf(step.value);
        const ok = sameValue(want, ev.value);
        result(
          ok,
          `${refText(step.fact)} = ${String(want)}`,
          `${refText(step.fact)} = ${actual}`,
          ok ? null : excerpt(),
        );
        return true;
      }
      const ok = ev.value.type === 'boolean' && ev.value.value === !step.negated;
      result(
        ok,
        `${refText(step.fact)} ${step.negated ? w.notHolds : w.holds}`,
        `${refText(step.fact)} = ${actual}`,
        ok ? null : excerpt(),
      );
      return true;
    }
    case 'ExpectAct': {
      const params = paramsOf(ctx, step.act);
      if (typeof params === 'string') return result(false, w.checked(refText(step.act)), params) || true;
      let c = checkAct(cm, ctx.state, step.act.name, step.actor, params, { trace: true });
      if (c.trace) ctx.coverage.observeCheck(step.act.name, c.trace);
      const unbound = (cm.acts.get(step.act.name)?.decl.params.length ?? 0) > Object.keys(params).length;
      if (unbound && c.status !== 'enabled') {
        // Arguments left out: the act is available when some binding of the others is enabled.
        const some = availableActs(cm, ctx.state, step.actor, { trace: true }).find(
          (a) => a.act === step.act.name && Object.entries(params).every(([k, v]) => String(a.params[k]) === String(v)),
        );
        if (some) {
          if (some.trace) ctx.coverage.observeCheck(step.act.name, some.trace);
          c = {
            ...c,
            status: 'enabled',
            reasons: [],
            params: some.params,
            ...(some.trace ? { trace: some.trace, frames: some.frames ?? [] } : {}),
          };
        }
      }
      const reasons = c.reasons.map((r) => reasonText(r, step.act.name, step.actor, lang)).join(' ');
      const actual =
        c.status === 'enabled'
          ? w.available
          : c.status === 'disabled'
            ? `${w.notAvailable}: ${reasons}`
            : `${w.undecided}: ${reasons}`;
      const forWhom = ` ${w.for} ${step.actor}`;
      const who = refText(step.act);
      const excerpt = [
        ...reasonLines(c.reasons, step.act.name, step.actor, lang),
        ...(c.trace ? checkExcerpt(c, c.trace, lang) : []),
      ].join('\n');
      if (step.available) {
        result(c.status === 'enabled', `${who} ${w.available}${forWhom}`, actual, excerpt);
        return true;
      }
      if (c.status === 'enabled') {
        result(
          false,
          `${who} ${w.notAvailable}${forWhom}${step.because ? ` ${w.because} ${becauseText(step.because, w)}` : ''}`,
          w.available,
          c.trace ? itemsExcerpt(c, c.trace, lang) : null,
        );
        return true;
      }
      if (step.because === null) return result(true, `${who} ${w.notAvailable}${forWhom}`, actual) || true;
      const because = step.because;
      let ok: boolean;
      if (because.kind === 'ReasonItem') {
        const item = (
          {
            actor: 'actor',
            object: 'object',
            recipient: 'recipient',
            preconditions: 'precondition',
            validity: 'not-in-force',
          } as const
        )[because.item];
        ok = c.reasons.some((r) => r.item === item);
      } else {
        const pre = c.trace?.children.find((n) => n.kind === 'preconditions');
        const act = cm.acts.get(step.act.name)?.decl;
        const decl = act && pre ? checkedPreconditions(act, pre.expr) : null;
        ok =
          c.reasons.some((r) => r.item === 'precondition') &&
          pre !== undefined &&
          decl !== null &&
          blamedFacts(decl, pre, c).has(because.name);
      }
      result(ok, `${who} ${w.notAvailable}${forWhom} ${w.because} ${becauseText(because, w)}`, actual, excerpt);
      return true;
    }
    case 'ExpectDuty': {
      const args = argsOf(step.duty);
      const found = activeDuties(ctx.state).filter((d) => d.duty === step.duty.name && sameArgs(args, d.args));
      const ok = found.length > 0 === step.active;
      const all = ctx.state.duties.filter((d) => d.duty === step.duty.name);
      const actual =
        all.length === 0
          ? w.neverActivated(step.duty.name)
          : all
              .map(
                (d) =>
                  `${d.id} <${d.duty}>(${d.args.map(String).join(', ')}) ${w.dutyStatus[d.status] ?? d.status}` +
                  `${d.deadline ? `, ${w.deadline} ${d.deadline}` : ''}` +
                  `${d.endedBy ? `, ${w.endedBy(d.endedBy, d.endedAt ?? '?')}` : ''}`,
              )
              .join('; ');
      result(
        ok,
        `${refText(step.duty)} ${step.active ? w.active : w.notActive}`,
        actual,
        ok ? null : recordsExcerpt(ctx.state, w),
      );
      return true;
    }
    case 'ExpectViolation': {
      const args = argsOf(step.frame);
      const match = (v: Violation): boolean =>
        v.frame === step.frame.name &&
        (step.frame.frame === 'act' ? v.kind === 'forced-act' : v.kind !== 'forced-act') &&
        sameArgs(args, v.args);
      const found = violations(ctx.state).filter(match);
      const ok = found.length > 0 !== step.negated;
      const all = violations(ctx.state);
      const actual =
        all.length === 0 ? w.noViolations : all.map((v) => `${v.at}: ${violationLine(ctx.state, v, lang)}`).join(' ');
      result(ok, w.violationOf(step.negated, refText(step.frame)), actual, ok ? null : recordsExcerpt(ctx.state, w));
      return true;
    }
    case 'ExpectSources': {
      const entry = ctx.attempts.get(step.act.name);
      const want = step.sources.join(', ');
      if (!entry) {
        result(false, w.sourcesInclude(refText(step.act), want), w.notAttempted(step.act.name));
        return true;
      }
      const sources = decisionSources(entry);
      const missing = step.sources.filter(
        (w) => !sources.some((s) => s.id === w || s.citation === w || s.juriconnect === w),
      );
      const actual =
        sources.length === 0
          ? w.noSources
          : sources.map((s) => (s.citation ? `${s.citation} (${s.id})` : s.id)).join('; ');
      result(
        missing.length === 0,
        w.sourcesInclude(refText(step.act), want),
        actual,
        missing.length === 0 ? null : `${w.missing}: ${missing.join(', ')}`,
      );
      return true;
    }
  }
}

function becauseText(
  b: NonNullable<Extract<ScenarioStep, { kind: 'ExpectAct' }>['because']>,
  w: ScenarioWords,
): string {
  return b.kind === 'Ref' ? `[${b.name}]` : (w.items[b.item] ?? b.item);
}

/** A violation as text in `lang`, with the duty's deadline or the forcing actor from the case. */
function violationLine(state: CaseState, v: Violation, lang: Lang): string {
  const deadline = state.duties.find((d) => d.id === v.ref)?.deadline ?? null;
  const actor = state.records.find((r) => r.id === v.ref)?.actor ?? null;
  return violationText(v, lang, { deadline, actor });
}

/** The act's parameters bound from the reference's arguments, in order; an error text when they do not fit. */
function paramsOf(ctx: Ctx, act: Ref): Record<string, JsonScalar> | string {
  const a = ctx.cm.acts.get(act.name);
  if (!a) return ctx.w.actNotDefined(act.name);
  const ps = a.decl.params;
  if (act.args.length > ps.length) return ctx.w.argCount(act.name, ps.length, act.args.length);
  const out: Record<string, JsonScalar> = {};
  act.args.forEach((e, i) => {
    const p = ps[i];
    if (p) out[p.name] = scalarOf(e);
  });
  return out;
}

type Emit = (passed: boolean, expected: string, actual: string, excerpt?: string | null) => boolean;

/** `does`, `forces` and `expect refused:`. */
function doStep(
  ctx: Ctx,
  actor: string,
  act: Ref,
  forced: boolean,
  at: string | null,
  emit: Emit,
  mode: 'do' | 'refused',
): boolean {
  const { w, lang } = ctx;
  const what = w.attempt(actor, forced, refText(act), at);
  const params = paramsOf(ctx, act);
  if (typeof params === 'string') return emit(false, mode === 'do' ? w.succeeds(what) : w.isRefused(what), params);
  const req = { act: act.name, actor, params, ...(at === null ? {} : { at }) };
  const stepped = stepCase(ctx.cm, ctx.state, { kind: 'act', request: req, force: forced });
  if (stepped.kind !== 'act') return false;
  const r = stepped.result;
  ctx.attempts.set(act.name, r.trace);
  ctx.coverage.observeEntry(r.trace);
  const refusedText = (reasons: readonly Reason[]): string =>
    `${w.refusedAs}: ${reasons.map((x) => reasonText(x, act.name, actor, lang)).join(' ')}`;
  if (mode === 'refused') {
    if (r.ok) {
      const excerpt = itemsExcerpt(r.trace, r.trace.check, lang);
      return emit(false, w.isRefused(what), w.takenAs(r.record.id), excerpt) || true;
    }
    emit(true, w.isRefused(what), refusedText(r.refusal.reasons));
    return true;
  }
  if (!r.ok) {
    const excerpt = [
      ...reasonLines(r.refusal.reasons, act.name, actor, lang),
      ...checkExcerpt(r.trace, r.trace.check, lang),
    ].join('\n');
    return emit(false, forced ? w.isRecorded(what) : w.succeeds(what), refusedText(r.refusal.reasons), excerpt);
  }
  ctx.state = r.state;
  return true;
}

/** The failing items of a check tree, each down to the facts it read. */
function checkExcerpt(table: FrameTable, check: TraceNode, lang: Lang): string[] {
  const out: string[] = [];
  for (const c of check.children) {
    if (c.value.type === 'boolean' && c.value.value) continue;
    out.push(
      ...treeExcerpt(table, c, 10, lang)
        .split('\n')
        .filter((l) => l.length > 0),
    );
  }
  return out;
}

/** Every item of a check tree (for checks that unexpectedly passed), at most 12 lines. */
function itemsExcerpt(table: FrameTable, check: TraceNode, lang: Lang): string {
  const lines = check.children.flatMap((c) => treeExcerpt(table, c, 12, lang).split('\n'));
  const more = `  … ${scenarioWords(lang).moreLines(lines.length - 12)}`;
  return (lines.length > 12 ? [...lines.slice(0, 12), more] : lines).join('\n');
}

/** How a fact came to its value: the derivation tree, provenance, records, and the questions that would decide it. */
function factExcerpt(ctx: Ctx, fact: Ref, ev: FactEvaluation, questions: readonly string[]): string {
  const lines: string[] = [];
  if (ev.trace)
    lines.push(
      ...treeExcerpt(ev, ev.trace, 10, ctx.lang)
        .split('\n')
        .filter((l) => l.length > 0),
    );
  const w = why(
    { compiled: ctx.cm, state: ctx.state },
    { fact: fact.name, ...(fact.args.length > 0 ? { args: argsOf(fact) } : {}) },
  );
  for (const r of w.records) lines.push(ctx.w.record(r.id, r.act, r.actor, r.at, r.forced));
  if (questions.length > 0) lines.push(`${ctx.w.decidedBy}: ${questions.join(', ')}`);
  return lines.join('\n');
}

/** The acts taken so far, for duty and violation failures. */
function recordsExcerpt(state: CaseState, w: ScenarioWords): string {
  const lines = state.records.map((r) => w.record(r.id, r.act, r.actor, r.at, r.forced));
  lines.push(`${w.clock}: ${state.asOf}`);
  return lines.join('\n');
}

/** Re-exported for the renderer: a span as `file:line:col`. */
export function spanText(span: Span): string {
  return `${span.file}:${span.start.line}:${span.start.column}`;
}
