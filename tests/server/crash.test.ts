/**
 * Crash safety: the server (a child process running `flint serve`) is killed with SIGKILL while
 * three clients take acts; after a restart every acknowledged decision is there, every hash chain
 * verifies (nothing half-written: revisions, heads and decisions agree with the events), and
 * retrying the requests that got no answer, with their idempotency keys, takes each act once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { parseStoreLocation } from '../../src/store/sql.js';
import { projectRoot } from '../helpers/shared.js';
import { aanvragen, backends, toeslagCase } from '../store/backends.js';
import { tokensDocument } from './harness.js';

interface Child {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly model: string;
}

/** Start `flint serve` in a child process and wait until it listens. */
function serve(db: string, tokensFile: string): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'serve',
      '--db',
      db,
      '--port',
      '0',
      '--tokens',
      tokensFile,
      '--model',
      'examples/flint/toeslag.flint',
      '--quiet',
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`flint serve did not start:\n${out}\n${err}`)), 20_000);
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const model = /^model (\S+)/m.exec(out)?.[1];
      if (url && model) {
        clearTimeout(timer);
        resolve({ proc, url, model });
      }
    });
    proc.once('exit', (code) => reject(new Error(`flint serve exited (${code}):\n${out}\n${err}`)));
  });
}

const call = async (url: string, who: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

for (const backend of backends()) {
  describe(`crash safety on ${backend.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'flint-crash-'));
    const tokensFile = join(dir, 'tokens.json');
    writeFileSync(tokensFile, tokensDocument());
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every acknowledged decision through a SIGKILL, and the chains verify', async () => {
      const db = await backend.fresh();
      const first = await serve(db, tokensFile);
      children.push(first.proc);
      const cases: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(first.url, 'admin', '/v1/cases', { model: first.model, ...toeslagCase });
        expect(r.status).toBe(201);
        cases.push(String(r.json.id));
      }
      // Three clients, each taking acts on its own case with an idempotency key per request.
      const acked: { key: string; caseId: string; decision: string }[] = [];
      const sent: { key: string; caseId: string }[] = [];
      let stop = false;
      const client = async (caseId: string, w: number) => {
        for (let n = 0; !stop; n++) {
          const key = `w${w}-${n}`;
          sent.push({ key, caseId });
          try {
            const r = await call(first.url, 'alice', `/v1/cases/${caseId}/acts`, aanvragen, { 'idempotency-key': key });
            if (r.status === 201) acked.push({ key, caseId, decision: String(r.json.decision) });
            else throw new Error(`unexpected ${r.status}`);
          } catch {
            return; // the server is gone
          }
        }
      };
      const running = cases.map((c, w) => client(c, w));
      while (acked.length < 24) await new Promise((r) => setTimeout(r, 5));
      first.proc.kill('SIGKILL');
      const exited = new Promise((r) => first.proc.once('exit', r));
      await Promise.all(running);
      stop = true;
      await exited;
      expect(first.proc.signalCode).toBe('SIGKILL');

      const second = await serve(db, tokensFile);
      children.push(second.proc);
      try {
        for (const a of acked) {
          const res = await fetch(`${second.url}/v1/decisions/${a.decision}`, {
            headers: { authorization: 'Bearer alice' },
          });
          expect(res.status, a.decision).toBe(200);
        }
        // Retrying every request that was sent (acknowledged or not) with its key takes each act exactly once.
        for (const s of sent) {
          const r = await call(second.url, 'alice', `/v1/cases/${s.caseId}/acts`, aanvragen, {
            'idempotency-key': s.key,
          });
          expect(r.status).toBe(201);
          const before = acked.find((a) => a.key === s.key);
          if (before) expect(r.json.decision).toBe(before.decision);
        }
      } finally {
        second.proc.kill('SIGTERM');
        await new Promise((r) => second.proc.once('exit', r));
      }
      const loc = parseStoreLocation(db);
      if ('error' in loc) throw new Error(loc.error);
      const store = await openStore(loc);
      try {
        const report = await store.verify();
        expect(report.broken).toEqual([]);
        const takes = (await Promise.all(cases.map((c) => store.events(c)))).flat().filter((e) => e.kind === 'take');
        expect(takes.length).toBe(sent.length);
        expect(report.decisions).toBe(sent.length);
      } finally {
        await store.close();
      }
    }, 60_000);
  });
}
