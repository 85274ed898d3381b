import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';

describe('inverted-validity', () => {
  test('a period that ends after it starts, a one-day period and an open end are accepted', () => {
    expectValid(
      `source a-1 { valid: 2019-01-01 .. 2020-01-01 }\nsource a-2 { valid: 2020-01-01 .. 2020-01-01 }\n` +
        `source a-3 { valid: 2020-01-01 .. }`,
      { codes: ['inverted-validity'] },
    );
  });

  test('a period that ends before it starts is reported', () => {
    expectErrors(`source <|a-1|> { valid: 2020-01-01 .. 2019-12-31 }`, [
      {
        code: 'inverted-validity',
        severity: 'error',
        message: 'Source «a-1» is valid from 2020-01-01 until 2019-12-31, which ends before it starts.',
      },
    ]);
  });
});
