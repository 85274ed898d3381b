import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('duty-act-mismatch', () => {
  test('a duty whose created-by and terminated-by acts have the matching effects is accepted', () => {
    expectValid(VALID, { codes: ['duty-act-mismatch'] });
  });

  test('acts named by the duty that lack the effect get a warning at the name in the duty', () => {
    expectErrors(
      `${HEADER}act <<a>> { sources: awb-4:1 }
act <<b>> { terminates: <d>  sources: awb-4:1 }
act <<c>> { creates: <d>  sources: awb-4:1 }
duty <d> { created by: <|<<a>>|>, <<c>>  terminated by: <<b>>, <|<<c>>|> }`,
      [
        {
          code: 'duty-act-mismatch',
          severity: 'warning',
          message: 'Duty «d» lists act «a» under `created by`, but that act does not create it.',
        },
        {
          code: 'duty-act-mismatch',
          message: 'Duty «d» lists act «c» under `terminated by`, but that act does not terminate it.',
        },
      ],
    );
  });
});
