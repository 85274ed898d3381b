import { parseCommandArgs } from '../args.js';
import { EXIT_OK, usageError, type Command } from '../command.js';

const HELP = `Usage: flint worker --queue redis://HOST:PORT [--prefix P] [--concurrency N] [--lock-ms N]
                    [--idle-exit S] [--verbose]

Decide the chunks of 'flint batch --queue' batches: run any number of these, on this machine or
others that reach the same Redis. Each chunk is decided with the batch's model and options and its
output stored for the batch's producer, which writes the outputs in input order. A chunk whose
worker dies is taken by another worker once its lock expires; a chunk decided twice is written once.

  --queue URL        the Redis server of the queue (required)
  --prefix P         key prefix of the queue (default "flint"; the same as the producer's)
  --concurrency N    chunks decided at once (default 1; deciding is CPU-bound: run one worker
                     process per core instead)
  --lock-ms N        BullMQ lock duration in ms (default 30000): how long the chunk of a worker
                     that died waits before another worker takes it
  --idle-exit S      stop after S seconds without a chunk (default: run until SIGINT or SIGTERM,
                     finishing the chunk in hand)
  --verbose          a line on standard error per chunk started and done

Exit status: 0 stopped normally, 1 Redis unreachable, 2 usage error.
`;

/** `flint worker`: a worker process of queued batches (BullMQ on Redis). */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'decide the chunks of queued batches (flint batch --queue) from a BullMQ queue',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      queue: { type: 'string' },
      prefix: { type: 'string' },
      concurrency: { type: 'string' },
      'lock-ms': { type: 'string' },
      'idle-exit': { type: 'string' },
      verbose: { type: 'boolean' },
    });
    if (!parsed.ok) return usageError(io, 'worker', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals.length > 0)
      return usageError(io, 'worker', `no positional arguments; got ${parsed.positionals.join(', ')}.`);
    const url = parsed.values.queue;
    if (typeof url !== 'string') return usageError(io, 'worker', '--queue redis://HOST:PORT is required.');
    if (!/^rediss?:\/\//.test(url))
      return usageError(io, 'worker', `--queue must be a Redis URL (redis://HOST:PORT); got «${url}».`);
    const prefix = typeof parsed.values.prefix === 'string' ? parsed.values.prefix : 'flint';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix))
      return usageError(io, 'worker', `--prefix must be 1 to 64 letters, digits, '_', '.' or '-'; got «${prefix}».`);
    const number = (name: string, text: unknown, dflt: number, min: number, max: number): number | string => {
      if (text === undefined) return dflt;
      const n = Number(text);
      if (!Number.isInteger(n) || n < min || n > max)
        return `--${name} must be a whole number from ${min} to ${max}; got «${String(text)}».`;
      return n;
    };
    const concurrency = number('concurrency', parsed.values.concurrency, 1, 1, 64);
    const lockMs = number('lock-ms', parsed.values['lock-ms'], 30_000, 200, 3_600_000);
    const idle = number('idle-exit', parsed.values['idle-exit'], -1, 1, 86_400);
    for (const v of [concurrency, lockMs, idle]) if (typeof v === 'string') return usageError(io, 'worker', v);
    // BullMQ and ioredis load only here, so `flint --help` never pays for them.
    const { runQueueWorker } = await import('../batch-queue.js');
    return runQueueWorker(
      {
        url,
        prefix,
        concurrency: concurrency as number,
        lockMs: lockMs as number,
        verbose: parsed.values.verbose === true,
        idleExitMs: idle === -1 ? null : (idle as number) * 1000,
      },
      io,
    );
  },
};
