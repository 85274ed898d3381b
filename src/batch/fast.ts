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
  /** Bytes (UTF-16 code units, keys and outcomes) of remembered outcomes before they are dropped; default 64 MiB. */
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
  stats(): BatchDeciderStats;
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

/** A decider for `cm`: the fast path of `flint batch`, falling back to the general path line by line. */
export function createBatchDecider(cm: CompiledModel, options: BatchDeciderOptions = {}): BatchDecider {
  const general: BatchOptions = { trace: options.trace === true };
  const maxBytes = typeof options.maxBytes === 'number' && options.maxBytes >= 0 ? options.maxBytes : DEFAULT_MAX_BYTES;
  const remember = options.remember !== false;
  const decode = options.decode ?? textDecoders();
  let memo = new Map<string, Remembered>();
  // Bodies as latin1 strings of their bytes (decideBytes): one byte, one char, so equal keys are equal bytes.
  let byteMemo = new Map<string, Remembered>();
  let bytes = 0;
  let hits = 0;
  let decided = 0;

  /** Decide by the general path and remember a valid outcome under `key` (the body, or its bytes). */
  const decideAndRemember = (
    line: string,
    lineNo: number,
    into: 'text' | 'bytes',
    key: string,
    body: string,
    idText: string,
  ): { text: string; kind: 'taken' | 'refused' | 'error' } | null => {
    decided++;
    const r = decidedLine(cm, line, lineNo, general);
    if (r === null || r.kind === 'error' || body.includes('"id"') || body.includes('\\u')) return r;
    const id = normalisedId(idText);
    const head = `${PREFIX}${id},`;
    if (id === null || !r.text.startsWith(head)) return r;
    const rest = r.text.slice(head.length);
    const size = key.length + rest.length;
    if (size > maxBytes) return r;
    if (bytes + size > maxBytes) {
      memo = new Map();
      byteMemo = new Map();
      bytes = 0;
    }
    (into === 'text' ? memo : byteMemo).set(key, { rest, kind: r.kind });
    bytes += size;
    return r;
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
    return decideAndRemember(line, lineNo, 'text', body, body, line.slice(PREFIX.length, end));
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

  const oneBytes = (
    b: Uint8Array,
    start: number,
    end: number,
    lineNo: number,
  ): { text: string; kind: 'taken' | 'refused' | 'error' } | null => {
    const at = remember ? idEndBytes(b, start, end) : -1;
    if (at < 0) {
      decided++;
      return decidedLine(cm, decode.utf8(b, start, end), lineNo, general);
    }
    const key = decode.latin1(b, at + 1, end);
    const known = byteMemo.get(key);
    const idText = decode.utf8(b, start + PREFIX_BYTES.length, at);
    if (known !== undefined) {
      const id = normalisedId(idText);
      if (id !== null) {
        hits++;
        return { text: `${PREFIX}${id},${known.rest}`, kind: known.kind };
      }
    }
    const line = decode.utf8(b, start, end);
    // The id ends in an ASCII byte, so the body is the decoded line after the decoded id and its comma.
    return decideAndRemember(line, lineNo, 'bytes', key, line.slice(PREFIX.length + idText.length + 1), idText);
  };
  const run = (lines: readonly string[], firstLine: number): BatchChunk & { text: string } => {
    const out: string[] = [];
    let taken = 0;
    let refused = 0;
    let errors = 0;
    let text = '';
    for (let i = 0; i < lines.length; i++) {
      const r = one(String(lines[i]), firstLine + i);
      if (r === null) continue;
      out.push(r.text);
      text += `${r.text}\n`;
      if (r.kind === 'taken') taken++;
      else if (r.kind === 'refused') refused++;
      else errors++;
    }
    return { lines: out, taken, refused, errors, text };
  };

  const runBytes = (b: Uint8Array, firstLine: number): BatchText => {
    let text = '';
    let taken = 0;
    let refused = 0;
    let errors = 0;
    const errorLines: string[] = [];
    let lineNo = firstLine;
    for (let start = 0; start < b.length; lineNo++) {
      let nl = b.indexOf(10, start);
      if (nl < 0) nl = b.length;
      const end = nl > start && b[nl - 1] === 13 ? nl - 1 : nl;
      const r = oneBytes(b, start, end, lineNo);
      start = nl + 1;
      if (r === null) continue;
      text += `${r.text}\n`;
      if (r.kind === 'taken') taken++;
      else if (r.kind === 'refused') refused++;
      else {
        errors++;
        errorLines.push(r.text);
      }
    }
    return { text, taken, refused, errors, errorLines };
  };

  return {
    decideBytes(bytes, firstLine) {
      return runBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(0), Number(firstLine) || 1);
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
