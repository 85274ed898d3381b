import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Model } from '../../model/ast.js';
import { hasErrors, sortDiagnostics } from '../../model/diagnostic.js';
import { createBatchDecider } from '../../batch/index.js';
import type { BatchDecider, BatchText } from '../../batch/index.js';
import { compile } from '../../run/index.js';
import { parseCommandArgs } from '../args.js';
import { addChunkTotals, batchOutput, nodeDecoders, readChunks, reportTotals } from '../batch-io.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint batch MODEL --cases FILE.jsonl [--trace] [--out FILE] [--workers N] [--chunk N]
                   [--no-progress] [--no-memo] [--queue redis://HOST:PORT [--prefix P]]

Decide many cases against one model. Each line of FILE.jsonl is one case:
  { "id": ..., "asOf": "YYYY-MM-DD", "actors": { "alice": { "roles": ["leraar"] } },
    "facts": [{ "fact": ..., "args"?: [...], "value"?: ... }],
    "acts": [{ "act": ..., "actor": ..., "params"?: {...}, "at"?: "YYYY-MM-DD" }],
    "availableFor"?: ["alice"] }
Each case gives one output line, in input order:
  { "id", "outcome": "taken"|"refused", "steps", "available": [...], "refused"?, "trace"? }
A line that is not a valid case gives { "id", "line", "error": { "code", "message" } }; the batch
goes on, and the first such lines are listed on standard error with their line numbers.

  --trace        include one full trace entry per act (slower, larger output)
  --out FILE     write the output to FILE (atomically: a temporary file renamed at the end)
                 instead of standard output
  --workers N    worker threads (default: the number of cores; 0 decides in this thread)
  --chunk N      lines per unit of work (default 256, 32 with --trace; 1000 with --queue)
  --no-progress  no progress display on standard error (by default a bar on a terminal, else a
                 plain line every 5 seconds)
  --no-memo      decide every case body anew (by default a line whose body, all but its "id",
                 was decided before reuses that outcome: the same bytes, much faster)
  --queue URL    do not decide here: put the chunks on the BullMQ queue at URL (Redis) for
                 'flint worker --queue URL' processes, on this machine or others, and write their
                 results in input order
  --prefix P     key prefix of the queue in Redis (default "flint"); workers must use the same

The input is streamed: memory stays flat however many cases the file holds.
Exit status: 0 every line decided, 1 model errors or some lines invalid, 2 usage error.
`;

/** What a worker starts with: the model AST (plain data, cloned to the worker), and where the interpreter is. */
interface WorkerInit {
  /**
   * URL of src/batch/worker-api (compile and the decider), the only module a worker loads: in the
   * bundled CLI, one chunk file and the interpreter's shared chunks, so start-up stays short.
   */
  readonly api: string;
  /** URL of tsx's loader API when running from TypeScript sources, else null. */
  readonly tsx: string | null;
}

/** The first message to a worker: what to decide with (sent once the model is loaded). */
interface WorkerSetup {
  readonly model: Model;
  readonly trace: boolean;
  /** Remember outcomes by case body (the fast path, src/batch/fast.ts). */
  readonly memo: boolean;
}

interface ChunkRequest {
  readonly seq: number;
  readonly first: number;
  readonly bytes: Uint8Array;
}

/** A decided chunk as it comes back from a worker: its output as UTF-8 bytes (`text` empty), or as text. */
type ChunkOutput = BatchText & { readonly bytes?: Uint8Array };

interface ChunkReply {
  readonly seq: number;
  readonly chunk?: ChunkOutput;
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

/** Load and check the model at `path`: the model, or null with the rendered errors. */
export function loadBatchModel(path: string, io: CliIo): { model: Model | null; report: string } {
  const loaded = loadModelFile(path, io, { check: true });
  const diagnostics = sortDiagnostics(loaded.diagnostics);
  const shown = diagnostics.filter((d) => d.severity === 'error');
  const report = shown.length > 0 ? renderLoaded(shown, loaded.texts, io) : '';
  if (hasErrors(diagnostics) || loaded.model === undefined) return { model: null, report };
  return { model: loaded.model, report };
}

/**
 * The worker: plain JavaScript (it runs before any TypeScript loader exists). It registers tsx
 * when needed, loads only the interpreter, compiles the model it was given and decides chunks of
 * bytes (transferred, not copied) with the fast path, Buffer's decoders and all.
 */
const WORKER_CODE = `const { workerData, parentPort } = require('node:worker_threads');
// Messages wait here while the modules load (the parent loads the model meanwhile).
const early = [];
const hold = (m) => early.push(m);
parentPort.on('message', hold);
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const api = await import(workerData.api);
  let decider = null;
  const view = (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const decode = {
    latin1: (b, s, e) => view(b).toString('latin1', s, e),
    utf8: (b, s, e) => view(b).toString('utf8', s, e),
    equal: (a, b, s, e) => view(a).compare(b, s, e) === 0,
  };
  const handle = (req) => {
    if (decider === null) {
      const cm = api.compile(req.model).value;
      decider = api.createBatchDecider(cm, { trace: req.trace, remember: req.memo, decode });
      return;
    }
    try {
      // The output as UTF-8 bytes in a buffer of their own, moved (not cloned) to the main thread.
      // A Buffer view: its indexOf (finding each newline) is native, a Uint8Array's is a loop.
      const c = decider.decideBytesToBytes(view(req.bytes), req.first);
      const chunk = { ...c, text: '' };
      parentPort.postMessage({ seq: req.seq, chunk }, [c.bytes.buffer]);
    } catch (e) {
      parentPort.postMessage({ seq: req.seq, failure: e instanceof Error ? e.message : String(e) });
    }
  };
  parentPort.off('message', hold);
  parentPort.on('message', handle);
  for (const m of early.splice(0)) handle(m);
})();`;

/** Decides chunks: in worker threads, or in this thread when there are none. */
interface Pool {
  /** Give the model (workers start loading the interpreter before it is known). */
  setup(s: WorkerSetup): void;
  submit(req: ChunkRequest): Promise<ChunkOutput>;
  close(): Promise<void>;
}

function inlinePool(): Pool {
  let decider: BatchDecider | null = null;
  return {
    setup(s) {
      decider = createBatchDecider(compile(s.model).value, { trace: s.trace, remember: s.memo, decode: nodeDecoders });
    },
    submit: async (req) => {
      if (decider === null) throw new Error('the pool was not set up');
      const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
      return { ...decider.decideBytesToBytes(bytes, req.first), text: '' };
    },
    close: async () => undefined,
  };
}

function workerPool(n: number, api: string): Pool {
  const waiting = new Map<number, { resolve: (c: ChunkOutput) => void; reject: (e: Error) => void }>();
  let dead: Error | null = null;
  let closing = false;
  const init: WorkerInit = { api, tsx: tsxApi() };
  const workers = Array.from({ length: n }, () => {
    const w = new Worker(WORKER_CODE, { eval: true, workerData: init });
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
    setup(s) {
      for (const w of workers) w.postMessage(s);
    },
    submit(req) {
      if (dead) return Promise.reject(dead);
      // The least busy worker: chunks take about the same time, so this balances the cores.
      let best = 0;
      for (let i = 1; i < n; i++) if ((load[i] ?? 0) < (load[best] ?? 0)) best = i;
      load[best] = (load[best] ?? 0) + 1;
      const w = workers[best] as Worker;
      return new Promise<ChunkOutput>((resolve, reject) => {
        waiting.set(req.seq, {
          resolve: (c) => {
            load[best] = (load[best] ?? 1) - 1;
            resolve(c);
          },
          reject,
        });
        // The bytes move to the worker (no copy): this thread never reads them again.
        w.postMessage(req, [req.bytes.buffer as ArrayBuffer]);
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The parsed flags of `flint batch`. */
export interface BatchFlags {
  readonly modelPath: string;
  readonly casesPath: string;
  readonly outPath: string | null;
  readonly trace: boolean;
  readonly memo: boolean;
  readonly progress: boolean;
  readonly workers: number;
  readonly chunk: number | null;
  readonly queue: string | null;
  readonly prefix: string;
}

/** Parse the arguments of `flint batch`: the flags, or a usage message (null text for --help). */
function parseFlags(args: readonly string[]): BatchFlags | { usage: string | null } {
  const parsed = parseCommandArgs(args, {
    cases: { type: 'string', short: 'c' },
    out: { type: 'string', short: 'o' },
    trace: { type: 'boolean' },
    workers: { type: 'string', short: 'w' },
    chunk: { type: 'string' },
    'no-progress': { type: 'boolean' },
    'no-memo': { type: 'boolean' },
    queue: { type: 'string' },
    prefix: { type: 'string' },
  });
  if (!parsed.ok) return { usage: parsed.message };
  if (parsed.values.help) return { usage: null };
  const [modelPath, ...extra] = parsed.positionals;
  if (modelPath === undefined) return { usage: 'no MODEL given.' };
  if (extra.length > 0) return { usage: `one MODEL only; got also ${extra.join(', ')}.` };
  const casesPath = parsed.values.cases;
  if (typeof casesPath !== 'string') return { usage: '--cases FILE.jsonl is required.' };
  const workersText = parsed.values.workers;
  const workers = workersText === undefined ? availableParallelism() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64)
    return { usage: `--workers must be a whole number from 0 to 64; got «${String(workersText)}».` };
  const chunkText = parsed.values.chunk;
  const chunk = chunkText === undefined ? null : Number(chunkText);
  if (chunk !== null && (!Number.isInteger(chunk) || chunk < 1))
    return { usage: `--chunk must be a positive whole number; got «${String(chunkText)}».` };
  const queue = typeof parsed.values.queue === 'string' ? parsed.values.queue : null;
  if (queue !== null && !/^rediss?:\/\//.test(queue))
    return { usage: `--queue must be a Redis URL (redis://HOST:PORT); got «${queue}».` };
  const prefix = typeof parsed.values.prefix === 'string' ? parsed.values.prefix : 'flint';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix))
    return { usage: `--prefix must be 1 to 64 letters, digits, '_', '.' or '-'; got «${prefix}».` };
  if (parsed.values.prefix !== undefined && queue === null) return { usage: '--prefix needs --queue.' };
  return {
    modelPath,
    casesPath,
    outPath: typeof parsed.values.out === 'string' ? parsed.values.out : null,
    trace: parsed.values.trace === true,
    memo: parsed.values['no-memo'] !== true,
    progress: parsed.values['no-progress'] !== true,
    workers,
    chunk,
    queue,
    prefix,
  };
}

/** `flint batch`: decide a JSONL file of cases, streaming, on every core (or on a queue's workers). */
export const batchCommand: Command = {
  name: 'batch',
  summary: 'decide a JSONL file of cases (outcomes, optional traces) on every core or on a queue',
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args);
    if ('usage' in flags) {
      if (flags.usage !== null) return usageError(io, 'batch', flags.usage);
      io.stdout(HELP);
      return EXIT_OK;
    }
    let size: number;
    try {
      const st = statSync(flags.casesPath);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      io.stderr(`flint batch: cannot read the cases file «${flags.casesPath}».\n`);
      return EXIT_ERRORS;
    }
    // The worker threads load the interpreter while this thread loads the model.
    const pool =
      flags.queue !== null
        ? null
        : flags.workers === 0
          ? inlinePool()
          : workerPool(flags.workers, (await import('../../batch/worker-api.js')).workerApiUrl);
    const loaded = loadBatchModel(flags.modelPath, io);
    if (loaded.model === null) {
      await pool?.close();
      io.stderr(loaded.report || `flint batch: the model «${flags.modelPath}» could not be loaded.\n`);
      return EXIT_ERRORS;
    }
    if (pool === null) {
      // BullMQ and ioredis load only here: `flint --help` and local batches never pay for them.
      const { runQueuedBatch } = await import('../batch-queue.js');
      return runQueuedBatch(flags, loaded.model, size, io);
    }
    pool.setup({ model: loaded.model, trace: flags.trace, memo: flags.memo });
    return runLocalBatch(flags, pool, size, io);
  },
};

/** The local batch: chunks of bytes to worker threads, results written in input order. */
async function runLocalBatch(flags: BatchFlags, pool: Pool, size: number, io: CliIo): Promise<number> {
  const { workers, trace } = flags;
  // Traced outcomes are ~40 KB a case: smaller chunks keep the data in flight (and memory) small.
  const chunkSize = flags.chunk ?? (trace ? 32 : 256);
  const { sink, progress, totals } = batchOutput(flags, io);
  // Results wait here until every earlier chunk is written: output order = input order.
  const ready = new Map<number, ChunkOutput>();
  let nextToWrite = 0;
  let inFlight = 0;
  const maxInFlight = Math.max(2, workers * 4);
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let bytesRead = 0;
  const started = performance.now();

  const flush = (): void => {
    for (let c = ready.get(nextToWrite); c !== undefined; c = ready.get(nextToWrite)) {
      ready.delete(nextToWrite);
      nextToWrite++;
      if (c.bytes !== undefined && c.bytes.length > 0) sink.writeBytes(c.bytes);
      else if (c.text !== '') sink.write(c.text);
      addChunkTotals(totals, c);
    }
  };
  const submit = (req: ChunkRequest): void => {
    inFlight++;
    pool.submit(req).then(
      (c) => {
        ready.set(req.seq, c);
        flush();
        inFlight--;
        progress.update(totals.taken + totals.refused + totals.errors, size > 0 ? bytesRead / size : 1);
        wake?.();
      },
      (e: unknown) => {
        failure ??= e instanceof Error ? e : new Error(String(e));
        inFlight--;
        wake?.();
      },
    );
  };

  try {
    // Pulling chunks from the stream gives backpressure: nothing more is read while the workers
    // are busy or the output is behind, so memory stays flat.
    for await (const chunk of readChunks(flags.casesPath, chunkSize)) {
      bytesRead = chunk.bytesRead;
      submit({ seq: chunk.seq, first: chunk.first, bytes: chunk.bytes });
      while (inFlight >= maxInFlight && failure === null) await new Promise<void>((resolve) => (wake = resolve));
      await sink.drained();
      if (failure) break;
    }
    while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    await pool.close();
    progress.finish();
  }
  await sink.close(failure === null);
  if (failure) {
    io.stderr(`flint batch: ${(failure as Error).message}\n`);
    return EXIT_ERRORS;
  }
  const secs = (performance.now() - started) / 1000;
  const how = workers === 0 ? 'in one thread' : `${workers} worker${workers === 1 ? '' : 's'}`;
  reportTotals(totals, secs, how, io);
  return totals.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
