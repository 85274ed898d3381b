/**
 * Checking, listing and taking acts.
 *
 * Checking an act: unknown act → parameters → in force → actor → object → recipient →
 * preconditions. The act is enabled when every item is true; it is *potential* when none is
 * false and some are unknown (the questions say which input facts decide it).
 *
 * Roles are closed world: an actor plays role R when the case declares it, or when the instance
 * R(actor) is given or created. Parameter bindings for `availableActs` are enumerated from known
 * instances (fact-typed params), declared actors (`actor` params) and booleans; acts with a
 * parameter of another type (text, number, date) are listed only when the caller binds it.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { DeadlineAtw, Expr, Param, SourceDecl } from '../model/ast.js';
import type { Span } from '../model/span.js';
import { ENGINE_VERSION } from '../model/identity.js';
import { TRACE_VERSION } from '../model/trace.js';
import { sourceKey } from '../model/versions.js';
import type {
  FailingCondition,
  JsonScalar,
  Reason,
  TraceDutyAtw,
  TraceDutyChange,
  TraceEffect,
  TraceEntry,
  TraceFrame,
  TraceNode,
  TraceSource,
} from '../model/trace.js';
import { bareName, checkGiven, freezeInstance, giveFacts } from './case.js';
import { recordChange } from './changes.js';
import { conditionMessage, failingConditions } from './conditions.js';
import { canonicalScalar, fromScalar } from './convert.js';
import { decidingDate, evalFact } from './derive.js';
import { domainOf, enumerate } from './enumerate.js';
import { declaredRole, instanceHolds, roleInstance, truncate } from './read.js';
import type { CAct, CDeadline, CDuty, CEffect, CompiledModel, Ctx, MutableNode, Question } from './context.js';
import { finishNode, frameInForce, newCtx, note, spanText, traceFrame, traceVersion } from './context.js';
import { moveClock, recordViolations, withDutiesAppended } from './duties.js';
import { exprText } from './expr-text.js';
import { argKey, deepFreeze, engineState } from './state.js';
import { caseProblem, identityOf } from './resume.js';
import type { ActRecord, CaseState, DutyInstance, FactInstance, GivenFact, Violation } from './state.js';
import { TRUE, addDuration, bool, isDate, toScalar, toTraceValue, truth } from './values.js';
import type { Tri, Value } from './values.js';
import { atBoundary } from '../model/guard.js';
import { atwDeadline, atwSourceVersions } from './atw.js';
import type { EquivalentDay } from './calendar.js';
import { compiledProblem, reasonOf, refusedTake } from './guards.js';
import { noVersionMessage, pickVariant } from '../model/versions.js';

/** Options of evaluations: `trace: true` builds derivation trees (off the hot path otherwise). */
export interface EvalOptions {
  readonly trace?: boolean;
}

/** The result of checking one act for one actor and binding. */
export interface ActCheck {
  readonly act: string;
  readonly actor: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly status: 'enabled' | 'disabled' | 'undecided';
  readonly reasons: readonly Reason[];
  readonly questions: readonly Question[];
  readonly trace?: TraceNode;
  /** The frame table of `trace` (its nodes refer to frames by index); set with `trace`. */
  readonly frames?: readonly TraceFrame[];
}

/** An enabled act with its parameter binding. */
export interface AvailableAct {
  readonly act: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly trace?: TraceNode;
  /** The frame table of `trace`; set with `trace`. */
  readonly frames?: readonly TraceFrame[];
}

/** An act that could become enabled, with the input facts that decide it. */
export interface PotentialAct {
  readonly act: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly questions: readonly Question[];
  readonly reasons: readonly Reason[];
}

/** A request to take an act. */
export interface TakeRequest {
  readonly act: string;
  readonly actor: string;
  readonly params?: Readonly<Record<string, JsonScalar>>;
  /** Facts supplied with the act, given (by the actor) before it is checked. */
  readonly facts?: readonly GivenFact[];
  /** Date of the act; defaults to the case clock. A later date first advances the clock. */
  readonly at?: string;
}

/** The outcome of {@link take} / {@link force}. */
export type TakeResult =
  | {
      readonly ok: true;
      readonly state: CaseState;
      readonly record: ActRecord;
      readonly trace: TraceEntry;
      /** Effects that could not be applied (`run-unbound-effect`); empty for most acts. */
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly ok: false;
      readonly state: CaseState;
      readonly refusal: { readonly reasons: readonly Reason[] };
      readonly trace: TraceEntry;
    };

/** Questions without duplicates, sorted by fact name then arguments (deterministic output). */
export function dedupeQuestions(qs: readonly Question[]): Question[] {
  const seen = new Set<string>();
  const out: Question[] = [];
  for (const q of qs) {
    const k = `${q.fact}\u0000${argKey(q.args)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(q);
  }
  return out.sort((a, b) =>
    a.fact < b.fact
      ? -1
      : a.fact > b.fact
        ? 1
        : argKey(a.args) < argKey(b.args)
          ? -1
          : argKey(a.args) > argKey(b.args)
            ? 1
            : 0,
  );
}

const texts = new WeakMap<Expr, string>();

/** The printed text of a model expression, printed once (the AST is immutable, so the cache is invisible). */
function textOf(e: Expr): string {
  let t = texts.get(e);
  if (t === undefined) {
    t = exprText(e);
    texts.set(e, t);
  }
  return t;
}

function actFrame(cm: CompiledModel, act: CAct, date: string): TraceFrame {
  return traceFrame(cm, 'act', act.decl, act.name, date);
}

/**
 * The act as the version of the law in force on its deciding date makes it (grammar/README.md#versions): for an act
 * with variants, the variant in force on its `applies as of` date (evaluated with `ctx.env`, the act's parameters)
 * or else on the act's date, with the frame naming that date and the versions applied. No variant in force: the
 * act as declared, with `message` saying why it cannot be taken (it is then not in force).
 */
export function actVersion(ctx: Ctx, act: CAct): { act: CAct; frame: TraceFrame | null; message: string | null } {
  const table = act.variants;
  if (table === undefined) return { act, frame: null, message: null };
  const at = decidingDate(ctx, act.appliesAsOf);
  if (at === null) {
    const message = `The date that decides which version of <<${act.name}>> applies ('applies as of') is unknown.`;
    return { act, frame: null, message };
  }
  const picked = pickVariant(table, at);
  if (picked)
    return {
      act: picked.value,
      frame: traceFrame(ctx.cm, 'act', act.decl, act.name, at, picked.variant),
      message: null,
    };
  const message = noVersionMessage(ctx.cm.sources, `<<${act.name}>>`, act.decl.sources, table, at);
  note(ctx, { code: 'run-no-version', severity: 'warning', message, span: act.decl.nameSpan });
  return { act, frame: traceFrame(ctx.cm, 'act', act.decl, act.name, at, null), message };
}

/** Whether `actor` plays role fact `role` (declared, or instance role(actor) holds). */
function playsRole(ctx: Ctx, role: string, actor: string): Tri {
  const f = ctx.cm.facts.get(role);
  if (f ? declaredRole(ctx, f, actor) : ctx.state.actors[actor]?.roles.includes(role)) {
    ctx.tracer?.read({ fact: role, args: [actor], value: toTraceValue(TRUE), provenance: { kind: 'role', actor } });
    return TRUE;
  }
  if (f?.arity !== 1) return bool(false);
  if (f.mode === 'derived') return bool(truth(evalFact(ctx, f, [actor])) === true);
  // Roles are closed world: not declared and not known to hold means the actor does not play it.
  const inst = f.isRole ? roleInstance(ctx, f, actor) : ctx.state.facts[role]?.[argKey([actor])];
  const plays = inst !== undefined && instanceHolds(inst);
  ctx.tracer?.read({
    fact: role,
    args: [actor],
    value: toTraceValue(bool(plays)),
    provenance: inst?.provenance ?? null,
  });
  return bool(plays);
}

/** True when a frame's version is decided by its own variants or `applies as of` date. */
const ownDate = (d: { variants?: readonly unknown[]; appliesAsOf?: unknown }): boolean =>
  (d.variants ?? []).length > 0 || (d.appliesAsOf ?? null) !== null;

/** Whether an act and every fact frame it rests on are in force on `date` (memoised per act and date). */
function actInForce(cm: CompiledModel, act: CAct, date: string): boolean {
  const hit = act.inForceCache.get(date);
  if (hit !== undefined) return hit;
  // A frame with variants or `applies as of` (grammar/README.md#versions) is in force by its own deciding date: picking
  // its variant decides that (no variant in force: unknown, or for an act, not in force), not the act's date.
  let ok = ownDate(act.decl) || frameInForce(cm, act.decl, date);
  for (const r of act.restsOn) {
    if (!ok) break;
    const decl = cm.facts.get(r.name)?.decl;
    if (decl && !ownDate(decl) && !frameInForce(cm, decl, date)) ok = false;
  }
  if (act.inForceCache.size > 256) act.inForceCache.clear();
  act.inForceCache.set(date, ok);
  return ok;
}

/** The actor item of an act check, binding an actor param in `env`. */
function actorItem(ctx: Ctx, act: CAct, actor: string, env: Record<string, Value>): Tri {
  const ac = act.actor;
  switch (ac.kind) {
    case 'anyone':
      return TRUE;
    case 'role':
      return playsRole(ctx, ac.fact, actor);
    case 'param': {
      const bound = env[ac.param];
      if (bound && toScalar(bound) !== actor) return bool(false);
      if (ac.type.kind === 'PrimitiveType') {
        if (ac.type.name !== 'actor') return bool(false);
        env[ac.param] = { type: 'actor', value: actor };
        return TRUE;
      }
      env[ac.param] = { type: 'instance', fact: ac.type.name, args: [actor] };
      return playsRole(ctx, ac.type.name, actor);
    }
    case 'expr':
      return ac.expr(ctx);
  }
}

const roleParamCache = new WeakMap<CAct, readonly Param[]>();
/** Role-parameter reasons: like the actor's role, a forced act may override them (a violation is recorded). */
const ROLE_REASONS = new WeakSet<Reason>();

/** The parameters of an act typed by a role fact (`p: [burger]`): they bind only actors playing it. */
function roleParams(cm: CompiledModel, act: CAct): readonly Param[] {
  let ps = roleParamCache.get(act);
  if (ps === undefined) {
    // The actor's own parameter is checked by the actor item.
    const own = act.actor.kind === 'param' ? act.actor.param : null;
    ps = act.decl.params.filter(
      (p) => p.name !== own && p.type.kind === 'FactType' && cm.facts.get(p.type.name)?.isRole === true,
    );
    roleParamCache.set(act, ps);
  }
  return ps;
}

/** The role-typed parameters bound to an actor that does not play the role (`all: false`: the first only). */
function roleParamMismatches(
  ctx: Ctx,
  act: CAct,
  env: Record<string, Value>,
  all: boolean,
): { param: Param; actor: JsonScalar }[] {
  const out: { param: Param; actor: JsonScalar }[] = [];
  for (const p of roleParams(ctx.cm, act)) {
    const v = env[p.name];
    if (v === undefined || p.type.kind !== 'FactType') continue;
    const id = toScalar(v);
    if (typeof id !== 'string' || truth(playsRole(ctx, p.type.name, id)) !== true) {
      out.push({ param: p, actor: id });
      if (!all) break;
    }
  }
  return out;
}

/**
 * The status of an act without reasons or trace (the hot path of availableActs): stops at the
 * first false item. `ctx` may be shared between acts of one state and date (its memo stays valid).
 */
function quickStatus(ctx: Ctx, act: CAct, actor: string, env: Record<string, Value>): ActCheck['status'] {
  if (!actInForce(ctx.cm, act, ctx.date)) return 'disabled';
  ctx.env = env;
  ctx.actor = actor;
  truncate(ctx, 0);
  if (act.variants) {
    const v = actVersion(ctx, act);
    if (v.message !== null) return 'disabled';
    act = v.act;
  }
  if (truth(actorItem(ctx, act, actor, env)) !== true) return 'disabled';
  if (roleParams(ctx.cm, act).length > 0 && roleParamMismatches(ctx, act, env, false).length > 0) return 'disabled';
  let unknown = false;
  let t: boolean | null;
  if (act.object !== null) {
    t = truth(act.object(ctx));
    if (t === false) return 'disabled';
    if (t === null) unknown = true;
  }
  if (act.recipient !== null) {
    t = truth(act.recipient(ctx));
    if (t === false) return 'disabled';
    if (t === null) unknown = true;
  }
  if (act.preconditions !== null) {
    t = truth(act.preconditions(ctx));
    if (t === false) return 'disabled';
    if (t === null) unknown = true;
  }
  return unknown ? 'undecided' : 'enabled';
}

/** The items of an act check, in order, with their trace labels. */
const ITEMS: readonly Reason['item'][] = ['not-in-force', 'actor', 'object', 'recipient', 'precondition'];
const ITEM_LABELS: readonly string[] = ['in-force', 'actor', 'object', 'recipient', 'preconditions'];

/**
 * Check one act for `actor` with a parameter binding, on `date` (default: the case clock).
 * Every item is evaluated (no short circuit) so reasons and questions are complete.
 */
export function checkAct(
  cm: CompiledModel,
  state: CaseState,
  actName: string,
  actor: string,
  params: Readonly<Record<string, JsonScalar>> = {},
  options: EvalOptions & { readonly date?: string } = {},
): ActCheck & { readonly env: Record<string, Value> } {
  return atBoundary(
    'checkAct',
    (d) => ({
      act: typeof actName === 'string' ? actName : '',
      actor: typeof actor === 'string' ? actor : '',
      params: {},
      status: 'disabled',
      reasons: [reasonOf(d)],
      questions: [],
      env: {},
    }),
    () => {
      const bad = caseProblem(cm, state);
      if (bad) {
        const reason: Reason = {
          item: 'parameter',
          status: 'false',
          expr: bad.path ?? '',
          message: bad.message,
          frame: null,
        };
        return { act: actName, actor, params, status: 'disabled', reasons: [reason], questions: [], env: {} };
      }
      const date = options.date ?? state.asOf;
      let act = cm.acts.get(actName);
      const base = { act: actName, actor, params };
      if (!act) {
        const reason: Reason = {
          item: 'unknown-act',
          status: 'false',
          expr: `<<${actName}>>`,
          message: `The act <<${actName}>> is not defined in the model.`,
          frame: null,
        };
        const trace: TraceNode | undefined = options.trace
          ? { kind: 'check', expr: `<<${actName}>>`, value: { type: 'boolean', value: false }, children: [] }
          : undefined;
        return {
          ...base,
          status: 'disabled',
          reasons: [reason],
          questions: [],
          env: {},
          ...(trace ? { trace, frames: [] } : {}),
        };
      }
      const ctx = newCtx(cm, state, date, { trace: options.trace ?? false, actor });
      const reasons: Reason[] = [];
      let frame = actFrame(cm, act, date);
      const env: Record<string, Value> = {};
      for (const p of act.decl.params) {
        const given = params[p.name];
        if (given === undefined) continue;
        const v = fromScalar(p.type, given, cm);
        if (v === null) {
          reasons.push({
            item: 'parameter',
            status: 'false',
            expr: p.name,
            message: `The parameter ${p.name} of <<${act.name}>> does not fit its type: ${JSON.stringify(given)}.`,
            frame,
          });
        } else env[p.name] = v;
      }
      for (const k of Object.keys(params)) {
        if (!act.decl.params.some((p) => p.name === k)) {
          reasons.push({
            item: 'parameter',
            status: 'false',
            expr: k,
            message: `The act <<${act.name}>> has no parameter ${k}.`,
            frame,
          });
        }
      }
      ctx.env = env;
      // Variants per version of the law: check the act as the version in force on its deciding date makes it.
      let noVersion: string | null = null;
      if (act.variants) {
        const v = actVersion(ctx, act);
        act = v.act;
        noVersion = v.message;
        if (v.frame) frame = v.frame;
      }
      // Role-typed parameters bind only actors that play the role (object and recipient as well as actor).
      for (const m of roleParamMismatches(ctx, act, env, true)) {
        const role = m.param.type.kind === 'FactType' ? m.param.type.name : '';
        const r: Reason = {
          item: 'parameter',
          status: 'false',
          expr: m.param.name,
          message:
            `The parameter ${m.param.name} of <<${act.name}>> is ${JSON.stringify(m.actor)}, ` +
            `who does not play the role [${role}].`,
          frame,
        };
        ROLE_REASONS.add(r);
        reasons.push(r);
      }
      let status: ActCheck['status'] = reasons.length > 0 ? 'disabled' : 'enabled';
      const questions: Question[] = [];
      const checkNode: MutableNode | null = ctx.tracer
        ? ctx.tracer.enter('check', `<<${act.name}>>`, undefined, declSpan(act.decl))
        : null;
      if (checkNode && ctx.tracer) ctx.tracer.setFrame(checkNode, frame);
      // The items in a fixed order, without a closure per item: this runs once per act and binding.
      for (let i = 0; i < ITEMS.length; i++) {
        const item = ITEMS[i] as Reason['item'];
        let expr: string;
        let itemFrame: TraceFrame | null = frame;
        let compiled: ((x: Ctx) => Tri) | null = null;
        if (item === 'not-in-force') expr = `<<${act.name}>>`;
        else if (item === 'actor') {
          expr = act.decl.actor ? textOf(act.decl.actor) : 'anyone';
          if (act.actor.kind === 'role')
            itemFrame = traceFrame(cm, 'fact', cm.facts.get(act.actor.fact)?.decl ?? null, act.actor.fact, date);
        } else {
          const e =
            item === 'object' ? act.decl.object : item === 'recipient' ? act.decl.recipient : act.decl.preconditions;
          compiled = item === 'object' ? act.object : item === 'recipient' ? act.recipient : act.preconditions;
          if (!e || !compiled) continue;
          expr = textOf(e);
        }
        const label = ITEM_LABELS[i] as string;
        const qStart = ctx.questions.length;
        // The compiled expressions build their own node (relabelled below); the others get one here.
        const node =
          ctx.tracer && compiled === null
            ? ctx.tracer.enter(
                label,
                expr,
                undefined,
                item === 'actor' && act.decl.actor ? declSpan(act.decl.actor) : undefined,
              )
            : null;
        const before = ctx.tracer ? ctx.tracer.top.children.length : 0;
        if (node && ctx.tracer && itemFrame) ctx.tracer.setFrame(node, itemFrame);
        const v =
          item === 'not-in-force'
            ? bool(noVersion === null && actInForce(cm, act, date))
            : item === 'actor'
              ? actorItem(ctx, act, actor, env)
              : (compiled as (x: Ctx) => Tri)(ctx);
        if (node && ctx.tracer) ctx.tracer.exit(node, toTraceValue(v));
        // The item's derivation: the node its expression built, or (a literal such as `preconditions: true`
        // builds none) one made here, never the previous item's node.
        const siblings = ctx.tracer?.top.children ?? [];
        const itemNode = node ?? (siblings.length > before ? (siblings[siblings.length - 1] ?? null) : null);
        if (itemNode === null && compiled !== null && ctx.tracer) {
          // A literal has no derivation (and no failing condition below it): its item node shows it.
          const lit = ctx.tracer.enter(label, expr);
          if (itemFrame) ctx.tracer.setFrame(lit, itemFrame);
          ctx.tracer.exit(lit, toTraceValue(v));
        }
        const t = truth(v);
        const conditions =
          t !== true && itemNode ? failingConditions(cm, state, date, itemNode, ctx.tracer?.frames) : null;
        if (compiled !== null && itemNode) itemNode.kind = label;
        if (t === true) continue;
        if (item === 'actor' || item === 'not-in-force') truncate(ctx, qStart);
        questions.push(...ctx.questions.slice(qStart));
        if (t === false) status = 'disabled';
        else if (status === 'enabled') status = 'undecided';
        reasons.push({
          item,
          status: t === false ? 'false' : 'unknown',
          expr,
          message:
            item === 'not-in-force' && noVersion !== null
              ? noVersion
              : reasonMessage(item, t, act.name, actor, expr, conditions),
          frame: itemFrame ?? frame,
          ...(conditions ? { conditions } : {}),
        });
      }
      if (checkNode && ctx.tracer)
        ctx.tracer.exit(
          checkNode,
          status === 'enabled'
            ? { type: 'boolean', value: true }
            : status === 'disabled'
              ? { type: 'boolean', value: false }
              : { type: 'unknown' },
        );
      const outParams: Record<string, JsonScalar> = { ...params };
      for (const [k, v] of Object.entries(env)) outParams[k] = toScalar(v);
      return {
        act: actName,
        actor,
        params: sortKeys(outParams),
        status,
        reasons,
        questions: status === 'disabled' ? [] : dedupeQuestions(questions),
        env,
        ...(checkNode && ctx.tracer ? { trace: finishNode(checkNode), frames: ctx.tracer.frames } : {}),
      };
    },
    compiledProblem('checkAct', cm),
  );
}

const declSpans = new WeakMap<object, string | undefined>();

/** The span text of a declaration or expression (memoised: the AST is immutable). */
function declSpan(node: { readonly span: Span }): string | undefined {
  if (declSpans.has(node)) return declSpans.get(node);
  const t = spanText(node.span);
  declSpans.set(node, t);
  return t;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k] as T;
  return out;
}

/**
 * A reason in English. With the item's failing conditions (traced checks) the sentence names
 * those instead of the whole expression; src/trace renders reasons in other languages.
 */
function reasonMessage(
  item: Reason['item'],
  t: boolean | null,
  act: string,
  actor: string,
  whole: string,
  conditions: readonly FailingCondition[] | null,
): string {
  const unk = t === null;
  const named = conditions !== null && conditions.length > 0 && item !== 'not-in-force' && item !== 'actor';
  const expr = named ? conditions.map(conditionMessage).join('; ') : whole;
  switch (item) {
    case 'not-in-force':
      return `The act <<${act}>> or a frame it rests on is not in force on this date.`;
    case 'actor':
      return unk
        ? `It is not known whether ${actor} may perform <<${act}>> (${expr}).`
        : `${actor} does not play the role ${expr} required for <<${act}>>.`;
    case 'object':
      return unk
        ? `It is not known whether the object of <<${act}>> holds: ${expr}.`
        : `The object of <<${act}>> does not hold: ${expr}.`;
    case 'recipient':
      return unk
        ? `It is not known whether the recipient of <<${act}>> holds: ${expr}.`
        : `The recipient of <<${act}>> does not hold: ${expr}.`;
    default:
      return unk
        ? `The preconditions of <<${act}>> cannot be decided yet: ${expr}.`
        : `The preconditions of <<${act}>> do not hold: ${expr}.`;
  }
}

/** Parameter bindings to try for an act: enumerated from known instances, or `null` when not enumerable. */
function bindings(cm: CompiledModel, state: CaseState, act: CAct, actor: string): Record<string, JsonScalar>[] | null {
  const free = act.decl.params.filter((p) => !(act.actor.kind === 'param' && act.actor.param === p.name));
  if (free.length === 0) return [{}];
  const ctx = newCtx(cm, state, state.asOf, { actor });
  return bindingsIn(ctx, free);
}

/**
 * The parameter bindings of `actName` for `actor` that {@link availableActs} and
 * {@link potentialActs} try (the actor parameter is bound by the check itself): `[{}]` for an act
 * without other parameters, `null` for an unknown act or a parameter whose domain is not enumerable.
 */
export function actBindings(
  cm: CompiledModel,
  state: CaseState,
  actName: string,
  actor: string,
): Record<string, JsonScalar>[] | null {
  const act = cm.acts.get(actName);
  return act ? bindings(cm, state, act, actor) : null;
}

function bindingsIn(ctx: Ctx, free: readonly CAct['decl']['params'][number][]): Record<string, JsonScalar>[] | null {
  for (const p of free) if (domainOf(ctx, p.type) === null) return null;
  const combos = enumerate(ctx, free);
  if (combos === null) return null;
  return combos.map((c) => {
    const o: Record<string, JsonScalar> = {};
    for (const [k, v] of Object.entries(c)) o[k] = toScalar(v);
    return o;
  });
}

/**
 * The acts `actor` can take now, in model order, each with its parameter binding. Every act is
 * first checked on the lean path (no reasons, no trace, stops at the first false item); only the
 * enabled ones are checked again with a trace when `options.trace` asks for one.
 */
export function availableActs(
  cm: CompiledModel,
  state: CaseState,
  actor: string,
  options: EvalOptions = {},
): AvailableAct[] {
  return atBoundary(
    'availableActs',
    () => [],
    () => {
      const out: AvailableAct[] = [];
      // A corrupt state (or one of another model) enables nothing (checkAct and take say why).
      if (caseProblem(cm, state)) return out;
      const ctx = newCtx(cm, state, state.asOf, { actor });
      for (const name of cm.actOrder) {
        const act = cm.acts.get(name);
        if (!act) continue;
        const free =
          act.decl.params.length === 0
            ? []
            : act.decl.params.filter((p) => !(act.actor.kind === 'param' && act.actor.param === p.name));
        const bs = free.length === 0 ? NO_BINDING : bindingsIn(ctx, free);
        if (bs === null) continue;
        for (const b of bs) {
          const env: Record<string, Value> = {};
          for (const p of act.decl.params) {
            const x = b[p.name];
            const v = x === undefined ? null : fromScalar(p.type, x, cm);
            if (v) env[p.name] = v;
          }
          if (quickStatus(ctx, act, actor, env) !== 'enabled') continue;
          if (options.trace) {
            const c = checkAct(cm, state, name, actor, b, options);
            if (c.status === 'enabled')
              out.push({ act: name, params: c.params, ...(c.trace ? { trace: c.trace, frames: c.frames } : {}) });
            continue;
          }
          const params: Record<string, JsonScalar> = {};
          for (const k of Object.keys(env).sort()) params[k] = toScalar(env[k] as Value);
          out.push({ act: name, params });
        }
      }
      return out;
    },
    compiledProblem('availableActs', cm),
  );
}

const NO_BINDING: readonly Record<string, JsonScalar>[] = Object.freeze([Object.freeze({})]);

/**
 * The lean check used by `take` without a trace: when the act is enabled, the same result as
 * {@link checkAct} (no reasons, no questions); `null` when it is not, or when the parameters need
 * the full check to explain themselves.
 */
function quickCheck(
  cm: CompiledModel,
  state: CaseState,
  req: TakeRequest,
  date: string,
): (ActCheck & { readonly env: Record<string, Value> }) | null {
  const act = cm.acts.get(req.act);
  if (!act) return null;
  const params = req.params ?? {};
  const env: Record<string, Value> = {};
  for (const k of Object.keys(params)) {
    const p = act.decl.params.find((x) => x.name === k);
    const given = params[k];
    if (!p || given === undefined) return null;
    const v = fromScalar(p.type, given, cm);
    if (v === null) return null;
    env[k] = v;
  }
  const ctx = newCtx(cm, state, date, { actor: req.actor });
  if (quickStatus(ctx, act, req.actor, env) !== 'enabled') return null;
  const outParams: Record<string, JsonScalar> = { ...params };
  for (const [k, v] of Object.entries(env)) outParams[k] = toScalar(v);
  return {
    act: req.act,
    actor: req.actor,
    params: sortKeys(outParams),
    status: 'enabled',
    reasons: [],
    questions: [],
    env,
  };
}

/**
 * Acts `actor` could take once more is known: neither enabled nor definitely impossible, each
 * with the questions (input facts) that decide it. Acts with non-enumerable params are checked
 * with those params unbound.
 */
export function potentialActs(cm: CompiledModel, state: CaseState, actor: string): PotentialAct[] {
  return atBoundary(
    'potentialActs',
    () => [],
    () => {
      const out: PotentialAct[] = [];
      if (caseProblem(cm, state)) return out;
      for (const name of cm.actOrder) {
        const act = cm.acts.get(name);
        if (!act) continue;
        const bs = bindings(cm, state, act, actor) ?? [{}];
        for (const b of bs) {
          const c = checkAct(cm, state, name, actor, b);
          if (c.status === 'undecided')
            out.push({ act: name, params: c.params, questions: c.questions, reasons: c.reasons });
        }
      }
      return out;
    },
    compiledProblem('potentialActs', cm),
  );
}

/**
 * Whether an effect argument left out is bound implicitly: from the act's parameter of the same
 * name, when that parameter names a party or instance (type `actor` or a fact type). Value
 * parameters (text, numbers, dates, durations, booleans) are never bound implicitly.
 */
export function bindsByName(p: Param): boolean {
  return p.type.kind === 'FactType' || p.type.name === 'actor';
}

/**
 * The arguments of an effect on a frame with parameters `params`, each in canonical form for its
 * type; `undefined` marks a position the effect leaves unbound (grammar/README.md#effects).
 */
function effectArgs(ctx: Ctx, eff: CEffect, params: readonly Param[]): (JsonScalar | undefined)[] {
  if (eff.args.length > 0) {
    return eff.args.map((a, i) => {
      const v = a(ctx);
      if (v === null) return null;
      const s = toScalar(v);
      const p = params[i];
      // An expression of another type (a text "2019" for an integer parameter) keys as the parameter's canonical form.
      return p === undefined ? s : (canonicalScalar(p.type, s, ctx.cm) ?? s);
    });
  }
  return implicitArgs(ctx, params);
}

/** The arguments of a frame named without arguments: bound by name from identity parameters of the act. */
function implicitArgs(ctx: Ctx, params: readonly Param[]): (JsonScalar | undefined)[] {
  return params.map((p) => {
    const v = bindsByName(p) ? ctx.env[p.name] : undefined;
    return v === undefined ? undefined : toScalar(v);
  });
}

/** The sources of the frames the nodes of `node` belong to, in tree order (first use). */
function collectSources(node: TraceNode, frames: readonly TraceFrame[], out: Map<string, TraceSource>): void {
  if (node.frame !== undefined)
    for (const s of frames[node.frame]?.sources ?? []) if (!out.has(sourceKey(s))) out.set(sourceKey(s), s);
  for (const c of node.children) collectSources(c, frames, out);
}

/**
 * The reasons of a check with their failing conditions: a check made without a trace (bulk
 * replays) is redone traced when it has reasons, so refusals read the same with and without trees.
 */
function tracedReasons(
  cm: CompiledModel,
  state: CaseState,
  req: TakeRequest,
  at: string,
  check: ActCheck,
): readonly Reason[] {
  if (check.trace !== undefined || check.reasons.length === 0 || !cm.acts.has(req.act)) return check.reasons;
  return checkAct(cm, state, req.act, req.actor, req.params ?? {}, { trace: true, date: at }).reasons;
}

/** The unbound parameter names of effect arguments, for diagnostics. */
function unboundNames(args: readonly (JsonScalar | undefined)[], params: readonly Param[]): string[] {
  return params.filter((_, i) => args[i] === undefined).map((p) => p.name);
}

/** The diagnostic of a create effect that leaves positions unbound: the effect is not applied. */
function unboundEffect(frame: 'fact' | 'duty', name: string, missing: readonly string[], act: string): Diagnostic {
  const ref = frame === 'fact' ? `[${name}]` : `<${name}>`;
  return {
    code: 'run-unbound-effect',
    severity: 'warning',
    message: `<<${act}>> creates ${ref} without binding ${missing.join(', ')}: the effect was not applied.`,
    hint: `Write the arguments, e.g. ${ref}(${missing.join(', ')}), or give <<${act}>> parameters with these names.`,
  };
}

function refusal(
  cm: CompiledModel,
  state: CaseState,
  req: TakeRequest,
  at: string,
  reasons: readonly Reason[],
  check: TraceNode,
  frames: readonly TraceFrame[],
  sources: readonly TraceSource[],
): TakeResult {
  const trace: TraceEntry = {
    traceVersion: TRACE_VERSION,
    model: identityOf(cm),
    engine: ENGINE_VERSION,
    act: req.act,
    actor: req.actor,
    params: sortKeys({ ...(req.params ?? {}) }),
    at,
    outcome: 'refused',
    record: null,
    check,
    frames,
    reasons,
    effects: [],
    dutiesActivated: [],
    dutiesEnded: [],
    sources,
  };
  return { ok: false, state, refusal: { reasons }, trace };
}

/** A refusal reason for a bad request (no frame): a parameter-level problem. */
function requestReason(expr: string, message: string): Reason {
  return { item: 'parameter', status: 'false', expr, message, frame: null };
}

/**
 * The facts an actor supplies with a take, checked for authority: role facts and facts only acts
 * may create (`holds when: created`) are never given by an actor; a fact another party gave is not
 * overwritten with a different value. Reasons for the facts refused, empty when all may be given.
 */
function authorityReasons(
  cm: CompiledModel,
  state: CaseState,
  actor: string,
  act: string,
  facts: readonly GivenFact[],
): Reason[] {
  const out: Reason[] = [];
  facts.forEach((g, i) => {
    const f = cm.facts.get(g.fact) ?? cm.facts.get(bareName(g.fact));
    if (!f) return;
    const path = `/facts/${i}`;
    if (f.isRole || f.mode === 'created') {
      const why = f.isRole ? 'is a role fact: roles are declared on the case' : 'holds only when an act creates it';
      out.push(requestReason(path, `${actor} may not give [${f.name}] with <<${act}>>: it ${why}.`));
      return;
    }
    const r = checkGiven(cm, g, path);
    if ('code' in r) return;
    const old = state.facts[f.name]?.[argKey(r.args)];
    const by = g.by ?? actor;
    if (g.by !== undefined && g.by !== actor) {
      out.push(requestReason(path, `${actor} may not give [${f.name}] on behalf of ${g.by}.`));
      return;
    }
    if (old && old.terminated === null && old.value !== r.value) {
      const prev = old.provenance;
      const owner = prev.kind === 'given' ? prev.by : null;
      if (prev.kind !== 'given' || owner !== by) {
        const record = prev.kind === 'created' ? prev.record : '?';
        const who = prev.kind === 'given' ? (owner === null ? 'the case' : owner) : `act record ${record}`;
        out.push(
          requestReason(
            path,
            `${actor} may not change [${f.name}](${r.args.join(', ')}) from ${JSON.stringify(old.value)} ` +
              `to ${JSON.stringify(r.value)}: it was set by ${who}.`,
          ),
        );
      }
    }
  });
  return out;
}

type Completion =
  | { readonly kind: 'complete' }
  | { readonly kind: 'bound'; readonly params: Readonly<Record<string, JsonScalar>> }
  | { readonly kind: 'ambiguous' | 'missing'; readonly reason: Reason };

/**
 * Parameters a take leaves out (other than the actor's own) are bound from their finite domains,
 * as `expect … available` does: when exactly one binding of the missing ones makes the act
 * enabled, it is used; when several do, the take is refused naming the missing arguments and the
 * candidate bindings; when none does (or a domain is not finite), the missing arguments are named.
 */
function completeParams(cm: CompiledModel, state: CaseState, req: TakeRequest, at: string): Completion {
  const act = cm.acts.get(req.act);
  if (!act) return { kind: 'complete' };
  const given = req.params ?? {};
  const own = act.actor.kind === 'param' ? act.actor.param : null;
  const missing = act.decl.params.filter((p) => given[p.name] === undefined && p.name !== own);
  if (missing.length === 0) return { kind: 'complete' };
  const names = missing.map((p) => p.name).join(', ');
  const ctx = newCtx(cm, state, at, { actor: req.actor });
  const combos = bindingsIn(ctx, missing);
  const fits: Record<string, JsonScalar>[] = [];
  for (const b of combos ?? []) {
    const params = { ...given, ...b };
    if (quickCheck(cm, state, { ...req, params }, at) !== null) fits.push(params);
  }
  const fit = fits[0];
  if (fits.length === 1 && fit) return { kind: 'bound', params: fit };
  const base = `<<${act.name}>> was taken without ${missing.length === 1 ? 'the argument' : 'the arguments'} ${names}`;
  if (fits.length > 1) {
    const one = (f: Record<string, JsonScalar>): string =>
      missing.map((p) => `${p.name}: ${JSON.stringify(f[p.name])}`).join(', ');
    const shown = fits.slice(0, 5).map((f) => `(${one(f)})`);
    const more = fits.length > 5 ? ` and ${fits.length - 5} more` : '';
    const message = `${base}, and several bindings fit: ${shown.join(', ')}${more}. Name the arguments.`;
    return { kind: 'ambiguous', reason: requestReason(names, message) };
  }
  const why = combos === null ? 'they cannot be enumerated' : 'no binding of them makes the act enabled';
  return { kind: 'missing', reason: requestReason(names, `${base}; ${why}.`) };
}

/** An empty check node for requests refused before the act is checked. */
function emptyCheck(name: string): TraceNode {
  return { kind: 'check', expr: `<<${name}>>`, value: { type: 'boolean', value: false }, children: [] };
}

/** A reason a forced act cannot override: a parameter that does not fit (a role mismatch can be forced). */
const hard = (r: Reason): boolean => r.item === 'parameter' && !ROLE_REASONS.has(r);

function perform(
  cm: CompiledModel,
  state0: CaseState,
  req0: TakeRequest,
  forced: boolean,
  traceTree: boolean,
): TakeResult {
  const bad = caseProblem(cm, state0);
  const reqOk =
    typeof req0 === 'object' && req0 !== null && typeof req0.act === 'string' && typeof req0.actor === 'string';
  if (bad || !reqOk) {
    const req = reqOk ? req0 : ({ act: String((req0 as Partial<TakeRequest> | null)?.act), actor: '' } as TakeRequest);
    const why = bad ? bad.message : 'A take request needs an act name and an actor id.';
    const asOf = typeof state0?.asOf === 'string' ? state0.asOf : '';
    return refusal(cm, state0, req, asOf, [requestReason(bad?.path ?? '', why)], emptyCheck(req.act), [], []);
  }
  let req: TakeRequest =
    !cm.acts.has(req0.act) && req0.act.startsWith('<<') ? { ...req0, act: bareName(req0.act) } : req0;
  const at = req.at ?? state0.asOf;
  if (typeof at !== 'string' || !isDate(at)) {
    const message = `The act date ${JSON.stringify(at)} is not a calendar date YYYY-MM-DD (invalid date).`;
    const r = requestReason(String(at), message);
    return refusal(cm, state0, req, state0.asOf, [r], emptyCheck(req.act), [], []);
  }
  if (at < state0.asOf) {
    const r = requestReason(at, `The act date ${at} lies before the case clock ${state0.asOf}.`);
    return refusal(cm, state0, req, at, [r], emptyCheck(req.act), [], []);
  }
  const ps = req.params;
  if (ps !== undefined && (typeof ps !== 'object' || ps === null || Array.isArray(ps))) {
    const r = requestReason('params', 'The params of a take must be an object { name: value }.');
    return refusal(cm, state0, req, at, [r], emptyCheck(req.act), [], []);
  }
  if (req.facts !== undefined && !Array.isArray(req.facts)) {
    const r = requestReason('/facts', 'The facts of a take must be an array.');
    return refusal(cm, state0, req, at, [r], emptyCheck(req.act), [], []);
  }
  let state = at > state0.asOf ? moveClock(cm, state0, at).state : state0;
  if (req.facts && req.facts.length > 0) {
    const authority = authorityReasons(cm, state, req.actor, req.act, req.facts);
    if (authority.length > 0) return refusal(cm, state0, req, at, authority, emptyCheck(req.act), [], []);
    const g = giveFacts(cm, state, req.facts, { by: req.actor, at }, false);
    if (g.diagnostics.length > 0) {
      const reasons: Reason[] = g.diagnostics.map((d) => requestReason(d.path ?? '', d.message));
      return refusal(cm, state0, req, at, reasons, emptyCheck(req.act), [], []);
    }
    state = g.value;
  }
  const completed = completeParams(cm, state, req, at);
  if (completed.kind === 'ambiguous' && !forced) {
    return refusal(cm, state0, req, at, [completed.reason], emptyCheck(req.act), [], []);
  }
  if (completed.kind === 'bound') req = { ...req, params: completed.params };
  const check =
    (traceTree ? null : quickCheck(cm, state, req, at)) ??
    checkAct(cm, state, req.act, req.actor, req.params ?? {}, { trace: traceTree, date: at });
  if (completed.kind === 'missing' && check.status !== 'enabled' && !forced) {
    const reasons = [completed.reason, ...check.reasons.filter((r) => r.status === 'false')];
    const { tree, frames } = checkTreeOf(cm, check, req.act, at);
    return refusal(cm, state0, req, at, reasons, tree, frames, []);
  }
  const act0 = cm.acts.get(req.act);
  if (!act0 || (check.status !== 'enabled' && (!forced || check.reasons.some(hard)))) {
    const { tree: checkTree, frames } = checkTreeOf(cm, check, req.act, at);
    const sourcesMap = new Map<string, TraceSource>();
    collectSources(checkTree, frames, sourcesMap);
    return refusal(cm, state0, req, at, tracedReasons(cm, state, req, at, check), checkTree, frames, [
      ...sourcesMap.values(),
    ]);
  }
  const recordId = `r${state.counters.record + 1}`;
  const ctx = newCtx(cm, state, at, { actor: req.actor, env: { ...check.env } });
  // The effects of the version of the law in force on the act's deciding date (grammar/README.md#versions).
  const act = actVersion(ctx, act0).act;
  const effects: TraceEffect[] = [];
  const activated: TraceDutyChange[] = [];
  const ended: TraceDutyChange[] = [];
  const newFacts: { fact: string; args: JsonScalar[] }[] = [];
  const endFacts: { fact: string; args: JsonScalar[] }[] = [];
  const newDuties: DutyInstance[] = [];
  const diagnostics: Diagnostic[] = [];
  let dutyCounter = state.counters.duty;
  // Frames the effects touch; their sources join the trace entry when someone reads it.
  const noted: { kind: 'fact' | 'duty'; name: string }[] = [];
  const frameNote = (kind: 'fact' | 'duty', name: string): void => void noted.push({ kind, name });
  // The model's source blocks of the Atw provisions that extended (or excluded) a deadline (docs/calendar.md).
  const atwCited: TraceSource[] = [];
  for (const eff of act.creates) {
    if (eff.frame === 'fact') {
      const f = cm.facts.get(eff.name);
      const params = f?.decl?.params ?? [];
      const bound = effectArgs(ctx, eff, params);
      if (bound.includes(undefined)) {
        diagnostics.push(unboundEffect('fact', eff.name, unboundNames(bound, params), req.act));
        continue;
      }
      const args = bound as JsonScalar[];
      newFacts.push({ fact: eff.name, args });
      effects.push({ op: 'create', frame: 'fact', name: eff.name, args });
      frameNote('fact', eff.name);
    } else if (eff.frame === 'duty') {
      const d = cm.duties.get(eff.name);
      const params = d?.decl.params ?? [];
      const bound = effectArgs(ctx, eff, params);
      if (bound.includes(undefined)) {
        diagnostics.push(unboundEffect('duty', eff.name, unboundNames(bound, params), req.act));
        continue;
      }
      const args = bound as JsonScalar[];
      let deadline: string | null = null;
      let atwNote: Pick<TraceDutyChange, 'unextendedDeadline' | 'atw'> = {};
      if (d?.deadline || d?.variants) {
        const dctx = newCtx(cm, state, at, { actor: req.actor });
        params.forEach((p, i) => {
          const a = args[i];
          const v = a === undefined || a === null ? null : fromScalar(p.type, a, cm);
          if (v) dctx.env[p.name] = v;
        });
        // The deadline of the version of the law in force on the duty's deciding date (grammar/README.md#versions).
        const dl = dutyDeadline(dctx, d);
        for (const n of dctx.notes ?? []) diagnostics.push(n);
        const v = dl ? dl.value(dctx) : null;
        if (dl?.form === 'within' && v?.type === 'duration') {
          deadline = addDuration(at, v.value);
          const marker = dl.decl.atw;
          if (marker !== null && deadline !== null) {
            const r = withAtw(at, v.value, marker, eff.name, dl.decl.span, state.equivalentDays, cm.sources);
            diagnostics.push(...r.diagnostics);
            if (r.value !== null) {
              atwNote = { unextendedDeadline: deadline, atw: r.value.atw };
              deadline = r.value.date;
              atwCited.push(...r.value.cited);
            }
          }
        } else if (dl?.form === 'by' && v?.type === 'date') deadline = v.value;
      }
      dutyCounter++;
      const inst: DutyInstance = {
        id: `d${dutyCounter}`,
        duty: eff.name,
        args,
        createdBy: recordId,
        createdAt: at,
        deadline,
        status: 'active',
        endedBy: null,
        endedAt: null,
        violatedAt: null,
      };
      newDuties.push(inst);
      activated.push({ id: inst.id, duty: eff.name, args, deadline, ...atwNote });
      effects.push({ op: 'create', frame: 'duty', name: eff.name, args });
      frameNote('duty', eff.name);
    } else {
      effects.push({ op: 'create', frame: 'act', name: eff.name, args: effectArgs(ctx, eff, []) as JsonScalar[] });
    }
  }
  const dutyEnds: { duty: string; args: (JsonScalar | undefined)[] }[] = [];
  for (const eff of act.terminates) {
    if (eff.frame === 'fact') {
      const f = cm.facts.get(eff.name);
      const args = effectArgs(ctx, eff, f?.decl?.params ?? []);
      // Unbound positions are wildcards: every holding instance matching the bound ones ends.
      for (const inst of Object.values(state.facts[eff.name] ?? {})) {
        if (inst.terminated !== null || !args.every((a, j) => a === undefined || inst.args[j] === a)) continue;
        endFacts.push({ fact: eff.name, args: [...inst.args] });
        effects.push({ op: 'terminate', frame: 'fact', name: eff.name, args: inst.args });
      }
      frameNote('fact', eff.name);
    } else if (eff.frame === 'duty') {
      const d = cm.duties.get(eff.name);
      const args = effectArgs(ctx, eff, d?.decl.params ?? []);
      dutyEnds.push({ duty: eff.name, args });
      frameNote('duty', eff.name);
    }
  }
  for (const name of act.endsDuties) {
    const d = cm.duties.get(name);
    dutyEnds.push({ duty: name, args: implicitArgs(ctx, d?.decl.params ?? []) });
  }
  const record: ActRecord = {
    id: recordId,
    act: req.act,
    actor: req.actor,
    params: check.params,
    at,
    facts: req.facts ? [...req.facts] : [],
    forced: check.status !== 'enabled',
  };
  const violation: Violation | null = record.forced
    ? {
        kind: 'forced-act',
        ref: recordId,
        frame: req.act,
        args: act.decl.params.map((p) => check.params[p.name] ?? null),
        at,
        message: `The act <<${req.act}>> was forced by ${req.actor} while it was not enabled.`,
      }
    : null;
  const changes: Changes = { record, endFacts, newFacts, dutyEnds, newDuties, dutyCounter, violation, ended };
  const next = recordViolations(cm, applyEffects(state, changes)).state;
  // The duty instances actually ended, each with its arguments (unbound positions matched any).
  for (const e of ended) effects.push({ op: 'terminate', frame: 'duty', name: e.duty, args: e.args });
  const buildTrace = (): TraceEntry => {
    const { tree: checkTree, frames } = checkTreeOf(cm, check, req.act, at);
    const sourcesMap = new Map<string, TraceSource>();
    collectSources(checkTree, frames, sourcesMap);
    for (const n of noted) {
      const decl = n.kind === 'fact' ? cm.facts.get(n.name)?.decl : cm.duties.get(n.name)?.decl;
      for (const s of traceFrame(cm, n.kind, decl ?? null, n.name, at).sources)
        if (!sourcesMap.has(sourceKey(s))) sourcesMap.set(sourceKey(s), s);
    }
    for (const s of atwCited) if (!sourcesMap.has(sourceKey(s))) sourcesMap.set(sourceKey(s), s);
    return {
      traceVersion: TRACE_VERSION,
      model: identityOf(cm),
      engine: ENGINE_VERSION,
      act: req.act,
      actor: req.actor,
      params: check.params,
      at,
      outcome: record.forced ? 'forced' : 'taken',
      record: recordId,
      check: checkTree,
      frames,
      reasons: tracedReasons(cm, state, req, at, check),
      effects,
      dutiesActivated: activated,
      dutiesEnded: ended,
      sources: [...sourcesMap.values()],
    };
  };
  if (traceTree) return { ok: true, state: next, record, trace: buildTrace(), diagnostics };
  // Without a trace tree the entry is built on first read: bulk replays that never look pay nothing.
  let entry: TraceEntry | undefined;
  return {
    ok: true,
    state: next,
    record,
    diagnostics,
    get trace(): TraceEntry {
      return (entry ??= buildTrace());
    },
  };
}

interface Changes {
  readonly record: ActRecord;
  readonly endFacts: readonly { fact: string; args: JsonScalar[] }[];
  readonly newFacts: readonly { fact: string; args: JsonScalar[] }[];
  readonly dutyEnds: readonly { duty: string; args: (JsonScalar | undefined)[] }[];
  readonly newDuties: readonly DutyInstance[];
  readonly dutyCounter: number;
  readonly violation: Violation | null;
  /** Filled with the duties ended. */
  readonly ended: TraceDutyChange[];
}

/**
 * The state after an act: copy-on-write by hand (only touched buckets and arrays are copied, new
 * objects frozen), so taking an act never copies or walks the untouched parts of the state.
 */
function applyEffects(state: CaseState, c: Changes): CaseState {
  const { record } = c;
  const recordId = record.id;
  const at = record.at;
  const facts: Record<string, Readonly<Record<string, FactInstance>>> = { ...state.facts };
  const touched = new Map<string, Record<string, FactInstance>>();
  const bucketOf = (fact: string): Record<string, FactInstance> => {
    let b = touched.get(fact);
    if (b === undefined) {
      b = { ...(state.facts[fact] ?? {}) };
      touched.set(fact, b);
      facts[fact] = b;
    }
    return b;
  };
  for (const e of c.endFacts) {
    const old = state.facts[e.fact];
    if (!old) continue;
    const k = argKey(e.args);
    const inst = old[k];
    if (inst === undefined || inst.terminated !== null) continue;
    bucketOf(e.fact)[k] = freezeInstance({ ...inst, terminated: { record: recordId, at } });
  }
  for (const n of c.newFacts) {
    bucketOf(n.fact)[argKey(n.args)] = freezeInstance({
      args: n.args,
      value: true,
      provenance: { kind: 'created', record: recordId, at },
      terminated: null,
    });
  }
  for (const b of touched.values()) Object.freeze(b);
  if (touched.size > 0) recordChange(facts, state.facts, [...touched.keys()]);
  let duties: readonly DutyInstance[] = state.duties;
  if (c.dutyEnds.length > 0) {
    const copy = [...state.duties];
    let changed = false;
    for (const de of c.dutyEnds) {
      copy.forEach((d, i) => {
        if (d.duty !== de.duty || d.status !== 'active') return;
        if (!de.args.every((a, j) => a === undefined || d.args[j] === a)) return;
        copy[i] = Object.freeze({ ...d, status: 'ended', endedBy: recordId, endedAt: at });
        changed = true;
        c.ended.push({ id: d.id, duty: d.duty, args: [...d.args], deadline: d.deadline });
      });
    }
    if (changed) duties = copy;
  }
  if (c.newDuties.length > 0) {
    duties = withDutiesAppended(
      duties === state.duties ? duties : Object.freeze(duties),
      c.newDuties.map((d) => deepFreeze(d)),
    );
  } else if (duties !== state.duties) Object.freeze(duties);
  return engineState(
    Object.freeze({
      ...state,
      facts: touched.size > 0 ? Object.freeze(facts) : state.facts,
      duties,
      records: Object.freeze([...state.records, deepFreeze(record)]),
      violations: c.violation ? Object.freeze([...state.violations, deepFreeze(c.violation)]) : state.violations,
      counters: Object.freeze({ record: state.counters.record + 1, duty: c.dutyCounter }),
      // Logged as recorded: a force of an enabled act is a take; parameters in canonical form.
      events: Object.freeze([
        ...state.events,
        Object.freeze({
          kind: record.forced ? ('force' as const) : ('take' as const),
          act: record.act,
          actor: record.actor,
          params: record.params,
          facts: record.facts,
          at: record.at,
        }),
      ]),
    }),
  );
}

/**
 * The check tree of an entry with its frame table: the check's own tree, or (built without a full
 * tree) a check node without children carrying the act's frame.
 */
function checkTreeOf(
  cm: CompiledModel,
  check: ActCheck,
  act: string,
  date: string,
): { tree: TraceNode; frames: readonly TraceFrame[] } {
  if (check.trace) return { tree: check.trace, frames: check.frames ?? [] };
  const a = cm.acts.get(act);
  const status = check.status;
  const value: TraceNode['value'] =
    status === 'undecided' ? { type: 'unknown' } : { type: 'boolean', value: status === 'enabled' };
  const span = a ? declSpan(a.decl) : undefined;
  const tree: TraceNode = {
    kind: 'check',
    expr: `<<${act}>>`,
    ...(span ? { span } : {}),
    value,
    ...(a ? { frame: 0 } : {}),
    children: [],
  };
  return { tree, frames: a ? [actFrame(cm, a, date)] : [] };
}

/**
 * Take an act: check it and, when enabled, apply its effects. A refusal leaves the state
 * unchanged. The TraceEntry always comes back; `options.trace: false` leaves out the check tree's
 * derivation (the entry then has a childless check node: faster for bulk replays).
 */
export function take(cm: CompiledModel, state: CaseState, req: TakeRequest, options: EvalOptions = {}): TakeResult {
  return atBoundary(
    'take',
    (d) => refusedTake(state, d),
    () => {
      return perform(cm, state, req, false, options.trace ?? true);
    },
    compiledProblem('take', cm),
  );
}

/**
 * Take an act even when it is not enabled (eFLINT style): the act's effects apply and a
 * `forced-act` violation is recorded. Unknown acts and ill-typed parameters are still refused.
 */
export function force(cm: CompiledModel, state: CaseState, req: TakeRequest, options: EvalOptions = {}): TakeResult {
  return atBoundary(
    'force',
    (d) => refusedTake(state, d),
    () => {
      return perform(cm, state, req, true, options.trace ?? true);
    },
    compiledProblem('force', cm),
  );
}

/**
 * A `within` deadline under the Algemene termijnenwet (grammar/README.md#deadlines): the term of `duration` from
 * the duty's creation `at`, extended by {@link atwDeadline} when the Atw applies, or not extended when `marker`
 * names the excluding source. The case's art. 3 lid 3 `equivalent` days count as feestdagen; a skipped one is
 * cited with its declaring decision (docs/calendar.md). The model's source blocks whose Juriconnect id cites an Atw
 * provision applied ({@link atwSourceVersions}) are returned as `cited`, for the entry's `sources`, and their keys
 * on the Atw record. A term the Atw cannot compute (not a whole number of
 * days, weeks, months or years) keeps its unextended deadline, with a warning.
 */
function withAtw(
  at: string,
  duration: string,
  marker: DeadlineAtw,
  duty: string,
  span: Span | undefined,
  equivalent: readonly EquivalentDay[] = [],
  sources: ReadonlyMap<string, SourceDecl> = new Map(),
): { value: { date: string; atw: TraceDutyAtw; cited: TraceSource[] } | null; diagnostics: Diagnostic[] } {
  const spec = marker.applies ? { duration } : { duration, excludedBy: marker.source };
  const r = atwDeadline(at, spec, equivalent);
  if (r.value === null)
    return {
      value: null,
      diagnostics: r.diagnostics.map((x) => ({
        ...x,
        severity: 'warning' as const,
        ...(span === undefined ? {} : { span }),
        message: `The deadline of duty <${duty}> is not extended under the Atw: ${x.message}`,
      })),
    };
  const { date, rule, articles, applicability } = r.value;
  const applied = applicability.applies ? articles : applicability.articles;
  // Source blocks whose Juriconnect id cites an applied Atw provision join the trace (atwSourceVersions).
  const cited = atwSourceVersions(applied, sources, at).map(traceVersion);
  return {
    value: {
      date,
      atw: {
        applies: applicability.applies,
        rule,
        articles: applied,
        ...(cited.length > 0 ? { sources: cited.map(sourceKey) } : {}),
      },
      cited,
    },
    diagnostics: [],
  };
}

/**
 * The deadline of a duty in the version of the law in force on its deciding date (its `applies as of` date, or the
 * date it is created; grammar/README.md#versions). `null` when it has none then; no variant in force adds a note.
 */
function dutyDeadline(ctx: Ctx, d: CDuty): CDeadline | null {
  const table = d.variants;
  if (table === undefined) return d.deadline;
  const at = decidingDate(ctx, d.appliesAsOf);
  if (at === null) return null;
  const picked = pickVariant(table, at);
  if (picked) return picked.value;
  const message = noVersionMessage(ctx.cm.sources, `<${d.name}>`, d.decl.sources, table, at);
  note(ctx, { code: 'run-no-version', severity: 'warning', message, span: d.decl.nameSpan });
  return null;
}
