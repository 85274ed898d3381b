import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('effect-on-derived-fact', () => {
  test('effects on created and input facts are accepted', () => {
    expectValid(VALID, { codes: ['effect-on-derived-fact'] });
    expectValid(`${HEADER}fact [invoer]\nact <<a>> { preconditions: [invoer]  creates: [invoer]  sources: awb-4:1 }`, {
      codes: ['effect-on-derived-fact'],
    });
  });

  test('creating or terminating a derived fact is reported at the effect', () => {
    expectErrors(
      `${HEADER}fact [x]\nfact [afgeleid] { holds when: [x] }
act <<a>> { creates: <|[afgeleid]|>  terminates: <|[afgeleid]|>  sources: awb-4:1 }`,
      [
        {
          code: 'effect-on-derived-fact',
          message: 'Act «a» creates fact «afgeleid», which is derived by its definition',
        },
        { code: 'effect-on-derived-fact', message: 'Act «a» terminates fact «afgeleid»' },
      ],
    );
  });
});
