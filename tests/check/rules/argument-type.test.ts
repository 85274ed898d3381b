import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { VALID } from '../fixtures.js';

describe('argument-type', () => {
  test('arguments of the parameter types are accepted (integer where decimal is expected too)', () => {
    expectValid(VALID, { codes: ['argument-type'] });
    expectValid(`fact [tarief](bedrag: decimal): decimal\nfact [hoog] { holds when: [tarief](12) > 1 }`, { codes: ['argument-type'] });
  });

  test('text passed for a person is reported', () => {
    expectErrors(`fact [persoon]: actor\nfact [inkomen](p: [persoon]): decimal\nfact [rijk] { holds when: [inkomen](<|"Jan"|>) > 100000 }`, [
      { code: 'argument-type', message: 'Argument 1 of Fact «inkomen» must be [persoon] (parameter «p»), but the text "Jan" is text.' },
    ]);
  });

  test('an instance of another fact type, and a wrong built-in argument, are reported', () => {
    expectErrors(
      `fact [persoon]: actor
fact [bedrijf]: actor
fact [werknemer](p: [persoon])
fact [in dienst](b: [bedrijf]) { holds when: exists w: [werknemer] where [werknemer](<|b|>) }
fact [oud] { holds when: year(<|12|>) > 2000 }`,
      [
        { code: 'argument-type', message: 'must be [persoon]' },
        { code: 'argument-type', message: 'Argument 1 of «year» must be a date, but the integer 12 is integer.' },
      ],
    );
  });
});
