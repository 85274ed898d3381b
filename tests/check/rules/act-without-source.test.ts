import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('act-without-source', () => {
  test('acts that cite a source are accepted', () => {
    expectValid(VALID, { codes: ['act-without-source'] });
  });

  test('an act without sources gets a warning at its name', () => {
    expectErrors(`${HEADER}act <|<<indienen>>|> { action: indienen }`, [
      { code: 'act-without-source', severity: 'warning', message: 'Act «indienen» cites no legal source.' },
    ]);
  });
});
