/**
 * Load bench of the decision service: take-act requests per second through HTTP with N concurrent
 * clients, and their latency (p50, p99), on SQLite and PostgreSQL. Loopback only and bounded: each
 * run stops after a count of requests or a time, whichever comes first.
 *
 * The server is `flint serve` in a child process (as deployed); this process is the load
 * generator. Every request takes <<aanvragen toeslag>> (examples/flint/toeslag.flint) on the
 * client's own case and stores its full trace (with the sources it rests on). PostgreSQL runs are
 * skipped with a message when the server is unreachable.
 *
 * Run alone: `npx tsx bench/service.ts [--quick] [--built] [--backend sqlite|postgres]
 * [--clients 1,16,64] [--requests N] [--seconds S] [--node-args ARGS] [--cpu-prof DIR] [--cli FILE] [--servers N]
 * [--serve-args ARGS]`; in the suite:
 * `npm run bench -- --only service`. `--built` runs the built CLI (bin/flint.js, `npm run build`
 * first) as deployed; `--cli FILE` another build (to compare back to back). Besides the requests per
 * second and the latency the client sees, each run reports the server process's CPU time per
 * request (from /proc), which the load of the rest of the machine disturbs far less. `--servers N`
 * starts N server processes on the one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN = process.env.FLINT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One run: a backend, a number of concurrent clients, what came out. */
export interface ServiceRun {
  readonly backend: 'sqlite' | 'postgres';
  readonly clients: number;
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** CPU time (user + system, from /proc) the server process spent per request, in ms; null off Linux. */
  readonly serverCpuMs: number | null;
  /** CPU time the load generator (this process) spent per request, in ms: its share of the same cores. */
  readonly clientCpuMs: number;
  /** The machine's 1-minute load average at the end of the run. */
  readonly load: number | null;
}

/** Options of {@link serviceBench}. */
export interface ServiceOptions {
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
  /** The numbers of concurrent clients (default 1, 4, 16, 32, 64; quick: 1, 16). */
  readonly clients?: readonly number[];
  /** Only these backends (default both). */
  readonly backends?: readonly ('sqlite' | 'postgres')[];
  /** Run the built CLI (`bin/flint.js`, as deployed) instead of the sources through tsx. */
  readonly built?: boolean;
  /** Run this built CLI script instead (e.g. a copy of an older build, to compare back to back). */
  readonly cli?: string;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  readonly cpuProf?: string;
  /** Requests per run (default 20,000; quick: 1,000). */
  readonly requests?: number;
  /** Longest time of a run in seconds (default 15; quick: 4). */
  readonly seconds?: number;
  /** Options for node itself (before the script), e.g. V8 heap settings. */
  readonly nodeArgs?: readonly string[];
  /** Extra arguments for `flint serve`. */
  readonly serveArgs?: readonly string[];
  /**
   * Start this many `flint serve` processes on the one database (default 1), each client talking to
   * one of them in turn: what several processes sharing a SQLite file (one writer at a time) give.
   */
  readonly servers?: number;
}

/** The CPU time (user + system) of a process in ms, from /proc; null where there is none. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  // Fields after the command name (which may hold spaces): utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** The 1-minute load average. */
function loadAverage(): number | null {
  if (!existsSync('/proc/loadavg')) return null;
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

const hash = (t: string): string => createHash('sha256').update(t).digest('hex');
const tokens = JSON.stringify({
  tokens: [
    { sha256: hash('bench-admin'), name: 'bench', scope: 'admin' },
    { sha256: hash('bench-alice'), actor: 'alice', roles: ['ouder'] },
  ],
});
const caseBody = (model: string) => ({
  model,
  asOf: '2024-03-01',
  actors: { alice: { roles: ['ouder'] }, kees: { roles: ['kind'] }, bd: { roles: ['[belastingdienst]'] } },
  facts: [
    { fact: 'kind van', args: ['kees', 'alice'] },
    { fact: '[uren]', args: ['kees'], value: '20' },
    { fact: 'kosten', args: ['alice'], value: '500', by: 'alice' },
  ],
});
const act = {
  act: '<<aanvragen toeslag>>',
  actor: 'alice',
  params: { ouder: 'alice' },
  facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
};

function serve(
  db: string,
  tokensFile: string,
  options: ServiceOptions,
): Promise<{ proc: ChildProcess; url: string; model: string }> {
  const prof = [
    ...(options.nodeArgs ?? []),
    ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : []),
  ];
  const cli = options.cli ? [options.cli] : options.built ? ['bin/flint.js'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const args = [
    ...prof,
    ...cli,
    'serve',
    '--db',
    db,
    '--port',
    '0',
    '--tokens',
    tokensFile,
    ...(options.serveArgs ?? []),
  ];
  const proc = spawn(process.execPath, [...args, '--model', 'examples/flint/toeslag.flint', '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const model = /^model (\S+)/m.exec(out)?.[1];
      if (url && model) ok({ proc, url, model });
    });
    proc.once('exit', (code) => fail(new Error(`flint serve exited (${code}): ${out}`)));
  });
}

/**
 * Keep-alive connections, one per client: node:http costs the load generator less CPU than fetch.
 * A new pool for each run: a connection left idle from the run before could be closed by the
 * server's keep-alive timeout (5 s) just as it is reused, and the request would fail with
 * "socket hang up".
 */
let agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(url: string, token: string, body: unknown): Promise<{ status: number; json: { id?: string } }> {
  const data = JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            ok({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string },
            });
          } catch (e) {
            fail(e);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Cases per client: each client takes acts on its own cases in turn, so no case grows very long. */
const CASES_PER_CLIENT = 4;

/** N clients, each taking acts on its own cases, until `count` requests or `maxMs` have passed. */
async function load(
  urls: readonly string[],
  model: string,
  clients: number,
  count: number,
  maxMs: number,
  pids: readonly (number | undefined)[],
): Promise<ServiceRun> {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const url = urls[0] as string;
  const urlOf = (client: number): string => urls[client % urls.length] as string;
  const cpuOf = (): number | null =>
    pids.reduce<number | null>((sum, pid) => {
      const c = cpuMs(pid);
      return sum === null || c === null ? null : sum + c;
    }, 0);
  const cases: string[] = [];
  for (let i = 0; i < clients * CASES_PER_CLIENT; i++) {
    const r = await post(`${url}/v1/cases`, 'bench-admin', caseBody(model));
    if (r.status !== 201 || !r.json.id) throw new Error(`cannot create a case: ${r.status}`);
    cases.push(r.json.id);
  }
  // Warm-up: a few acts per case (JIT, prepared statements, connection pool).
  await Promise.all(
    cases.map(async (c) => {
      const u = urlOf(Math.floor(cases.indexOf(c) / CASES_PER_CLIENT));
      for (let i = 0; i < 5; i++) await post(`${u}/v1/cases/${c}/acts`, 'bench-alice', act);
    }),
  );
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const cpu0 = cpuOf();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; issued < count && performance.now() - t0 < maxMs; i++) {
        issued++;
        const c = cases[w * CASES_PER_CLIENT + (i % CASES_PER_CLIENT)];
        const s = performance.now();
        const r = await post(`${urlOf(w)}/v1/cases/${c}/acts`, 'bench-alice', act);
        latencies.push(performance.now() - s);
        if (r.status !== 201) errors++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuOf();
  const own = process.cpuUsage(own0);
  latencies.sort((a, b) => a - b);
  return {
    backend: url.includes('sqlite') ? 'sqlite' : 'postgres',
    clients,
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    errors,
    serverCpuMs: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / latencies.length,
    clientCpuMs: (own.user + own.system) / 1000 / latencies.length,
    load: loadAverage(),
  };
}

/** Run the bench on both backends with each number of clients. */
export async function serviceBench(options: ServiceOptions = {}): Promise<{
  runs: ServiceRun[];
  skipped: string[];
}> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const clientCounts = options.clients ?? (options.quick ? [1, 16] : [1, 4, 16, 32, 64]);
  const wanted = options.backends ?? ['sqlite', 'postgres'];
  // Long enough for the server's major garbage collections and the cases' first snapshots to fall
  // inside the measured requests (they make the tail of the latency).
  const count = options.requests ?? (options.quick ? 1000 : 20_000);
  const maxMs = (options.seconds ?? (options.quick ? 4 : 15)) * 1000;
  const dir = mkdtempSync(join(tmpdir(), 'flint-bench-service-'));
  const tokensFile = join(dir, 'tokens.json');
  writeFileSync(tokensFile, tokens);
  const runs: ServiceRun[] = [];
  const skipped: string[] = [];
  const backends: { name: 'sqlite' | 'postgres'; db: () => Promise<string>; drop: () => Promise<void> }[] = [
    { name: 'sqlite', db: async () => `sqlite:${join(dir, 'bench.db')}`, drop: async () => undefined },
  ];
  const pgName = `flint_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    if (!wanted.includes('postgres')) throw new Error('not asked for');
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgName}`);
    await admin.query(`CREATE DATABASE ${pgName}`);
    const u = new URL(PG_ADMIN);
    u.pathname = `/${pgName}`;
    backends.push({
      name: 'postgres',
      db: async () => u.toString(),
      drop: async () => void (await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`)),
    });
  } catch (e) {
    if (wanted.includes('postgres'))
      skipped.push(`service (postgres): PostgreSQL is unreachable at ${PG_ADMIN} (${(e as Error).message}).`);
  }
  try {
    for (const b of backends.filter((x) => wanted.includes(x.name))) {
      const db = await b.db();
      const servers: Awaited<ReturnType<typeof serve>>[] = [];
      try {
        for (let i = 0; i < (options.servers ?? 1); i++) servers.push(await serve(db, tokensFile, options));
        const urls = servers.map((s) => s.url);
        const pids = servers.map((s) => s.proc.pid);
        const model = servers[0]?.model ?? '';
        for (const n of clientCounts) {
          const r = { ...(await load(urls, model, n, count, maxMs, pids)), backend: b.name };
          runs.push(r);
          log(
            `  service ${b.name}, ${n} clients: ${Math.round(r.perSecond)} req/s, p50 ${r.p50.toFixed(1)} ms, ` +
              `p99 ${r.p99.toFixed(1)} ms (${r.requests} requests, ${r.errors} errors), server CPU ` +
              `${r.serverCpuMs === null ? '?' : r.serverCpuMs.toFixed(2)} ms/request, client CPU ` +
              `${r.clientCpuMs.toFixed(2)} ms/request, load ${r.load ?? '?'}`,
          );
        }
      } finally {
        for (const server of servers) {
          server.proc.kill('SIGTERM');
          await new Promise((r) => server.proc.once('exit', r));
        }
        await b.drop();
      }
    }
  } finally {
    agent.destroy();
    await admin.end().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, skipped };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const clients = value('--clients')?.split(',').map(Number);
  const backend = value('--backend') as 'sqlite' | 'postgres' | undefined;
  const serveArgs = value('--serve-args')
    ?.split(' ')
    .filter((a) => a !== '');
  const cpuProf = value('--cpu-prof');
  const cli = value('--cli');
  const servers = value('--servers');
  const requests = value('--requests');
  const nodeArgs = value('--node-args')
    ?.split(' ')
    .filter((a) => a !== '');
  const seconds = value('--seconds');
  const { runs, skipped } = await serviceBench({
    quick: argv.includes('--quick'),
    built: argv.includes('--built'),
    ...(clients ? { clients } : {}),
    ...(backend ? { backends: [backend] } : {}),
    ...(serveArgs ? { serveArgs } : {}),
    ...(cpuProf ? { cpuProf: resolve(cpuProf) } : {}),
    ...(cli ? { cli: resolve(cli) } : {}),
    ...(servers ? { servers: Number(servers) } : {}),
    ...(requests ? { requests: Number(requests) } : {}),
    ...(nodeArgs ? { nodeArgs } : {}),
    ...(seconds ? { seconds: Number(seconds) } : {}),
  });
  process.stdout.write(`${JSON.stringify({ runs, skipped }, null, 2)}\n`);
}
