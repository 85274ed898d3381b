/**
 * What the local and the queued `flint batch` share: the cases file cut into chunks of whole
 * lines as bytes, the byte decoders of the fast path, and the progress display.
 */
import { createWriteStream, renameSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ByteDecoders } from '../batch/index.js';
import type { CliIo } from './io.js';

/** Node's decoders: `Buffer#toString` with an encoding is several times faster than TextDecoder. */
export const nodeDecoders: ByteDecoders = {
  latin1: (b, s, e) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', s, e),
  utf8: (b, s, e) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', s, e),
  equal: (a, b, s, e) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).compare(b, s, e) === 0,
};

/** A run of whole lines of the cases file. */
export interface ByteChunk {
  /** 0-based position of the chunk in the file. */
  readonly seq: number;
  /** 1-based number of its first line. */
  readonly first: number;
  /** Number of lines (the last line of the file counts when it lacks a newline). */
  readonly lines: number;
  /** The bytes, in an ArrayBuffer of their own (so it can be transferred to a worker). */
  readonly bytes: Uint8Array;
  /** Bytes of the file read so far, for the progress display. */
  readonly bytesRead: number;
}

/**
 * The file at `path` in chunks of `size` lines, streaming: only the chunk being cut is held. Lines
 * are split at `\n` bytes, never decoded here (the workers decode what they need). The file is
 * read straight into each chunk's own buffer; only the start of the next chunk, read with the end
 * of this one, is copied (the bytes of a case are not copied on this thread otherwise).
 */
export async function* readChunks(path: string, size: number): AsyncGenerator<ByteChunk> {
  const file = await open(path, 'r');
  // Room for one chunk: starts at 1 MiB, then the last chunk's size and a quarter.
  let room = 1 << 20;
  let buf = Buffer.allocUnsafeSlow(room);
  let length = 0;
  let scanned = 0;
  let count = 0;
  let seq = 0;
  let first = 1;
  let bytesRead = 0;
  let eof = false;
  try {
    for (;;) {
      while (count < size) {
        const nl = buf.indexOf(10, scanned);
        if (nl < 0 || nl >= length) {
          scanned = length;
          break;
        }
        count++;
        scanned = nl + 1;
      }
      if (count === size) {
        room = Math.max(1 << 16, Math.ceil(scanned * 1.25));
        const next = Buffer.allocUnsafeSlow(Math.max(room, (length - scanned) * 2));
        buf.copy(next, 0, scanned, length);
        yield {
          seq: seq++,
          first,
          lines: count,
          bytes: new Uint8Array(buf.buffer, buf.byteOffset, scanned),
          bytesRead,
        };
        first += count;
        count = 0;
        buf = next;
        length -= scanned;
        scanned = 0;
        continue;
      }
      if (eof) break;
      if (length === buf.length) {
        // A chunk longer than the room: twice the room, the bytes so far copied once.
        const bigger = Buffer.allocUnsafeSlow(buf.length * 2);
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const { bytesRead: n } = await file.read(buf, length, buf.length - length, null);
      if (n === 0) eof = true;
      length += n;
      bytesRead += n;
    }
    // A last line without a newline is a line too.
    if (length > 0 && buf[length - 1] !== 10) count++;
    if (length > 0)
      yield { seq: seq++, first, lines: count, bytes: new Uint8Array(buf.buffer, buf.byteOffset, length), bytesRead };
  } finally {
    await file.close();
  }
}

/** Progress on standard error: a redrawn bar on a terminal, else a plain line every few seconds. */
export interface Progress {
  /** `done` cases decided so far, `fraction` (0 to 1) of the work done. */
  update(done: number, fraction: number): void;
  /** Ends the display (a newline after the bar). */
  finish(): void;
}

const formatSecs = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`
      : `${Math.round(s)}s`;

/**
 * A progress display for `label` writing to `write`: `tty` draws a bar (at most ten times a second),
 * otherwise one plain line every `everyMs` (default 5 s); `enabled: false` shows nothing.
 */
export function progressDisplay(
  label: string,
  options: { readonly enabled: boolean; readonly tty: boolean; readonly everyMs?: number },
  write: (text: string) => void,
): Progress {
  const start = performance.now();
  const every = options.tty ? 100 : (options.everyMs ?? 5000);
  let last = start;
  let shown = false;
  return {
    update(done, fraction) {
      if (!options.enabled) return;
      const now = performance.now();
      if (now - last < every) return;
      last = now;
      const secs = (now - start) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const frac = Math.max(0, Math.min(1, fraction));
      const left = frac > 0 ? (secs * (1 - frac)) / frac : Number.NaN;
      const eta = Number.isFinite(left) ? formatSecs(left) : '?';
      const pct = `${(frac * 100).toFixed(0)}%`;
      if (options.tty) {
        const width = 30;
        const filled = Math.round(frac * width);
        write(
          `\r${label}: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.padStart(4)} ` +
            `${done} cases, ${Math.round(rate)}/s, ${eta} left `,
        );
        shown = true;
      } else {
        write(`${label}: ${done} cases, ${Math.round(rate)}/s, ${pct}, ${eta} left\n`);
      }
    },
    finish() {
      if (shown) write('\n');
    },
  };
}

/** Where the output goes: standard output, or a file written atomically (a temporary file renamed at the end). */
export interface OutputSink {
  write(text: string): void;
  /** Write UTF-8 bytes (what worker threads send back: no decoding and re-encoding on the way). */
  writeBytes(bytes: Uint8Array): void;
  /** Resolves when the file's buffer has room again (at once for standard output). */
  drained(): Promise<void>;
  /** Ends the output: `ok` renames the temporary file into place, otherwise removes it. */
  close(ok: boolean): Promise<void>;
}

/** The output of a batch: `outPath`, or standard output when null. */
export function outputSink(outPath: string | null, io: CliIo): OutputSink {
  if (outPath === null)
    return {
      write: (t) => io.stdout(t),
      // The injected I/O takes text: decoded here (with --out the bytes go to the file as they are).
      writeBytes: (b) => io.stdout(Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8')),
      drained: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  const tmp = `${outPath}.tmp-${process.pid}`;
  const file = createWriteStream(tmp, { encoding: 'utf8' });
  let full = false;
  let waiters: (() => void)[] = [];
  // Listened to all along: a drain between a write and the wait for it is not missed.
  file.on('drain', () => {
    full = false;
    for (const w of waiters) w();
    waiters = [];
  });
  return {
    write(text) {
      if (!file.write(text)) full = true;
    },
    writeBytes(bytes) {
      if (!file.write(bytes)) full = true;
    },
    drained() {
      if (!full) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close(ok) {
      await new Promise<void>((resolve) => file.end(() => resolve()));
      if (ok) renameSync(tmp, outPath);
      else unlinkSync(tmp);
    },
  };
}

/** Counts of a batch, and the first error lines (invalid cases) for the report. */
export interface BatchTotals {
  taken: number;
  refused: number;
  errors: number;
  readonly errorLines: string[];
}

/** At most this many invalid lines are kept for the report. */
const MAX_ERROR_LINES = 20;

/** Add a chunk's counts (and its first invalid lines) to the batch totals. */
export function addChunkTotals(
  totals: BatchTotals,
  c: {
    readonly taken: number;
    readonly refused: number;
    readonly errors: number;
    readonly errorLines: readonly string[];
  },
): void {
  totals.taken += c.taken;
  totals.refused += c.refused;
  totals.errors += c.errors;
  for (const l of c.errorLines) if (totals.errorLines.length < MAX_ERROR_LINES) totals.errorLines.push(l);
}

/** What every batch writes to: the output (file or stdout), the progress display and the totals. */
export function batchOutput(
  flags: { readonly outPath: string | null; readonly progress: boolean },
  io: CliIo,
): { sink: OutputSink; progress: ReturnType<typeof progressDisplay>; totals: BatchTotals } {
  return {
    sink: outputSink(flags.outPath, io),
    progress: progressDisplay('flint batch', { enabled: flags.progress, tty: Boolean(process.stderr.isTTY) }, (t) =>
      process.stderr.write(t),
    ),
    totals: { taken: 0, refused: 0, errors: 0, errorLines: [] },
  };
}

/** The end-of-batch summary on standard error: invalid lines with their line numbers, then the totals. */
export function reportTotals(totals: BatchTotals, secs: number, how: string, io: CliIo): void {
  for (const text of totals.errorLines) {
    let shown = text;
    try {
      const e = JSON.parse(text) as { line?: number; error?: { code?: string; message?: string; path?: string } };
      const path = e.error?.path ? ` at ${e.error.path}` : '';
      shown = `line ${e.line}: ${e.error?.code}${path}: ${e.error?.message}`;
    } catch {
      // an error line is JSON; shown as it is otherwise
    }
    io.stderr(`flint batch: invalid case, ${shown}\n`);
  }
  if (totals.errors > totals.errorLines.length)
    io.stderr(`flint batch: ... and ${totals.errors - totals.errorLines.length} more invalid cases (see the output)\n`);
  const total = totals.taken + totals.refused + totals.errors;
  io.stderr(
    `flint batch: ${total} case${total === 1 ? '' : 's'} ` +
      `(${totals.taken} taken, ${totals.refused} refused, ${totals.errors} invalid) in ${secs.toFixed(2)} s, ` +
      `${Math.round(total / Math.max(secs, 1e-9))} cases/s, ${how}\n`,
  );
}
