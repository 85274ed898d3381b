/**
 * Compile a Model into an indexed, closure-compiled form the interpreter runs.
 *
 * Native meanings of the FLINT JSON compatibility forms:
 * - `Is{identity}`: the performing actor's id equals `identity` (`anyone` always true; unknown
 *   outside an act).
 * - `Created`: the fact instance being derived holds iff an act created it (or it was given) and
 *   no act terminated it since.
 * - `Projection`: read the operand among the parameters and supplied facts of the act records that
 *   created the holding instances of `context[0]` (`single`: the first, `some`/`all`: any/every).
 * - `List`: cannot be decided natively; evaluates its item (to collect questions) and is unknown.
 *
 * Aggregates range over the *known* holding instances of the bound fact types (input and created
 * instances in the state; declared actors for `actor`). A `where` that is unknown for some
 * combination makes count/sum/min/max unknown; `exists` is true if some combination is
 * definitely true, `forall` false if some is definitely false, else unknown.
 */
import type { Decimal } from 'decimal.js';
import type { Aggregate, Call, Expr, FactDecl, Model, Param, Ref, TypeRef } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { MAX_DERIVATION_DEPTH, MAX_EXPR_DEPTH, tooDeepExpr } from '../model/depth.js';
import type { JsonScalar } from '../model/trace.js';
import { actsOf, dutiesOf, factsOf, sourceDeclsOf, walkExpr } from '../model/walk.js';
import type {
  ActorCheck,
  CAct,
  CDuty,
  CEffect,
  CExpr,
  CFact,
  CompiledModel,
  Ctx,
  MemoEntry,
  Question,
} from './context.js';
import { spanText, traceFrame } from './context.js';
import { exprText } from './expr-text.js';
import { instanceText } from './id-text.js';
import { buildPlan } from './plan.js';
import { argKey } from './state.js';
import type { FactInstance } from './state.js';
import {
  Dec,
  DECIMAL_MAX_EXPONENT,
  FALSE,
  TRUE,
  addDuration,
  bool,
  compareValues,
  daysBetween,
  finite,
  isDate,
  isDuration,
  makeDate,
  monthsBetween,
  num,
  parseDecimal,
  toScalar,
  toTraceValue,
  truth,
  valueEquals,
} from './values.js';
import type { Tri, Value } from './values.js';

const MAX_DEPTH = MAX_DERIVATION_DEPTH;
const NO_ARGS: readonly JsonScalar[] = Object.freeze([]);
const MAX_COMBINATIONS = 10_000;

/** Convert a stored scalar into a runtime value of type `t`; `null` when it does not fit. */
export function fromScalar(t: TypeRef | null, s: JsonScalar, cm?: CompiledModel, depth = 0): Value | null {
  if (t === null || (t.kind === 'PrimitiveType' && t.name === 'boolean')) {
    return typeof s === 'boolean' ? bool(s) : null;
  }
  if (t.kind === 'FactType') {
    if (s === null) return null;
    const f = cm?.facts.get(t.name);
    if (f && f.arity !== 1 && typeof s === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(s);
      } catch {
        return null;
      }
      if (Array.isArray(parsed)) {
        const args = instanceArgs(f, parsed as JsonScalar[], cm, depth);
        return args === null ? null : { type: 'instance', fact: t.name, args };
      }
    }
    const args = f ? instanceArgs(f, [s], cm, depth) : [s];
    return args === null ? null : { type: 'instance', fact: t.name, args };
  }
  switch (t.name) {
    case 'integer':
    case 'decimal': {
      if (typeof s !== 'string' && typeof s !== 'number') return null;
      const d = parseDecimal(s);
      if (d === null || (t.name === 'integer' && !d.isInteger())) return null;
      return num(d, t.name === 'integer');
    }
    case 'text':
      // A number given for a text parameter denotes its decimal spelling (`2019` is "2019").
      if (typeof s === 'number') return Number.isFinite(s) ? { type: 'text', value: String(s) } : null;
      return typeof s === 'string' ? { type: 'text', value: s } : null;
    case 'date':
      return typeof s === 'string' && isDate(s) ? { type: 'date', value: s } : null;
    case 'duration':
      return typeof s === 'string' && isDuration(s) ? { type: 'duration', value: s } : null;
    case 'actor':
      return typeof s === 'string' ? { type: t.name, value: s } : null;
  }
  return null;
}

/** Instance references nest at most this deep before their arguments are taken as they are. */
const MAX_INSTANCE_DEPTH = 8;

/** The arguments of an instance of `f` in canonical form; `null` when one does not fit its type. */
function instanceArgs(
  f: CFact,
  args: readonly JsonScalar[],
  cm: CompiledModel | undefined,
  depth: number,
): JsonScalar[] | null {
  const params = f.decl?.params ?? [];
  if (params.length !== args.length || depth >= MAX_INSTANCE_DEPTH) return [...args];
  const out: JsonScalar[] = [];
  for (const [i, p] of params.entries()) {
    const c = canonicalScalar(p.type, args[i] ?? null, cm, depth + 1);
    if (c === undefined) return null;
    out.push(c);
  }
  return out;
}

/**
 * The canonical JSON scalar of `s` as a value of type `t` (how instance arguments and act
 * parameters are keyed), or `undefined` when it does not fit: integer/decimal → exact decimal
 * text (`2019`, `"2019.0"` → `"2019"`); text → the string (a finite number → its decimal
 * spelling); date → a valid `YYYY-MM-DD`; duration → `P<n>D|W|M|Y`; actor → the id; boolean →
 * `true`/`false`; instance of a one-parameter fact → its argument in canonical form, of other
 * arity → the JSON text of its canonical argument array.
 */
export function canonicalScalar(t: TypeRef, s: JsonScalar, cm?: CompiledModel, depth = 0): JsonScalar | undefined {
  const v = fromScalar(t, s, cm, depth);
  return v === null ? undefined : toScalar(v);
}

/**
 * `args` in canonical form for the parameters `params` ({@link canonicalScalar}); an argument
 * without a parameter, or that does not fit, is kept as it is. Same array when nothing changes.
 */
export function canonicalArgs(
  params: readonly Param[],
  args: readonly JsonScalar[],
  cm?: CompiledModel,
): readonly JsonScalar[] {
  let out: JsonScalar[] | null = null;
  for (const [i, a] of args.entries()) {
    const p = params[i];
    const c = p === undefined || a === null ? a : canonicalScalar(p.type, a, cm);
    if (c !== undefined && c !== a) {
      out ??= [...args];
      out[i] = c;
    }
  }
  return out ?? args;
}

/** Whether a stored instance holds: not terminated and (for boolean facts) true. */
export function instanceHolds(i: FactInstance): boolean {
  return i.terminated === null && i.value !== false;
}

/** Drop the questions asked since `mark` (setting an array's length is slow even when unchanged). */
export function truncate(ctx: Ctx, mark: number): void {
  if (ctx.questions.length > mark) ctx.questions.length = mark;
}

/** Whether the case declares `actor` with role `f` or one of its sub-roles. */
export function declaredRole(ctx: Ctx, f: CFact, actor: string): boolean {
  const roles = ctx.state.actors[actor]?.roles;
  if (roles === undefined) return false;
  for (const r of roles) {
    if (r === f.name) return true;
    for (const i of f.impliedBy) if (i === r) return true;
  }
  return false;
}

/** The stored instance saying `actor` plays role `f` (or a sub-role), if any holds. */
export function roleInstance(ctx: Ctx, f: CFact, actor: string): FactInstance | undefined {
  const key = argKey([actor]);
  let found: FactInstance | undefined;
  for (const r of f.impliedBy) {
    const i = ctx.state.facts[r]?.[key];
    if (i && instanceHolds(i)) return i;
    if (r === f.name) found = i;
  }
  return found;
}

function pushQuestion(ctx: Ctx, fact: string, args: readonly JsonScalar[]): void {
  ctx.questions.push({ fact, args });
}

/** Read a stored (input or created) fact instance, tracing the read. */
function readStored(ctx: Ctx, f: CFact, args: readonly JsonScalar[]): Tri {
  const inst =
    f.isRole && typeof args[0] === 'string' ? roleInstance(ctx, f, args[0]) : ctx.state.facts[f.name]?.[argKey(args)];
  let v: Tri;
  if (f.isRole && typeof args[0] === 'string' && declaredRole(ctx, f, args[0])) {
    v = TRUE;
  } else if (inst) {
    v =
      inst.terminated !== null
        ? FALSE
        : f.isRole || f.type === null
          ? bool(inst.value !== false)
          : fromScalar(f.type, inst.value, ctx.cm);
  } else if (f.mode === 'created' || f.closed) {
    v = FALSE;
  } else {
    v = null;
    pushQuestion(ctx, f.name, args);
  }
  if (ctx.tracer) {
    const prov =
      inst && !(f.isRole && typeof args[0] === 'string' && declaredRole(ctx, f, args[0]))
        ? inst.provenance
        : v === TRUE && typeof args[0] === 'string'
          ? ({ kind: 'role', actor: args[0] } as const)
          : null;
    const ended = inst?.terminated ? { terminated: inst.terminated } : {};
    ctx.tracer.read({ fact: f.name, args, value: toTraceValue(v), provenance: prov, ...ended });
  }
  return v;
}

/** "Some instance holds" for a stored fact. */
function someStored(ctx: Ctx, f: CFact): Tri {
  const insts = ctx.state.facts[f.name];
  if (insts) {
    for (const i of Object.values(insts)) {
      if (instanceHolds(i)) {
        ctx.tracer?.read({ fact: f.name, args: i.args, value: toTraceValue(TRUE), provenance: i.provenance });
        return TRUE;
      }
    }
  }
  if (f.arity <= 1) {
    for (const [id, a] of Object.entries(ctx.state.actors)) {
      if (a.roles.some((r) => f.impliedBy.includes(r))) {
        ctx.tracer?.read({
          fact: f.name,
          args: f.isRole ? [id] : [],
          value: toTraceValue(TRUE),
          provenance: { kind: 'role', actor: id },
        });
        return TRUE;
      }
    }
  }
  if (f.mode === 'created' || f.closed) return FALSE;
  if (f.arity === 0 && insts?.[argKey([])]) return FALSE;
  pushQuestion(ctx, f.name, []);
  ctx.tracer?.read({ fact: f.name, args: [], value: { type: 'unknown' }, provenance: null });
  return null;
}

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
  if (ctx.depth > MAX_DEPTH || !f.def || !f.decl) return null;
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
  const node = ctx.tracer ? ctx.tracer.enter('Fact', instanceText(f.name, args), undefined, defSpan(f)) : null;
  if (node && ctx.tracer) ctx.tracer.setFrame(node, traceFrame(ctx.cm, 'fact', f.decl, f.name, ctx.date));
  let v = f.def(ctx);
  if (v !== null && f.type !== null && f.type.kind === 'PrimitiveType' && f.type.name === 'boolean')
    v = bool(truth(v) === true);
  if (node && ctx.tracer) ctx.tracer.exit(node, toTraceValue(v));
  ctx.depth--;
  ctx.env = saved.env;
  ctx.self = saved.self;
  entry.value = v;
  // Each question once: a fact read twice by every fact above it would otherwise double them per level.
  entry.questions = uniqueQuestions(ctx.questions, qStart);
  entry.node = node;
  entry.inProgress = false;
  return v;
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

/** The known values a parameter of type `t` can take; `null` when the type cannot be enumerated. */
export function domainOf(ctx: Ctx, t: TypeRef): Value[] | null {
  if (t.kind === 'PrimitiveType') {
    if (t.name === 'actor') return Object.keys(ctx.state.actors).map((id) => ({ type: 'actor', value: id }) as const);
    if (t.name === 'boolean') return [TRUE, FALSE];
    return null;
  }
  const f = ctx.cm.facts.get(t.name);
  if (!f) return null;
  const out: Value[] = [];
  const seen = new Set<string>();
  const push = (args: readonly JsonScalar[]): void => {
    const k = argKey(args);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ type: 'instance', fact: t.name, args });
  };
  for (const r of f.impliedBy) {
    for (const i of Object.values(ctx.state.facts[r] ?? {})) if (instanceHolds(i)) push(i.args);
  }
  if (f.isRole) {
    for (const [id, a] of Object.entries(ctx.state.actors))
      if (a.roles.some((r) => f.impliedBy.includes(r))) push([id]);
  }
  return out;
}

/** Every combination of known values for `params` (bounded); `null` when some type is not enumerable. */
export function enumerate(
  ctx: Ctx,
  params: readonly Param[],
  fixed: Record<string, Value> = {},
): Record<string, Value>[] | null {
  let combos: Record<string, Value>[] = [{ ...fixed }];
  for (const p of params) {
    if (fixed[p.name]) continue;
    const dom = domainOf(ctx, p.type);
    if (dom === null) return null;
    const next: Record<string, Value>[] = [];
    for (const c of combos) {
      for (const v of dom) {
        next.push({ ...c, [p.name]: v });
        if (next.length > MAX_COMBINATIONS) return null;
      }
    }
    combos = next;
  }
  return combos;
}

/**
 * Call `visit` with every combination of known values for `params`, one at a time (an odometer,
 * so memory stays O(parameters) however many combinations there are), until it returns `true`.
 * `null` when some type is not enumerable, else whether `visit` stopped the walk.
 */
export function forEachCombination(
  ctx: Ctx,
  params: readonly Param[],
  visit: (c: Record<string, Value>) => boolean,
): boolean | null {
  const domains: Value[][] = [];
  for (const p of params) {
    const dom = domainOf(ctx, p.type);
    if (dom === null) return null;
    if (dom.length === 0) return false;
    domains.push(dom);
  }
  const index = params.map(() => 0);
  for (;;) {
    const c: Record<string, Value> = {};
    params.forEach((p, i) => {
      c[p.name] = (domains[i] as Value[])[index[i] as number] as Value;
    });
    if (visit(c)) return true;
    let i = params.length - 1;
    while (i >= 0 && (index[i] = (index[i] as number) + 1) === (domains[i] as Value[]).length) index[i--] = 0;
    if (i < 0) return false;
  }
}

function isNumber(v: Value): v is Extract<Value, { type: 'integer' | 'decimal' }> {
  return v.type === 'integer' || v.type === 'decimal';
}

/** A number value, or unknown when `d` overflowed the decimal range (see {@link Dec}). */
function numOrUnknown(d: Decimal, integer: boolean): Tri {
  const f = finite(d);
  return f === null ? null : num(f, integer);
}

/** Arithmetic is total: division by zero and results beyond the decimal range are unknown. */
function arith(op: 'add' | 'sub' | 'mul' | 'div', a: Value, b: Value): Tri {
  if (isNumber(a) && isNumber(b)) {
    const int = a.type === 'integer' && b.type === 'integer';
    const x = new Dec(a.value);
    switch (op) {
      case 'add':
        return numOrUnknown(x.plus(b.value), int);
      case 'sub':
        return numOrUnknown(x.minus(b.value), int);
      case 'mul':
        return numOrUnknown(x.times(b.value), int);
      case 'div':
        return b.value.isZero() ? null : numOrUnknown(x.dividedBy(b.value), false);
    }
  }
  if (a.type === 'date' && b.type === 'duration' && (op === 'add' || op === 'sub')) {
    const d = addDuration(a.value, b.value, op === 'add' ? 1 : -1);
    return d === null ? null : { type: 'date', value: d };
  }
  if (a.type === 'duration' && b.type === 'date' && op === 'add') return arith('add', b, a);
  if (a.type === 'date' && b.type === 'date' && op === 'sub') return num(new Dec(daysBetween(b.value, a.value)), true);
  return null;
}

function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: Value, b: Value): boolean | null {
  if (op === 'eq') return valueEquals(a, b);
  if (op === 'ne') return !valueEquals(a, b);
  const c = compareValues(a, b);
  if (c === null) return null;
  return op === 'lt' ? c < 0 : op === 'le' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
}

function callFn(fn: string, args: Value[]): Tri {
  const a0 = args[0];
  const a1 = args[1];
  switch (fn) {
    case 'min':
    case 'max': {
      let best: Value | undefined;
      for (const v of args) {
        if (best === undefined) best = v;
        else {
          const c = compareValues(v, best);
          if (c === null) return null;
          if (fn === 'min' ? c < 0 : c > 0) best = v;
        }
      }
      return best ?? null;
    }
    case 'sum':
    case 'product': {
      let acc: Value = num(new Dec(fn === 'sum' ? 0 : 1), true);
      for (const v of args) {
        const r = arith(fn === 'sum' ? 'add' : 'mul', acc, v);
        if (r === null) return null;
        acc = r;
      }
      return acc;
    }
    case 'abs':
      return a0 && isNumber(a0) ? num(new Dec(a0.value).abs(), a0.type === 'integer') : null;
    case 'floor':
    case 'ceil':
      return a0 && isNumber(a0)
        ? num(fn === 'floor' ? new Dec(a0.value).floor() : new Dec(a0.value).ceil(), true)
        : null;
    case 'round':
      return a0 && isNumber(a0) ? roundTo(a0.value, a1) : null;
    case 'date': {
      if (!a0 || !a1 || !args[2] || !isNumber(a0) || !isNumber(a1) || !isNumber(args[2])) return null;
      if (![a0, a1, args[2]].every((v) => v.value.isInteger() && v.value.abs().lte(9999))) return null;
      const d = makeDate(a0.value.toNumber(), a1.value.toNumber(), args[2].value.toNumber());
      return d === null ? null : { type: 'date', value: d };
    }
    case 'year':
    case 'month':
    case 'day': {
      if (a0?.type !== 'date') return null;
      const part = fn === 'year' ? a0.value.slice(0, 4) : fn === 'month' ? a0.value.slice(5, 7) : a0.value.slice(8, 10);
      return num(new Dec(Number(part)), true);
    }
    case 'days':
      return a0?.type === 'date' && a1?.type === 'date' ? num(new Dec(daysBetween(a0.value, a1.value)), true) : null;
    case 'months':
    case 'years': {
      if (a0?.type !== 'date' || a1?.type !== 'date') return null;
      const m = monthsBetween(a0.value, a1.value);
      return num(new Dec(fn === 'months' ? m : Math.trunc(m / 12)), true);
    }
  }
  return null;
}

/**
 * `round(x, places)`: half up to `places` decimals (default 0). Negative places round to tens,
 * hundreds, ... (`round(1250, -2)` is 1300). `places` must be a whole number in
 * -{@link DECIMAL_MAX_EXPONENT}..{@link DECIMAL_MAX_EXPONENT}; otherwise the result is unknown.
 */
function roundTo(x: Decimal, placesArg: Value | undefined): Tri {
  if (placesArg !== undefined && !isNumber(placesArg)) return null;
  const p = placesArg === undefined ? new Dec(0) : placesArg.value;
  if (!p.isInteger() || p.abs().gt(DECIMAL_MAX_EXPONENT)) return null;
  const places = p.toNumber();
  const v = new Dec(x);
  if (places >= 0) return numOrUnknown(v.toDecimalPlaces(places, Dec.ROUND_HALF_UP), places === 0);
  const unit = new Dec(10).pow(-places);
  return numOrUnknown(v.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit), true);
}

/** The functions `Call` supports. */
export const KNOWN_FUNCTIONS: readonly string[] = [
  'min',
  'max',
  'sum',
  'product',
  'abs',
  'floor',
  'ceil',
  'round',
  'date',
  'year',
  'month',
  'day',
  'days',
  'months',
  'years',
];

interface Builder {
  readonly facts: Map<string, CFact>;
  readonly actsByName: Map<string, () => CAct | undefined>;
  readonly diagnostics: Diagnostic[];
  /** How deep compileExpr is in the expression it was called for (0: not in one). */
  nesting?: number;
}

/**
 * Compile one expression into a closure (wrapped to build a trace node when tracing). A top-level
 * expression nested deeper than {@link MAX_EXPR_DEPTH} is refused (`expression-too-deep`) and
 * evaluates to unknown, so compiling and evaluating never recurse deeper than that.
 */
function compileExpr(e: Expr, b: Builder): CExpr {
  if (!b.nesting) {
    const deep = tooDeepExpr(e);
    if (deep !== undefined) {
      b.diagnostics.push({
        code: 'expression-too-deep',
        severity: 'error',
        message: `This expression nests more than ${MAX_EXPR_DEPTH} levels deep; it evaluates to unknown.`,
        span: deep.span,
        hint: 'Split it into named facts that refer to each other.',
      });
      return () => null;
    }
  }
  b.nesting = (b.nesting ?? 0) + 1;
  let raw: CExpr;
  try {
    raw = compileRaw(e, b);
  } finally {
    b.nesting--;
  }
  // A literal's node would only repeat its parent's text.
  if (e.kind === 'Literal') return raw;
  let text: string | null = null;
  let span: string | undefined;
  const op = exprOp(e);
  return (ctx) => {
    const t = ctx.tracer;
    if (t === null) return raw(ctx);
    if (text === null) {
      text = exprText(e);
      span = spanText(e.span);
    }
    const node = t.enter(e.kind, text, op, span);
    const v = raw(ctx);
    t.exit(node, toTraceValue(v));
    return v;
  };
}

/** The operator of an expression as recorded in its trace node (see TraceOp), if it has one. */
export function exprOp(e: Expr): string | undefined {
  switch (e.kind) {
    case 'Nary':
    case 'Unary':
    case 'Compare':
    case 'Aggregate':
      return e.op;
    case 'Call':
      return e.fn;
    case 'Conditional':
      return 'if';
    case 'Projection':
      return 'of';
    case 'List':
      return 'list';
    default:
      return undefined;
  }
}

function compileRef(e: Ref, b: Builder): CExpr {
  const args = e.args.map((a) => compileExpr(a, b));
  const evalArgs = (ctx: Ctx): JsonScalar[] | null => {
    const out: JsonScalar[] = [];
    for (const a of args) {
      const v = a(ctx);
      if (v === null) return null;
      out.push(toScalar(v));
    }
    return out;
  };
  if (e.frame === 'fact') {
    let f = b.facts.get(e.name);
    if (!f) {
      b.diagnostics.push({
        code: 'run-undefined-fact',
        severity: 'warning',
        message: `The fact [${e.name}] is referenced but not defined; it is treated as an input fact.`,
        span: e.span,
      });
      f = {
        name: e.name,
        decl: null,
        arity: e.args.length,
        isRole: false,
        impliedBy: [e.name],
        mode: 'input',
        type: null,
        closed: false,
        def: null,
        groundKey: `${e.name}\u0000[]`,
      };
      b.facts.set(e.name, f);
    }
    const cf = f;
    return (ctx) => {
      const a = args.length === 0 ? null : evalArgs(ctx);
      if (args.length > 0 && a === null) return null;
      if (ctx.tracer && cf.decl && cf.mode !== 'derived') {
        ctx.tracer.setFrame(ctx.tracer.top, traceFrame(ctx.cm, 'fact', cf.decl, cf.name, ctx.date));
      }
      return evalFact(ctx, cf, a === null && cf.arity === 0 ? NO_ARGS : a);
    };
  }
  if (e.frame === 'duty') {
    return (ctx) => {
      const a = evalArgs(ctx);
      if (a === null) return null;
      const found = ctx.state.duties.some(
        (d) => d.duty === e.name && d.status === 'active' && a.every((x, i) => d.args[i] === x),
      );
      return bool(found);
    };
  }
  const getAct = b.actsByName.get(e.name);
  return (ctx) => {
    const act = getAct?.();
    if (!act || ctx.depth > MAX_DEPTH) return null;
    const a = evalArgs(ctx);
    if (a === null) return null;
    const env: Record<string, Value> = {};
    act.decl.params.forEach((p, i) => {
      const x = a[i];
      const v = x === undefined ? null : fromScalar(p.type, x, ctx.cm);
      if (v) env[p.name] = v;
    });
    if (!act.preconditions) return TRUE;
    const saved = ctx.env;
    ctx.env = env;
    ctx.depth++;
    const v = act.preconditions(ctx);
    ctx.depth--;
    ctx.env = saved;
    return v;
  };
}

function compileAggregate(e: Aggregate, b: Builder): CExpr {
  const where = e.where ? compileExpr(e.where, b) : null;
  const body = e.body ? compileExpr(e.body, b) : null;
  // No limit on the number of combinations (they are visited one at a time): an aggregate over
  // many instances takes time proportional to their number and never silently gives up.
  return (ctx) => {
    const saved = ctx.env;
    let unknown = false;
    let count = 0;
    const values: Value[] = [];
    let decided: Tri | undefined;
    const qStart = ctx.questions.length;
    const walked = forEachCombination(ctx, e.bindings, (c) => {
      ctx.env = { ...saved, ...c };
      const w = where ? truth(where(ctx)) : true;
      if (w === false) return false;
      if (e.op === 'exists' || e.op === 'count') {
        if (w === null) unknown = true;
        else {
          count++;
          if (e.op === 'exists') {
            decided = TRUE;
            return true;
          }
        }
        return false;
      }
      const v = body ? body(ctx) : TRUE;
      if (e.op === 'forall') {
        const t = truth(v);
        if (w === true && t === false) {
          decided = FALSE;
          return true;
        }
        if (w === null || t === null) unknown = true;
        return false;
      }
      if (w === null || v === null) unknown = true;
      else values.push(v);
      return false;
    });
    ctx.env = saved;
    if (walked === null) return null;
    if (decided !== undefined) {
      truncate(ctx, qStart);
      return decided;
    }
    if (unknown) return null;
    truncate(ctx, qStart);
    switch (e.op) {
      case 'exists':
        return FALSE;
      case 'forall':
        return TRUE;
      case 'count':
        return num(new Dec(count), true);
      case 'sum':
        return callFn('sum', values);
      case 'min':
      case 'max':
        return values.length === 0 ? null : callFn(e.op, values);
    }
  };
}

function compileCall(e: Call, b: Builder): CExpr {
  if (!KNOWN_FUNCTIONS.includes(e.fn)) {
    b.diagnostics.push({
      code: 'run-unknown-function',
      severity: 'warning',
      message: `The function ${e.fn}() is not known to the interpreter; it evaluates to unknown.`,
      span: e.span,
      hint: `Known functions: ${KNOWN_FUNCTIONS.join(', ')}.`,
    });
  }
  const args = e.args.map((a) => compileExpr(a, b));
  return (ctx) => {
    const vs: Value[] = [];
    let unknown = false;
    for (const a of args) {
      const v = a(ctx);
      if (v === null) unknown = true;
      else vs.push(v);
    }
    return unknown ? null : callFn(e.fn, vs);
  };
}

function compileRaw(e: Expr, b: Builder): CExpr {
  switch (e.kind) {
    case 'Literal': {
      let v: Value | null;
      if (e.type === 'boolean') v = bool(e.value);
      else if (e.type === 'integer' || e.type === 'decimal') {
        const d = parseDecimal(e.value);
        v = d === null ? null : num(d, e.type === 'integer');
      } else if (e.type === 'date') v = isDate(e.value) ? { type: 'date', value: e.value } : null;
      else if (e.type === 'duration') v = isDuration(e.value) ? { type: 'duration', value: e.value } : null;
      else v = { type: e.type, value: e.value };
      return () => v;
    }
    case 'Ref':
      return compileRef(e, b);
    case 'Var': {
      const name = e.name;
      return (ctx) => ctx.env[name] ?? null;
    }
    case 'Member': {
      const obj = compileExpr(e.object, b);
      const field = e.field;
      return (ctx) => {
        const o = obj(ctx);
        if (o === null || o.type !== 'instance') return null;
        const f = ctx.cm.facts.get(o.fact);
        const idx = f?.decl?.params.findIndex((p) => p.name === field) ?? -1;
        const p = f?.decl?.params[idx];
        const a = o.args[idx];
        return p && a !== undefined ? fromScalar(p.type, a, ctx.cm) : null;
      };
    }
    case 'Unary': {
      const op = compileExpr(e.operand, b);
      if (e.op === 'not') {
        return (ctx) => {
          const t = truth(op(ctx));
          return t === null ? null : bool(!t);
        };
      }
      return (ctx) => {
        const v = op(ctx);
        return v !== null && isNumber(v) ? num(new Dec(v.value).negated(), v.type === 'integer') : null;
      };
    }
    case 'Nary': {
      const ops = e.operands.map((o) => compileExpr(o, b));
      if (e.op === 'and' || e.op === 'or') {
        const stop = e.op === 'or';
        return (ctx) => {
          const qStart = ctx.questions.length;
          let unknown = false;
          for (const o of ops) {
            const t = truth(o(ctx));
            if (t === stop) {
              // A decided operand makes the questions of undecided ones irrelevant.
              truncate(ctx, qStart);
              return bool(stop);
            }
            if (t === null) unknown = true;
          }
          return unknown ? null : bool(!stop);
        };
      }
      const op = e.op;
      return (ctx) => {
        if (ops.length === 0) return num(new Dec(op === 'mul' ? 1 : 0), true);
        let acc: Tri = null;
        let unknown = false;
        ops.forEach((o, i) => {
          const v = o(ctx);
          if (v === null) unknown = true;
          else if (i === 0) acc = v;
          else if (acc !== null) acc = arith(op, acc, v);
          if (i > 0 && acc === null) unknown = true;
        });
        return unknown ? null : acc;
      };
    }
    case 'Compare': {
      const ops = e.operands.map((o) => compileExpr(o, b));
      const op = e.op;
      return (ctx) => {
        const vs = ops.map((o) => o(ctx));
        let unknown = false;
        const qStart = ctx.questions.length;
        for (let i = 0; i + 1 < vs.length; i++) {
          const x = vs[i];
          const y = vs[i + 1];
          if (x === null || y === null || x === undefined || y === undefined) {
            unknown = true;
            continue;
          }
          const r = compare(op, x, y);
          if (r === false) {
            truncate(ctx, qStart);
            return FALSE;
          }
          if (r === null) unknown = true;
        }
        return unknown ? null : TRUE;
      };
    }
    case 'Call':
      return compileCall(e, b);
    case 'Aggregate':
      return compileAggregate(e, b);
    case 'Conditional': {
      const c = compileExpr(e.condition, b);
      const t = compileExpr(e.then, b);
      const o = compileExpr(e.otherwise, b);
      return (ctx) => {
        const cv = truth(c(ctx));
        if (cv === true) return t(ctx);
        if (cv === false) return o(ctx);
        const a = t(ctx);
        const z = o(ctx);
        return a !== null && z !== null && valueEquals(a, z) ? a : null;
      };
    }
    case 'Now':
      return (ctx) => ({ type: 'date', value: ctx.date });
    case 'Is': {
      const id = e.identity;
      return (ctx) => (id === null ? TRUE : ctx.actor === null ? null : bool(ctx.actor === id));
    }
    case 'Created': {
      const ops = e.operands.map((o) => compileExpr(o, b));
      return (ctx) => {
        for (const o of ops) o(ctx);
        if (!ctx.self) return null;
        const i = ctx.state.facts[ctx.self.fact]?.[argKey(ctx.self.args)];
        ctx.tracer?.read({
          fact: ctx.self.fact,
          args: ctx.self.args,
          value: toTraceValue(bool(i !== undefined && instanceHolds(i))),
          provenance: i?.provenance ?? null,
        });
        return bool(i !== undefined && instanceHolds(i));
      };
    }
    case 'Projection': {
      const operand = compileExpr(e.operand, b);
      const ctxFact = e.context[0];
      const opName = e.operand.kind === 'Ref' ? e.operand.name : e.operand.kind === 'Var' ? e.operand.name : null;
      const scope = e.scope;
      return (ctx) => {
        if (ctxFact === undefined) return null;
        const results: Tri[] = [];
        for (const inst of Object.values(ctx.state.facts[ctxFact] ?? {})) {
          if (!instanceHolds(inst) || inst.provenance.kind !== 'created') continue;
          const recId = inst.provenance.record;
          const rec = ctx.state.records.find((r) => r.id === recId);
          if (!rec) continue;
          let v: Tri = null;
          if (opName !== null && rec.params[opName] !== undefined) {
            const act = ctx.cm.acts.get(rec.act);
            const p = act?.decl.params.find((x) => x.name === opName);
            const s = rec.params[opName] ?? null;
            v = p ? fromScalar(p.type, s, ctx.cm) : typeof s === 'string' ? { type: 'text', value: s } : null;
          } else if (opName !== null && rec.facts.some((g) => g.fact === opName)) {
            const g = rec.facts.find((x) => x.fact === opName);
            const gv = g?.value ?? true;
            v = typeof gv === 'boolean' ? bool(gv) : { type: 'text', value: String(gv) };
          } else {
            const saved = ctx.actor;
            ctx.actor = rec.actor;
            v = operand(ctx);
            ctx.actor = saved;
          }
          results.push(v);
          if (scope === 'single') break;
        }
        if (scope === 'single') return results[0] ?? null;
        const ts = results.map(truth);
        if (scope === 'some') return ts.includes(true) ? TRUE : ts.includes(null) ? null : FALSE;
        return ts.includes(false) ? FALSE : ts.includes(null) ? null : TRUE;
      };
    }
    case 'List': {
      const item = compileExpr(e.item, b);
      return (ctx) => {
        item(ctx);
        return null;
      };
    }
  }
}

function effectArgs(eff: { args: readonly Expr[] }, b: Builder): CExpr[] {
  return eff.args.map((a) => compileExpr(a, b));
}

function compileActor(expr: Expr | null, params: readonly Param[], b: Builder): ActorCheck {
  if (expr === null) return { kind: 'anyone' };
  if (expr.kind === 'Ref' && expr.frame === 'fact' && expr.args.length === 0) return { kind: 'role', fact: expr.name };
  if (expr.kind === 'Var') {
    const p = params.find((x) => x.name === expr.name);
    if (p) return { kind: 'param', param: p.name, type: p.type };
  }
  if (expr.kind === 'Is' && expr.identity === null) return { kind: 'anyone' };
  return { kind: 'expr', expr: compileExpr(expr, b) };
}

function factsReferenced(exprs: readonly (Expr | null)[], facts: Map<string, CFact>): { kind: 'fact'; name: string }[] {
  const seen = new Set<string>();
  // An explicit work list: chains of derived facts can be far deeper than the call stack.
  const work: Expr[] = exprs.filter((e): e is Expr => e !== null);
  for (let e = work.pop(); e !== undefined; e = work.pop()) {
    walkExpr(e, (x) => {
      if (x.kind === 'Ref' && x.frame === 'fact' && !seen.has(x.name)) {
        seen.add(x.name);
        const d = facts.get(x.name)?.decl?.definition;
        if (d) work.push(d);
      }
    });
  }
  return [...seen].sort().map((name) => ({ kind: 'fact' as const, name }));
}

function compileFact(d: FactDecl): CFact {
  const mode = d.definition === null ? 'input' : d.definition.kind === 'Created' ? 'created' : 'derived';
  // A derived actor-typed fact computes one actor (a value); only stored ones are roles.
  const isRole = mode !== 'derived' && d.params.length === 0 && (d.type.kind === 'FactType' || d.type.name === 'actor');
  return {
    name: d.name,
    decl: d,
    arity: isRole ? 1 : d.params.length,
    isRole,
    impliedBy: [d.name],
    groundKey: `${d.name}\u0000[]`,
    mode,
    type: d.type,
    closed: d.closed,
    def: null,
  };
}

/**
 * Compile a model: index facts, acts, duties and sources by name (last definition wins) and
 * compile every expression once. Diagnostics (warnings) name what cannot run natively.
 */
export function compile(model: Model): Result<CompiledModel> {
  const diagnostics: Diagnostic[] = [];
  const facts = new Map<string, CFact>();
  for (const d of factsOf(model)) facts.set(d.name, compileFact(d));
  for (const f of facts.values()) {
    // A sub-role's players play every role above it: [ouder]: [persoon] makes each ouder a persoon.
    const seen = new Set<string>([f.name]);
    let t = f.isRole ? f.type : null;
    while (t && t.kind === 'FactType' && !seen.has(t.name)) {
      seen.add(t.name);
      const parent = facts.get(t.name);
      if (!parent?.isRole) break;
      parent.impliedBy.push(f.name);
      t = parent.type;
    }
  }
  const acts = new Map<string, CAct>();
  const actsByName = new Map<string, () => CAct | undefined>();
  const actDecls = actsOf(model);
  for (const a of actDecls) actsByName.set(a.name, () => acts.get(a.name));
  for (const d of [...facts.values()]) {
    if (d.decl?.definition && d.mode !== 'input')
      d.def = compileExpr(d.decl.definition, { facts, actsByName, diagnostics });
  }
  const b: Builder = { facts, actsByName, diagnostics };
  const duties = new Map<string, CDuty>();
  const dutyDecls = dutiesOf(model);
  // Which duties each act ends (by `terminatedBy`), indexed once: per act it was a scan of the model.
  const endedBy = new Map<string, string[]>();
  for (const d of dutyDecls) {
    for (const name of new Set(d.terminatedBy.map((r) => r.name))) {
      let list = endedBy.get(name);
      if (!list) endedBy.set(name, (list = []));
      list.push(d.name);
    }
  }
  for (const d of dutyDecls) {
    duties.set(d.name, {
      name: d.name,
      decl: d,
      deadline: d.deadline ? { form: d.deadline.form, value: compileExpr(d.deadline.value, b) } : null,
      violation: d.violation ? compileExpr(d.violation, b) : null,
    });
  }
  for (const a of actDecls) {
    const compileEffect = (eff: (typeof a.creates)[number]): CEffect => {
      if (eff.frame === 'fact' && !facts.has(eff.name)) {
        facts.set(eff.name, {
          name: eff.name,
          decl: null,
          arity: eff.args.length,
          isRole: false,
          impliedBy: [eff.name],
          mode: 'input',
          type: null,
          closed: false,
          def: null,
          groundKey: `${eff.name}\u0000[]`,
        });
      }
      if (eff.frame === 'duty' && !duties.has(eff.name)) {
        diagnostics.push({
          code: 'run-undefined-duty',
          severity: 'warning',
          message: `The act <<${a.name}>> creates or terminates the duty <${eff.name}>, which is not defined.`,
          span: eff.span,
        });
      }
      const argsText = eff.args.length > 0 ? `(${eff.args.map(exprText).join(', ')})` : '';
      const name = eff.frame === 'fact' ? `[${eff.name}]` : eff.frame === 'duty' ? `<${eff.name}>` : `<<${eff.name}>>`;
      return { frame: eff.frame, name: eff.name, args: effectArgs(eff, b), text: name + argsText };
    };
    const restsOn = factsReferenced([a.actor, a.object, a.recipient, a.preconditions], facts);
    // An object the act itself creates (a fact or a duty) is its product, not a condition: it need
    // not hold beforehand, and a duty it creates is not active before the act.
    const obj = a.object;
    const producesObject =
      obj?.kind === 'Ref' &&
      (obj.frame === 'fact' || obj.frame === 'duty') &&
      a.creates.some((c) => c.frame === obj.frame && c.name === obj.name);
    acts.set(a.name, {
      name: a.name,
      decl: a,
      actor: compileActor(a.actor, a.params, b),
      object: a.object && !producesObject ? compileExpr(a.object, b) : null,
      recipient: a.recipient ? compileExpr(a.recipient, b) : null,
      preconditions: a.preconditions ? compileExpr(a.preconditions, b) : null,
      creates: a.creates.map(compileEffect),
      terminates: a.terminates.map(compileEffect),
      restsOn,
      endsDuties: endedBy.get(a.name) ?? [],
      inForceCache: new Map(),
    });
  }
  const sources = new Map(sourceDeclsOf(model).map((s) => [s.id, s] as const));
  const actOrder: string[] = [];
  const listed = new Set<string>();
  for (const a of actDecls) {
    if (listed.has(a.name)) continue;
    listed.add(a.name);
    actOrder.push(a.name);
  }
  return {
    value: { model, facts, acts, actOrder, duties, sources, printExpr: exprText, plan: buildPlan(facts, acts) },
    diagnostics,
  };
}
