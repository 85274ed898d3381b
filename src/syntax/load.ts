/**
 * `loadModel`: parse an entry file and, recursively, its imports into one Model
 * (grammar/README.md#imports). Pure: all I/O goes through the injected host.
 */
import type { Decl, Import, Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import { parse } from './parse.js';

/** File access for {@link loadModel}: the CLI passes fs-backed functions, tests pass a map. */
export interface LoadHost {
  /** The text of `path`, or `undefined` when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The path of `importPath` as written in `fromFile`. */
  resolve(fromFile: string, importPath: string): string;
}

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
export function loadModel(entry: string, host: LoadHost): Result<LoadedModel> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const done = new Set<string>();
  const declarations: Decl[] = [];
  const stack: string[] = [];

  const load = (file: string, text: string): Model => {
    stack.push(file);
    files.push(file);
    done.add(file);
    const parsed = parse(text, file);
    diagnostics.push(...parsed.diagnostics);
    for (const d of parsed.value.declarations) {
      if (d.kind === 'Import') visitImport(file, d);
    }
    declarations.push(...parsed.value.declarations);
    stack.pop();
    return parsed.value;
  };

  const visitImport = (from: string, imp: Import): void => {
    let target: string;
    let text: string | undefined;
    try {
      target = host.resolve(from, imp.path);
      text = done.has(target) ? '' : host.readFile(target);
    } catch {
      target = imp.path;
      text = undefined;
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
    load(target, text);
  };

  const entryText = safeRead(host, entry);
  if (entryText === undefined) {
    const start = { line: 1, column: 1, offset: 0 };
    return {
      value: { model: { kind: 'Model', header: null, declarations: [], span: { file: entry, start, end: start } }, files: [] },
      diagnostics: [
        { code: 'import-not-found', severity: 'error', message: `Model file "${entry}" was not found.`, span: { file: entry, start, end: start } },
      ],
    };
  }
  const root = load(entry, entryText);
  // The entry was pushed to `files` first but its declarations were appended after its imports'.
  return { value: { model: { ...root, declarations }, files }, diagnostics: sortDiagnostics(diagnostics) };
}

function safeRead(host: LoadHost, path: string): string | undefined {
  try {
    return host.readFile(path);
  } catch {
    return undefined;
  }
}
