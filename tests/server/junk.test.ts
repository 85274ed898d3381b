/** Junk of every kind gets a problem document with a 4xx status, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteBackend, toeslagCase, toeslagUpload } from '../store/backends.js';
import { startTestServer, type TestServer, type Who } from './harness.js';

const JUNK: unknown[] = [
  null,
  42,
  'text',
  [],
  [1, 2],
  {},
  { facts: null },
  { facts: [null, 1, 'x', [], {}] },
  { facts: [{ fact: '' }, { fact: 'kosten', args: [{}], value: [] }] },
  { act: '', actor: '' },
  { act: 'x'.repeat(10_000), actor: 'alice', params: { ouder: { nested: true } } },
  { act: 'aanvragen toeslag', actor: 'alice', params: { ouder: 1e308 }, at: '9999-99-99' },
  { act: 'aanvragen toeslag', actor: 'alice', facts: [{ fact: 'kosten', args: ['alice'], value: 'NaN' }] },
  { to: '2024-02-30' },
  { to: null },
  { model: null, asOf: 5 },
  { model: 'sha256:x', asOf: '2024-01-01', actors: { a: { roles: [null] } } },
  { model: 'MODEL', asOf: '2024-13-01', facts: [{ fact: 'kind van', args: ['a', 'b', 'c'] }] },
  { model: 'MODEL', asOf: '2024-01-01', equivalentDays: ['nope', 3] },
  { format: 'flint', main: '', files: {} },
  { format: 'flint', main: 'a.flint', files: { 'a.flint': '\u0000\uffff' } },
  { format: 'flint', main: 'a.flint', files: { 'a.flint': 'import "a.flint"' } },
  { format: 'flint-json', model: '{"acts": [' },
  { format: 'flint-json', model: [] },
  { __proto__: { polluted: true }, constructor: { prototype: {} } },
];

describe('junk requests', () => {
  const backend = sqliteBackend();
  let s: TestServer;
  let model = '';
  beforeAll(async () => {
    s = await startTestServer(await backend.fresh());
    model = String((await s.call('admin', 'POST', '/v1/models', toeslagUpload())).json.id);
    await s.call('admin', 'POST', '/v1/cases', { model, ...toeslagCase });
  });
  afterAll(async () => {
    await s?.close();
    await backend.cleanup();
  });

  const routes: [Who, string][] = [
    ['admin', '/v1/models'],
    ['admin', '/v1/cases'],
    ['alice', '/v1/cases'],
    ['alice', '/v1/cases/c1/facts'],
    ['admin', '/v1/cases/c1/facts'],
    ['alice', '/v1/cases/c1/acts'],
    ['admin', '/v1/cases/c1/advance'],
    ['admin', '/v1/cases/nope/acts'],
  ];

  it('POST bodies', async () => {
    for (const [who, path] of routes) {
      for (const junk of JUNK) {
        const body = JSON.stringify(junk).replace('"MODEL"', JSON.stringify(model));
        const r = await s.call(who, 'POST', path, body);
        expect([400, 403, 404, 409, 415, 422], `${path} ${body.slice(0, 80)}: ${r.text.slice(0, 200)}`).toContain(
          r.status,
        );
        expect(r.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
        expect(r.json).toMatchObject({ status: r.status, type: expect.stringMatching(/^urn:calculemus:problem:/) });
      }
    }
  });

  it('GET paths and queries', async () => {
    const paths = [
      `/v1/models/${'x'.repeat(300)}`,
      '/v1/models/%00',
      `/v1/models/${encodeURIComponent(model)}/frames/%3C%3C/sources`,
      '/v1/cases/%2e%2e',
      '/v1/cases/c1/available-acts?actor=',
      '/v1/decisions?restsOn=',
      '/v1/decisions?restsOn=x&from=2024-02-30x',
      '/v1/decisions/c1-d1/why-not',
      '/v1/decisions/c1-d1/why-not?act=%00&params=%7B',
      '/v1/decisions/c1-d1?format=pdf',
      '/v1/decisions/../../etc/passwd',
      '/v1/cases?limit=99999',
      '/v1/cases?limit=1e3',
      `/v1/cases?after=${'c'.repeat(300)}`,
      '/v1/cases?model=',
    ];
    for (const p of paths) {
      const r = await s.call('admin', 'GET', p);
      expect([400, 403, 404], `${p}: ${r.text.slice(0, 200)}`).toContain(r.status);
    }
    expect(s.logs.filter((e) => e.level === 'error')).toEqual([]);
  });
});
