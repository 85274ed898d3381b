/**
 * Runs `flint batch` directly (before the command is registered in src/cli/commands/index.ts):
 * `tsx bench/batch-cli.ts MODEL --cases FILE.jsonl [--trace] ...`. With BENCH_REPORT=1 it prints
 * `BENCH_REPORT { cases, decideMs, wallMs, cpuMs, maxRssMiB }` as the last line on stderr.
 */
import { batchCommand } from '../src/cli/commands/batch.js';
import { processIo } from '../src/cli/io.js';

const io = processIo();
let summary = '';
const report = process.env.BENCH_REPORT === '1';
const code = await batchCommand.run(process.argv.slice(2), {
  ...io,
  stderr(text: string) {
    summary += text;
    io.stderr(text);
  },
});
if (report) {
  const m = /flint batch: (\d+) cases? .* in ([\d.]+) s/.exec(summary);
  process.stderr.write(
    'BENCH_REPORT ' +
      JSON.stringify({
        cases: Number(m?.[1] ?? 0),
        decideMs: Number(m?.[2] ?? NaN) * 1000,
        wallMs: performance.now(),
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
      }) +
      '\n',
  );
}
process.exitCode = code;
