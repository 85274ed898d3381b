import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { memoryIo } from '../../src/cli/io.js';
import { importFlintJson } from '../../src/interchange/index.js';
import { stripSpans } from '../../src/model/walk.js';
import { parse } from '../../src/syntax/index.js';
import { hasShared, projectRoot, sharedPath } from '../helpers/shared.js';

const fixture = (name: string): string => join('tests', 'cli', 'fixtures', name);
const read = (p: string): string => readFileSync(join(projectRoot, p), 'utf8');

/** Run the CLI in-process on copies of the given project files. */
async function cli(
  argv: string[],
  files: string[] = [],
): Promise<{ code: number; out: string; err: string; files: Record<string, string> }> {
  const io = memoryIo(Object.fromEntries(files.map((f) => [f, read(f)])));
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err, files: io.files };
}

describe('flint (in-process)', () => {
  it('prints the command list for --help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['check', 'fmt', 'convert', 'graph', 'sources', 'plan'])
      expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('exits 2 with a usage message for an unknown command or option', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command «frobnicate»');
    const badOption = await cli(['check', '--colour', fixture('aanvraag.flint')], [fixture('aanvraag.flint')]);
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/Unknown option '--colour'/);
    const badFormat = await cli(['graph', fixture('aanvraag.flint'), '--format', 'png'], [fixture('aanvraag.flint')]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain('--format must be one of dot, mermaid, graphml, json');
  });

  it('has --help on every command', async () => {
    for (const c of ['check', 'fmt', 'convert', 'graph', 'sources', 'plan']) {
      const r = await cli([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out, c).toMatch(new RegExp(`^Usage: flint ${c}`));
    }
  });

  it('lists each command by the name and summary its module gives (modules load on demand)', async () => {
    const { commands } = await import('../../src/cli/commands/index.js');
    for (const entry of commands) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
    }
  });

  it.skipIf(!hasShared)(
    'convert --to flint of a FLINT JSON model writes a file that checks with 0 errors',
    async () => {
      const json = readFileSync(sharedPath('flint-models', 'discipl', 'flint-example-awb.json'), 'utf8');
      const io = memoryIo({ [fixture('awb.json')]: json });
      expect(await runCli(['convert', fixture('awb.json'), '--to', 'flint', '-o', 'awb.flint'], io)).toBe(0);
      const checked = memoryIo({ 'awb.flint': io.files['awb.flint'] ?? '' });
      expect(await runCli(['check', 'awb.flint'], checked)).toBe(0);
      expect(checked.out).toMatch(/awb\.flint: 0 errors/);
    },
  );

  it('check: a clean model exits 0 and names its size', async () => {
    const r = await cli(['check', fixture('aanvraag.flint')], [fixture('aanvraag.flint')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${fixture('aanvraag.flint')}: 0 errors, 0 warnings (2 acts, 5 facts, 1 duties, 2 sources)\n`);
  });

  it('check: errors render as file:line:col with a caret and exit 1', async () => {
    const r = await cli(['check', fixture('typo.flint')], [fixture('typo.flint')]);
    expect(r.code).toBe(1);
    await expect(r.out).toMatchFileSnapshot('./golden/check-typo.txt');
    expect(r.out).toContain(`${fixture('typo.flint')}:4:18: error unknown-reference:`);
    expect(r.out).toContain('Did you mean «aanvraag»?');
  });

  it('check --format json: the structured diagnostics', async () => {
    const r = await cli(['check', '--format', 'json', fixture('typo.flint')], [fixture('typo.flint')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as {
      files: { errors: number; diagnostics: { code: string; span: { start: { line: number } } }[] }[];
    };
    expect(report.files[0]?.errors).toBe(3);
    expect(report.files[0]?.diagnostics.map((d) => [d.code, d.span.start.line])).toContainEqual(['unknown-source', 5]);
  });

  it('check: a missing file is a diagnostic and exit 1, not a crash', async () => {
    const r = await cli(['check', 'nowhere.flint']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error file-not-found');
  });

  it('check: a directory stands for the .flint files under it', async () => {
    const io = memoryIo({
      'd/a.flint': 'fact [a] { holds when: [b] }\nfact [b]\n',
      'd/sub/b.flint': 'fact [c] { holds when: [nope] }\n',
      'd/x.json': '{',
    });
    expect(await runCli(['check', 'd'], io)).toBe(1);
    expect(io.out).toContain('d/a.flint: 0 errors');
    expect(io.out).toContain('d/sub/b.flint: 1 error');
    // Only .flint files are taken from directories; JSON files are checked when named.
    expect(io.out).not.toContain('x.json');
  });

  it('check: garbage input gives syntax diagnostics, exit 1', async () => {
    const io = memoryIo({ 'g.flint': 'act <<x>> { actor: ]]] ((( }', 'g.json': '{"acts": [ {"act": 3 ] }' });
    expect(await runCli(['check', 'g.flint', 'g.json'], io)).toBe(1);
    expect(io.out).toMatch(/g\.flint:1:\d+: error/);
    expect(io.out).toMatch(/g\.json:1:\d+: .*error json-syntax/);
    expect(io.err).toBe('');
  });

  it('fmt --check reports a non-canonical file; fmt rewrites it; then --check passes', async () => {
    const messy = 'fact   [a]\n\n\nact <<b>> {actor: [a]   sources: s}\nsource s { citation: "x" }\n';
    const io = memoryIo({ 'm.flint': messy });
    expect(await runCli(['fmt', '--check', 'm.flint'], io)).toBe(1);
    expect(io.files['m.flint']).toBe(messy);
    expect(await runCli(['fmt', 'm.flint'], io)).toBe(0);
    const formatted = io.files['m.flint'] as string;
    expect(formatted).not.toBe(messy);
    expect(stripSpans(parse(formatted, 'm.flint').value)).toEqual(stripSpans(parse(messy, 'm.flint').value));
    expect(await runCli(['fmt', '--check', 'm.flint'], io)).toBe(0);
  });

  it('fmt never rewrites a file with syntax errors', async () => {
    const broken = 'fact [a] {\n';
    const io = memoryIo({ 'b.flint': broken });
    expect(await runCli(['fmt', 'b.flint'], io)).toBe(1);
    expect(io.files['b.flint']).toBe(broken);
    expect(io.err).toContain('not formatted');
  });

  it('convert: .flint → json → .flint keeps the model', async () => {
    const src = fixture('typo.flint').replace('typo', 'plain');
    const io = memoryIo({ [src]: 'fact [a]\nfact [b] { holds when: [a] and not [c] }\nfact [c]\n' });
    expect(await runCli(['convert', src, '--to', 'json', '-o', 'out.json'], io)).toBe(0);
    const json = JSON.parse(io.files['out.json'] as string) as { facts: { fact: string }[] };
    expect(json.facts.map((f) => f.fact)).toEqual(['[a]', '[b]', '[c]']);
    expect(await runCli(['convert', 'out.json', '--to', 'flint', '-o', 'back.flint'], io)).toBe(0);
    expect(stripSpans(parse(io.files['back.flint'] as string, 'x').value.declarations)).toEqual(
      stripSpans(importFlintJson(io.files['out.json'] as string, 'x').value.declarations),
    );
  });

  it('convert: constructs FLINT JSON cannot express are errors and nothing is written', async () => {
    const io = memoryIo({ [fixture('aanvraag.flint')]: read(fixture('aanvraag.flint')) });
    expect(await runCli(['convert', fixture('aanvraag.flint'), '--to', 'json', '-o', 'out.json'], io)).toBe(1);
    expect(io.err).toContain('not-exportable');
    expect(io.files['out.json']).toBeUndefined();
  });

  it('graph: every format names every frame', async () => {
    for (const format of ['dot', 'mermaid', 'graphml', 'json']) {
      const r = await cli(['graph', fixture('aanvraag.flint'), '--format', format], [fixture('aanvraag.flint')]);
      expect(r.code, format).toBe(0);
      for (const name of ['indienen aanvraag', 'beslissen op aanvraag', 'bestuursorgaan'])
        expect(r.out, format).toContain(name);
      // Sources appear by citation in diagrams and by id in data formats.
      expect(r.out, format).toMatch(/art\. 4:13 Awb|awb-4:13/);
    }
  });

  it('sources: direct and transitive sources of an act', async () => {
    const direct = await cli(
      ['sources', fixture('aanvraag.flint'), '--of', '<<beslissen op aanvraag>>', '--direct', '--format', 'json'],
      [fixture('aanvraag.flint')],
    );
    expect(direct.code).toBe(0);
    expect((JSON.parse(direct.out) as { id: string }[]).map((s) => s.id)).toEqual(['awb-4:13']);
    // Through [aanvraag] (object) and <beslissen> (terminated), the act also rests on art. 4:1.
    const all = await cli(
      ['sources', fixture('aanvraag.flint'), '--of', '<<beslissen op aanvraag>>', '--format', 'json'],
      [fixture('aanvraag.flint')],
    );
    expect((JSON.parse(all.out) as { id: string }[]).map((s) => s.id).sort()).toEqual(['awb-4:1', 'awb-4:13']);
    const unknown = await cli(['sources', fixture('aanvraag.flint'), '--of', '<<nope>>'], [fixture('aanvraag.flint')]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('No act, fact or duty named «<<nope>>»');
  });

  it('sources --at: the versions in force on a date (grammar/README.md#versions)', async () => {
    const model = join('tests', 'run', 'fixtures', 'versions', 'maximum-uurprijs.flint');
    const at = async (date: string) => {
      const r = await cli(['sources', model, '--of', '[maximum uurprijs]', '--at', date, '--format', 'json'], [model]);
      expect(r.code).toBe(0);
      return (JSON.parse(r.out) as { id: string; version?: string; publication?: string }[]).map((s) =>
        `${s.id}@${s.version} ${s.publication ?? ''}`.trim(),
      );
    };
    expect(await at('2019-06-30')).toEqual(['bkot-4@2019 Stb. 2018, 327']);
    expect(await at('2018-12-31')).toEqual(['bkot-4@2018 Stb. 2017, 430']);
    expect(await at('2021-01-01')).toEqual([]);
    const all = await cli(['sources', model, '--of', '[maximum uurprijs]', '--format', 'json'], [model]);
    expect((JSON.parse(all.out) as { version: string }[]).map((s) => s.version)).toEqual(['2018', '2019', '2023']);
    const text = await cli(['sources', model, '--at', '2021-01-01'], [model]);
    expect(text.out).toContain('art. 4 lid 1 Besluit kinderopvangtoeslag  [bkot-4]  no version in force on 2021-01-01');
    const bad = await cli(['sources', model, '--at', '2021-13-01'], [model]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at expects a date like 2025-01-01');
  });

  it('plan: the acts that make a decision exist', async () => {
    const r = await cli(
      ['plan', fixture('aanvraag.flint'), '--goal', '[besluit]', '--format', 'json'],
      [fixture('aanvraag.flint')],
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      acts: ['indienen aanvraag', 'beslissen op aanvraag'],
      found: true,
      inputs: ['bestuursorgaan', 'bevoegd'],
    });
  });
});

describe('flint (process)', () => {
  const bin = join(projectRoot, 'bin', 'flint.js');

  it('runs as a binary: exit codes 0, 1 and 2', () => {
    const ok = spawnSync(process.execPath, [bin, 'check', fixture('aanvraag.flint')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'check', fixture('typo.flint')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('');
    const usage = spawnSync(process.execPath, [bin, 'check'], { cwd: projectRoot, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('no FILE given');
  });

  it('fmt writes through the file system atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flint-cli-'));
    const file = join(dir, 'x.flint');
    writeFileSync(file, 'fact   [x]\n');
    execFileSync(process.execPath, [bin, 'fmt', file], { encoding: 'utf8' });
    expect(readFileSync(file, 'utf8')).toBe('fact [x]\n');
  });

  it.skipIf(!hasShared)('checks every shared discipl model with zero errors', () => {
    const files = [
      'flint-example-lerarenbeurs.json',
      'flint-example-awb.json',
      'Vreemdelingenwet.flint.json',
      'ANLb.flint.json',
      'flint-example-verwelkoming.json',
      'flint-example.json',
    ].map((f) => sharedPath('flint-models', 'discipl', f));
    const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', ...files], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { errors: number }[] };
    expect(report.files.map((f) => f.errors)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
