/**
 * Property: for generated deep and wide models (chains, doubled references, long sums), `check`,
 * `compile`, `take` and trace rendering never throw and finish within a budget proportional to
 * the model's size, measured against a small model on the same machine (generous for a loaded
 * 2-core machine; exponential work overshoots it by orders of magnitude).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { compile, createCase, take } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { explainText } from '../../src/trace/index.js';

interface Shape {
  /** For each derived fact: the earlier facts it refers to (indices), and how it combines them. */
  readonly facts: readonly { readonly refs: readonly number[]; readonly op: 'and' | 'or' | 'not-and' }[];
  /** Terms of a long sum over integer inputs. */
  readonly sumTerms: number;
  /** Independent input facts (width). */
  readonly width: number;
}

function modelText(shape: Shape): string {
  const lines = [
    'source s { citation: "x" }',
    'fact [wie]: actor { sources: s }',
    'fact [klaar] {\n  holds when: created\n  sources: s\n}',
  ];
  lines.push('fact [f0] { sources: s }', 'fact [n]: integer { sources: s }');
  for (let w = 0; w < shape.width; w++) lines.push(`fact [w${w}] { sources: s }`);
  shape.facts.forEach((f, i) => {
    const refs = f.refs.map((r) => `[f${r % (i + 1)}]`);
    const body =
      f.op === 'or' ? refs.join(' or ') : f.op === 'not-and' ? `not (${refs.join(' and ')})` : refs.join(' and ');
    lines.push(`fact [f${i + 1}] {\n  holds when: ${body}\n  sources: s\n}`);
  });
  const terms = Array.from({ length: shape.sumTerms }, (_, i) => (i % 2 ? '- [n] + 1' : '+ [n] + 1')).join(' ');
  lines.push(`fact [som]: integer {\n  value: [n] ${terms}\n  sources: s\n}`);
  const wide = Array.from({ length: shape.width }, (_, w) => `[w${w}]`);
  const pre = [`[f${shape.facts.length}]`, '[som] > 0', ...wide.slice(0, 3)].join(' and ');
  lines.push(
    `act <<doen>> {\n  actor: [wie]\n  action: doen\n  object: [klaar]\n` +
      `  preconditions: ${pre}\n  creates: [klaar]\n  sources: s\n}`,
  );
  return `${lines.join('\n')}\n`;
}

/** Every stage on the model; returns the milliseconds it took. Throws only if a stage throws. */
function pipeline(shape: Shape): number {
  const started = performance.now();
  const parsed = parse(modelText(shape), 'p.flint');
  expect(parsed.diagnostics).toEqual([]);
  check(parsed.value);
  const cm = compile(parsed.value).value;
  const facts = [
    { fact: 'f0', value: true },
    { fact: 'n', value: 3 },
    ...Array.from({ length: shape.width }, (_, w) => ({ fact: `w${w}`, value: true })),
  ];
  const state = createCase(cm, { asOf: '2024-01-01', actors: { w: { roles: ['wie'] } }, facts });
  const r = take(cm, state, { act: 'doen', actor: 'w', params: {} });
  explainText(r.trace, { lang: 'en' });
  JSON.stringify(r.trace);
  return performance.now() - started;
}

const sizeOf = (s: Shape): number => s.facts.reduce((n, f) => n + 1 + f.refs.length, 0) + s.sumTerms + s.width + 10;

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  facts: fc.array(
    fc.record({
      refs: fc.array(fc.nat(1000), { minLength: 1, maxLength: 3 }),
      op: fc.constantFrom('and' as const, 'or' as const, 'not-and' as const),
    }),
    { minLength: 1, maxLength: 150 },
  ),
  sumTerms: fc.nat(120),
  width: fc.nat(40),
});

describe('bounded: generated deep and wide models', () => {
  it('check, compile, take and trace rendering never throw and stay within a size-proportional budget', () => {
    // Doubled references to the fact just below: exponential without memoisation.
    const doubled = (n: number): Shape => ({
      facts: Array.from({ length: n }, (_, i) => ({ refs: [i, i], op: 'and' as const })),
      sumTerms: 4,
      width: 2,
    });
    const small = doubled(10);
    pipeline(small); // warm up
    const unit = Math.max(...[0, 1, 2].map(() => pipeline(small))) / sizeOf(small);
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const ms = pipeline(shape);
        expect(ms).toBeLessThan(200 * unit * sizeOf(shape) + 2000);
      }),
      { numRuns: 25, seed: 20261203 },
    );
    const deep = doubled(150);
    expect(pipeline(deep)).toBeLessThan(200 * unit * sizeOf(deep) + 2000);
  }, 300_000);
});
