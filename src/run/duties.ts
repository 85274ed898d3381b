/**
 * The clock and duties: advancing time, deadline and condition violations, active duties.
 */
import { castDraft, produce } from 'immer';
import type { JsonScalar } from '../model/trace.js';
import { fromScalar } from './compile.js';
import type { CompiledModel } from './context.js';
import { newCtx } from './context.js';
import { withEvent } from './state.js';
import type { CaseState, DutyInstance, Violation } from './state.js';
import { truth } from './values.js';

/** The result of {@link advance}: the new state and the violations it recorded. */
export interface AdvanceResult {
  readonly state: CaseState;
  readonly violations: readonly Violation[];
}

/**
 * Move the clock to `to` (never backwards: an earlier date leaves the state unchanged). Active
 * duties whose deadline lies before `to` are violated, and so are active duties whose
 * `violation` condition holds on `to`; each duty instance is violated at most once.
 */
export function advance(cm: CompiledModel, state: CaseState, to: string): AdvanceResult {
  const r = moveClock(cm, state, to);
  return r.state === state ? r : { ...r, state: withEvent(r.state, { kind: 'advance', to }) };
}

/** {@link advance} without logging an `advance` event (a take on a later date moves the clock so). */
export function moveClock(cm: CompiledModel, state: CaseState, to: string): AdvanceResult {
  if (to <= state.asOf) return { state, violations: [] };
  const moved = produce(state, (d) => {
    d.asOf = to;
  });
  const found: { index: number; v: Violation }[] = [];
  moved.duties.forEach((d, index) => {
    if (d.status !== 'active' || d.violatedAt !== null) return;
    if (d.deadline !== null && d.deadline < to) {
      found.push({
        index,
        v: {
          kind: 'duty-deadline',
          ref: d.id,
          frame: d.duty,
          args: d.args,
          at: to,
          message: `The duty <${d.duty}> (${d.id}) was not fulfilled by its deadline ${d.deadline}.`,
        },
      });
      return;
    }
    const cd = cm.duties.get(d.duty);
    if (!cd?.violation) return;
    const ctx = newCtx(cm, moved, to);
    cd.decl.params.forEach((p, i) => {
      const a = d.args[i];
      const v = a === undefined || a === null ? null : fromScalar(p.type, a, cm);
      if (v) ctx.env[p.name] = v;
    });
    if (truth(cd.violation(ctx)) === true) {
      found.push({
        index,
        v: {
          kind: 'duty-condition',
          ref: d.id,
          frame: d.duty,
          args: d.args,
          at: to,
          message: `The violation condition of the duty <${d.duty}> (${d.id}) holds.`,
        },
      });
    }
  });
  if (found.length === 0) return { state: moved, violations: [] };
  const next = produce(moved, (draft) => {
    for (const f of found) {
      const duty = draft.duties[f.index];
      if (duty) duty.violatedAt = to;
      draft.violations.push(castDraft(f.v));
    }
  });
  return { state: next, violations: found.map((f) => f.v) };
}

/** The active duty instances (violated ones included), optionally only those whose arguments include `holder`. */
export function activeDuties(state: CaseState, holder?: JsonScalar): DutyInstance[] {
  return state.duties.filter((d) => d.status === 'active' && (holder === undefined || d.args.includes(holder)));
}

/** Every violation recorded in the case, in order. */
export function violations(state: CaseState): readonly Violation[] {
  return state.violations;
}
