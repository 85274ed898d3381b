import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import { parse } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const root = join(projectRoot, 'tests', 'golden', 'syntax');
const cases = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.flint'))
    .sort();

const isSpan = (v: unknown): v is Span =>
  typeof v === 'object' && v !== null && 'start' in v && 'end' in v && 'file' in v;

/** JSON with sorted keys and spans written compactly as "line:col-line:col". */
function stable(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (isSpan(v)) return `${v.start.line}:${v.start.column}-${v.end.line}:${v.end.column}`;
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(norm(value), null, 2)}\n`;
}

describe('golden: good files', () => {
  it.each(cases('good'))('%s', async (f) => {
    const r = parse(readFileSync(join(root, 'good', f), 'utf8'), f);
    expect(r.diagnostics).toEqual([]);
    await expect(stable(r.value)).toMatchFileSnapshot(join(root, 'good', f.replace(/\.flint$/, '.ast.json')));
  });
});

describe('golden: bad files', () => {
  it.each(cases('bad'))('%s', async (f) => {
    const r = parse(readFileSync(join(root, 'bad', f), 'utf8'), f);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    await expect(stable(r.diagnostics)).toMatchFileSnapshot(
      join(root, 'bad', f.replace(/\.flint$/, '.diagnostics.json')),
    );
  });
});
