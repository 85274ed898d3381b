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

describe('unknown-source in a deadline that excludes the Atw', () => {
  test('the excluding source must be declared', () => {
    expectErrors(`${HEADER}duty <d> { deadline: within 6 weeks, not atw because <|awir-28|>  sources: awb-4:1 }`, [
      { code: 'unknown-source', message: /^Duty «d» cites source «awir-28», which is not declared\./ },
    ]);
  });

  test('a declared excluding source is accepted', () => {
    expectValid(`${HEADER}duty <d> { deadline: within 6 weeks, not atw because awb-4:1  sources: awb-4:1 }`, {
      codes: ['unknown-source'],
    });
  });
});
