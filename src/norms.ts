/**
 * `calculemus/norms`: the statutes bundled with the package (norms/), found and loaded by name.
 *
 * A separate entry point from `calculemus` because it reads files (node:fs): the core library does no I/O.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Result } from './model/diagnostic.js';
import { loadModel } from './syntax/load.js';
import type { LoadedModel } from './syntax/load.js';

/** The bundled norms folder: `norms/` of the package, found from this file in src/ or in dist/src/. */
export const normsDir: string = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'norms'), join(here, '..', '..', 'norms')];
  return candidates.find((d) => existsSync(join(d, 'README.md'))) ?? (candidates[0] as string);
})();

/** Names of the bundled norms: each folder `norms/<name>/` that holds `<name>.flint`, sorted. */
export function bundledNorms(): string[] {
  if (!existsSync(normsDir)) return [];
  return readdirSync(normsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(normsDir, e.name, `${e.name}.flint`)))
    .map((e) => e.name)
    .sort();
}

/** The absolute path of bundled norm `name` (`norms/<name>/<name>.flint`), or undefined when there is none. */
export function bundledNormPath(name: string): string | undefined {
  return bundledNorms().includes(name) ? join(normsDir, name, `${name}.flint`) : undefined;
}

/**
 * Load bundled norm `name` with its imports (`loadModel`), e.g. `loadBundledNorm('awb')`. An unknown name gives
 * value null and an `unknown-norm` diagnostic naming the bundled ones; never throws.
 */
export function loadBundledNorm(name: string): Result<LoadedModel | null> {
  const path = bundledNormPath(name);
  if (path === undefined) {
    const known = bundledNorms();
    const diagnostic: Diagnostic = {
      code: 'unknown-norm',
      severity: 'error',
      message: `No bundled norm is called «${name}».`,
      hint: known.length > 0 ? `Bundled: ${known.join(', ')}.` : `The norms folder ${normsDir} is missing.`,
    };
    return { value: null, diagnostics: [diagnostic] };
  }
  return loadModel(path, {
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    resolve: (from, imp) => join(dirname(from), imp),
  });
}
