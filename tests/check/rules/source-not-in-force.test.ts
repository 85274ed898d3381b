import { describe, expect, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';

const model = (version: string): string => `model "T" { version: ${version} }
source oud-1 { citation: "art. 1 (oud)" valid: 2010-01-01 .. 2020-12-31 }
source nieuw-1 { citation: "art. 1" valid: 2021-01-01 .. }
act <<a>> { sources: <|oud-1|> }
act <<b>> { sources: nieuw-1 }
`;

describe('source-not-in-force', () => {
  test('sources in force on the version date are accepted', () => {
    const onlyOld = (version: string): string => model(version).replace('act <<b>> { sources: nieuw-1 }', '');
    expectValid(onlyOld('2015-06-30'), { codes: ['source-not-in-force'] });
    // validFrom and validTo are both inclusive.
    expectValid(onlyOld('2010-01-01'), { codes: ['source-not-in-force'] });
    expectValid(onlyOld('2020-12-31'), { codes: ['source-not-in-force'] });
  });

  test('a source no longer in force on the version date gets a warning at the citation', () => {
    expectErrors(model('2024-01-01'), [
      {
        code: 'source-not-in-force',
        severity: 'warning',
        message:
          "Act «a» cites source «oud-1», which is not in force on the model's " +
          'version date 2024-01-01 (valid until 2020-12-31).',
      },
    ]);
  });

  test('a source not yet in force is reported, and the versionDate option overrides the header', () => {
    const src =
      `model "T" { version: 2024-01-01 }\nsource nieuw-1 { valid: 2021-01-01 .. }\n` +
      `act <<b>> { sources: <|nieuw-1|> }`;
    expectValid(src, { codes: ['source-not-in-force'] });
    const ds = expectErrors(src, [{ code: 'source-not-in-force', message: 'valid from 2021-01-01' }], {
      versionDate: '2019-05-01',
    });
    expect(ds.find((d) => d.code === 'source-not-in-force')?.related?.[0]?.message).toBe(
      'Source «nieuw-1» is declared here.',
    );
  });

  test('without a version date nothing is reported', () => {
    expectValid(model('2024-01-01').replace('model "T" { version: 2024-01-01 }', ''), {
      codes: ['source-not-in-force'],
    });
  });
});
