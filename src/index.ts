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
  sourcesOf as sourceDeclsOf,
  stripSpans,
  walkExpr,
} from './model/walk.js';

// .flint text
export { loadModel, parse, print, printExpr } from './syntax/index.js';
export type { LoadHost, LoadedModel } from './syntax/index.js';

// FLINT JSON
export { exportFlintJson, exportFlintJsonText, importExpression, importFlintJson, importFlintJsonValue } from './interchange/index.js';
export type { ExportOptions, FlintJsonModel } from './interchange/index.js';

// Checking
export { check, defaultRules } from './check/index.js';
export type { CheckOptions, CheckedModel, Rule } from './check/index.js';
export { renderDiagnostics } from './report/index.js';

// Model graph
export { creatorsOf, impactOf, nodeKey, plan, sourcesOf as frameSources, toDot, toGraph, toGraphml, toJson, toMermaid } from './graph/index.js';
export type { ModelGraph, Plan } from './graph/index.js';

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
  holds,
  potentialActs,
  take,
  violations,
} from './run/index.js';
export type {
  ActCheck,
  ActRecord,
  AvailableAct,
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

// Traces
export {
  counterfactual,
  explainText,
  replay,
  sourcesOf as decisionSources,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  valueText,
  why,
  whyNot,
} from './trace/index.js';
export type * from './model/trace.js';

// Scenarios (tests for models)
export { renderScenarioReport, runScenarios, scenariosOf } from './scenario/index.js';
export type { Coverage, ScenarioReport, ScenarioResult } from './scenario/index.js';

// discipl-law-reg compatibility profile
export { DisciplEngine, renderConformance, runConformance } from './compat/index.js';
