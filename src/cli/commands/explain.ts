import { whyInCase, whyNotInCase } from '../../case/index.js';
import { canonicalJson } from '../../model/canonical.js';
import type { JsonScalar } from '../../trace/index.js';
import {
  entriesRendering,
  failureText,
  stepText,
  whyActText,
  whyDutyText,
  whyFactText,
  whyNotText,
} from '../../trace/index.js';
import { oneOf, parseCommandArgs, parseScalar, splitArgs } from '../args.js';
import { type CaseRun, prepareCase } from '../case-run.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { resolveFrameName } from '../frame-name.js';
import type { CliIo } from '../io.js';

const HELP = `Usage: flint explain [MODEL] --case CASE.json (--why NAME | --why-not NAME) [--actor ID]
                    [--param NAME=VALUE]... [--at DATE] [--format text|json|markdown|dot|mermaid] [--lang nl|en]

Run a case (see 'flint run'), then answer a question about its end state:
  --why NAME      why a fact holds ([fact] or [fact](a, b)), an act was taken (<<act>>) or a
                  duty is active (<duty>): the derivation, how the inputs came to be, the acts
                  that caused it, and the articles it rests on
  --why-not NAME  why an act (<<act>>) is not available to --actor: the failing preconditions
                  (the minimal failing conditions, each with its value, provenance and article),
                  the facts still unknown, and a counterfactual (the smallest change of boolean,
                  number or date inputs or duties that flips it). Without --param: one answer per
                  binding the case allows
--actor ID       the actor for --why-not (may be left out when the case has one actor)
--param K=V      bind an act parameter for --why-not (repeatable; V is JSON, else text)

Exit status: 0 answered, 1 errors in the model or case (or an act refused unexpectedly), 2 usage error.
`;

const FORMATS = ['text', 'json', 'markdown', 'dot', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

function explainWhy(run: CaseRun, name: string, format: Format, io: CliIo): number {
  const { frame, args } = splitArgs(name);
  const key = resolveFrameName(run.checked, frame);
  if ('error' in key) {
    io.stderr(`flint explain: ${key.error}\n`);
    return EXIT_ERRORS;
  }
  const f = key.kind === 'fact' ? run.compiled.facts.get(key.name) : undefined;
  if (f && args !== undefined && args.length !== f.arity) {
    io.stderr(`flint explain: the fact [${key.name}] takes ${f.arity} argument(s) but ${args.length} were given.\n`);
    return EXIT_ERRORS;
  }
  const w = whyInCase(run, key.kind, key.name, key.kind === 'act' ? undefined : args);
  if (format === 'json') {
    const subject = key.kind === 'act' ? { act: key.name } : { [key.kind]: key.name, args: args ?? null };
    const sources = key.kind === 'act' ? {} : { sources: w.sources };
    const doc = { question: 'why', asOf: run.state.asOf, subject, answer: w.answer, ...sources, traces: w.entries };
    io.stdout(canonicalJson(doc));
  } else if (format === 'text') {
    if (key.kind === 'fact') io.stdout(whyFactText(run, w.subject, w.answer, w.sources, w.entries));
    else if (key.kind === 'act') io.stdout(whyActText(run, key.name, w.entries));
    else io.stdout(whyDutyText(run, key.name, w.answer, w.sources, w.entries));
  } else {
    // A fact shows its own derivation first; an act or duty its causing steps, else what it rests on.
    const own = { entry: w.wrapped, subject: w.subject };
    const steps = w.entries.map((entry) => ({ entry }));
    const items = key.kind === 'fact' ? [own, ...steps] : steps.length > 0 ? steps : [own];
    io.stdout(entriesRendering(items, format, run.lang));
  }
  return EXIT_OK;
}

function explainWhyNot(
  run: CaseRun,
  name: string,
  actorOpt: string | undefined,
  params: Record<string, JsonScalar>,
  format: Format,
  io: CliIo,
): number {
  const key = resolveFrameName(run.checked, splitArgs(name).frame);
  if ('error' in key) {
    io.stderr(`flint explain: ${key.error}\n`);
    return EXIT_ERRORS;
  }
  if (key.kind !== 'act') {
    io.stderr(`flint explain: --why-not takes an act; «${name}» is a ${key.kind}. Ask --why for facts and duties.\n`);
    return EXIT_ERRORS;
  }
  const many = `the case has ${run.actors.length} actors: ${run.actors.join(', ')}`;
  if (actorOpt === undefined && run.actors.length !== 1)
    return usageError(io, 'explain', `--why-not needs --actor ID (${many}).`);
  const actor = actorOpt ?? (run.actors[0] as string);
  if (!run.actors.includes(actor)) {
    const known = run.actors.join(', ') || 'none';
    io.stderr(`flint explain: the actor ${actor} is not declared in the case; its actors are: ${known}.\n`);
    return EXIT_ERRORS;
  }
  const answers = whyNotInCase(run, key.name, actor, params);
  if (format === 'json') {
    const one = (a: (typeof answers)[number]) => ({
      answer: a.answer,
      counterfactual: a.counterfactual,
      trace: a.entry,
    });
    const head = { question: 'why-not', asOf: run.state.asOf };
    const only = answers.length === 1 ? answers[0] : undefined;
    const doc = only
      ? { ...head, subject: { act: key.name, actor, params: only.params }, ...one(only) }
      : { ...head, subject: { act: key.name, actor }, answers: answers.map((a) => ({ params: a.params, ...one(a) })) };
    io.stdout(canonicalJson(doc));
  } else if (format !== 'text')
    io.stdout(
      entriesRendering(
        answers.map((a) => ({ entry: a.entry })),
        format,
        run.lang,
      ),
    );
  else {
    const texts = answers.map((a) => whyNotText(run, key.name, actor, a.answer.params, a.answer, a.counterfactual));
    io.stdout(texts.join('\n'));
  }
  return EXIT_OK;
}

/** `flint explain`: run a case, then answer why (not). */
export const explainCommand: Command = {
  name: 'explain',
  summary: 'run a case and explain why a fact holds or why an act is (not) available',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      case: { type: 'string', short: 'c' },
      why: { type: 'string' },
      'why-not': { type: 'string' },
      actor: { type: 'string' },
      param: { type: 'string', multiple: true },
      at: { type: 'string' },
      format: { type: 'string', short: 'f' },
      lang: { type: 'string' },
    });
    if (!parsed.ok) return usageError(io, 'explain', parsed.message);
    const v = parsed.values;
    if (v.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(v.format, FORMATS, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'explain', format.error);
    const lang = oneOf(v.lang, ['nl', 'en'] as const, 'lang', 'en');
    if (typeof lang === 'object') return usageError(io, 'explain', lang.error);
    if (typeof v.case !== 'string') return usageError(io, 'explain', '--case CASE.json is required.');
    if (parsed.positionals.length > 1) return usageError(io, 'explain', 'give at most one model file.');
    const whyName = typeof v.why === 'string' ? v.why : undefined;
    const whyNotName = typeof v['why-not'] === 'string' ? v['why-not'] : undefined;
    if ((whyName === undefined) === (whyNotName === undefined))
      return usageError(io, 'explain', 'give exactly one of --why NAME and --why-not NAME.');
    const params: Record<string, JsonScalar> = {};
    for (const p of Array.isArray(v.param) ? v.param : []) {
      const eq = p.indexOf('=');
      if (eq <= 0) return usageError(io, 'explain', `--param must be NAME=VALUE; got «${p}».`);
      params[p.slice(0, eq)] = parseScalar(p.slice(eq + 1));
    }
    const run = prepareCase(
      {
        model: parsed.positionals[0],
        case: v.case,
        at: typeof v.at === 'string' ? v.at : undefined,
        lang: v.lang === undefined ? undefined : lang,
      },
      io,
      'explain',
    );
    if (typeof run === 'number') return run;
    if (run.failed) {
      io.stdout(stepText(run.failed, run.lang));
      io.stderr(failureText(run, run.failed));
      return EXIT_ERRORS;
    }
    if (whyName !== undefined) return explainWhy(run, whyName, format, io);
    return explainWhyNot(
      run,
      whyNotName as string,
      typeof v.actor === 'string' ? v.actor : undefined,
      params,
      format,
      io,
    );
  },
};
