import type { Span } from './span.js';
import { atBoundary } from './guard.js';

/** How bad a diagnostic is. Only `error` makes a check fail (CLI exit code 1). */
export type Severity = 'error' | 'warning' | 'info';

/** A secondary location that helps to understand a diagnostic (e.g. the first declaration of a duplicate). */
export interface RelatedInformation {
  readonly message: string;
  readonly span?: Span;
  readonly path?: string;
}

/**
 * A problem found in user input. Diagnostics are values: no stage throws on bad input.
 *
 * `code` is stable and kebab-case; for check rules it equals the rule's file name in
 * `src/check/rules/`. Text input gives a `span`; FLINT JSON input gives a `path` (a JSON
 * Pointer, RFC 6901, e.g. `/acts/3/preconditions/operands/0`) and, when the JSON text is
 * known, a `span` as well.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** A sentence that names the thing concerned. */
  readonly message: string;
  readonly span?: Span;
  readonly path?: string;
  /** How to fix it, when there is something useful to say. */
  readonly hint?: string;
  readonly related?: readonly RelatedInformation[];
}

/** The result shape of every stage that can meet bad input. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return atBoundary(
    'hasErrors',
    () => true,
    () => {
      return diagnostics.some((d) => d.severity === 'error');
    },
  );
}

/** Sort diagnostics by file, offset, then code, so output is deterministic. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return atBoundary(
    'sortDiagnostics',
    (d) => [d],
    () => {
      return [...diagnostics].sort((a, b) => {
        const fa = a.span?.file ?? '';
        const fb = b.span?.file ?? '';
        if (fa !== fb) return fa < fb ? -1 : 1;
        const oa = a.span?.start.offset ?? -1;
        const ob = b.span?.start.offset ?? -1;
        if (oa !== ob) return oa - ob;
        const pa = a.path ?? '';
        const pb = b.path ?? '';
        if (pa !== pb) return pa < pb ? -1 : 1;
        return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
      });
    },
  );
}
