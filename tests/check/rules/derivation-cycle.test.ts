import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { VALID } from '../fixtures.js';

describe('derivation-cycle', () => {
  test('a chain of derived facts without a cycle is accepted', () => {
    expectValid(`fact [a] { holds when: [b] and [c] }\nfact [b] { holds when: [c] }\nfact [c]`, {
      codes: ['derivation-cycle'],
    });
    expectValid(VALID, { codes: ['derivation-cycle'] });
  });

  test('a cycle through three facts is reported once, with its path', () => {
    expectErrors(
      `fact [start] { holds when: [a] }\nfact <|[a]|> { holds when: [b] or [x] }\n` +
        `fact [b] { holds when: not [c] }\nfact [c] { holds when: [a] }\nfact [x]`,
      [{ code: 'derivation-cycle', message: 'Fact «a» is defined in terms of itself: [a] → [b] → [c] → [a].' }],
    );
  });

  test('a fact defined by itself is a cycle', () => {
    expectErrors(`fact <|[a]|> { holds when: [a] }`, [{ code: 'derivation-cycle', message: '[a] → [a]' }]);
  });

  test('two separate cycles give two diagnostics', () => {
    expectErrors(
      `fact <|[a]|> { holds when: [b] }\nfact [b] { holds when: [a] }\n` +
        `fact <|[c]|> { holds when: [d] }\nfact [d] { holds when: [c] }`,
      [
        { code: 'derivation-cycle', message: '[a] → [b] → [a]' },
        { code: 'derivation-cycle', message: '[c] → [d] → [c]' },
      ],
    );
  });
});
