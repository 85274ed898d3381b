/**
 * Derivation: evaluating fact instances (stored or derived, memoised per evaluation; tall chains
 * of ground derived facts dependencies first).
 */
import type { FactDecl } from '../model/ast.js';
import type { JsonScalar } from '../model/trace.js';
import type { CExpr, CFact, Ctx, MemoEntry, MutableNode, Question } from './context.js';
import { note, spanText, traceFrame } from './context.js';
import type { VariantTable } from '../model/versions.js';
import { noVersionMessage, pickVariant } from '../model/versions.js';
import { instanceText } from './id-text.js';
import { argKey } from './state.js';
import { FALSE, TRACE_UNKNOWN, TRUE, bool, toScalar, toTraceValue, truth } from './values.js';
import type { Tri, Value } from './values.js';
import { fromScalar, MAX_DEPTH, NO_ARGS } from './convert.js';
import { enumerate } from './enumerate.js';
import { readStored, someStored, truncate } from './read.js';

/** Evaluate a derived fact instance (memoised per evaluation). */
function derive(ctx: Ctx, f: CFact, args: readonly JsonScalar[]): Tri {
  const key = args.length === 0 ? f.groundKey : `${f.name}\u0000${argKey(args)}`;
  const hit = ctx.memo.get(key);
  if (hit) {
    if (hit.inProgress) return null;
    for (const q of hit.questions) ctx.questions.push(q);
    if (hit.node && ctx.tracer) ctx.tracer.attach(hit.node);
    return hit.value;
  }
  if (ctx.depth > MAX_DEPTH || (!f.def && !f.variants) || !f.decl) return null;
  // At any depth: a tall ground chain below a parameterised fact is evaluated dependencies first too.
  if (args.length === 0 && (ctx.cm.plan.height.get(f.name) ?? 0) > PRIME_HEIGHT) primeGround(ctx, f.name);
  const entry: MemoEntry = { value: null, questions: [], node: null, inProgress: true };
  ctx.memo.set(key, entry);
  const env: Record<string, Value> = {};
  f.decl.params.forEach((p, i) => {
    const a = args[i];
    const v = a === undefined ? null : fromScalar(p.type, a, ctx.cm);
    if (v) env[p.name] = v;
  });
  const saved = { env: ctx.env, self: ctx.self };
  const qStart = ctx.questions.length;
  ctx.env = env;
  ctx.self = { fact: f.name, args };
  ctx.depth++;
  let v: Tri;
  if (f.variants) {
    const r = deriveVersioned(ctx, f, f.variants, args);
    v = r.value;
    entry.node = r.node;
  } else {
    const node = ctx.tracer ? ctx.tracer.enter('Fact', instanceText(f.name, args), undefined, defSpan(f)) : null;
    if (node && ctx.tracer) ctx.tracer.setFrame(node, traceFrame(ctx.cm, 'fact', f.decl, f.name, ctx.date));
    v = (f.def as CExpr)(ctx);
    if (node && ctx.tracer) ctx.tracer.exit(node, toTraceValue(typed(f, v)));
    entry.node = node;
  }
  v = typed(f, v);
  ctx.depth--;
  ctx.env = saved.env;
  ctx.self = saved.self;
  entry.value = v;
  // Each question once: a fact read twice by every fact above it would otherwise double them per level.
  entry.questions = uniqueQuestions(ctx.questions, qStart);
  entry.inProgress = false;
  return v;
}

/** A boolean fact's value is true or false once known. */
function typed(f: CFact, v: Tri): Tri {
  if (v !== null && f.type !== null && f.type.kind === 'PrimitiveType' && f.type.name === 'boolean')
    return bool(truth(v) === true);
  return v;
}

/**
 * Evaluate a fact with variants per version of the law (grammar/README.md#versions): the deciding date is its
 * `applies as of` date (evaluated with the instance's arguments) or else the evaluation date; the variant in force on
 * that date gives the value. No variant in force: unknown, with a note, never another version's value. The `Fact`
 * trace node's frame carries the deciding date and the source versions applied.
 */
function deriveVersioned(
  ctx: Ctx,
  f: CFact,
  table: VariantTable<CExpr>,
  args: readonly JsonScalar[],
): { value: Tri; node: MutableNode | null } {
  const decl = f.decl as FactDecl;
  const tracer = ctx.tracer;
  const node = tracer ? tracer.enter('Fact', instanceText(f.name, args)) : null;
  const at = decidingDate(ctx, f.appliesAsOf);
  let v: Tri = null;
  let frame = null;
  if (at !== null) {
    const picked = pickVariant(table, at);
    if (picked) {
      frame = traceFrame(ctx.cm, 'fact', decl, f.name, at, picked.variant);
      if (node) node.span = picked.variant.definition ? spanText(picked.variant.definition.span) : undefined;
      v = picked.value(ctx);
    } else {
      frame = traceFrame(ctx.cm, 'fact', decl, f.name, at, null);
      const message = noVersionMessage(ctx.cm.sources, `[${f.name}]`, decl.sources, table, at);
      note(ctx, { code: 'run-no-version', severity: 'warning', message, span: decl.nameSpan });
      if (tracer) tracer.exit(tracer.enter('no-version', message), TRACE_UNKNOWN);
    }
  }
  if (node && tracer) {
    if (frame) tracer.setFrame(node, frame);
    tracer.exit(node, toTraceValue(typed(f, v)));
  }
  return { value: v, node };
}

/**
 * The date that decides which version of the law applies: `asOf` evaluated in `ctx` (a date, or `null` when it is
 * unknown or not a date), or the evaluation date when the frame has no `applies as of`.
 */
export function decidingDate(ctx: Ctx, asOf: CExpr | undefined): string | null {
  if (asOf === undefined) return ctx.date;
  const d = asOf(ctx);
  return d !== null && d.type === 'date' ? d.value : null;
}

/** The questions from `start` on, each instance once, in first-asked order. */
function uniqueQuestions(qs: readonly Question[], start: number): Question[] {
  const seen = new Set<string>();
  const out: Question[] = [];
  for (let i = start; i < qs.length; i++) {
    const q = qs[i] as Question;
    const k = `${q.fact}\u0000${argKey(q.args)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(q);
  }
  return out;
}

const defSpans = new WeakMap<FactDecl, string | undefined>();

/** The span text of a derived fact's definition (its `Fact` trace node points there). */
function defSpan(f: CFact): string | undefined {
  const d = f.decl;
  if (d === null || d.definition === null) return undefined;
  if (defSpans.has(d)) return defSpans.get(d);
  const t = spanText(d.definition.span);
  defSpans.set(d, t);
  return t;
}

/** Chains of ground derived facts taller than this are evaluated dependencies first. */
const PRIME_HEIGHT = 16;

/**
 * Evaluate the ground derived facts below `name` dependencies first (an explicit stack, no
 * recursion), so a chain of any length evaluates at depth one with every read a memo hit.
 */
export function primeGround(ctx: Ctx, name: string): void {
  const plan = ctx.cm.plan;
  // Usually (evaluation in plan order) every dependency is already known: nothing to do.
  const direct = plan.groundDeps.get(name) ?? [];
  let missing = false;
  for (const d of direct) {
    const f = ctx.cm.facts.get(d);
    if (f && !ctx.memo.has(f.groundKey)) {
      missing = true;
      break;
    }
  }
  if (!missing) return;
  const post: string[] = [];
  const seen = new Set<string>([name]);
  const stack: { name: string; i: number }[] = [{ name, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { name: string; i: number };
    const deps = plan.groundDeps.get(top.name) ?? [];
    if (top.i < deps.length) {
      const d = deps[top.i++] as string;
      if (!seen.has(d) && !ctx.memo.has(`${d}\u0000[]`)) {
        seen.add(d);
        stack.push({ name: d, i: 0 });
      }
      continue;
    }
    stack.pop();
    if (top.name !== name) post.push(top.name);
  }
  const run = (): void => {
    for (const n of post) {
      const f = ctx.cm.facts.get(n);
      if (f) derive(ctx, f, NO_ARGS);
    }
  };
  if (ctx.tracer) ctx.tracer.detached(run);
  else run();
}

/** Evaluate fact `name` for `args` (`null` args = "some instance holds"). */
export function evalFact(ctx: Ctx, f: CFact, args: readonly JsonScalar[] | null): Tri {
  if (args !== null && args.length === f.arity) {
    return f.mode === 'derived' ? derive(ctx, f, args) : readStored(ctx, f, args);
  }
  if (f.mode !== 'derived') return someStored(ctx, f);
  if (f.arity === 0) return derive(ctx, f, []);
  const params = f.decl?.params ?? [];
  const combos = enumerate(ctx, params);
  if (combos === null) return null;
  let unknown = false;
  const qStart = ctx.questions.length;
  for (const c of combos) {
    const v = truth(
      derive(
        ctx,
        f,
        params.map((p) => toScalar(c[p.name] as Value)),
      ),
    );
    if (v === true) {
      truncate(ctx, qStart);
      return TRUE;
    }
    if (v === null) unknown = true;
  }
  return unknown ? null : FALSE;
}
