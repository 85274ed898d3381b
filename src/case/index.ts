/**
 * Cases: the case-file format (zod schema, parsing with positions, checking against a compiled
 * model), the one replay loop (`step`, `caseSteps`, `replayCase`) and the outcome of a case.
 * Pure: no wording (see src/trace/render-case.ts) and no I/O.
 */
export {
  bareName,
  caseActors,
  caseActSchema,
  caseFactSchema,
  caseFileSchema,
  caseJsonSchema,
  checkCaseFile,
  checkCaseValue,
  parseCaseFile,
  toGivenFact,
  toTakeRequest,
} from './case-file.js';
export type { CaseAct, CaseFact, CaseFile, CaseLocator, ParsedCaseFile } from './case-file.js';
export { factBindings, MAX_BINDINGS } from './bindings.js';
export { whyInCase, whyNotInCase } from './explain.js';
export type { CaseAnswerScope, WhyInCase, WhyNotInCase } from './explain.js';
export { outcomeOf } from './outcome.js';
export type { CaseOutcome, HoldingFact, OpenQuestion } from './outcome.js';
export { caseSteps, replayCase, startCase, step } from './replay.js';
export type { CaseInput, CaseReplay, CaseStep, ReplayOptions, StepResult } from './replay.js';
