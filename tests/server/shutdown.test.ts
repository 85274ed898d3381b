import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { parseStoreLocation } from '../../src/store/sql.js';
import { sqliteBackend, toeslagCase, toeslagUpload } from '../store/backends.js';
import { startTestServer } from './harness.js';

describe('graceful shutdown', () => {
  const backend = sqliteBackend();
  afterAll(() => backend.cleanup());

  it('lets the requests in flight finish, then refuses connections and closes the store', async () => {
    const db = await backend.fresh();
    const s = await startTestServer(db);
    const model = String((await s.call('admin', 'POST', '/v1/models', toeslagUpload())).json.id);
    // Requests the server has started on when the stop comes are answered in full.
    const before = s.clockReads();
    const inFlight = [0, 1, 2].map(() => s.call('admin', 'POST', '/v1/cases', { model, ...toeslagCase }));
    while (s.clockReads() < before + 3) await new Promise((r) => setImmediate(r));
    const closing = s.close();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    await closing;
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    // The store was closed cleanly after the last request: every case is there and verifies.
    const loc = parseStoreLocation(db);
    if ('error' in loc) throw new Error(loc.error);
    const store = await openStore(loc);
    try {
      expect(await store.verify()).toMatchObject({ cases: 3, broken: [] });
    } finally {
      await store.close();
    }
  });
});
