import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportFlintJson,
  exportFlintJsonText,
  importFlintJson,
  importFlintJsonValue,
} from '../../src/interchange/index.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { stripSpans } from '../../src/model/walk.js';

const word = fc.constantFrom(
  'aanvraag',
  'burger',
  'college',
  'besluit',
  'kind',
  'ouder',
  'termijn',
  'bedrag',
  'é',
  '1:3',
);
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const factName = name.map((n) => `[${n}]`);
const dutyName = name.map((n) => `<${n}>`);
const actName = name.map((n) => `<<${n}>>`);

/** FLINT JSON expressions in the canonical form the exporter writes (`minOperands` for n-ary operators). */
const expressions = (minOperands: number): fc.Arbitrary<unknown> =>
  fc.letrec<{ expr: unknown }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      factName,
      dutyName,
      fc.constantFrom('[a] EN NIET [b]'),
      fc.record({
        expression: fc.constantFrom('AND', 'OR', 'EQUAL', 'LESS_THAN', 'SUM', 'PRODUCT', 'MIN', 'MAX'),
        operands: fc.array(tie('expr'), { minLength: minOperands, maxLength: 3 }),
      }),
      fc.record({ expression: fc.constant('NOT'), operand: tie('expr') }),
      fc.record({
        expression: fc.constant('LITERAL'),
        operand: fc.oneof(
          fc.boolean(),
          fc.string({ maxLength: 5 }),
          fc.integer({ min: -1000, max: 1000 }),
          fc.constantFrom(0.5, 1.15, 46000.25),
        ),
      }),
      fc.record({ expression: fc.constant('IS'), operand: fc.constantFrom('ANYONE', 'did:alice', 'did:bob') }),
      fc.record({ expression: fc.constant('LIST'), name: fc.constantFrom('kinderen', 'diplomas'), items: tie('expr') }),
      fc.record({ expression: fc.constant('CREATE'), operands: fc.array(tie('expr'), { maxLength: 2 }) }),
      fc.record(
        {
          expression: fc.constant('PROJECTION'),
          context: fc.array(factName, { minLength: 1, maxLength: 2 }),
          operand: tie('expr'),
          scope: fc.constantFrom('all', 'some'),
        },
        { requiredKeys: ['expression', 'context', 'operand'] },
      ),
    ),
  })).expr;

const date = fc
  .record({
    d: fc.integer({ min: 1, max: 28 }),
    m: fc.integer({ min: 1, max: 12 }),
    y: fc.integer({ min: 1990, max: 9999 }),
  })
  .map(({ d, m, y }) => `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`);
const text = fc.string({ maxLength: 8 });
const source = fc.record(
  {
    validFrom: fc.oneof(date, fc.constant('')),
    validTo: date,
    juriconnect: text,
    citation: fc.constantFrom('art. 1:3 lid 3 Awb', 'art. 2 Vw', ''),
    text,
    explanation: text,
  },
  { requiredKeys: ['citation'] },
);
const sourcesDoc = fc.record(
  { sources: fc.array(source, { maxLength: 2 }), explanation: text },
  { requiredKeys: ['sources'] },
);
const referenceDoc = fc.record(
  {
    reference: fc.constantFrom('art. 1:3 Awb', 'art. 4 Vw', ''),
    version: fc.constantFrom('2-[19980101]-[jjjjmmdd]', '[20200101]-[20201231]'),
    juriconnect: text,
    sourcetext: text,
    explanation: text,
  },
  { requiredKeys: [] },
);

const nameList = fc.oneof(
  fc.array(fc.oneof(factName, dutyName, actName), { maxLength: 3 }),
  fc.constantFrom('', '<<a>>, <b>', '[x] en <y>'),
);
const models = (minOperands: number): fc.Arbitrary<Record<string, unknown>> => {
  const expr = expressions(minOperands);
  const optional = fc.oneof(expr, fc.constant(''));
  return fc.constantFrom('sources', 'reference').chain((dialect) => {
    const doc = dialect === 'sources' ? sourcesDoc : referenceDoc;
    const withDoc = <T extends object>(frame: fc.Arbitrary<T>): fc.Arbitrary<T> =>
      fc.tuple(frame, doc).map(([f, d]) => ({ ...f, ...d }));
    const act = withDoc(
      fc.record(
        {
          act: actName,
          actor: optional,
          action: factName,
          object: optional,
          recipient: optional,
          preconditions: optional,
          create: nameList,
          terminate: nameList,
          tags: fc.constant(''),
        },
        { requiredKeys: ['act', 'actor', 'object', 'recipient', 'preconditions', 'create', 'terminate'] },
      ),
    );
    const fact = withDoc(fc.record({ fact: factName, function: fc.oneof(expr, fc.constant('[]')) }));
    const duty = withDoc(
      fc.record(
        {
          duty: dutyName,
          'duty-holder': optional,
          claimant: expr,
          create: actName,
          enforce: actName,
          terminate: actName,
          'duty-components': fc.oneof(fc.array(expr, { maxLength: 2 }), fc.constant('')),
        },
        { requiredKeys: ['duty', 'duty-holder', 'duty-components'] },
      ),
    );
    return fc.record(
      {
        model: fc.constantFrom('Regeling', 'Wet'),
        acts: fc.array(act, { maxLength: 3 }),
        facts: fc.array(fact, { maxLength: 4 }),
        duties: fc.array(duty, { maxLength: 2 }),
        reference: text,
      },
      { requiredKeys: ['acts', 'facts', 'duties'] },
    );
  });
};

/** Models as the peer may write them (n-ary operators with zero operands included). */
const model = models(0);

describe('FLINT JSON round trips (fast-check)', () => {
  it('import → exportText → import gives the same model (spans aside), without errors', () => {
    fc.assert(
      fc.property(model, (json) => {
        const first = importFlintJson(JSON.stringify(json, null, 1), 'a.json');
        expect(hasErrors(first.diagnostics)).toBe(false);
        const exported = exportFlintJsonText(first.value);
        expect(exported.diagnostics).toEqual([]);
        const second = importFlintJson(exported.value, 'b.json');
        expect(hasErrors(second.diagnostics)).toBe(false);
        expect(stripSpans(second.value)).toEqual(stripSpans(first.value));
      }),
      { numRuns: 300 },
    );
  });

  it('export → import → export is stable on the JSON side', () => {
    fc.assert(
      fc.property(model, (json) => {
        const once = exportFlintJson(importFlintJsonValue(json, 'a').value).value;
        const twice = exportFlintJson(importFlintJsonValue(once, 'b').value).value;
        expect(twice).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the importer never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = importFlintJson(s, 's.json');
        expect(r.value.kind).toBe('Model');
        expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on corrupted model text', () => {
    fc.assert(
      fc.property(model, fc.nat(), fc.string({ maxLength: 3 }), (json, at, junk) => {
        const t = JSON.stringify(json);
        const i = at % (t.length + 1);
        const r = importFlintJson(t.slice(0, i) + junk + t.slice(i + 1), 'c.json');
        expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON values, as text and as values, also in frame positions', () => {
    const anyModel = fc.oneof(
      fc.jsonValue(),
      fc.record({ acts: fc.array(fc.jsonValue()), facts: fc.array(fc.jsonValue()), duties: fc.array(fc.jsonValue()) }),
      fc.record({
        acts: fc.array(
          fc.dictionary(
            fc.constantFrom(
              'act',
              'actor',
              'object',
              'recipient',
              'preconditions',
              'create',
              'terminate',
              'sources',
              'version',
            ),
            fc.jsonValue(),
          ),
        ),
        facts: fc.array(
          fc.dictionary(fc.constantFrom('fact', 'function', 'sources', 'explanation', 'art'), fc.jsonValue()),
        ),
        duties: fc.array(
          fc.dictionary(fc.constantFrom('duty', 'duty-holder', 'create', 'enforce', 'duty-components'), fc.jsonValue()),
        ),
      }),
    );
    fc.assert(
      fc.property(anyModel, (v) => {
        for (const r of [importFlintJsonValue(v, 'v'), importFlintJson(JSON.stringify(v) ?? '', 'v.json')]) {
          expect(r.value.kind).toBe('Model');
          expect(r.diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
          // Whatever was imported can be exported without throwing either.
          expect(exportFlintJson(r.value).diagnostics.every((d) => d.code !== 'internal-error')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('FLINT JSON → .flint → parse (fast-check)', () => {
  it('printing an imported model as .flint and parsing it gives the same model', async () => {
    const { parse, print } = await import('../../src/syntax/index.js');
    fc.assert(
      // N-ary operators with fewer than two operands are normalised by the .flint printer (src/syntax): left out here.
      fc.property(models(2), (json) => {
        const direct = importFlintJsonValue(json, 'a').value;
        const parsed = parse(print(direct), 'a.flint');
        expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(stripSpans(parsed.value)).toEqual(stripSpans(direct));
      }),
      { numRuns: 200 },
    );
  });
});
