/** Generators of scenario AST nodes (grammar/README.md#scenarios), for round-trip and no-throw properties. */
import fc from 'fast-check';
import type { Expr, Ref, ScenarioDecl, ScenarioStep } from '../../src/model/ast.js';
import { arbIdent, arbName, arbText, genSpan as span } from '../helpers/arbitraries.js';

const arbDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
/** Names of the frames and actors of examples/scenarios/aanvraag.flint, so runs reach real paths. */
const arbModelName = fc.constantFrom(
  'persoon',
  'bestuursorgaan',
  'ingezetene',
  'uitgesloten',
  'kosten',
  'uren',
  'aanvraag',
  'besluit',
  'toeslag',
  'indienen aanvraag',
  'beslissen op aanvraag',
  'ingebrekestellen',
);
/** An actor or instance id: a word or any text (printed quoted). */
const arbId = fc.oneof(arbIdent, arbText, fc.constantFrom('alice', 'gemeente'));
const arbArg: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom('alice', 'gemeente').map((name) => ({ kind: 'Var' as const, name, span })),
  arbIdent.map((name) => ({ kind: 'Var' as const, name, span })),
  arbText.map((value) => ({ kind: 'Literal' as const, type: 'text' as const, value, span })),
  fc
    .integer({ min: 0, max: 99999 })
    .map((n) => ({ kind: 'Literal' as const, type: 'integer' as const, value: String(n), span })),
);
const arbValue: fc.Arbitrary<Expr> = fc.oneof(
  arbArg.filter((e) => e.kind === 'Literal'),
  fc
    .constantFrom('196.80', '0.5', '12.00')
    .map((value) => ({ kind: 'Literal' as const, type: 'decimal' as const, value, span })),
  fc.boolean().map((value) => ({ kind: 'Literal' as const, type: 'boolean' as const, value, span })),
  arbDate.map((value) => ({ kind: 'Literal' as const, type: 'date' as const, value, span })),
);
const arbRef = (frame: Ref['frame']): fc.Arbitrary<Ref> =>
  fc.record({
    kind: fc.constant('Ref' as const),
    frame: fc.constant(frame),
    name: fc.oneof(arbName, arbModelName),
    args: fc.array(arbArg, { maxLength: 2 }),
    span: fc.constant(span),
  });
const optDate = fc.option(arbDate, { nil: null });

/** Any scenario step. */
export const arbStep: fc.Arbitrary<ScenarioStep> = fc.oneof(
  arbDate.map((date) => ({ kind: 'AsOf' as const, date, span })),
  fc
    .array(
      fc.record({
        kind: fc.constant('ScenarioActor' as const),
        id: arbId,
        roles: fc.array(arbName, { maxLength: 2 }),
        span: fc.constant(span),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((actors) => ({ kind: 'Actors' as const, actors, span })),
  fc
    .record({
      kind: fc.constant('Given' as const),
      fact: arbRef('fact'),
      negated: fc.boolean(),
      value: fc.option(arbValue, { nil: null }),
      span: fc.constant(span),
    })
    // `given not [f] = 5` has no written form: a valued given is never negated.
    .map((g) => (g.value !== null ? { ...g, negated: false } : g)),
  fc.record({
    kind: fc.constant('Do' as const),
    actor: arbId,
    act: arbRef('act'),
    force: fc.boolean(),
    at: optDate,
    span: fc.constant(span),
  }),
  arbDate.map((date) => ({ kind: 'Advance' as const, date, span })),
  fc.record({
    kind: fc.constant('ExpectFact' as const),
    fact: arbRef('fact'),
    negated: fc.boolean(),
    span: fc.constant(span),
  }),
  fc.record({ kind: fc.constant('ExpectUnknown' as const), fact: arbRef('fact'), span: fc.constant(span) }),
  fc.record({
    kind: fc.constant('ExpectValue' as const),
    fact: arbRef('fact'),
    value: arbValue,
    span: fc.constant(span),
  }),
  fc
    .record({
      kind: fc.constant('ExpectAct' as const),
      act: arbRef('act'),
      actor: arbId,
      available: fc.boolean(),
      because: fc.option(
        fc.oneof(
          fc
            .constantFrom('actor', 'object', 'recipient', 'preconditions', 'validity')
            .map((item) => ({ kind: 'ReasonItem' as const, item, span })),
          arbName.map((name) => ({ kind: 'Ref' as const, frame: 'fact' as const, name, args: [], span })),
        ),
        { nil: null },
      ),
      span: fc.constant(span),
    })
    .map((s) => (s.available ? { ...s, because: null } : s)),
  fc.record({
    kind: fc.constant('ExpectDuty' as const),
    duty: arbRef('duty'),
    active: fc.boolean(),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('ExpectViolation' as const),
    frame: fc.oneof(arbRef('duty'), arbRef('act')),
    negated: fc.boolean(),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('ExpectSources' as const),
    act: arbRef('act'),
    sources: fc.array(
      fc.oneof(fc.constantFrom('awb-4:13', 'art. 4:13 Awb', 'jci1.3:c:BWBR0005537&artikel=4:13'), arbText),
      { minLength: 1, maxLength: 3 },
    ),
    span: fc.constant(span),
  }),
  fc.record({
    kind: fc.constant('ExpectRefused' as const),
    actor: arbId,
    act: arbRef('act'),
    at: optDate,
    span: fc.constant(span),
  }),
);

/** A scenario over the given names (default: any names). */
export const arbScenario: fc.Arbitrary<ScenarioDecl> = fc.record({
  kind: fc.constant('Scenario' as const),
  name: arbText,
  nameSpan: fc.constant(span),
  steps: fc.array(arbStep, { maxLength: 8 }),
  span: fc.constant(span),
});
