/**
 * CPU per case of the general batch path in one thread, no I/O: `tsx bench/decide-cpu.ts [N] [--trace]`.
 * Decides N lerarenbeurs flow lines with decideLine (every line parsed, checked and decided) three
 * times and prints the CPU µs per case of each round and their median. For old/new comparisons
 * run back to back on the same machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideLine } from '../src/batch/index.js';
import { importFlintJson } from '../src/interchange/index.js';
import { compile } from '../src/run/index.js';
import { flowCase, LERARENBEURS_PATH } from './lerarenbeurs.js';

const n = Number(process.argv[2] ?? 2000);
const trace = process.argv.includes('--trace');
const root = join(import.meta.dirname, '..');
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
const rounds = [round(), round(), round()];
const median = [...rounds].sort((a, b) => a - b)[1] as number;
process.stdout.write(
  `decideLine${trace ? ' (trace)' : ''}: ${rounds.map((r) => r.toFixed(1)).join(', ')} µs CPU per case; median ${median.toFixed(1)} (${bytes} bytes out)\n`,
);
