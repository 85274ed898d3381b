/**
 * The minimal failing conditions of an act check item, read off its derivation tree.
 *
 * The walk follows `and`, `or` and `not` down to the atoms (references, comparisons, other
 * expressions) that make the item false or unknown: an `and` or `or` that fails contributes the
 * children that fail the same way (for `and`: the false conjuncts; for `or`: every disjunct), and
 * `not X` flips the polarity, so `not X` false names the atoms that make X hold. Each condition
 * carries its frame, citation and provenance (for a duty: the record that created the instance).
 */
import type { FailingCondition, JsonScalar, Provenance, TraceFrame, TraceNode, TraceValue } from '../model/trace.js';
import type { CompiledModel } from './context.js';
import { traceFrame } from './context.js';
import { idText, instanceText } from './id-text.js';
import type { CaseState } from './state.js';

type Tri = true | false | null;

function tri(v: TraceValue): Tri | undefined {
  return v.type === 'boolean' ? v.value : v.type === 'unknown' ? null : undefined;
}

function flip(t: Tri, negated: boolean): Tri {
  return negated && t !== null ? !t : t;
}

/** A trace value as an argument: an instance of a one-place fact is its argument. */
function argOf(v: TraceValue): JsonScalar {
  switch (v.type) {
    case 'unknown':
      return null;
    case 'boolean':
      return v.value;
    case 'instance':
      return v.args.length === 1 ? (v.args[0] ?? null) : v.args.map(idText).join(', ');
    default:
      return v.value;
  }
}

/** The frame name and sigil of a reference node: `[f](x)`, `<d>(x)`, `<<a>>(x)`. */
function refTarget(n: TraceNode): { kind: 'fact' | 'duty' | 'act'; name: string } | null {
  if (n.kind !== 'Ref') return null;
  const m = /^(<<|<|\[)(.*?)(>>|>|\])(\(.*\))?$/s.exec(n.expr);
  if (!m) return null;
  const kind = m[1] === '<<' ? 'act' : m[1] === '<' ? 'duty' : 'fact';
  return { kind, name: m[2] as string };
}

function readsIn(n: TraceNode, out: Map<string, { fact: string; args: readonly JsonScalar[] }>): void {
  const stack = [n];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    for (const r of x.reads ?? []) out.set(`${r.fact}\u0000${JSON.stringify(r.args)}`, { fact: r.fact, args: r.args });
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i] as TraceNode);
  }
}

interface Env {
  readonly cm: CompiledModel;
  readonly state: CaseState;
  readonly date: string;
  /** The frame table the nodes' `frame` indexes point into. */
  readonly frames: readonly TraceFrame[];
}

function frameAt(env: Env, n: TraceNode): TraceFrame | null {
  return n.frame === undefined ? null : (env.frames[n.frame] ?? null);
}

function leaf(env: Env, n: TraceNode, negated: boolean, value: TraceValue): FailingCondition {
  const target = refTarget(n);
  let bound = n.expr;
  let frame: TraceFrame | null = frameAt(env, n);
  let provenance: Provenance | null = null;
  const ownRead = n.reads?.length === 1 ? n.reads[0] : undefined;
  if (ownRead) {
    bound = instanceText(ownRead.fact, ownRead.args);
    provenance = ownRead.provenance;
  } else if (!target) {
    // A comparison or other expression: its references printed with their arguments bound.
    for (const c of n.children) {
      const r = c.kind === 'Ref' && c.reads?.length === 1 ? c.reads[0] : undefined;
      if (r) bound = bound.split(c.expr).join(instanceText(r.fact, r.args));
    }
  } else if (target.kind === 'fact') {
    const def = n.children.find((c) => c.kind === 'Fact');
    if (def) {
      bound = def.expr;
      frame ??= frameAt(env, def);
      const from = new Map<string, { fact: string; args: readonly JsonScalar[] }>();
      readsIn(def, from);
      provenance = { kind: 'derived', frame: target.name, from: [...from.values()] };
    }
  } else if (target) {
    const arity =
      target.kind === 'duty' ? (env.cm.duties.get(target.name)?.decl.params.length ?? 0) : n.children.length;
    const args = n.children.slice(0, arity).map((c) => argOf(c.value));
    const open = target.kind === 'duty' ? '<' : '<<';
    const close = target.kind === 'duty' ? '>' : '>>';
    bound = `${open}${target.name}${close}${args.length > 0 ? `(${args.map(idText).join(', ')})` : ''}`;
    if (target.kind === 'duty') {
      frame ??= traceFrame(env.cm, 'duty', env.cm.duties.get(target.name)?.decl ?? null, target.name, env.date);
      const key = args.map((a) => String(a));
      const inst = env.state.duties.find(
        (d) => d.duty === target.name && d.status === 'active' && key.every((a, i) => String(d.args[i]) === a),
      );
      if (inst) provenance = { kind: 'created', record: inst.createdBy, at: inst.createdAt };
    } else {
      frame ??= traceFrame(env.cm, 'act', env.cm.acts.get(target.name)?.decl ?? null, target.name, env.date);
    }
  }
  const citation = frame && frame.sources.length > 0 ? frame.sources.map((s) => s.citation ?? s.id).join('; ') : null;
  return { expr: negated ? `not ${bound}` : bound, value, negated, frame, citation, provenance };
}

/**
 * The minimal failing conditions of `node` (the derivation of one check item, its value false or
 * unknown). Iterative; nodes without boolean structure are conditions themselves.
 */
export function failingConditions(
  cm: CompiledModel,
  state: CaseState,
  date: string,
  node: TraceNode,
  frames: readonly TraceFrame[] = [],
): FailingCondition[] {
  const env: Env = { cm, state, date, frames };
  const out: FailingCondition[] = [];
  const stack: { n: TraceNode; negated: boolean }[] = [{ n: node, negated: false }];
  while (stack.length > 0) {
    const { n, negated } = stack.pop() as { n: TraceNode; negated: boolean };
    const t = tri(n.value);
    const eff = t === undefined ? undefined : flip(t, negated);
    const value: TraceValue = eff === null ? { type: 'unknown' } : { type: 'boolean', value: eff ?? false };
    if (n.kind === 'Unary' && n.expr.startsWith('not ') && n.children.length === 1) {
      stack.push({ n: n.children[0] as TraceNode, negated: !negated });
      continue;
    }
    // `and` / `or` (arithmetic Nary nodes have non-truth-valued children). A decided `and` may have
    // fewer children than operands: evaluation stops at the first false conjunct.
    const isJunction =
      n.kind === 'Nary' && n.children.length > 0 && n.children.every((c) => tri(c.value) !== undefined);
    if (isJunction && eff !== true) {
      const failing = n.children.filter((c) => flip(tri(c.value) as Tri, negated) === eff);
      if (failing.length > 0) {
        for (let i = failing.length - 1; i >= 0; i--) stack.push({ n: failing[i] as TraceNode, negated });
        continue;
      }
    }
    out.push(leaf(env, n, negated, value));
  }
  return out;
}

function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'given':
      return p.by === null ? `given on ${p.at}` : `given by ${idText(p.by)} on ${p.at}`;
    case 'created':
      return `created by ${p.record} on ${p.at}`;
    case 'role':
      return `role of ${idText(p.actor)}`;
    default:
      return p.from.length > 0
        ? `derived from ${p.from.map((r) => instanceText(r.fact, r.args)).join(', ')}`
        : 'derived';
  }
}

/**
 * A failing condition as an English sentence part, e.g. `not <d>(alice): that duty is still active
 * (created by r9 on 2025-09-01, art. 20 Awir)`. Renderings in other languages live in src/trace.
 */
export function conditionMessage(c: FailingCondition): string {
  const kind = c.frame?.kind;
  const what =
    c.value.type === 'unknown'
      ? 'not known yet'
      : c.negated
        ? kind === 'duty'
          ? 'that duty is still active'
          : kind === 'fact'
            ? 'that fact holds'
            : 'that holds'
        : kind === 'duty'
          ? 'no such duty is active'
          : kind === 'fact'
            ? 'that fact does not hold'
            : 'that is not the case';
  const how = c.provenance && c.provenance.kind !== 'derived' ? provenanceText(c.provenance) : null;
  const extra = [how, c.citation].filter((x): x is string => x !== null);
  return `${c.expr}: ${what}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** A duty reference in a derivation tree, with its arguments bound and its value there. */
export interface DutyRead {
  readonly duty: string;
  readonly args: readonly JsonScalar[];
  readonly value: TraceValue;
}

/** The duty references (`<duty>(args)`) a derivation evaluated, first seen first, without duplicates. */
export function dutyReads(cm: CompiledModel, root: TraceNode): DutyRead[] {
  const out = new Map<string, DutyRead>();
  const stack = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    const target = refTarget(n);
    if (target?.kind === 'duty') {
      const arity = cm.duties.get(target.name)?.decl.params.length ?? 0;
      const args = n.children.slice(0, arity).map((c) => argOf(c.value));
      const k = `${target.name}\u0000${JSON.stringify(args)}`;
      if (!out.has(k)) out.set(k, { duty: target.name, args, value: n.value });
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as TraceNode);
  }
  return [...out.values()];
}
