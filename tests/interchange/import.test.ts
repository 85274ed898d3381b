import { describe, expect, it } from 'vitest';
import {
  exportFlintJson,
  importExpression,
  importFlintJson,
  importFlintJsonValue,
} from '../../src/interchange/index.js';
import type { Expr } from '../../src/model/ast.js';
import { actsOf, dutiesOf, factsOf, sourceDeclsOf, stripSpans } from '../../src/model/walk.js';

const expr = (value: unknown): unknown => {
  const r = importExpression(value);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return stripSpans(r.value);
};
const ref = (frame: 'fact' | 'act' | 'duty', name: string) => ({ kind: 'Ref', frame, name, args: [] });

describe('importExpression: the mapping table of docs/architecture.md', () => {
  it('maps name strings by bracket form, and keeps any other string whole as a fact name', () => {
    expect(expr('[aanvraag]')).toEqual(ref('fact', 'aanvraag'));
    expect(expr('<<indienen>>')).toEqual(ref('act', 'indienen'));
    expect(expr('<betalen>')).toEqual(ref('duty', 'betalen'));
    expect(expr('[a] EN NIET [b]')).toEqual(ref('fact', '[a] EN NIET [b]'));
    expect(expr('minister')).toEqual(ref('fact', 'minister'));
    expect(expr('[]')).toEqual(ref('fact', ''));
  });

  it('maps every operator', () => {
    expect(expr({ expression: 'AND', operands: ['[a]', '[b]'] })).toEqual({
      kind: 'Nary',
      op: 'and',
      operands: [ref('fact', 'a'), ref('fact', 'b')],
    });
    expect(expr({ expression: 'OR', operands: [] })).toEqual({ kind: 'Nary', op: 'or', operands: [] });
    expect(expr({ expression: 'NOT', operand: '[a]' })).toEqual({
      kind: 'Unary',
      op: 'not',
      operand: ref('fact', 'a'),
    });
    expect(expr({ expression: 'EQUAL', operands: ['[a]', '[b]'] })).toMatchObject({ kind: 'Compare', op: 'eq' });
    expect(expr({ expression: 'LESS_THAN', operands: ['[a]', '[b]'] })).toMatchObject({ kind: 'Compare', op: 'le' });
    for (const [op, fn] of [
      ['SUM', 'sum'],
      ['PRODUCT', 'product'],
      ['MIN', 'min'],
      ['MAX', 'max'],
    ] as const) {
      expect(expr({ expression: op, operands: ['[a]'] })).toEqual({ kind: 'Call', fn, args: [ref('fact', 'a')] });
    }
    expect(expr({ expression: 'IS', operand: 'ANYONE' })).toEqual({ kind: 'Is', identity: null });
    expect(expr({ expression: 'IS', operand: 'did:alice' })).toEqual({ kind: 'Is', identity: 'did:alice' });
    expect(expr({ expression: 'LIST', name: 'kinderen', items: '[kind]' })).toEqual({
      kind: 'List',
      name: 'kinderen',
      item: ref('fact', 'kind'),
    });
    expect(expr({ expression: 'LIST', items: '[kind]' })).toEqual({
      kind: 'List',
      name: null,
      item: ref('fact', 'kind'),
    });
    expect(expr({ expression: 'CREATE', operands: ['[a]'] })).toEqual({
      kind: 'Created',
      operands: [ref('fact', 'a')],
    });
    expect(expr({ expression: 'CREATE' })).toEqual({ kind: 'Created', operands: [] });
    expect(expr({ expression: 'PROJECTION', context: ['[aanvraag]', 'besluit'], fact: '[burger]' })).toEqual({
      kind: 'Projection',
      scope: 'single',
      context: ['aanvraag', 'besluit'],
      operand: ref('fact', 'burger'),
    });
    expect(expr({ expression: 'PROJECTION', context: ['[a]'], operand: '[b]', scope: 'all' })).toMatchObject({
      scope: 'all',
    });
  });

  it('maps LITERAL values, keeping numbers as written (no binary floating point)', () => {
    expect(expr({ expression: 'LITERAL', operand: true })).toEqual({ kind: 'Literal', type: 'boolean', value: true });
    expect(expr({ expression: 'LITERAL', operand: 'banana' })).toEqual({
      kind: 'Literal',
      type: 'text',
      value: 'banana',
    });
    expect(expr({ expression: 'LITERAL', operand: 5 })).toEqual({ kind: 'Literal', type: 'integer', value: '5' });
    expect(expr({ expression: 'LITERAL', operand: 1.15 })).toEqual({ kind: 'Literal', type: 'decimal', value: '1.15' });
    expect(expr({ expression: 'LITERAL', operand: 1e21 })).toEqual({
      kind: 'Literal',
      type: 'integer',
      value: '1000000000000000000000',
    });
    const text =
      '{"acts":[],"facts":[{"fact":"[x]","function":{"expression":"LITERAL","operand":12.50}},' +
      '{"fact":"[y]","function":{"expression":"LITERAL","operand":2.5e2}}],"duties":[]}';
    const [x, y] = factsOf(importFlintJson(text, 't.json').value);
    expect(x!.definition).toMatchObject({ type: 'decimal', value: '12.50' });
    expect(y!.definition).toMatchObject({ type: 'integer', value: '250' });
  });

  it('prefixes diagnostic paths with the given JSON Pointer', () => {
    const r = importExpression({ expression: 'AND', operands: [{ expression: 'IS' }] }, '/bindings/[burger]');
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['missing-field', '/bindings/[burger]/operands/0']]);
  });

  it('keeps an unknown operator as a Call of that name, with an unknown-operator error', () => {
    const r = importExpression({ expression: 'BANANAS', operands: ['[drie]'] });
    expect(stripSpans(r.value)).toEqual({ kind: 'Call', fn: 'BANANAS', args: [ref('fact', 'drie')] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unknown-operator']);
    expect(importExpression(true).diagnostics.map((d) => d.code)).toEqual(['invalid-expression']);
  });

  it('warns about keys that are not part of an operator', () => {
    const r = importExpression({ expression: 'NOT', operand: '[a]', operands: ['[b]'] });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['ignored-key', 'warning', '/operands']]);
  });
});

describe('importFlintJson: frames', () => {
  const model = {
    model: 'Test',
    reference: 'jci1.3:c:BWBR0001',
    acts: [
      {
        tags: '',
        act: '<<aanvragen>>',
        actor: '[burger]',
        action: '[aanvragen]',
        object: '[aanvraag]',
        recipient: '[college]',
        preconditions: '[]',
        create: ['[aanvraag]', '<beslissen>', '<<intrekken>>'],
        terminate: 'zie <beslissen> en [oud]',
        sources: [
          {
            validFrom: '01-01-2020',
            validTo: '31-12-9999',
            citation: 'art. 4:1 Awb',
            juriconnect: 'jci',
            text: 'tekst',
            explanation: 'uitleg',
            extra: 1,
          },
          { validFrom: '', citation: 'art. 4:1 Awb' },
        ],
        explanation: 'waarom',
      },
    ],
    facts: [
      {
        fact: '[aanvraag]',
        function: { expression: 'CREATE', operands: [] },
        sources: [
          {
            validFrom: '01-01-2020',
            validTo: '31-12-9999',
            citation: 'art. 4:1 Awb',
            juriconnect: 'jci',
            text: 'tekst',
            explanation: 'uitleg',
            extra: 1,
          },
        ],
      },
      { fact: '[burger]', function: '' },
    ],
    duties: [
      {
        duty: '<beslissen>',
        'duty-holder': '[college]',
        claimant: '[burger]',
        create: '<<aanvragen>>',
        enforce: '<<bezwaar>>',
        'duty-components': ['[besluit]'],
      },
    ],
  };

  it('builds frames, effects, sources and meta as documented', () => {
    const { value, diagnostics } = importFlintJsonValue(model, 'm.json');
    expect(diagnostics).toEqual([]);
    expect(value.header).toMatchObject({ title: 'Test', meta: [{ key: 'reference', value: 'jci1.3:c:BWBR0001' }] });
    const act = actsOf(value)[0]!;
    expect(act).toMatchObject({ name: 'aanvragen', action: 'aanvragen', preconditions: null, explanation: 'waarom' });
    expect(act.creates.map((e) => [e.frame, e.name])).toEqual([
      ['fact', 'aanvraag'],
      ['duty', 'beslissen'],
      ['act', 'intrekken'],
    ]);
    expect(act.terminates.map((e) => [e.frame, e.name])).toEqual([
      ['duty', 'beslissen'],
      ['fact', 'oud'],
    ]);
    expect(act.meta.map((e) => [e.key, e.value])).toEqual([
      ['tags', ''],
      ['terminateText', 'zie <beslissen> en [oud]'],
    ]);
    // Identical entries share one SourceDecl; a different one with the same citation gets `-2`.
    expect(sourceDeclsOf(value).map((s) => s.id)).toEqual(['art-4.1-awb', 'art-4.1-awb-2']);
    expect(act.sources.map((s) => s.id)).toEqual(['art-4.1-awb', 'art-4.1-awb-2']);
    expect(factsOf(value)[0]!.sources.map((s) => s.id)).toEqual(['art-4.1-awb']);
    expect(stripSpans(sourceDeclsOf(value)[0]!)).toEqual({
      kind: 'Source',
      id: 'art-4.1-awb',
      juriconnect: 'jci',
      eli: null,
      url: null,
      citation: 'art. 4:1 Awb',
      text: 'tekst',
      validFrom: '2020-01-01',
      validTo: '9999-12-31',
      explanation: 'uitleg',
      meta: [{ kind: 'Meta', key: 'extra', value: 1 }],
    });
    expect(sourceDeclsOf(value)[1]!.meta.map((e) => [e.key, e.value])).toEqual([['validFrom', '']]);
    expect(factsOf(value)[1]!.definition).toBeNull();
    const duty = dutiesOf(value)[0]!;
    expect(stripSpans(duty.createdBy)).toEqual([ref('act', 'aanvragen')]);
    expect(stripSpans(duty.enforcedBy)).toEqual([ref('act', 'bezwaar')]);
    expect(stripSpans(duty.components)).toEqual([ref('fact', 'besluit')]);
    expect(value.declarations.map((d) => d.kind)).toEqual(['Source', 'Source', 'Act', 'Fact', 'Fact', 'Duty']);
  });

  it('gives spans from the JSON text to frames, names and expressions', () => {
    const text = JSON.stringify(model, null, 2);
    const { value } = importFlintJson(text, 'm.json');
    const act = actsOf(value)[0]!;
    const slice = (s: { start: { offset: number }; end: { offset: number } }): string =>
      text.slice(s.start.offset, s.end.offset);
    expect(slice(act.nameSpan)).toBe('"<<aanvragen>>"');
    expect(slice(act.actor!.span)).toBe('"[burger]"');
    expect(slice(act.span).startsWith('{')).toBe(true);
    expect(act.span.start.line).toBe(5);
    expect(slice(factsOf(value)[0]!.definition!.span)).toMatch(/^\{\s+"expression": "CREATE"/);
  });

  it('records the reference dialect in the header and parses version dates', () => {
    const { value } = importFlintJsonValue(
      {
        acts: [],
        facts: [
          {
            fact: '[x]',
            function: '[]',
            reference: 'art. 1',
            version: '3-[20040701]-[jjjjmmdd]',
            juriconnect: 'j',
            sourcetext: 't',
            art: '5',
          },
        ],
        duties: [],
      },
      'r.json',
    );
    expect(value.header?.meta.map((e) => [e.key, e.value])).toEqual([['flintDialect', 'reference']]);
    expect(value.header?.title).toBe('');
    expect(stripSpans(sourceDeclsOf(value))).toEqual([
      {
        kind: 'Source',
        id: 'art-1',
        juriconnect: 'j',
        eli: null,
        url: null,
        citation: 'art. 1',
        text: 't',
        validFrom: '2004-07-01',
        validTo: null,
        explanation: null,
        meta: [{ kind: 'Meta', key: 'version', value: '3-[20040701]-[jjjjmmdd]' }],
      },
    ]);
    expect(factsOf(value)[0]!.meta.map((e) => [e.key, e.value])).toEqual([['art', '5']]);
  });

  it('reads old-dialect bare names whole, with an info diagnostic', () => {
    const { value, diagnostics } = importFlintJsonValue(
      { acts: [], facts: [{ fact: 'minister', function: '' }], duties: [] },
      'o.json',
    );
    expect(factsOf(value)[0]!.name).toBe('minister');
    expect(diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([['bare-name', 'info', '/facts/0/fact']]);
  });

  it("drops keys that collide with the importer's own meta keys, with a warning", () => {
    const { value, diagnostics } = importFlintJsonValue(
      { acts: [{ act: '<<a>>', actor: '', object: '', recipient: '', createText: 'x' }], facts: [], duties: [] },
      'c.json',
    );
    expect(actsOf(value)[0]!.meta).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['reserved-key']);
  });

  it('keeps only acts as duty refs, and the raw value when it names something else', () => {
    const json = {
      acts: [],
      facts: [],
      duties: [{ duty: '<d>', create: ['<<a>>', '<e>'], terminate: '<<b>> en <f>', enforce: ['<<c>>'] }],
    };
    const { value, diagnostics } = importFlintJsonValue(json, 'd');
    const duty = dutiesOf(value)[0]!;
    expect(duty.createdBy.map((r) => [r.frame, r.name])).toEqual([['act', 'a']]);
    expect(duty.terminatedBy.map((r) => [r.frame, r.name])).toEqual([['act', 'b']]);
    expect(duty.enforcedBy.map((r) => [r.frame, r.name])).toEqual([['act', 'c']]);
    expect(duty.meta.map((e) => [e.key, e.value])).toEqual([
      ['createText', ['<<a>>', '<e>']],
      ['terminateText', '<<b>> en <f>'],
    ]);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['not-an-act', '/duties/0/create/1'],
      ['not-an-act', '/duties/0/terminate'],
    ]);
    const out = exportFlintJson(value).value.duties[0]!;
    expect([out.create, out.terminate, out.enforce]).toEqual([['<<a>>', '<e>'], '<<b>> en <f>', ['<<c>>']]);
  });

  it('accepts a leading byte-order mark without shifting positions', () => {
    const { value, diagnostics } = importFlintJson(
      '\uFEFF{"acts":[],"facts":[{"fact":"[x]","function":"[y]"}],"duties":[]}',
      'bom.json',
    );
    expect(diagnostics).toEqual([]);
    expect(factsOf(value)[0]!.nameSpan.start).toEqual({ line: 1, column: 30, offset: 29 });
  });

  it('never throws on non-JSON values', () => {
    const weird: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      NaN,
      { acts: [() => 1], facts: [{ fact: '[x]', function: '[]', x: undefined }], duties: [] },
    ];
    for (const w of weird) {
      const r = importFlintJsonValue(w, 'w');
      expect(r.value.kind).toBe('Model');
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
    const e: Expr = importExpression(Symbol('s')).value;
    expect(e.kind).toBe('Call');
  });
});
