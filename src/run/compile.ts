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
import type { ActDecl, Aggregate, Call, Deadline, Expr, FactDecl, Model, Param, Ref } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { MAX_EXPR_DEPTH, tooDeepExpr } from '../model/depth.js';
import type { JsonScalar } from '../model/trace.js';
import { actsOf, dutiesOf, factsOf, sourceDeclsOf, staticDefinition, walkExpr } from '../model/walk.js';
import type { ActorCheck, CAct, CDeadline, CDuty, CEffect, CExpr, CFact, CompiledModel, Ctx } from './context.js';
import { spanText, traceFrame } from './context.js';
import { exprText } from './expr-text.js';
import { buildPlan } from './plan.js';
import { variantTable } from '../model/versions.js';
import { argKey } from './state.js';
import {
  Dec,
  FALSE,
  TRUE,
  bool,
  isDate,
  isDuration,
  num,
  parseDecimal,
  toScalar,
  toTraceValue,
  truth,
  valueEquals,
} from './values.js';
import type { Tri, Value } from './values.js';
import { fromScalar, MAX_DEPTH, NO_ARGS } from './convert.js';
import { evalFact } from './derive.js';
import { forEachCombination, monthsInRange } from './enumerate.js';
import type { Binding } from './enumerate.js';
import { arith, callFn, compare, isNumber, KNOWN_FUNCTIONS } from './library.js';
import { instanceHolds, truncate } from './read.js';

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
  const ranges = e.bindings.map((p) =>
    p.range ? { from: compileExpr(p.range.from, b), to: p.range.to ? compileExpr(p.range.to, b) : null } : null,
  );
  // No limit on the number of combinations (they are visited one at a time): an aggregate over
  // many instances takes time proportional to their number and never silently gives up.
  return (ctx) => {
    const saved = ctx.env;
    let unknown = false;
    let count = 0;
    const values: Value[] = [];
    let decided: Tri | undefined;
    const qStart = ctx.questions.length;
    const bindings = withMonths(ctx, e.bindings, ranges);
    if (bindings === null) return null;
    const walked = forEachCombination(ctx, bindings, (c) => {
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

/**
 * The bindings with the months each ranged one visits (grammar/README.md#months), evaluated in the scope around
 * the aggregate; `null` (unknown) when a range is unknown.
 */
function withMonths(
  ctx: Ctx,
  params: readonly Param[],
  ranges: readonly ({ from: CExpr; to: CExpr | null } | null)[],
): readonly Binding[] | null {
  if (ranges.every((r) => r === null)) return params;
  const out: Binding[] = [];
  for (const [i, p] of params.entries()) {
    const r = ranges[i];
    if (!r) {
      out.push(p);
      continue;
    }
    const from = r.from(ctx);
    const to = r.to ? r.to(ctx) : null;
    const months = from === null || (r.to !== null && to === null) ? null : monthsInRange(from, to);
    if (months === null) return null;
    out.push({ ...p, months });
  }
  return out;
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
    return unknown ? null : callFn(e.fn, vs, ctx.state.equivalentDays);
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
        const decl = facts.get(x.name)?.decl;
        const d = decl ? staticDefinition(decl) : null;
        if (d) work.push(d);
      }
    });
  }
  return [...seen].sort().map((name) => ({ kind: 'fact' as const, name }));
}

function compileFact(d: FactDecl): CFact {
  const def = staticDefinition(d);
  const mode = def === null ? 'input' : def.kind === 'Created' ? 'created' : 'derived';
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
  const sources = new Map(sourceDeclsOf(model).map((s) => [s.id, s] as const));
  const b: Builder = { facts, actsByName, diagnostics };
  for (const d of [...facts.values()]) {
    if (d.decl?.definition && d.mode !== 'input') d.def = compileExpr(d.decl.definition, b);
    const variants = d.decl?.variants ?? [];
    if (d.decl && variants.length > 0 && d.mode === 'derived') {
      // A variant without a definition (an error the checker reports) evaluates to unknown.
      d.variants = variantTable(sources, variants, (v) => (v.definition ? compileExpr(v.definition, b) : () => null));
      if (d.decl.appliesAsOf) d.appliesAsOf = compileExpr(d.decl.appliesAsOf, b);
    }
  }
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
  const compileDeadline = (dl: Deadline | null): CDeadline | null =>
    dl ? { form: dl.form, value: compileExpr(dl.value, b), decl: dl } : null;
  for (const d of dutyDecls) {
    const variants = d.variants ?? [];
    duties.set(d.name, {
      name: d.name,
      decl: d,
      deadline: compileDeadline(d.deadline),
      violation: d.violation ? compileExpr(d.violation, b) : null,
      ...(variants.length > 0 ? { variants: variantTable(sources, variants, (v) => compileDeadline(v.deadline)) } : {}),
      ...(variants.length > 0 && d.appliesAsOf ? { appliesAsOf: compileExpr(d.appliesAsOf, b) } : {}),
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
    const base: CAct = {
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
    };
    const variants = a.variants ?? [];
    if (variants.length === 0) acts.set(a.name, base);
    else {
      // Each variant is the act with its preconditions and effects replaced (grammar/README.md#versions).
      const table = variantTable(sources, variants, (v): CAct => {
        const decl: ActDecl = {
          ...a,
          preconditions: v.preconditions,
          creates: v.creates ?? a.creates,
          terminates: v.terminates ?? a.terminates,
        };
        return {
          ...base,
          decl,
          preconditions: v.preconditions ? compileExpr(v.preconditions, b) : null,
          creates: v.creates ? v.creates.map(compileEffect) : base.creates,
          terminates: v.terminates ? v.terminates.map(compileEffect) : base.terminates,
          restsOn: factsReferenced([a.actor, a.object, a.recipient, v.preconditions], facts),
          inForceCache: new Map(),
        };
      });
      acts.set(a.name, {
        ...base,
        variants: table,
        ...(a.appliesAsOf ? { appliesAsOf: compileExpr(a.appliesAsOf, b) } : {}),
      });
    }
  }
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
