/**
 * Calculemus public API: the library behind the `flint` CLI.
 *
 * Pipeline: `parse` (.flint text) or `importFlintJson` (FLINT JSON) → `check` → `toGraph` /
 * `compile` → `createCase` / `take` / `availableActs` → trace queries (`why`, `whyNot`,
 * `decisionSources`, `counterfactual`) and renderings. Every stage returns values with
 * diagnostics; none throws on user input. Nothing here does I/O.
 */

// Shared vocabulary
export type * from './model/ast.js';
export type { Pos, Span } from './model/span.js';
export type { Diagnostic, RelatedInformation, Result, Severity } from './model/diagnostic.js';
export { hasErrors, sortDiagnostics } from './model/diagnostic.js';
export {
  actsOf,
  displayName,
  dutiesOf,
  factsOf,
  framesOf,
  importsOf,
  sourceDeclsOf,
  stripSpans,
  walkExpr,
} from './model/walk.js';

// .flint text
export { loadModel, parse, print, printExpr } from './syntax/index.js';
export type { LoadHost, LoadedModel } from './syntax/index.js';

// FLINT JSON
export {
  exportFlintJson,
  exportFlintJsonText,
  importExpression,
  importFlintJson,
  importFlintJsonValue,
} from './interchange/index.js';
export type { ExportOptions, FlintJsonModel } from './interchange/index.js';

// Checking
export { check, defaultRules } from './check/index.js';
export type { CheckOptions, CheckedModel, Rule } from './check/index.js';
export { renderDiagnostics } from './report/index.js';

// Model graph
export {
  creatorsOf,
  frameSources,
  impactOf,
  nodeKey,
  planActs,
  toDot,
  toGraph,
  toGraphml,
  toJson,
  toMermaid,
} from './graph/index.js';
export type { ActPlan, ActPlanOptions, ModelGraph } from './graph/index.js';

// Interpreter
export {
  activeDuties,
  advance,
  availableActs,
  checkAct,
  compile,
  createCase,
  createCaseChecked,
  evaluateFact,
  force,
  give,
  potentialActs,
  resumeCase,
  take,
  violations,
} from './run/index.js';
export type {
  ActCheck,
  ActRecord,
  AvailableAct,
  CaseEvent,
  CaseState,
  CompiledModel,
  DutyInstance,
  FactInstance,
  GivenFact,
  PotentialAct,
  Question,
  TakeRequest,
  TakeResult,
  Violation,
} from './run/index.js';
// The Dutch calendar and the Algemene termijnenwet (docs/calendar.md)
export { atwDeadline, atwExtend, holidays, isWorkingDay, nextWorkingDay } from './run/index.js';
export type {
  AtwApplicability,
  AtwDeadline,
  AtwExtension,
  AtwRule,
  AtwTermSpec,
  EquivalentDay,
  Holiday,
  HolidayArticle,
  TermSetIn,
  TermSubject,
} from './run/index.js';

// Cases (docs/cases.md): the case-file format, the one replay loop and the outcome of a case
export {
  caseJsonSchema,
  caseSteps,
  checkCaseValue,
  outcomeOf,
  replayCase,
  startCase,
  step,
} from './case/index.js';
// the case-file functions with their argument guards
export { caseActors, checkCaseFile, parseCaseFile, toGivenFact, toTakeRequest } from './case/case-file-guards.js';
export type {
  CaseAct,
  CaseFact,
  CaseFile,
  CaseInput,
  CaseLocator,
  CaseOutcome,
  CaseReplay,
  CaseStep,
  ParsedCaseFile,
  ReplayOptions,
  StepResult,
} from './case/index.js';

// Traces
export {
  conditionText,
  counterfactual,
  durationText,
  explainText,
  decisionSources,
  failureText,
  frameOf,
  outcomeText,
  provenanceText,
  reasonText,
  replay,
  replayEvents,
  statusText,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  stepText,
  valueText,
  violationText,
  why,
  whyNot,
  whyNotText,
} from './trace/index.js';
export type * from './model/trace.js';
export { TRACE_VERSION } from './model/trace.js';

// Canonical JSON (the bytes of `flint ... --format json`), model and engine identity
export { canonicalJson } from './model/canonical.js';
export { ENGINE_VERSION, modelIdentity } from './model/identity.js';
export type { ModelIdentity } from './model/identity.js';

// Algoritmeregister entries (docs/register.md)
export { registerEntry, registerJsonSchema, registerMarkdown } from './register/index.js';
export type {
  AlgoritmeregisterFields,
  RegisterArticle,
  RegisterArticleVersion,
  RegisterDataItem,
  RegisterDecisionPoint,
  RegisterEntry,
  RegisterLink,
  RegisterOptions,
  RegisterPlaceholder,
} from './register/index.js';

// Scenarios (tests for models)
export { renderScenarioReport, runScenarios, scenariosOf } from './scenario/index.js';
export type { Coverage, ScenarioReport, ScenarioResult } from './scenario/index.js';

// discipl-law-reg compatibility profile
export { DisciplEngine, renderConformance, runConformance } from './compat/index.js';
