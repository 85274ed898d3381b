/**
 * The fast route (src/server/fast.ts): a plain take-act request is answered without hono, and its
 * answers are the ones hono's route gives. Each request is sent twice over raw node:http on two
 * identical cases: once with a Content-Length (the fast route) and once chunked (no length: hono).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, fastRoutesOf } from '../../src/server/app.js';
import type { LogEntry } from '../../src/server/app.js';
import { parseTokens } from '../../src/server/auth.js';
import { actBodyOf, fastListener } from '../../src/server/fast.js';
import { Decisions } from '../../src/store/cases.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { aanvragen, sqliteBackend, toeslagCase, toeslagUpload } from '../store/backends.js';
import { startTestServer, type TestServer, tokensDocument } from './harness.js';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** POST JSON over node:http, with a Content-Length or chunked. */
function post(url: string, token: string, body: unknown, chunked: boolean, headers: Record<string, string> = {}) {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise<Raw>((ok, fail) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': Buffer.byteLength(data) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => void (text += c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', fail);
    if (chunked) {
      req.write(data.slice(0, 5));
      req.end(data.slice(5));
    } else req.end(data);
  });
}

const same = (a: Raw, b: Raw, from: string, to: string) => {
  expect(b.status).toBe(a.status);
  expect(b.text).toBe(a.text.replaceAll(`/v1/cases/${from}/`, `/v1/cases/${to}/`).replaceAll(`${from}-d`, `${to}-d`));
  for (const h of ['content-type', 'etag', 'idempotent-replayed', 'retry-after'])
    expect([h, b.headers[h]]).toEqual([h, a.headers[h]]);
  expect(Number(b.headers['content-length'] ?? Buffer.byteLength(b.text))).toBe(Buffer.byteLength(b.text));
};

describe('the fast route for taking acts', () => {
  const backend = sqliteBackend();
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(await backend.fresh());
    const model = String((await s.call('admin', 'POST', '/v1/models', toeslagUpload())).json.id);
    for (const _ of [1, 2])
      expect((await s.call('admin', 'POST', '/v1/cases', { model, ...toeslagCase })).status).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
    await backend.cleanup();
  });

  const both = async (who: string, body: unknown, headers: Record<string, string> = {}) => {
    const fast = await post(`${s.url}/v1/cases/c1/acts`, who, body, false, headers);
    const slow = await post(`${s.url}/v1/cases/c2/acts`, who, body, true, headers);
    same(fast, slow, 'c1', 'c2');
    return fast;
  };

  it('answers as hono does: taken, refused, denied, stale, invalid, replayed', async () => {
    expect((await both('alice', aanvragen)).status).toBe(201);
    const refused = { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], value: true }] };
    expect((await both('alice', refused, { 'accept-language': 'nl' })).status).toBe(422);
    expect((await both('mallory', { ...aanvragen, actor: 'mallory' })).status).toBe(403);
    expect((await both('alice', { ...aanvragen, actor: 'bd' })).status).toBe(403);
    expect((await both('admin', aanvragen)).status).toBe(403);
    expect((await both('alice', { ...aanvragen, force: true })).status).toBe(403);
    expect((await both('alice', aanvragen, { 'if-match': '"1"' })).status).toBe(409);
    expect((await both('alice', aanvragen, { 'if-match': 'soon' })).status).toBe(400);
    expect((await both('alice', aanvragen, { 'idempotency-key': 'x'.repeat(201) })).status).toBe(400);
    expect((await both('alice', { ...aanvragen, act: 'vliegen' })).status).toBe(422);
    expect((await both('alice', { ...aanvragen, facts: [{ fact: 'uitgesloten', args: [] }] })).status).toBe(422);
    expect((await both('alice', { ...aanvragen, extra: 1 })).status).toBe(400);
    expect((await both('alice', '{"act":')).status).toBe(400);
    expect((await both('nobody', aanvragen)).status).toBe(401);
    // Idempotency keys are per principal: one key per case, each used through both routes.
    const k1 = { 'idempotency-key': 'k1' };
    const k2 = { 'idempotency-key': 'k2' };
    const first = await post(`${s.url}/v1/cases/c1/acts`, 'alice', aanvragen, false, k1);
    const firstSlow = await post(`${s.url}/v1/cases/c2/acts`, 'alice', aanvragen, true, k2);
    same(first, firstSlow, 'c1', 'c2');
    expect(first.status).toBe(201);
    const again = await post(`${s.url}/v1/cases/c1/acts`, 'alice', aanvragen, true, k1);
    const againFast = await post(`${s.url}/v1/cases/c2/acts`, 'alice', aanvragen, false, k2);
    same(again, againFast, 'c1', 'c2');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    const reused = { ...aanvragen, at: '2024-03-02' };
    same(
      await post(`${s.url}/v1/cases/c1/acts`, 'alice', reused, false, k1),
      await post(`${s.url}/v1/cases/c2/acts`, 'alice', reused, true, k2),
      'c1',
      'c2',
    );
    expect(await s.store.verify()).toMatchObject({ broken: [] });
  });

  it('logs its requests as the app does', () => {
    const logged = s.logs.filter((e: LogEntry) => e.msg === 'request' && e.path === '/v1/cases/c1/acts');
    expect(logged.length).toBeGreaterThan(10);
    expect(logged[0]).toMatchObject({ level: 'info', method: 'POST', status: 201, principal: 'actor:alice' });
    expect(logged.find((e) => e.status === 401)).toMatchObject({ principal: null });
  });
});

describe('the fast route itself', () => {
  let store: Store;
  let server: http.Server;
  let url = '';
  const handedOver: string[] = [];
  beforeAll(async () => {
    store = await openStore({ backend: 'sqlite', file: ':memory:', synchronous: 'normal' });
    const decisions = new Decisions(store);
    const tokens = parseTokens(tokensDocument());
    if ('error' in tokens) throw new Error(tokens.error);
    const app = createApp({ decisions, tokens });
    const fast = fastRoutesOf(app);
    if (fast === undefined) throw new Error('no fast routes');
    const model = await decisions.registerModel(toeslagUpload());
    const id = (JSON.parse(model.ok ? model.body : '{}') as { id: string }).id;
    await decisions.createCase({ model: id, ...toeslagCase }, { by: 'admin:ops' });
    // Whatever the fast route hands over is answered 599 here, so that a test sees which route answered.
    server = http.createServer(
      fastListener(fast, (req, res) => {
        handedOver.push(`${req.method} ${req.url}`);
        res.writeHead(599).end();
      }),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await store.close();
  });

  it('answers a plain take itself and hands everything else to hono', async () => {
    expect((await post(`${url}/v1/cases/c1/acts`, 'alice', aanvragen, false)).status).toBe(201);
    expect((await post(`${url}/v1/cases/c9/acts`, 'alice', aanvragen, false)).status).toBe(404);
    expect(handedOver).toEqual([]);
    expect((await post(`${url}/v1/cases/c1/acts`, 'alice', aanvragen, true)).status).toBe(599);
    expect((await post(`${url}/v1/cases/c1/acts`, 'nobody', aanvragen, false)).status).toBe(599);
    expect((await post(`${url}/v1/cases/c1/acts?x=1`, 'alice', aanvragen, false)).status).toBe(599);
    expect((await post(`${url}/v1/cases/c%31/acts`, 'alice', aanvragen, false)).status).toBe(599);
    expect((await post(`${url}/v1/cases/c1/acts`, 'alice', '[1]', false)).status).toBe(599);
    const xml = { 'content-type': 'application/xml' };
    expect((await post(`${url}/v1/cases/c1/acts`, 'alice', aanvragen, false, xml)).status).toBe(599);
    expect(handedOver).toHaveLength(6);
  });

  it('takes only bodies the route schema accepts as they are', () => {
    expect(actBodyOf(aanvragen)).toBe(aanvragen);
    for (const junk of [
      null,
      [],
      {},
      { act: 'a' },
      { act: '', actor: 'a' },
      { act: 'a', actor: 'b', params: { x: {} } },
      { act: 'a', actor: 'b', params: [] },
      { act: 'a', actor: 'b', params: JSON.parse('{"__proto__": 1}') },
      { act: 'a', actor: 'b', facts: {} },
      { act: 'a', actor: 'b', at: 1 },
      { act: 'a', actor: 'b', force: 'yes' },
      { act: 'a', actor: 'b', expect: 'taken' },
    ])
      expect(actBodyOf(junk)).toBeNull();
  });
});
