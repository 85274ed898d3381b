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
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${write(v)}`;
  }
  return `${out}}`;
}
