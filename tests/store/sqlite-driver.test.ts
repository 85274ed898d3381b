import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
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
    // Closed: a write fails at once instead of waiting for a batch that never runs.
    await expect(d.tx((t) => t.run('INSERT INTO t (k, v) VALUES (5, ?)', ['e']))).rejects.toThrow('closed');
    // Reopened: what was committed is there.
    const again = openSqlite(join(dir, 'g.db'));
    try {
      expect((await again.read((t) => t.all('SELECT k FROM t ORDER BY k'))).map((r) => r.k)).toEqual([1, 3, 4]);
    } finally {
      await again.close();
    }
  });

  it('copies the WAL into the database in its checkpointer thread while the writer only writes', async () => {
    const file = join(dir, 'c.db');
    const d = openSqlite(file);
    // The WAL-index header (SQLite's file format, walformat.html): the last frame at offset 16, the
    // frames copied into the database at 96. The writer's own checkpoint starts at 10,000 frames, so
    // with a few hundred any copying is the checkpointer's.
    const header = (): { frames: number; copied: number } => {
      const b = Buffer.alloc(100);
      const fd = openSync(`${file}-shm`, 'r');
      try {
        readSync(fd, b, 0, 100, 0);
      } finally {
        closeSync(fd);
      }
      return { frames: b.readUInt32LE(16), copied: b.readUInt32LE(96) };
    };
    try {
      await d.tx((t) => t.run('CREATE TABLE w (k INTEGER PRIMARY KEY, v TEXT)'));
      for (let i = 0; i < 50; i++)
        await d.tx((t) => t.run('INSERT INTO w (k, v) VALUES (?, ?)', [i, 'x'.repeat(3000)]));
      const written = header();
      expect(written.frames).toBeGreaterThan(50);
      let now = written;
      for (let waited = 0; now.copied < written.frames && waited < 5000; waited += 25) {
        await new Promise((r) => setTimeout(r, 25));
        now = header();
      }
      expect(now.copied).toBeGreaterThanOrEqual(written.frames);
    } finally {
      await d.close();
    }
  });
});
