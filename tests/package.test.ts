import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { print } from '../src/syntax/index.js';
import { projectRoot } from './helpers/shared.js';
import { benefitModel } from './run/fixtures.js';

const node = (args: string[], cwd = projectRoot) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
};

describe('the package as a library', () => {
  it('imports as «calculemus» from the built JavaScript (npm install runs the build) and decides', () => {
    const script = `
      import { parse, compile, createCase, take, decisionSources } from 'calculemus';
      const text = 'source s { citation: "art. 1" }\\nfact [p]: actor { closed }\\n' +
        'fact [klaar] { holds when: created }\\n' +
        'act <<doen>>(x: [p]) { actor: x  creates: [klaar]  sources: s }';
      const { value: model, diagnostics } = parse(text, 'm.flint');
      const cm = compile(model).value;
      const s0 = createCase(cm, { asOf: '2024-01-01', actors: { ann: { roles: ['p'] } } });
      const r = take(cm, s0, { act: 'doen', actor: 'ann', params: { x: 'ann' } });
      const sources = decisionSources(r.trace).map((s) => s.citation);
      console.log(JSON.stringify({ diagnostics: diagnostics.length, ok: r.ok, sources }));
    `;
    const r = node(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: 0, ok: true, sources: ['art. 1'] });
  });

  it('loads with require() (Node ≥ 20.19 loads the ESM build), with the case-file API', () => {
    const script = `
      const c = require('calculemus');
      const parsed = c.parseCaseFile('{"model": "m.flint", "asOf": "2024-01-01"}', 'case.json');
      const caseFile = parsed.value.case !== null;
      console.log(JSON.stringify({ parse: typeof c.parse, check: typeof c.check, caseFile }));
    `;
    const r = node(['--no-warnings', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ parse: 'function', check: 'function', caseFile: true });
  });

  it('exposes the JSON Schemas and the bundled norms through the exports map', () => {
    const script = `
      const { bundledNorms, loadBundledNorm } = await import('calculemus/norms');
      const { createRequire } = await import('node:module');
      const require = createRequire(process.cwd() + '/x.js');
      const schema = require('calculemus/schemas/case.schema.json');
      const awb = loadBundledNorm('awb');
      const none = loadBundledNorm('geen-wet');
      const flintFile = require.resolve('calculemus/norms/awb/awb.flint');
      console.log(JSON.stringify({
        names: bundledNorms(),
        schema: typeof schema.$schema,
        awbFrames: awb.value.model.declarations.length > 10,
        awbErrors: awb.diagnostics.filter((d) => d.severity === 'error').length,
        none: [none.value, none.diagnostics.map((d) => d.code)],
        flintFile: flintFile.endsWith('norms/awb/awb.flint'),
      }));
    `;
    const r = node(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      names: ['atw', 'awb', 'awir', 'kinderopvangtoeslag', 'lerarenbeurs', 'zorgtoeslag'],
      schema: 'string',
      awbFrames: true,
      awbErrors: 0,
      none: [null, ['unknown-norm']],
      flintFile: true,
    });
    expect(pkg.files).toContain('norms');
  });
});

describe('the flint binary', () => {
  it('runs the built JavaScript, without tsx (a dev dependency)', () => {
    expect(readFileSync(join(projectRoot, 'bin', 'flint.js'), 'utf8')).not.toMatch(/from 'tsx/);
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.devDependencies)).toContain('tsx');
    const r = node(['bin/flint.js', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: flint <command>/);
  });

  it('says clearly that dist/ is missing, exit 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calculemus-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(projectRoot, 'bin', 'flint.js'), join(dir, 'bin', 'flint.js'));
    const r = node([join(dir, 'bin', 'flint.js'), '--help'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run build');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('runs the CLI bundled at build time (dist/src/cli/bin/main.mjs), built with esbuild after tsc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calculemus-bin-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'src', 'cli', 'bin'), { recursive: true });
    copyFileSync(join(projectRoot, 'bin', 'flint.js'), join(dir, 'bin', 'flint.js'));
    writeFileSync(join(dir, 'dist', 'src', 'cli', 'bin', 'main.mjs'), "process.stdout.write('the bundle');\n");
    expect(node([join(dir, 'bin', 'flint.js'), '--help'], dir).stdout).toBe('the bundle');
    for (const script of [pkg.scripts.build, pkg.scripts.prepare]) {
      expect(script).toBe('tsc -p tsconfig.build.json && node scripts/bundle-cli.mjs');
    }
    // Pinned to the version installed (tsx depends on it too).
    const installed = JSON.parse(
      readFileSync(join(projectRoot, 'node_modules', 'esbuild', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(pkg.devDependencies.esbuild).toBe(installed.version);
    expect(Object.keys(pkg.dependencies)).not.toContain('esbuild');
  });

  it('the bundled CLI prints what the unbundled build prints', () => {
    for (const args of [['--help'], ['check', 'norms/awb/awb.flint'], ['check', 'no/such/file.flint']]) {
      const bundled = node(['bin/flint.js', ...args]);
      const plain = node(['dist/src/cli/main.js', ...args]);
      expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual({
        status: plain.status,
        stdout: plain.stdout,
        stderr: plain.stderr,
      });
    }
  });

  it("the bundled batch command's workers find the interpreter: same lines as in one thread", () => {
    const dir = mkdtempSync(join(tmpdir(), 'calculemus-bin-'));
    const model = join(dir, 'benefit.flint');
    writeFileSync(model, print(benefitModel()));
    const cases = join(projectRoot, 'tests', 'batch', 'golden', 'benefit.cases.jsonl');
    const run = (workers: string) =>
      node(['bin/flint.js', 'batch', model, '--cases', cases, '--workers', workers, '--chunk', '1', '--no-progress']);
    const inWorkers = run('2');
    expect(inWorkers.stderr).toMatch(/2 workers/);
    expect(inWorkers.stdout.split('\n').length).toBeGreaterThan(4);
    expect(inWorkers.stdout).toBe(run('0').stdout);
  });
});
