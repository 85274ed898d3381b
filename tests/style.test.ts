/**
 * "No line over 120 characters" (the formatter, Biome with lineWidth 120, wraps code but not
 * strings and comments): every source line of the project's code stays within 120 characters.
 * Generated files (grammar/cst.d.ts) and test data (golden files, fixtures) are exempt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/shared.js';

const MAX = 120;
const CODE = /\.(ts|tsx|mts|js|mjs)$/;
const EXEMPT = /(^|\/)(node_modules|dist|golden|fixtures)(\/|$)|^grammar\/cst\.d\.ts$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const rel = relative(projectRoot, p);
    if (EXEMPT.test(rel)) return [];
    return statSync(p).isDirectory() ? codeFiles(p) : CODE.test(name) ? [p] : [];
  });
}

describe('code style', () => {
  it(`no line of code is longer than ${MAX} characters`, () => {
    const dirs = ['src', 'tests', 'grammar', 'bench', 'examples', 'bin', 'scripts', 'web'];
    const files = dirs.flatMap((d) => codeFiles(join(projectRoot, d)));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > MAX ? [`${relative(projectRoot, f)}:${i + 1}`] : [])),
    );
    expect(long).toEqual([]);
  });
});
