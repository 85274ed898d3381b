/** The compatibility profiles: the discipl-law-reg interpreter and its conformance runner. */
export { DisciplEngine } from './discipl/engine.js';
export type {
  DisciplActCheck,
  ActLink,
  DisciplOutcome,
  DisciplQuestion,
  DisciplRecord,
  DisciplResolver,
  DutyLink,
  ExplainNode,
} from './discipl/engine.js';
export type { DisciplObject, DisciplValue } from './discipl/values.js';
export { isTruthy, toPlain } from './discipl/values.js';
export { lowerExpr, lowerModel } from './discipl/lower.js';
export type { PeerAct, PeerDuty, PeerExpr, PeerModel, RawTextAt } from './discipl/lower.js';
export { DISCIPL_BEHAVIOUR_DEVIATIONS, DISCIPL_DEVIATIONS, findDeviation } from './discipl/deviations.js';
export type { BehaviourDeviation, Deviation } from './discipl/deviations.js';
export {
  WITHOUT_ENGINE_STEP_KINDS,
  createModelCache,
  didOf,
  engineImporter,
  renderConformance,
  runConformance,
  withoutEngineLine,
} from './discipl/conformance.js';
export type {
  CaseReport,
  ConformanceOptions,
  ConformanceReport,
  ModelCache,
  ModelImporter,
  RenderOptions,
  StepReport,
  StepStatus,
} from './discipl/conformance.js';
