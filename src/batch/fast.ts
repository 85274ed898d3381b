/**
 * The fast batch path: a decider that remembers the outcome of every case body it has decided.
 *
 * A national batch decides the same case body many times over: cases that differ only in their
 * `"id"` (the same facts, acts and clock) have the same outcome but for the id. The decider reads
 * each line with a scanner specialised to the shape `flint batch` and most producers write —
 * `{"id":<string or number>,<body>` — without parsing the JSON. When the body was seen before, the
 * output line is the remembered outcome with this line's id put in front: no JSON parse, no case
 * creation, no acts taken, no JSON stringify. Any other line (another key order, whitespace, an id
 * that is not a string or finite number, a body that names `"id"` again or holds a `\u` escape
 * that could spell it, an invalid case) is decided by the general path of batch.ts, as is the
 * first line of every body; only valid outcomes are remembered (error lines carry the line number).
 *
 * The output is byte-identical to deciding each line alone with {@link decideLine}: an outcome is
 * `JSON.stringify({ id, ...rest })` where nothing in `rest` depends on the id, and the decision is
 * a pure function of the case (tests/batch/fast.property.test.ts checks this on random files).
 * Memory stays bounded: the remembered outcomes are dropped when they exceed `maxBytes`.
 */
import type { CompiledModel } from '../run/index.js';
import { type BatchChunk, type BatchOptions, decidedLine } from './batch.js';

/** Options of {@link createBatchDecider}. */
export interface BatchDeciderOptions extends BatchOptions {
  /**
   * Size of the remembered bodies and outcomes before they are all dropped (bytes for lines read
   * as bytes, UTF-16 code units for lines given as strings); default 64 MiB.
   */
  readonly maxBytes?: number;
  /** Remember outcomes (default true); false decides every line by the general path. */
  readonly remember?: boolean;
  /**
   * How {@link BatchDecider.decideBytes} turns bytes into strings (default: TextDecoder). Node's
   * `Buffer#latin1Slice` and `Buffer#utf8Slice` are several times faster; the CLI passes them.
   */
  readonly decode?: ByteDecoders;
}

/** Decoders of a byte range `[start, end)`: `latin1` must map distinct bytes to distinct strings. */
export interface ByteDecoders {
  latin1(bytes: Uint8Array, start: number, end: number): string;
  utf8(bytes: Uint8Array, start: number, end: number): string;
  /**
   * Whether `a` (all of it) holds the same bytes as `b[start, end)`. Optional: a native compare
   * (Node's `Buffer#compare`) is faster than the decider's own word loop.
   */
  equal?(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean;
}

/** Counters of a {@link BatchDecider}. */
export interface BatchDeciderStats {
  /** Lines answered from a remembered outcome. */
  readonly hits: number;
  /** Lines decided by the general path. */
  readonly decided: number;
}

/** Decides runs of batch lines, remembering outcomes by case body. */
export interface BatchDecider {
  /** Like decideLines: the output lines of `lines` (numbered from `firstLine`) in order, with counts. */
  decideLines(lines: readonly string[], firstLine: number): BatchChunk;
  /** The same, as one text: each output line followed by a newline. */
  decideText(lines: readonly string[], firstLine: number): BatchChunk & { readonly text: string };
  /**
   * The same for UTF-8 bytes holding whole lines (split at `\n`, one `\r` before it dropped; the
   * last line may lack its `\n`). A remembered body is found from its bytes, without decoding
   * the line as UTF-8; every line the general path decides is decoded first.
   */
  decideBytes(bytes: Uint8Array, firstLine: number): BatchText;
  /**
   * {@link decideBytes} with the output as UTF-8 bytes (each line followed by a newline) in an
   * ArrayBuffer of its own, which may be larger than the view (it can be transferred to another
   * thread). A remembered body's outcome is copied as bytes: nothing is decoded or encoded for it.
   * In Node, pass a Buffer: lines are found with `bytes.indexOf(10)`, native for a Buffer and a
   * byte-by-byte loop for a plain Uint8Array.
   */
  decideBytesToBytes(bytes: Uint8Array, firstLine: number): BatchBytes;
  stats(): BatchDeciderStats;
}

/** The output of {@link BatchDecider.decideBytesToBytes}: the output lines as UTF-8 bytes, and counts by kind. */
export interface BatchBytes {
  /** Each output line followed by a newline, as UTF-8. */
  readonly bytes: Uint8Array;
  readonly taken: number;
  readonly refused: number;
  readonly errors: number;
  /** The error lines (invalid cases) among them, in order, for a report. */
  readonly errorLines: readonly string[];
}

/** The output of {@link BatchDecider.decideBytes}: the output lines as one text, and counts by kind. */
export interface BatchText {
  /** Each output line followed by a newline. */
  readonly text: string;
  readonly taken: number;
  readonly refused: number;
  readonly errors: number;
  /** The error lines (invalid cases) among them, in order, for a report. */
  readonly errorLines: readonly string[];
}

const PREFIX = '{"id":';
const PREFIX_BYTES = [123, 34, 105, 100, 34, 58];

const textDecoders = (): ByteDecoders => {
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  return {
    latin1: (b, s, e) => latin1.decode(b.subarray(s, e)),
    utf8: (b, s, e) => utf8.decode(b.subarray(s, e)),
  };
};
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

interface Remembered {
  readonly rest: string;
  readonly kind: 'taken' | 'refused';
}

/** A remembered outcome of a body read as bytes (decideBytes), under the hash of the body's bytes. */
interface RememberedBytes {
  /** The body's bytes, zero-padded to whole 32-bit words: a hash match is verified against them. */
  readonly body: Int32Array;
  /** The same bytes without the padding. */
  readonly bytes: Uint8Array;
  /** The body's length in bytes. */
  readonly length: number;
  /** UTF-8 of what follows the id in the output line: `,` then the rest of the outcome, then `\n`. */
  readonly tail: Uint8Array;
  readonly kind: 'taken' | 'refused';
  /** The next remembered body with the same hash. */
  readonly next: RememberedBytes | undefined;
}

/**
 * A hash of a body's bytes, given as 32-bit words (little-endian, zero-padded after `length`
 * bytes): a small integer. Equal bytes must give equal hashes; a match is always verified by
 * comparing the bytes, so a weak hash only costs time.
 */
export type BodyHash = (words: Int32Array, length: number) => number;

/**
 * The default {@link BodyHash}: two multiply-rotate lanes over alternate words, mixed at the end
 * (about 1 µs for a 3.5 KB body, against ~7 µs for decoding it as a string and hashing that).
 */
export function bodyHash(words: Int32Array, length: number): number {
  const n = (length + 3) >> 2;
  let h = length ^ 0x9e3779b9;
  let g = 0x85ebca6b;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    h = Math.imul(((h << 5) | (h >>> 27)) ^ (words[i] as number), 0x9e3779b1);
    g = Math.imul(((g << 7) | (g >>> 25)) ^ (words[i + 1] as number), 0x85ebca77);
  }
  if (i < n) h = Math.imul(((h << 5) | (h >>> 27)) ^ (words[i] as number), 0x9e3779b1);
  h ^= Math.imul(g, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  // 30 bits: a small integer, the cheapest Map key.
  return h & 0x3fffffff;
}

/**
 * Where the id of `line` ends (the index of the comma after it) when the line starts with
 * `{"id":` and a JSON string or number; -1 otherwise.
 */
export function idEnd(line: string): number {
  if (!line.startsWith(PREFIX)) return -1;
  let i = PREFIX.length;
  const c = line.charCodeAt(i);
  if (c === 34 /* " */) {
    for (i++; i < line.length; i++) {
      const d = line.charCodeAt(i);
      if (d === 92 /* \ */) i++;
      else if (d === 34) break;
      else if (d < 32) return -1;
    }
    if (i >= line.length) return -1;
    i++;
  } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
    for (i++; i < line.length; i++) {
      const d = line.charCodeAt(i);
      // digits . e E + -
      if (!((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
    }
  } else return -1;
  return line.charCodeAt(i) === 44 /* , */ ? i : -1;
}

/** The id text of a line normalised as JSON.stringify writes it, or null when the fast path cannot vouch for it. */
function normalisedId(text: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return JSON.stringify(v);
  return null;
}

/**
 * Whether the id bytes `[s, e)` (a JSON string or number as {@link idEnd} reads it) are already
 * what `JSON.stringify(JSON.parse(text))` writes: a string of printable ASCII without escapes, or
 * an integer of at most 15 digits without a leading zero (and not `-0`). Such an id is copied as
 * it is; any other is normalised through JSON.
 */
function plainId(b: Uint8Array, s: number, e: number): boolean {
  const c = b[s] as number;
  if (c === 34) {
    for (let k = s + 1; k < e - 1; k++) {
      const d = b[k] as number;
      if (d < 32 || d > 126 || d === 92) return false;
    }
    return true;
  }
  let k = c === 45 ? s + 1 : s;
  const digits = e - k;
  if (digits < 1 || digits > 15 || (b[k] === 48 && (digits > 1 || k > s))) return false;
  for (; k < e; k++) {
    const d = b[k] as number;
    if (d < 48 || d > 57) return false;
  }
  return true;
}

/** A decider for `cm`: the fast path of `flint batch`, falling back to the general path line by line. */
export function createBatchDecider(cm: CompiledModel, options: BatchDeciderOptions = {}): BatchDecider {
  return createBatchDeciderWithHash(cm, options, bodyHash);
}

/**
 * {@link createBatchDecider} with another hash of body bytes. For tests: a hash that makes bodies
 * collide shows that every match is verified on the bytes.
 */
export function createBatchDeciderWithHash(
  cm: CompiledModel,
  options: BatchDeciderOptions,
  hashBody: BodyHash,
): BatchDecider {
  const general: BatchOptions = { trace: options.trace === true };
  const maxBytes = typeof options.maxBytes === 'number' && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const remember = options.remember !== false;
  const decode = options.decode ?? textDecoders();
  const encoder = new TextEncoder();
  let memo = new Map<string, Remembered>();
  // Bodies read as bytes, by the hash of their bytes; equal hashes are chained and told apart by the bytes.
  let byteMemo = new Map<number, RememberedBytes>();
  let bytes = 0;
  let hits = 0;
  let decided = 0;

  /**
   * The rest of a general-path outcome `r` after its id (`{"id":<id>,` dropped) when it may be
   * remembered for `body`, else null: only valid outcomes of bodies that cannot name an id.
   */
  const restOf = (
    r: { text: string; kind: 'taken' | 'refused' | 'error' } | null,
    body: string,
    idText: string,
  ): string | null => {
    if (r === null || r.kind === 'error' || body.includes('"id"') || body.includes('\\u')) return null;
    const id = normalisedId(idText);
    const head = `${PREFIX}${id},`;
    if (id === null || !r.text.startsWith(head)) return null;
    return r.text.slice(head.length);
  };

  /** Whether `size` more bytes may be remembered (dropping everything remembered when they would not fit). */
  const makeRoom = (size: number): boolean => {
    if (size > maxBytes) return false;
    if (bytes + size > maxBytes) {
      memo = new Map();
      byteMemo = new Map();
      bytes = 0;
    }
    bytes += size;
    return true;
  };

  const one = (line: string, lineNo: number): { text: string; kind: 'taken' | 'refused' | 'error' } | null => {
    const end = remember ? idEnd(line) : -1;
    if (end < 0) {
      decided++;
      return decidedLine(cm, line, lineNo, general);
    }
    const body = line.slice(end + 1);
    const known = memo.get(body);
    if (known !== undefined) {
      const id = normalisedId(line.slice(PREFIX.length, end));
      if (id !== null) {
        hits++;
        return { text: `${PREFIX}${id},${known.rest}`, kind: known.kind };
      }
    }
    decided++;
    const r = decidedLine(cm, line, lineNo, general);
    const rest = restOf(r, body, line.slice(PREFIX.length, end));
    if (rest !== null && r !== null && r.kind !== 'error' && makeRoom(body.length + rest.length))
      memo.set(body, { rest, kind: r.kind });
    return r;
  };

  /** The index after the id of the line at `[start, end)` of `b` (at the comma), or -1: {@link idEnd} on bytes. */
  const idEndBytes = (b: Uint8Array, start: number, end: number): number => {
    if (end - start < PREFIX_BYTES.length + 2) return -1;
    for (let k = 0; k < PREFIX_BYTES.length; k++) if (b[start + k] !== PREFIX_BYTES[k]) return -1;
    let i = start + PREFIX_BYTES.length;
    const c = b[i] as number;
    if (c === 34) {
      for (i++; i < end; i++) {
        const d = b[i] as number;
        if (d === 92) i++;
        else if (d === 34) break;
        else if (d < 32) return -1;
      }
      if (i >= end) return -1;
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      for (i++; i < end; i++) {
        const d = b[i] as number;
        if (!((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45)) break;
      }
    } else return -1;
    return i < end && b[i] === 44 ? i : -1;
  };

  // The body being looked up, copied into whole 32-bit words (zero-padded) for the hash and the compare.
  let words = new Int32Array(1024);
  let wordBytes = new Uint8Array(words.buffer);
  /** Copy `b[s, e)` into `words`; the number of words it fills. */
  const load = (b: Uint8Array, s: number, e: number): number => {
    const length = e - s;
    const n = (length + 3) >> 2;
    if (n > words.length) {
      let size = words.length;
      while (size < n) size *= 2;
      words = new Int32Array(size);
      wordBytes = new Uint8Array(words.buffer);
    }
    wordBytes.set(b.subarray(s, e));
    for (let k = length; k < n * 4; k++) wordBytes[k] = 0;
    return n;
  };
  const equal = decode.equal;
  /**
   * The remembered body under `hash` equal to the body `b[s, e)`, also in the `n` words of `words`
   * (`length` bytes), if any.
   */
  const find = (
    hash: number,
    length: number,
    n: number,
    b: Uint8Array,
    s: number,
    e: number,
  ): RememberedBytes | undefined => {
    const current = words;
    for (let m = byteMemo.get(hash); m !== undefined; m = m.next) {
      if (m.length !== length) continue;
      if (equal !== undefined) {
        if (equal(m.bytes, b, s, e)) return m;
        continue;
      }
      const w = m.body;
      let k = 0;
      while (k < n && w[k] === current[k]) k++;
      if (k === n) return m;
    }
    return undefined;
  };

  // The output of the chunk being decided, as UTF-8 bytes; it grows by doubling.
  let out = new Uint8Array(0);
  let pos = 0;
  /** Output bytes per input byte of the last chunk, to size the next chunk's output at once. */
  let ratio = 0.1;
  const room = (n: number): void => {
    if (pos + n <= out.length) return;
    const next = new Uint8Array(Math.max(out.length * 2, pos + n, 4096));
    next.set(out.subarray(0, pos));
    out = next;
  };
  const writeText = (text: string): void => {
    room(text.length * 3 + 1);
    pos += encoder.encodeInto(text, out.subarray(pos)).written;
    out[pos++] = 10;
  };

  /**
   * Decide the line at `[start, end)` of `b` and write its output line: its kind, or null for a
   * blank line; the text of an error line is kept in `errorLines`.
   */
  const oneBytes = (
    b: Uint8Array,
    start: number,
    end: number,
    lineNo: number,
    errorLines: string[],
  ): 'taken' | 'refused' | 'error' | null => {
    const at = remember ? idEndBytes(b, start, end) : -1;
    if (at < 0) {
      decided++;
      const r = decidedLine(cm, decode.utf8(b, start, end), lineNo, general);
      if (r === null) return null;
      writeText(r.text);
      if (r.kind === 'error') errorLines.push(r.text);
      return r.kind;
    }
    const idStart = start + PREFIX_BYTES.length;
    const length = end - at - 1;
    const n = load(b, at + 1, end);
    const hash = hashBody(words, length);
    const known = find(hash, length, n, b, at + 1, end);
    if (known !== undefined) {
      if (plainId(b, idStart, at)) {
        hits++;
        room(PREFIX_BYTES.length + (at - idStart) + known.tail.length);
        for (let k = 0; k < PREFIX_BYTES.length; k++) out[pos++] = PREFIX_BYTES[k] as number;
        for (let k = idStart; k < at; k++) out[pos++] = b[k] as number;
        out.set(known.tail, pos);
        pos += known.tail.length;
        return known.kind;
      }
      const id = normalisedId(decode.utf8(b, idStart, at));
      if (id !== null) {
        hits++;
        const head = `${PREFIX}${id}`;
        room(head.length * 3 + known.tail.length);
        pos += encoder.encodeInto(head, out.subarray(pos)).written;
        out.set(known.tail, pos);
        pos += known.tail.length;
        return known.kind;
      }
    }
    decided++;
    const line = decode.utf8(b, start, end);
    const idText = decode.utf8(b, idStart, at);
    const r = decidedLine(cm, line, lineNo, general);
    if (r === null) return null;
    writeText(r.text);
    if (r.kind === 'error') {
      errorLines.push(r.text);
      return r.kind;
    }
    // The id ends in an ASCII byte, so the body is the decoded line after the decoded id and its comma.
    const rest = restOf(r, line.slice(PREFIX.length + idText.length + 1), idText);
    if (rest !== null) {
      const tail = encoder.encode(`,${rest}\n`);
      if (makeRoom(length + tail.length)) {
        const body = words.slice(0, n);
        const bytes = new Uint8Array(body.buffer, 0, length);
        byteMemo.set(hash, { body, bytes, length, tail, kind: r.kind, next: byteMemo.get(hash) });
      }
    }
    return r.kind;
  };

  const run = (lines: readonly string[], firstLine: number): BatchChunk & { text: string } => {
    const lines_: string[] = [];
    let taken = 0;
    let refused = 0;
    let errors = 0;
    let text = '';
    for (let i = 0; i < lines.length; i++) {
      const r = one(String(lines[i]), firstLine + i);
      if (r === null) continue;
      lines_.push(r.text);
      text += `${r.text}\n`;
      if (r.kind === 'taken') taken++;
      else if (r.kind === 'refused') refused++;
      else errors++;
    }
    return { lines: lines_, taken, refused, errors, text };
  };

  const runBytes = (b: Uint8Array, firstLine: number): BatchBytes => {
    out = new Uint8Array(Math.ceil(b.length * ratio * 1.25) + 1024);
    pos = 0;
    let taken = 0;
    let refused = 0;
    let errors = 0;
    const errorLines: string[] = [];
    let lineNo = firstLine;
    for (let start = 0; start < b.length; lineNo++) {
      let nl = b.indexOf(10, start);
      if (nl < 0) nl = b.length;
      const end = nl > start && b[nl - 1] === 13 ? nl - 1 : nl;
      const kind = oneBytes(b, start, end, lineNo, errorLines);
      start = nl + 1;
      if (kind === 'taken') taken++;
      else if (kind === 'refused') refused++;
      else if (kind === 'error') errors++;
    }
    if (b.length > 0) ratio = pos / b.length;
    const bytesOut = out.subarray(0, pos);
    out = new Uint8Array(0);
    return { bytes: bytesOut, taken, refused, errors, errorLines };
  };

  const bytesOf = (b: unknown): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(0));
  return {
    decideBytes(b, firstLine) {
      const { bytes: outBytes, ...counts } = runBytes(bytesOf(b), Number(firstLine) || 1);
      return { ...counts, text: decode.utf8(outBytes, 0, outBytes.length) };
    },
    decideBytesToBytes(b, firstLine) {
      return runBytes(bytesOf(b), Number(firstLine) || 1);
    },
    decideLines(lines, firstLine) {
      const { text: _text, ...chunk } = run(Array.isArray(lines) ? lines : [], Number(firstLine) || 1);
      return chunk;
    },
    decideText(lines, firstLine) {
      return run(Array.isArray(lines) ? lines : [], Number(firstLine) || 1);
    },
    stats: () => ({ hits, decided }),
  };
}
