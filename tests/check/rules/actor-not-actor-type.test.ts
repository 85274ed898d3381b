import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('actor-not-actor-type', () => {
  test('parameters of a party type, actor facts and role facts are accepted', () => {
    expectValid(VALID, { codes: ['actor-not-actor-type'] });
    expectValid(`${HEADER}fact [minister]\nact <<a>> { actor: [minister]  recipient: anyone  sources: awb-4:1 }`, {
      codes: ['actor-not-actor-type'],
    });
  });

  test('sub-roles are parties: a sub-role parameter or role fact as actor and holder', () => {
    expectValid(
      `${HEADER}fact [persoon]: actor
fact [belanghebbende]: [persoon]
fact [aanvrager]: [belanghebbende]
act <<a>>(x: [aanvrager]) { actor: x  recipient: [belanghebbende]  sources: awb-4:1 }
duty <d>(x: [aanvrager]) { holder: x  claimant: [aanvrager] }`,
      { codes: ['actor-not-actor-type'] },
    );
  });

  test('numbers, text and compound conditions in party positions are reported', () => {
    expectErrors(
      `${HEADER}fact [inkomen]: decimal
fact [minister]
fact [ambtenaar]
act <<a>> { actor: <|[inkomen]|>  recipient: <|"Jan"|>  sources: awb-4:1 }
duty <d> { holder: <|[minister] or [ambtenaar]|>  claimant: [minister] }`,
      [
        { code: 'actor-not-actor-type', message: 'The actor of Act «a» must be a party, but [inkomen] is decimal.' },
        {
          code: 'actor-not-actor-type',
          message: 'The recipient of Act «a» must be a party, but the text "Jan" is text.',
        },
        {
          code: 'actor-not-actor-type',
          message: 'The holder of Duty «d» must be a party, but the expression is a condition.',
        },
      ],
    );
  });
});
