import { createReadStream, createWriteStream, renameSync, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/ast.js';
import { hasErrors, sortDiagnostics } from '../../model/diagnostic.js';
import { decideLines } from '../../batch/index.js';
import type { BatchChunk } from '../../batch/index.js';
import { compile } from '../../run/index.js';
import type { CompiledModel } from '../../run/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint batch MODEL --cases FILE.jsonl [--trace] [--out FILE] [--workers N] [--chunk N]
                   [--no-progress]

Decide many cases against one model. Each line of FILE.jsonl is one case:
  { "id": ..., "asOf": "YYYY-MM-DD", "actors": { "alice": { "roles": ["leraar"] } },
    "facts": [{ "fact": ..., "args"?: [...], "value"?: ... }],
    "acts": [{ "act": ..., "actor": ..., "params"?: {...}, "at"?: "YYYY-MM-DD" }],
    "availableFor"?: ["alice"] }
Each case gives one output line, in input order:
  { "id", "outcome": "taken"|"refused", "steps", "available": [...], "refused"?, "trace"? }
A line that is not a valid case gives { "id", "line", "error": { "code", "message" } }.

  --trace        include one full trace entry per act (slower, larger output)
  --out FILE     write the output to FILE (atomically: a temporary file renamed at the end)
                 instead of standard output
  --workers N    worker threads (default: the number of cores; 0 decides in this thread)
  --chunk N      lines per unit of work sent to a worker (default 256, 32 with --trace)
  --no-progress  no progress bar on standard error (shown by default when it is a terminal)

The input is streamed: memory stays flat however many cases the file holds.
Exit status: 0 every line decided, 1 model errors or some lines invalid, 2 usage error.
`;

/** What a worker starts with: the model AST (plain data, cloned to the worker), and where the interpreter is. */
interface WorkerInit {
  /** URL of src/run/index (compile). */
  readonly run: string;
  /** URL of src/batch/index (decideLines); with run, the only modules a worker loads: start-up stays short. */
  readonly batch: string;
  /** URL of tsx's loader API when running from TypeScript sources, else null. */
  readonly tsx: string | null;
  readonly model: Model;
  readonly trace: boolean;
}

interface ChunkRequest {
  readonly seq: number;
  readonly first: number;
  readonly lines: readonly string[];
}

interface ChunkReply {
  readonly seq: number;
  readonly chunk?: BatchChunk;
  readonly failure?: string;
}

/** The URL of tsx's loader API, so a worker can run the TypeScript sources too (null once compiled). */
function tsxApi(): string | null {
  if (!import.meta.url.endsWith('.ts')) return null;
  try {
    // The ESM entry (the `import` condition); require.resolve would give the CommonJS one.
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
  } catch {
    return null;
  }
}

function loadModel(path: string, io: CliIo): { model: Model | null; report: string } {
  const loaded = loadModelFile(path, io, { check: true });
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  const shown = diagnostics.filter((d) => d.severity === 'error');
  const report = shown.length > 0 ? renderLoaded(shown, loaded.texts, io) : '';
  if (hasErrors(diagnostics) || loaded.model === undefined) return { model: null, report };
  return { model: loaded.model, report };
}

/**
 * The worker: plain JavaScript (it runs before any TypeScript loader exists). It registers tsx
 * when needed, loads only the interpreter, compiles the model it was given and decides chunks.
 */
const WORKER_CODE = `const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const run = await import(workerData.run);
  const batch = await import(workerData.batch);
  const cm = run.compile(workerData.model).value;
  parentPort.on('message', (req) => {
    try {
      const chunk = batch.decideLines(cm, req.lines, req.first, { trace: workerData.trace });
      parentPort.postMessage({ seq: req.seq, chunk });
    } catch (e) {
      parentPort.postMessage({ seq: req.seq, failure: e instanceof Error ? e.message : String(e) });
    }
  });
})();`;

function spawn(init: WorkerInit): Worker {
  return new Worker(WORKER_CODE, { eval: true, workerData: init });
}

/** Decides chunks: in worker threads, or in this thread when there are none. */
interface Pool {
  submit(req: ChunkRequest): Promise<BatchChunk>;
  close(): Promise<void>;
}

function inlinePool(cm: CompiledModel, trace: boolean): Pool {
  return {
    submit: async (req) => decideLines(cm, req.lines, req.first, { trace }),
    close: async () => undefined,
  };
}

function workerPool(n: number, model: Model, trace: boolean): Pool {
  const waiting = new Map<number, { resolve: (c: BatchChunk) => void; reject: (e: Error) => void }>();
  let dead: Error | null = null;
  let closing = false;
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const full: WorkerInit = {
    run: new URL(`../../run/index.${ext}`, import.meta.url).href,
    batch: new URL(`../../batch/index.${ext}`, import.meta.url).href,
    tsx: tsxApi(),
    model,
    trace,
  };
  const workers = Array.from({ length: n }, () => {
    const w = spawn(full);
    w.on('message', (r: ChunkReply) => {
      const p = waiting.get(r.seq);
      if (!p) return;
      waiting.delete(r.seq);
      if (r.chunk) p.resolve(r.chunk);
      else p.reject(new Error(r.failure ?? 'worker failed'));
    });
    w.on('error', (e) => {
      dead ??= e;
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    });
    w.on('exit', (code) => {
      if (closing) return;
      // A worker that stops on its own would leave its chunks unanswered: fail them.
      dead ??= new Error(`a worker thread stopped (exit code ${code}).`);
      for (const p of waiting.values()) p.reject(dead);
      waiting.clear();
    });
    return w;
  });
  const load = new Array<number>(n).fill(0);
  return {
    submit(req) {
      if (dead) return Promise.reject(dead);
      // The least busy worker: chunks take about the same time, so this balances the cores.
      let best = 0;
      for (let i = 1; i < n; i++) if ((load[i] ?? 0) < (load[best] ?? 0)) best = i;
      load[best] = (load[best] ?? 0) + 1;
      const w = workers[best] as Worker;
      return new Promise<BatchChunk>((resolve, reject) => {
        waiting.set(req.seq, {
          resolve: (c) => {
            load[best] = (load[best] ?? 1) - 1;
            resolve(c);
          },
          reject,
        });
        w.postMessage(req);
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** A progress line on standard error, redrawn at most ten times a second. */
function progressBar(total: number, enabled: boolean): { update(bytes: number, cases: number): void; done(): void } {
  const start = performance.now();
  let last = 0;
  let shown = false;
  const draw = (bytes: number, cases: number): void => {
    const frac = total > 0 ? Math.min(1, bytes / total) : 0;
    const width = 30;
    const filled = Math.round(frac * width);
    const secs = (performance.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(cases / secs) : 0;
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
        `${(frac * 100).toFixed(0).padStart(3)}% ${cases} cases ${rate}/s `,
    );
    shown = true;
  };
  return {
    update(bytes, cases) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      draw(bytes, cases);
    },
    done() {
      if (shown) process.stderr.write('\n');
    },
  };
}

/** `flint batch`: decide a JSONL file of cases, streaming, on every core. */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'decide a JSONL file of cases (outcomes, optional traces) on every core',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      cases: { type: 'string', short: 'c' },
      out: { type: 'string', short: 'o' },
      trace: { type: 'boolean' },
      workers: { type: 'string', short: 'w' },
      chunk: { type: 'string' },
      'no-progress': { type: 'boolean' },
    });
    if (!parsed.ok) return usageError(io, 'batch', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const [modelPath, ...extra] = parsed.positionals;
    if (modelPath === undefined) return usageError(io, 'batch', 'no MODEL given.');
    if (extra.length > 0) return usageError(io, 'batch', `one MODEL only; got also ${extra.join(', ')}.`);
    const casesPath = parsed.values.cases;
    if (typeof casesPath !== 'string') return usageError(io, 'batch', '--cases FILE.jsonl is required.');
    const workersText = parsed.values.workers;
    const workers = workersText === undefined ? availableParallelism() : Number(workersText);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64)
      return usageError(io, 'batch', `--workers must be a whole number from 0 to 64; got «${String(workersText)}».`);
    const chunkText = parsed.values.chunk;
    // Traced outcomes are ~40 KB a case: smaller chunks keep the data in flight (and memory) small.
    const chunkSize = chunkText === undefined ? (parsed.values.trace === true ? 32 : 256) : Number(chunkText);
    if (!Number.isInteger(chunkSize) || chunkSize < 1)
      return usageError(io, 'batch', `--chunk must be a positive whole number; got «${String(chunkText)}».`);
    const trace = parsed.values.trace === true;
    const outPath = typeof parsed.values.out === 'string' ? parsed.values.out : null;

    let size: number;
    try {
      const st = statSync(casesPath);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      io.stderr(`flint batch: cannot read the cases file «${casesPath}».\n`);
      return EXIT_ERRORS;
    }
    const loaded = loadModel(modelPath, io);
    if (loaded.model === null) {
      io.stderr(loaded.report || `flint batch: the model «${modelPath}» could not be loaded.\n`);
      return EXIT_ERRORS;
    }

    const tmp = outPath === null ? null : `${outPath}.tmp-${process.pid}`;
    const file: WriteStream | null = tmp === null ? null : createWriteStream(tmp, { encoding: 'utf8' });
    const write = async (text: string): Promise<void> => {
      if (file === null) {
        io.stdout(text);
        return;
      }
      if (!file.write(text)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    };
    const pool =
      workers === 0 ? inlinePool(compile(loaded.model).value, trace) : workerPool(workers, loaded.model, trace);
    const progress = progressBar(size, parsed.values['no-progress'] !== true && Boolean(process.stderr.isTTY));
    const input = createReadStream(casesPath, { encoding: 'utf8', highWaterMark: 1 << 16 });
    const totals = { taken: 0, refused: 0, errors: 0 };
    // Results wait here until every earlier chunk is written: output order = input order.
    const ready = new Map<number, BatchChunk>();
    let nextToWrite = 0;
    let inFlight = 0;
    const maxInFlight = Math.max(2, workers * 4);
    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    let writing = Promise.resolve();
    const started = performance.now();

    const flush = (): void => {
      let text = '';
      for (let c = ready.get(nextToWrite); c !== undefined; c = ready.get(nextToWrite)) {
        ready.delete(nextToWrite);
        nextToWrite++;
        if (c.lines.length > 0) text += c.lines.join('\n') + '\n';
        totals.taken += c.taken;
        totals.refused += c.refused;
        totals.errors += c.errors;
      }
      if (text !== '') writing = writing.then(() => write(text));
    };
    const submit = (req: ChunkRequest): void => {
      inFlight++;
      pool.submit(req).then(
        (c) => {
          ready.set(req.seq, c);
          flush();
          inFlight--;
          progress.update(input.bytesRead, totals.taken + totals.refused + totals.errors);
          wake?.();
        },
        (e: unknown) => {
          failure ??= e instanceof Error ? e : new Error(String(e));
          inFlight--;
          wake?.();
        },
      );
    };

    let seq = 0;
    let lineNo = 0;
    let chunk: string[] = [];
    let first = 1;
    let rest = '';
    try {
      // Pulling chunks from the stream (not readline's line events) is what gives backpressure:
      // nothing more is read while the workers are busy, so memory stays flat.
      reading: for await (const data of input) {
        const parts = (rest + String(data)).split('\n');
        rest = parts.pop() ?? '';
        for (const part of parts) {
          lineNo++;
          chunk.push(part.endsWith('\r') ? part.slice(0, -1) : part);
          if (chunk.length < chunkSize) continue;
          submit({ seq: seq++, first, lines: chunk });
          chunk = [];
          first = lineNo + 1;
          while (inFlight >= maxInFlight && failure === null) await new Promise<void>((resolve) => (wake = resolve));
          await writing;
          if (failure) break reading;
        }
      }
      if (rest !== '' && failure === null) {
        lineNo++;
        chunk.push(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
      }
      if (chunk.length > 0 && failure === null) submit({ seq: seq++, first, lines: chunk });
      while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
      await writing;
    } finally {
      input.destroy();
      await pool.close();
      progress.done();
    }
    if (file !== null && tmp !== null && outPath !== null) {
      await new Promise<void>((resolve) => file.end(() => resolve()));
      if (failure) unlinkSync(tmp);
      else renameSync(tmp, outPath);
    }
    if (failure) {
      io.stderr(`flint batch: ${(failure as Error).message}\n`);
      return EXIT_ERRORS;
    }
    const total = totals.taken + totals.refused + totals.errors;
    const secs = (performance.now() - started) / 1000;
    io.stderr(
      `flint batch: ${total} case${total === 1 ? '' : 's'} ` +
        `(${totals.taken} taken, ${totals.refused} refused, ${totals.errors} invalid) in ${secs.toFixed(2)} s, ` +
        `${Math.round(total / Math.max(secs, 1e-9))} cases/s, ` +
        `${workers === 0 ? 'in one thread' : `${workers} worker${workers === 1 ? '' : 's'}`}\n`,
    );
    return totals.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  },
};
