/**
 * The public boundary: every function exported from the package entry returns a value for any
 * argument, never throws. Functions validate their arguments' shapes where the type owns a guard
 * (`stateProblem`, `isCompiledModel`, `isModel`); `atBoundary` is the last line: an argument that
 * is malformed deeper than those guards look (a corrupt expression, a node of the wrong kind)
 * makes the engine fail with an exception, which becomes an `invalid-argument` diagnostic naming
 * the function and the failure, returned in the function's documented result shape.
 */
import type { Model } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { emptySpan } from './span.js';

/** The code of every diagnostic about a malformed argument of a public function. */
export const INVALID_ARGUMENT = 'invalid-argument';

/** An `invalid-argument` diagnostic; `path` is a JSON Pointer into the arguments (`/1/facts` = 2nd argument). */
export function invalidArgument(fn: string, path: string, message: string, hint?: string): Diagnostic {
  return {
    code: INVALID_ARGUMENT,
    severity: 'error',
    message: `${fn}: ${message}`,
    path,
    hint:
      hint ??
      'Pass values of the documented types (docs/api.md): models from parse/importFlintJson, ' +
        'compiled models from compile, states from createCase/take/give/advance.',
  };
}

/**
 * Run `body`, unless an argument guard found a `problem` (then `fallback(problem)`, e.g. from
 * `compiledProblem`); when `body` fails on a malformed argument, return `fallback` of an `invalid-argument`
 * diagnostic that carries the failure's message. Only for public entry functions: the failure
 * is reported as an error (never dropped), in the result shape the caller already handles.
 */
export function atBoundary<R>(
  fn: string,
  fallback: (d: Diagnostic) => R,
  body: () => R,
  problem: Diagnostic | null = null,
): R {
  if (problem) return fallback(problem);
  try {
    return body();
  } catch (e) {
    // a name or syntax error is a bug in the engine, never the caller's argument: let it surface
    if (e instanceof ReferenceError || e instanceof SyntaxError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    const hint =
      'An argument is not of its documented type (docs/api.md). If every argument is, this is a bug in ' +
      'Calculemus: please report it with the arguments.';
    return fallback(invalidArgument(fn, '', `an argument is malformed (${why}).`, hint));
  }
}

/**
 * {@link atBoundary} for a text renderer: a `problem` an argument guard found, a malformed
 * argument, or one that makes the renderer
 * produce no text, gives the diagnostic as the text (`[invalid-argument] fn: ...`).
 */
export function textAtBoundary(fn: string, body: () => string, problem: Diagnostic | null = null): string {
  const out = atBoundary(fn, invalidText, body, problem);
  if (typeof out === 'string') return out;
  return invalidText(invalidArgument(fn, '', `an argument is malformed (it renders as ${kindOf(out)}).`));
}

/** The text a text renderer returns for a malformed argument: the diagnostic, visibly. */
export const invalidText = (d: Diagnostic): string => `[${d.code}] ${d.message}`;

/** A plain object (not null, not an array). */
export const isRecordValue = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level shape of a {@link Model}: `kind: 'Model'` and a list of declarations. */
export function isModel(v: unknown): v is Model {
  return isRecordValue(v) && v.kind === 'Model' && Array.isArray(v.declarations);
}

/** An `invalid-argument` diagnostic when `v` is not a Model (argument `index`, 0-based), else null. */
export function modelProblem(fn: string, v: unknown, index = 0): Diagnostic | null {
  if (isModel(v)) return null;
  return invalidArgument(
    fn,
    `/${index}`,
    `argument ${index + 1} is not a Model (an object with kind "Model" and a declarations list).`,
    'Pass the value of parse(...) or importFlintJson(...).',
  );
}

/** An `invalid-argument` diagnostic when `v` is not a string, else null. */
export function stringProblem(fn: string, v: unknown, index: number, what: string): Diagnostic | null {
  if (typeof v === 'string') return null;
  return invalidArgument(fn, `/${index}`, `argument ${index + 1} (${what}) is not a string but ${kindOf(v)}.`);
}

/** A short description of a value's JSON kind, for messages. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The empty model: the value of a model-returning function whose argument was malformed. */
export function emptyModel(file = ''): Model {
  return { kind: 'Model', header: null, declarations: [], span: emptySpan(file) };
}
