/**
 * The SQLite backend (better-sqlite3, synchronous, one connection). Transactions are serialised
 * through a queue: the store's code awaits between statements, and two transactions interleaved on
 * one connection would see each other's writes. Reads queue too, so a read never sees a
 * half-done transaction.
 *
 * Settings, with their reasons (docs/server.md#backends):
 * - `journal_mode = WAL`: readers never block the writer, and a commit is one append to the WAL;
 * - `synchronous = NORMAL` (default) in WAL mode: a commit survives the process being killed (the
 *   WAL is in the operating system's cache), but the last commits may be lost if the machine loses
 *   power; `sqlite:FILE?sync=full` syncs the WAL on every commit instead;
 * - `busy_timeout = 5000`: another process holding the write lock is waited for, not an error;
 * - checkpoints in a worker thread (see CHECKPOINTER), every 50 ms while there is work, the
 *   writer's own only as a backstop (`wal_autocheckpoint = 10000`, `journal_size_limit` twice that);
 * - `foreign_keys = ON`;
 * - `temp_store = MEMORY`: the journal of each savepoint of a group commit (below) is kept in memory.
 *   In a temporary file (the default), every page a request changed that an earlier request of the
 *   same batch had changed too was copied to it first: about 22 `pwrite64` calls per take-act request
 *   at 64 clients, more than the WAL's own (docs/performance.md#decision-service). It holds at most a
 *   batch's pages; the service's other temporary storage (the sort of `restsOn=`, bounded by its
 *   limit) is small.
 * Statements are prepared once and cached by their text. Concurrent writes share a commit (group
 * commit, see below).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Driver, Row, SqlTx, SqlValue } from './sql.js';

/**
 * The checkpointer: a worker thread with its own connection that copies the WAL into the database
 * file (PASSIVE: it never waits for, nor blocks, the writer): again after {@link CHECKPOINT_BUSY_MS}
 * while the WAL had frames to copy, else after {@link CHECKPOINT_IDLE_MS}. The copying and the file
 * sync a checkpoint needs then happen off the thread that answers requests. CommonJS source run with
 * `eval`, so that it works the same from the sources, the build and the CLI bundle.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.binding);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { return db.pragma('wal_checkpoint(PASSIVE)')[0]?.log > 0; } catch { return false; }
};
let timer = null;
const run = () => { timer = setTimeout(run, checkpoint() ? workerData.busyMs : workerData.idleMs); };
timer = setTimeout(run, workerData.idleMs);
parentPort.on('message', () => { clearTimeout(timer); checkpoint(); db.close(); parentPort.close(); });
`;
/**
 * Under a steady write load the WAL grows by thousands of pages a second (about ten per take-act
 * request): checkpointed only every 250 ms, it reached the writer's backstop
 * ({@link CHECKPOINT_PAGES}) several times a second, and the writer then copied thousands of pages
 * itself, stalling every request in flight for tens of milliseconds (docs/performance.md#decision-service).
 */
const CHECKPOINT_BUSY_MS = 50;
const CHECKPOINT_IDLE_MS = 250;

/**
 * The writer itself checkpoints only when the WAL reaches this many pages (SQLite's default is
 * 1,000): a backstop for when the checkpointer falls behind. A checkpoint syncs the database file;
 * on this VM a sync costs milliseconds, and done by the writer at the default it came every ~125
 * acts and doubled the cost of an act (docs/performance.md#decision-service).
 */
const CHECKPOINT_PAGES = 10_000;

/** At most this many write transactions share one commit. */
const MAX_BATCH = 64;

export function openSqlite(file: string, synchronous: 'normal' | 'full' = 'normal'): Driver {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${CHECKPOINT_PAGES * 4096 * 2}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  let checkpointer: Worker | null = null;
  if (file !== ':memory:' && file !== '') {
    checkpointer = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: {
        binding: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        busyMs: CHECKPOINT_BUSY_MS,
        idleMs: CHECKPOINT_IDLE_MS,
      },
    });
    checkpointer.unref();
    checkpointer.on('error', () => {
      checkpointer = null; // the writer's own checkpoints (the backstop) keep the WAL bounded
    });
  }
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let st = cache.get(sql);
    if (st === undefined) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
  const t: SqlTx = {
    all: async (sql, params = []) => {
      const st = prepared(sql);
      if (st.reader) return st.all(...(params as SqlValue[])) as Row[];
      st.run(...(params as SqlValue[]));
      return [];
    },
    run: async (sql, params = []) => prepared(sql).run(...(params as SqlValue[])).changes,
  };
  // The queue: each job starts when the one before it has settled.
  let tail: Promise<unknown> = Promise.resolve();
  const queued = <T>(job: () => Promise<T>): Promise<T> => {
    const next = tail.then(job, job);
    tail = next.catch(() => undefined);
    return next;
  };
  // Transaction control as statements prepared once (db.exec would parse each every time).
  const control = (sql: string): (() => void) => {
    const st = db.prepare(sql);
    return () => void st.run();
  };
  const begin = control('BEGIN IMMEDIATE');
  const commit = control('COMMIT');
  const rollback = control('ROLLBACK');
  const savepoint = control('SAVEPOINT job');
  const release = control('RELEASE job');
  const rollbackTo = control('ROLLBACK TO job');
  // Group commit: the write transactions waiting when one batch starts run together in one
  // SQLite transaction, each inside its own savepoint (a failing one is rolled back alone), and
  // are answered after the one COMMIT. A commit is then paid once per batch, not per request.
  // A batch starts in the event loop's check phase (setImmediate), after the callbacks of every
  // connection that was readable in this turn: the requests that arrived together commit together.
  // (Started at once, in a microtask, a batch would almost always hold just the first of them.)
  type Job = { fn: (t: SqlTx) => Promise<unknown>; ok: (v: unknown) => void; fail: (e: unknown) => void };
  const pending: Job[] = [];
  const runBatch = async (): Promise<void> => {
    const batch = pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    if (pending.length > 0) void queued(runBatch); // more than one batch waiting
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // One job alone needs no savepoint: its failure rolls back the transaction.
    const alone = batch.length === 1;
    begin();
    try {
      for (const job of batch) {
        if (!alone) savepoint();
        try {
          results.push({ ok: true, value: await job.fn(t) });
          if (!alone) release();
        } catch (error) {
          if (alone) rollback();
          else {
            rollbackTo();
            release();
          }
          results.push({ ok: false, error });
        }
      }
      if (db.inTransaction) commit();
    } catch (e) {
      if (db.inTransaction) rollback();
      for (const job of batch) job.fail(e);
      return;
    }
    batch.forEach((job, i) => {
      const r = results[i];
      if (r?.ok) job.ok(r.value);
      else job.fail(r?.error);
    });
  };
  let closed = false;
  return {
    backend: 'sqlite',
    tx: <T>(fn: (t: SqlTx) => Promise<T>) =>
      new Promise<T>((ok, fail) => {
        // After close a write fails at once (it would wait for a batch that never runs).
        if (closed) return fail(new Error('The SQLite store is closed.'));
        pending.push({ fn, ok: ok as (v: unknown) => void, fail });
        if (pending.length === 1) setImmediate(() => void queued(runBatch));
      }),
    read: (fn) => queued(() => fn(t)),
    isUniqueViolation: (e) =>
      e instanceof Error && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test((e as { code?: string }).code ?? ''),
    close: () =>
      queued(async () => {
        if (closed) return;
        closed = true;
        while (pending.length > 0) await runBatch(); // writes asked for before the close are done
        const w = checkpointer;
        if (w !== null) {
          const exited = new Promise((r) => w.once('exit', r));
          w.postMessage('close');
          await exited;
        }
        db.close();
      }),
  };
}
