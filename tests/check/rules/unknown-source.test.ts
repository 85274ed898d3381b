import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('unknown-source', () => {
  test('cited sources that are declared are accepted', () => {
    expectValid(VALID, { codes: ['unknown-source'] });
  });

  test('a cited source id without a source block is reported with a suggestion', () => {
    expectErrors(
      `${HEADER}fact [a] { sources: awb-4:1, <|awb-4:2|> }\nact <<b>> { preconditions: [a]  sources: <|bw-1|> }`,
      [
        {
          code: 'unknown-source',
          severity: 'error',
          message: 'Fact «a» cites source «awb-4:2», which is not declared. Did you mean «awb-4:1»?',
        },
        { code: 'unknown-source', message: /^Act «b» cites source «bw-1», which is not declared\.$/ },
      ],
    );
  });
});
