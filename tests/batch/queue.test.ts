/**
 * `flint batch --queue` with `flint worker` processes against the REAL local Redis (DEVELOPERS.md: it
 * runs at 127.0.0.1:6379; in CI as a service). Each run uses its own key prefix and deletes its
 * keys. When Redis is not reachable these tests fail, with a message saying so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideLine } from '../../src/batch/index.js';
import { batchCommand } from '../../src/cli/commands/batch.js';
import { type CliIo, processIo } from '../../src/cli/io.js';
import { compile } from '../../src/run/index.js';
import { print } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';
import { benefitModel } from '../run/fixtures.js';

const URL = process.env.FLINT_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const prefix = `flinttest-${process.pid}-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'calculemus-queue-test-'));
const modelPath = join(dir, 'benefit.flint');
writeFileSync(modelPath, print(benefitModel()));
const golden = readFileSync(join(projectRoot, 'tests', 'batch', 'golden', 'benefit.cases.jsonl'), 'utf8').split('\n');
const bodies = golden.filter((l) => /^\{"id":"(granted|income too high)"/.test(l)).map((l) => l.slice(l.indexOf(',')));

/** `n` cases with distinct ids; lines 7 and 500 poisoned (bad JSON, an unknown fact). */
function casesText(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `{"id":"c${i}"${bodies[i % 2]}`);
  lines[6] = '{"id":"broken", "asOf": ';
  if (n > 499) lines[499] = '{"id":"poison","asOf":"2024-01-01","facts":[{"fact":"bestaat niet"}]}';
  return `${lines.join('\n')}\n`;
}

/** Null when `a` and `b` are the same text, else the first line where they differ (cut short). */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, k) => l !== y[k]);
  const at = i < 0 ? x.length : i;
  const cut = (l: string | undefined): string => String(l).slice(0, 200);
  return `line ${at + 1} of ${x.length} vs ${y.length}: ${cut(x[at])} | ${cut(y[at])}`;
}

/** The reference: each line decided alone by the general path. */
function expected(text: string, trace = false): string {
  const cm = compile(benefitModel()).value;
  let out = '';
  text
    .split('\n')
    .slice(0, -1)
    .forEach((l, i) => {
      const r = decideLine(cm, l, i + 1, { trace });
      if (r !== null) out += `${r}\n`;
    });
  return out;
}

function io(): CliIo & { out: string; err: string } {
  const real = processIo();
  const x = {
    ...real,
    out: '',
    err: '',
    stdout(t: string) {
      x.out += t;
    },
    stderr(t: string) {
      x.err += t;
    },
  };
  return x;
}

interface WorkerProc {
  readonly proc: ChildProcess;
  log: string;
  readonly exited: Promise<number | null>;
}

/** A `flint worker` process (from the TypeScript sources) on this run's prefix. */
function startWorker(extra: readonly string[] = []): WorkerProc {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--queue', URL, '--prefix', prefix, '--verbose', ...extra],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const w: WorkerProc = {
    proc,
    log: '',
    exited: new Promise((resolve) => proc.on('exit', (code) => resolve(code))),
  };
  proc.stderr?.on('data', (d: Buffer) => {
    w.log += d.toString('utf8');
  });
  return w;
}

async function until(what: string, test: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let redis: Redis;
/** Two worker processes for the whole file (their start-up under tsx is the slow part). */
let pair: WorkerProc[] = [];

beforeAll(async () => {
  redis = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new Error(
      `These tests need the Redis server at ${URL} (see DEVELOPERS.md; set FLINT_TEST_REDIS to use another): ` +
        `${e instanceof Error ? e.message : String(e)}`,
    );
  }
  pair = [startWorker(['--lock-ms', '1000']), startWorker(['--lock-ms', '1000'])];
  await until('two workers', () => pair.every((w) => w.log.includes('waiting for chunks')), 30_000);
}, 40_000);

afterAll(async () => {
  for (const w of pair) if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
  if (redis?.status === 'ready') {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('flint batch --queue with flint worker processes (real Redis)', () => {
  it('matches the local batch byte for byte, lists poisoned lines, reports an unreachable Redis', async () => {
    const text = casesText(1000);
    const cases = join(dir, 'fast.jsonl');
    writeFileSync(cases, text);
    const x = io();
    const code = await batchCommand.run(
      [modelPath, '--cases', cases, '--queue', URL, '--prefix', prefix, '--chunk', '100', '--no-progress'],
      x,
    );
    expect(code).toBe(1);
    expect(x.err).toContain('invalid case, line 7: batch-invalid-json');
    expect(x.err).toContain('invalid case, line 500: ');
    const local = io();
    await batchCommand.run([modelPath, '--cases', cases, '--workers', '0', '--no-progress'], local);
    expect(firstDifference(x.out, local.out)).toBe(null);
    expect(firstDifference(x.out, expected(text))).toBe(null);
    const bad = io();
    const unreachable = 'redis://127.0.0.1:1';
    expect(await batchCommand.run([modelPath, '--cases', cases, '--queue', unreachable], bad)).toBe(1);
    expect(bad.err).toContain('cannot reach Redis at redis://127.0.0.1:1');
  }, 30_000);

  it('survives a worker killed mid-chunk: every case decided once, in input order, totals right', async () => {
    const text = casesText(1200);
    const cases = join(dir, 'kill.jsonl');
    const out = join(dir, 'kill.out.jsonl');
    writeFileSync(cases, text);
    const startedBefore = pair.map((w) => w.log.length);
    // The first worker to start a chunk is killed at once: 300 traced cases take far longer than the kill.
    let victim: WorkerProc | null = null;
    let chunk = '';
    const watch = setInterval(() => {
      if (victim !== null) return;
      for (const [i, w] of pair.entries()) {
        const m = /chunk (\S+) started/.exec(w.log.slice(startedBefore[i]));
        if (m) {
          victim = w;
          chunk = m[1] as string;
          w.proc.kill('SIGKILL');
          return;
        }
      }
    }, 1);
    const x = io();
    const args = [modelPath, '--cases', cases, '--out', out, '--queue', URL, '--prefix', prefix];
    const code = await batchCommand.run([...args, '--chunk', '300', '--trace', '--no-memo', '--no-progress'], x);
    clearInterval(watch);
    expect(victim).not.toBeNull();
    const killed = victim as unknown as WorkerProc;
    const survivor = pair.find((w) => w !== killed) as WorkerProc;
    // The killed worker never finished its chunk; the survivor decided it after the lock expired.
    expect(killed.log).not.toContain(`chunk ${chunk} done`);
    expect(survivor.log).toContain(`chunk ${chunk} done`);
    expect(await killed.exited).toBe(null);
    const got = readFileSync(out, 'utf8');
    // The reference: the same file decided in this thread (the model's spans name the file: compare like with like).
    const local = io();
    await batchCommand.run(
      [modelPath, '--cases', cases, '--workers', '0', '--trace', '--no-memo', '--no-progress'],
      local,
    );
    expect(firstDifference(got, local.out)).toBe(null);
    const ids = got
      .split('\n')
      .slice(0, -1)
      .map((l) => (JSON.parse(l) as { id: unknown }).id);
    expect(new Set(ids).size).toBe(1200);
    // Poisoned lines: reported with their line numbers; the batch went on (exit 1: some lines invalid).
    expect(code).toBe(1);
    expect(x.err).toContain('invalid case, line 7: batch-invalid-json');
    expect(x.err).toMatch(/flint batch: 1200 cases \(599 taken, 599 refused, 2 invalid\)/);
    // Nothing of the batch is left in Redis but BullMQ's own queue bookkeeping.
    expect((await redis.keys(`${prefix}:batch-data:*`)).length).toBe(0);
    survivor.proc.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.log).toMatch(/stopped: \d+ chunks/);
  }, 60_000);
});
