/**
 * The case-file functions of the public API with their argument guards (src/model/guard.ts): a
 * malformed case, fact, act or compiled model gives an `invalid-argument` diagnostic (or the
 * documented empty result) instead of an exception. Only src/index.ts imports this module: it
 * must not be part of the run/index.ts import cycle (case-file.ts imports run/index.ts).
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { atBoundary, invalidArgument, kindOf } from '../model/guard.js';
import { emptySpan } from '../model/span.js';
import type { TakeRequest } from '../run/acts.js';
import {
  caseActors as caseActorsOf,
  caseActSchema,
  caseFactSchema,
  caseFileSchema,
  checkCaseFile as checkCaseFileOf,
  parseCaseFile as parseCaseFileOf,
  toGivenFact as toGivenFactOf,
  toTakeRequest as toTakeRequestOf,
} from './case-file.js';
import type { CaseAct, CaseFact, CaseFile, CaseLocator, ParsedCaseFile } from './case-file.js';
import type { CompiledModel } from '../run/context.js';
import { compiledProblem } from '../run/guards.js';
import type { GivenFact } from '../run/state.js';

/** A zod check of a case-file part as an `invalid-argument` diagnostic, or null. */
function shapeProblem(fn: string, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }) {
  return (v: unknown, index: number, what: string): Diagnostic | null => {
    // zod itself can fail on exotic objects (e.g. an own `fn` key): that, too, is a malformed argument
    const r = atBoundary(
      fn,
      () => ({ success: false, error: undefined }),
      () => schema.safeParse(v),
    );
    if (r.success) return null;
    const issue = (r.error as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues?.[0];
    const path = `/${index}${(issue?.path ?? []).map((p) => `/${String(p)}`).join('')}`;
    return invalidArgument(fn, path, `argument ${index + 1} is not ${what}: ${issue?.message ?? 'wrong shape'}.`);
  };
}

/**
 * Parse the text of a case file (JSON, comments not allowed). Syntax errors give `case-json-syntax`,
 * shape errors `case-invalid`, each with the JSON path and a span (line/column) in `file`.
 * Frame names are returned without brackets.
 */
export function parseCaseFile(text: string, file: string): Result<ParsedCaseFile> {
  const f = typeof file === 'string' ? file : '';
  const fallback = (d: Diagnostic): Result<ParsedCaseFile> => ({
    value: { case: null, locate: () => emptySpan(f) },
    diagnostics: [d],
  });
  if (typeof text !== 'string') {
    return fallback(
      invalidArgument('parseCaseFile', '/0', `argument 1 (the text) is not a string but ${kindOf(text)}.`),
    );
  }
  return atBoundary('parseCaseFile', fallback, () => parseCaseFileOf(text, f));
}

/** The actor ids a case knows: declared actors, then values given to role facts (in order, no duplicates). */
export function caseActors(compiled: CompiledModel, c: CaseFile): string[] {
  if (compiledProblem('caseActors', compiled) || shapeProblem('caseActors', caseFileSchema)(c, 1, 'a case')) return [];
  return atBoundary(
    'caseActors',
    () => [],
    () => caseActorsOf(compiled, c),
  );
}

/** A given fact of a case file as the interpreter takes it (`{ fact: '' }` for a malformed one). */
export function toGivenFact(f: CaseFact): GivenFact {
  if (shapeProblem('toGivenFact', caseFactSchema)(f, 0, 'a case fact')) return { fact: '' };
  return toGivenFactOf(f);
}

/** The take request for one act of a case file (its facts supplied with it, its date). */
export function toTakeRequest(a: CaseAct): TakeRequest {
  if (shapeProblem('toTakeRequest', caseActSchema)(a, 0, 'a case act')) return { act: '', actor: '' };
  return toTakeRequestOf(a);
}

/**
 * Check a parsed case against a compiled model: every role, fact, act, actor and parameter must
 * exist, facts must have the right arity and types. Diagnostics carry the JSON path and, with
 * `locate`, a span. Codes: `case-unknown-role`, `case-unknown-act`, `case-unknown-actor`,
 * `case-unknown-param`, and the interpreter's `run-unknown-fact`, `run-wrong-arity`,
 * `run-wrong-type`, `run-derived-fact-given` for facts; `invalid-argument` for a malformed argument.
 */
export function checkCaseFile(compiled: CompiledModel, c: CaseFile, locate?: CaseLocator): Diagnostic[] {
  const bad =
    compiledProblem('checkCaseFile', compiled) ?? shapeProblem('checkCaseFile', caseFileSchema)(c, 1, 'a case');
  if (bad) return [bad];
  const loc = typeof locate === 'function' ? locate : undefined;
  return atBoundary(
    'checkCaseFile',
    (d) => [d],
    () => checkCaseFileOf(compiled, c, loc),
  );
}
