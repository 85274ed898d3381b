/**
 * Versioned schema migrations. Each migration runs once, in order, inside one transaction with its
 * row in `schema_migrations`; a store made by a newer version of the service (an unknown version in
 * that table) is refused rather than written to. The SQL is portable between SQLite and
 * PostgreSQL (TEXT and INTEGER columns; JSON is stored as canonical text, the bytes the hash chain
 * covers).
 */
import type { Driver } from './sql.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, the same on both backends, or each backend's own. */
  readonly statements: readonly string[] | Readonly<Record<'sqlite' | 'postgres', readonly string[]>>;
}

/**
 * The index of `GET /v1/decisions?restsOn=` as of version 3: one row per source a decision rests on
 * under each name it can be asked by (its source id, and its juriconnect id when it has one that
 * differs), with the version of the source applied; one index on (`source`, `at`). Version 1 kept
 * one row per source with its primary key and two indexes: four B-trees written per decision.
 */
const DECISION_RESTS = `CREATE TABLE decision_rests (
        source TEXT NOT NULL, at TEXT NOT NULL, decision_id TEXT NOT NULL REFERENCES decisions(id),
        source_id TEXT NOT NULL, juriconnect TEXT, valid_from TEXT, valid_to TEXT)`;
const DECISION_RESTS_FILL = [
  `INSERT INTO decision_rests (source, at, decision_id, source_id, juriconnect, valid_from, valid_to)
   SELECT source_id, at, decision_id, source_id, juriconnect, valid_from, valid_to FROM decision_sources
   ORDER BY decision_id, source_id`,
  `INSERT INTO decision_rests (source, at, decision_id, source_id, juriconnect, valid_from, valid_to)
   SELECT juriconnect, at, decision_id, source_id, juriconnect, valid_from, valid_to FROM decision_sources
   WHERE juriconnect IS NOT NULL AND juriconnect <> source_id ORDER BY decision_id, source_id`,
  'DROP TABLE decision_sources',
  'CREATE INDEX decision_rests_by_source ON decision_rests (source, at)',
];

/**
 * Version 4, for listing cases (`GET /v1/cases`): who is an actor of which case (actors are fixed
 * when a case is created), and each case's number (`c12` is 12) with an index, so that a page of
 * cases in the order they were created is read from an index, not sorted from the whole table.
 */
const CASE_LISTING = [
  `CREATE TABLE case_actors (
        actor TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id), PRIMARY KEY (actor, case_id))`,
  'ALTER TABLE cases ADD COLUMN ordinal BIGINT',
  'UPDATE cases SET ordinal = CAST(substr(id, 2) AS BIGINT)',
  'CREATE UNIQUE INDEX cases_by_ordinal ON cases (ordinal)',
];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'models, cases, events, decisions, idempotency',
    statements: [
      'CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)',
      `CREATE TABLE models (
        id TEXT PRIMARY KEY, title TEXT, version TEXT, format TEXT NOT NULL, main TEXT NOT NULL,
        files TEXT NOT NULL, registered INTEGER NOT NULL)`,
      `CREATE TABLE cases (
        id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models(id), revision INTEGER NOT NULL,
        head TEXT NOT NULL, created_by TEXT)`,
      `CREATE TABLE events (
        case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, kind TEXT NOT NULL,
        body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq))`,
      `CREATE TABLE decisions (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL,
        model_id TEXT NOT NULL, act TEXT NOT NULL, actor TEXT NOT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL,
        trace TEXT NOT NULL, trace_hash TEXT NOT NULL)`,
      `CREATE TABLE decision_sources (
        decision_id TEXT NOT NULL REFERENCES decisions(id), source_id TEXT NOT NULL, juriconnect TEXT,
        valid_from TEXT, valid_to TEXT, at TEXT NOT NULL, PRIMARY KEY (decision_id, source_id))`,
      'CREATE INDEX decision_sources_by_source ON decision_sources (source_id, at)',
      'CREATE INDEX decision_sources_by_jci ON decision_sources (juriconnect, at)',
      `CREATE TABLE idempotency (
        key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'case state snapshots',
    statements: [
      `CREATE TABLE snapshots (
        case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, state TEXT NOT NULL,
        PRIMARY KEY (case_id, seq))`,
    ],
  },
  {
    version: 3,
    name: 'fewer pages per decision: decision_rests, events without rowid (SQLite)',
    statements: {
      // SQLite: the events keyed by (case_id, seq) in the table itself (WITHOUT ROWID), no separate
      // index of the primary key to write with each event.
      sqlite: [
        DECISION_RESTS,
        ...DECISION_RESTS_FILL,
        `CREATE TABLE events_v3 (
          case_id TEXT NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL, kind TEXT NOT NULL,
          body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (case_id, seq)) WITHOUT ROWID`,
        `INSERT INTO events_v3 (case_id, seq, kind, body, prev, hash)
         SELECT case_id, seq, kind, body, prev, hash FROM events`,
        'DROP TABLE events',
        'ALTER TABLE events_v3 RENAME TO events',
      ],
      postgres: [DECISION_RESTS, ...DECISION_RESTS_FILL],
    },
  },
  {
    version: 4,
    name: 'case_actors and cases.ordinal, for listing cases',
    statements: {
      // Filled from each case's `create` event (its body is canonical JSON with `event.actors`).
      sqlite: [
        ...CASE_LISTING,
        `INSERT INTO case_actors (actor, case_id)
         SELECT a.key, e.case_id FROM events e, json_each(e.body, '$.event.actors') a
         WHERE e.seq = 1 AND e.kind = 'create' ORDER BY e.case_id, a.key`,
      ],
      postgres: [
        ...CASE_LISTING,
        `INSERT INTO case_actors (actor, case_id)
         SELECT a.key, e.case_id FROM events e, jsonb_each((e.body::jsonb) -> 'event' -> 'actors') a
         WHERE e.seq = 1 AND e.kind = 'create' ORDER BY e.case_id, a.key`,
      ],
    },
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** Bring the store's schema up to {@link SCHEMA_VERSION}; returns the versions applied now. */
export async function migrate(driver: Driver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return driver.tx(async (t) => {
    // Two servers starting at once on one PostgreSQL database: the second waits for the first.
    if (driver.backend === 'postgres') await t.all('SELECT pg_advisory_xact_lock(7301)');
    await t.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const done = new Set((await t.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new Error(
        `The store has schema version ${Math.max(...unknown)}, newer than this service knows ` +
          `(${SCHEMA_VERSION}); upgrade the service instead of writing to it.`,
      );
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      const statements = Array.isArray(m.statements)
        ? (m.statements as readonly string[])
        : (m.statements as Readonly<Record<'sqlite' | 'postgres', readonly string[]>>)[driver.backend];
      for (const s of statements) await t.run(s);
      await t.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
