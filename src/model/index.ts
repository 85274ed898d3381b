export type * from './ast.js';
export type { Pos, Span } from './span.js';
export { START_POS, emptySpan, joinSpans, positionAt } from './span.js';
export type { Diagnostic, RelatedInformation, Result, Severity } from './diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostic.js';
export {
  actsOf,
  displayName,
  dutiesOf,
  factsOf,
  frameExpressions,
  framesOf,
  importsOf,
  sourceDeclsOf,
  stripSpans,
  subExpressions,
  walkExpr,
} from './walk.js';
export type { CalendarDate, NumberParse } from './literals.js';
export {
  DECIMAL_MAX_EXPONENT,
  DECIMAL_PRECISION,
  MAX_NUMBER_TEXT,
  MAX_YEAR,
  MIN_YEAR,
  dateProblem,
  isDate,
  parseDate,
  parseNumber,
} from './literals.js';
export { canonicalJson } from './canonical.js';
export { ENGINE_VERSION, modelIdentity } from './identity.js';
export type { ModelIdentity } from './identity.js';
export { sha256, sha256Hex } from './sha256.js';
