/** The expression-to-text printer used in traces (implemented in src/run, which builds traces). */
export { exprText } from '../run/expr-text.js';
