/**
 * The two store backends the store and server suites run against: a temporary SQLite file, and a
 * database of its own on the local PostgreSQL server (created per run, dropped after). When
 * PostgreSQL is unreachable the PostgreSQL tests fail with a clear message (they run in CI).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../helpers/shared.js';

export const PG_ADMIN = process.env.FLINT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new empty store location (`sqlite:FILE` or `postgres://...`). */
  fresh(): Promise<string>;
  /** Remove every location made by {@link fresh}. */
  cleanup(): Promise<void>;
}

let counter = 0;

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'flint-store-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'cases.db')}`;
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: PG_ADMIN });
    try {
      await c.connect();
    } catch (e) {
      throw new Error(
        `PostgreSQL is not reachable at ${PG_ADMIN} (${(e as Error).message}); the store tests need it ` +
          '(set FLINT_TEST_PG to another server).',
      );
    }
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'postgres',
    async fresh() {
      const name = `flint_test_${process.pid}_${Date.now()}_${counter++}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(PG_ADMIN);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async cleanup() {
      const names = made.splice(0);
      if (names.length === 0) return;
      await admin(async (c) => {
        for (const n of names) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      });
    },
  };
}

export const backends = (): Backend[] => [sqliteBackend(), postgresBackend()];

/** The example toeslag model (examples/flint/toeslag.flint with its import awb.flint), as an upload. */
export function toeslagUpload(): { format: 'flint'; main: string; files: Record<string, string> } {
  const dir = join(projectRoot, 'examples', 'flint');
  return {
    format: 'flint',
    main: 'toeslag.flint',
    files: {
      'toeslag.flint': readFileSync(join(dir, 'toeslag.flint'), 'utf8'),
      'awb.flint': readFileSync(join(dir, 'awb.flint'), 'utf8'),
    },
  };
}

/** The actors and facts of examples/cases/toeslag-granted.json. */
export const toeslagCase = {
  asOf: '2024-03-01',
  actors: { alice: { roles: ['ouder'] }, kees: { roles: ['kind'] }, bd: { roles: ['[belastingdienst]'] } },
  facts: [
    { fact: 'kind van', args: ['kees', 'alice'] },
    { fact: '[uren]', args: ['kees'], value: '20' },
    { fact: 'kosten', args: ['alice'], value: '500', by: 'alice' },
    { fact: 'datum aanvraag', args: ['alice'], value: '2024-03-04' },
  ],
};

/** Taking <<aanvragen toeslag>> for alice (repeatable: it has no precondition on an earlier application). */
export const aanvragen = {
  act: '<<aanvragen toeslag>>',
  actor: 'alice',
  params: { ouder: 'alice' },
  facts: [{ fact: 'uitgesloten', args: ['alice'], value: false }],
};
