import { canonicalJson } from '../../model/canonical.js';
import { actBindings, ENGINE_VERSION, modelIdentity, take } from '../../run/index.js';
import type {
  FrameTable,
  JsonScalar,
  Lang,
  TraceEntry,
  TraceFrame,
  TraceNode,
  TraceSource,
  TraceValue,
} from '../../trace/index.js';
import {
  counterfactual,
  failureText,
  frameOf,
  instanceText,
  stepText,
  TRACE_VERSION,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  whyActText,
  whyDutyText,
  whyFactText,
  whyNot,
  whyNotText,
  why,
} from '../../trace/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
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

/** `NAME` or `NAME(a, b)`: the frame text and the arguments (JSON scalars, else text). */
function splitArgs(input: string): { frame: string; args: JsonScalar[] | undefined } {
  const m = /^(.*[\]>])\s*\((.*)\)\s*$/s.exec(input.trim()) ?? /^([^()]+?)\s*\((.*)\)\s*$/s.exec(input.trim());
  if (!m) return { frame: input, args: undefined };
  const inner = (m[2] as string).trim();
  const args = inner === '' ? [] : inner.split(',').map((a) => parseScalar(a.trim()));
  return { frame: m[1] as string, args };
}

function parseScalar(text: string): JsonScalar {
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  } catch {
    // not JSON: plain text
  }
  return text;
}

function sourcesIn(t: FrameTable, nodes: readonly TraceNode[], out: Map<string, TraceSource>): void {
  for (const n of nodes) {
    for (const s of frameOf(t, n)?.sources ?? []) if (!out.has(s.id)) out.set(s.id, s);
    sourcesIn(t, n.children, out);
  }
}

/** A trace entry wrapping derivation nodes, so the trace renderings (Markdown, DOT, Mermaid) apply. */
function wrapNodes(
  title: string,
  run: CaseRun,
  nodes: readonly TraceNode[],
  frames: readonly TraceFrame[],
  sources: readonly TraceSource[],
  value: TraceValue,
): TraceEntry {
  const entry: TraceEntry = {
    traceVersion: TRACE_VERSION,
    model: modelIdentity(run.compiled.model),
    engine: ENGINE_VERSION,
    act: title,
    actor: '',
    params: {},
    at: run.state.asOf,
    outcome: 'taken',
    record: null,
    check: { kind: 'root', expr: title, value, children: [...nodes] },
    frames,
    reasons: [],
    effects: [],
    dutiesActivated: [],
    dutiesEnded: [],
    sources,
  };
  return entry;
}

/** A trace entry to render, with the subject it explains when it is not an act's own trace. */
interface Rendered {
  readonly entry: TraceEntry;
  readonly subject?: string;
}

function rendered(items: readonly Rendered[], format: 'markdown' | 'dot' | 'mermaid', lang: Lang): string {
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

function entriesOf(run: CaseRun, recordIds: readonly string[]): TraceEntry[] {
  return run.steps.map((s) => s.trace).filter((t) => t.record !== null && recordIds.includes(t.record));
}

/** The sources a duty rests on (its declared sources, as the model states them). */
function dutySources(run: CaseRun, duty: string): TraceSource[] {
  return (run.compiled.duties.get(duty)?.decl.sources ?? []).flatMap((r) => {
    const s = run.compiled.sources.get(r.id);
    if (!s) return [];
    const { id, citation, juriconnect, validFrom, validTo, text } = s;
    return [{ id, citation, juriconnect, validFrom, validTo, text }];
  });
}

function explainWhy(run: CaseRun, name: string, format: Format, io: CliIo): number {
  const { frame, args } = splitArgs(name);
  const key = resolveFrameName(run.checked, frame);
  if ('error' in key) {
    io.stderr(`flint explain: ${key.error}\n`);
    return EXIT_ERRORS;
  }
  const from = { compiled: run.compiled, state: run.state };
  const head = { question: 'why', asOf: run.state.asOf };
  const withArgs = args !== undefined ? { args } : {};
  if (key.kind === 'fact') {
    const f = run.compiled.facts.get(key.name);
    if (f && args !== undefined && args.length !== f.arity) {
      io.stderr(`flint explain: the fact [${key.name}] takes ${f.arity} argument(s) but ${args.length} were given.\n`);
      return EXIT_ERRORS;
    }
    const ans = why(from, { fact: key.name, ...withArgs });
    const entries = entriesOf(
      run,
      ans.records.map((r) => r.id),
    );
    const srcMap = new Map<string, TraceSource>();
    sourcesIn(ans, ans.nodes, srcMap);
    for (const e of entries) for (const s of e.sources) if (!srcMap.has(s.id)) srcMap.set(s.id, s);
    const sources = [...srcMap.values()];
    const subject = instanceText(key.name, args ?? []);
    if (format === 'json') {
      const doc = { ...head, subject: { fact: key.name, args: args ?? null }, answer: ans, sources, traces: entries };
      io.stdout(canonicalJson(doc));
    } else if (format !== 'text') {
      const own = { entry: wrapNodes(subject, run, ans.nodes, ans.frames, sources, ans.value), subject };
      io.stdout(rendered([own, ...entries.map((entry) => ({ entry }))], format, run.lang));
    } else io.stdout(whyFactText(run, subject, ans, sources, entries));
    return EXIT_OK;
  }
  if (key.kind === 'act') {
    const ans = why(from, { act: key.name });
    const entries = entriesOf(
      run,
      ans.records.map((r) => r.id),
    );
    const subject = `<<${key.name}>>`;
    if (format === 'json') {
      io.stdout(canonicalJson({ ...head, subject: { act: key.name }, answer: ans, traces: entries }));
    } else if (format === 'text') io.stdout(whyActText(run, key.name, entries));
    else if (entries.length === 0) {
      io.stdout(rendered([{ entry: wrapNodes(subject, run, [], [], [], ans.value), subject }], format, run.lang));
    } else
      io.stdout(
        rendered(
          entries.map((entry) => ({ entry })),
          format,
          run.lang,
        ),
      );
    return EXIT_OK;
  }
  const ans = why(from, { duty: key.name, ...withArgs });
  const entries = entriesOf(
    run,
    ans.records.map((r) => r.id),
  );
  const sources = dutySources(run, key.name);
  const subject = `<${key.name}>`;
  if (format === 'json') {
    const doc = { ...head, subject: { duty: key.name, args: args ?? null }, answer: ans, sources, traces: entries };
    io.stdout(canonicalJson(doc));
  } else if (format !== 'text') {
    const items =
      entries.length > 0
        ? entries.map((entry) => ({ entry }))
        : [{ entry: wrapNodes(subject, run, [], [], sources, ans.value), subject }];
    io.stdout(rendered(items, format, run.lang));
  } else io.stdout(whyDutyText(run, key.name, ans, sources, entries));
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
  const { frame } = splitArgs(name);
  const key = resolveFrameName(run.checked, frame);
  if ('error' in key) {
    io.stderr(`flint explain: ${key.error}\n`);
    return EXIT_ERRORS;
  }
  if (key.kind !== 'act') {
    io.stderr(`flint explain: --why-not takes an act; «${name}» is a ${key.kind}. Ask --why for facts and duties.\n`);
    return EXIT_ERRORS;
  }
  let actor = actorOpt;
  if (actor === undefined) {
    if (run.actors.length !== 1)
      return usageError(
        io,
        'explain',
        `--why-not needs --actor ID (the case has ${run.actors.length} actors: ${run.actors.join(', ')}).`,
      );
    actor = run.actors[0] as string;
  }
  if (!run.actors.includes(actor)) {
    io.stderr(
      `flint explain: the actor ${actor} is not declared in the case; ` +
        `its actors are: ${run.actors.join(', ') || 'none'}.\n`,
    );
    return EXIT_ERRORS;
  }
  // Without --param the bindings are found as availableActs finds them: one answer per binding.
  const declared = run.compiled.acts.get(key.name)?.decl.params ?? [];
  const unbound = declared.length > 0 && Object.keys(params).length === 0;
  const found = unbound ? actBindings(run.compiled, run.state, key.name, actor) : null;
  const bindings: Readonly<Record<string, JsonScalar>>[] = found && found.length > 0 ? found : [params];
  const answers = bindings.map((b) => {
    const ans = whyNot(run.compiled, run.state, key.name, actor, b);
    const cf = counterfactual(run.compiled, run.state, key.name, actor, b);
    const entry = take(run.compiled, run.state, { act: key.name, actor, params: b }, { trace: true }).trace;
    return { params: b, ans, cf, entry };
  });
  if (format === 'json') {
    const one = (a: (typeof answers)[number]): Record<string, unknown> => ({
      answer: a.ans,
      counterfactual: a.cf,
      trace: a.entry,
    });
    const head = { question: 'why-not', asOf: run.state.asOf };
    const only = answers.length === 1 ? answers[0] : undefined;
    io.stdout(
      canonicalJson(
        only
          ? { ...head, subject: { act: key.name, actor, params: only.params }, ...one(only) }
          : {
              ...head,
              subject: { act: key.name, actor },
              answers: answers.map((a) => ({ params: a.params, ...one(a) })),
            },
      ),
    );
    return EXIT_OK;
  }
  if (format !== 'text') {
    io.stdout(
      rendered(
        answers.map((a) => ({ entry: a.entry })),
        format,
        run.lang,
      ),
    );
    return EXIT_OK;
  }
  io.stdout(answers.map((a) => whyNotText(run, key.name, actor, a.ans.params, a.ans, a.cf)).join('\n'));
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
