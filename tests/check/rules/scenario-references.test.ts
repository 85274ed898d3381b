import { describe, expect, test } from 'vitest';
import { checkText, expectErrors, expectValid } from '../../helpers/check-harness.js';
import { VALID } from '../fixtures.js';

const JCI = 'jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:1&z=2024-01-01&g=2024-01-01';
const SCENARIO = `scenario "aanvraag" {
  actors: alice: [persoon], gemeente: [bestuursorgaan]
  given [inkomen](alice) = 20000.00
  alice does <<indienen>>(alice)
  expect [aanvraag](alice)
  expect duty <beslissen>(alice) active
  expect <<besluiten>>(alice) available for gemeente
  expect sources of <<indienen>> include awb-4:1, "art. 4:1 Awb", "${JCI}"
}
`;

describe('unknown-reference in scenarios', () => {
  test('findings in scenarios are warnings: the model itself is valid', () => {
    const { diagnostics } = checkText(`${VALID}scenario "s" {\n  given [onbekend]\n}\n`);
    expect(diagnostics.filter((d) => d.code === 'unknown-reference').map((d) => d.severity)).toEqual(['warning']);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('a scenario whose names all resolve is accepted', () => {
    expectValid(VALID + SCENARIO, { codes: ['unknown-reference', 'wrong-arity'] });
  });

  test('misspelt facts, acts, duties, roles and sources in steps are reported at the name, with suggestions', () => {
    expectErrors(
      `${VALID}scenario "fout" {
  actors: <|alice: [persoom]|>
  given <|[inkomn]|>(alice) = 1.00
  alice does <|<<indiene>>|>(alice)
  expect duty <|<beslisen>|>(alice) active
  expect <<indienen>>(alice) not available for alice because <|[aanvrag]|>
  <|expect sources of <<indienen>> include awb-4:2|>
}
`,
      [
        {
          code: 'unknown-reference',
          severity: 'warning',
          message: 'Scenario «fout» refers to fact «persoom», which is not declared. Did you mean «persoon»?',
        },
        { code: 'unknown-reference', severity: 'warning', message: 'Did you mean «inkomen»?' },
        {
          code: 'unknown-reference',
          severity: 'warning',
          message: 'act «indiene», which is not declared. Did you mean «indienen»?',
        },
        {
          code: 'unknown-reference',
          severity: 'warning',
          message: 'duty «beslisen», which is not declared. Did you mean «beslissen»?',
        },
        { code: 'unknown-reference', severity: 'warning', message: 'Did you mean «aanvraag»?' },
        {
          code: 'unknown-reference',
          severity: 'warning',
          message:
            'Scenario «fout» expects source «awb-4:2», which no source declares as its ' +
            'id, citation or Juriconnect id. Did you mean «awb-4:1»?',
        },
      ],
    );
  });
});

describe('wrong-arity in scenarios', () => {
  test('all arguments or none for facts and duties, at most all for acts, are accepted', () => {
    expectValid(
      `${VALID}scenario "ok" {\n  given [persoon](alice)\n  given [aanvraag](alice)\n` +
        `  expect [aanvraag]\n  alice does <<indienen>>\n  expect no violation <beslissen>\n}\n`,
      { codes: ['wrong-arity'] },
    );
  });

  test('too many or too few arguments in steps are reported', () => {
    expectErrors(
      `${VALID}scenario "fout" {
  given <|[aanvraag]|>(alice, bob)
  alice does <|<<indienen>>|>(alice, bob)
  expect duty <|<beslissen>|>(alice, alice) active
  expect <|[bestuursorgaan]|>(x)
}
`,
      [
        {
          code: 'wrong-arity',
          severity: 'warning',
          message: 'Fact «aanvraag» takes 1 argument, but 2 are given in scenario «fout».',
          hint: 'Its parameters are aanvrager: [persoon].',
        },
        {
          code: 'wrong-arity',
          severity: 'warning',
          message: 'Act «indienen» takes 1 argument, but 2 are given in scenario «fout».',
        },
        { code: 'wrong-arity', severity: 'warning', message: 'Duty «beslissen» takes 1 argument, but 2 are given' },
        {
          code: 'wrong-arity',
          severity: 'warning',
          message: 'Fact «bestuursorgaan» takes 0 arguments, but 1 is given',
        },
      ],
    );
  });
});

describe('unused-fact and scenarios', () => {
  const model = `fact [a]\nfact [b] { holds when: [a] }\nact <<x>> { preconditions: [b] }\nfact [only in scenario]\n`;

  test('a fact used only in a scenario step is not unused', () => {
    const { diagnostics } = checkText(`${model}scenario "s" {\n  given [only in scenario]\n}\n`);
    expect(diagnostics.filter((d) => d.code === 'unused-fact')).toEqual([]);
  });

  test('a fact used only as an actor role in a scenario is not unused', () => {
    const { diagnostics } = checkText(`${model}scenario "s" {\n  actors: alice: [only in scenario]\n}\n`);
    expect(diagnostics.filter((d) => d.code === 'unused-fact')).toEqual([]);
  });

  test('without the scenario the fact is unused', () => {
    const { diagnostics } = checkText(model);
    expect(diagnostics.filter((d) => d.code === 'unused-fact').map((d) => d.message)).toEqual([
      'Fact «only in scenario» is declared but no frame uses it.',
    ]);
  });
});
