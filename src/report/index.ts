/**
 * Rendering of diagnostics for people.
 */
export { renderDiagnostics, summary } from './render-diagnostics.js';
export type { RenderOptions } from './render-diagnostics.js';
