import { outcomeOf } from '../../case/index.js';
import type { CaseOutcome } from '../../case/index.js';
import { canonicalJson } from '../../model/canonical.js';
import { failureText, outcomeText } from '../../trace/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { type CaseRun, prepareCase, renderTo } from '../case-run.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';

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

/** The outcome of a case as one JSON value (serialised with canonicalJson). */
export function outcomeJson(run: CaseRun, outcome: CaseOutcome): Record<string, unknown> {
  return {
    case: run.caseFile,
    model: run.modelFile,
    asOf: run.state.asOf,
    status: run.failed ? 'unexpected-outcome' : 'ok',
    // The act, actor, params, date, outcome, record and sources of a step are those of its trace.
    acts: run.steps.map((s) => ({
      index: s.index,
      expected: s.expected,
      asExpected: s.asExpected,
      trace: s.trace,
      ...(s.diagnostics.length > 0 ? { diagnostics: s.diagnostics.map(diagnosticJson) } : {}),
    })),
    facts: outcome.facts,
    duties: outcome.duties,
    violations: outcome.violations,
    available: outcome.available,
    questions: outcome.questions,
  };
}

/** A step's diagnostic in the JSON document: code, severity, message, JSON path into the case file, hint. */
function diagnosticJson(d: CaseRun['diagnostics'][number]): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.path !== undefined ? { path: d.path } : {}),
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
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
    // Warnings of the replay (e.g. an effect that could not be bound), at the act in the case file.
    if (run.diagnostics.length > 0) renderTo(io, run.diagnostics, run.texts);
    const outcome = outcomeOf(run.compiled, run.state, run.actors);
    if (format === 'json') io.stdout(canonicalJson(outcomeJson(run, outcome)));
    else io.stdout(outcomeText(run, outcome));
    if (run.failed) {
      io.stderr(failureText(run, run.failed));
      return EXIT_ERRORS;
    }
    return EXIT_OK;
  },
};
