/**
 * The checker: name resolution, types and the check rules.
 */
export { check, DEFAULT_MAX_DIAGNOSTICS } from './check.js';
export type { CheckOptions, CheckedModel } from './check.js';
export { createContext, emptyRecord, lookup } from './context.js';
export { scenarioRefs, scenarioSourceRefs } from './scenario-refs.js';
export type { ScenarioRef, ScenarioSourceRef } from './scenario-refs.js';
export type { CheckContext, FoundRef, Origin } from './context.js';
export { implicitFactNames } from './implicit.js';
export { JURICONNECT_KEYS, JURICONNECT_VERSIONS, isIsoDate, juriconnectProblem } from './juriconnect.js';
export { eachExpr, frameLabel, isDerived, kindWord, refsIn, report } from './rule.js';
export type { Finding, Rule } from './rule.js';
export { defaultRules } from './rules/index.js';
export { positivelyRequired } from './rules/act-never-enabled.js';
export { MAX_SUGGESTIONS, boundedDistance, didYouMean, editDistance, suggest, suggester } from './suggest.js';
export {
  BUILTIN_FUNCTIONS,
  ExprChecker,
  T,
  declaredParentRole,
  describe,
  factTypeInfo,
  isAssignable,
  isLoose,
  isNumeric,
  isSubRole,
  showType,
  typeFromRef,
} from './types.js';
export type { ParamType, ParentRole, Type, TypeInfo, TypeIssue, TypeScope, VarScope } from './types.js';
