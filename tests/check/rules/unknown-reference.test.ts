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
      [
        {
          code: 'unknown-reference',
          message: 'Act «indienen» refers to fact «aanvrag», which is not declared. Did you mean «aanvraag»?',
        },
      ],
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

  test('the frame that contains the reference is never suggested, other frames still are', () => {
    expectErrors(
      `${HEADER}fact [burgers] { holds when: <|[burger]|> }
fact [ingezetene] { holds when: <|[ingezeten]|> }
fact [ingezetenen] { holds when: created }
act <<melden>> { preconditions: <|<<melde>>|>  sources: awb-4:1 }
duty <betalen>(x: <|[betalen2]|>) { created by: <<melden>> }
fact [betalen2x](p: <|[betalen2]|>)`,
      [
        { code: 'unknown-reference', message: /^Fact «burgers» refers to fact «burger», which is not declared\.$/ },
        {
          code: 'unknown-reference',
          message: 'Fact «ingezetene» refers to fact «ingezeten», which is not declared. Did you mean «ingezetenen»?',
        },
        { code: 'unknown-reference', message: /^Act «melden» refers to act «melde», which is not declared\.$/ },
        {
          code: 'unknown-reference',
          message: 'Duty «betalen» refers to fact «betalen2», which is not declared. Did you mean «betalen2x»?',
        },
        { code: 'unknown-reference', message: /^Fact «betalen2x» refers to fact «betalen2», which is not declared\.$/ },
      ],
    );
  });

  test("a misspelt fact inside an act is corrected to the fact that shares the act's name", () => {
    // Only a frame of the same kind as the reference is excluded: the act is no fact.
    expectErrors(
      `${HEADER}fact [aanvraag] { holds when: created }
act <<aanvraag>> { preconditions: not <|[aanvrag]|>  creates: [aanvraag]  sources: awb-4:1 }`,
      [
        {
          code: 'unknown-reference',
          message: 'Act «aanvraag» refers to fact «aanvrag», which is not declared. Did you mean «aanvraag»?',
        },
      ],
    );
  });
});
