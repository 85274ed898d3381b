import type {
  FrameTable,
  JsonScalar,
  TraceEntry,
  TraceFrame,
  TraceNode,
  TraceSource,
  TraceValue,
} from '../../trace/index.js';
import {
  counterfactual,
  explainText,
  frameOf,
  idText,
  instanceText,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  reasonText,
  statusText,
  valueText,
  why,
  whyNot,
  TRACE_VERSION,
} from '../../trace/index.js';
import type { Counterfactual, Lang, WhyNotAnswer } from '../../trace/index.js';
import { ENGINE_VERSION, actBindings, modelIdentity, take } from '../../run/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { resolveFrameName } from '../frame-name.js';
import type { CliIo } from '../io.js';
import { canonicalJson } from '../../model/canonical.js';
import { failureText, paramsText, prepareCase, stepText } from './run.js';
import type { CaseRun } from './run.js';

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

const WORDS = {
  en: {
    holds: 'holds',
    notHolds: 'does not hold',
    unknown: 'is unknown',
    derivation: 'Derivation',
    how: 'How it came to be',
    records: 'Acts that caused it',
    sources: 'Rests on',
    notTaken: 'was not taken in this case.',
    tryWhyNot: 'Ask why not with --why-not',
    taken: 'was taken',
    active: 'is active',
    notActive: 'is not active',
    instances: 'Instances',
    canTake: 'can take',
    cannotTake: 'cannot take',
    mayTake: 'may be able to take (not decided yet)',
    now: 'now',
    failing: 'Failing conditions',
    missing: 'Facts still unknown',
    counterfactual: 'Counterfactual',
    wouldBe: 'it would become',
    if: 'if',
    were: 'were',
    noCounterfactual:
      'No change of at most three inputs (boolean, number and date facts, duties) changes the outcome ' +
      '(searched up to 2000 checks).',
    dutyActive: 'were active',
    dutyEnded: 'were ended',
    check: 'Check',
    given: 'given by',
    givenOn: 'given on',
    created: 'created by',
    derived: 'derived from',
    role: 'role of',
    on: 'on',
    noSources: '(no sources)',
    deadline: 'deadline',
    endedBy: 'ended by',
    violated: 'violated on',
    dutyStatus: { active: 'active', ended: 'ended' } as Record<string, string>,
    labels: {
      'in-force': 'In force',
      actor: 'Actor',
      object: 'Object',
      recipient: 'Recipient',
      preconditions: 'Preconditions',
    },
  },
  nl: {
    holds: 'geldt',
    notHolds: 'geldt niet',
    unknown: 'is onbekend',
    derivation: 'Afleiding',
    how: 'Herkomst',
    records: 'Handelingen die het veroorzaakten',
    sources: 'Rust op',
    notTaken: 'is in deze casus niet genomen.',
    tryWhyNot: 'Vraag waarom niet met --why-not',
    taken: 'is genomen',
    active: 'is actief',
    notActive: 'is niet actief',
    instances: 'Instanties',
    canTake: 'kan',
    cannotTake: 'kan niet',
    mayTake: 'kan misschien (nog niet beslist)',
    now: 'nu nemen',
    failing: 'Niet vervulde voorwaarden',
    missing: 'Nog onbekende feiten',
    counterfactual: 'Tegenfeitelijk',
    wouldBe: 'het zou',
    if: 'worden als',
    were: 'was',
    noCounterfactual:
      'Geen wijziging van hoogstens drie invoergegevens (feiten met waarheidswaarde, getal of datum, plichten) ' +
      'verandert de uitkomst (gezocht tot 2000 toetsingen).',
    dutyActive: 'actief was',
    dutyEnded: 'beëindigd was',
    check: 'Toets',
    given: 'gegeven door',
    givenOn: 'gegeven op',
    created: 'ontstaan door',
    derived: 'afgeleid uit',
    role: 'rol van',
    on: 'op',
    noSources: '(geen bronnen)',
    deadline: 'uiterlijk',
    endedBy: 'beëindigd door',
    violated: 'geschonden op',
    dutyStatus: { active: 'actief', ended: 'beëindigd' } as Record<string, string>,
    labels: {
      'in-force': 'In werking',
      actor: 'Actor',
      object: 'Object',
      recipient: 'Ontvanger',
      preconditions: 'Voorwaarden',
    },
  },
} as const;

type Words = (typeof WORDS)[Lang];

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

function cite(sources: readonly TraceSource[]): string {
  return sources.length > 0 ? ` [${sources.map((s) => s.citation ?? s.id).join('; ')}]` : '';
}

/** A derivation tree as indented text, citing each frame's sources. */
function treeLines(t: FrameTable, n: TraceNode, depth: number, w: Words, lang: Lang, out: string[]): void {
  const pad = '  '.repeat(depth);
  const label = (w.labels as Readonly<Record<string, string>>)[n.kind];
  out.push(
    `${pad}- ${label ? `${label}: ` : ''}${n.expr} → ${valueText(n.value, lang)}${cite(frameOf(t, n)?.sources ?? [])}`,
  );
  for (const r of n.reads ?? []) {
    const p = r.provenance;
    const how =
      p === null
        ? ''
        : p.kind === 'given'
          ? p.by
            ? `, ${w.given} ${p.by} ${w.on} ${p.at}`
            : `, ${w.givenOn} ${p.at}`
          : p.kind === 'created'
            ? `, ${w.created} ${p.record} ${w.on} ${p.at}`
            : p.kind === 'role'
              ? `, ${w.role} ${p.actor}`
              : `, ${w.derived} ${p.frame}`;
    out.push(`${pad}  · ${instanceText(r.fact, r.args)} = ${valueText(r.value, lang)}${how}`);
  }
  for (const c of n.children) treeLines(t, c, depth + 1, w, lang, out);
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
  wrapped.set(entry, title);
  return entry;
}

/** Marks entries built by {@link wrapNodes}: their heading names the subject, not an act outcome. */
const wrapped = new WeakMap<TraceEntry, string>();

function rendered(entries: readonly TraceEntry[], format: 'markdown' | 'dot' | 'mermaid', lang: Lang = 'en'): string {
  const fn = (e: TraceEntry): string =>
    format === 'markdown'
      ? toMarkdown(e, { lang })
      : format === 'dot'
        ? traceToDot(e, { lang })
        : traceToMermaid(e, { lang });
  return entries
    .map((e) => {
      const text = fn(e);
      const heading = wrapped.get(e);
      if (heading === undefined) return text;
      if (format === 'markdown') {
        // The act-oriented heading and actor/date bullets do not apply to a fact or duty.
        return text.replace(/^## [^\n]*\n\n- actor: [^\n]*\n/, `## ${heading.replace(/([\\`*_|<>[\]])/g, '\\$1')}\n\n`);
      }
      if (format === 'dot')
        return text.replace(/^digraph "[^\n]*" \{/, `digraph "${heading.replace(/["\\]/g, '\\$&')}" {`);
      return text;
    })
    .join(format === 'markdown' ? '\n' : '');
}

function entriesOf(run: CaseRun, recordIds: readonly string[]): TraceEntry[] {
  return run.steps.map((s) => s.trace).filter((t) => t.record !== null && recordIds.includes(t.record));
}

function explainWhy(run: CaseRun, name: string, format: Format, io: CliIo): number {
  const w = WORDS[run.lang];
  const lang = run.lang;
  const { frame, args } = splitArgs(name);
  const key = resolveFrameName(run.checked, frame);
  if ('error' in key) {
    io.stderr(`flint explain: ${key.error}\n`);
    return EXIT_ERRORS;
  }
  const from = { compiled: run.compiled, state: run.state };
  if (key.kind === 'fact') {
    const f = run.compiled.facts.get(key.name);
    if (f && args !== undefined && args.length !== f.arity) {
      io.stderr(`flint explain: the fact [${key.name}] takes ${f.arity} argument(s) but ${args.length} were given.\n`);
      return EXIT_ERRORS;
    }
    const ans = why(from, { fact: key.name, ...(args !== undefined ? { args } : {}) });
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
      io.stdout(
        canonicalJson({
          question: 'why',
          subject: { fact: key.name, args: args ?? null },
          asOf: run.state.asOf,
          answer: ans,
          sources,
          traces: entries,
        }),
      );
      return EXIT_OK;
    }
    if (format !== 'text') {
      io.stdout(
        rendered([wrapNodes(subject, run, ans.nodes, ans.frames, sources, ans.value), ...entries], format, run.lang),
      );
      return EXIT_OK;
    }
    const v = ans.value;
    const verdict =
      v.type === 'unknown'
        ? w.unknown
        : v.type === 'boolean'
          ? v.value
            ? w.holds
            : w.notHolds
          : `= ${valueText(v, lang)}`;
    const out: string[] = [`${subject} ${verdict} (${run.state.asOf}).`];
    out.push(`${w.sources}: ${sources.length > 0 ? sources.map((s) => s.citation ?? s.id).join('; ') : w.noSources}.`);
    if (ans.nodes.length > 0) {
      out.push(`${w.derivation}:`);
      for (const n of ans.nodes) treeLines(ans, n, 0, w, lang, out);
    }
    if (ans.provenance.length > 0) {
      out.push(`${w.how}:`);
      for (const p of ans.provenance) {
        out.push(
          `- ${
            p.kind === 'given'
              ? p.by
                ? `${w.given} ${p.by} ${w.on} ${p.at}`
                : `${w.givenOn} ${p.at}`
              : p.kind === 'created'
                ? `${w.created} ${p.record} ${w.on} ${p.at}`
                : p.kind === 'role'
                  ? `${w.role} ${p.actor}`
                  : `${w.derived} ${p.from.map((x) => instanceText(x.fact, x.args)).join(', ') || p.frame}`
          }`,
        );
      }
    }
    io.stdout(`${out.join('\n')}\n${entriesText(run, entries, w)}`);
    return EXIT_OK;
  }
  if (key.kind === 'act') {
    const ans = why(from, { act: key.name });
    const entries = entriesOf(
      run,
      ans.records.map((r) => r.id),
    );
    if (format === 'json') {
      io.stdout(
        canonicalJson({
          question: 'why',
          subject: { act: key.name },
          asOf: run.state.asOf,
          answer: ans,
          traces: entries,
        }),
      );
      return EXIT_OK;
    }
    if (entries.length === 0) {
      if (format === 'text') io.stdout(`<<${key.name}>> ${w.notTaken} ${w.tryWhyNot} '<<${key.name}>>'.\n`);
      else io.stdout(rendered([wrapNodes(`<<${key.name}>>`, run, [], [], [], ans.value)], format, run.lang));
      return EXIT_OK;
    }
    if (format !== 'text') {
      io.stdout(rendered(entries, format, run.lang));
      return EXIT_OK;
    }
    io.stdout(
      `<<${key.name}>> ${w.taken} (${entries.length}×).\n${entriesText(run, entries, w).replace(/^[^\n]*\n/, '')}`,
    );
    return EXIT_OK;
  }
  const ans = why(from, { duty: key.name, ...(args !== undefined ? { args } : {}) });
  const entries = entriesOf(
    run,
    ans.records.map((r) => r.id),
  );
  const decl = run.compiled.duties.get(key.name)?.decl;
  const sources: TraceSource[] = (decl?.sources ?? []).flatMap((r) => {
    const s = run.compiled.sources.get(r.id);
    return s
      ? [
          {
            id: s.id,
            citation: s.citation,
            juriconnect: s.juriconnect,
            validFrom: s.validFrom,
            validTo: s.validTo,
            text: s.text,
          },
        ]
      : [];
  });
  if (format === 'json') {
    io.stdout(
      canonicalJson({
        question: 'why',
        subject: { duty: key.name, args: args ?? null },
        asOf: run.state.asOf,
        answer: ans,
        sources,
        traces: entries,
      }),
    );
    return EXIT_OK;
  }
  if (format !== 'text') {
    io.stdout(
      rendered(
        entries.length > 0 ? entries : [wrapNodes(`<${key.name}>`, run, [], [], sources, ans.value)],
        format,
        run.lang,
      ),
    );
    return EXIT_OK;
  }
  const active = ans.value.type === 'boolean' && ans.value.value;
  const out = [`<${key.name}> ${active ? w.active : w.notActive} (${run.state.asOf}).`];
  out.push(`${w.sources}: ${sources.length > 0 ? sources.map((s) => s.citation ?? s.id).join('; ') : w.noSources}.`);
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
  io.stdout(`${out.join('\n')}\n${entriesText(run, entries, w)}`);
  return EXIT_OK;
}

function entriesText(run: CaseRun, entries: readonly TraceEntry[], w: Words): string {
  if (entries.length === 0) return '';
  const texts = entries.map((e) => {
    const step = run.steps.find((s) => s.trace === e);
    return step ? stepText(step, run.lang) : explainText(e, { lang: run.lang });
  });
  return `${w.records}:\n${texts.join('')}`;
}

function whyNotText(
  run: CaseRun,
  act: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>>,
  ans: WhyNotAnswer,
  cf: Counterfactual | null,
): string {
  const w = WORDS[run.lang];
  const lang = run.lang;
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
    for (const c of ans.trace.children) treeLines(ans, c, 0, w, lang, out);
  }
  return `${out.join('\n')}\n`;
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
      `flint explain: the actor ${actor} is not declared in the case; its actors are: ${run.actors.join(', ') || 'none'}.\n`,
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
        answers.map((a) => a.entry),
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
