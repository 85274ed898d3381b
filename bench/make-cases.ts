/** Writes `n` lerarenbeurs flow cases as JSONL: `tsx bench/make-cases.ts N FILE`. */
import { createWriteStream } from 'node:fs';
import { flowCase } from './lerarenbeurs.js';

/** Write `n` flow cases to `path`, streaming. */
export async function writeCases(n: number, path: string): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (let i = 0; i < n; i++) {
    if (!out.write(JSON.stringify(flowCase(i)) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

if (process.argv[1]?.endsWith('make-cases.ts'))
  await writeCases(Number(process.argv[2] ?? 1000), process.argv[3] ?? 'cases.jsonl');
