/**
 * Child process of the bench: generate a synthetic model of N lines, then parse and check it;
 * prints `{ lines, parseMs, checkMs, totalMs, maxRssMiB, diagnostics }` as JSON. Run alone so
 * its peak memory is its own: `tsx bench/parse-large.ts 100000`.
 */
import { check } from '../src/check/index.js';
import { parse } from '../src/syntax/index.js';
import { largeModel } from './generate.js';

const lines = Number(process.argv[2] ?? 100_000);
const text = largeModel(lines);
const baseRss = process.resourceUsage().maxRSS / 1024;
const t0 = performance.now();
const parsed = parse(text, 'large.flint');
const t1 = performance.now();
const checked = check(parsed.value);
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({
    lines: text.split('\n').length - 1,
    parseMs: t1 - t0,
    checkMs: t2 - t1,
    totalMs: t2 - t0,
    baseRssMiB: baseRss,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    errors: [...parsed.diagnostics, ...checked.diagnostics].filter((d) => d.severity === 'error').length,
  }) + '\n',
);
