/**
 * The check rules on versions of the law (grammar/README.md#versions): overlapping-versions, version-gap,
 * version-never-in-force, variant-not-covered, overlapping-variants, variant-fields, unknown-version, and
 * inverted-validity for versions.
 */
import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';

const CODES = [
  'overlapping-versions',
  'version-gap',
  'version-never-in-force',
  'variant-not-covered',
  'overlapping-variants',
  'variant-fields',
  'unknown-version',
  'inverted-validity',
];

/** A source with three consecutive yearly versions, labelled by year. */
const yearly = (label: (y: number) => string = (y) => `${y}`): string =>
  `source bkot-4 {\n${[2023, 2024, 2025]
    .map((y) => `  version ${label(y)} { valid: ${y}-01-01 .. ${y}-12-31 }`)
    .join('\n')}\n}\n`;

describe('versions of the law: valid models', () => {
  test('consecutive versions, one variant per version, applies as of: no diagnostics', () => {
    expectValid(
      `model "m" { period: 2023-01-01 .. 2025-12-31 }\n${yearly()}fact [jaar]: integer\n` +
        'fact [prijs]: decimal {\n  applies as of: date([jaar], 1, 1)\n' +
        '  variant bkot-4@2023 { value: 8.97 }\n  variant bkot-4@2024 { value: 9.65 }\n' +
        '  variant bkot-4@2025 { value: 10.25 }\n  sources: bkot-4\n}\n' +
        'act <<a>> { actor: anyone\n preconditions: [prijs] > 1\n sources: bkot-4@2024 }\n',
      { codes: CODES },
    );
  });
});

describe('overlapping-versions', () => {
  test('two versions in force on the same day', () => {
    expectErrors(
      'source s {\n  version 2023 { valid: 2023-01-01 .. 2023-12-31 }\n' +
        '  version <|2024|> { valid: 2023-07-01 .. 2024-12-31 }\n}',
      [{ code: 'overlapping-versions', severity: 'error', message: 'are both in force on the same days' }],
    );
  });

  test('one label twice', () => {
    expectErrors(
      'source s {\n  version 1 { valid: 2023-01-01 .. 2023-12-31 }\n  version <|1|> { valid: 2024-01-01 .. }\n}',
      [{ code: 'overlapping-versions', message: 'two versions labelled «1»' }],
    );
  });
});

describe('version-gap', () => {
  test('days between two versions with none in force', () => {
    expectErrors(
      'source s {\n  version 2019 { valid: 2019-01-01 .. 2019-12-31 }\n  version <|2023|> { valid: 2023-01-01 .. }\n}',
      [{ code: 'version-gap', severity: 'warning', message: 'from 2020-01-01 to 2022-12-31' }],
    );
  });

  test('a gap outside the model period is not reported', () => {
    expectValid(
      'model "m" { period: 2023-01-01 .. 2025-12-31 }\n' +
        'source s {\n  version 2019 { valid: 2019-01-01 .. 2019-12-31 }\n  version 2023 { valid: 2023-01-01 .. }\n}',
      { codes: ['version-gap'] },
    );
  });
});

describe('version-never-in-force', () => {
  test('a version outside the header period', () => {
    expectErrors(
      'model "m" { period: 2023-01-01 .. 2025-12-31 }\n' +
        'source s {\n  version <|2019|> { valid: 2019-01-01 .. 2019-12-31 }\n' +
        '  version 2023 { valid: 2020-01-01 .. }\n}',
      [{ code: 'version-never-in-force', severity: 'warning', message: 'never in force in the model' }],
    );
  });
});

describe('variant-not-covered', () => {
  test("a variant's own period reaching beyond the version it cites", () => {
    expectErrors(
      `${yearly()}fact [p]: decimal {\n  variant bkot-4@2024 {\n    valid: <|2024-01-01 .. 2025-06-30|>\n` +
        '    value: 1\n  }\n}\nact <<a>> { actor: anyone\n preconditions: [p] > 0 }',
      [{ code: 'variant-not-covered', message: 'is in force only 2024-01-01 .. 2024-12-31' }],
    );
  });

  test('versions that are never in force together', () => {
    expectErrors(
      `${yearly()}source t {\n  version 2025 { valid: 2025-01-01 .. }\n}\n` +
        'fact [p]: decimal {\n  <|variant bkot-4@2023, t@2025 { value: 1 }|>\n}\nact <<a>> { actor: anyone\n' +
        ' preconditions: [p] > 0 }',
      [{ code: 'variant-not-covered', message: 'never in force on the same day' }],
    );
  });
});

describe('overlapping-variants', () => {
  test('two variants of one frame in force on the same day', () => {
    expectErrors(
      `${yearly()}fact [p]: decimal {\n  variant bkot-4@2024 { value: 1 }\n` +
        '  <|variant bkot-4@2024 { value: 2 }|>\n}\nact <<a>> { actor: anyone\n preconditions: [p] > 0 }',
      [{ code: 'overlapping-variants', severity: 'error' }],
    );
  });
});

describe('variant-fields', () => {
  test('the frame and a variant both set the definition', () => {
    expectErrors(
      `${yearly()}fact [p]: decimal {\n  value: 3\n  <|variant bkot-4@2024 { value: 1 }|>\n}\n` +
        'act <<a>> { actor: anyone\n preconditions: [p] > 0 }',
      [{ code: 'variant-fields', message: 'both in the frame and in a variant' }],
    );
  });

  test('variants that set different fields', () => {
    expectErrors(
      `${yearly()}fact [p]\nact <<a>> {\n  actor: anyone\n  variant bkot-4@2023 { preconditions: [p] }\n` +
        '  <|variant bkot-4@2024 { creates: [p] }|>\n}',
      [{ code: 'variant-fields', message: 'set different fields' }],
    );
  });

  test('a variant that sets nothing', () => {
    expectErrors(`${yearly()}duty <d> {\n  <|variant bkot-4@2024 { explanation: "leeg" }|>\n}`, [
      { code: 'variant-fields', message: 'sets nothing' },
    ]);
  });
});

describe('unknown-version', () => {
  test('a label the source does not have', () => {
    expectErrors(
      `${yearly()}fact [p]: decimal {\n  variant <|bkot-4@2022|> { value: 1 }\n}\nact <<a>> { actor: anyone\n` +
        ` preconditions: [p] > 0 }`,
      [{ code: 'unknown-version', message: 'has no version «2022»' }],
    );
  });

  test('a version of a source without versions', () => {
    expectErrors('source s { valid: 2020-01-01 .. }\nact <<a>> { actor: anyone\n sources: <|s@2020|> }', [
      { code: 'unknown-version', message: 'has no versions' },
    ]);
  });

  test('a variant that does not say which version it implements', () => {
    expectErrors(
      `${yearly()}fact [p]: decimal {\n  variant <|bkot-4|> { value: 1 }\n}\nact <<a>> { actor: anyone\n` +
        ` preconditions: [p] > 0 }`,
      [{ code: 'unknown-version', message: 'without saying which of its versions', hint: 'bkot-4@2025' }],
      { allowOtherErrors: true },
    );
  });
});

describe('inverted-validity of a version', () => {
  test('a version that ends before it starts', () => {
    expectErrors('source s {\n  version <|v1|> { valid: 2024-01-01 .. 2023-12-31 }\n}', [
      { code: 'inverted-validity', message: 'Version «v1» of source «s»' },
    ]);
  });
});
