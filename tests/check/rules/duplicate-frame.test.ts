import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('duplicate-frame', () => {
  test('the same name for a fact and an act is not a duplicate', () => {
    expectValid(
      `${HEADER}fact [indienen] { holds when: created }\nact <<indienen>> { creates: [indienen]  sources: awb-4:1 }`,
      { codes: ['duplicate-frame'] },
    );
    expectValid(VALID, { codes: ['duplicate-frame'] });
  });

  test('a fact declared twice is reported at the second declaration', () => {
    expectErrors(`${HEADER}fact [a]\nfact <|[a]|>: integer\nfact [b] { holds when: [a] > 1 }`, [
      {
        code: 'duplicate-frame',
        severity: 'error',
        message: 'Fact «a» is declared more than once; this last definition is used.',
      },
    ]);
  });

  test('an act and a duty declared twice are each reported', () => {
    expectErrors(
      `${HEADER}act <<a>> { sources: awb-4:1 }\nact <|<<a>>|> { sources: awb-4:1 }\n` +
        `duty <d> { terminated by: <<a>> }\nduty <|<d>|> { terminated by: <<a>> }`,
      [
        { code: 'duplicate-frame', message: 'Act «a» is declared more than once; the first definition is used.' },
        { code: 'duplicate-frame', message: 'Duty «d»' },
      ],
    );
  });
});
