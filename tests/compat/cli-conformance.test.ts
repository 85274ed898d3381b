import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceCommand } from '../../src/cli/commands/conformance.js';
import { memoryIo } from '../../src/cli/io.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const model = {
  acts: [{ act: '<<groeten>>', actor: '[iemand]', object: '[groet]', recipient: '[iemand]', create: ['[gegroet]'] }],
  facts: [{ fact: '[gegroet]', function: { expression: 'CREATE', operands: [] } }],
  duties: [],
};
const good = {
  source: 'calculemus/cli.spec',
  model: 'm.json',
  cases: [
    {
      name: 'greet',
      actors: ['anna'],
      steps: [
        { id: 't1', take: { actor: 'anna', act: '<<groeten>>', facts: {}, default: true }, expect: 'ok' },
        { actions: { at: 't1' }, expect: [{ act: '<<groeten>>', link: { $ref: 't1' } }] },
        { validate: { text: '{}' }, expect: [] },
      ],
    },
  ],
};
const bad = {
  ...good,
  cases: [
    {
      name: 'wrong',
      actors: ['anna'],
      steps: [{ take: { actor: 'anna', act: '<<zwaaien>>', default: true }, expect: 'ok' }],
    },
  ],
};
const files = {
  'sh/scenarios/discipl/good.spec.json': JSON.stringify(good),
  'sh/scenarios/discipl/bad.spec.json': JSON.stringify(bad),
  'sh/scenarios/discipl/broken.spec.json': '{"cases": [',
  'sh/scenarios/discipl/nocases.spec.json': '{"source": "x"}',
  'sh/flint-models/discipl/m.json': JSON.stringify(model),
  'elsewhere/m.json': JSON.stringify(model),
  'flat/good.spec.json': JSON.stringify(good),
};

async function run(...args: string[]) {
  const io = memoryIo(files);
  const code = await conformanceCommand.run(args, io);
  return { code, out: io.out, err: io.err };
}

describe('flint conformance', () => {
  it('passes a good scenario, reading models from ../../flint-models/discipl beside it', async () => {
    const r = await run('discipl', 'sh/scenarios/discipl/good.spec.json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        '== sh/scenarios/discipl/good.spec.json',
        'calculemus/cli.spec',
        'ok   greet',
        '     step 0 take: pass',
        '     step 1 actions: pass',
        '     step 2 validate: skipped',
        '-- sh/scenarios/discipl/good.spec.json: 2 passed, 0 failed, 1 skipped, 0 deviations, 0 without the engine',
        '2 passed, 0 failed',
        '1 skipped, 0 deviations',
        '0 answered from the model JSON without the engine (not counted as passed)',
        '',
      ].join('\n'),
    );
  });

  it('uses --models DIR instead of the shared layout', async () => {
    expect((await run('discipl', 'flat/good.spec.json')).code).toBe(1);
    const r = await run('discipl', 'flat/good.spec.json', '--models', 'elsewhere');
    expect(r.code).toBe(0);
  });

  it('exits 1 and prints expected vs actual when a step fails; totals add up over files', async () => {
    const r = await run('discipl', 'sh/scenarios/discipl/good.spec.json', 'sh/scenarios/discipl/bad.spec.json');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '     step 0 take: FAIL mismatch\n       expected "ok"\n       actual   {"error":"Act not found <<zwaaien>>"}\n',
    );
    expect(r.out.trimEnd().split('\n').slice(-3, -1)).toEqual(['2 passed, 1 failed', '1 skipped, 0 deviations']);
  });

  const reportsUnreadableAndInvalid =
    'reports unreadable and invalid scenario files as diagnostics with exit 1, and still runs the others';
  it(reportsUnreadableAndInvalid, async () => {
    const r = await run(
      'discipl',
      'nope.json',
      'sh/scenarios/discipl/broken.spec.json',
      'sh/scenarios/discipl/nocases.spec.json',
      'sh/scenarios/discipl/good.spec.json',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('flint conformance: nope.json: cannot read the scenario file.\n');
    expect(r.err).toMatch(/broken\.spec\.json: the scenario file is not valid JSON \(\w+ at offset \d+\)\./);
    expect(r.err).toContain('nocases.spec.json: invalid scenario file: the scenario file has no "cases" array.');
    expect(r.out.trimEnd().split('\n').slice(-3, -1)).toEqual(['2 passed, 0 failed', '1 skipped, 0 deviations']);
  });

  it('prints a JSON report with --format json', async () => {
    const r = await run('discipl', 'sh/scenarios/discipl/bad.spec.json', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as {
      profile: string;
      failed: number;
      passed: number;
      files: { file: string; report: { cases: { steps: { status: string; reason: string }[] }[] } }[];
    };
    expect(json.profile).toBe('discipl');
    expect([json.passed, json.failed]).toEqual([0, 1]);
    expect(json.files[0]?.report.cases[0]?.steps[0]).toMatchObject({ status: 'fail', reason: 'mismatch' });
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [
      [],
      ['discipl'],
      ['openfisca', 'x.json'],
      ['discipl', 'x.json', '--format', 'xml'],
      ['discipl', '--bogus', 'x.json'],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^flint conformance: /);
    }
    const help = await run('--help');
    expect([help.code, help.out.startsWith('Usage: flint conformance discipl FILE...')]).toEqual([0, true]);
  });
});

describe.skipIf(!hasShared)('flint conformance on the shared scenarios', () => {
  it('passes every shared scenario file', async () => {
    const dir = sharedPath('scenarios', 'discipl');
    const names = readdirSync(dir).filter((f) => f.endsWith('.spec.json'));
    const io = memoryIo();
    io.readFile = (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    };
    const code = await conformanceCommand.run(['discipl', ...names.map((n) => `${dir}/${n}`)], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toMatch(
      /\n\d+ passed, 0 failed\n\d+ skipped, 0 deviations\n\d+ answered from the model JSON without the engine/,
    );
  });
});
