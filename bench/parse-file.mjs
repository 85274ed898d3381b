// Child process of the bench: parse and check a model file in a process of its own (so its peak
// memory is its own). Prints `{ lines, parseMs, checkMs, totalMs, parseCpuMs, checkCpuMs, baseRssMiB, maxRssMiB,
// errors }`: the CPU times (this process's, garbage-collector threads included) move much less than wall times when
// other processes share the machine, so compare builds by them.
//   node bench/parse-file.mjs MODEL.flint               the built library (dist/), as embedders run it
//   node --import tsx bench/parse-file.mjs MODEL.flint src   the sources, when dist/ is absent
import { readFileSync } from 'node:fs';

const lib = process.argv[3] === 'src' ? '../src' : '../dist/src';
const { parse } = await import(`${lib}/syntax/index.js`);
const { check } = await import(`${lib}/check/index.js`);
const text = readFileSync(process.argv[2], 'utf8');
const baseRss = process.resourceUsage().maxRSS / 1024;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
const parsed = parse(text, 'large.flint');
const t1 = performance.now();
const c1 = cpu();
const checked = check(parsed.value);
const t2 = performance.now();
const c2 = cpu();
process.stdout.write(
  JSON.stringify({
    lines: text.split('\n').length - 1,
    parseMs: t1 - t0,
    checkMs: t2 - t1,
    totalMs: t2 - t0,
    parseCpuMs: c1 - c0,
    checkCpuMs: c2 - c1,
    baseRssMiB: baseRss,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    errors: [...parsed.diagnostics, ...checked.diagnostics].filter((d) => d.severity === 'error').length,
  }) + '\n',
);
