import { describe, expect, it } from 'vitest';
import type { ScenarioDecl, ScenarioStep } from '../../src/model/ast.js';
import { stripSpans } from '../../src/model/walk.js';
import { SCENARIO_WORDS } from '../../grammar/tokens.js';
import { parse, print } from '../../src/syntax/index.js';

function scenarioOf(text: string): { scenario: ScenarioDecl | undefined; codes: string[] } {
  const r = parse(text, 't.flint');
  const scenario = r.value.declarations.find((d): d is ScenarioDecl => d.kind === 'Scenario');
  return { scenario, codes: r.diagnostics.map((d) => d.code) };
}

/** The single step of `scenario "s" { <step> }`, without spans. */
function step(text: string): ScenarioStep {
  const { scenario, codes } = scenarioOf(`scenario "s" {\n  ${text}\n}\n`);
  expect(codes, text).toEqual([]);
  expect(scenario?.steps).toHaveLength(1);
  return stripSpans(scenario?.steps[0] as ScenarioStep);
}

const v = (name: string) => ({ kind: 'Var', name });
const ref = (frame: 'fact' | 'act' | 'duty', name: string, args: unknown[] = []) => ({
  kind: 'Ref',
  frame,
  name,
  args,
});

describe('scenario steps: parse', () => {
  it('as of, actors, given (plain, negated, valued)', () => {
    expect(step('as of 2024-01-01')).toEqual({ kind: 'AsOf', date: '2024-01-01' });
    expect(step('actors: alice: [persoon], gemeente: [bestuursorgaan] [organisatie], "did:x":')).toEqual({
      kind: 'Actors',
      actors: [
        { kind: 'ScenarioActor', id: 'alice', roles: ['persoon'] },
        { kind: 'ScenarioActor', id: 'gemeente', roles: ['bestuursorgaan', 'organisatie'] },
        { kind: 'ScenarioActor', id: 'did:x', roles: [] },
      ],
    });
    expect(step('given [bevoegd]')).toEqual({
      kind: 'Given',
      fact: ref('fact', 'bevoegd'),
      negated: false,
      value: null,
    });
    expect(step('given not [uitgesloten](alice)')).toEqual({
      kind: 'Given',
      fact: ref('fact', 'uitgesloten', [v('alice')]),
      negated: true,
      value: null,
    });
    expect(step('given [leeftijd]("k1") = 5')).toEqual({
      kind: 'Given',
      fact: ref('fact', 'leeftijd', [{ kind: 'Literal', type: 'text', value: 'k1' }]),
      negated: false,
      value: { kind: 'Literal', type: 'integer', value: '5' },
    });
  });

  it('does, forces, advance', () => {
    expect(step('alice does <<indienen aanvraag>>(alice) at 2024-01-02')).toEqual({
      kind: 'Do',
      actor: 'alice',
      act: ref('act', 'indienen aanvraag', [v('alice')]),
      force: false,
      at: '2024-01-02',
    });
    expect(step('"did:g" forces <<beslissen>>')).toEqual({
      kind: 'Do',
      actor: 'did:g',
      act: ref('act', 'beslissen'),
      force: true,
      at: null,
    });
    expect(step('advance to 2024-03-01')).toEqual({ kind: 'Advance', date: '2024-03-01' });
  });

  it('every expect form', () => {
    expect(step('expect [aanvraag](alice)')).toEqual({
      kind: 'ExpectFact',
      fact: ref('fact', 'aanvraag', [v('alice')]),
      negated: false,
    });
    expect(step('expect not [aanvraag](alice)')).toEqual({
      kind: 'ExpectFact',
      fact: ref('fact', 'aanvraag', [v('alice')]),
      negated: true,
    });
    expect(step('expect unknown [x]')).toEqual({ kind: 'ExpectUnknown', fact: ref('fact', 'x') });
    expect(step('expect [toeslag](alice) == 196.80')).toEqual({
      kind: 'ExpectValue',
      fact: ref('fact', 'toeslag', [v('alice')]),
      value: { kind: 'Literal', type: 'decimal', value: '196.80' },
    });
    expect(step('expect <<b>>(alice) available for gemeente')).toEqual({
      kind: 'ExpectAct',
      act: ref('act', 'b', [v('alice')]),
      actor: 'gemeente',
      available: true,
      because: null,
    });
    expect(step('expect <<b>> not available for alice because actor')).toMatchObject({
      kind: 'ExpectAct',
      available: false,
      because: { kind: 'ReasonItem', item: 'actor' },
    });
    expect(step('expect <<b>> not available for alice because [y]')).toMatchObject({ because: ref('fact', 'y') });
    expect(step('expect <<b>> not available for alice')).toMatchObject({ available: false, because: null });
    expect(step('expect duty <beslissen>(alice) active')).toEqual({
      kind: 'ExpectDuty',
      duty: ref('duty', 'beslissen', [v('alice')]),
      active: true,
    });
    expect(step('expect duty <beslissen>(alice) not active')).toMatchObject({ kind: 'ExpectDuty', active: false });
    expect(step('expect violation <beslissen>(alice)')).toEqual({
      kind: 'ExpectViolation',
      frame: ref('duty', 'beslissen', [v('alice')]),
      negated: false,
    });
    expect(step('expect no violation <<b>>')).toEqual({
      kind: 'ExpectViolation',
      frame: ref('act', 'b'),
      negated: true,
    });
    expect(step('expect sources of <<b>> include "art. 4:13 Awb", awb-4:13')).toEqual({
      kind: 'ExpectSources',
      act: ref('act', 'b'),
      sources: ['art. 4:13 Awb', 'awb-4:13'],
    });
    expect(step('expect refused: alice does <<b>>(alice) at 2024-01-05')).toEqual({
      kind: 'ExpectRefused',
      actor: 'alice',
      act: ref('act', 'b', [v('alice')]),
      at: '2024-01-05',
    });
  });

  it('step words stay usable as names outside scenarios', () => {
    const r = parse(
      'fact [f](given: text, at: date, expect: text) { holds when: given ' +
        '== "x" and at > 2024-01-01 and expect == "y" }\n',
      't.flint',
    );
    expect(r.diagnostics).toEqual([]);
  });

  // `sources` is left out: after `sources:` the lexer reads source ids, in any block (existing rule).
  it.each(SCENARIO_WORDS.filter((w) => w !== 'sources'))(
    'the step word %s is an ordinary parameter name in frames',
    (w) => {
      const r = parse(`fact [f](${w}: text) { holds when: ${w} == "x" }\n`, 't.flint');
      expect(r.diagnostics).toEqual([]);
    },
  );

  it('a scenario beside frames keeps declaration order and spans per step', () => {
    const r = parse('fact [a]\nscenario "s" {\n  given [a]\n  expect [a]\n}\nfact [b]\n', 't.flint');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.declarations.map((d) => d.kind)).toEqual(['Fact', 'Scenario', 'Fact']);
    const s = r.value.declarations[1] as ScenarioDecl;
    expect(s.steps.map((st) => st.span.start.line)).toEqual([3, 4]);
    expect(s.nameSpan.start).toMatchObject({ line: 2, column: 10 });
  });
});

describe('scenario steps: errors', () => {
  it.each([
    ['given [a] and [b]', 'invalid-scenario-step'],
    ['given [a]([b])', 'invalid-scenario-step'],
    ['alice takes <<b>>', 'invalid-scenario-step'],
    ['expect [a] > 3', 'invalid-scenario-step'],
    ['expect [a] available for x', 'invalid-scenario-step'],
    ['expect <<b>> not available for x because weather', 'invalid-scenario-step'],
    ['expect <<b>> available for x because actor', 'invalid-scenario-step'],
    ['expect violation [a]', 'invalid-scenario-step'],
    ['advance until 2024-01-01', 'invalid-scenario-step'],
    ['advance by 2024-01-01', 'invalid-scenario-step'],
    ['expect duty <d> asleep', 'invalid-scenario-step'],
    ['as of tomorrow', 'invalid-scenario-step'],
    ['expect', 'invalid-scenario-step'],
    ['42 does <<b>>', 'invalid-scenario-step'],
  ])('%s → %s', (text, code) => {
    const { codes } = scenarioOf(`scenario "s" {\n  ${text}\n}\n`);
    expect(codes).toContain(code);
  });

  it('recovers after a bad step: later declarations are still read', () => {
    const r = parse('scenario "s" {\n  as of soon\n  given [a]\n}\nfact [b]\n', 't.flint');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.value.declarations.some((d) => d.kind === 'Fact' && d.name === 'b')).toBe(true);
  });
});

describe('scenario steps: print', () => {
  it('prints every step kind canonically and reads it back', () => {
    const text = [
      'scenario "alles" {',
      '  as of 2024-01-01',
      '  actors: alice: [persoon], gemeente: [bestuursorgaan] [organisatie]',
      '  given [bevoegd]',
      '  given not [uitgesloten](alice)',
      '  given [leeftijd]("k 1") = 5',
      '  alice does <<indienen aanvraag>>(alice) at 2024-01-02',
      '  gemeente forces <<beslissen>>(alice)',
      '  advance to 2024-03-01',
      '  expect [aanvraag](alice)',
      '  expect not [aanvraag](bob)',
      '  expect unknown [x]',
      '  expect [toeslag](alice) == 196.80',
      '  expect <<beslissen>>(alice) available for gemeente',
      '  expect <<indienen aanvraag>>(alice) not available for gemeente because actor',
      '  expect <<x>> not available for alice because [y]',
      '  expect duty <beslissen>(alice) active',
      '  expect duty <beslissen>(alice) not active',
      '  expect violation <beslissen>(alice)',
      '  expect no violation <<beslissen>>',
      '  expect sources of <<beslissen>> include "art. 4:13 Awb", awb-4:13',
      '  expect refused: alice does <<beslissen>>(alice) at 2024-03-02',
      '}',
      '',
    ].join('\n');
    const r = parse(text, 't.flint');
    expect(r.diagnostics).toEqual([]);
    expect(print(r.value)).toBe(text);
  });

  it('normalises spacing, == in given and quotes ids that are not words', () => {
    const r = parse('scenario "s" { given [a]("x") == 5 "did:a" does <<b>>  expect [c] = 1 actors: "if": }', 't.flint');
    expect(r.diagnostics).toEqual([]);
    expect(print(r.value)).toBe(
      'scenario "s" {\n  given [a]("x") = 5\n  "did:a" does <<b>>\n  expect [c] == 1\n  actors: "if":\n}\n',
    );
  });

  it('prints an empty scenario on one line', () => {
    const r = parse('scenario "leeg" {\n}\n', 't.flint');
    expect(print(r.value)).toBe('scenario "leeg" {}\n');
  });
});
