/** FLINT JSON interchange: import (any dialect) and export of the Model AST, and the zod schemas. */
export {
  DIALECT_META_KEY,
  INTERNAL_META_KEYS,
  MAX_EXPRESSION_DEPTH,
  importExpression,
  importFlintJson,
  importFlintJsonValue,
} from './import.js';
export type { FlintDialect } from './import.js';
export { exportFlintJson, exportFlintJsonText } from './export.js';
export type { ExportOptions } from './export.js';
export { MAX_JSON_DEPTH } from './json-text.js';
export {
  FLINT_OPERATORS,
  FlintActSchema,
  FlintDutySchema,
  FlintExpressionSchema,
  FlintFactSchema,
  FlintModelSchema,
  FlintSourceSchema,
} from './schema.js';
export type {
  FlintAct,
  FlintDuty,
  FlintExpression,
  FlintFact,
  FlintJsonModel,
  FlintOperator,
  FlintSource,
} from './schema.js';
