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
  const out: string[] = [];
  write(value, out);
  out.push('\n');
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    // Like JSON.stringify: non-finite numbers are null; undefined and functions (outside objects) are null.
    const text = JSON.stringify(value);
    out.push(text === undefined ? 'null' : text);
    return;
  }
  const toJson = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJson === 'function') {
    write(toJson.call(value), out);
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const v: unknown = value[i];
      write(v === undefined || typeof v === 'function' ? null : v, out);
    }
    out.push(']');
    return;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  out.push('{');
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || typeof v === 'function') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(k), ':');
    write(v, out);
  }
  out.push('}');
}
