import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { processIo } from '../../src/cli/io.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { parseStoreLocation } from '../../src/store/sql.js';
import pg from 'pg';
import { aanvragen, backends, PG_ADMIN, toeslagCase, toeslagUpload } from '../store/backends.js';
import { startTestServer, type TestServer } from './harness.js';

/** Run the CLI in this process, capturing its output. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { ...processIo(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) };
  const code = await runCli(args, io);
  return { code, out, err };
}

async function tamper(db: string, sql: string): Promise<void> {
  const loc = parseStoreLocation(db);
  if ('error' in loc) throw new Error(loc.error);
  const d = loc.backend === 'sqlite' ? openSqlite(loc.file) : openPostgres(loc.url);
  try {
    await d.tx((t) => t.run(sql));
  } finally {
    await d.close();
  }
}

for (const backend of backends()) {
  describe(`decision service over ${backend.name}`, () => {
    let s: TestServer;
    let db: string;
    let model: string;
    beforeAll(async () => {
      db = await backend.fresh();
      s = await startTestServer(db);
    });
    afterAll(async () => {
      await s?.close();
      await backend.cleanup();
    });

    it('answers /healthz and /openapi.json without a token, and 401 on /v1 without a known one', async () => {
      expect(await s.call(null, 'GET', '/healthz')).toMatchObject({ status: 200, json: { status: 'ok' } });
      const doc = await s.call(null, 'GET', '/openapi.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.json.paths as object)).toEqual(
        expect.arrayContaining([
          '/v1/models',
          '/v1/cases',
          '/v1/cases/{id}/acts',
          '/v1/decisions/{id}/why-not',
          '/v1/decisions',
        ]),
      );
      const none = await s.call(null, 'GET', '/v1/cases/c1');
      expect(none.status).toBe(401);
      expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await s.call(null, 'GET', '/v1/cases/c1', undefined, { authorization: 'Bearer nope' })).status).toBe(401);
      expect(await s.call('admin', 'GET', '/v1/nothing')).toMatchObject({ status: 404, json: { code: 'no-route' } });
    });

    it('registers models (admins only), with diagnostics for a broken one', async () => {
      expect(await s.call('alice', 'POST', '/v1/models', toeslagUpload())).toMatchObject({
        status: 403,
        json: { code: 'forbidden', detail: 'only an admin registers models (actor:alice is not one)' },
      });
      const reg = await s.call('admin', 'POST', '/v1/models', toeslagUpload());
      expect(reg.status).toBe(201);
      model = String(reg.json.id);
      expect((await s.call('admin', 'POST', '/v1/models', toeslagUpload())).status).toBe(200);
      const broken = await s.call('admin', 'POST', '/v1/models', {
        format: 'flint',
        main: 'm.flint',
        files: { 'm.flint': 'act <<x>> { actor: [nobody] }' },
      });
      expect(broken.status).toBe(422);
      expect(broken.json).toMatchObject({ code: 'model-invalid', status: 422, title: 'Unprocessable Content' });
      expect((broken.json.diagnostics as unknown[]).length).toBeGreaterThan(0);
      const bad = await s.call('admin', 'POST', '/v1/models', { format: 'flint', main: 'm.flint' });
      expect(bad).toMatchObject({ status: 400, json: { code: 'request-invalid' } });
      const notJson = await s.call('admin', 'POST', '/v1/models', '{"format": ');
      expect(notJson).toMatchObject({ status: 400, json: { code: 'request-invalid' } });
      expect(notJson.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
      const outside = await s.call('admin', 'POST', '/v1/models', {
        format: 'flint',
        main: 'm.flint',
        files: { 'm.flint': '', '../etc/passwd': '' },
      });
      expect(outside).toMatchObject({ status: 400, json: { code: 'bad-file-name' } });
      const json = await s.call('admin', 'POST', '/v1/models', { format: 'flint-json', model: { acts: 'no' } });
      expect(json).toMatchObject({ status: 422, json: { code: 'model-invalid' } });
    });

    it('serves a model, its graph, its sources and a frame’s sources', async () => {
      expect((await s.call('alice', 'GET', '/v1/models')).json.models).toEqual([
        { id: model, title: 'Voorbeeld kinderopvangtoeslag', version: '2024-01-01' },
      ]);
      expect((await s.call('stranger', 'GET', '/v1/models')).json.models).toEqual([]);
      const m = await s.call('auditor', 'GET', `/v1/models/${model}`);
      expect(m).toMatchObject({ status: 200, json: { id: model, title: 'Voorbeeld kinderopvangtoeslag' } });
      expect(m.json.acts).toContain('aanvragen toeslag');
      const graph = await s.call('admin', 'GET', `/v1/models/${model}/graph`);
      expect(graph.status).toBe(200);
      expect(graph.json).toHaveProperty('nodes');
      const sources = await s.call('admin', 'GET', `/v1/models/${model}/sources`);
      expect((sources.json as unknown as { id: string }[]).map((x) => x.id)).toContain('wko-1:1');
      const frame = await s.call(
        'admin',
        'GET',
        `/v1/models/${model}/frames/${encodeURIComponent('<<aanvragen toeslag>>')}/sources`,
      );
      expect(frame.status).toBe(200);
      expect((frame.json.sources as { id: string }[]).map((x) => x.id)).toContain('wko-1:1');
      expect((await s.call('admin', 'GET', `/v1/models/${model}/frames/nope/sources`)).status).toBe(404);
      expect((await s.call('admin', 'GET', '/v1/models/sha256:unknown')).status).toBe(404);
      expect(await s.call('stranger', 'GET', `/v1/models/${model}`)).toMatchObject({
        status: 403,
        json: { detail: `reader other is not granted model ${model}` },
      });
    });

    it('creates cases, with 403, 404 and 422 for the wrong principal, model or case', async () => {
      const created = await s.call('admin', 'POST', '/v1/cases', { model, ...toeslagCase });
      expect(created).toMatchObject({ status: 201, json: { id: 'c1', revision: 5 } });
      expect(await s.call('mallory', 'POST', '/v1/cases', { model, ...toeslagCase })).toMatchObject({
        status: 403,
        json: { detail: 'actor mallory may only create a case it is an actor of' },
      });
      expect((await s.call('auditor', 'POST', '/v1/cases', { model, ...toeslagCase })).status).toBe(403);
      expect(await s.call('admin', 'POST', '/v1/cases', { model: 'sha256:x', ...toeslagCase })).toMatchObject({
        status: 404,
        json: { code: 'model-not-found' },
      });
      const bad = await s.call('admin', 'POST', '/v1/cases', {
        model,
        asOf: '2024-02-30',
        actors: { x: { roles: ['koning'] } },
      });
      expect(bad.status).toBe(422);
      expect((bad.json.diagnostics as { code: string }[]).map((d) => d.code)).toContain('case-invalid');
      const role = await s.call('admin', 'POST', '/v1/cases', {
        model,
        asOf: '2024-01-01',
        actors: { x: { roles: ['koning'] } },
      });
      expect(role.status).toBe(422);
      expect((role.json.diagnostics as { code: string }[])[0]?.code).toBe('case-unknown-role');
      expect((await s.call('admin', 'POST', '/v1/cases', { model, asOf: '2024-01-01', extra: 1 })).status).toBe(400);
      const plain = await s.call('admin', 'POST', '/v1/cases', JSON.stringify({ model, asOf: '2024-01-01' }), {
        'content-type': 'text/plain',
      });
      expect(plain).toMatchObject({ status: 415, json: { code: 'unsupported-media-type' } });
      const big = await s.call('admin', 'POST', '/v1/cases', {
        model,
        asOf: '2024-01-01',
        facts: ['x'.repeat(1_100_000)],
      });
      expect(big).toMatchObject({ status: 413, json: { code: 'body-too-large' } });
    });

    it('shows a case only to its actors, readers of its model and admins', async () => {
      const c = await s.call('alice', 'GET', '/v1/cases/c1');
      expect(c).toMatchObject({ status: 200, json: { id: 'c1', revision: 5, asOf: '2024-03-01' } });
      expect(c.headers.get('etag')).toBe('"5"');
      expect(c.json).toHaveProperty('duties');
      expect(c.json).toHaveProperty('violations');
      expect((await s.call('auditor', 'GET', '/v1/cases/c1')).status).toBe(200);
      expect(await s.call('mallory', 'GET', '/v1/cases/c1')).toMatchObject({
        status: 403,
        json: { detail: 'actor mallory is not an actor of this case' },
      });
      expect((await s.call('stranger', 'GET', '/v1/cases/c1')).status).toBe(403);
      expect((await s.call('mallory', 'GET', '/v1/cases/c1/events')).status).toBe(403);
      expect((await s.call('admin', 'GET', '/v1/cases/c99')).status).toBe(404);
    });

    it('gives facts as the actor itself', async () => {
      const fact = { fact: 'geboortedatum', args: ['kees'], value: '2022-05-10' };
      expect(await s.call('alice', 'POST', '/v1/cases/c1/facts', { facts: [fact] })).toMatchObject({
        status: 200,
        json: { revision: 6 },
      });
      expect(await s.call('alice', 'POST', '/v1/cases/c1/facts', { facts: [{ ...fact, by: 'bd' }] })).toMatchObject({
        status: 403,
        json: { detail: 'actor alice may only give facts as itself' },
      });
      expect((await s.call('mallory', 'POST', '/v1/cases/c1/facts', { facts: [fact] })).status).toBe(403);
      const wrong = await s.call('admin', 'POST', '/v1/cases/c1/facts', { facts: [{ fact: 'geen feit' }] });
      expect(wrong.status).toBe(422);
      expect((wrong.json.diagnostics as { code: string }[])[0]?.code).toBe('run-unknown-fact');
    });

    it('takes acts only as the token’s actor with its roles; 409 on a stale revision; idempotent retries', async () => {
      expect((await s.call('admin', 'POST', '/v1/cases/c1/acts', aanvragen)).status).toBe(403);
      expect(await s.call('alice', 'POST', '/v1/cases/c1/acts', { ...aanvragen, actor: 'bd' })).toMatchObject({
        status: 403,
        json: { detail: 'actor alice may only take acts as itself, not as bd' },
      });
      const beslissen = { act: '<<beslissen>>', actor: 'alice', params: { ouder: 'alice' } };
      expect(await s.call('alice', 'POST', '/v1/cases/c1/acts', beslissen)).toMatchObject({
        status: 403,
        json: { detail: 'the token of alice does not carry the role [belastingdienst] that <<beslissen>> needs' },
      });
      expect((await s.call('mallory', 'POST', '/v1/cases/c1/acts', { ...aanvragen, actor: 'mallory' })).status).toBe(
        403,
      );
      expect(await s.call('alice', 'POST', '/v1/cases/c1/acts', aanvragen, { 'if-match': '"3"' })).toMatchObject({
        status: 409,
        json: { code: 'stale-revision', revision: 6 },
      });
      const key = { 'idempotency-key': 'apply-1', 'if-match': '"6"' };
      const taken = await s.call('alice', 'POST', '/v1/cases/c1/acts', aanvragen, key);
      expect(taken).toMatchObject({ status: 201, json: { decision: 'c1-d7', outcome: 'taken', revision: 7 } });
      expect(taken.headers.get('etag')).toBe('"7"');
      const retried = await s.call('alice', 'POST', '/v1/cases/c1/acts', aanvragen, key);
      expect(retried.status).toBe(201);
      expect(retried.text).toBe(taken.text);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect((await s.store.getCase('c1'))?.revision).toBe(7);
      const refused = await s.call('alice', 'POST', '/v1/cases/c1/acts', {
        ...aanvragen,
        facts: [{ fact: 'uitgesloten', args: ['alice'], value: true }],
      });
      expect(refused).toMatchObject({ status: 422, json: { code: 'act-refused', decision: 'c1-d8', revision: 8 } });
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(refused.json.reasons)).toContain('uitgesloten');
      const decided = await s.call('bd', 'POST', '/v1/cases/c1/acts', { ...beslissen, actor: 'bd' });
      expect(decided).toMatchObject({ status: 201, json: { decision: 'c1-d9' } });
    });

    it('lists available acts and moves the clock (admins only)', async () => {
      const av = await s.call('alice', 'GET', '/v1/cases/c1/available-acts?actor=alice');
      expect(av.status).toBe(200);
      expect(av.json.available).toEqual(
        expect.arrayContaining([{ act: 'aanvragen toeslag', params: { ouder: 'alice' } }]),
      );
      expect((await s.call('alice', 'GET', '/v1/cases/c1/available-acts?actor=bd')).status).toBe(403);
      expect((await s.call('admin', 'GET', '/v1/cases/c1/available-acts')).status).toBe(400);
      expect((await s.call('alice', 'POST', '/v1/cases/c1/advance', { to: '2024-09-01' })).status).toBe(403);
      const adv = await s.call('admin', 'POST', '/v1/cases/c1/advance', { to: '2024-09-01' });
      expect(adv).toMatchObject({ status: 200, json: { asOf: '2024-09-01', revision: 10 } });
      expect((await s.call('admin', 'POST', '/v1/cases/c1/advance', { to: 'soon' })).status).toBe(400);
      expect((await s.call('admin', 'POST', '/v1/cases/c1/advance', { to: '2024-01-01' })).status).toBe(422);
    });

    it('serves the event log with its hash chain', async () => {
      const ev = await s.call('alice', 'GET', '/v1/cases/c1/events');
      expect(ev.status).toBe(200);
      const events = ev.json.events as { seq: number; kind: string; prev: string; hash: string; by: string }[];
      expect(events.map((e) => e.kind)).toEqual([
        'create',
        'give',
        'give',
        'give',
        'give',
        'give',
        'take',
        'refuse',
        'take',
        'advance',
      ]);
      for (let i = 1; i < events.length; i++) expect(events[i]?.prev).toBe(events[i - 1]?.hash);
      expect(ev.json.head).toBe(events[events.length - 1]?.hash);
      expect(events[6]?.by).toBe('actor:alice');
    });

    it('serves decisions, why, why-not, sources and counterfactuals in json and markdown, nl and en', async () => {
      const d = await s.call('alice', 'GET', '/v1/decisions/c1-d7');
      expect(d).toMatchObject({ status: 200, json: { id: 'c1-d7', case: 'c1', model } });
      expect(d.json.trace).toMatchObject({ act: 'aanvragen toeslag', outcome: 'taken', traceVersion: 2 });
      const md = await s.call('alice', 'GET', '/v1/decisions/c1-d7?format=markdown', undefined, {
        'accept-language': 'nl',
      });
      expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(md.text).toContain('genomen');
      const en = await s.call('alice', 'GET', '/v1/decisions/c1-d7?format=markdown', undefined, {
        'accept-language': 'en-GB',
      });
      expect(en.text).toContain('taken');
      const why = await s.call('alice', 'GET', '/v1/decisions/c1-d8/why');
      expect(why).toMatchObject({ status: 200, json: { outcome: 'refused' } });
      expect(String(why.json.explanation)).toContain('uitgesloten');
      const whyNot = await s.call(
        'alice',
        'GET',
        `/v1/decisions/c1-d7/why-not?act=${encodeURIComponent('<<beslissen>>')}&actor=bd`,
      );
      expect(whyNot.status).toBe(200);
      expect((whyNot.json.answers as unknown[]).length).toBeGreaterThan(0);
      const whyNotMd = await s.call(
        'alice',
        'GET',
        '/v1/decisions/c1-d8/why-not?act=aanvragen%20toeslag&format=markdown',
      );
      expect(whyNotMd.text).toContain('aanvragen toeslag');
      expect((await s.call('alice', 'GET', '/v1/decisions/c1-d7/why-not?act=nope')).status).toBe(404);
      expect((await s.call('alice', 'GET', '/v1/decisions/c1-d7/why-not?act=beslissen&params=[1]')).status).toBe(400);
      const src = await s.call('alice', 'GET', '/v1/decisions/c1-d7/sources');
      expect((src.json.sources as { id: string }[]).map((x) => x.id)).toContain('wko-1:1');
      const cf = await s.call('alice', 'GET', '/v1/decisions/c1-d8/counterfactual');
      expect(cf.status).toBe(200);
      expect(JSON.stringify(cf.json.counterfactual)).toContain('uitgesloten');
      expect((await s.call('alice', 'GET', '/v1/decisions/c1-d8/counterfactual?format=markdown')).text).toMatch(/if:/);
      expect((await s.call('mallory', 'GET', '/v1/decisions/c1-d7')).status).toBe(403);
      expect((await s.call('admin', 'GET', '/v1/decisions/c1-d99')).status).toBe(404);
    });

    it('finds the decisions resting on an article, only those the principal may read', async () => {
      const q = '/v1/decisions?restsOn=wko-1%3A1';
      const all = await s.call('admin', 'GET', q);
      expect((all.json.decisions as { id: string }[]).map((d) => d.id)).toEqual(['c1-d7', 'c1-d8']);
      const byJci = await s.call(
        'auditor',
        'GET',
        `/v1/decisions?restsOn=${encodeURIComponent('jci1.3:c:BWBR0017017&artikel=1.1')}`,
      );
      expect((byJci.json.decisions as unknown[]).length).toBe(2);
      expect((await s.call('stranger', 'GET', q)).json.decisions).toEqual([]);
      expect((await s.call('bd', 'GET', q)).json.decisions).toEqual([]);
      expect((await s.call('admin', 'GET', `${q}&from=2024-03-02`)).json.decisions).toEqual([]);
      expect((await s.call('admin', 'GET', `${q}&from=tomorrow`)).status).toBe(400);
      expect((await s.call('admin', 'GET', '/v1/decisions')).status).toBe(400);
    });

    it('logs every denial with its reason', () => {
      const denied = s.logs.filter((e) => e.msg === 'denied');
      expect(denied.length).toBeGreaterThan(10);
      expect(denied).toContainEqual(
        expect.objectContaining({ principal: 'actor:mallory', reason: 'actor mallory is not an actor of this case' }),
      );
      expect(s.logs.find((e) => e.msg === 'request')).toMatchObject({
        method: 'GET',
        status: 200,
        time: expect.any(String),
      });
      expect(s.logs.some((e) => e.level === 'error')).toBe(false);
    });

    it('flint store verify finds a row changed by hand', async () => {
      const ok = await cli(['store', 'verify', '--db', db]);
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.out).toMatch(/store verified: \d+ cases, \d+ events, \d+ decisions; every hash chain is intact/);
      await tamper(db, "UPDATE events SET body = REPLACE(body, 'alice', 'eve') WHERE case_id = 'c1' AND seq = 7");
      const bad = await cli(['store', 'verify', '--db', db]);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('case c1: broken at event 7: its content does not match its hash');
      const json = await cli(['store', 'verify', '--db', db, '--case', 'c1', '--format', 'json']);
      expect(JSON.parse(json.out).broken).toEqual([
        { caseId: 'c1', seq: 7, problem: 'its content does not match its hash' },
      ]);
      expect((await cli(['store', 'verify'])).code).toBe(2);
      expect((await cli(['store', 'verify', '--db', 'sqlite:/nonexistent/x.db'])).code).toBe(1);
    });

    it('lists the cases a principal may read, a page at a time, in the order they were created', async () => {
      const before = await s.call('admin', 'GET', '/v1/cases?limit=1000');
      expect(before.status).toBe(200);
      const known = (before.json.cases as { id: string }[]).map((x) => x.id);
      expect(known[0]).toBe('c1');
      // Enough cases to pass c9 → c10 (ids sort by their number, not as text).
      for (let i = known.length; i < 12; i++)
        expect((await s.call('admin', 'POST', '/v1/cases', { model, ...toeslagCase })).status).toBe(201);
      const ids = (path: string, who: 'admin' | 'auditor' | 'stranger' | 'alice' | 'mallory' = 'admin') =>
        s.call(who, 'GET', path).then((r) => ({
          status: r.status,
          ids: ((r.json.cases ?? []) as { id: string; model: string }[]).map((x) => x.id),
          next: r.json.next,
          detail: r.json.detail,
        }));
      const first = await ids('/v1/cases?limit=5');
      expect(first).toMatchObject({ status: 200, ids: ['c1', 'c2', 'c3', 'c4', 'c5'], next: 'c5' });
      expect(await ids('/v1/cases?limit=5&after=c5')).toMatchObject({
        ids: ['c6', 'c7', 'c8', 'c9', 'c10'],
        next: 'c10',
      });
      const last = await ids('/v1/cases?limit=5&after=c10');
      expect(last.ids.slice(0, 2)).toEqual(['c11', 'c12']);
      expect(last.next).toBe(last.ids.length === 5 ? last.ids[4] : null);
      const page = await s.call('admin', 'GET', '/v1/cases?limit=1');
      expect(page.json).toEqual({ cases: [{ id: 'c1', model, revision: expect.any(Number) }], next: 'c1' });
      // a reader of every model sees them all; a reader of another model none, and may not ask for this one
      expect((await ids('/v1/cases?limit=12', 'auditor')).ids).toEqual((await ids('/v1/cases?limit=12')).ids);
      expect(await ids(`/v1/cases?model=${encodeURIComponent(model)}&limit=3`, 'auditor')).toMatchObject({
        ids: ['c1', 'c2', 'c3'],
      });
      expect(await ids('/v1/cases', 'stranger')).toMatchObject({ status: 200, ids: [], next: null });
      expect(await ids(`/v1/cases?model=${encodeURIComponent(model)}`, 'stranger')).toMatchObject({ status: 403 });
      expect(await ids('/v1/cases?model=sha256%3Anone', 'admin')).toMatchObject({ status: 200, ids: [] });
      // an actor lists the cases it is an actor of, and no other
      const mine = await ids('/v1/cases?limit=5', 'alice');
      expect(mine).toMatchObject({ status: 200, ids: ['c1', 'c2', 'c3', 'c4', 'c5'], next: 'c5' });
      expect(await ids('/v1/cases', 'mallory')).toMatchObject({ status: 200, ids: [], next: null });
      const other = await s.call('admin', 'POST', '/v1/cases', {
        model,
        ...toeslagCase,
        actors: { bob: { roles: ['ouder'] }, kees: { roles: ['kind'] } },
        facts: [],
      });
      expect(other.status).toBe(201);
      const all = (await ids('/v1/cases?limit=1000', 'alice')).ids;
      expect(all).not.toContain(other.json.id);
      expect((await ids('/v1/cases?limit=1000')).ids).toContain(other.json.id);
      for (const bad of ['/v1/cases?limit=0', '/v1/cases?limit=1001', '/v1/cases?limit=x', '/v1/cases?limit=-1'])
        expect((await s.call('admin', 'GET', bad)).status, bad).toBe(400);
    });

    it.runIf(backend.name === 'postgres')('answers 503, not 500, when the database is gone', async () => {
      const name = new URL(db).pathname.slice(1);
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      const r = await s.call('admin', 'GET', '/v1/cases/c1');
      expect(r).toMatchObject({ status: 503, json: { code: 'store-unavailable' } });
      expect(r.headers.get('retry-after')).toBe('1');
      expect(s.logs.some((e) => e.msg === 'store unavailable')).toBe(true);
    });
  });
}
