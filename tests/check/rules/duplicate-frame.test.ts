import { describe, expect, test } from 'vitest';
import { check } from '../../../src/check/index.js';
import { compile, createCase, evaluateFact } from '../../../src/run/index.js';
import { loadModel } from '../../../src/syntax/index.js';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('duplicate-frame', () => {
  test('the same name for a fact and an act is not a duplicate', () => {
    expectValid(
      `${HEADER}fact [indienen] { holds when: created }\nact <<indienen>> { creates: [indienen]  sources: awb-4:1 }`,
      { codes: ['duplicate-frame'] },
    );
    expectValid(VALID, { codes: ['duplicate-frame'] });
  });

  test('a fact declared twice is reported at the second declaration', () => {
    expectErrors(`${HEADER}fact [a]\nfact <|[a]|>: integer\nfact [b] { holds when: [a] > 1 }`, [
      {
        code: 'duplicate-frame',
        severity: 'error',
        message: 'Fact «a» is declared more than once; this last definition is used.',
      },
    ]);
  });

  test('an act and a duty declared twice are each reported', () => {
    expectErrors(
      `${HEADER}act <<a>> { sources: awb-4:1 }\nact <|<<a>>|> { sources: awb-4:1 }\n` +
        `duty <d> { terminated by: <<a>> }\nduty <|<d>|> { terminated by: <<a>> }`,
      [
        { code: 'duplicate-frame', message: 'Act «a» is declared more than once; the first definition is used.' },
        { code: 'duplicate-frame', message: 'Duty «d»' },
      ],
    );
  });
});

describe('duplicate-frame: an imported input fact defined by the importing file (grammar/README.md#imports)', () => {
  const files = (
    main: string,
    lib = 'fact [persoon]: actor\nfact [bedrag](p: [persoon]): decimal\n',
  ): Record<string, string> => ({
    'm/main.flint': `model "Main" { version: 2024-01-01 }\nimport "lib.flint"\n${main}`,
    'm/lib.flint': lib,
  });
  const codes = (fs: Record<string, string>) => {
    const loaded = loadModel('m/main.flint', { readFile: (p) => fs[p], resolve: (_f, i) => `m/${i}` }, { root: 'm' });
    expect(loaded.diagnostics).toEqual([]);
    return check(loaded.value.model)
      .diagnostics.filter((d) => d.code === 'duplicate-frame')
      .map((d) => `${d.span?.file}:${d.span?.start.line}`);
  };

  test('is allowed once, with the same parameters and type; the definition is used', () => {
    const fs = files('fact [bedrag](p: [persoon]): decimal { value: 12.50 }\n');
    expect(codes(fs)).toEqual([]);
    const loaded = loadModel('m/main.flint', { readFile: (p) => fs[p], resolve: (_f, i) => `m/${i}` }, { root: 'm' });
    const cm = compile(loaded.value.model).value;
    const state = createCase(cm, { asOf: '2024-01-01', actors: { a: { roles: ['persoon'] } } });
    expect(evaluateFact(cm, state, 'bedrag', ['a']).value).toEqual({ type: 'decimal', value: '12.5' });
  });

  test('a different type, other parameters, a second definition or one in the same file stay duplicates', () => {
    expect(codes(files('fact [bedrag](p: [persoon]): integer { value: 12 }\n'))).toEqual(['m/main.flint:3']);
    expect(codes(files('fact [bedrag](q: [persoon]): decimal { value: 12.50 }\n'))).toEqual(['m/main.flint:3']);
    expect(
      codes(
        files('fact [bedrag](p: [persoon]): decimal { value: 1 }\nfact [bedrag](p: [persoon]): decimal { value: 2 }\n'),
      ),
    ).toEqual(['m/main.flint:4']);
    // An imported definition is not an input fact: defining it again is a duplicate.
    const defined = 'fact [persoon]: actor\nfact [bedrag](p: [persoon]): decimal { value: 1 }\n';
    expect(codes(files('fact [bedrag](p: [persoon]): decimal { value: 2 }\n', defined))).toEqual(['m/main.flint:3']);
    // Two input declarations are a duplicate too.
    expect(codes(files('fact [bedrag](p: [persoon]): decimal\n'))).toEqual(['m/main.flint:3']);
  });
});
