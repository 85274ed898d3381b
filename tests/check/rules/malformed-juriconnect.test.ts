import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';

/** A version 1.3 id with every kind of part. */
const LONG_ID =
  'jci1.3:c:BWBR0005537&hoofdstuk=4&titeldeel=4.1&afdeling=4.1.1&artikel=4:1&lid=2&onderdeel=a' +
  '&z=2024-01-01&g=2024-01-01';

describe('malformed-juriconnect', () => {
  test('well-formed Juriconnect ids of versions 1.0, 1.3 and 1.31 are accepted', () => {
    expectValid(
      `source a-1 { juriconnect: "${LONG_ID}" }
source a-2 { juriconnect: "jci1.0:c:BWBR0005537&artikel=1" }
source a-3 { juriconnect: "jci1.31:v:BWBR0039319" }`,
      { codes: ['malformed-juriconnect'] },
    );
  });

  test('a short BWB id, an unknown key and a bad date are reported at the source id', () => {
    expectErrors(
      `source <|a-1|> { juriconnect: "jci1.3:c:BWBR123&artikel=1" }
source <|a-2|> { juriconnect: "jci1.3:c:BWBR0005537&artikle=1" }
source <|a-3|> { juriconnect: "jci1.3:c:BWBR0005537&artikel=1&z=2024-13-01" }
source <|a-4|> { juriconnect: "jci2.0:c:BWBR0005537" }`,
      [
        {
          code: 'malformed-juriconnect',
          severity: 'error',
          message: 'it has no BWB id of the form BWBR followed by seven digits.',
        },
        { code: 'malformed-juriconnect', message: 'it has unknown key "artikle".' },
        { code: 'malformed-juriconnect', message: 'which is not a date YYYY-MM-DD' },
        { code: 'malformed-juriconnect', message: 'unknown version 2.0' },
      ],
    );
  });
});
