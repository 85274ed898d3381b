/**
 * The benchmark suite: `tsx bench/run.ts [--quick] [--only NAME]` (groups: startup, lerarenbeurs, chain, trace, large,
 * batch, queue, norms, service).
 *
 * Prints a table (name, median, p95, ops/s, target, met or missed) and writes bench/results.json
 * with the measurements, the scaling series and the machine's load. The lerarenbeurs workloads
 * need ../shared (skipped with a message when it is absent); the synthetic ones always run.
 * Benchmarks are not tests: nothing here fails a build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check/index.js';
import { importFlintJson } from '../src/interchange/index.js';
import { availableActs, compile, createCase, deriveGround, evaluateFact, give, take } from '../src/run/index.js';
import type { CaseState, CompiledModel, DerivedSnapshot } from '../src/run/index.js';
import { parse } from '../src/syntax/index.js';
import { chainFacts, chainModel, largeModel, largeModelFacts } from './generate.js';
import { formatMs, measure, measureTimed, table, type Measurement, type MeasureOptions } from './harness.js';
import { ACTORS, AS_OF, FACTS, flowCase, LERARENBEURS_PATH, STEPS } from './lerarenbeurs.js';
import { NORMS, loadNorm, readCase, replayCase } from './norms.js';
import { serviceBench } from './service.js';
import { queuedRun, redisUp } from './queue.js';
import { createBatchDecider, decideLine } from '../src/batch/index.js';
import { nodeDecoders } from '../src/cli/batch-io.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedModel = resolve(root, '..', 'shared', ...LERARENBEURS_PATH);
const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '') : '';
const opts: MeasureOptions = quick ? { warmupMs: 100, timeMs: 500, minSamples: 15 } : {};

/** A target: the measured value (ms, a ratio, or a rate) must be at most / at least `limit`. */
interface Target {
  readonly text: string;
  readonly limit: number;
  readonly kind: 'max' | 'min';
}

interface Row {
  readonly name: string;
  readonly median: number | null;
  readonly p95: number | null;
  readonly opsPerSecond: number | null;
  /** Mean CPU time per operation (ms), see Measurement.cpuMean. */
  readonly cpu: number | null;
  /** Shown instead of median for ratios and rates. */
  readonly value?: string;
  readonly target: Target | null;
  readonly met: boolean | null;
  readonly note?: string;
}

const rows: Row[] = [];
const scaling: Record<string, unknown[]> = {};
const skipped: string[] = [];

function wanted(group: string): boolean {
  return only === '' || group.includes(only);
}

function addMeasurement(m: Measurement, target: Target | null, note?: string): Measurement {
  const met = target === null ? null : target.kind === 'max' ? m.median <= target.limit : m.median >= target.limit;
  rows.push({
    name: m.name,
    median: m.median,
    p95: m.p95,
    opsPerSecond: m.opsPerSecond,
    cpu: m.cpuMean,
    target,
    met,
    ...(note ? { note } : {}),
  });
  process.stderr.write(`  ${m.name}: ${formatMs(m.median)} (p95 ${formatMs(m.p95)}, cpu ${formatMs(m.cpuMean)})\n`);
  return m;
}

function addValue(name: string, value: number, shown: string, target: Target | null, note?: string): void {
  const met = target === null ? null : target.kind === 'max' ? value <= target.limit : value >= target.limit;
  rows.push({
    name,
    median: null,
    p95: null,
    opsPerSecond: null,
    cpu: null,
    value: shown,
    target,
    met,
    ...(note ? { note } : {}),
  });
  process.stderr.write(`  ${name}: ${shown}\n`);
}

const maxMs = (ms: number, text: string): Target => ({ text, limit: ms, kind: 'max' });

function tsx(args: string[], env: Record<string, string> = {}): { stdout: string; stderr: string; ms: number } {
  const t0 = performance.now();
  const r = execFileSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  return { stdout: r, stderr: '', ms: performance.now() - t0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
}

// ---------------------------------------------------------------------------------------------
// lerarenbeurs

function lerarenbeurs(): void {
  if (!existsSync(sharedModel)) {
    skipped.push(`lerarenbeurs: ${sharedModel} is absent (../shared not checked out); its workloads are skipped.`);
    return;
  }
  process.stderr.write('lerarenbeurs\n');
  const text = readFileSync(sharedModel, 'utf8');
  const load = (): CompiledModel => {
    const imported = importFlintJson(text, 'flint-example-lerarenbeurs.json');
    check(imported.value);
    return compile(imported.value).value;
  };
  addMeasurement(
    measure('lerarenbeurs: load (import, check, compile)', load, { ...opts, minSamples: 15, sampleMs: 0 }),
    maxMs(50, '≤ 50 ms'),
  );
  const cm = load();
  const s0 = createCase(cm, { asOf: AS_OF, actors: ACTORS, facts: FACTS });
  const plain = addMeasurement(
    measure('lerarenbeurs: available acts (minister)', () => availableActs(cm, s0, 'minister'), opts),
    maxMs(0.02, '≤ 20 µs'),
  );
  const traced = addMeasurement(
    measure(
      'lerarenbeurs: available acts (minister), trace',
      () => availableActs(cm, s0, 'minister', { trace: true }),
      opts,
    ),
    maxMs(0.06, '≤ 60 µs'),
  );
  addValue(
    'lerarenbeurs: available acts, trace overhead',
    traced.median / plain.median,
    `${(traced.median / plain.median).toFixed(2)}×`,
    {
      text: '≤ 1.3×',
      limit: 1.3,
      kind: 'max',
    },
    `ratio of CPU times ${(traced.cpuMean / plain.cpuMean).toFixed(2)}×`,
  );
  const flow = (trace: boolean): CaseState => {
    let s = createCase(cm, { asOf: AS_OF, actors: ACTORS, facts: FACTS });
    for (const step of STEPS) {
      const r = take(cm, s, step, { trace });
      if (!r.ok) throw new Error(`the flow step <<${step.act}>> was refused`);
      s = r.state;
    }
    return s;
  };
  const flowTraced = addMeasurement(
    measure('lerarenbeurs: 3-step flow, full trace', () => flow(true), opts),
    maxMs(0.1, '≤ 100 µs'),
  );
  const flowPlain = addMeasurement(
    measure('lerarenbeurs: 3-step flow, no trace', () => flow(false), opts),
    null,
  );
  addValue(
    'lerarenbeurs: 3-step flow, trace overhead',
    flowTraced.median / flowPlain.median,
    `${(flowTraced.median / flowPlain.median).toFixed(2)}×`,
    {
      text: '≤ 1.3×',
      limit: 1.3,
      kind: 'max',
    },
    `ratio of CPU times ${(flowTraced.cpuMean / flowPlain.cpuMean).toFixed(2)}×`,
  );
  const sFinal = flow(false);
  addMeasurement(
    measure(
      'lerarenbeurs: available acts (minister) after the flow',
      () => availableActs(cm, sFinal, 'minister'),
      opts,
    ),
    null,
  );
}

// ---------------------------------------------------------------------------------------------
// norms written in .flint (norms/awb, norms/kinderopvangtoeslag) and their example cases

function norms(): void {
  process.stderr.write('norms\n');
  for (const n of NORMS) {
    addMeasurement(
      measure(`${n.name}: load (parse, check, compile)`, () => loadNorm(root, n.model), {
        ...opts,
        minSamples: 15,
        sampleMs: 0,
      }),
      null,
    );
    const cm = loadNorm(root, n.model);
    const c = readCase(root, n.case);
    const half = Math.floor((c.acts ?? []).length / 2);
    const mid = replayCase(cm, c, { trace: false, steps: half });
    addMeasurement(
      measure(
        `${n.name}: available acts (${n.actor}), after ${half} of ${(c.acts ?? []).length} case acts`,
        () => availableActs(cm, mid, n.actor),
        opts,
      ),
      null,
    );
  }
  const k = NORMS[1];
  const cm = loadNorm(root, k.model);
  const c = readCase(root, k.case);
  const steps = (c.acts ?? []).length;
  const plain = addMeasurement(
    measure(`${k.name}: full case (${steps} acts), no trace`, () => replayCase(cm, c, { trace: false }), opts),
    null,
  );
  const traced = addMeasurement(
    measure(`${k.name}: full case (${steps} acts), full trace`, () => replayCase(cm, c, { trace: true }), opts),
    null,
  );
  addValue(
    `${k.name}: full case, trace overhead`,
    traced.median / plain.median,
    `${(traced.median / plain.median).toFixed(2)}×`,
    {
      text: '≤ 1.3×',
      limit: 1.3,
      kind: 'max',
    },
    `ratio of CPU times ${(traced.cpuMean / plain.cpuMean).toFixed(2)}×`,
  );
}

// ---------------------------------------------------------------------------------------------
// chain of derived facts

function chain(): void {
  process.stderr.write('chain\n');
  const n = 10_000;
  const cm = compile(parse(chainModel(n), 'chain.flint').value).value;
  const s = createCase(cm, { asOf: '2024-01-01', facts: chainFacts(n) });
  addMeasurement(
    measure('chain 10,000: full evaluation (deriveGround)', () => deriveGround(cm, s), {
      ...opts,
      sampleMs: 0,
      minSamples: 15,
    }),
    maxMs(50, '≤ 50 ms'),
  );
  addMeasurement(
    measure('chain 10,000: evaluate the top fact (evaluateFact)', () => evaluateFact(cm, s, `d${n - 1}`), {
      ...opts,
      sampleMs: 0,
      minSamples: 15,
    }),
    null,
  );
  // Incremental: each sample gives one input (toggling it) and times only the re-evaluation.
  const incremental = (name: string, k: number, target: Target | null, note: string): void => {
    let st = s;
    let snap: DerivedSnapshot = deriveGround(cm, st);
    let flip = false;
    let evaluated = 0;
    const m = measureTimed(
      name,
      () => {
        flip = !flip;
        st = give(cm, st, [{ fact: `x${k}`, value: !flip }]).value;
        const t = performance.now();
        snap = deriveGround(cm, st, snap);
        const ms = performance.now() - t;
        evaluated = snap.evaluated;
        return ms;
      },
      { ...opts, maxSamples: quick ? 100 : 400 },
    );
    addMeasurement(m, target, `${note}; ${evaluated} facts re-evaluated per change`);
  };
  incremental(
    'chain 10,000: re-evaluate after one input changes (x9990)',
    n - 10,
    maxMs(1, '≤ 1 ms'),
    'the change reaches the last 10 facts',
  );
  incremental(
    'chain 10,000: re-evaluate after the root input changes (x0)',
    0,
    null,
    'worst case: every fact depends on x0',
  );
}

// ---------------------------------------------------------------------------------------------
// large generated model

function largeModels(): void {
  process.stderr.write('large model\n');
  const runs = quick ? 1 : 3;
  const results: {
    totalMs: number;
    maxRssMiB: number;
    lines: number;
    parseMs: number;
    checkMs: number;
    baseRssMiB: number;
  }[] = [];
  // Measured on the built library (dist/, as installed and embedded) in plain Node when it exists:
  // the tsx loader wraps every function of the sources, which costs the parser about a third.
  const built = existsSync(join(root, 'dist', 'src', 'syntax', 'index.js'));
  const dir = mkdtempSync(join(tmpdir(), 'flint-large-'));
  const file = join(dir, 'large.flint');
  writeFileSync(file, largeModel(100_000));
  for (let i = 0; i < runs; i++) {
    const out = built
      ? execFileSync(process.execPath, ['bench/parse-file.mjs', file], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        })
      : tsx(['bench/parse-file.mjs', file, 'src']).stdout;
    results.push(JSON.parse(out) as (typeof results)[number]);
  }
  rmSync(dir, { recursive: true, force: true });
  const total = median(results.map((r) => r.totalMs));
  const rss = Math.max(...results.map((r) => r.maxRssMiB));
  const first = results[0];
  const how = built
    ? 'built library (dist/), plain node'
    : 'sources through tsx (run npm run build to measure the built library)';
  addValue(
    'large model 100,000 lines: parse + check',
    total,
    formatMs(total),
    maxMs(3000, '≤ 3 s'),
    `${first?.lines ?? '?'} lines; parse ${formatMs(median(results.map((r) => r.parseMs)))}, ` +
      `check ${formatMs(median(results.map((r) => r.checkMs)))}; median of ${runs}; ${how}`,
  );
  addValue(
    'large model 100,000 lines: peak memory (RSS)',
    rss,
    `${rss.toFixed(0)} MiB`,
    { text: '≤ 1024 MiB', limit: 1024, kind: 'max' },
    `process peak incl. ${first?.baseRssMiB.toFixed(0) ?? '?'} MiB ` +
      `before parsing (runtime, loaded library, model text)`,
  );
  // Cost against model size (in process; the largest size is the child run above).
  const series: unknown[] = [];
  for (const lines of quick ? [1_000, 10_000] : [1_000, 3_000, 10_000, 30_000]) {
    const text = largeModel(lines);
    const t0 = performance.now();
    const p = parse(text, 'm.flint');
    const t1 = performance.now();
    check(p.value);
    const t2 = performance.now();
    const cm = compile(p.value).value;
    const t3 = performance.now();
    const s = createCase(cm, {
      asOf: '2024-05-01',
      actors: { a: { roles: ['ambtenaar'] }, b: { roles: ['burger'] } },
      facts: largeModelFacts(lines),
    });
    const avail = measure(`available acts, ${lines} lines`, () => availableActs(cm, s, 'b'), {
      ...opts,
      timeMs: 500,
      minSamples: 10,
    });
    series.push({
      lines,
      acts: cm.acts.size,
      facts: cm.facts.size,
      parseMs: t1 - t0,
      checkMs: t2 - t1,
      compileMs: t3 - t2,
      availableActsMs: avail.median,
    });
    process.stderr.write(
      `  ${lines} lines: parse ${formatMs(t1 - t0)}, check ${formatMs(t2 - t1)}, ` +
        `compile ${formatMs(t3 - t2)}, available acts ${formatMs(avail.median)}\n`,
    );
  }
  series.push({
    lines: first?.lines,
    parseMs: median(results.map((r) => r.parseMs)),
    checkMs: median(results.map((r) => r.checkMs)),
  });
  scaling.modelSize = series;
}

// ---------------------------------------------------------------------------------------------
// trace depth

function traceDepth(): void {
  process.stderr.write('trace depth\n');
  const series: unknown[] = [];
  for (const depth of [10, 100, 1000]) {
    const cm = compile(parse(chainModel(depth), 'chain.flint').value).value;
    const s = createCase(cm, { asOf: '2024-01-01', facts: chainFacts(depth) });
    const o = { ...opts, timeMs: 600, minSamples: 15 };
    const plain = measure(`depth ${depth}`, () => evaluateFact(cm, s, `d${depth - 1}`), o);
    const traced = measure(
      `depth ${depth} traced`,
      () => evaluateFact(cm, s, `d${depth - 1}`, undefined, { trace: true }),
      o,
    );
    series.push({ depth, plainMs: plain.median, tracedMs: traced.median, ratio: traced.median / plain.median });
    process.stderr.write(
      `  depth ${depth}: ${formatMs(plain.median)} plain, ${formatMs(traced.median)} traced ` +
        `(${(traced.median / plain.median).toFixed(2)}×)\n`,
    );
  }
  scaling.traceDepth = series;
}

// ---------------------------------------------------------------------------------------------
// batch

function batch(): void {
  if (!existsSync(sharedModel)) {
    skipped.push('batch: needs the lerarenbeurs model from ../shared; skipped.');
    return;
  }
  process.stderr.write('batch\n');
  batchSteadyState();
  const dir = mkdtempSync(join(tmpdir(), 'calculemus-bench-'));
  try {
    const sizes = quick ? [2_000, 5_000, 10_000] : [10_000, 40_000, 100_000];
    const runs = quick ? 1 : 3;
    const series: unknown[] = [];
    // What users run: the built CLI (bin/flint.js, bundled in dist/) in plain node when it exists; the
    // sources under tsx otherwise, which adds ~1 s of module compilation per worker thread to each run.
    const built = existsSync(join(root, 'dist', 'src', 'cli', 'bin', 'main.mjs'));
    const how = built ? 'built CLI (dist/), plain node' : 'sources under tsx (no dist/: npm run build)';
    process.stderr.write(`  flint batch: ${how}\n`);
    const run = (
      file: string,
      trace: boolean,
      workers: number,
      extra: readonly string[] = [],
    ): { rate: number; wallRate: number; cpuRate: number; cpuUs: number; rssMiB: number; cases: number } => {
      // Output goes to /dev/null through stdout: the disk is not what is measured.
      const flags = [sharedModel, '--cases', file, '--no-progress', '--workers', String(workers), ...extra];
      if (trace) flags.push('--trace');
      const args = built
        ? ['bench/batch-built.mjs', 'batch', ...flags]
        : ['--import', 'tsx', 'bench/batch-cli.ts', ...flags];
      const r = spawnSync(process.execPath, args, {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, BENCH_REPORT: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const stderr = r.stderr ?? '';
      const line = stderr.split('\n').find((l) => l.startsWith('BENCH_REPORT ')) ?? 'BENCH_REPORT {}';
      const parsed = JSON.parse(line.slice('BENCH_REPORT '.length)) as {
        cases?: number;
        decideMs?: number;
        wallMs: number;
        cpuMs: number;
        maxRssMiB: number;
      };
      // The command's summary: `flint batch: N cases (...) in S s, ...`.
      const summary = /flint batch: (\d+) cases? .* in ([\d.]+) s/.exec(stderr);
      const report = {
        ...parsed,
        cases: parsed.cases ?? Number(summary?.[1] ?? 0),
        decideMs: parsed.decideMs ?? Number(summary?.[2] ?? Number.NaN) * 1000,
      };
      return {
        rate: report.cases / (report.decideMs / 1000),
        wallRate: report.cases / (report.wallMs / 1000),
        // What the cores would do if they were ours alone: cases per CPU-second times the cores.
        cpuRate:
          (report.cases / (report.cpuMs / 1000)) *
          Math.max(1, workers === 0 ? 1 : Math.min(workers, availableParallelism())),
        // CPU per case of the whole process: start-up, model loading, main thread and workers.
        cpuUs: (report.cpuMs * 1000) / report.cases,
        rssMiB: report.maxRssMiB,
        cases: report.cases,
      };
    };
    for (const n of sizes) {
      const file = join(dir, `cases-${n}.jsonl`);
      execFileSync(process.execPath, ['--import', 'tsx', 'bench/make-cases.ts', String(n), file], { cwd: root });
      for (const trace of [false, true]) {
        // Traced runs write ~38 KB per case: the largest size is left out to keep the bench short.
        const traceSizes = sizes.slice(0, -1);
        if (trace && !traceSizes.includes(n)) continue;
        const last = n === (trace ? traceSizes : sizes)[(trace ? traceSizes : sizes).length - 1];
        const got = Array.from({ length: last ? runs : 1 }, () => run(file, trace, availableParallelism()));
        const rate = median(got.map((g) => g.rate));
        const wallRate = median(got.map((g) => g.wallRate));
        const rss = Math.max(...got.map((g) => g.rssMiB));
        const cpuRate = median(got.map((g) => g.cpuRate));
        const cpuUs = median(got.map((g) => g.cpuUs));
        series.push({
          cases: n,
          trace,
          casesPerSecond: rate,
          casesPerSecondWall: wallRate,
          casesPerSecondCpuBound: cpuRate,
          cpuUsPerCase: cpuUs,
          runner: built ? 'dist' : 'tsx',
          maxRssMiB: rss,
          workers: availableParallelism(),
        });
        process.stderr.write(
          `  ${n} cases${trace ? ', trace' : ''}: ${rate.toFixed(0)} cases/s deciding, ${wallRate.toFixed(0)}/s ` +
            `wall, ${cpuRate.toFixed(0)}/s CPU-bound (${cpuUs.toFixed(1)} µs CPU per case, whole process), ` +
            `peak ${rss.toFixed(0)} MiB\n`,
        );
        if (last) {
          addValue(
            `batch: lerarenbeurs 3-step flows${trace ? ', full traces' : ''}`,
            rate,
            `${rate.toFixed(0)}/s`,
            { text: trace ? '≥ 20,000/s' : '≥ 100,000/s', limit: trace ? 20_000 : 100_000, kind: 'min' },
            `${how}; ${n} cases, ${availableParallelism()} workers; ${wallRate.toFixed(0)}/s including ` +
              `start-up; ${cpuRate.toFixed(0)}/s if the cores were ours alone (cases per CPU-second ` +
              `× cores; ${cpuUs.toFixed(1)} µs of CPU per case for the whole process, ≤ ` +
              `${trace ? 100 : 20} µs needed); peak RSS ${rss.toFixed(0)} MiB; median of ${runs}`,
          );
        }
      }
      rmSync(file, { force: true });
    }
    // One thread, for the speed-up from workers.
    const file = join(dir, 'cases-single.jsonl');
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/make-cases.ts', String(sizes[0]), file], { cwd: root });
    const single = median(Array.from({ length: runs }, () => run(file, false, 0).rate));
    series.push({ cases: sizes[0], trace: false, casesPerSecond: single, workers: 0 });
    process.stderr.write(`  ${sizes[0]} cases, one thread: ${single.toFixed(0)} cases/s\n`);
    // The general path alone (--no-memo: every line parsed, checked and decided), both cores.
    for (const trace of [false, true]) {
      const got = Array.from({ length: runs }, () => run(file, trace, availableParallelism(), ['--no-memo']));
      const rate = median(got.map((g) => g.rate));
      const cpuRate = median(got.map((g) => g.cpuRate));
      series.push({ cases: sizes[0], trace, memo: false, casesPerSecond: rate, casesPerSecondCpuBound: cpuRate });
      addValue(
        `batch: lerarenbeurs 3-step flows, general path (--no-memo)${trace ? ', full traces' : ''}`,
        rate,
        `${rate.toFixed(0)}/s`,
        null,
        `${how}; ${sizes[0]} cases, ${availableParallelism()} workers; ${cpuRate.toFixed(0)}/s if the cores ` +
          `were ours alone; median of ${runs}`,
      );
    }
    scaling.batch = series;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The per-core cost of deciding batch lines in steady state (in this process, no start-up, no I/O):
 * the fast path on a chunk of 256 flow lines whose two bodies are remembered, and the general path
 * on one line. Times the cores are what two worker threads could reach if the main thread and
 * the machine kept up.
 */
function batchSteadyState(): void {
  const imported = importFlintJson(readFileSync(sharedModel, 'utf8'), 'flint-example-lerarenbeurs.json');
  const cm = compile(imported.value).value;
  const cores = availableParallelism();
  const lines = Array.from({ length: 256 }, (_, i) => JSON.stringify(flowCase(i)));
  // A Buffer, as the CLI's workers pass: its indexOf is native.
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  for (const trace of [false, true]) {
    const decider = createBatchDecider(cm, { trace, decode: nodeDecoders });
    const m = measure(`batch fast path${trace ? ', full traces' : ''}: chunk of 256 flows`, () =>
      decider.decideBytesToBytes(bytes, 1),
    );
    const perCaseUs = (m.cpuMean / 256) * 1000;
    const rate = (cores * 256) / (m.median / 1000);
    addValue(
      `batch fast path${trace ? ', full traces' : ''}: steady state × ${cores} cores`,
      rate,
      `${rate.toFixed(0)}/s`,
      { text: trace ? '≥ 20,000/s' : '≥ 100,000/s', limit: trace ? 20_000 : 100_000, kind: 'min' },
      `${((m.median / 256) * 1000).toFixed(1)} µs wall, ${perCaseUs.toFixed(1)} µs CPU per remembered case on one ` +
        'core (median chunk time / 256), times the cores; no start-up, reading or writing',
    );
    const general = measure(`batch general path${trace ? ', full traces' : ''}: one flow line`, () =>
      decideLine(cm, lines[0] as string, 1, { trace }),
    );
    addMeasurement(general, null, 'decideLine: JSON parse, schema check, replay, available acts, JSON stringify');
  }
}

// ---------------------------------------------------------------------------------------------
// queue: flint batch --queue with flint worker processes on the local Redis

async function queue(): Promise<void> {
  if (!existsSync(sharedModel)) {
    skipped.push('queue: needs the lerarenbeurs model from ../shared; skipped.');
    return;
  }
  if (!(await redisUp())) {
    skipped.push('queue: needs Redis at 127.0.0.1:6379 (FLINT_BENCH_REDIS); skipped.');
    return;
  }
  process.stderr.write('queue\n');
  const dir = mkdtempSync(join(tmpdir(), 'calculemus-bench-'));
  try {
    const file = join(dir, 'cases.jsonl');
    const n = quick ? 4_000 : 10_000;
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/make-cases.ts', String(n), file], { cwd: root });
    const series: unknown[] = [];
    // Scaling: real decisions (--no-memo), 1, 2 and 4 worker processes, chunks of 250 lines.
    for (const workers of [1, 2, 4]) {
      const r = await queuedRun(root, sharedModel, file, workers, 250, ['--no-memo']);
      if (r === null) {
        skipped.push(`queue: the run with ${workers} workers failed; skipped.`);
        continue;
      }
      series.push({ kind: 'scaling', workers, chunk: 250, memo: false, ...r });
      addValue(
        `queue: ${workers} worker process${workers === 1 ? '' : 'es'}, general path`,
        r.rate,
        `${r.rate.toFixed(0)}/s`,
        null,
        `${n} cases in chunks of 250; ${r.cpuPerCaseUs.toFixed(0)} µs worker CPU per case (start-up left out)`,
      );
    }
    // Overhead per chunk: the fast path (little deciding) with chunks of 20 and of 2,000 lines, one worker.
    const small = await queuedRun(root, sharedModel, file, 1, 20);
    const large = await queuedRun(root, sharedModel, file, 1, 2000);
    if (small !== null && large !== null) {
      const perChunkMs = (small.decideMs - large.decideMs) / (small.chunks - large.chunks);
      series.push(
        { kind: 'chunk', workers: 1, chunk: 20, ...small },
        { kind: 'chunk', workers: 1, chunk: 2000, ...large },
      );
      addValue(
        'queue: overhead per chunk (1 worker)',
        perChunkMs,
        formatMs(perChunkMs),
        null,
        `(wall of ${small.chunks} chunks of 20 − wall of ${large.chunks} chunks of 2,000) / extra chunks; ` +
          `${small.rate.toFixed(0)}/s with chunks of 20, ${large.rate.toFixed(0)}/s with 2,000`,
      );
    }
    scaling.queue = series;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// startup: the built CLI as a whole process, against a bare `node -e 0`

/** Wall milliseconds of one whole-process run of `node args` (throws when it fails). */
function processMs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${String(r.status)}`);
  return ms;
}

function startup(): void {
  // What users run: bin/flint.js loads the CLI bundled at build time (dist/src/cli/bin/main.mjs).
  const bin = join(root, 'bin', 'flint.js');
  const unbundled = join(root, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'bin', 'main.mjs')) || !existsSync(unbundled)) {
    skipped.push('startup: needs the built CLI (npm run build); skipped.');
    return;
  }
  process.stderr.write('startup\n');
  const runs = quick ? 7 : 21;
  const workloads: [name: string, args: string[], limit: number | null][] = [
    ['flint --help', [bin, '--help'], 3],
    ['flint check norms/awb/awb.flint', [bin, 'check', 'norms/awb/awb.flint'], 8],
    // No target: the same command from tsc's output, module by module (what bin/flint.js ran before the bundle).
    ['flint check norms/awb/awb.flint, unbundled', [unbundled, 'check', 'norms/awb/awb.flint'], null],
  ];
  const base: number[] = [];
  const times = workloads.map((): number[] => []);
  processMs(['-e', '0']);
  for (const [, args] of workloads) processMs(args);
  // Runs alternate (baseline, each workload, baseline, ...) so a drift in the machine's speed hits all alike.
  for (let i = 0; i < runs; i++) {
    base.push(processMs(['-e', '0']));
    workloads.forEach(([, args], w) => {
      times[w]?.push(processMs(args));
    });
  }
  const b = median(base);
  addValue('start-up: node -e 0 (baseline)', b, formatMs(b), null, `whole process, median of ${runs}`);
  workloads.forEach(([name, , limit], w) => {
    const ms = median(times[w] ?? []);
    const ratio = ms / b;
    addValue(
      `start-up: ${name}`,
      ratio,
      `${ratio.toFixed(1)}×`,
      limit === null ? null : { text: `≤ ${limit}× node -e 0`, limit, kind: 'max' },
      `whole process: median ${formatMs(ms)} against ${formatMs(b)}; median of ${runs}`,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// service: take-act requests per second through HTTP (bench/service.ts)

async function service(): Promise<void> {
  process.stderr.write('service\n');
  const { runs, skipped: missing } = await serviceBench({ quick });
  skipped.push(...missing);
  scaling.service = runs;
  for (const r of runs) {
    const target = r.backend === 'sqlite' ? { text: '≥ 2,000 req/s', limit: 2000, kind: 'min' as const } : null;
    addValue(
      `service: take act, ${r.backend}, ${r.clients} clients`,
      r.perSecond,
      `${Math.round(r.perSecond).toLocaleString('en-US')} req/s`,
      target,
      `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms over ${r.requests} requests (${r.errors} errors)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

const started = new Date();
if (wanted('startup')) startup();
if (wanted('lerarenbeurs')) lerarenbeurs();
if (wanted('chain')) chain();
if (wanted('trace')) traceDepth();
if (wanted('large')) largeModels();
if (wanted('batch')) batch();
if (wanted('queue')) await queue();
if (wanted('norms')) norms();
if (wanted('service')) await service();

const header = ['name', 'median', 'p95', 'ops/s', 'cpu/op', 'target', 'result'];
const body = rows.map((r) => [
  r.name,
  r.value ?? (r.median === null ? '-' : formatMs(r.median)),
  r.p95 === null ? '-' : formatMs(r.p95),
  r.opsPerSecond === null ? '-' : Math.round(r.opsPerSecond).toLocaleString('en-US'),
  r.cpu === null ? '-' : formatMs(r.cpu),
  r.target?.text ?? '-',
  r.met === null ? '-' : r.met ? 'met' : 'MISSED',
]);
process.stdout.write(`\n${table(header, body)}\n`);
for (const s of skipped) process.stdout.write(`skipped: ${s}\n`);
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? null, loadavg: loadavg() };
process.stdout.write(
  `machine: ${machine.cpus} × ${machine.cpu ?? '?'}, node ${machine.node}, load ` +
    `average ${machine.loadavg.map((x) => x.toFixed(2)).join(' ')}\n`,
);
const out = { date: started.toISOString(), quick, machine, results: rows, scaling, skipped };
writeFileSync(join(root, 'bench', quick ? 'results.quick.json' : 'results.json'), JSON.stringify(out, null, 2) + '\n');
