// Child process of the bench: runs the built CLI (bin/flint.js, the bundle in dist/ that users run; plain
// node, no TypeScript loader) with the given arguments, e.g. `node bench/batch-built.mjs batch MODEL --cases
// FILE.jsonl`, and on exit prints `BENCH_REPORT { wallMs, cpuMs, maxRssMiB }` as the last line on stderr:
// the whole process (start-up, model loading, main thread and worker threads). The bench reads the number of
// cases and the deciding time from the command's own summary line.
process.on('exit', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(
    `BENCH_REPORT ${JSON.stringify({
      wallMs: performance.now(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
});
await import('../bin/flint.js');
