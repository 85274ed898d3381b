/**
 * The native interpreter: compile a model, run a case, take acts, advance the clock.
 */
export { compile, fromScalar, KNOWN_FUNCTIONS } from './compile.js';
export type { ActorCheck, CAct, CDuty, CEffect, CFact, CompiledModel, Question } from './context.js';
export { createCase, createCaseChecked, give } from './case.js';
export type { CaseOptions } from './case.js';
export { availableActs, checkAct, force, potentialActs, take } from './acts.js';
export type { ActCheck, AvailableAct, EvalOptions, PotentialAct, TakeRequest, TakeResult } from './acts.js';
export { activeDuties, advance, advanceClock, violations } from './duties.js';
export type { AdvanceResult } from './duties.js';
export { evaluateFact, holds } from './evaluate.js';
export type { FactEvaluation } from './evaluate.js';
export { exprText } from './expr-text.js';
export { argKey } from './state.js';
export type { ActRecord, CaseState, DutyInstance, FactInstance, GivenFact, JsonScalar, Violation } from './state.js';
export { addDuration, daysBetween, isDate, isDuration } from './values.js';
export type { Tri, Value } from './values.js';
