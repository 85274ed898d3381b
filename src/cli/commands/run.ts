import { dirname, isAbsolute, join } from 'node:path';
import type { CheckedModel } from '../../check/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../model/diagnostic.js';
import { checkCaseFile, caseActors, parseCaseFile, toGivenFact, toTakeRequest } from '../../run/case-file.js';
import type { CaseFile } from '../../run/case-file.js';
import {
  activeDuties,
  advance,
  availableActs,
  compile,
  createCase,
  evaluateFact,
  force,
  give,
  isDate,
  potentialActs,
  take,
  violations,
} from '../../run/index.js';
import type { CaseState, CompiledModel, DutyInstance, JsonScalar, Violation } from '../../run/index.js';
import { explainText, idText, instanceText, valueText, violationText } from '../../trace/index.js';
import type { Lang, Provenance, TraceEntry, TraceValue } from '../../trace/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { canonicalJson } from '../../model/canonical.js';
import { loadModelFile, mayRead, renderLoaded, rootOf } from '../load.js';

const HELP = `Usage: flint run [MODEL] --case CASE.json [--at DATE] [--format text|json] [--lang nl|en]

Decide a case: load and check the model, give the case's facts, take its acts in order, move
the clock, and print the outcome: the acts taken with their legal trail (citing the articles in
the version applied), the facts that hold, active duties, violations, the acts each actor can
take now, and the open questions (unknown input facts that would decide potential acts).

MODEL may be left out when the case file names it ("model", relative to the case file).
--at DATE      move the clock to DATE at the end (instead of the case's "advance")
--format json  one canonical JSON document (sorted keys, no whitespace) with the full traces
--lang nl|en   language of the explanations (default: the model header's language, else en)

Case file format: docs/cases.md. Exit status: 0 the case ran as written, 1 an act was refused
(unless marked "expect": "refused") or the model/case has errors, 2 usage error.
`;

/** One act of the case as it was attempted. */
export interface CaseStep {
  /** 1-based position in the case's `acts`. */
  readonly index: number;
  readonly expected: 'taken' | 'refused';
  readonly trace: TraceEntry;
  /** The outcome matched the expectation. */
  readonly asExpected: boolean;
}

/** A case run from the command line: the model, the final state and every step. */
export interface CaseRun {
  readonly caseFile: string;
  readonly modelFile: string;
  readonly checked: CheckedModel;
  readonly compiled: CompiledModel;
  readonly case: CaseFile;
  readonly state: CaseState;
  readonly steps: readonly CaseStep[];
  /** The step whose outcome was not the expected one (the run stopped there), or `null`. */
  readonly failed: CaseStep | null;
  /** Actor ids of the case (declared first, then those given as role facts). */
  readonly actors: readonly string[];
  readonly lang: Lang;
}

/** Options shared by `run` and `explain` for preparing a case. */
export interface CaseRunOptions {
  readonly model?: string | undefined;
  readonly case: string;
  readonly at?: string | undefined;
  readonly lang?: Lang | undefined;
}

const WORDS = {
  en: {
    caseH: 'Case',
    modelH: 'Model',
    asOf: 'As of',
    acts: 'Acts',
    none: 'none',
    facts: 'Facts that hold',
    duties: 'Active duties',
    violations: 'Violations',
    available: 'Acts available now',
    questions: 'Open questions',
    decides: 'decides',
    for: 'for',
    given: 'given by',
    givenOn: 'given on',
    created: 'created by',
    derived: 'derived',
    on: 'on',
    due: 'due',
    violated: 'violated on',
    act: 'act',
    by: 'by',
    refused: 'was refused',
    takenUnexpected: 'was taken, but the case expects it to be refused',
    expectedRefused: 'refused, as the case expects',
  },
  nl: {
    caseH: 'Casus',
    modelH: 'Model',
    asOf: 'Peildatum',
    acts: 'Handelingen',
    none: 'geen',
    facts: 'Feiten die gelden',
    duties: 'Actieve plichten',
    violations: 'Schendingen',
    available: 'Handelingen die nu kunnen',
    questions: 'Open vragen',
    decides: 'beslist',
    for: 'voor',
    given: 'gegeven door',
    givenOn: 'gegeven op',
    created: 'ontstaan door',
    derived: 'afgeleid',
    on: 'op',
    due: 'uiterlijk',
    violated: 'geschonden op',
    act: 'handeling',
    by: 'door',
    refused: 'werd geweigerd',
    takenUnexpected: 'werd genomen, maar de casus verwacht een weigering',
    expectedRefused: 'geweigerd, zoals de casus verwacht',
  },
} as const;

/** The words of the command's own headings in `lang`. */
export function words(lang: Lang): (typeof WORDS)[Lang] {
  return WORDS[lang];
}

function render(io: CliIo, diagnostics: readonly Diagnostic[], texts: Readonly<Record<string, string>>): void {
  io.stderr(renderLoaded(sortDiagnostics(diagnostics), texts, io));
}

/**
 * Read, check and run a case: returns the run, or the exit code after printing diagnostics to
 * stderr (1 for errors in the files, 2 for usage errors).
 */
export function prepareCase(options: CaseRunOptions, io: CliIo, command: string): CaseRun | number {
  if (options.at !== undefined && !isDate(options.at))
    return usageError(io, command, `--at must be an ISO date YYYY-MM-DD; got «${options.at}».`);
  const caseText = io.readFile(options.case);
  if (caseText === undefined) {
    render(
      io,
      [
        {
          code: 'file-not-found',
          severity: 'error',
          message: `Cannot read the case file «${options.case}»: no such file, or it is not a readable file.`,
          path: '',
          hint: 'Check the path; it is relative to the current directory.',
        },
      ],
      {},
    );
    return EXIT_ERRORS;
  }
  const texts: Record<string, string> = { [options.case]: caseText };
  const parsed = parseCaseFile(caseText, options.case);
  const c = parsed.value.case;
  if (!c || hasErrors(parsed.diagnostics)) {
    render(io, parsed.diagnostics, texts);
    return EXIT_ERRORS;
  }
  const modelFile =
    options.model ??
    (c.model !== undefined ? (isAbsolute(c.model) ? c.model : join(dirname(options.case), c.model)) : undefined);
  if (modelFile === undefined)
    return usageError(io, command, 'no MODEL given, and the case file names none ("model").');
  if (options.model === undefined && !mayRead(io, modelFile)) {
    // Not read at all: its content must not reach a diagnostic excerpt.
    const diagnostic: Diagnostic = {
      code: 'model-outside-root',
      severity: 'error',
      message: `The case's model «${c.model ?? modelFile}» lies outside the root folder (${rootOf(io)}); not read.`,
      span: parsed.value.locate('/model'),
      hint: 'Case models are read inside the current directory (or --root DIR); --allow-outside-root trusts it.',
    };
    render(io, [diagnostic], texts);
    return EXIT_ERRORS;
  }
  const loaded = loadModelFile(modelFile, io);
  Object.assign(texts, loaded.texts);
  if (!loaded.model || !loaded.checked || hasErrors(loaded.diagnostics)) {
    render(
      io,
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      texts,
    );
    io.stderr(`flint ${command}: the model «${modelFile}» has errors; fix them first (flint check).\n`);
    return EXIT_ERRORS;
  }
  const compiled = compile(loaded.model);
  if (hasErrors(compiled.diagnostics)) {
    render(
      io,
      compiled.diagnostics.filter((d) => d.severity === 'error'),
      texts,
    );
    return EXIT_ERRORS;
  }
  const cm = compiled.value;
  const problems = checkCaseFile(cm, c, parsed.value.locate);
  if (hasErrors(problems)) {
    render(io, problems, texts);
    return EXIT_ERRORS;
  }
  const header = loaded.model.header?.language;
  const lang: Lang = options.lang ?? (header === 'nl' || header === 'en' ? header : 'en');

  let state = createCase(cm, { asOf: c.asOf, ...(c.actors ? { actors: c.actors } : {}) });
  for (const f of c.facts ?? []) {
    state = give(cm, state, [toGivenFact(f)], f.at !== undefined ? { at: f.at } : {}).value;
  }
  const steps: CaseStep[] = [];
  let failed: CaseStep | null = null;
  for (const [i, a] of (c.acts ?? []).entries()) {
    const req = toTakeRequest(a);
    const r = a.force === true ? force(cm, state, req, { trace: true }) : take(cm, state, req, { trace: true });
    const expected = a.expect ?? 'taken';
    const step: CaseStep = { index: i + 1, expected, trace: r.trace, asExpected: r.ok === (expected === 'taken') };
    steps.push(step);
    state = r.state;
    if (!step.asExpected) {
      failed = step;
      break;
    }
  }
  const to = options.at ?? c.advance;
  if (failed === null && to !== undefined) {
    if (to < state.asOf)
      io.stderr(
        `flint ${command}: note: ${to} lies before the case clock ${state.asOf}; the clock stays (it never moves back).\n`,
      );
    state = advance(cm, state, to).state;
  }
  return {
    caseFile: options.case,
    modelFile,
    checked: loaded.checked,
    compiled: cm,
    case: c,
    state,
    steps,
    failed,
    actors: caseActors(cm, c),
    lang,
  };
}

/** A fact instance that holds at the end of the case. */
export interface HoldingFact {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
  readonly value: TraceValue;
  readonly provenance: Provenance;
}

/** An input fact still unknown, with the potential acts it would help decide. */
export interface OpenQuestion {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
  readonly decides: readonly {
    readonly act: string;
    readonly actor: string;
    readonly params: Readonly<Record<string, JsonScalar>>;
  }[];
}

/** The outcome of a case: what holds, what is due, what can be done and asked next. */
export interface CaseOutcome {
  readonly facts: readonly HoldingFact[];
  readonly duties: readonly DutyInstance[];
  readonly violations: readonly Violation[];
  readonly available: Readonly<
    Record<string, readonly { readonly act: string; readonly params: Readonly<Record<string, JsonScalar>> }[]>
  >;
  readonly questions: readonly OpenQuestion[];
}

const MAX_BINDINGS = 1000;

function storedValue(cm: CompiledModel, fact: string, v: JsonScalar): TraceValue {
  const f = cm.facts.get(fact);
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  const t = f?.type;
  const type = t && t.kind === 'PrimitiveType' && t.name !== 'boolean' ? t.name : 'text';
  return { type, value: String(v) };
}

/** Candidate argument values for a derived fact's parameters: actors playing role types, known instances. */
function bindingsOf(run: CaseRun, fact: string): JsonScalar[][] | null {
  const cm = run.compiled;
  const decl = cm.facts.get(fact)?.decl;
  if (!decl) return null;
  let combos: JsonScalar[][] = [[]];
  for (const p of decl.params) {
    let values: JsonScalar[];
    if (p.type.kind === 'PrimitiveType') {
      if (p.type.name !== 'actor') return null;
      values = [...run.actors];
    } else {
      const t = cm.facts.get(p.type.name);
      if (!t) return null;
      if (t.isRole) {
        const typeName = p.type.name;
        values = run.actors.filter((a) => {
          const v = evaluateFact(cm, run.state, typeName, [a]).value;
          return v.type === 'boolean' && v.value;
        });
      } else if (t.arity === 1) {
        values = Object.values(run.state.facts[p.type.name] ?? {})
          .filter((i) => i.terminated === null && i.value !== false)
          .map((i) => i.args[0] ?? null);
      } else return null;
    }
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
    if (combos.length > MAX_BINDINGS) return null;
  }
  return combos;
}

/** Compute the outcome of a case run (deterministic: model order, then argument order). */
export function outcomeOf(run: CaseRun): CaseOutcome {
  const cm = run.compiled;
  const state = run.state;
  const facts: HoldingFact[] = [];
  for (const [name, f] of cm.facts) {
    if (f.mode !== 'derived') {
      const insts = Object.entries(state.facts[name] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [, i] of insts) {
        if (i.terminated !== null || i.value === false) continue;
        facts.push({ fact: name, args: i.args, value: storedValue(cm, name, i.value), provenance: i.provenance });
      }
      continue;
    }
    for (const args of bindingsOf(run, name) ?? []) {
      const ev = evaluateFact(cm, state, name, args);
      if (ev.value.type === 'unknown' || (ev.value.type === 'boolean' && !ev.value.value)) continue;
      facts.push({ fact: name, args, value: ev.value, provenance: { kind: 'derived', frame: name, from: [] } });
    }
  }
  const available: Record<string, { act: string; params: Readonly<Record<string, JsonScalar>> }[]> = {};
  const questions = new Map<
    string,
    { fact: string; args: readonly JsonScalar[]; decides: OpenQuestion['decides'][number][] }
  >();
  for (const actor of run.actors) {
    available[actor] = availableActs(cm, state, actor).map((a) => ({ act: a.act, params: a.params }));
    for (const p of potentialActs(cm, state, actor)) {
      for (const q of p.questions) {
        const k = `${q.fact}\u0000${JSON.stringify(q.args)}`;
        const entry = questions.get(k) ?? { fact: q.fact, args: q.args, decides: [] };
        entry.decides.push({ act: p.act, actor, params: p.params });
        questions.set(k, entry);
      }
    }
  }
  const sortedQuestions = [...questions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, q]) => q);
  return { facts, duties: activeDuties(state), violations: violations(state), available, questions: sortedQuestions };
}

/** ` (k = v, ...)` for a non-empty parameter binding, sorted by name. */
export function paramsText(params: Readonly<Record<string, JsonScalar>>): string {
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? '' : ` (${keys.map((k) => `${k} = ${idText(params[k] ?? null)}`).join(', ')})`;
}

function provenanceText(p: Provenance, lang: Lang): string {
  const w = WORDS[lang];
  switch (p.kind) {
    case 'given':
      return p.by ? `${w.given} ${p.by} ${w.on} ${p.at}` : `${w.givenOn} ${p.at}`;
    case 'created':
      return `${w.created} ${p.record} ${w.on} ${p.at}`;
    case 'derived':
      return w.derived;
    case 'role':
      return p.actor;
  }
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}

/** The explanation of one step (explainText, plus a note when the outcome was not the expected one). */
export function stepText(step: CaseStep, lang: Lang): string {
  const w = WORDS[lang];
  const note = step.asExpected ? (step.expected === 'refused' ? `(${w.expectedRefused})\n` : '') : '';
  return `${explainText(step.trace, { lang })}${note}`;
}

/** The outcome of a case as text, in `lang`. */
export function outcomeText(run: CaseRun, outcome: CaseOutcome): string {
  const w = WORDS[run.lang];
  const lang = run.lang;
  const out: string[] = [];
  const title = run.checked.model.header?.title;
  out.push(`${w.caseH}: ${run.caseFile}${run.case.description ? ` — ${run.case.description}` : ''}`);
  out.push(`${w.modelH}: ${run.modelFile}${title ? ` (${title})` : ''}`);
  out.push(`${w.asOf}: ${run.state.asOf}`, '');
  out.push(`${w.acts} (${run.steps.length}):`);
  if (run.steps.length === 0) out.push(`  ${w.none}`);
  for (const s of run.steps) {
    const text = stepText(s, lang).replace(/\n$/, '');
    out.push(`${String(s.index).padStart(3)}. ${indent(text, '     ').trimStart()}`);
  }
  out.push('', `${w.facts}:`);
  if (outcome.facts.length === 0) out.push(`  ${w.none}`);
  for (const f of outcome.facts)
    out.push(`  ${instanceText(f.fact, f.args)} = ${valueText(f.value, lang)} (${provenanceText(f.provenance, lang)})`);
  out.push('', `${w.duties}:`);
  if (outcome.duties.length === 0) out.push(`  ${w.none}`);
  for (const d of outcome.duties) {
    const due = d.deadline ? `, ${w.due} ${d.deadline}` : '';
    const bad = d.violatedAt ? `, ${w.violated} ${d.violatedAt}` : '';
    out.push(
      `  <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}, ${w.created} ${d.createdBy} ${w.on} ${d.createdAt}${due}${bad}`,
    );
  }
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
    out.push(
      `  ${actor}: ${acts.length === 0 ? w.none : acts.map((a) => `<<${a.act}>>${paramsText(a.params)}`).join('; ')}`,
    );
  }
  out.push('', `${w.questions}:`);
  if (outcome.questions.length === 0) out.push(`  ${w.none}`);
  for (const q of outcome.questions) {
    const decides = q.decides.map((d) => `<<${d.act}>>${paramsText(d.params)} ${w.for} ${d.actor}`).join('; ');
    out.push(`  ${instanceText(q.fact, q.args)}: ${w.decides} ${decides}`);
  }
  return `${out.join('\n')}\n`;
}

/** The message printed when a step's outcome was not the expected one. */
export function failureText(run: CaseRun, step: CaseStep): string {
  const w = WORDS[run.lang];
  const t = step.trace;
  const what = t.outcome === 'refused' ? w.refused : w.takenUnexpected;
  return `${run.caseFile}: ${w.act} ${step.index} <<${t.act}>> ${w.by} ${t.actor} ${what}.\n`;
}

/** The outcome of a case as one JSON value (serialised with canonicalJson). */
export function outcomeJson(run: CaseRun, outcome: CaseOutcome): Record<string, unknown> {
  return {
    case: run.caseFile,
    model: run.modelFile,
    asOf: run.state.asOf,
    status: run.failed ? 'unexpected-outcome' : 'ok',
    // The act, actor, params, date, outcome, record and sources of a step are those of its trace.
    acts: run.steps.map((s) => ({ index: s.index, expected: s.expected, asExpected: s.asExpected, trace: s.trace })),
    facts: outcome.facts,
    duties: outcome.duties,
    violations: outcome.violations,
    available: outcome.available,
    questions: outcome.questions,
  };
}

/** `flint run`: decide a case and print its outcome. */
export const runCommand: Command = {
  name: 'run',
  summary: 'decide a case: take its acts and print the outcome with its legal trail',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      case: { type: 'string', short: 'c' },
      at: { type: 'string' },
      format: { type: 'string', short: 'f' },
      lang: { type: 'string' },
    });
    if (!parsed.ok) return usageError(io, 'run', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'run', format.error);
    const lang = oneOf(parsed.values.lang, ['nl', 'en'] as const, 'lang', 'en');
    if (typeof lang === 'object') return usageError(io, 'run', lang.error);
    if (typeof parsed.values.case !== 'string') return usageError(io, 'run', '--case CASE.json is required.');
    if (parsed.positionals.length > 1) return usageError(io, 'run', 'give at most one model file.');
    const run = prepareCase(
      {
        model: parsed.positionals[0],
        case: parsed.values.case,
        at: typeof parsed.values.at === 'string' ? parsed.values.at : undefined,
        lang: parsed.values.lang === undefined ? undefined : lang,
      },
      io,
      'run',
    );
    if (typeof run === 'number') return run;
    const outcome = outcomeOf(run);
    if (format === 'json') io.stdout(canonicalJson(outcomeJson(run, outcome)));
    else io.stdout(outcomeText(run, outcome));
    if (run.failed) {
      io.stderr(failureText(run, run.failed));
      return EXIT_ERRORS;
    }
    return EXIT_OK;
  },
};
