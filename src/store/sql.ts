/**
 * The SQL layer the store runs on: one small driver interface, two backends (SQLite through
 * better-sqlite3, PostgreSQL through pg). SQL is written once with `?` placeholders; the
 * PostgreSQL driver numbers them (`$1`, `$2`, ...). Every write runs inside {@link Driver.tx}:
 * one transaction, committed or rolled back as a whole.
 */

/** A value bound to or read from SQL: text, a number, or NULL. */
export type SqlValue = string | number | null;

/** One result row, by column name. */
export type Row = Readonly<Record<string, SqlValue>>;

/** The statements available inside one transaction (or one read). */
export interface SqlTx {
  /** Run a query and return its rows. */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Run a statement and return the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** A database connection (or pool) the store uses. */
export interface Driver {
  readonly backend: 'sqlite' | 'postgres';
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (t: SqlTx) => Promise<T>): Promise<T>;
  /** Run reads outside a write transaction (a consistent snapshot is not promised across statements). */
  read<T>(fn: (t: SqlTx) => Promise<T>): Promise<T>;
  /** Whether `error` is a violated primary-key or unique constraint. */
  isUniqueViolation(error: unknown): boolean;
  close(): Promise<void>;
}

/** A driver error that is not the user's fault (the database is unreachable, a statement failed). */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Where a store lives: `sqlite:FILE` (`sqlite::memory:` for a throw-away store) or `postgres://...`. */
export type StoreLocation =
  | { readonly backend: 'sqlite'; readonly file: string; readonly synchronous: 'normal' | 'full' }
  | { readonly backend: 'postgres'; readonly url: string };

/**
 * Parse a `--db` value: `sqlite:FILE` (optionally `?sync=full`), or a `postgres://` /
 * `postgresql://` URL. A message for anything else.
 */
export function parseStoreLocation(db: unknown): StoreLocation | { readonly error: string } {
  if (typeof db !== 'string' || db.trim() === '') return { error: 'give --db sqlite:FILE or --db postgres://...' };
  if (/^postgres(ql)?:\/\//.test(db)) return { backend: 'postgres', url: db };
  const m = /^sqlite:(.+?)(\?sync=(normal|full))?$/.exec(db);
  if (m) return { backend: 'sqlite', file: m[1] as string, synchronous: m[3] === 'full' ? 'full' : 'normal' };
  return { error: `«${db}» is not a store location: give sqlite:FILE or postgres://USER@HOST/DB.` };
}

/**
 * Whether `error` says the database cannot be used right now (unreachable, shut down, dropped, out
 * of connections or disk, locked): the service answers 503 rather than 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  const network = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)$/;
  // PostgreSQL: admin shutdown (57P0x), connection exceptions (08xxx), insufficient resources (53xxx), no database
  const postgres = /^(57P0\d|08\d{3}|53\d{3}|3D000)$/;
  const sqlite = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY)/;
  return network.test(code) || postgres.test(code) || sqlite.test(code);
}
