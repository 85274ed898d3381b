import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('duty-never-ends', () => {
  test('a duty that an act terminates is accepted', () => {
    expectValid(VALID, { codes: ['duty-never-ends'] });
  });

  test('a duty that no act terminates gets a warning at its name', () => {
    expectErrors(
      `${HEADER}act <<a>> { creates: <betalen>  sources: awb-4:1 }\nduty <|<betalen>|> { created by: <<a>> }`,
      [
        {
          code: 'duty-never-ends',
          severity: 'warning',
          message: 'Duty «betalen» is never terminated: no act ends it.',
        },
      ],
    );
  });

  test('a terminated-by naming an undeclared act does not count', () => {
    expectErrors(
      `${HEADER}act <<a>> { creates: <betalen>  sources: awb-4:1 }\n` +
        `duty <|<betalen>|> { created by: <<a>>  terminated by: <<b>> }`,
      [{ code: 'duty-never-ends' }],
      {
        allowOtherErrors: true,
      },
    );
  });
});
