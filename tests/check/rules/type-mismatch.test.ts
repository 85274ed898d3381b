import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { VALID } from '../fixtures.js';

const TIJDIG = '[ingediend] + 6 weeks >= today and [bedrag] * [aantal] > 10 and today - [ingediend] <= 30 days';

describe('type-mismatch', () => {
  test('date arithmetic, mixed integer and decimal, and boolean logic are accepted', () => {
    expectValid(
      `fact [ingediend]: date
fact [bedrag]: decimal
fact [aantal]: integer
fact [tijdig] { holds when: ${TIJDIG} }
fact [totaal]: decimal { value: [bedrag] + [aantal] }`,
      { codes: ['type-mismatch'] },
    );
    expectValid(VALID, { codes: ['type-mismatch'] });
  });

  test('a date added to a boolean is reported', () => {
    expectErrors(`fact [ingediend]: date\nfact [ok]\nfact [later]: date { value: <|[ingediend] + [ok]|> }`, [
      { code: 'type-mismatch', message: 'Cannot apply «+» to date and boolean.' },
    ]);
  });

  test('text compared with a number is reported', () => {
    expectErrors(`fact [aantal]: integer\nfact [genoeg] { holds when: <|[aantal] = "tien"|> }`, [
      { code: 'type-mismatch', message: 'Cannot compare integer with text using «=».' },
    ]);
  });

  test('a non-boolean operand of and, and a definition of the wrong type, are reported', () => {
    expectErrors(
      `fact [aantal]: integer\nfact [ok] { holds when: [ok2] and ` +
        `<|[aantal]|> }\nfact [ok2]\nfact [d]: date { value: <|12|> }`,
      [
        { code: 'type-mismatch', message: 'An operand of «and» must be boolean, but [aantal] is integer.' },
        { code: 'type-mismatch', message: 'The definition of fact «d» must be date, but the integer 12 is integer.' },
      ],
    );
  });

  test('ordering text is reported', () => {
    expectErrors(`fact [naam]: text\nfact [vroeg] { holds when: <|[naam]|> < "m" }`, [
      { code: 'type-mismatch', message: '«<» compares numbers, dates or durations' },
    ]);
  });
});
