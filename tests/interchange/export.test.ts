import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  exportFlintJson,
  exportFlintJsonText,
  FlintModelSchema,
  importFlintJson,
  importFlintJsonValue,
} from '../../src/interchange/index.js';
import { jsonSchemaFiles } from '../../src/interchange/json-schema.js';
import type { Expr, FactDecl, Model } from '../../src/model/ast.js';
import { emptySpan } from '../../src/model/span.js';
import { stripSpans } from '../../src/model/walk.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sp = emptySpan('t');
const fact = (name: string, definition: Expr | null, extra: Partial<FactDecl> = {}): FactDecl => ({
  kind: 'Fact',
  name,
  nameSpan: sp,
  params: [],
  sources: [],
  explanation: null,
  meta: [],
  span: sp,
  type: { kind: 'PrimitiveType', name: 'boolean', span: sp },
  definition,
  closed: false,
  ...extra,
});
const model = (...declarations: Model['declarations']): Model => ({
  kind: 'Model',
  header: null,
  declarations,
  span: sp,
});
const lit = (type: 'integer' | 'decimal', value: string): Expr => ({ kind: 'Literal', type, value, span: sp });
const r = (name: string): Expr => ({ kind: 'Ref', frame: 'fact', name, args: [], span: sp });

describe('exportFlintJson', () => {
  it('reports constructs FLINT JSON cannot express as not-exportable, with spans, and exports the rest', () => {
    const where = { file: 't', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 9, offset: 24 } };
    const m = model(
      fact('a', { kind: 'Nary', op: 'sub', operands: [r('x'), r('y')], span: where }),
      fact('b', { kind: 'Conditional', condition: r('x'), then: r('y'), otherwise: r('z'), span: sp }),
      fact('c', { kind: 'Now', span: sp }, { closed: true }),
      fact('d', r('x'), {
        params: [{ kind: 'Param', name: 'p', type: { kind: 'PrimitiveType', name: 'actor', span: sp }, span: sp }],
      }),
      fact('e', { kind: 'Compare', op: 'lt', operands: [r('x'), r('y')], span: sp }),
      fact('f', { kind: 'Aggregate', op: 'count', bindings: [], where: null, body: null, span: sp }),
      fact('g', { kind: 'Ref', frame: 'fact', name: 'x', args: [{ kind: 'Var', name: 'p', span: sp }], span: sp }),
      fact('ok', { kind: 'Compare', op: 'ge', operands: [r('x'), r('y')], span: sp }),
    );
    const out = exportFlintJson(m);
    expect(out.diagnostics.every((d) => d.code === 'not-exportable' && d.span !== undefined)).toBe(true);
    expect(out.diagnostics.map((d) => d.severity)).toEqual([
      'error',
      'error',
      'warning',
      'error',
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(out.diagnostics[0]!.span).toEqual(where);
    expect(out.value.facts.map((f) => f.fact)).toEqual(['[a]', '[b]', '[c]', '[d]', '[e]', '[f]', '[g]', '[ok]']);
    expect(out.value.facts[0]!.function).toBe('[]');
    expect(out.value.facts[6]!.function).toBe('[x]');
    // a >= b is written as the peer's non-strict LESS_THAN with the operands reversed.
    expect(out.value.facts[7]!.function).toEqual({ expression: 'LESS_THAN', operands: ['[y]', '[x]'] });
  });

  it('writes numbers as written in text, and as numbers in the value', () => {
    const m = model(
      fact('n', {
        kind: 'Call',
        fn: 'sum',
        args: [lit('decimal', '12.50'), lit('integer', '123456789012345678901234567890')],
        span: sp,
      }),
    );
    const text = exportFlintJsonText(m).value;
    expect(text).toContain('"operand": 12.50');
    expect(text).toContain('"operand": 123456789012345678901234567890');
    expect(stripSpans(importFlintJson(text, 'n.json').value.declarations)).toEqual(stripSpans(m.declarations));
    expect(exportFlintJson(m).value.facts[0]!.function).toEqual({
      expression: 'SUM',
      operands: [
        { expression: 'LITERAL', operand: 12.5 },
        { expression: 'LITERAL', operand: 1.2345678901234568e29 },
      ],
    });
  });

  it('writes 2-space JSON with a final newline, and bare fact names in brackets', () => {
    const text = exportFlintJsonText(
      importFlintJsonValue({ acts: [], facts: [{ fact: 'minister', function: '' }], duties: [] }, 'x').value,
    ).value;
    expect(text).toBe(
      '{\n  "acts": [],\n  "facts": [\n    {\n      "fact": "[minister]",\n' +
        '      "function": "[]",\n      "sources": []\n    }\n  ],\n  "duties": []\n}\n',
    );
  });

  it('switches dialect on request: reference → sources keeps citation, dates and version', () => {
    const input = {
      acts: [],
      facts: [
        {
          fact: '[x]',
          function: '[]',
          reference: 'art. 1',
          version: '2-[19980101]-[jjjjmmdd]',
          juriconnect: 'j',
          sourcetext: 't',
          explanation: 'e',
        },
      ],
      duties: [],
    };
    const m = importFlintJsonValue(input, 'r').value;
    const asSources = exportFlintJson(m, { dialect: 'sources' });
    expect(asSources.value.facts[0]).toEqual({
      fact: '[x]',
      function: '[]',
      sources: [
        {
          validFrom: '01-01-1998',
          juriconnect: 'j',
          citation: 'art. 1',
          text: 't',
          version: '2-[19980101]-[jjjjmmdd]',
        },
      ],
      explanation: 'e',
    });
    expect(exportFlintJson(m).value.facts[0]).toEqual(input.facts[0]);
    const back = importFlintJsonValue(asSources.value, 's').value;
    expect(exportFlintJson(back, { dialect: 'reference' }).value.facts[0]).toEqual(input.facts[0]);
  });

  it('warns when the reference dialect cannot hold every source of a frame', () => {
    const m = importFlintJsonValue(
      {
        acts: [],
        facts: [{ fact: '[x]', function: '[]', sources: [{ citation: 'a', explanation: 'why' }, { citation: 'b' }] }],
        duties: [],
      },
      's',
    ).value;
    const out = exportFlintJson(m, { dialect: 'reference' });
    expect(out.value.facts[0]).toEqual({ fact: '[x]', function: '[]', reference: 'a' });
    expect(out.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['not-exportable', 'warning'],
      ['not-exportable', 'warning'],
    ]);
  });

  it('keeps a string create only while it still names the same effects', () => {
    const m = importFlintJsonValue(
      { acts: [{ act: '<<a>>', actor: '', object: '', recipient: '', create: '<b>; <c>' }], facts: [], duties: [] },
      'x',
    ).value;
    expect(exportFlintJson(m).value.acts[0]!.create).toBe('<b>; <c>');
    const act = m.declarations[0]!;
    if (act.kind !== 'Act') throw new Error('expected an act');
    const edited: Model = { ...m, declarations: [{ ...act, creates: act.creates.slice(0, 1) }] };
    expect(exportFlintJson(edited).value.acts[0]!.create).toEqual(['<b>']);
  });

  it('produces output that the zod model schema accepts', () => {
    const m = importFlintJsonValue(
      {
        model: 'M',
        acts: [{ act: '<<a>>', actor: '[x]', object: '', recipient: '' }],
        facts: [],
        duties: [{ duty: '<d>' }],
      },
      'x',
    ).value;
    expect(FlintModelSchema.safeParse(exportFlintJson(m).value).success).toBe(true);
  });
});

describe('JSON Schema files', () => {
  it('schemas/*.schema.json are up to date with the zod schemas (npm run schema:generate)', () => {
    for (const [name, text] of Object.entries(jsonSchemaFiles())) {
      expect(readFileSync(join(root, 'schemas', name), 'utf8'), name).toBe(text);
    }
  });

  it('the model schema requires the three frame arrays and names the expression definition', () => {
    const schema = JSON.parse(jsonSchemaFiles()['flint-model.schema.json']!) as {
      required: string[];
      $defs: Record<string, unknown>;
    };
    expect(schema.required).toEqual(['acts', 'facts', 'duties']);
    expect(Object.keys(schema.$defs)).toContain('FlintExpression');
  });
});
