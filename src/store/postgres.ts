/**
 * The PostgreSQL backend (pg, a pool of connections). A transaction takes one connection from the
 * pool (`BEGIN` ... `COMMIT`, READ COMMITTED); the optimistic revision check on a case is an
 * `UPDATE ... WHERE revision = ?`, which PostgreSQL re-checks after waiting for a concurrent writer
 * of the same row, so two writers of one case can never both win.
 */
import pg from 'pg';
import type { Driver, Row, SqlTx, SqlValue } from './sql.js';

/** `?` placeholders numbered for PostgreSQL (`?` inside quotes is not used by the store's SQL). */
const numbered = new Map<string, string>();
function pgSql(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    numbered.set(sql, out);
  }
  return out;
}

export function openPostgres(url: string, options: { readonly max?: number } = {}): Driver {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 8 });
  // An idle connection dropped by the server is an event on the pool, not a crash of the process.
  pool.on('error', () => undefined);
  const over = (c: pg.PoolClient | pg.Pool): SqlTx => ({
    all: async (sql, params = []) => (await c.query(pgSql(sql), params as SqlValue[])).rows as Row[],
    run: async (sql, params = []) => (await c.query(pgSql(sql), params as SqlValue[])).rowCount ?? 0,
  });
  return {
    backend: 'postgres',
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        try {
          const r = await fn(over(client));
          await client.query('COMMIT');
          return r;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      } finally {
        client.release();
      }
    },
    read: (fn) => fn(over(pool)),
    isUniqueViolation: (e) => (e as { code?: string } | null)?.code === '23505',
    close: () => pool.end(),
  };
}
