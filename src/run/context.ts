/**
 * The compiled model and the evaluation context shared by the interpreter's modules.
 */
import type {
  ActDecl,
  Deadline,
  DutyDecl,
  Expr,
  FactDecl,
  FrameVariant,
  Model,
  SourceDecl,
  SourceRef,
  TypeRef,
} from '../model/ast.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EffectiveVersion, VariantTable } from '../model/versions.js';
import { isVersioned, periodCovers, sourceVersions, versionInForce } from '../model/versions.js';
import type { Span } from '../model/span.js';
import type { FactRead, JsonScalar, TraceFrame, TraceNode, TraceSource, TraceValue } from '../model/trace.js';
import type { DerivedPlan } from './plan.js';
import type { CaseState } from './state.js';
import { TRACE_UNKNOWN } from './values.js';
import type { Tri, Value } from './values.js';

/** An input fact (with its arguments) whose value would help decide an evaluation. */
export interface Question {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
}

/** A compiled expression: a closure over the evaluation context. */
export type CExpr = (ctx: Ctx) => Tri;

/** A compiled fact frame. */
export interface CFact {
  readonly name: string;
  readonly decl: FactDecl | null;
  /** Number of arguments an instance has (a zero-param `actor` fact is a role: one argument, the actor). */
  readonly arity: number;
  /**
   * A zero-parameter fact of type `actor` or of a fact type (`fact [ouder]: [persoon]`): a role,
   * whose instances are the actors playing it.
   */
  readonly isRole: boolean;
  /** The roles whose players also play this one: itself and its sub-roles (`[ouder]` for `[persoon]`). */
  readonly impliedBy: string[];
  /** The memo key of the fact's one instance when it has no arguments. */
  readonly groundKey: string;
  readonly mode: 'input' | 'created' | 'derived';
  /** The value type of the fact (`boolean` for plain facts). */
  readonly type: TypeRef | null;
  readonly closed: boolean;
  /** The compiled definition (derived facts only). */
  def: CExpr | null;
  /** The compiled variants per version of the law (grammar/README.md#versions); absent: none. */
  variants?: VariantTable<CExpr>;
  /** `applies as of:` compiled; absent: the decision date decides the variant. */
  appliesAsOf?: CExpr;
}

/** A compiled effect of an act. */
export interface CEffect {
  readonly frame: 'fact' | 'duty' | 'act';
  readonly name: string;
  readonly args: readonly CExpr[];
  readonly text: string;
}

/** How the actor of an act is checked. */
export type ActorCheck =
  | { readonly kind: 'anyone' }
  | { readonly kind: 'role'; readonly fact: string }
  | { readonly kind: 'param'; readonly param: string; readonly type: TypeRef }
  | { readonly kind: 'expr'; readonly expr: CExpr };

/** A compiled act frame. */
export interface CAct {
  readonly name: string;
  readonly decl: ActDecl;
  readonly actor: ActorCheck;
  readonly object: CExpr | null;
  readonly recipient: CExpr | null;
  readonly preconditions: CExpr | null;
  readonly creates: readonly CEffect[];
  readonly terminates: readonly CEffect[];
  /** Fact frames the act's actor, object, recipient and preconditions read (transitively): they must be in force. */
  readonly restsOn: readonly { readonly kind: 'fact'; readonly name: string }[];
  /** Duties whose `terminatedBy` lists this act. */
  readonly endsDuties: readonly string[];
  /** Memo of "the act and the frames it rests on are in force" by date (pure, so safe to share). */
  readonly inForceCache: Map<string, boolean>;
  /**
   * The act as each variant per version of the law makes it (grammar/README.md#versions): preconditions and
   * effects replaced, everything else shared. Absent: the act has no variants.
   */
  readonly variants?: VariantTable<CAct>;
  readonly appliesAsOf?: CExpr;
}

/** A compiled duty frame. */
export interface CDuty {
  readonly name: string;
  readonly decl: DutyDecl;
  readonly deadline: CDeadline | null;
  readonly violation: CExpr | null;
  /** The deadline per version of the law (grammar/README.md#versions); absent: no variants. */
  readonly variants?: VariantTable<CDeadline | null>;
  readonly appliesAsOf?: CExpr;
}

/** A compiled deadline with its declaration. */
export interface CDeadline {
  readonly form: 'within' | 'by';
  readonly value: CExpr;
  readonly decl: Deadline;
}

/** A model ready to run: frames indexed by name (last definition wins), expressions compiled once. */
export interface CompiledModel {
  readonly model: Model;
  readonly facts: ReadonlyMap<string, CFact>;
  readonly acts: ReadonlyMap<string, CAct>;
  /** Act names in model order. */
  readonly actOrder: readonly string[];
  readonly duties: ReadonlyMap<string, CDuty>;
  readonly sources: ReadonlyMap<string, SourceDecl>;
  /** The expression printer used for trace and reason texts. */
  readonly printExpr: (e: Expr) => string;
  /** Dependency order and readers of the ground derived facts (deep chains, incremental re-evaluation). */
  readonly plan: DerivedPlan;
}

/** A trace node under construction. */
export interface MutableNode {
  kind: string;
  op?: string | undefined;
  expr: string;
  span?: string | undefined;
  value: TraceValue;
  /** Index into the tracer's frame table ({@link Tracer.frames}). */
  frame?: number;
  reads?: FactRead[];
  /** Only on a back-reference node (`kind: 'Ref'`): the `expr` of the node shown in full earlier. */
  ref?: string;
  children: MutableNode[];
}

/** Builds trace nodes while evaluating (only when a trace was requested). */
export class Tracer {
  readonly root: MutableNode = { kind: 'root', expr: '', value: { type: 'unknown' }, children: [] };
  private readonly stack: MutableNode[] = [this.root];
  /** The frame table of this trace: nodes refer to a frame by its index here. */
  readonly frames: TraceFrame[] = [];
  /** Index of the frames once the table is large (small tables are searched: most checks use a few frames). */
  private frameIds: Map<TraceFrame, number> | null = null;

  /** The index of `frame` in the frame table (added on first use; frames are shared objects). */
  frameId(frame: TraceFrame): number {
    const frames = this.frames;
    if (this.frameIds === null) {
      const i = frames.indexOf(frame);
      if (i >= 0) return i;
      frames.push(frame);
      if (frames.length > 16) this.frameIds = new Map(frames.map((f, j) => [f, j]));
      return frames.length - 1;
    }
    let id = this.frameIds.get(frame);
    if (id === undefined) {
      id = frames.length;
      frames.push(frame);
      this.frameIds.set(frame, id);
    }
    return id;
  }

  /** Set the frame of `node` (by reference into the frame table). */
  setFrame(node: MutableNode, frame: TraceFrame): void {
    node.frame = this.frameId(frame);
  }

  /** The node being evaluated. */
  get top(): MutableNode {
    return this.stack[this.stack.length - 1] ?? this.root;
  }

  /** Open a child node of the current node, with its operator and span text when it has them. */
  enter(kind: string, expr: string, op?: string, span?: string): MutableNode {
    // One object shape for every node (absent `op`/`span` are undefined, which JSON leaves out).
    const node: MutableNode = { kind, op, expr, span, value: TRACE_UNKNOWN, children: [] };
    this.top.children.push(node);
    this.stack.push(node);
    return node;
  }

  /** Close the current node with its value. */
  exit(node: MutableNode, value: TraceValue): void {
    node.value = value;
    this.stack.pop();
  }

  /** Attach an already built subtree (memoised derivations) to the current node. */
  attach(node: MutableNode): void {
    this.top.children.push(node);
  }

  /** Run `fn` with new nodes collected under a scratch parent (they are attached where memo hits use them). */
  detached<T>(fn: () => T): T {
    const scratch: MutableNode = { kind: 'scratch', expr: '', value: { type: 'unknown' }, children: [] };
    this.stack.push(scratch);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }

  /** Record a fact read on the current node. */
  read(r: FactRead): void {
    const t = this.top;
    (t.reads ??= []).push(r);
  }
}

/** A memoised derived-fact result within one evaluation. */
export interface MemoEntry {
  value: Tri;
  questions: readonly Question[];
  node: MutableNode | null;
  inProgress: boolean;
}

/** The evaluation context: state, date, variable bindings, questions and the optional tracer. */
export interface Ctx {
  readonly cm: CompiledModel;
  readonly state: CaseState;
  /** The evaluation date (the case clock, or the date of the act). */
  readonly date: string;
  env: Record<string, Value>;
  /** The performing actor, when evaluating an act. */
  actor: string | null;
  /** The fact instance whose definition is being evaluated (for `created`). */
  self: { fact: string; args: readonly JsonScalar[] } | null;
  readonly memo: Map<string, MemoEntry>;
  questions: Question[];
  readonly tracer: Tracer | null;
  depth: number;
  /**
   * Problems met while evaluating that leave a value unknown rather than wrong, e.g. no version of the law in force
   * on the deciding date (grammar/README.md#versions); `null` until the first.
   */
  notes: Diagnostic[] | null;
}

/** Record an evaluation note once (same code and message). */
export function note(ctx: Ctx, d: Diagnostic): void {
  const notes = (ctx.notes ??= []);
  if (!notes.some((n) => n.code === d.code && n.message === d.message)) notes.push(d);
}

/** A new evaluation context. */
export function newCtx(
  cm: CompiledModel,
  state: CaseState,
  date: string,
  options: { trace?: boolean; actor?: string | null; env?: Record<string, Value> } = {},
): Ctx {
  return {
    cm,
    state,
    date,
    env: options.env ?? {},
    actor: options.actor ?? null,
    self: null,
    memo: new Map(),
    questions: [],
    tracer: options.trace ? new Tracer() : null,
    depth: 0,
    notes: null,
  };
}

/** True when a source's validity period covers `date`. */
export function sourceCovers(s: SourceDecl, date: string): boolean {
  // A source with versions (grammar/README.md#versions) is in force while one of its versions is.
  if ((s.versions ?? []).length > 0) return versionInForce(s, date) !== null;
  return periodCovers(s.validFrom, s.validTo, date);
}

/** A source as it appears in a trace. */
export function traceSource(s: SourceDecl): TraceSource {
  const publication = s.publication ?? null;
  return {
    id: s.id,
    citation: s.citation,
    juriconnect: s.juriconnect,
    validFrom: s.validFrom,
    validTo: s.validTo,
    text: s.text,
    ...(publication !== null ? { publication } : {}),
  };
}

/** One version of a source as it appears in a trace: its label, validity, text and publication. */
export function traceVersion(v: EffectiveVersion): TraceSource {
  const s = v.source;
  return {
    id: s.id,
    citation: s.citation,
    juriconnect: v.juriconnect,
    validFrom: v.validFrom,
    validTo: v.validTo,
    text: v.text,
    ...(v.label !== null ? { version: v.label } : {}),
    ...(v.publication !== null ? { publication: v.publication } : {}),
  };
}

/** True when the law's versions matter to a frame: it has variants, `applies as of`, or cites a versioned source. */
export function isVersionedFrame(cm: CompiledModel, decl: FrameLike): boolean {
  if ((decl.variants ?? []).length > 0 || (decl.appliesAsOf ?? null) !== null) return true;
  for (const r of decl.sources) {
    const s = cm.sources.get(r.id);
    if (s && (isVersioned(s) || (r.version ?? null) !== null)) return true;
  }
  return false;
}

/**
 * Whether a frame is in force on `date`: it cites no (known) source, or one of its sources covers
 * the date. Source ids not declared in the model are ignored.
 */
export function frameInForce(cm: CompiledModel, decl: { sources: readonly SourceRef[] }, date: string): boolean {
  let known = 0;
  for (const r of decl.sources) {
    const s = cm.sources.get(r.id);
    if (!s) continue;
    known++;
    const label = r.version ?? null;
    if (label === null ? sourceCovers(s, date) : versionCovers(s, label, date)) return true;
  }
  return known === 0;
}

/** True when the version `label` of `s` covers `date`. */
function versionCovers(s: SourceDecl, label: string, date: string): boolean {
  const v = sourceVersions(s).find((x) => x.label === label);
  return v !== undefined && periodCovers(v.validFrom, v.validTo, date);
}

/** What {@link traceFrame} needs of a declaration. */
type FrameLike = {
  name: string;
  sources: readonly SourceRef[];
  explanation: string | null;
  variants?: readonly FrameVariant[];
  appliesAsOf?: Expr | null;
};

const frames = new WeakMap<object, Map<string, TraceFrame>>();

/**
 * The frame of a trace node: its sources in the version in force on `date` (all when none is).
 * Frames are built once per declaration, name and date and shared (frozen) between trace nodes:
 * the same frame appears in many nodes of a trace, and building it each time dominated tracing.
 * Keyed by the declaration object (immutable AST), so nothing is shared across models.
 */
export function traceFrame(
  cm: CompiledModel,
  kind: 'fact' | 'act' | 'duty',
  decl: FrameLike | null,
  name: string,
  date: string,
  variant: FrameVariant | null = null,
): TraceFrame {
  if (!decl) return undeclaredFrame(cm, kind, name);
  let byDate = frames.get(decl);
  if (byDate === undefined) frames.set(decl, (byDate = new Map()));
  const hit = byDate.get(date);
  if (hit !== undefined && hit.name === name && hit.kind === kind) return hit;
  if (byDate.size > 64) byDate.clear();
  const frame = isVersionedFrame(cm, decl)
    ? versionedFrame(cm, kind, decl, name, date, variant)
    : buildFrame(cm, kind, decl, name, date);
  for (const s of frame.sources) Object.freeze(s);
  Object.freeze(frame.sources);
  byDate.set(date, Object.freeze(frame));
  return frame;
}

const undeclared = new WeakMap<CompiledModel, Map<string, TraceFrame>>();

/** The (shared, frozen) frame of a name the model does not declare: no sources, no explanation. */
function undeclaredFrame(cm: CompiledModel, kind: 'fact' | 'act' | 'duty', name: string): TraceFrame {
  let byName = undeclared.get(cm);
  if (byName === undefined) undeclared.set(cm, (byName = new Map()));
  const key = `${kind}\u0000${name}`;
  let frame = byName.get(key);
  if (frame === undefined)
    byName.set(key, (frame = Object.freeze({ kind, name, sources: Object.freeze([]), explanation: null })));
  return frame;
}

/**
 * The span of an expression as trace text, `FILE:LINE:COL-LINE:COL`; `undefined` for a synthetic
 * (zero-width) span, which points at no text of its own.
 */
export function spanText(span: Span): string | undefined {
  if (
    span.start.offset === span.end.offset &&
    span.start.line === span.end.line &&
    span.start.column === span.end.column
  ) {
    return undefined;
  }
  return `${span.file}:${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

/**
 * The frame of a frame whose versions matter (grammar/README.md#versions): `at` is the deciding date, and its sources
 * are the versions applied: those the variant in force cites, then the frame's own sources in the version in force
 * on `at` (a versioned source without one in force is left out: the trace never cites a version not in force).
 */
function versionedFrame(
  cm: CompiledModel,
  kind: 'fact' | 'act' | 'duty',
  decl: FrameLike,
  name: string,
  at: string,
  variant: FrameVariant | null,
): TraceFrame {
  const out: TraceSource[] = [];
  const seen = new Set<string>();
  const add = (r: SourceRef): void => {
    const s = cm.sources.get(r.id);
    if (!s || seen.has(r.id)) return;
    const label = r.version ?? null;
    const v =
      label !== null
        ? sourceVersions(s).find((x) => x.label === label)
        : isVersioned(s)
          ? versionInForce(s, at)
          : sourceCovers(s, at)
            ? sourceVersions(s)[0]
            : null;
    if (!v) return;
    seen.add(r.id);
    out.push(traceVersion(v));
  };
  for (const r of variant?.sources ?? []) add(r);
  for (const r of decl.sources) add(r);
  return { kind, name, at, sources: out, explanation: variant?.explanation ?? decl.explanation };
}

function buildFrame(
  cm: CompiledModel,
  kind: 'fact' | 'act' | 'duty',
  decl: { name: string; sources: readonly { id: string }[]; explanation: string | null },
  name: string,
  date: string,
): TraceFrame {
  const all = decl.sources.map((r) => cm.sources.get(r.id)).filter((s): s is SourceDecl => s !== undefined);
  const inForce = all.filter((s) => sourceCovers(s, date));
  return { kind, name, sources: (inForce.length > 0 ? inForce : all).map(traceSource), explanation: decl.explanation };
}

/**
 * A finished trace node in its public form. The tracer builds nodes in that form already (`reads`
 * and `frame` are only set when there is something to record, keys in the public order), so the
 * tree is handed out as it is rather than copied: copying every node dominated small traces.
 * Nothing writes to a node once its evaluation has finished.
 */
export function finishNode(n: MutableNode): TraceNode {
  return plainTree(n) ? n : asTree(n);
}

/** Trace trees nest at most this deep; a deeper node is shown as a `Cut` node without children (docs/traces.md). */
export const MAX_TRACE_DEPTH = 400;

/** True when no node object occurs twice under `root` and nothing is deeper than {@link MAX_TRACE_DEPTH}. */
function plainTree(root: MutableNode): boolean {
  const seen = new Set<MutableNode>();
  const stack: { node: MutableNode; depth: number }[] = [{ node: root, depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (seen.has(top.node) || top.depth > MAX_TRACE_DEPTH) return false;
    seen.add(top.node);
    for (const c of top.node.children) stack.push({ node: c, depth: top.depth + 1 });
  }
  return true;
}

/**
 * The tree of a node graph in which memoised derivations are shared: each shared node is shown in
 * full where it first occurs (depth first, in child order) and as a back-reference
 * `{ kind: 'Ref', ref: <its expr>, children: [] }` after that; nodes deeper than
 * {@link MAX_TRACE_DEPTH} become `Cut` nodes. Linear in the number of distinct nodes; no recursion.
 */
function asTree(root: MutableNode): TraceNode {
  const shown = new Set<MutableNode>();
  const make = (node: MutableNode, depth: number): { out: MutableNode; expand: boolean } => {
    if (shown.has(node)) {
      const ref: MutableNode = { kind: 'Ref', expr: node.expr, value: node.value, ref: node.expr, children: [] };
      if (node.frame !== undefined) ref.frame = node.frame;
      return { out: ref, expand: false };
    }
    if (depth > MAX_TRACE_DEPTH) {
      const cut: MutableNode = { kind: 'Cut', expr: node.expr, value: node.value, children: [] };
      return { out: cut, expand: false };
    }
    shown.add(node);
    // Every field but the children, in the public key order (frame 0 is a frame).
    const out: MutableNode = {
      kind: node.kind,
      ...(node.op !== undefined ? { op: node.op } : {}),
      expr: node.expr,
      ...(node.span !== undefined ? { span: node.span } : {}),
      value: node.value,
      ...(node.frame !== undefined ? { frame: node.frame } : {}),
      ...(node.reads ? { reads: node.reads } : {}),
      children: [],
    };
    return { out, expand: node.children.length > 0 };
  };
  const top = make(root, 0).out;
  const stack: { src: MutableNode; out: MutableNode; i: number; depth: number }[] = [
    { src: root, out: top, i: 0, depth: 0 },
  ];
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as (typeof stack)[number];
    const child = f.src.children[f.i++];
    if (child === undefined) {
      stack.pop();
      continue;
    }
    const m = make(child, f.depth + 1);
    f.out.children.push(m.out);
    if (m.expand) stack.push({ src: child, out: m.out, i: 0, depth: f.depth + 1 });
  }
  return top;
}
