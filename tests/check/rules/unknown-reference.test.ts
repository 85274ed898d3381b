import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('unknown-reference', () => {
  test('a model whose names all resolve is accepted', () => {
    expectValid(VALID, { codes: ['unknown-reference'] });
  });

  test('a misspelt fact is reported with a suggestion', () => {
    expectErrors(
      `${HEADER}fact [aanvraag] { holds when: created }
act <<indienen>> { preconditions: not <|[aanvrag]|>  creates: [aanvraag]  sources: awb-4:1 }`,
      [{ code: 'unknown-reference', message: 'Act «indienen» refers to fact «aanvrag», which is not declared. Did you mean «aanvraag»?' }],
    );
  });

  test('undeclared acts, duties, variables, parameter types and functions are reported', () => {
    expectErrors(
      `${HEADER}fact [persoon]: actor
act <<indienen>>(x: [persoon]) { actor: <|y|>  preconditions: <|<beslisen>|> and <|wortel(4)|> > 1  sources: awb-4:1 }
duty <beslissen>(x: <|[mens]|>) { created by: <|<<indien>>|> terminated by: <<indienen>> }`,
      [
        { code: 'unknown-reference', message: /Variable «y»/ },
        { code: 'unknown-reference', message: 'Did you mean «beslissen»?' },
        { code: 'unknown-reference', message: 'Function «wortel» is not a built-in function.' },
        { code: 'unknown-reference', message: 'fact «mens»' },
        { code: 'unknown-reference', message: 'Did you mean «indienen»?' },
      ],
    );
  });

  test('a parameter field that the fact type does not have is reported', () => {
    expectErrors(
      `${HEADER}fact [persoon](naam: text): actor
fact [meerderjarig](p: [persoon]) { holds when: <|p.leeftijd|> >= 18 }`,
      [{ code: 'unknown-reference', message: 'Fact «persoon» has no parameter «leeftijd».' }],
    );
  });

  test('names like constructor and __proto__ resolve like any other name', () => {
    expectValid(
      `${HEADER}fact [constructor] { holds when: created }
fact [__proto__] { holds when: [constructor] }
act <<toString>> { preconditions: [__proto__]  creates: [constructor]  sources: awb-4:1 }`,
      { codes: ['unknown-reference'] },
    );
  });
});
