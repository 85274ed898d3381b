/**
 * The explorer's side of the service: its static files at / (only the files of the build, strict
 * headers, /v1 untouched), its configuration, the model files route it reads, and the demo seeding
 * (idempotent). The explorer itself is tested in Chromium: tests/web.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { processIo } from '../../src/cli/io.js';
import { seedCase } from '../../src/server/seed.js';
import { loadWebAssets } from '../../src/server/web.js';
import { Decisions } from '../../src/store/cases.js';
import { projectRoot } from '../helpers/shared.js';
import { sqliteBackend, toeslagCase, toeslagUpload } from '../store/backends.js';
import { startTestServer, type TestServer } from './harness.js';

describe('the explorer served by the decision service', () => {
  const backend = sqliteBackend();
  const dir = mkdtempSync(join(tmpdir(), 'flint-web-files-'));
  let s: TestServer;
  let model = '';
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'explorer-abc.js'), 'console.log(1)');
    const web = loadWebAssets(dir, { demoToken: 'demo', cases: [{ id: 'c1', model: 'm', description: 'd' }] });
    if (web === null) throw new Error('no build');
    s = await startTestServer(await backend.fresh(), { web });
    const r = await s.call('admin', 'POST', '/v1/models', toeslagUpload());
    model = String(r.json.id);
  });
  afterAll(async () => {
    await s?.close();
    await backend.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the build at / without a token, with strict headers', async () => {
    const index = await s.call(null, 'GET', '/');
    expect(index.status).toBe(200);
    expect(index.text).toBe('<!doctype html><title>x</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const js = await s.call(null, 'GET', '/assets/explorer-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await s.call(null, 'HEAD', '/index.html')).status).toBe(200);
    expect((await s.call(null, 'GET', '/explorer.json')).json).toEqual({
      cases: [{ description: 'd', id: 'c1', model: 'm' }],
      demoToken: 'demo',
    });
  });

  it('serves nothing else: no other file, no path out of the build, no write, /v1 still needs a token', async () => {
    for (const path of ['/nothing.js', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/']) {
      const r = await s.call(null, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(r.json.code).toBe('no-route');
    }
    expect((await s.call(null, 'POST', '/', '{}')).status).toBe(404);
    expect((await s.call(null, 'GET', '/v1/models')).status).toBe(401);
    expect((await s.call(null, 'GET', '/v1')).status).toBe(401);
  });

  it('gives a model its source files (GET /v1/models/{id}/files), to readers granted the model', async () => {
    const r = await s.call('auditor', 'GET', `/v1/models/${model}/files`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: model, format: 'flint', main: 'toeslag.flint' });
    expect(Object.keys(r.json.files as object).sort()).toEqual(['awb.flint', 'toeslag.flint']);
    expect((r.json.files as Record<string, string>)['toeslag.flint']).toBe(toeslagUpload().files['toeslag.flint']);
    expect((await s.call('stranger', 'GET', `/v1/models/${model}/files`)).status).toBe(403);
    expect((await s.call('auditor', 'GET', '/v1/models/sha256:none/files')).status).toBe(404);
  });

  it('has no build to serve when the folder has no index.html', () => {
    expect(loadWebAssets(join(dir, 'assets'))).toBeNull();
  });
});

describe('seeding a case file (flint serve --demo)', () => {
  const backend = sqliteBackend();
  afterAll(() => backend.cleanup());

  it('stores every act (a refusal too) and gives the same case when seeded again', async () => {
    const s = await startTestServer(await backend.fresh());
    try {
      const decisions = new Decisions(s.store);
      const r = await decisions.registerModel({ ...toeslagUpload() });
      const id = String(JSON.parse(r.ok ? r.body : '{}').id);
      const caseFile = {
        ...toeslagCase,
        acts: [
          { act: '<<beslissen>>', actor: 'alice', params: { ouder: 'alice' }, expect: 'refused' },
          {
            act: '<<aanvragen toeslag>>',
            actor: 'alice',
            params: { ouder: 'alice' },
            facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
          },
        ],
        advance: '2024-06-01',
      };
      const first = await seedCase(decisions, id, caseFile, 'k');
      expect(first).toMatchObject({
        caseId: 'c1',
        decisions: [
          { act: '<<beslissen>>', outcome: 'refused' },
          { act: '<<aanvragen toeslag>>', outcome: 'taken' },
        ],
      });
      const events = (await s.store.events('c1')).length;
      expect(await seedCase(decisions, id, caseFile, 'k')).toEqual(first);
      expect((await s.store.events('c1')).length).toBe(events);
      // An act that does not go as the file says is an error, not a silent seed.
      const wrong = await seedCase(
        decisions,
        id,
        { ...caseFile, acts: [{ ...caseFile.acts[1], expect: 'refused' }] },
        'w',
      );
      expect(wrong).toEqual({ error: 'act 1 (<<aanvragen toeslag>>) was taken, not refused' });
    } finally {
      await s.close();
    }
  });

  it('flint serve --web with no build in the folder is an error before listening', async () => {
    let err = '';
    const io = { ...processIo(), stdout: () => undefined, stderr: (t: string) => void (err += t) };
    const dir = mkdtempSync(join(tmpdir(), 'flint-web-none-'));
    try {
      const tokens = join(dir, 't.json');
      writeFileSync(tokens, '{"tokens":[]}');
      const code = await runCli(['serve', '--db', `sqlite:${join(dir, 'c.db')}`, '--tokens', tokens, '--web', dir], io);
      expect(code).toBe(1);
      expect(err).toContain(`no explorer build in ${dir} (run npm run build:web)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('flint serve --demo (a child process)', () => {
  it('serves the explorer at / with the demo configuration, the seeded case and the reader token «demo»', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flint-demo-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>explorer</title>');
    // No tokens configured: --demo alone makes the reader token «demo».
    const { FLINT_TOKENS: _unused, ...env } = process.env;
    const run = () =>
      spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', `sqlite:${join(dir, 'c.db')}`, '--port', '0'].concat([
          '--demo',
          '--web',
          dir,
          '--quiet',
        ]),
        { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env },
      );
    const started = (proc: ReturnType<typeof run>): Promise<{ url: string; out: string }> =>
      new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`flint serve did not start:\n${out}\n${err}`)), 40_000);
        proc.stderr?.on('data', (d: Buffer) => void (err += d.toString()));
        proc.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /^explorer: (http:\/\/\S+)\/$/m.exec(out)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve({ url, out });
          }
        });
        proc.once('exit', (code) => reject(new Error(`flint serve exited (${code}):\n${out}\n${err}`)));
      });
    const stop = (proc: ReturnType<typeof run>) =>
      new Promise<void>((done) => {
        proc.removeAllListeners('exit');
        proc.once('exit', () => done());
        proc.kill('SIGTERM');
      });
    try {
      const first = run();
      const { url, out } = await started(first);
      // One decision per act of the bundled case file.
      const caseFile = join(projectRoot, 'examples', 'cases', 'kinderopvangtoeslag.case.json');
      const acts = (JSON.parse(readFileSync(caseFile, 'utf8')) as { acts: unknown[] }).acts.length;
      expect(acts).toBeGreaterThan(10);
      expect(out).toContain(`\ndemo case c1: ${acts} decisions (reader token «demo»)\n`);
      expect(await (await fetch(`${url}/`)).text()).toBe('<!doctype html><title>explorer</title>');
      const config = (await (await fetch(`${url}/explorer.json`)).json()) as { demoToken: string; cases: unknown[] };
      expect(config).toMatchObject({ demoToken: 'demo', cases: [{ id: 'c1' }] });
      const events = await fetch(`${url}/v1/cases/c1/events`, { headers: { authorization: 'Bearer demo' } });
      expect(events.status).toBe(200);
      const revision = ((await events.json()) as { revision: number }).revision;
      // The demo reader reads; it writes nothing.
      const write = await fetch(`${url}/v1/cases/c1/advance`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo', 'content-type': 'application/json' },
        body: '{"to":"2030-01-01"}',
      });
      expect(write.status).toBe(403);
      await stop(first);
      // A restart on the same database seeds nothing new: the same case at the same revision.
      const second = run();
      const again = await started(second);
      const log = await fetch(`${again.url}/v1/cases/c1/events`, { headers: { authorization: 'Bearer demo' } });
      expect(((await log.json()) as { revision: number }).revision).toBe(revision);
      expect((await fetch(`${again.url}/v1/cases/c2`, { headers: { authorization: 'Bearer demo' } })).status).toBe(404);
      await stop(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
