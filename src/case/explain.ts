/**
 * The answers `flint explain` gives about the end state of a case, as data: why a fact holds, an
 * act was taken or a duty is active (with the sources it rests on and the steps that caused it),
 * and why an act is (not) available, per binding, with a counterfactual. No wording: the
 * renderers of src/trace word them.
 */
import { ENGINE_VERSION, modelIdentity } from '../model/identity.js';
import type { FrameTable, JsonScalar, TraceEntry, TraceNode, TraceSource, TraceValue } from '../model/trace.js';
import { TRACE_VERSION } from '../model/trace.js';
import { sourceKey } from '../model/versions.js';
import { actBindings, take } from '../run/index.js';
import type { CaseState, CompiledModel } from '../run/index.js';
import { counterfactual, frameOf, instanceText, why, whyNot } from '../trace/index.js';
import type { Counterfactual, WhyAnswer, WhyNotAnswer } from '../trace/index.js';

/** What a question about a case is asked of: the compiled model, the end state and the steps taken. */
export interface CaseAnswerScope {
  readonly compiled: CompiledModel;
  readonly state: CaseState;
  readonly steps: readonly { readonly trace: TraceEntry }[];
}

/** The answer to "why" about a fact, act or duty of a case. */
export interface WhyInCase {
  readonly kind: 'fact' | 'act' | 'duty';
  readonly name: string;
  /** `[fact](a, b)`, `<<act>>` or `<duty>`: the subject as the renderings head it. */
  readonly subject: string;
  readonly answer: WhyAnswer;
  /** The sources it rests on (facts: its derivation and the causing acts; duties: the duty's own). */
  readonly sources: readonly TraceSource[];
  /** The traces of the steps whose records caused it. */
  readonly entries: readonly TraceEntry[];
  /** A trace entry wrapping its derivation, so the trace renderings (Markdown, DOT, Mermaid) apply. */
  readonly wrapped: TraceEntry;
}

function sourcesIn(t: FrameTable, nodes: readonly TraceNode[], out: Map<string, TraceSource>): void {
  for (const n of nodes) {
    for (const s of frameOf(t, n)?.sources ?? []) if (!out.has(sourceKey(s))) out.set(sourceKey(s), s);
    sourcesIn(t, n.children, out);
  }
}

function wrap(
  scope: CaseAnswerScope,
  title: string,
  nodes: readonly TraceNode[],
  frames: WhyAnswer['frames'],
  sources: readonly TraceSource[],
  value: TraceValue,
): TraceEntry {
  return {
    traceVersion: TRACE_VERSION,
    model: modelIdentity(scope.compiled.model),
    engine: ENGINE_VERSION,
    act: title,
    actor: '',
    params: {},
    at: scope.state.asOf,
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
}

/** The sources a duty rests on (its declared sources, as the model states them). */
function dutySources(cm: CompiledModel, duty: string): TraceSource[] {
  return (cm.duties.get(duty)?.decl.sources ?? []).flatMap((r) => {
    const s = cm.sources.get(r.id);
    if (!s) return [];
    const { id, citation, juriconnect, validFrom, validTo, text } = s;
    const publication = s.publication ?? null;
    return [{ id, citation, juriconnect, validFrom, validTo, text, ...(publication !== null ? { publication } : {}) }];
  });
}

/** Why a fact (instance) holds, an act was taken or a duty is active at the end of a case. */
export function whyInCase(
  scope: CaseAnswerScope,
  kind: 'fact' | 'act' | 'duty',
  name: string,
  args?: readonly JsonScalar[],
): WhyInCase {
  const from = { compiled: scope.compiled, state: scope.state };
  const withArgs = args !== undefined ? { args: [...args] } : {};
  const answer =
    kind === 'fact'
      ? why(from, { fact: name, ...withArgs })
      : kind === 'act'
        ? why(from, { act: name })
        : why(from, { duty: name, ...withArgs });
  const ids = answer.records.map((r) => r.id);
  const entries = scope.steps.map((s) => s.trace).filter((t) => t.record !== null && ids.includes(t.record));
  if (kind === 'fact') {
    const found = new Map<string, TraceSource>();
    sourcesIn(answer, answer.nodes, found);
    for (const e of entries) for (const s of e.sources) if (!found.has(sourceKey(s))) found.set(sourceKey(s), s);
    const sources = [...found.values()];
    const subject = instanceText(name, args ?? []);
    const wrapped = wrap(scope, subject, answer.nodes, answer.frames, sources, answer.value);
    return { kind, name, subject, answer, sources, entries, wrapped };
  }
  const sources = kind === 'duty' ? dutySources(scope.compiled, name) : [];
  const subject = kind === 'act' ? `<<${name}>>` : `<${name}>`;
  const wrapped = wrap(scope, subject, [], [], sources, answer.value);
  return { kind, name, subject, answer, sources, entries, wrapped };
}

/** One answer to "why not" for one binding of the act's parameters. */
export interface WhyNotInCase {
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly answer: WhyNotAnswer;
  readonly counterfactual: Counterfactual | null;
  /** The trace of trying the act now (not applied). */
  readonly entry: TraceEntry;
}

/**
 * Why `actor` can or cannot take `act` at the end of a case. Without `params` for an act that has
 * parameters, the bindings are found as availableActs finds them: one answer per binding.
 */
export function whyNotInCase(
  scope: Pick<CaseAnswerScope, 'compiled' | 'state'>,
  act: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>>,
): WhyNotInCase[] {
  const { compiled: cm, state } = scope;
  const declared = cm.acts.get(act)?.decl.params ?? [];
  const unbound = declared.length > 0 && Object.keys(params).length === 0;
  const found = unbound ? actBindings(cm, state, act, actor) : null;
  const bindings: Readonly<Record<string, JsonScalar>>[] = found && found.length > 0 ? found : [params];
  return bindings.map((b) => ({
    params: b,
    answer: whyNot(cm, state, act, actor, b),
    counterfactual: counterfactual(cm, state, act, actor, b),
    entry: take(cm, state, { act, actor, params: b }, { trace: true }).trace,
  }));
}
