/**
 * The clock and duties: advancing time, deadline and condition violations, active duties.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { JsonScalar } from '../model/trace.js';
import { fromScalar } from './convert.js';
import type { CompiledModel } from './context.js';
import { newCtx } from './context.js';
import { argKey, engineState, stateProblem, withEvent } from './state.js';
import { caseProblem } from './resume.js';
import type { CaseState, DutyInstance, Violation } from './state.js';
import { isDate, truth } from './values.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem, stateOrInvalid } from './guards.js';

/** The result of {@link advance}: the new state, the violations it recorded, and problems with the input. */
export interface AdvanceResult {
  readonly state: CaseState;
  readonly violations: readonly Violation[];
  /** `run-invalid-date` for a `to` that is not a calendar date, `run-invalid-state` for a corrupt state. */
  readonly diagnostics: readonly Diagnostic[];
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * Move the clock to `to` (never backwards: an earlier date leaves the state unchanged), then
 * record violations ({@link recordViolations}). An invalid date or state leaves the state
 * unchanged and is reported in `diagnostics`.
 */
export function advance(cm: CompiledModel, state: CaseState, to: string): AdvanceResult {
  return atBoundary(
    'advance',
    (d) => ({ state: stateOrInvalid(state), violations: [], diagnostics: [d] }),
    () => {
      const r = moveClock(cm, state, to);
      return r.state === state ? r : { ...r, state: withEvent(r.state, { kind: 'advance', to }) };
    },
    compiledProblem('advance', cm),
  );
}

/** {@link advance} without logging an `advance` event (a take on a later date moves the clock so). */
export function moveClock(cm: CompiledModel, state: CaseState, to: string): AdvanceResult {
  const bad = caseProblem(cm, state);
  if (bad) return { state, violations: NONE, diagnostics: [bad] };
  if (typeof to !== 'string' || !isDate(to)) {
    const d: Diagnostic = {
      code: 'run-invalid-date',
      severity: 'error',
      message: `Cannot move the clock to ${JSON.stringify(to)}: not a calendar date YYYY-MM-DD.`,
      path: '/to',
    };
    return { state, violations: NONE, diagnostics: [d] };
  }
  if (to <= state.asOf) return { state, violations: NONE, diagnostics: NONE };
  const moved = engineState(Object.freeze({ ...state, asOf: to }));
  const r = recordViolations(cm, moved);
  return { ...r, diagnostics: NONE };
}

/**
 * Record the violations that hold on the case clock: every active duty whose deadline lies
 * before the clock, or whose `violated when` condition holds now. Run after every step (taking
 * an act, giving facts, moving the clock). A duty instance is violated at most once: the
 * violation stays recorded (and the duty active) when the condition stops holding.
 */
export function recordViolations(
  cm: CompiledModel,
  state: CaseState,
): { state: CaseState; violations: readonly Violation[] } {
  if (state.duties.length === 0) return { state, violations: NONE };
  const to = state.asOf;
  // First per group of open instances (one duty, one argument list): a deadline passed shows in the
  // group's earliest, and a `violated when` condition, a function of the state, the clock and the
  // arguments, is evaluated once for the group. A step that violates nothing (nearly every step)
  // ends here, whatever the number of instances (a case where every application creates a duty
  // holds hundreds of one group).
  const holds = new Map<string, boolean>();
  let any = false;
  for (const [key, g] of groupsOf(state.duties)) {
    if (g.deadline !== null && g.deadline < to) {
      any = true;
      continue;
    }
    const violated = conditionHolds(cm, state, to, g.duty, g.args);
    holds.set(key, violated);
    if (violated) any = true;
  }
  if (!any) return { state, violations: NONE };
  // Then instance by instance, in the case's order: the violations and their order.
  const found: { index: number; v: Violation }[] = [];
  state.duties.forEach((d, index) => {
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
    const key = groupKey(d);
    let violated = holds.get(key);
    if (violated === undefined) holds.set(key, (violated = conditionHolds(cm, state, to, d.duty, d.args)));
    if (violated) {
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
  if (found.length === 0) return { state, violations: NONE };
  const duties = [...state.duties];
  for (const f of found) {
    const d = duties[f.index];
    if (d) duties[f.index] = Object.freeze({ ...d, violatedAt: to });
  }
  const next = engineState(
    Object.freeze({
      ...state,
      duties: Object.freeze(duties),
      violations: Object.freeze([...state.violations, ...found.map((f) => Object.freeze({ ...f.v }))]),
    }),
  );
  return { state: next, violations: found.map((f) => f.v) };
}

/** Whether the `violated when` condition of duty `duty` holds for `args` on the clock `to`. */
function conditionHolds(
  cm: CompiledModel,
  state: CaseState,
  to: string,
  duty: string,
  args: readonly JsonScalar[],
): boolean {
  const cd = cm.duties.get(duty);
  if (!cd?.violation) return false;
  const ctx = newCtx(cm, state, to);
  cd.decl.params.forEach((p, i) => {
    const a = args[i];
    const v = a === undefined || a === null ? null : fromScalar(p.type, a, cm);
    if (v) ctx.env[p.name] = v;
  });
  return truth(cd.violation(ctx)) === true;
}

/**
 * The open duty instances of a case (active, not yet violated), grouped by duty and arguments: per
 * group its arguments and the earliest deadline among its instances. A violation of any instance
 * shows in its group: a deadline before the clock shows in the earliest one, and the condition is
 * the same for every instance of a group.
 */
interface OpenGroup {
  readonly duty: string;
  readonly args: readonly JsonScalar[];
  /** The earliest deadline of the group's instances; null when none has one. */
  readonly deadline: string | null;
}

/**
 * The open groups of a duties list, remembered per list (the lists are frozen, so a list's groups
 * never change). A list made by appending instances to another ({@link withDutiesAppended}) gets its
 * groups from that list's without a walk; any other list is walked once.
 */
const openGroups = new WeakMap<readonly DutyInstance[], ReadonlyMap<string, OpenGroup>>();

const groupKey = (d: DutyInstance): string => `${d.duty}\u0000${argKey(d.args)}`;

function addOpen(groups: Map<string, OpenGroup>, d: DutyInstance): void {
  if (d.status !== 'active' || d.violatedAt !== null) return;
  const key = groupKey(d);
  const g = groups.get(key);
  if (g === undefined) groups.set(key, { duty: d.duty, args: d.args, deadline: d.deadline });
  else if (d.deadline !== null && (g.deadline === null || d.deadline < g.deadline))
    groups.set(key, { ...g, deadline: d.deadline });
}

function groupsOf(duties: readonly DutyInstance[]): ReadonlyMap<string, OpenGroup> {
  let groups = openGroups.get(duties);
  if (groups === undefined) {
    const made = new Map<string, OpenGroup>();
    for (const d of duties) addOpen(made, d);
    openGroups.set(duties, (groups = made));
  }
  return groups;
}

/**
 * `duties` followed by `added`, frozen, with its open groups derived from those of `duties` (when
 * known) instead of a walk over every instance: what a take that creates duties does.
 */
export function withDutiesAppended(
  duties: readonly DutyInstance[],
  added: readonly DutyInstance[],
): readonly DutyInstance[] {
  const next = Object.freeze([...duties, ...added]);
  const before = openGroups.get(duties);
  if (before !== undefined) {
    const groups = new Map(before);
    for (const d of added) addOpen(groups, d);
    openGroups.set(next, groups);
  }
  return next;
}

/** The active duty instances (violated ones included), optionally only those whose arguments include `holder`. */
export function activeDuties(state: CaseState, holder?: JsonScalar): DutyInstance[] {
  return atBoundary(
    'activeDuties',
    () => [],
    () => {
      if (stateProblem(state)) return [];
      return state.duties.filter((d) => d.status === 'active' && (holder === undefined || d.args.includes(holder)));
    },
  );
}

/** Every violation recorded in the case, in order. */
export function violations(state: CaseState): readonly Violation[] {
  return atBoundary(
    'violations',
    () => [],
    () => {
      // a corrupt state has no violations to list (every other call reports run-invalid-state)
      return stateProblem(state) ? [] : state.violations;
    },
  );
}
