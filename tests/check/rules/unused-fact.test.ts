import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('unused-fact', () => {
  test('facts used in expressions, effects or as parameter types are accepted', () => {
    expectValid(VALID, { codes: ['unused-fact'] });
    expectValid(
      `${HEADER}fact [persoon]: actor\nfact [kind]\nfact [ouder](p: [persoon]) { holds when: exists k: [kind] where true }\nact <<a>> { preconditions: [ouder]  sources: awb-4:1 }`,
      { codes: ['unused-fact'] },
    );
  });

  test('a fact nobody refers to gets a warning; a reference to itself does not count', () => {
    expectErrors(`fact <|[los]|>\nfact <|[zelf]|>: integer { value: [zelf] + 1 }`, [
      { code: 'unused-fact', severity: 'warning', message: 'Fact «los» is declared but no frame uses it.' },
      { code: 'unused-fact', message: 'Fact «zelf»' },
    ], { allowOtherErrors: true });
  });
});
