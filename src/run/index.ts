/**
 * The native interpreter: compile a model, run a case, take acts, advance the clock.
 *
 * Native semantics in short (details in each module's header):
 * - Values: boolean, exact decimal/integer (decimal.js), text, date `YYYY-MM-DD`, duration
 *   `P<n>D|W|M|Y` (months clamp to the month's end), actor id, instance reference. Unknown is
 *   an evaluation result (`{ type: 'unknown' }` in traces), never a stored value.
 * - Canonical arguments: fact arguments and act parameters are keyed in the canonical JSON scalar
 *   of their parameter type (`canonicalScalar`, docs/cases.md#canonical-arguments): integer and
 *   decimal → exact decimal text (`2019` and `"2019.0"` → `"2019"`), text → the text (a number →
 *   its decimal spelling), date/duration/actor → the text, boolean → the boolean, an instance → its
 *   argument(s) in canonical form. `give`, act params, effect args and `evaluateFact` all normalise;
 *   a given argument that does not fit is `run-wrong-type`.
 * - Facts hold as sets of instances keyed by their arguments, each with provenance (given,
 *   created, or derived in traces). Input facts not given are unknown and asked as questions,
 *   unless closed; `created` facts are false until an act creates them; terminated instances
 *   are known false.
 * - Kleene logic: `false and unknown = false`, `true or unknown = true`; arithmetic and
 *   comparison with unknown are unknown. Aggregates range over known instances (compile.ts).
 * - Roles are closed world: declared on the case, or given/created as instances of the role fact
 *   (a zero-parameter fact of type `actor` or of a fact type; `[ouder]: [persoon]` is a sub-role).
 * - As-of dates: a frame is in force when one of its sources covers the date (or it cites none);
 *   an act needs itself and every fact frame its checks read in force.
 * - Acts: in force → actor → object → recipient → preconditions; `take` applies effects,
 *   activates/ends duties and appends a record; `force` does so anyway and records a violation.
 * - State is plain JSON, frozen, copied on write (only touched parts); ids come from counters; time
 *   only from arguments.
 * - Performance: expressions are closures compiled once; `availableActs` and `take` without trace
 *   take a lean path (no reasons, no trace nodes); ground derived facts evaluate dependencies first
 *   (deep chains) and incrementally across states (`deriveGround`). See docs/performance.md.
 */
// compile with its argument guard (guards.ts): a malformed model gives `invalid-argument`
export { compile } from './guards.js';
export { canonicalArgs, canonicalScalar, fromScalar } from './convert.js';
export { KNOWN_FUNCTIONS } from './library.js';
export type { ActorCheck, CAct, CDuty, CEffect, CFact, CompiledModel, Question } from './context.js';
export { createCase, createCaseChecked, give } from './case.js';
export { resumeCase } from './resume.js';
export { ENGINE_VERSION, modelIdentity } from '../model/identity.js';
export type { ModelIdentity } from '../model/identity.js';
export type { CaseOptions } from './case.js';
export { dutyReads, failingConditions } from './conditions.js';
export type { DutyRead } from './conditions.js';
export { actBindings, availableActs, checkAct, force, potentialActs, take } from './acts.js';
export type { ActCheck, AvailableAct, EvalOptions, PotentialAct, TakeRequest, TakeResult } from './acts.js';
export { activeDuties, advance, violations } from './duties.js';
export type { AdvanceResult } from './duties.js';
export { evaluateFact } from './evaluate.js';
export { deriveGround, derivedValue } from './incremental.js';
export type { DerivedSnapshot } from './incremental.js';
export { buildPlan } from './plan.js';
export type { DerivedPlan, Sensitivity } from './plan.js';
export type { FactEvaluation } from './evaluate.js';
export { exprText } from './expr-text.js';
export { argKey } from './state.js';
export type {
  ActRecord,
  CaseEvent,
  CaseState,
  DutyInstance,
  FactInstance,
  GivenFact,
  JsonScalar,
  Violation,
} from './state.js';
export { addDuration, daysBetween, isDate, isDuration, parseDecimal } from './values.js';
export type { Tri, Value } from './values.js';
// The Dutch calendar, the Algemene termijnenwet and the date functions of the language (docs/calendar.md)
export {
  easterSunday,
  equivalentDayProblems,
  holidays,
  holidaysOn,
  isEquivalentList,
  isHoliday,
  isoWeekday,
  isWorkingDay,
  kingsDay,
  nextWorkingDay,
  previousWorkingDay,
  workingDayOnOrAfter,
} from './calendar.js';
export type { EquivalentDay, Holiday, HolidayArticle } from './calendar.js';
export { atwApplies, atwDeadline, atwExtend, atwExtendBackward, atwSourceVersions } from './atw.js';
export type {
  AtwApplicability,
  AtwDeadline,
  AtwExtension,
  AtwRule,
  AtwTermSpec,
  TermSetIn,
  TermSubject,
} from './atw.js';
export {
  addMonths,
  durationBetween,
  firstOfMonth,
  firstOfYear,
  lastOfMonth,
  lastOfYear,
  monthStart,
  monthsBefore,
  weekday,
  weeksBetween,
  yearsBetween,
} from './date-functions.js';
export type { DurationUnit } from './date-functions.js';
