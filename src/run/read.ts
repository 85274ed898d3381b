/**
 * State reads during evaluation: stored (input or created) fact instances and roles, each read
 * traced and each unknown input asked as a question.
 */
import type { JsonScalar } from '../model/trace.js';
import type { CFact, Ctx } from './context.js';
import { argKey } from './state.js';
import type { FactInstance } from './state.js';
import { FALSE, TRUE, bool, toTraceValue } from './values.js';
import type { Tri } from './values.js';
import { fromScalar } from './convert.js';

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
export function readStored(ctx: Ctx, f: CFact, args: readonly JsonScalar[]): Tri {
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
export function someStored(ctx: Ctx, f: CFact): Tri {
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
