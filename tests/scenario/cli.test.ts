import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { testCommand } from '../../src/cli/commands/test.js';
import { englishWords } from '../helpers/english.js';
import { readProject } from './helpers.js';

const MODEL = 'examples/scenarios/aanvraag.flint';
const TESTS = 'examples/scenarios/aanvraag.test.flint';
const WRONG = 'tests/scenario/fixtures/wrong.test.flint';
const DUTCH = 'examples/tutorial/beslistermijn.flint'; // `language: nl`, with scenarios

/** In-memory I/O; it lists the directories its file names imply. */
const io = (files: Record<string, string>) => memoryIo(files);

const project = (...paths: string[]): Record<string, string> =>
  Object.fromEntries(paths.map((p) => [p, readProject(p)]));

describe('flint test', () => {
  it('runs a directory recursively, skips files without scenarios, exits 0 when all pass', async () => {
    const i = io(project(MODEL, TESTS));
    const code = await testCommand.run(['examples'], i);
    expect(code).toBe(0);
    expect(i.out).toContain(`${TESTS}\n✓ aanvraag wordt binnen de termijn beslist (11 checks)\n`);
    expect(i.out).not.toContain(`${MODEL}\n`);
    expect(i.out).toContain('coverage:\n  acts taken: 3/3\n');
    expect(i.out.trimEnd().split('\n').at(-1)).toBe('24 passed, 0 failed');
    expect(i.err).toBe('');
  });

  it('exits 1 and prints each failure with expected, actual and trace', async () => {
    const i = io(project(MODEL, WRONG));
    const code = await testCommand.run([WRONG, '--no-coverage'], i);
    expect(code).toBe(1);
    expect(i.out).toContain(
      '  ✗ expect [toeslag](dave) == 50.00  (tests/scenario/fixtures/wrong.test.flint:14:3)\n' +
        '      expected: [toeslag](dave) = 50.00\n      actual:   [toeslag](dave) = 49.2\n      trace:\n',
    );
    expect(i.out).not.toContain('coverage:');
    expect(i.out.trimEnd().split('\n').at(-1)).toBe('1 passed, 11 failed');
  });

  it('totals over several files and prints JSON with --format json', async () => {
    const i = io(project(MODEL, TESTS, WRONG));
    const code = await testCommand.run([TESTS, WRONG, TESTS, '--format', 'json'], i);
    expect(code).toBe(1);
    const json = JSON.parse(i.out) as {
      passed: number;
      failed: number;
      files: { file: string; passed: number; failed: number; coverage?: unknown }[];
    };
    expect(json.files.map((f) => [f.file, f.passed, f.failed])).toEqual([
      [TESTS, 24, 0],
      [WRONG, 1, 11],
    ]);
    expect([json.passed, json.failed]).toEqual([25, 11]);
    expect(json.files[0]?.coverage).toBeDefined();
  });

  it('renders model errors and exits 1 without running the scenarios', async () => {
    const bad = 'bad.test.flint';
    const i = io({ [bad]: 'fact [a] { holds when: [b] }\nscenario "s" {\n  expect [a]\n}\n' });
    const code = await testCommand.run([bad], i);
    expect(code).toBe(1);
    expect(i.out).toContain('bad.test.flint: the model has errors; its scenarios were not run.');
    expect(i.out).toContain('unknown-reference');
    expect(i.out).not.toContain('✓');
  });

  it('reports a scenario file with syntax errors rather than skipping it', async () => {
    const i = io({ 'x.flint': 'scenario "s" {\n  as of later\n}\n' });
    expect(await testCommand.run(['x.flint'], i)).toBe(1);
    expect(i.out).toContain("invalid-scenario-step: The step 'as of later' is not a well-formed 'as' step.");
  });

  it('exits 1 when no scenario is found, and when a path does not exist', async () => {
    const none = io(project(MODEL));
    expect(await testCommand.run([MODEL], none)).toBe(1);
    expect(none.err).toContain('no scenarios found');
    const missing = io({});
    expect(await testCommand.run(['nope.flint'], missing)).toBe(1);
    expect(missing.err).toContain('nope.flint: error file-not-found');
  });

  it('exits 2 on usage errors and prints help', async () => {
    const a = io({});
    expect(await testCommand.run([], a)).toBe(2);
    expect(a.err).toContain('no PATH given');
    const b = io({});
    expect(await testCommand.run(['x', '--format', 'xml'], b)).toBe(2);
    expect(b.err).toContain('--format must be one of text, json');
    const c = io({});
    expect(await testCommand.run(['x', '--bogus'], c)).toBe(2);
    const h = io({});
    expect(await testCommand.run(['--help'], h)).toBe(0);
    expect(h.out).toMatch(/^Usage: flint test PATH/);
    expect(h.out).toContain('--lang nl|en');
    const d = io({});
    expect(await testCommand.run(['x', '--lang', 'de'], d)).toBe(2);
    expect(d.err).toContain('--lang must be one of nl, en');
  });
});

describe('flint test in the language of the model', () => {
  it('reports on a Dutch model in Dutch, without English words', async () => {
    const i = io(project(DUTCH));
    expect(await testCommand.run([DUTCH], i)).toBe(0);
    expect(englishWords(i.out), i.out).toEqual([]);
    expect(i.out).toContain('\ndekking:\n  handelingen genomen: 2/2\n');
    expect(i.out.trimEnd().split('\n').at(-1)).toBe('6 geslaagd, 0 mislukt');
  });

  it('reports in English with --lang en, and in Dutch on an English model with --lang nl', async () => {
    const en = io(project(DUTCH));
    expect(await testCommand.run([DUTCH, '--lang', 'en'], en)).toBe(0);
    expect(en.out).toContain('\ncoverage:\n  acts taken: 2/2\n');
    expect(en.out.trimEnd().split('\n').at(-1)).toBe('6 passed, 0 failed');
    const nl = io(project(MODEL, TESTS));
    expect(await testCommand.run([TESTS, '--lang', 'nl'], nl)).toBe(0);
    expect(nl.out).toContain('(11 toetsen)');
    expect(nl.out.trimEnd().split('\n').at(-1)).toBe('24 geslaagd, 0 mislukt');
    const mixed = io(project(DUTCH, MODEL, TESTS));
    expect(await testCommand.run([DUTCH, TESTS], mixed)).toBe(0);
    expect(mixed.out).toContain('(5 toetsen)');
    expect(mixed.out).toContain('(11 checks)');
    expect(mixed.out.trimEnd().split('\n').at(-1)).toBe('30 passed, 0 failed'); // the files do not agree
  });

  it('reports failing checks of a Dutch model in Dutch: expected, actual and trace too', async () => {
    const file = 'nl.test.flint';
    const scenario =
      'scenario "fout" {\n  as of 2024-01-01\n  actors: bob: [persoon], gemeente: [bestuursorgaan]\n' +
      '  given [ingezetene](bob)\n  expect <<beslissen op aanvraag>>(bob) available for gemeente\n' +
      '  expect [aanvraag](bob)\n  expect violation <beslissen op aanvraag>(bob)\n' +
      '  bob does <<indienen aanvraag>>(bob)\n}\n';
    const i = io({ [file]: `${readProject(MODEL)}\n${scenario}` });
    expect(await testCommand.run([file, '--no-coverage'], i)).toBe(1);
    // The step texts (`  ✗ expect ...`) quote the scenario as written; everything else is Dutch.
    const report = i.out
      .split('\n')
      .filter((l) => !l.startsWith('  ✗ '))
      .join('\n');
    expect(englishWords(report), i.out).toEqual([]);
    expect(i.out).toContain('      werkelijk: geen schendingen vastgelegd\n');
    expect(i.out).toContain('bob verricht <<indienen aanvraag>>(bob): lukt');
    expect(i.out.trimEnd().split('\n').at(-1)).toBe('0 geslaagd, 4 mislukt');
    const en = io({ [file]: `${readProject(MODEL)}\n${scenario}` });
    expect(await testCommand.run([file, '--no-coverage', '--lang', 'en'], en)).toBe(1);
    expect(en.out).toContain('      actual:   no violations recorded\n');
    expect(en.out).toContain('bob does <<indienen aanvraag>>(bob) succeeds');
  });

  it('says in Dutch that a Dutch model with errors was not run', async () => {
    const bad = 'bad.test.flint';
    const text = 'model "M" { language: nl }\nfact [a] { holds when: [b] }\nscenario "s" {\n  expect [a]\n}\n';
    const i = io({ [bad]: text });
    expect(await testCommand.run([bad], i)).toBe(1);
    expect(i.out).toContain("bad.test.flint: het model bevat fouten; de scenario's zijn niet uitgevoerd.");
  });
});
