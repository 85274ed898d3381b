// Child process of the bench: parse and check a model file with the BUILT library (dist/, what
// `npm install` produces and embedders run), in plain Node without the tsx loader. Prints
// `{ lines, parseMs, checkMs, totalMs, baseRssMiB, maxRssMiB, errors }` as JSON.
// Usage: node bench/parse-built.mjs MODEL.flint
import { readFileSync } from 'node:fs';

const { parse } = await import('../dist/src/syntax/index.js');
const { check } = await import('../dist/src/check/index.js');
const text = readFileSync(process.argv[2], 'utf8');
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
