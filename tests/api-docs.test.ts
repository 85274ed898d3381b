import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiExports } from './helpers/api-exports.js';
import { projectRoot } from './helpers/shared.js';

/** The `- \`name\` (kind): ...` lines of docs/api.md, by the `## \`entry\`` section they are in. */
function documented(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section: string[] | undefined;
  for (const line of readFileSync(join(projectRoot, 'docs', 'api.md'), 'utf8').split('\n')) {
    const heading = /^## `([^`]+)`$/.exec(line);
    if (heading) out.set(heading[1] as string, (section = []));
    const item = /^- `([^`]+)` \((function|class|const|type)\): \S/.exec(line);
    if (item && section) section.push(`${item[1]} (${item[2]})`);
  }
  return out;
}

describe('docs/api.md', () => {
  const exports = apiExports();

  it('lists every export of every entry point, once, with its kind and a description', () => {
    const docs = documented();
    expect([...docs.keys()]).toEqual([...exports.keys()]);
    for (const [entry, list] of exports) {
      expect(docs.get(entry), entry).toEqual(list.map((e) => `${e.name} (${e.kind})`));
    }
  }, 60_000);

  it('has no two exports for one concept: each name once, no known aliases', () => {
    const names = [...exports.values()].flat().map((e) => e.name);
    expect(names.length).toBeGreaterThan(100);
    expect(new Set(names).size).toBe(names.length);
    for (const alias of ['sourcesOf', 'holds', 'advanceClock', 'plan', 'Plan']) expect(names).not.toContain(alias);
  }, 60_000);
});
