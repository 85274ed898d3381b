/**
 * The canonical JSON serialisation shared by the library and the CLI (`--format json`): the same
 * value always gives the same bytes.
 *
 * - object keys sorted by UTF-16 code units at every level (as `Array.prototype.sort`);
 * - no insignificant whitespace; strings escaped as `JSON.stringify` does (UTF-8 output, no `\u`
 *   escapes beyond the control characters);
 * - properties whose value is `undefined` are left out, as `JSON.stringify` does;
 * - the document ends with one line feed (LF), never CR LF.
 */

/** The canonical JSON document of `value`: compact, keys sorted, ending with one LF. */
export function canonicalJson(value: unknown): string {
  return `${write(value)}\n`;
}

/**
 * The JSON text of object keys, kept: a trace repeats a few dozen keys thousands of times, and
 * `JSON.stringify` of each was a fifth of the writer's time. Bounded, so a stream of documents
 * with ever new keys cannot grow it without end.
 */
const keyTexts = new Map<string, string>();
const KEY_TEXTS_MAX = 10_000;

function keyText(k: string): string {
  let t = keyTexts.get(k);
  if (t === undefined) {
    t = JSON.stringify(k);
    if (keyTexts.size < KEY_TEXTS_MAX) keyTexts.set(k, t);
  }
  return t;
}

/**
 * Sort keys in place by UTF-16 code units (what `Array.prototype.sort` does with strings), by
 * insertion: objects have few keys and often come sorted already, where this is one comparison per
 * key and `sort` pays its general set-up (docs/performance.md#decision-service).
 */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    if ((keys[j] as string) <= k) continue;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// Built by string concatenation (V8 ropes), which costs about two thirds of pushing parts to an
// array and joining them (a 4 KB trace, measured in CPU time: docs/performance.md#decision-service).
function write(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') {
    // Like JSON.stringify: non-finite numbers are null; undefined and functions (outside objects) are null.
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  const toJson = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJson === 'function') return write(toJson.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += write(v === undefined || typeof v === 'function' ? null : v);
    }
    return `${out}]`;
  }
  const o = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(o));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    const v = o[k];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += `${keyText(k)}:${write(v)}`;
  }
  return `${out}}`;
}
