/**
 * `flint batch --queue` and `flint worker --queue`: a batch decided by any number of worker processes,
 * on this machine or others, through a BullMQ queue on Redis.
 *
 * Keys (prefix P, default "flint"): BullMQ's queue `P:batch:*`; per batch B `P:batch-data:B:model`
 * (the model AST and options, JSON) and `P:batch-data:B:results` (a hash: chunk number → its output).
 * The producer cuts the cases file into chunks of whole lines and adds one job per chunk (job id
 * `B-seq`: adding it again is a no-op); a worker decides the chunk with the fast path and stores
 * the output under its chunk number (HSET: a chunk decided twice writes the same field twice, never
 * a second copy); the producer writes the outputs in chunk order, each once, and deletes them. It
 * keeps at most `window` chunks enqueued but not written, so Redis holds a bounded slice of the file.
 * A worker that dies mid-chunk loses its lock: BullMQ's stalled-job check gives the chunk to another
 * worker (after the lock duration, 30 s by default; `--lock-ms`).
 */
import { randomUUID } from 'node:crypto';
import type { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createBatchDecider } from '../batch/index.js';
import type { BatchDecider, BatchText } from '../batch/index.js';
import type { Model } from '../model/ast.js';
import { compile } from '../run/index.js';
import { addChunkTotals, batchOutput, nodeDecoders, readChunks, reportTotals } from './batch-io.js';
import type { BatchFlags } from './commands/batch.js';
import { EXIT_ERRORS, EXIT_OK } from './command.js';
import type { CliIo } from './io.js';

/** The BullMQ queue name (under the prefix). */
const QUEUE = 'batch';

/** A chunk job: the batch, its place and its lines (UTF-8 text). */
interface ChunkJob {
  readonly batch: string;
  readonly seq: number;
  readonly first: number;
  readonly text: string;
}

/** What the producer stores for the workers of a batch. */
interface BatchSpec {
  readonly model: Model;
  readonly trace: boolean;
  readonly memo: boolean;
}

const dataKey = (prefix: string, batch: string, what: 'model' | 'results'): string =>
  `${prefix}:batch-data:${batch}:${what}`;

/** Outputs and specs expire a day after their last write: a dead producer's batch does not stay for long. */
const EXPIRE_SECONDS = 24 * 3600;

/**
 * Write a chunk's output (KEYS: model, results; ARGV: seq, output, expiry) only while the batch's model
 * key exists.
 */
const STORE_IF_LIVE = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
return 1`;

/** A Redis connection for BullMQ (which needs `maxRetriesPerRequest: null`), failing fast when Redis is not there. */
async function connect(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectTimeout: 3000,
    lazyConnect: true,
    retryStrategy: (times: number) => (times > 2 ? null : 100 * times),
  });
  let last = '';
  redis.on('error', (e: Error) => {
    last = e.message;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${url}: ${last || (e instanceof Error ? e.message : String(e))}`);
  }
  return redis;
}

/** The producer: enqueue the chunks, write the workers' outputs in input order. */
export async function runQueuedBatch(flags: BatchFlags, model: Model, size: number, io: CliIo): Promise<number> {
  const chunkSize = flags.chunk ?? (flags.trace ? 100 : 1000);
  let redis: Redis;
  try {
    redis = await connect(flags.queue ?? '');
  } catch (e) {
    io.stderr(`flint batch: ${e instanceof Error ? e.message : String(e)}.\n`);
    return EXIT_ERRORS;
  }
  const { Queue } = await import('bullmq');
  const queue: Queue = new Queue(QUEUE, { connection: redis, prefix: flags.prefix });
  const batch = randomUUID();
  const modelKey = dataKey(flags.prefix, batch, 'model');
  const resultsKey = dataKey(flags.prefix, batch, 'results');
  const spec: BatchSpec = { model, trace: flags.trace, memo: flags.memo };
  const { sink, progress, totals } = batchOutput(flags, io);
  const started = performance.now();
  // The chunk outputs not written yet may be many MB each with traces: the window bounds them.
  const window = Math.max(4, Math.ceil((flags.trace ? 20_000 : 200_000) / chunkSize));
  let enqueued = 0;
  let written = 0;
  let bytesRead = 0;
  let readingDone = false;
  let failure: string | null = null;
  let lastProgress = performance.now();
  let hinted = false;

  /** Write every output that is next in order, until one is not there yet (or a chunk failed for good). */
  const collect = async (): Promise<void> => {
    while (written < enqueued) {
      const want = Math.min(enqueued - written, 64);
      const fields = Array.from({ length: want }, (_, i) => String(written + i));
      const got = await redis.hmget(resultsKey, ...fields);
      let n = 0;
      let text = '';
      for (const g of got) {
        if (g === null) break;
        const c = JSON.parse(g) as BatchText;
        text += c.text;
        addChunkTotals(totals, c);
        n++;
      }
      if (n === 0) {
        const state = await queue.getJobState(`${batch}-${written}`);
        if (state === 'failed') {
          const job = await queue.getJob(`${batch}-${written}`);
          failure = `chunk ${written} failed on every attempt: ${job?.failedReason ?? 'no reason given'}`;
        }
        if (!hinted && performance.now() - lastProgress > 10_000) {
          hinted = true;
          io.stderr(`flint batch: waiting for workers: run 'flint worker --queue ${flags.queue}' somewhere.\n`);
        }
        return;
      }
      sink.write(text);
      await redis.hdel(resultsKey, ...fields.slice(0, n));
      written += n;
      lastProgress = performance.now();
      const done = totals.taken + totals.refused + totals.errors;
      progress.update(done, readingDone ? written / Math.max(1, enqueued) : size > 0 ? bytesRead / size : 0);
      await sink.drained();
    }
  };
  const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  try {
    await redis.set(modelKey, JSON.stringify(spec), 'EX', EXPIRE_SECONDS);
    for await (const chunk of readChunks(flags.casesPath, chunkSize)) {
      bytesRead = chunk.bytesRead;
      const data: ChunkJob = {
        batch,
        seq: chunk.seq,
        first: chunk.first,
        text: Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength).toString('utf8'),
      };
      await queue.add('chunk', data, {
        jobId: `${batch}-${chunk.seq}`,
        attempts: 3,
        removeOnComplete: true,
        removeOnFail: { age: EXPIRE_SECONDS },
      });
      enqueued++;
      while (enqueued - written >= window && failure === null) {
        await collect();
        if (enqueued - written >= window && failure === null) await pause(20);
      }
      if (failure !== null) break;
    }
    readingDone = true;
    while (written < enqueued && failure === null) {
      await collect();
      if (written < enqueued && failure === null) await pause(20);
    }
  } catch (e) {
    failure ??= e instanceof Error ? e.message : String(e);
  } finally {
    progress.finish();
    await redis.del(modelKey, resultsKey).catch(() => undefined);
    await queue.close().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
  }
  await sink.close(failure === null);
  if (failure !== null) {
    io.stderr(`flint batch: ${failure}\n`);
    return EXIT_ERRORS;
  }
  reportTotals(totals, (performance.now() - started) / 1000, `on the queue ${flags.prefix}:${QUEUE}`, io);
  return totals.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

/** Options of {@link runQueueWorker}. */
export interface QueueWorkerOptions {
  readonly url: string;
  readonly prefix: string;
  /** Chunks decided at once (default 1: deciding is CPU-bound; more hides Redis round trips). */
  readonly concurrency: number;
  /** BullMQ lock duration: how long a dead worker's chunk waits before another worker takes it. */
  readonly lockMs: number;
  /** A line on standard error per chunk started and done. */
  readonly verbose: boolean;
  /** Stop after this many ms without a chunk (null: run until SIGINT/SIGTERM). */
  readonly idleExitMs: number | null;
}

/** A worker process: decides chunks until SIGINT/SIGTERM (finishing the chunks in hand) or idle. */
export async function runQueueWorker(options: QueueWorkerOptions, io: CliIo): Promise<number> {
  let redis: Redis;
  try {
    redis = await connect(options.url);
  } catch (e) {
    io.stderr(`flint worker: ${e instanceof Error ? e.message : String(e)}.\n`);
    return EXIT_ERRORS;
  }
  const { Worker } = await import('bullmq');
  // A few batches at a time: the compiled model and remembered outcomes of each.
  const deciders = new Map<string, Promise<BatchDecider | null>>();
  const deciderFor = (batch: string): Promise<BatchDecider | null> => {
    let d = deciders.get(batch);
    if (d === undefined) {
      d = redis.get(dataKey(options.prefix, batch, 'model')).then((json) => {
        if (json === null) return null;
        const spec = JSON.parse(json) as BatchSpec;
        const cm = compile(spec.model).value;
        return createBatchDecider(cm, { trace: spec.trace, remember: spec.memo, decode: nodeDecoders });
      });
      deciders.set(batch, d);
      if (deciders.size > 4) deciders.delete(deciders.keys().next().value as string);
    }
    return d;
  };
  let cases = 0;
  let chunks = 0;
  let lastJob = performance.now();
  const log = (text: string): void => io.stderr(`flint worker: ${text}\n`);
  const worker: Worker = new Worker(
    QUEUE,
    async (job: Job<ChunkJob>) => {
      const { batch, seq, first, text } = job.data;
      lastJob = performance.now();
      if (options.verbose) log(`chunk ${batch}-${seq} started`);
      const decider = await deciderFor(batch);
      // The producer is gone (its batch data deleted or expired): nothing to decide for.
      if (decider === null) return { skipped: true };
      const out = decider.decideBytes(Buffer.from(text, 'utf8'), first);
      // Stored only while the batch is live: a chunk decided again after its producer finished and
      // deleted the batch's data (a stalled job retried late) must not leave a results hash behind.
      const stored = await redis.eval(
        STORE_IF_LIVE,
        2,
        dataKey(options.prefix, batch, 'model'),
        dataKey(options.prefix, batch, 'results'),
        String(seq),
        JSON.stringify(out),
        String(EXPIRE_SECONDS),
      );
      if (stored !== 1) return { skipped: true };
      const n = out.taken + out.refused + out.errors;
      cases += n;
      chunks++;
      lastJob = performance.now();
      if (options.verbose) log(`chunk ${batch}-${seq} done (${n} cases)`);
      return { cases: n };
    },
    {
      connection: redis,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(500, Math.round(options.lockMs / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('error', (e) => log(`queue error: ${e.message}`));
  const started = performance.now();
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return Math.round((u.user + u.system) / 1000);
  };
  log(`waiting for chunks on ${options.prefix}:${QUEUE} at ${options.url} (start-up CPU ${cpuMs()} ms)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (options.idleExitMs !== null) {
      const idle = options.idleExitMs;
      const timer = setInterval(
        () => {
          if (performance.now() - lastJob > idle) {
            clearInterval(timer);
            resolve();
          }
        },
        Math.min(1000, idle),
      );
    }
  });
  await worker.close();
  await redis.quit().catch(() => redis.disconnect());
  const secs = (performance.now() - started) / 1000;
  log(`stopped: ${chunks} chunks, ${cases} cases in ${secs.toFixed(1)} s, CPU ${cpuMs()} ms in all`);
  return EXIT_OK;
}
