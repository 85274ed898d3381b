/**
 * The queued batch (`flint batch --queue` + `flint worker` processes) on the local Redis: throughput
 * and per-case worker CPU for 1, 2 and 4 worker processes, and the queue's overhead per chunk from
 * runs that differ only in chunk size. Needs Redis at 127.0.0.1:6379 (FLINT_BENCH_REDIS); every
 * run uses its own key prefix and deletes its keys.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

const URL = process.env.FLINT_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

interface Worker {
  readonly proc: ChildProcess;
  log: string;
}

function startWorker(root: string, prefix: string): Worker {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--queue', URL, '--prefix', prefix],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const w: Worker = { proc, log: '' };
  proc.stderr?.on('data', (d: Buffer) => {
    w.log += d.toString('utf8');
  });
  return w;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether Redis answers at the bench's URL. */
export async function redisUp(): Promise<boolean> {
  const redis = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    await redis.quit();
    return true;
  } catch {
    redis.disconnect();
    return false;
  }
}

/** One queued batch with `n` fresh worker processes: wall rate, worker CPU per case (start-up left out), chunks. */
export async function queuedRun(
  root: string,
  model: string,
  cases: string,
  n: number,
  chunk: number,
  extra: readonly string[] = [],
): Promise<{ rate: number; cpuPerCaseUs: number; chunks: number; cases: number; decideMs: number } | null> {
  const prefix = `flintbench-${process.pid}-${Date.now().toString(36)}`;
  const workers = Array.from({ length: n }, () => startWorker(root, prefix));
  try {
    const deadline = Date.now() + 60_000;
    while (!workers.every((w) => w.log.includes('waiting for chunks'))) {
      if (Date.now() > deadline || workers.some((w) => w.proc.exitCode !== null)) return null;
      await sleep(20);
    }
    const args = ['bench/batch-cli.ts', model, '--cases', cases, '--queue', URL, '--prefix', prefix];
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', ...args, '--chunk', String(chunk), '--no-progress', ...extra],
      { cwd: root, encoding: 'utf8', env: { ...process.env, BENCH_REPORT: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('BENCH_REPORT ')) ?? 'BENCH_REPORT {}';
    const report = JSON.parse(line.slice('BENCH_REPORT '.length)) as { cases?: number; decideMs?: number };
    for (const w of workers) w.proc.kill('SIGTERM');
    await Promise.all(
      workers.map((w) => new Promise((res) => (w.proc.exitCode !== null ? res(0) : w.proc.on('exit', res)))),
    );
    let cpu = 0;
    let chunks = 0;
    for (const w of workers) {
      const start = /start-up CPU (\d+) ms/.exec(w.log);
      const stop = /stopped: (\d+) chunks, \d+ cases in [\d.]+ s, CPU (\d+) ms/.exec(w.log);
      if (!start || !stop) return null;
      cpu += Number(stop[2]) - Number(start[1]);
      chunks += Number(stop[1]);
    }
    const count = report.cases ?? 0;
    const ms = report.decideMs ?? Number.NaN;
    return {
      rate: count / (ms / 1000),
      cpuPerCaseUs: (cpu * 1000) / Math.max(1, count),
      chunks,
      cases: count,
      decideMs: ms,
    };
  } finally {
    for (const w of workers) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
    const redis = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  }
}
