/**
 * CPU per case of the general batch path in one thread, no I/O: `tsx bench/decide-cpu.ts [N] [--trace]`.
 * Decides N lerarenbeurs flow lines with decideLine (every line parsed, checked and decided) five
 * times after a warm-up and prints the CPU µs per case: the least and the median of the rounds. For old/new comparisons
 * run back to back on the same machine (from the package root; bundled with esbuild, it runs without tsx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideLine } from '../src/batch/index.js';
import { importFlintJson } from '../src/interchange/index.js';
import { compile } from '../src/run/index.js';
import { flowCase, LERARENBEURS_PATH } from './lerarenbeurs.js';

const n = Number(process.argv[2] ?? 2000);
const trace = process.argv.includes('--trace');
const root = process.cwd();
const path = join(root, '..', 'shared', ...LERARENBEURS_PATH);
const cm = compile(importFlintJson(readFileSync(path, 'utf8'), 'flint-example-lerarenbeurs.json').value).value;
const lines = Array.from({ length: n }, (_, i) => JSON.stringify(flowCase(i)));
let bytes = 0;
const round = (): number => {
  const t0 = process.cpuUsage();
  for (let i = 0; i < lines.length; i++) bytes += decideLine(cm, lines[i] as string, i + 1, { trace })?.length ?? 0;
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / lines.length;
};
round(); // warm-up
const rounds = Array.from({ length: 5 }, round).sort((a, b) => a - b);
process.stdout.write(
  `decideLine${trace ? ' (trace)' : ''}: µs CPU per case over ${n} lines, 5 rounds: min ${rounds[0]?.toFixed(1)}, ` +
    `median ${rounds[2]?.toFixed(1)} (${bytes} bytes out)\n`,
);
