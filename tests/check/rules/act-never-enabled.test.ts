import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('act-never-enabled', () => {
  test('acts whose created requirements some act creates are accepted', () => {
    expectValid(VALID, { codes: ['act-never-enabled'] });
  });

  test('requirements under or (with an alternative) and under not are not reported', () => {
    expectValid(
      `${HEADER}fact [besluit] { holds when: created }\nfact [spoed]
act <<a>> { preconditions: ([besluit] or [spoed]) and not [besluit]  sources: awb-4:1 }`,
      { codes: ['act-never-enabled'] },
    );
  });

  test('an act requiring a created fact that no act creates is reported', () => {
    expectErrors(
      `${HEADER}fact [besluit] { holds when: created }
act <|<<bezwaar maken>>|> { preconditions: [besluit]  sources: awb-4:1 }`,
      [
        {
          code: 'act-never-enabled',
          message:
            'Act «bezwaar maken» can never be performed: it requires fact «besluit», ' +
            'which only holds when created, and no act creates it.',
        },
      ],
    );
  });

  test('requirements are followed through derived facts, shared alternatives and the object, and duties count', () => {
    expectErrors(
      `${HEADER}fact [besluit] { holds when: created }
fact [spoed]
fact [bezwaarbaar] { holds when: ([besluit] and [spoed]) or ([besluit] and not [spoed]) }
duty <betalen> { terminated by: <<b>> }
act <|<<a>>|> { preconditions: [bezwaarbaar]  sources: awb-4:1 }
act <|<<b>>|> { object: <betalen>  sources: awb-4:1 }`,
      [
        { code: 'act-never-enabled', message: 'requires fact «besluit»' },
        { code: 'act-never-enabled', message: 'requires duty «betalen», which no act creates' },
      ],
    );
  });
});
