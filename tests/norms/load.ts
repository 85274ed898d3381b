/**
 * Test helpers for the norms: load a `.flint` norm from disk with its imports, check and compile it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../../src/check/index.js';
import type { CheckedModel } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { compile } from '../../src/run/index.js';
import type { CompiledModel } from '../../src/run/index.js';
import { loadModel } from '../../src/syntax/index.js';

/** The repository root (two levels above this file). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A norm loaded from disk: its checked model, compiled model and every diagnostic (load + check + compile). */
export interface LoadedNorm {
  readonly checked: CheckedModel;
  readonly compiled: CompiledModel;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly string[];
}

/** Load, check and compile the `.flint` file at `path` (relative to the repository root). */
export function loadNorm(path: string): LoadedNorm {
  const loaded = loadModel(
    resolve(ROOT, path),
    {
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (from, imp) => resolve(dirname(from), imp),
    },
    { root: resolve(ROOT, 'norms') },
  );
  const checked = check(loaded.value.model);
  const compiled = compile(loaded.value.model);
  return {
    checked: checked.value,
    compiled: compiled.value,
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics, ...compiled.diagnostics],
    files: loaded.value.files,
  };
}
