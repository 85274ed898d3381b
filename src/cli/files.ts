import { join } from 'node:path';
import type { CliIo } from './io.js';

/**
 * The .flint files a command-line path stands for: the path itself when it is a readable file,
 * else every `*.flint` file under the directory (sorted; hidden directories and node_modules
 * skipped). `undefined` when nothing readable is there.
 */
export function flintFiles(io: CliIo, path: string): string[] | undefined {
  if (io.readFile(path) !== undefined) return [path];
  const entries = io.listDir(path);
  if (entries === undefined) return undefined;
  const out: string[] = [];
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(path, e.name);
    if (e.dir) out.push(...(flintFiles(io, p) ?? []));
    else if (e.name.endsWith('.flint')) out.push(p);
  }
  return out;
}
