import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { VALID } from '../fixtures.js';

describe('duplicate-source', () => {
  test('distinct source ids are accepted', () => {
    expectValid(VALID, { codes: ['duplicate-source'] });
  });

  test('a source id declared twice is reported at the second block', () => {
    expectErrors(
      `source awb-4:1 { citation: "art. 4:1 Awb" }
source <|awb-4:1|> { citation: "art. 4:1 Awb (oud)" }
act <<a>> { sources: awb-4:1 }`,
      [
        {
          code: 'duplicate-source',
          message: 'Source «awb-4:1» is declared more than once; the first declaration is used.',
        },
      ],
    );
  });
});
