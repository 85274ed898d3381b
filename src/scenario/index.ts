/**
 * Scenarios: tests of a model written in .flint (grammar/README.md#scenarios), run against the
 * native interpreter, with coverage of acts, precondition branches and duties.
 */
export { runScenarios, scenariosOf } from './guards.js';
export type { RunScenariosOptions } from './run.js';
export { renderCoverage, renderScenarioReport } from './render.js';
export type { RenderOptions } from './render.js';
export { CoverageCollector } from './coverage.js';
export { blamedFacts } from './excerpt.js';
export type { BranchCoverage, CheckResult, Coverage, ScenarioReport, ScenarioResult } from './types.js';
