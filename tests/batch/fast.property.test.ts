/**
 * The fast batch path (src/batch/fast.ts) against the general one: random case files, decided line
 * by line alone with decideLine and by the fast decider (strings and bytes, Node's and the default
 * decoders), give the same bytes. The files mix valid and invalid cases, repeated bodies under new
 * ids (what the fast path remembers), ids of every JSON kind and spelling, other key orders,
 * whitespace, CRLF, blank lines, a body that names "id" again or spells it with \u escapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBatchDecider, decideLine, idEnd } from '../../src/batch/index.js';
import { createBatchDeciderWithHash } from '../../src/batch/fast.js';
import { nodeDecoders } from '../../src/cli/batch-io.js';
import { compile } from '../../src/run/index.js';
import { projectRoot } from '../helpers/shared.js';
import { benefitModel } from '../run/fixtures.js';
import { referenceLine } from './reference.js';

const cm = compile(benefitModel()).value;
const bases = readFileSync(join(projectRoot, 'tests', 'batch', 'golden', 'benefit.cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{"id":'))
  .map((l) => l.slice(l.indexOf(',') + 1));

/** Ids as a producer might write them: JSON strings and numbers, spelled in several ways, and non-ids. */
const idText = fc.oneof(
  fc.string({ maxLength: 3 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"x"', '"other"', '"a\\u0062"', '"\\"q\\""', '"é"', '"\\n"', '"é\\/"'),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('-0', '1.50', '1e2', '1E+2', '2.5e-3', '1e400', '01', '1-2', '-', '-01', '123456789012345'),
  fc.constantFrom('9999999999999999', '-9007199254740993', '"~ !"', '"\\u0041"'),
  fc.constantFrom('true', 'null', '[1]', '{}', '"unterminated'),
);

/** A body: a golden one (valid or not), maybe changed so the fast path must decline or re-decide. */
const body = fc.tuple(fc.constantFrom(...bases), fc.nat(9)).map(([b, k]) => {
  if (k === 0) return b.replace('"asOf"', '"id":"other","asOf"');
  if (k === 1) return b.replace('"asOf"', '"\\u0069d":"x","asOf"');
  if (k === 2) return b.replace('2024-01-01', '2024-02-30');
  if (k === 3) return b.replace('"asOf":', '"asOf" : ');
  return b;
});

/** A line of a cases file, its body one of a small pool (so bodies repeat under other ids). */
const line = (pool: readonly string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.tuple(idText, fc.constantFrom(...pool)).map(([id, b]) => `{"id":${id},${b}`) },
    { weight: 1, arbitrary: fc.tuple(idText, fc.constantFrom(...pool)).map(([id, b]) => `{ "id": ${id},${b}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(idText, fc.constantFrom(...pool)).map(([id, b]) => `{${b.slice(0, -1)},"id":${id}}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 'not json', '[1,2]', '\uFEFF{"id":1,"asOf":"2024-01-01"}') },
  );

const file = fc.record({
  lines: fc.array(body, { minLength: 1, maxLength: 3 }).chain((pool) => fc.array(line(pool), { maxLength: 25 })),
  crlf: fc.boolean(),
  lastNewline: fc.boolean(),
  trace: fc.boolean(),
});

/** Each line decided alone by the general path: the bytes both paths must give. */
function reference(lines: readonly string[], trace: boolean): string {
  let out = '';
  lines.forEach((l, i) => {
    const r = decideLine(cm, l, i + 1, { trace });
    if (r !== null) out += `${r}\n`;
  });
  return out;
}

/** Each line decided alone the plain way (tests/batch/reference.ts: schema, one give per fact, eager traces). */
function plain(lines: readonly string[], trace: boolean): string {
  let out = '';
  lines.forEach((l, i) => {
    const r = referenceLine(cm, l, i + 1, trace);
    if (r !== null) out += `${r}\n`;
  });
  return out;
}

const person = fc.constantFrom('alice', 'bob', 'carol');
const date = fc.constantFrom('2024-01-01', '2024-01-15', '2024-03-01', '2023-12-01');
/** A given fact of the benefit model, now and then one the model refuses (unknown, derived, wrong type or arity). */
const givenFact = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      fact: fc.constant('inkomen'),
      args: person.map((p) => [p]),
      value: fc.constantFrom('20000.00', '40000', '30000.00'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        fact: fc.constantFrom('ingezetene', '[ingezetene]', 'aanvraag'),
        args: person.map((p) => [p]),
        value: fc.boolean(),
      },
      { requiredKeys: ['fact', 'args'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { fact: fc.constant('ingezetene'), args: person.map((p) => [p]), at: date, by: person },
      { requiredKeys: ['fact', 'args'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ fact: fc.constantFrom('persoon', 'bestuursorgaan'), args: person.map((p) => [p]) }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, unknown>>(
      { fact: 'nope' },
      { fact: 'laag inkomen', args: ['alice'] },
      { fact: 'inkomen', args: ['alice'], value: true },
      { fact: 'ingezetene' },
    ),
  },
);
const act = fc.record(
  {
    act: fc.constantFrom('indienen', 'toekennen', 'afwijzen', '<<indienen>>'),
    actor: fc.constantFrom('alice', 'bob', 'gemeente'),
    params: person.map((p) => ({ aanvrager: p })),
    at: date,
    expect: fc.constantFrom('taken', 'refused'),
    facts: fc.array(givenFact, { maxLength: 2 }),
    force: fc.boolean(),
  },
  { requiredKeys: ['act', 'actor'] },
);
/** A random case file of the benefit model as a batch line body (after the id). */
const randomBody = fc
  .record(
    {
      asOf: date,
      actors: fc.constantFrom(
        { gemeente: { roles: ['bestuursorgaan'] }, alice: { roles: ['persoon'] } },
        { gemeente: { roles: ['[bestuursorgaan]'] }, bob: { roles: ['persoon'] }, alice: { roles: ['persoon'] } },
      ),
      facts: fc.array(givenFact, { maxLength: 6 }),
      acts: fc.array(act, { maxLength: 3 }),
      advance: fc.constantFrom('2024-06-01', '2023-01-01'),
      availableFor: fc.constantFrom(['gemeente'], ['alice', 'bob']),
    },
    { requiredKeys: ['asOf', 'actors', 'facts', 'acts'] },
  )
  .map((c) => JSON.stringify(c).slice(1));

describe('the fast batch path', () => {
  it('gives the same bytes as deciding each line alone by the general path', () => {
    fc.assert(
      fc.property(file, ({ lines, crlf, lastNewline, trace }) => {
        const expected = reference(lines, trace);
        expect(plain(lines, trace)).toBe(expected);
        const text = lines.join(crlf ? '\r\n' : '\n') + (lastNewline && lines.length > 0 ? '\n' : '');
        const bytes = new TextEncoder().encode(text);
        // A fresh decider per run and one shared by three runs (remembered bodies from earlier runs).
        for (const decode of [nodeDecoders, undefined]) {
          const d = createBatchDecider(cm, { trace, ...(decode ? { decode } : {}) });
          expect(d.decideBytes(bytes, 1).text).toBe(expected);
          expect(new TextDecoder().decode(d.decideBytesToBytes(bytes, 1).bytes)).toBe(expected);
          expect(d.decideBytes(bytes, 1).text).toBe(expected);
          expect(d.decideText(lines, 1).text).toBe(expected);
          expect(
            d
              .decideLines(lines, 1)
              .lines.map((l) => `${l}\n`)
              .join(''),
          ).toBe(expected);
        }
        // Tiny memory: outcomes are dropped all the time, the bytes stay the same.
        const small = createBatchDecider(cm, { trace, maxBytes: 600, decode: nodeDecoders });
        expect(small.decideBytes(bytes, 1).text).toBe(expected);
        expect(createBatchDecider(cm, { trace, remember: false }).decideText(lines, 1).text).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the bytes of deciding each random case alone the plain way, with and without traces', () => {
    fc.assert(
      fc.property(
        fc.array(randomBody, { minLength: 1, maxLength: 3 }).chain((pool) =>
          fc.array(
            fc.tuple(idText, fc.constantFrom(...pool)).map(([id, b]) => `{"id":${id},${b}`),
            { maxLength: 8 },
          ),
        ),
        fc.boolean(),
        (lines, trace) => {
          const expected = plain(lines, trace);
          expect(reference(lines, trace)).toBe(expected);
          const bytes = new TextEncoder().encode(lines.join('\n'));
          expect(createBatchDecider(cm, { trace, decode: nodeDecoders }).decideBytes(bytes, 1).text).toBe(expected);
          expect(createBatchDecider(cm, { trace, remember: false }).decideText(lines, 1).text).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('tells bodies apart by their bytes when their hashes collide', () => {
    // Hashes that make every body collide (one chain), or only bodies of a length modulo 4:
    // each match must be verified on the bytes, so the output stays the general path's.
    const hashes = [() => 0, (_w: Int32Array, length: number) => length & 3];
    fc.assert(
      fc.property(
        fc.array(randomBody, { minLength: 2, maxLength: 5 }).chain((pool) =>
          fc.array(
            fc.tuple(idText, fc.constantFrom(...pool)).map(([id, b]) => `{"id":${id},${b}`),
            { minLength: 1, maxLength: 12 },
          ),
        ),
        fc.boolean(),
        fc.constantFrom(...hashes),
        (lines, trace, hash) => {
          const expected = reference(lines, trace);
          const bytes = new TextEncoder().encode(lines.join('\n'));
          for (const decode of [nodeDecoders, undefined]) {
            const d = createBatchDeciderWithHash(cm, { trace, ...(decode ? { decode } : {}) }, hash);
            expect(d.decideBytes(bytes, 1).text).toBe(expected);
            const again = d.decideBytesToBytes(bytes, 1);
            expect(new TextDecoder().decode(again.bytes)).toBe(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
    // Two bodies of the same length that differ in one byte, under a hash that cannot tell them apart.
    const a = `{"id":1,${bases[0]}`;
    const b = a.replace('2024-01-01', '2024-01-02');
    expect(b).not.toBe(a);
    const lines = [a, b, `{"id":2,${bases[0]}`, b.replace('"id":1', '"id":3')];
    const d = createBatchDeciderWithHash(cm, { decode: nodeDecoders }, () => 7);
    expect(d.decideBytes(new TextEncoder().encode(lines.join('\n')), 1).text).toBe(reference(lines, false));
    expect(d.stats()).toEqual({ hits: 2, decided: 2 });
  });

  it('answers repeated bodies from memory, and counts by kind like the general path', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `{"id":"c${i}",${bases[i % 2]}`);
    const d = createBatchDecider(cm, { decode: nodeDecoders });
    const r = d.decideBytes(new TextEncoder().encode(lines.join('\n')), 1);
    expect(r.text).toBe(reference(lines, false));
    expect(d.stats()).toEqual({ hits: 38, decided: 2 });
    expect([r.taken, r.refused, r.errors]).toEqual([20, 20, 0]);
  });

  it('reads the id at the start of a line only in the one spelling it vouches for', () => {
    expect(idEnd('{"id":"a\\"b","asOf":1}')).toBe(12);
    expect(idEnd('{"id":-1.5e3,"x":1}')).toBe(12);
    expect(idEnd('{ "id":1,"x":1}')).toBe(-1);
    expect(idEnd('{"id":true,"x":1}')).toBe(-1);
    expect(idEnd('{"id":"a"}')).toBe(-1);
    expect(idEnd('{"id":"a')).toBe(-1);
  });
});
