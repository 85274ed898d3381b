/**
 * fast-check arbitraries for valid Model ASTs (every node kind, odd names and strings).
 * Spans are dummies; compare with `stripSpans`. Used by tests/syntax/roundtrip.property.test.ts
 * and free for other stages' property tests.
 */
import fc from 'fast-check';
import type {
  ActDecl,
  Decl,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  Header,
  Import,
  JsonValue,
  MetaEntry,
  Model,
  Param,
  Ref,
  FrameVariant,
  SourceDecl,
  SourceRef,
  SourceVersion,
  TypeRef,
} from '../../src/model/ast.js';
import { emptySpan } from '../../src/model/span.js';
import { RESERVED_WORDS } from '../../grammar/tokens.js';
import { PRIMITIVE_TYPES } from '../../src/syntax/to-ast.js';

/** The dummy span of generated nodes. */
export const genSpan = emptySpan('generated.flint');
const span = genSpan;

/** Odd but printable text: quotes, backslashes, brackets, newlines, CR, tabs, controls, mis-encodings, emoji. */
export const arbText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      '"',
      '\\',
      ']',
      '[',
      '>',
      '<',
      '\n',
      '\r',
      '\t',
      '\u0000',
      'Ã©',
      '§',
      '€',
      '😀',
      '\uD800',
      '"""',
      '{',
      '}',
      '/',
      '*',
      ':',
    ),
    maxLength: 10,
  }),
  fc.constantFrom(
    '',
    'Een verzoek van een belanghebbende, een besluit te nemen.',
    'regel 1\nregel 2\n',
    '  ingesprongen\n\ttab',
  ),
);

/** Frame names as found in real models, plus odd ones (the empty name included: FLINT JSON has `<>`). */
export const arbName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'aanvraag',
    'aanvraag is gesteld in de Nederlandse, Franse of Engelse taal',
    'leraar die bij aanvang van het studiejaar waarvoor de subsidie bestemd de graad Bachelor mag voeren',
    'onderzoek in de zin van richtlijn (EU) 2016/801',
    "vreemdeling's § 8 lid 1 - a/b: c",
    'Vul in 1.5 voor factor 150%',
    'herroepen bestreden besluit\r\n',
    '',
  ),
  arbText,
);

/** Identifiers usable as parameter, variable and member names. */
export const arbIdent: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('aanvrager', 'ouder', 'k', 'kind_2', 'ë', '_x', 'actor', 'text', 'datum'),
    fc.stringMatching(/^[a-zé_][a-z0-9_]{0,6}$/),
  )
  .filter((s) => !RESERVED_WORDS.has(s));

const arbDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const arbSourceId = fc.oneof(
  fc.constantFrom('awb-4:1', 'awb-1:3', 'wko.1-5', '2024-01-01', 'fact'),
  arbText.filter((s) => s.length > 0),
);

const arbJson: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 2 })
  .map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);

const arbMeta: fc.Arbitrary<MetaEntry[]> = fc.array(
  fc.record({
    kind: fc.constant('Meta' as const),
    key: fc.oneof(arbIdent, arbText),
    value: arbJson,
    span: fc.constant(span),
  }),
  { maxLength: 2 },
);

const arbTypeRef: fc.Arbitrary<TypeRef> = fc.oneof(
  fc.constantFrom(...PRIMITIVE_TYPES).map((name) => ({ kind: 'PrimitiveType' as const, name, span })),
  arbName.map((name) => ({ kind: 'FactType' as const, name, span })),
);

const arbParam: fc.Arbitrary<Param> = fc.record({
  kind: fc.constant('Param' as const),
  name: arbIdent,
  type: arbTypeRef,
  span: fc.constant(span),
});

const arbLiteral: fc.Arbitrary<Expr> = fc.oneof(
  fc.boolean().map((value) => ({ kind: 'Literal' as const, type: 'boolean' as const, value, span })),
  fc
    .bigInt({ min: -(10n ** 12n), max: 10n ** 12n })
    .map((n) => ({ kind: 'Literal' as const, type: 'integer' as const, value: n.toString(), span })),
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.stringMatching(/^[0-9]{1,4}$/))
    .map(([neg, i, f]) => ({
      kind: 'Literal' as const,
      type: 'decimal' as const,
      value: `${neg ? '-' : ''}${i}.${f}`,
      span,
    })),
  arbText.map((value) => ({ kind: 'Literal' as const, type: 'text' as const, value, span })),
  arbDate.map((value) => ({ kind: 'Literal' as const, type: 'date' as const, value, span })),
  fc
    .tuple(fc.nat({ max: 400 }), fc.constantFrom('D', 'W', 'M', 'Y'))
    .map(([n, u]) => ({ kind: 'Literal' as const, type: 'duration' as const, value: `P${n}${u}`, span })),
);

const FUNCTIONS = ['min', 'max', 'sum', 'product', 'abs', 'round', 'floor', 'ceil', 'date', 'year', 'days'];

/** Valid expressions of every kind, nested up to a small depth. */
export const arbExpr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => {
  const e = tie('expr');
  const es = (min: number, max: number) => fc.array(e, { minLength: min, maxLength: max });
  // An aggregate binding: over a type's instances, or a month binding with its range (grammar/README.md#months).
  const binding: fc.Arbitrary<Param> = fc.oneof(
    arbParam,
    fc.record({ name: arbIdent, from: e, to: fc.option(e, { nil: null }) }).map(
      (r): Param => ({
        kind: 'Param',
        name: r.name,
        type: { kind: 'PrimitiveType', name: 'month', span },
        range: { kind: 'MonthRange', from: r.from, to: r.to, span },
        span,
      }),
    ),
  );
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      arbLiteral,
      arbIdent.map((name): Expr => ({ kind: 'Var', name, span })),
      fc.constant<Expr>({ kind: 'Now', span }),
      fc.option(arbText, { nil: null }).map((identity): Expr => ({ kind: 'Is', identity, span })),
      fc
        .record({
          frame: fc.constantFrom('fact' as const, 'duty' as const, 'act' as const),
          name: arbName,
          args: es(0, 2),
        })
        .map((r): Expr => ({ kind: 'Ref', ...r, span })),
      fc.record({ object: e, field: arbIdent }).map((r): Expr => ({ kind: 'Member', ...r, span })),
      fc
        .record({ op: fc.constantFrom('not' as const, 'neg' as const), operand: e })
        .map((r): Expr => ({ kind: 'Unary', ...r, span })),
      fc
        .record({
          op: fc.constantFrom(
            'and' as const,
            'or' as const,
            'add' as const,
            'sub' as const,
            'mul' as const,
            'div' as const,
          ),
          operands: es(2, 3),
        })
        .map((r): Expr => ({ kind: 'Nary', ...r, span })),
      fc
        .record({
          op: fc.constantFrom('eq' as const, 'ne' as const, 'lt' as const, 'le' as const, 'gt' as const, 'ge' as const),
          operands: es(2, 3),
        })
        .map((r): Expr => ({ kind: 'Compare', ...r, span })),
      fc.record({ fn: fc.constantFrom(...FUNCTIONS), args: es(0, 3) }).map((r): Expr => ({ kind: 'Call', ...r, span })),
      fc
        .record({
          op: fc.constantFrom(
            'count' as const,
            'exists' as const,
            'forall' as const,
            'sum' as const,
            'min' as const,
            'max' as const,
          ),
          bindings: fc.array(binding, { minLength: 1, maxLength: 2 }),
          where: fc.option(e, { nil: null }),
          body: fc.option(e, { nil: null }),
        })
        .map((r): Expr => ({ kind: 'Aggregate', ...r, span })),
      fc.record({ condition: e, then: e, otherwise: e }).map((r): Expr => ({ kind: 'Conditional', ...r, span })),
      es(0, 2).map((operands): Expr => ({ kind: 'Created', operands, span })),
      fc
        .record({
          scope: fc.constantFrom('single' as const, 'all' as const, 'some' as const),
          context: fc.array(arbName, { minLength: 1, maxLength: 3 }),
          operand: e,
        })
        .map((r): Expr => ({ kind: 'Projection', ...r, span })),
      fc.record({ name: fc.option(arbText, { nil: null }), item: e }).map((r): Expr => ({ kind: 'List', ...r, span })),
    ),
  };
}).expr;

const optExpr = fc.option(arbExpr, { nil: null });
const optText = fc.option(arbText, { nil: null });
/** Version labels as written after `version` and `@` (grammar/README.md#versions). */
const arbLabel = fc.constantFrom('2024', '2025', 'v1', '2023-07-01', 'a_b');
/** A bare source id (one that can carry `@label`). */
const arbBareSourceId = fc.constantFrom('awb-4:1', 'bkot-4', 'wko.1-5', 'awir-26a');
const arbVersionRef: fc.Arbitrary<SourceRef> = fc
  .tuple(arbBareSourceId, arbLabel)
  .map(([id, version]) => ({ kind: 'SourceRef' as const, id, version, span }));
const sources: fc.Arbitrary<SourceRef[]> = fc.array(
  fc.oneof(
    arbSourceId.map((id) => ({ kind: 'SourceRef' as const, id, span })),
    arbVersionRef,
  ),
  { maxLength: 3 },
);
const arbValid = fc.option(
  fc
    .tuple(fc.option(arbDate, { nil: null }), fc.option(arbDate, { nil: null }))
    .filter(([from, to]) => from !== null || to !== null)
    .map(([from, to]) => ({ from, to, span })),
  { nil: null },
);
/** A frame variant setting the fields `fields` gives it (grammar/README.md#versions). */
const arbVariant = (fields: fc.Arbitrary<Partial<FrameVariant>>): fc.Arbitrary<FrameVariant> =>
  fc
    .record({
      sources: fc.array(arbVersionRef, { minLength: 1, maxLength: 2 }),
      valid: arbValid,
      explanation: optText,
      fields,
    })
    .map(({ fields: f, ...v }) => ({
      kind: 'Variant' as const,
      definition: null,
      preconditions: null,
      creates: null,
      terminates: null,
      deadline: null,
      ...v,
      ...f,
      span,
    }));
/** `applies as of` and variants, as the parser gives them: absent when not written. */
const versioned = (fields: fc.Arbitrary<Partial<FrameVariant>>) =>
  fc
    .record({ asOf: fc.option(arbExpr, { nil: null }), variants: fc.array(arbVariant(fields), { maxLength: 2 }) })
    .map(({ asOf, variants }) => ({
      ...(asOf !== null ? { appliesAsOf: asOf } : {}),
      ...(variants.length > 0 ? { variants } : {}),
    }));
const frameCommon = {
  name: arbName,
  nameSpan: fc.constant(span),
  params: fc.array(arbParam, { maxLength: 2 }),
  sources,
  explanation: optText,
  meta: arbMeta,
  span: fc.constant(span),
};

const arbEffect: fc.Arbitrary<Effect> = fc.record({
  kind: fc.constant('Effect' as const),
  frame: fc.constantFrom('fact' as const, 'duty' as const, 'act' as const),
  name: arbName,
  args: fc.array(arbExpr, { maxLength: 2 }),
  span: fc.constant(span),
});

const arbActRef: fc.Arbitrary<Ref> = fc.record({
  kind: fc.constant('Ref' as const),
  frame: fc.constant('act' as const),
  name: arbName,
  args: fc.array(arbExpr, { maxLength: 1 }),
  span: fc.constant(span),
});

const arbFact: fc.Arbitrary<FactDecl> = fc
  .record({
    kind: fc.constant('Fact' as const),
    ...frameCommon,
    type: arbTypeRef,
    definition: optExpr,
    closed: fc.boolean(),
    v: versioned(arbExpr.map((definition) => ({ definition }))),
  })
  .map(({ v, ...f }) => ({ ...f, ...v }));

const arbAct: fc.Arbitrary<ActDecl> = fc
  .record({
    kind: fc.constant('Act' as const),
    ...frameCommon,
    actor: optExpr,
    action: optText,
    object: optExpr,
    recipient: optExpr,
    preconditions: optExpr,
    creates: fc.array(arbEffect, { maxLength: 2 }),
    terminates: fc.array(arbEffect, { maxLength: 2 }),
    v: versioned(
      fc.record({
        preconditions: optExpr,
        creates: fc.option(fc.array(arbEffect, { minLength: 1, maxLength: 2 }), { nil: null }),
        terminates: fc.option(fc.array(arbEffect, { minLength: 1, maxLength: 2 }), { nil: null }),
      }),
    ),
  })
  .map(({ v, ...a }) => ({ ...a, ...v }));

const arbDeadline = fc.record({
  kind: fc.constant('Deadline' as const),
  form: fc.constantFrom('within' as const, 'by' as const),
  value: arbExpr,
  atw: fc.oneof(
    fc.constant(null),
    fc.constant({ applies: true as const }),
    fc
      .constantFrom('awb-4:1', 'awir-28-lid-3', 'wko.1-5', 'fact', '2024-01-01')
      .map((source) => ({ applies: false as const, source, span })),
  ),
  span: fc.constant(span),
});

const arbDutyVersions = versioned(arbDeadline.map((deadline) => ({ deadline })));

const arbDuty: fc.Arbitrary<DutyDecl> = fc
  .tuple(
    arbDutyVersions,
    fc.record({
      kind: fc.constant('Duty' as const),
      ...frameCommon,
      holder: optExpr,
      claimant: optExpr,
      createdBy: fc.array(arbActRef, { maxLength: 2 }),
      terminatedBy: fc.array(arbActRef, { maxLength: 2 }),
      enforcedBy: fc.array(arbActRef, { maxLength: 1 }),
      deadline: fc.option(arbDeadline, { nil: null }),
      violation: optExpr,
      components: fc.array(arbExpr, { maxLength: 2 }),
    }),
  )
  .map(([v, d]) => ({ ...d, ...v }));

const optDate = fc.option(fc.oneof(arbDate, arbText), { nil: null });

const arbSourceVersion: fc.Arbitrary<SourceVersion> = fc.record({
  kind: fc.constant('SourceVersion' as const),
  label: arbLabel,
  labelSpan: fc.constant(span),
  validFrom: fc.option(arbDate, { nil: null }),
  validTo: fc.option(arbDate, { nil: null }),
  publication: optText,
  juriconnect: optText,
  eli: optText,
  url: optText,
  text: optText,
  explanation: optText,
  span: fc.constant(span),
});

const arbSource: fc.Arbitrary<SourceDecl> = fc
  .record({
    kind: fc.constant('Source' as const),
    id: arbSourceId,
    idSpan: fc.constant(span),
    juriconnect: optText,
    eli: optText,
    url: optText,
    citation: optText,
    text: optText,
    validFrom: optDate,
    validTo: optDate,
    explanation: optText,
    publication: optText,
    versions: fc.array(arbSourceVersion, { maxLength: 2 }),
    meta: arbMeta,
    span: fc.constant(span),
  })
  // As the parser gives them: no `valid` of its own with versions, absent fields when not written.
  .map(({ publication, versions, ...s }) => ({
    ...s,
    ...(versions.length > 0 ? { validFrom: null, validTo: null, versions } : {}),
    ...(publication !== null ? { publication } : {}),
  }));

const arbImport: fc.Arbitrary<Import> = arbText.map((path) => ({ kind: 'Import' as const, path, span }));

const arbHeader: fc.Arbitrary<Header> = fc
  .record({
    kind: fc.constant('Header' as const),
    title: arbText,
    language: optText,
    jurisdiction: optText,
    versionDate: optDate,
    period: arbValid,
    meta: arbMeta,
    span: fc.constant(span),
  })
  // `period:` (grammar/README.md#versions) is absent when not written.
  .map(({ period, ...h }) => ({ ...h, ...(period !== null ? { period: { from: period.from, to: period.to } } : {}) }));

/** Any declaration. */
export const arbDecl: fc.Arbitrary<Decl> = fc.oneof(arbSource, arbFact, arbAct, arbDuty, arbImport);

/** A whole valid model. */
export const arbModel: fc.Arbitrary<Model> = fc.record({
  kind: fc.constant('Model' as const),
  header: fc.option(arbHeader, { nil: null }),
  declarations: fc.array(arbDecl, { maxLength: 4 }),
  span: fc.constant(span),
});
