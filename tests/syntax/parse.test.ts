import { describe, expect, it } from 'vitest';
import type { ActDecl, DutyDecl, Expr, FactDecl, SourceDecl } from '../../src/model/ast.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse } from '../../src/syntax/index.js';

/** Parse a fact definition and return it without spans. */
function defn(expr: string, type = 'decimal'): Expr {
  const r = parse(`fact [f]: ${type} {\n  value: ${expr}\n}\n`, 't.flint');
  expect(r.diagnostics).toEqual([]);
  const f = r.value.declarations[0] as FactDecl;
  return stripSpans(f.definition as Expr);
}

const v = (name: string) => ({ kind: 'Var', name });
const int = (value: string) => ({ kind: 'Literal', type: 'integer', value });
const fact = (name: string, ...args: unknown[]) => ({ kind: 'Ref', frame: 'fact', name, args });

describe('declarations', () => {
  it('reads the header with spans', () => {
    const text =
      'model "Awb" {\n  language: nl\n  jurisdiction: "NL"\n  version: 2024-01-01\n  meta x: {"a": [1, 2]}\n}\n';
    const r = parse(text, 'h.flint');
    expect(r.diagnostics).toEqual([]);
    const h = r.value.header;
    expect(stripSpans(h)).toEqual({
      kind: 'Header',
      title: 'Awb',
      language: 'nl',
      jurisdiction: 'NL',
      versionDate: '2024-01-01',
      meta: [{ kind: 'Meta', key: 'x', value: { a: [1, 2] } }],
    });
    expect(h?.span).toEqual({
      file: 'h.flint',
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 6, column: 2, offset: text.length - 1 },
    });
  });

  it('reads a source block with a text block and an open validity range', () => {
    const r = parse(
      'source awb-4:1 {\n  citation: "art. 4:1 Awb"\n  valid: 1994-01-01 ..\n' +
        '  text: """\n    Regel een\n      ingesprongen\n    """\n}\n',
      's.flint',
    );
    expect(r.diagnostics).toEqual([]);
    const s = r.value.declarations[0] as SourceDecl;
    expect(s.id).toBe('awb-4:1');
    expect(s.idSpan.start).toEqual({ line: 1, column: 8, offset: 7 });
    expect(s.idSpan.end).toEqual({ line: 1, column: 15, offset: 14 });
    expect([s.validFrom, s.validTo, s.citation, s.text]).toEqual([
      '1994-01-01',
      null,
      'art. 4:1 Awb',
      'Regel een\n  ingesprongen',
    ]);
  });

  it('reads closed range ends and quoted source ids', () => {
    const r = parse(
      'source "Artikel 1" { valid: .. 2023-12-31 }\nfact [a] { sources: "Artikel 1", awb-1:1 }',
      's.flint',
    );
    expect(r.diagnostics).toEqual([]);
    const [s, f] = r.value.declarations as [SourceDecl, FactDecl];
    expect([s.id, s.validFrom, s.validTo]).toEqual(['Artikel 1', null, '2023-12-31']);
    expect(f.sources.map((x) => x.id)).toEqual(['Artikel 1', 'awb-1:1']);
  });

  it('reads facts: type, params, closed, holds when, sources, explanation', () => {
    const r = parse(
      'fact [bestuursorgaan]: actor { closed  sources: awb-1:1 }\n' +
        'fact [aanvraag](aanvrager: [persoon], onderwerp: text) {\n' +
        '  holds when: [x](aanvrager)\n  explanation: "Een verzoek."\n}\n',
      'f.flint',
    );
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.value.declarations as [FactDecl, FactDecl];
    expect(stripSpans(a)).toMatchObject({
      kind: 'Fact',
      name: 'bestuursorgaan',
      type: { kind: 'PrimitiveType', name: 'actor' },
      closed: true,
      definition: null,
      sources: [{ kind: 'SourceRef', id: 'awb-1:1' }],
    });
    expect(a.nameSpan.start.column).toBe(6);
    expect(a.nameSpan.end.column).toBe(22);
    expect(stripSpans(b.params)).toEqual([
      { kind: 'Param', name: 'aanvrager', type: { kind: 'FactType', name: 'persoon' } },
      { kind: 'Param', name: 'onderwerp', type: { kind: 'PrimitiveType', name: 'text' } },
    ]);
    expect(b.type).toMatchObject({ kind: 'PrimitiveType', name: 'boolean' });
    expect(stripSpans(b.definition)).toEqual(fact('x', v('aanvrager')));
    expect(b.explanation).toBe('Een verzoek.');
  });

  it('reads acts with effects and meta', () => {
    const r = parse(
      'act <<indienen aanvraag>>(aanvrager: [persoon]) {\n  actor: aanvrager\n' +
        '  action: indienen\n  object: [aanvraag](aanvrager)\n  recipient: [bestuursorgaan]\n' +
        '  preconditions: not [anders bepaald]\n  creates: [aanvraag](aanvrager), ' +
        '<beslissen>(aanvrager), <<x>>\n  terminates: [concept]\n  meta tags: ""\n}\n',
      'a.flint',
    );
    expect(r.diagnostics).toEqual([]);
    const a = stripSpans(r.value.declarations[0] as ActDecl);
    expect(a.actor).toEqual(v('aanvrager'));
    expect(a.action).toBe('indienen');
    expect(a.preconditions).toEqual({ kind: 'Unary', op: 'not', operand: fact('anders bepaald') });
    expect(a.creates).toEqual([
      { kind: 'Effect', frame: 'fact', name: 'aanvraag', args: [v('aanvrager')] },
      { kind: 'Effect', frame: 'duty', name: 'beslissen', args: [v('aanvrager')] },
      { kind: 'Effect', frame: 'act', name: 'x', args: [] },
    ]);
    expect(a.terminates).toEqual([{ kind: 'Effect', frame: 'fact', name: 'concept', args: [] }]);
    expect(a.meta).toEqual([{ kind: 'Meta', key: 'tags', value: '' }]);
  });

  it('reads the Atw marker of a deadline', () => {
    const read = (marker: string) => {
      const r = parse(`duty <d>() {\n  deadline: within 6 weeks${marker}\n  sources: x\n}\n`, 'd.flint');
      const d = stripSpans(r.value.declarations[0] as DutyDecl);
      return { diagnostics: r.diagnostics.map((x) => x.code), deadline: d.deadline, sources: d.sources };
    };
    const sixWeeks = { kind: 'Literal', type: 'duration', value: 'P6W' };
    expect(read(', atw')).toEqual({
      diagnostics: [],
      deadline: { kind: 'Deadline', form: 'within', value: sixWeeks, atw: { applies: true } },
      sources: [{ kind: 'SourceRef', id: 'x' }],
    });
    expect(read(', not atw because awir-28-lid-3').deadline).toEqual({
      kind: 'Deadline',
      form: 'within',
      value: sixWeeks,
      atw: { applies: false, source: 'awir-28-lid-3' },
    });
    expect(read('').deadline).toEqual({ kind: 'Deadline', form: 'within', value: sixWeeks, atw: null });
    expect(read(', not atw').diagnostics).toEqual(['invalid-field-value']);
    // `atw` is a marker only as a whole item: in an expression it stays a name.
    const r = parse('fact [f]: boolean {\n  value: not atw and atw\n}\n', 'f.flint');
    expect(r.diagnostics).toEqual([]);
    const bad = parse('fact [f]: boolean {\n  value: atw\n}\nfact [g]: boolean {\n  value: x, not atw\n}\n', 'f.flint');
    expect(bad.diagnostics.map((x) => x.code)).toEqual(['invalid-field-value', 'invalid-field-value']);
  });

  it('reads duties with deadlines', () => {
    const r = parse(
      'duty <beslissen>(aanvrager: [persoon]) {\n  holder: [bestuursorgaan]\n  claimant: aanvrager\n' +
        '  created by: <<indienen>>\n  terminated by: <<bekendmaken>>, <<intrekken>>\n' +
        '  enforced by: <<ingebrekestelling>>\n  deadline: by [datum](aanvrager) + 8 weeks\n' +
        '  violated when: today > [datum](aanvrager)\n  components: [besluit], <<bekendmaken>>\n}\n',
      'd.flint',
    );
    expect(r.diagnostics).toEqual([]);
    const d = stripSpans(r.value.declarations[0] as DutyDecl);
    expect(d.createdBy).toEqual([{ kind: 'Ref', frame: 'act', name: 'indienen', args: [] }]);
    expect(d.terminatedBy.map((x) => x.name)).toEqual(['bekendmaken', 'intrekken']);
    expect(d.deadline).toEqual({
      kind: 'Deadline',
      form: 'by',
      value: {
        kind: 'Nary',
        op: 'add',
        operands: [fact('datum', v('aanvrager')), { kind: 'Literal', type: 'duration', value: 'P8W' }],
      },
      atw: null,
    });
    expect(d.violation).toEqual({
      kind: 'Compare',
      op: 'gt',
      operands: [{ kind: 'Now' }, fact('datum', v('aanvrager'))],
    });
    expect(d.components).toEqual([fact('besluit'), { kind: 'Ref', frame: 'act', name: 'bekendmaken', args: [] }]);
  });

  it('reads imports and Dutch declaration keywords', () => {
    const r = parse('import "../awb/awb.flint"\nfeit [a]\nhandeling <<b>>\nplicht <c>', 'i.flint');
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans(r.value.declarations)).toMatchObject([
      { kind: 'Import', path: '../awb/awb.flint' },
      { kind: 'Fact' },
      { kind: 'Act' },
      { kind: 'Duty' },
    ]);
  });

  it('keeps odd names from real models', () => {
    const names = [
      'leraar die bij aanvang van het studiejaar waarvoor de subsidie bestemd de graad Bachelor mag voeren',
      'aanvraag is gesteld in de Nederlandse, Franse of Engelse taal',
      "onderzoek in de zin van richtlijn (EU) 2016/801: § 3 'x' - y",
    ];
    for (const n of names) {
      const r = parse(`fact [${n}]`, 'n.flint');
      expect(r.diagnostics).toEqual([]);
      expect((r.value.declarations[0] as FactDecl).name).toBe(n);
    }
    expect((parse('fact [a \\] b \\u{1F600}]', 'n').value.declarations[0] as FactDecl).name).toBe('a ] b 😀');
  });
});

describe('expressions', () => {
  it('literals', () => {
    expect(defn('12.50')).toEqual({ kind: 'Literal', type: 'decimal', value: '12.50' });
    expect(defn('-12')).toEqual(int('-12'));
    expect(defn('007')).toEqual(int('7'));
    expect(defn('-(12)')).toEqual({ kind: 'Unary', op: 'neg', operand: int('12') });
    expect(defn('2024-01-01')).toEqual({ kind: 'Literal', type: 'date', value: '2024-01-01' });
    expect(defn('30 days')).toEqual({ kind: 'Literal', type: 'duration', value: 'P30D' });
    expect(defn('3 months')).toEqual({ kind: 'Literal', type: 'duration', value: 'P3M' });
    expect(defn('1 year')).toEqual({ kind: 'Literal', type: 'duration', value: 'P1Y' });
    expect(defn('true')).toEqual({ kind: 'Literal', type: 'boolean', value: true });
    expect(defn('"a\\"b\\n\\u{E9}"')).toEqual({ kind: 'Literal', type: 'text', value: 'a"b\né' });
  });

  it('precedence: or < and < not < comparison < additive < multiplicative < unary < postfix', () => {
    expect(defn('a or b and not c == d + e * -f.g')).toEqual({
      kind: 'Nary',
      op: 'or',
      operands: [
        v('a'),
        {
          kind: 'Nary',
          op: 'and',
          operands: [
            v('b'),
            {
              kind: 'Unary',
              op: 'not',
              operand: {
                kind: 'Compare',
                op: 'eq',
                operands: [
                  v('c'),
                  {
                    kind: 'Nary',
                    op: 'add',
                    operands: [
                      v('d'),
                      {
                        kind: 'Nary',
                        op: 'mul',
                        operands: [
                          v('e'),
                          { kind: 'Unary', op: 'neg', operand: { kind: 'Member', object: v('f'), field: 'g' } },
                        ],
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it('chains of one operator are one node; parentheses make their own', () => {
    expect(defn('a and b and c')).toEqual({ kind: 'Nary', op: 'and', operands: [v('a'), v('b'), v('c')] });
    expect(defn('(a + b) + c')).toEqual({
      kind: 'Nary',
      op: 'add',
      operands: [{ kind: 'Nary', op: 'add', operands: [v('a'), v('b')] }, v('c')],
    });
    expect(defn('a + b - c')).toEqual({
      kind: 'Nary',
      op: 'sub',
      operands: [{ kind: 'Nary', op: 'add', operands: [v('a'), v('b')] }, v('c')],
    });
    expect(defn('a <= b <= c')).toEqual({ kind: 'Compare', op: 'le', operands: [v('a'), v('b'), v('c')] });
    expect(defn('a = b')).toEqual({ kind: 'Compare', op: 'eq', operands: [v('a'), v('b')] });
  });

  it('tells duty names from the < operator', () => {
    expect(defn('a < b')).toEqual({ kind: 'Compare', op: 'lt', operands: [v('a'), v('b')] });
    expect(defn('<b>(a) and a < <b>')).toEqual({
      kind: 'Nary',
      op: 'and',
      operands: [
        { kind: 'Ref', frame: 'duty', name: 'b', args: [v('a')] },
        { kind: 'Compare', op: 'lt', operands: [v('a'), { kind: 'Ref', frame: 'duty', name: 'b', args: [] }] },
      ],
    });
    expect(defn('<<act>>')).toEqual({ kind: 'Ref', frame: 'act', name: 'act', args: [] });
  });

  it('calls, aggregates and conditionals', () => {
    expect(defn('min([kosten](o), 3)')).toEqual({ kind: 'Call', fn: 'min', args: [fact('kosten', v('o')), int('3')] });
    expect(defn('round(x, 2)')).toEqual({ kind: 'Call', fn: 'round', args: [v('x'), int('2')] });
    const binding = { kind: 'Param', name: 'k', type: { kind: 'FactType', name: 'kind' } };
    expect(defn('count k: [kind] where [kind van](k, o)')).toEqual({
      kind: 'Aggregate',
      op: 'count',
      bindings: [binding],
      where: fact('kind van', v('k'), v('o')),
      body: null,
    });
    expect(defn('sum k: [kind] : [uren](k)')).toEqual({
      kind: 'Aggregate',
      op: 'sum',
      bindings: [binding],
      where: null,
      body: fact('uren', v('k')),
    });
    expect(defn('exists k: [kind], o: [ouder] where a')).toMatchObject({
      op: 'exists',
      bindings: [binding, { name: 'o' }],
    });
    expect(defn('forall k: [kind] where a : b')).toMatchObject({ op: 'forall', where: v('a'), body: v('b') });
    expect(defn('(count k: [kind]) > 0')).toMatchObject({
      kind: 'Compare',
      operands: [{ kind: 'Aggregate' }, int('0')],
    });
    expect(defn('if a then 1 else 2')).toEqual({
      kind: 'Conditional',
      condition: v('a'),
      then: int('1'),
      otherwise: int('2'),
    });
    expect(defn('today')).toEqual({ kind: 'Now' });
  });

  it('FLINT JSON compatibility forms', () => {
    expect(defn('is "did:x" or anyone')).toEqual({
      kind: 'Nary',
      op: 'or',
      operands: [
        { kind: 'Is', identity: 'did:x' },
        { kind: 'Is', identity: null },
      ],
    });
    expect(defn('created')).toEqual({ kind: 'Created', operands: [] });
    expect(defn('created(a, b)')).toEqual({ kind: 'Created', operands: [v('a'), v('b')] });
    expect(defn('[x] of [a]')).toEqual({ kind: 'Projection', scope: 'single', context: ['a'], operand: fact('x') });
    expect(defn('all [x] of [a] via [b]')).toEqual({
      kind: 'Projection',
      scope: 'all',
      context: ['a', 'b'],
      operand: fact('x'),
    });
    expect(defn('some [x] of [a]')).toMatchObject({ scope: 'some' });
    expect(defn('list "kinderen" ([kind])')).toEqual({ kind: 'List', name: 'kinderen', item: fact('kind') });
    expect(defn('list ([kind])')).toEqual({ kind: 'List', name: null, item: fact('kind') });
  });

  it('spans cover the expression text', () => {
    const r = parse('fact [f] {\n  holds when: [a](x) and y\n}', 's.flint');
    const d = (r.value.declarations[0] as FactDecl).definition;
    expect(d?.span.start).toEqual({ line: 2, column: 15, offset: 25 });
    expect(d?.span.end).toEqual({ line: 2, column: 27, offset: 37 });
    expect(d?.kind === 'Nary' && d.operands[1]?.span.start.column).toBe(26);
  });

  it('comments are skipped', () => {
    const r = parse('// kop\nfact [a] /* blok\n over regels */ { holds when: b // uitleg\n}', 'c.flint');
    expect(r.diagnostics).toEqual([]);
    expect(stripSpans((r.value.declarations[0] as FactDecl).definition)).toEqual(v('b'));
  });
});

describe('field checks', () => {
  it('reports unknown and duplicate fields, unknown types, bad meta and escapes', () => {
    const codes = (t: string) => parse(t, 'x.flint').diagnostics.map((d) => d.code);
    expect(codes('fact [a] { sorces: x }')).toEqual(['unknown-field']);
    expect(codes('fact [a] { explanation: "x" explanation: "y" }')).toEqual(['duplicate-field']);
    expect(codes('fact [a]: numbr')).toEqual(['unknown-type']);
    expect(codes('fact [a] { meta x: {bad} }')).toEqual(['invalid-meta-value']);
    expect(codes('fact [a] { explanation: "\\q" }')).toEqual(['invalid-escape']);
    expect(codes('fact [a] { holds when: 1 < 2 <= 3 }')).toEqual(['mixed-comparison']);
    expect(codes('act <<a>> { closed }')).toEqual(['unknown-field']);
    expect(codes('duty <d> { deadline: 8 weeks }')).toEqual(['invalid-field-value']);
  });
});
