/**
 * `loadModel`: parse an entry file and, recursively, its imports into one Model
 * (grammar/README.md#imports). Pure: all I/O goes through the injected host.
 */
import type { Decl, Import, Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import { ENCODING_HINT, notTextReason } from '../model/encoding.js';
import { parse } from './parse.js';

/** File access for {@link loadModel}: the CLI passes fs-backed functions, tests pass a map. */
export interface LoadHost {
  /** The text of `path`, or `undefined` when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The path of `importPath` as written in `fromFile`. */
  resolve(fromFile: string, importPath: string): string;
  /**
   * The canonical path of `path` with every symbolic link followed (`fs.realpathSync`), or
   * `undefined` when it does not exist. Optional: without it, paths are compared as written
   * (normalised), so a symbolic link that escapes the root is only caught with it.
   */
  realPath?(path: string): string | undefined;
}

/** Where {@link loadModel} may read imports from. */
export interface LoadOptions {
  /**
   * Imports resolve only inside this folder (default: the entry's own folder). A path outside
   * it, also through a symbolic link when the host has `realPath`, is not read: `import-outside-root`.
   */
  readonly root?: string;
  /** Read imports wherever they point (the caller trusts the model). Default `false`. */
  readonly allowOutsideRoot?: boolean;
  /** At most this many files deep an import chain may go (default {@link MAX_IMPORT_DEPTH}). */
  readonly maxImportDepth?: number;
}

/** Imports may chain at most this many files deep (the entry is depth 0): `import-too-deep`. */
export const MAX_IMPORT_DEPTH = 256;

/** The merged model and every file read, entry first, then in the order they were first imported. */
export interface LoadedModel {
  readonly model: Model;
  readonly files: string[];
}

/**
 * Load `entry` and its imports. Imported files' declarations come first (depth first, in import
 * order, each file once), then the entry's own; `Import` declarations are kept in place. The
 * header is the entry's. Diagnostics: `import-not-found`, `import-cycle`, and each file's own,
 * sorted by file and position.
 */
export function loadModel(entry: string, host: LoadHost, options: LoadOptions = {}): Result<LoadedModel> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const done = new Set<string>();
  const declarations: Decl[] = [];
  const stack: string[] = [];

  const maxDepth = options.maxImportDepth ?? MAX_IMPORT_DEPTH;
  const root = canonical(host, normalizePath(options.root ?? dirnameOf(entry)));

  const load = (file: string, text: string): Model => {
    stack.push(file);
    files.push(file);
    done.add(file);
    const parsed = parse(text, file);
    for (const d of parsed.diagnostics) diagnostics.push(d);
    for (const d of parsed.value.declarations) {
      if (d.kind === 'Import') visitImport(file, d);
    }
    for (const d of parsed.value.declarations) declarations.push(d);
    stack.pop();
    return parsed.value;
  };

  const visitImport = (from: string, imp: Import): void => {
    let target: string;
    try {
      target = host.resolve(from, imp.path);
    } catch {
      target = imp.path;
    }
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].join(' → ');
      diagnostics.push({
        code: 'import-cycle',
        severity: 'error',
        message: `Import of "${imp.path}" closes a cycle: ${cycle}.`,
        span: imp.span,
        hint: 'Move the shared declarations into a file that both import.',
      });
      return;
    }
    if (done.has(target)) return;
    if (!options.allowOutsideRoot && !isInsideRoot(canonical(host, normalizePath(target)), root)) {
      // Not read at all: its content must not reach a diagnostic excerpt.
      diagnostics.push({
        code: 'import-outside-root',
        severity: 'error',
        message: `Import of "${imp.path}" points outside the model's root folder (${root}); it is not read.`,
        span: imp.span,
        hint: 'Imports resolve inside the root folder only; move the file there, or let the caller allow more.',
      });
      return;
    }
    if (!/\.flint$/i.test(target)) {
      diagnostics.push({
        code: 'import-not-model-text',
        severity: 'error',
        message: `Import of "${imp.path}" does not name a .flint file; it is not read.`,
        span: imp.span,
        hint: 'Only .flint files can be imported.',
      });
      return;
    }
    if (stack.length > maxDepth) {
      diagnostics.push({
        code: 'import-too-deep',
        severity: 'error',
        message: `Import of "${imp.path}" nests imports more than ${maxDepth} files deep; it is not read.`,
        span: imp.span,
        hint: 'Import the shared files from one file instead of chaining them.',
      });
      return;
    }
    const text = safeRead(host, target);
    if (text === undefined) {
      diagnostics.push({
        code: 'import-not-found',
        severity: 'error',
        message: `Imported file "${imp.path}" was not found (looked for ${target}).`,
        span: imp.span,
        hint: 'Import paths are relative to the importing file.',
      });
      return;
    }
    if (!isModelText(text)) {
      diagnostics.push({
        code: 'import-not-model-text',
        severity: 'error',
        message: `Imported file "${imp.path}" is not model text (${notTextReason(text)}); it is not read.`,
        span: imp.span,
        hint: notTextReason(text) === 'binary data' ? 'Only .flint text files can be imported.' : ENCODING_HINT,
      });
      return;
    }
    load(target, text);
  };

  const entryText = safeRead(host, entry);
  if (entryText === undefined) {
    const start = { line: 1, column: 1, offset: 0 };
    return {
      value: {
        model: { kind: 'Model', header: null, declarations: [], span: { file: entry, start, end: start } },
        files: [],
      },
      diagnostics: [
        {
          code: 'import-not-found',
          severity: 'error',
          message: `Model file "${entry}" was not found.`,
          span: { file: entry, start, end: start },
        },
      ],
    };
  }
  if (!isModelText(entryText)) {
    const start = { line: 1, column: 1, offset: 0 };
    const span = { file: entry, start, end: start };
    return {
      value: { model: { kind: 'Model', header: null, declarations: [], span }, files: [] },
      diagnostics: [
        {
          code: 'not-model-text',
          severity: 'error',
          message: `Model file "${entry}" is not model text (${notTextReason(entryText)}); it is not read.`,
          span: { file: entry, start, end: start },
          hint: notTextReason(entryText) === 'binary data' ? 'Give a .flint text file.' : ENCODING_HINT,
        },
      ],
    };
  }
  const main = load(entry, entryText);
  // The entry was pushed to `files` first but its declarations were appended after its imports'.
  return { value: { model: { ...main, declarations }, files }, diagnostics: sortDiagnostics(diagnostics) };
}

function safeRead(host: LoadHost, path: string): string | undefined {
  try {
    return host.readFile(path);
  } catch {
    return undefined;
  }
}

/** False for text that is no model text at all: NUL bytes or undecodable (binary) bytes. */
export function isModelText(text: string): boolean {
  return !/[\u0000\uFFFD]/.test(text);
}

/** The folder part of `path` (`.` for a bare file name). */
export function dirnameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '.';
  return i === 0 ? '/' : path.slice(0, i);
}

/** `path` with `.` and `..` segments resolved and `\\` as `/`; relative paths stay relative (`..` kept in front). */
export function normalizePath(path: string): string {
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const drive = /^[A-Za-z]:\//.exec(p)?.[0] ?? '';
  const out: string[] = [];
  for (const seg of p.slice(drive.length).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && (absolute || drive)) continue;
    else out.push(seg);
  }
  const body = out.join('/');
  if (drive) return drive + body;
  if (absolute) return `/${body}`;
  return body === '' ? '.' : body;
}

/** True when normalised `path` is `root` or lies below it (both normalised, same kind). */
export function isInsideRoot(path: string, root: string): boolean {
  const absPath = /^([A-Za-z]:)?\//.test(path);
  const absRoot = /^([A-Za-z]:)?\//.test(root);
  if (absPath !== absRoot) return false;
  if (root === '.') return path !== '..' && !path.startsWith('../');
  if (path === root) return true;
  return path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** The host's canonical path (symbolic links followed) of a normalised path, when it can tell. */
function canonical(host: LoadHost, path: string): string {
  if (!host.realPath) return path;
  try {
    const real = host.realPath(path);
    return real === undefined ? path : normalizePath(real);
  } catch {
    return path;
  }
}
