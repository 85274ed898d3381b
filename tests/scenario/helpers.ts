import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model } from '../../src/model/ast.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { loadModel } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

/** Load a project file (relative to the project root) with its imports; spans name project-relative paths. */
export function loadProjectModel(file: string): { model: Model; diagnostics: readonly Diagnostic[] } {
  const r = loadModel(
    file,
    {
      readFile(p) {
        try {
          return readFileSync(join(projectRoot, p), 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (from, imp) => join(dirname(from), imp),
    },
    { root: '.' },
  ); // the project root: fixtures import the examples
  return { model: r.value.model, diagnostics: r.diagnostics };
}

/** The text of a project file. */
export const readProject = (p: string): string => readFileSync(join(projectRoot, p), 'utf8');
