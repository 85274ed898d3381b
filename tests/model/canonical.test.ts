/**
 * canonicalJson: compact JSON with every object's keys sorted, byte for byte what it always gave
 * (the hash chain of the case store and every trace hash rest on these bytes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical.js';

/** The reference: the implementation before it was made faster (an array of parts, joined). */
function reference(value: unknown): string {
  const out: string[] = [];
  const write = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      const text = JSON.stringify(v);
      out.push(text === undefined ? 'null' : text);
      return;
    }
    const j = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof j === 'function') {
      write(j.call(v));
      return;
    }
    if (Array.isArray(v)) {
      out.push('[');
      v.forEach((x: unknown, i) => {
        if (i > 0) out.push(',');
        write(x === undefined || typeof x === 'function' ? null : x);
      });
      out.push(']');
      return;
    }
    const o = v as Record<string, unknown>;
    out.push('{');
    let first = true;
    for (const k of Object.keys(o).sort()) {
      const x = o[k];
      if (x === undefined || typeof x === 'function') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      write(x);
    }
    out.push('}');
  };
  write(value);
  out.push('\n');
  return out.join('');
}

describe('canonicalJson', () => {
  it('gives the bytes of the reference implementation, for any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts the keys of objects given in any order, with any characters, as the reference does', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom('a', 'b', 'B', '0', '10', '9', 'é', '\u{1F600}', ''),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 24 }), (entries) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) o[k] = v;
        expect(canonicalJson(o)).toBe(reference(o));
        expect(canonicalJson([o, { nested: o }])).toBe(reference([o, { nested: o }]));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined and functions in objects, writes them as null in arrays and at the top', () => {
    const f = () => 1;
    expect(canonicalJson({ b: undefined, a: f, c: [undefined, f, Symbol('s')], d: Number.NaN, é: 'ü\n"\u2028' })).toBe(
      '{"c":[null,null,null],"d":null,"é":"ü\\n\\"\u2028"}\n',
    );
    expect(canonicalJson(undefined)).toBe('null\n');
    expect(canonicalJson(f)).toBe('null\n');
    expect(canonicalJson({ z: new Date(0), y: { toJSON: () => ({ b: 1, a: 2 }) } })).toBe(
      '{"y":{"a":2,"b":1},"z":"1970-01-01T00:00:00.000Z"}\n',
    );
    expect(canonicalJson({ b: [], a: {} })).toBe('{"a":{},"b":[]}\n');
  });
});
