/**
 * A small benchmark harness: warm-up, many samples, median, p95 and ops/s.
 *
 * Fast operations are timed in batches (a sample runs the operation enough times to last about
 * a millisecond, so the timer's resolution does not matter) and reported per operation. Slow ones
 * run once per sample. `timed` workloads time themselves (to leave per-iteration setup out).
 */

/** One measured workload. */
export interface Measurement {
  readonly name: string;
  /** Milliseconds per operation. */
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly opsPerSecond: number;
  readonly samples: number;
  /** Operations per sample. */
  readonly batch: number;
  /**
   * CPU time (user + system, this process) per operation in ms, averaged over all samples: on a
   * shared, overloaded machine it shows what the code costs when it gets a core.
   */
  readonly cpuMean: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Warm-up time in ms before sampling (default 300). */
  readonly warmupMs?: number;
  /** Sampling stops after this many ms… (default 2000) */
  readonly timeMs?: number;
  /** …but not before this many samples (default 30). */
  readonly minSamples?: number;
  /** …and not after this many (default 500). */
  readonly maxSamples?: number;
  /** Target duration of one sample in ms, for batching fast operations (default 2). */
  readonly sampleMs?: number;
}

/** The q-quantile (0..1) of sorted numbers, by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

function summarise(name: string, perOp: number[], batch: number, cpuMean: number): Measurement {
  const sorted = [...perOp].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    name,
    median,
    p95: quantile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    opsPerSecond: 1000 / median,
    samples: sorted.length,
    batch,
    cpuMean,
  };
}

/** CPU milliseconds used since `from`. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
}

/** Measure `fn` (one operation per call). */
export function measure(name: string, fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const warmupMs = options.warmupMs ?? 300;
  const timeMs = options.timeMs ?? 2000;
  const minSamples = options.minSamples ?? 30;
  const maxSamples = options.maxSamples ?? 500;
  const sampleMs = options.sampleMs ?? 2;
  // Warm-up, and calibrate how many calls make one sample.
  let calls = 0;
  const w0 = performance.now();
  while (performance.now() - w0 < warmupMs || calls < 3) {
    fn();
    calls++;
  }
  const perCall = (performance.now() - w0) / calls;
  const batch = Math.max(1, Math.round(sampleMs / Math.max(perCall, 1e-6)));
  const perOp: number[] = [];
  const s0 = performance.now();
  const c0 = process.cpuUsage();
  while (perOp.length < maxSamples && (perOp.length < minSamples || performance.now() - s0 < timeMs)) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perOp.push((performance.now() - t) / batch);
  }
  return summarise(name, perOp, batch, cpuSince(c0) / (perOp.length * batch));
}

/** Measure a workload that times itself: `fn` returns the milliseconds of its measured part. */
export function measureTimed(name: string, fn: () => number, options: MeasureOptions = {}): Measurement {
  const warmupMs = options.warmupMs ?? 300;
  const timeMs = options.timeMs ?? 2000;
  const minSamples = options.minSamples ?? 30;
  const maxSamples = options.maxSamples ?? 500;
  const w0 = performance.now();
  for (let n = 0; performance.now() - w0 < warmupMs || n < 3; n++) fn();
  const perOp: number[] = [];
  const s0 = performance.now();
  let cpu = 0;
  while (perOp.length < maxSamples && (perOp.length < minSamples || performance.now() - s0 < timeMs)) {
    const c = process.cpuUsage();
    const wall = fn();
    // Only the timed part counts: scale the sample's CPU by the share of its wall time timed.
    perOp.push(wall);
    cpu += Math.min(cpuSince(c), wall);
  }
  return summarise(name, perOp, 1, cpu / perOp.length);
}

/** A duration in ms as text with a fitting unit. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Render rows as an aligned text table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
