import { dirname, join } from 'node:path';
import { check, type CheckedModel } from '../check/index.js';
import { importFlintJson } from '../interchange/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { ENCODING_HINT, notTextReason } from '../model/encoding.js';
import type { Model } from '../model/ast.js';
import { renderDiagnostics } from '../report/index.js';
import { isInsideRoot, isModelText, loadModel, normalizePath } from '../syntax/index.js';
import type { CliIo } from './io.js';

/** Which door a model came in through. */
export type Origin = 'flint' | 'flint-json';

/** A model file read, parsed or imported, and (optionally) checked. */
export interface LoadedModel {
  readonly file: string;
  readonly origin: Origin;
  /** `undefined` only when the file could not be read at all. */
  readonly model: Model | undefined;
  readonly checked: CheckedModel | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Every text read, by file name as it appears in spans (for rendering excerpts). */
  readonly texts: Readonly<Record<string, string>>;
}

/** The door for a path: `.json` files are FLINT JSON, everything else is .flint text unless it starts with `{`. */
export function originOf(path: string, text: string): Origin {
  if (/\.json$/i.test(path)) return 'flint-json';
  if (/\.flint$/i.test(path)) return 'flint';
  return /^\s*[{[]/.test(text) ? 'flint-json' : 'flint';
}

/** The folder imports and case models must stay inside (`--root`, default the current directory), canonical. */
export function rootOf(io: CliIo): string {
  return canonicalPath(io, io.root ?? '.');
}

/** `path` with symbolic links followed when the I/O can tell, normalised. */
export function canonicalPath(io: CliIo, path: string): string {
  return normalizePath(io.realPath ? io.realPath(path) : io.resolvePath(path));
}

/** True when `path` may be read as an import or a case file's model (inside the root, or allowed outside). */
export function mayRead(io: CliIo, path: string): boolean {
  return io.allowOutsideRoot === true || isInsideRoot(canonicalPath(io, path), rootOf(io));
}

/** The one diagnostic for a file that is no model text; it has no span, so no excerpt of the file is shown. */
function notModelText(path: string, why: string): LoadedModel {
  return {
    file: path,
    origin: 'flint',
    model: undefined,
    checked: undefined,
    diagnostics: [
      {
        code: 'not-model-text',
        severity: 'error',
        message: `«${path}» is not model text (${why}); it is not read.`,
        path: '',
        hint: why.endsWith('not UTF-8') ? ENCODING_HINT : 'Give a .flint file or a FLINT JSON (.json) file.',
      },
    ],
    texts: {},
  };
}

/** Read `path` (and, for .flint, its imports), build the model, and check it unless `check: false`. */
export function loadModelFile(path: string, io: CliIo, options: { check?: boolean } = {}): LoadedModel {
  const texts: Record<string, string> = {};
  const text = io.readFile(path);
  if (text !== undefined && !isModelText(text)) return notModelText(path, notTextReason(text));
  if (text !== undefined && !/\.(flint|json)$/i.test(path) && !looksLikeModel(text)) {
    return notModelText(path, 'neither .flint nor .json, and it does not start like a model');
  }
  if (text === undefined) {
    return {
      file: path,
      origin: 'flint',
      model: undefined,
      checked: undefined,
      diagnostics: [
        {
          code: 'file-not-found',
          severity: 'error',
          message: `Cannot read «${path}»: no such file, or it is not a readable file.`,
          path: '',
          hint: 'Check the path; it is relative to the current directory.',
        },
      ],
      texts,
    };
  }
  texts[path] = text;
  const origin = originOf(path, text);
  let model: Model;
  const diagnostics: Diagnostic[] = [];
  if (origin === 'flint-json') {
    const imported = importFlintJson(text, path);
    model = imported.value;
    diagnostics.push(...imported.diagnostics);
  } else {
    const loaded = loadModel(
      path,
      {
        readFile(p) {
          if (p === path) return text;
          const t = io.readFile(p);
          if (t !== undefined) texts[p] = t;
          return t;
        },
        resolve: (from, imp) => join(dirname(from), imp),
        realPath: (p) => canonicalPath(io, p),
      },
      { root: rootOf(io), allowOutsideRoot: io.allowOutsideRoot === true },
    );
    model = loaded.value.model;
    diagnostics.push(...loaded.diagnostics);
  }
  let checked: CheckedModel | undefined;
  if (options.check !== false) {
    const result = check(model);
    checked = result.value;
    diagnostics.push(...result.diagnostics);
  }
  return { file: path, origin, model, checked, diagnostics, texts };
}

/**
 * Does a file without a .flint or .json extension start like a model: JSON, or .flint (a comment,
 * `model`, `import`, `source`, `fact`, `act`, `duty` or `scenario`)?
 */
function looksLikeModel(text: string): boolean {
  return /^\s*([{[]|\/\/|\/\*|(model|import|source|fact|act|duty|scenario)\b)/.test(text.replace(/^\uFEFF/, ''));
}

/** Render diagnostics of loaded models as text (file:line:col, excerpt, caret). */
export function renderLoaded(
  diagnostics: readonly Diagnostic[],
  texts: Readonly<Record<string, string>>,
  io: CliIo,
  options: { summary?: boolean } = {},
): string {
  return renderDiagnostics(diagnostics, texts, { color: io.isTTY, summary: options.summary ?? true });
}
