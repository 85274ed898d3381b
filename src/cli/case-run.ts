import { dirname, isAbsolute, join } from 'node:path';
import type { CheckedModel } from '../check/index.js';
import { caseActors, checkCaseFile, parseCaseFile, replayCase } from '../case/index.js';
import type { CaseFile, CaseLocator, CaseStep } from '../case/index.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import { compile, isDate } from '../run/index.js';
import type { CaseState, CompiledModel } from '../run/index.js';
import type { CaseRunView, Lang } from '../trace/index.js';
import { EXIT_ERRORS, usageError } from './command.js';
import type { CliIo } from './io.js';
import { loadModelFile, mayRead, renderLoaded, rootOf } from './load.js';

/** A case run from the command line: the model, the final state and every step. */
export interface CaseRun extends CaseRunView {
  readonly checked: CheckedModel;
  readonly compiled: CompiledModel;
  readonly case: CaseFile;
  readonly state: CaseState;
  readonly steps: readonly CaseStep[];
  /** The step whose outcome was not the expected one (the run stopped there), or `null`. */
  readonly failed: CaseStep | null;
  /** Problems of the replay: facts that could not be given, warnings of acts (`run-unbound-effect`). */
  readonly diagnostics: readonly Diagnostic[];
  /** Locates a JSON pointer of the case file; with `texts` it lets diagnostics show their excerpt. */
  readonly locate: CaseLocator;
  readonly texts: Readonly<Record<string, string>>;
}

/** Options shared by `run` and `explain` for preparing a case. */
export interface CaseRunOptions {
  readonly model?: string | undefined;
  readonly case: string;
  readonly at?: string | undefined;
  readonly lang?: Lang | undefined;
}

/** Print diagnostics to stderr with excerpts from `texts`. */
export function renderTo(io: CliIo, diagnostics: readonly Diagnostic[], texts: Readonly<Record<string, string>>): void {
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
    const diagnostic: Diagnostic = {
      code: 'file-not-found',
      severity: 'error',
      message: `Cannot read the case file «${options.case}»: no such file, or it is not a readable file.`,
      path: '',
      hint: 'Check the path; it is relative to the current directory.',
    };
    renderTo(io, [diagnostic], {});
    return EXIT_ERRORS;
  }
  const texts: Record<string, string> = { [options.case]: caseText };
  const parsed = parseCaseFile(caseText, options.case);
  const c = parsed.value.case;
  if (!c || hasErrors(parsed.diagnostics)) {
    renderTo(io, parsed.diagnostics, texts);
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
    renderTo(io, [diagnostic], texts);
    return EXIT_ERRORS;
  }
  const loaded = loadModelFile(modelFile, io);
  Object.assign(texts, loaded.texts);
  if (!loaded.model || !loaded.checked || hasErrors(loaded.diagnostics)) {
    renderTo(
      io,
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      texts,
    );
    io.stderr(`flint ${command}: the model «${modelFile}» has errors; fix them first (flint check).\n`);
    return EXIT_ERRORS;
  }
  const compiled = compile(loaded.model);
  if (hasErrors(compiled.diagnostics)) {
    renderTo(
      io,
      compiled.diagnostics.filter((d) => d.severity === 'error'),
      texts,
    );
    return EXIT_ERRORS;
  }
  const cm = compiled.value;
  const problems = checkCaseFile(cm, c, parsed.value.locate);
  if (hasErrors(problems)) {
    renderTo(io, problems, texts);
    return EXIT_ERRORS;
  }
  const header = loaded.model.header?.language;
  const lang: Lang = options.lang ?? (header === 'nl' || header === 'en' ? header : 'en');
  const replayed = replayCase(cm, c, options.at !== undefined ? { advanceTo: options.at } : {});
  if (replayed.advanced && replayed.advanced.to < replayed.advanced.from) {
    const { from, to } = replayed.advanced;
    io.stderr(
      `flint ${command}: note: ${to} lies before the case clock ${from}; the clock stays (it never moves back).\n`,
    );
  }
  const locate = parsed.value.locate;
  const located = (d: Diagnostic): Diagnostic => (d.span || d.path === undefined ? d : { ...d, span: locate(d.path) });
  return {
    caseFile: options.case,
    modelFile,
    title: loaded.checked.model.header?.title,
    description: c.description,
    checked: loaded.checked,
    compiled: cm,
    case: c,
    state: replayed.state,
    steps: replayed.steps,
    failed: replayed.failed,
    diagnostics: [...replayed.diagnostics, ...replayed.steps.flatMap((s) => s.diagnostics)].map(located),
    locate,
    texts,
    actors: caseActors(cm, c),
    lang,
  };
}
