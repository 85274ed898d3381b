/**
 * Trace queries and renderings: why / why not, sources, counterfactuals, replay, text/Markdown/DOT/Mermaid.
 */
export { exprText } from './expr-text.js';
export { frameOf } from './frames.js';
export { counterfactual, decisionSources, why, whyNot } from './queries.js';
export type { Counterfactual, DutyChange, WhyAnswer, WhyNotAnswer, WhySubject } from './queries.js';
export {
  conditionText,
  durationText,
  explainText,
  idText,
  instanceText,
  paramsText,
  provenanceText,
  reasonText,
  scenarioWords,
  statusText,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  valueText,
  violationText,
} from './render.js';
export type { Lang, RenderOptions, ScenarioWords } from './render.js';
export {
  causesText,
  entriesRendering,
  dutyText,
  failureText,
  outcomeText,
  stepText,
  whyActText,
  whyDutyText,
  whyFactText,
  whyNotText,
} from './render-case.js';
export type { CaseOutcomeView, CaseRunView, CaseStepView, EntryToRender } from './render-case.js';
export { replay, replayEvents } from './replay.js';
export { runDocumentSchema, runJsonSchema, runStepSchema } from './run-schema.js';
export {
  isTraceNode,
  parseTraceEntry,
  provenanceSchema,
  reasonSchema,
  traceEntrySchema,
  traceFrameSchema,
  traceJsonSchema,
  traceNodeSchema,
  traceSourceSchema,
  traceValueSchema,
} from './schema.js';
export { TRACE_VERSION } from '../model/trace.js';
export type * from '../model/trace.js';
