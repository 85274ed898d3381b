/** The .flint text door into the Model AST (grammar/README.md). */
export { parse } from './parse.js';
export { print, printExpr, printScenarioStep } from './print.js';
export { loadModel } from './load.js';
export type { LoadHost, LoadedModel, LoadOptions } from './load.js';
export { MAX_IMPORT_DEPTH, isInsideRoot, isModelText, normalizePath } from './load.js';
export { BLOCK_FIELDS, PRIMITIVE_TYPES } from './to-ast.js';
export { bracketName, quoteString } from './text.js';
export { DURATION_UNITS, KEYWORDS, RESERVED_WORDS } from '../../grammar/tokens.js';
export { format } from './format.js';
