import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/store/sqlite.js';

describe('SQLite driver: group commit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flint-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('commits concurrent writes together but rolls back a failing one alone', async () => {
    const d = openSqlite(join(dir, 'g.db'));
    try {
      await d.tx((t) => t.run('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)'));
      const results = await Promise.allSettled([
        d.tx((t) => t.run('INSERT INTO t (k, v) VALUES (1, ?)', ['a'])),
        d.tx(async (t) => {
          await t.run('INSERT INTO t (k, v) VALUES (2, ?)', ['b']);
          throw new Error('this write fails after its insert');
        }),
        d.tx((t) => t.run('INSERT INTO t (k, v) VALUES (1, ?)', ['duplicate'])),
        d.tx(async (t) => {
          await t.run('INSERT INTO t (k, v) VALUES (3, ?)', ['c']);
          return (await t.all('SELECT COUNT(*) AS n FROM t'))[0]?.n;
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(d.isUniqueViolation((results[2] as PromiseRejectedResult).reason)).toBe(true);
      // The fourth write saw the first (same batch, committed together) and not the failed ones.
      expect((results[3] as PromiseFulfilledResult<unknown>).value).toBe(2);
      const rows = await d.read((t) => t.all('SELECT k, v FROM t ORDER BY k'));
      expect(rows).toEqual([
        { k: 1, v: 'a' },
        { k: 3, v: 'c' },
      ]);
      // A lone failing write rolls back and the driver goes on.
      await expect(d.tx(async () => Promise.reject(new Error('alone')))).rejects.toThrow('alone');
      expect(await d.tx((t) => t.run('INSERT INTO t (k, v) VALUES (4, ?)', ['d']))).toBe(1);
    } finally {
      await d.close();
    }
    // Reopened: what was committed is there.
    const again = openSqlite(join(dir, 'g.db'));
    try {
      expect((await again.read((t) => t.all('SELECT k FROM t ORDER BY k'))).map((r) => r.k)).toEqual([1, 3, 4]);
    } finally {
      await again.close();
    }
  });
});
