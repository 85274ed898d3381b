import { afterAll, describe, expect, it } from 'vitest';
import { Decisions } from '../../src/store/cases.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { Driver } from '../../src/store/sql.js';
import { parseStoreLocation } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import { canonicalJson } from '../../src/model/canonical.js';
import { eventHash } from '../../src/store/chain.js';
import { aanvragen, backends, toeslagCase, toeslagUpload } from './backends.js';

const open = async (db: string): Promise<Store> => {
  const loc = parseStoreLocation(db);
  if ('error' in loc) throw new Error(loc.error);
  return openStore(loc);
};
const driverOf = (db: string): Driver => {
  const loc = parseStoreLocation(db);
  if ('error' in loc) throw new Error(loc.error);
  return loc.backend === 'sqlite' ? openSqlite(loc.file) : openPostgres(loc.url);
};
const json = (a: { ok: boolean; body?: string }): Record<string, unknown> =>
  a.ok
    ? (JSON.parse((a as { body: string }).body) as Record<string, unknown>)
    : (a as unknown as Record<string, unknown>);

/** Run SQL by hand on a store's database (tampering, inspection). */
async function sql(db: string, text: string, params: (string | number)[] = []): Promise<void> {
  const d = driverOf(db);
  try {
    await d.tx((t) => t.run(text, params));
  } finally {
    await d.close();
  }
}

describe('parseStoreLocation', () => {
  it('reads sqlite and postgres locations and rejects others', () => {
    expect(parseStoreLocation('sqlite:./cases.db')).toEqual({
      backend: 'sqlite',
      file: './cases.db',
      synchronous: 'normal',
    });
    expect(parseStoreLocation('sqlite:a.db?sync=full')).toMatchObject({ synchronous: 'full' });
    expect(parseStoreLocation('postgres://u@h/db')).toEqual({ backend: 'postgres', url: 'postgres://u@h/db' });
    expect(parseStoreLocation('mysql://x')).toHaveProperty('error');
    expect(parseStoreLocation(42)).toHaveProperty('error');
  });
});

for (const backend of backends()) {
  describe(`store on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('applies its migrations once, in order, and refuses a newer schema', async () => {
      const db = await backend.fresh();
      const d = driverOf(db);
      try {
        expect(await migrate(d)).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await migrate(d)).toEqual([]);
        await d.tx((t) => t.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [99, 'future']));
        await expect(migrate(d)).rejects.toThrow(/schema version 99, newer than this service knows \(4\)/);
      } finally {
        await d.close();
      }
      expect(SCHEMA_VERSION).toBe(4);
    });

    it('migrates a version-2 store to the newest: events, chains, decisions on sources, actors', async () => {
      // A store written by the current code, its rows then copied by hand into a store at version 2
      // (decision_sources as version 1 made it), which opening migrates.
      const db3 = await backend.fresh();
      const s3 = await open(db3);
      const svc = new Decisions(s3);
      const model = String(json(await svc.registerModel(toeslagUpload())).id);
      for (let i = 0; i < 2; i++) await svc.createCase({ model, ...toeslagCase }, { by: 'admin:test' });
      for (const c of ['c1', 'c2', 'c1']) await svc.take(c, aanvragen, { by: 'actor:alice' });
      await svc.take('c2', { act: 'beslissen', actor: 'alice', params: { ouder: 'alice' } }, { by: 'actor:alice' });
      const before = {
        byId: await s3.decisionsRestingOn({ source: 'wko-1:1' }),
        byJci: await s3.decisionsRestingOn({ source: 'jci1.3:c:BWBR0017017&artikel=1.1' }),
        events: [...(await s3.events('c1')), ...(await s3.events('c2'))],
      };
      expect(before.byId.map((r) => r.id)).toEqual(['c1-d6', 'c1-d7', 'c2-d6']);
      expect(before.byJci.length).toBeGreaterThanOrEqual(3);
      await s3.close();
      const from = driverOf(db3);
      const rows = await from.read(async (t) => ({
        models: await t.all('SELECT * FROM models'),
        counters: await t.all('SELECT * FROM counters'),
        cases: await t.all('SELECT * FROM cases'),
        events: await t.all('SELECT * FROM events ORDER BY case_id, seq'),
        decisions: await t.all('SELECT * FROM decisions ORDER BY id'),
        sources: await t.all(
          `SELECT DISTINCT decision_id, source_id, juriconnect, valid_from, valid_to, at FROM decision_rests
           ORDER BY decision_id, source_id`,
        ),
      }));
      await from.close();
      const db2 = await backend.fresh();
      const to = driverOf(db2);
      try {
        expect(
          await migrate(
            to,
            MIGRATIONS.filter((m) => m.version <= 2),
          ),
        ).toEqual([1, 2]);
        await to.tx(async (t) => {
          for (const [table, list] of Object.entries(rows)) {
            const name = table === 'sources' ? 'decision_sources' : table;
            for (const r of list) {
              // version 4 numbered the cases (`ordinal`); the migration numbers them again from their ids
              const cols = Object.keys(r).filter((c) => !(table === 'cases' && c === 'ordinal'));
              await t.run(
                `INSERT INTO ${name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
                cols.map((c) => r[c] ?? null) as (string | number | null)[],
              );
            }
          }
        });
      } finally {
        await to.close();
      }
      const s = await open(db2); // migrates to the newest version
      try {
        expect(await s.decisionsRestingOn({ source: 'wko-1:1' })).toEqual(before.byId);
        expect(await s.decisionsRestingOn({ source: 'jci1.3:c:BWBR0017017&artikel=1.1' })).toEqual(before.byJci);
        expect([...(await s.events('c1')), ...(await s.events('c2'))]).toEqual(before.events);
        expect(await s.verify()).toEqual({ cases: 2, events: 14, decisions: 4, broken: [] });
        // Version 4 filled the actors of each case from its create event.
        expect((await s.listCases({ actor: 'alice', limit: 10 })).map((r) => r.id)).toEqual(['c1', 'c2']);
        expect((await s.listCases({ actor: 'kees', limit: 10 })).map((r) => r.id)).toEqual(['c1', 'c2']);
        expect(await s.listCases({ actor: 'mallory', limit: 10 })).toEqual([]);
        expect((await s.listCases({ limit: 10 })).map((r) => r.id)).toEqual(['c1', 'c2']);
        expect((await s.listCases({ after: 1, limit: 10 })).map((r) => r.id)).toEqual(['c2']);
        // And it goes on: a decision taken after the migration is found too.
        const more = new Decisions(s);
        expect(await more.take('c2', aanvragen, { by: 'actor:alice' })).toMatchObject({ ok: true, status: 201 });
        expect((await s.decisionsRestingOn({ source: 'wko-1:1' })).map((r) => r.id)).toEqual([
          'c1-d6',
          'c1-d7',
          'c2-d6',
          'c2-d8',
        ]);
        expect((await s.verify()).broken).toEqual([]);
      } finally {
        await s.close();
      }
      if (backend.name === 'sqlite') {
        const d = driverOf(db2);
        try {
          const schema = await d.read((t) => t.all("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"));
          const sqlOf = (n: string): string => String(schema.find((r) => r.name === n)?.sql ?? '');
          expect(sqlOf('events')).toMatch(/WITHOUT ROWID$/);
          expect(schema.map((r) => r.name)).not.toContain('decision_sources');
          expect(schema.map((r) => r.name)).not.toContain('events_v3');
          // a page of cases is read along the index of case numbers, not sorted from the whole table
          const plan = await d.read((t) =>
            t.all('EXPLAIN QUERY PLAN SELECT * FROM cases WHERE ordinal > ? ORDER BY ordinal LIMIT ?', [1, 5]),
          );
          expect(plan.map((r) => String(r.detail)).join(' ')).toMatch(/USING INDEX cases_by_ordinal/);
          expect(plan.map((r) => String(r.detail)).join(' ')).not.toMatch(/TEMP B-TREE/);
        } finally {
          await d.close();
        }
      }
    });

    it('registers models by content hash, decides a case and rebuilds it from its events', async () => {
      const db = await backend.fresh();
      const store = await open(db);
      try {
        const svc = new Decisions(store);
        const reg = await svc.registerModel(toeslagUpload());
        expect(reg).toMatchObject({ ok: true, status: 201 });
        const model = json(reg);
        expect(model.id).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(model.files).toEqual(['awb.flint', 'toeslag.flint']);
        // The same model again (reformatted file names do not matter): 200, nothing new.
        expect(await svc.registerModel(toeslagUpload())).toMatchObject({ ok: true, status: 200 });
        expect(await store.listModels()).toHaveLength(1);

        const created = await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'admin:test' });
        expect(created).toMatchObject({ ok: true, status: 201 });
        const c = json(created);
        expect(c).toEqual({ id: 'c1', model: model.id, revision: 5 });

        const taken = await svc.take('c1', aanvragen, { by: 'actor:alice', revision: 5 });
        expect(taken).toMatchObject({ ok: true, status: 201 });
        expect(json(taken)).toMatchObject({ decision: 'c1-d6', outcome: 'taken', record: 'r1', revision: 6 });
        const refused = await svc.take(
          'c1',
          { act: 'beslissen', actor: 'alice', params: { ouder: 'alice' } },
          {
            by: 'actor:alice',
          },
        );
        expect(refused).toMatchObject({ ok: true, status: 422 });
        expect(json(refused)).toMatchObject({ code: 'act-refused', decision: 'c1-d7', revision: 7 });
        expect(await svc.advance('c1', '2024-06-01', { by: 'admin:test' })).toMatchObject({ status: 200 });

        const d6 = await store.decision('c1-d6');
        expect(d6).toMatchObject({ act: 'aanvragen toeslag', actor: 'alice', outcome: 'taken', at: '2024-03-01' });
        expect(JSON.parse(d6?.trace ?? '{}')).toMatchObject({ traceVersion: 2, record: 'r1' });
        expect((await store.decision('c1-d7'))?.outcome).toBe('refused');
        const kinds = (await store.events('c1')).map((e) => e.kind);
        expect(kinds).toEqual(['create', 'give', 'give', 'give', 'give', 'take', 'refuse', 'advance']);

        // Rebuilt by a fresh service (no cache) from the log: the same state, byte for byte.
        const live = await svc.case('c1');
        const rebuilt = await new Decisions(store).case('c1');
        expect(rebuilt?.record.revision).toBe(8);
        expect(canonicalJson(rebuilt?.state)).toBe(canonicalJson(live?.state));
        expect(rebuilt?.state.violations.length).toBe(live?.state.violations.length);

        // Decisions resting on a source, by id or juriconnect id, within dates.
        const rests = await store.decisionsRestingOn({ source: 'wko-1:1' });
        expect(rests.map((r) => r.id)).toEqual(['c1-d6']); // <<beslissen>> (refused, d7) rests on no source
        expect(rests[0]?.source).toMatchObject({ juriconnect: 'jci1.3:c:BWBR0017017&artikel=1.1' });
        expect(await store.decisionsRestingOn({ source: 'jci1.3:c:BWBR0017017&artikel=1.1' })).toHaveLength(1);
        expect(await store.decisionsRestingOn({ source: 'wko-1:1', from: '2024-04-01' })).toHaveLength(0);

        expect(await store.verify()).toEqual({ cases: 1, events: 8, decisions: 2, broken: [] });
      } finally {
        await store.close();
      }
    });

    it('refuses a stale revision (409) and lets only one of two racing writers win', async () => {
      const db = await backend.fresh();
      const store = await open(db);
      try {
        const svc = new Decisions(store);
        const model = json(await svc.registerModel(toeslagUpload()));
        await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'admin:test' });
        const stale = await svc.take('c1', aanvragen, { by: 'actor:alice', revision: 3 });
        expect(stale).toMatchObject({ ok: false, status: 409, code: 'stale-revision', extra: { revision: 5 } });
        // Two services (two servers) on one store, both computing from revision 5.
        const other = new Decisions(store);
        const both = await Promise.all([
          svc.take('c1', aanvragen, { by: 'actor:alice', revision: 5 }),
          other.take('c1', aanvragen, { by: 'actor:alice', revision: 5 }),
        ]);
        expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
        expect((await store.getCase('c1'))?.revision).toBe(6);
        // Without a revision, a writer that lost the race recomputes on the new state.
        const free = await Promise.all([
          svc.take('c1', aanvragen, { by: 'actor:alice' }),
          other.take('c1', aanvragen, { by: 'actor:alice' }),
        ]);
        expect(free.map((a) => a.status)).toEqual([201, 201]);
        expect((await store.getCase('c1'))?.revision).toBe(8);
        // Each service writes from the case as it holds it; one that is behind the other's writes is
        // not misled: the current revision is accepted, one it still holds but is past is refused.
        expect(await other.take('c1', aanvragen, { by: 'actor:alice', revision: 8 })).toMatchObject({ status: 201 });
        expect(await svc.take('c1', aanvragen, { by: 'actor:alice', revision: 9 })).toMatchObject({ status: 201 });
        expect(await other.take('c1', aanvragen, { by: 'actor:alice', revision: 9 })).toMatchObject({
          status: 409,
          extra: { revision: 10 },
        });
        expect(await other.take('c1', aanvragen, { by: 'actor:alice' })).toMatchObject({ status: 201 });
        const events = await store.events('c1');
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
        const held = canonicalJson((await other.case('c1'))?.state);
        expect(held).toBe(canonicalJson((await new Decisions(store).case('c1'))?.state));
        expect((await store.verify()).broken).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('gives the kept response for a retried idempotency key and never takes the act twice', async () => {
      const db = await backend.fresh();
      const store = await open(db);
      try {
        const svc = new Decisions(store);
        const model = json(await svc.registerModel(toeslagUpload()));
        await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'admin:test' });
        const ctx = { by: 'actor:alice', idempotencyKey: 'k-1' };
        const first = await svc.take('c1', aanvragen, ctx);
        const again = await svc.take('c1', aanvragen, ctx);
        expect(again).toEqual({ ...first, replayed: true });
        // Retried concurrently by a second server: still one decision.
        const third = await new Decisions(store).take('c1', aanvragen, ctx);
        expect(third).toMatchObject({ status: 201, replayed: true });
        expect((await store.getCase('c1'))?.revision).toBe(6);
        // The same key for another request is refused; another principal's key is its own.
        const other = await svc.take('c1', { ...aanvragen, params: { ouder: 'kees' } }, ctx);
        expect(other).toMatchObject({ ok: false, status: 422, code: 'idempotency-key-reused' });
        expect(await svc.take('c1', aanvragen, { by: 'actor:bob', idempotencyKey: 'k-1' })).toMatchObject({
          status: 201,
          replayed: false,
        });
        // Concurrent first uses of one key: one write.
        const race = await Promise.all([
          svc.take('c1', aanvragen, { by: 'actor:alice', idempotencyKey: 'k-2' }),
          new Decisions(store).take('c1', aanvragen, { by: 'actor:alice', idempotencyKey: 'k-2' }),
        ]);
        expect(race.map((r) => r.status)).toEqual([201, 201]);
        expect((await store.getCase('c1'))?.revision).toBe(8);
      } finally {
        await store.close();
      }
    });

    it('detects a tampered event, a tampered trace, a re-hashed event and a deleted event', async () => {
      const db = await backend.fresh();
      let store = await open(db);
      const svc = new Decisions(store);
      const model = json(await svc.registerModel(toeslagUpload()));
      for (let i = 0; i < 3; i++) await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'a' });
      for (const c of ['c1', 'c2', 'c3']) await svc.take(c, aanvragen, { by: 'actor:alice' });
      expect((await store.verify()).broken).toEqual([]);
      await store.close();
      // c1: a fact's value changed by hand in event 3.
      await sql(db, "UPDATE events SET body = REPLACE(body, '\"20\"', '\"40\"') WHERE case_id = 'c1' AND seq = 3");
      // c2: the stored trace of its decision changed.
      await sql(db, "UPDATE decisions SET trace = REPLACE(trace, 'alice', 'bob') WHERE case_id = 'c2'");
      // c3: its last event deleted (and the case row left alone).
      await sql(db, "DELETE FROM events WHERE case_id = 'c3' AND seq = 6");
      store = await open(db);
      try {
        const report = await store.verify();
        expect(report.broken).toEqual([
          { caseId: 'c1', seq: 3, problem: 'its content does not match its hash' },
          { caseId: 'c2', seq: 6, problem: 'the trace of decision c2-d6 does not match the hash in the event' },
          { caseId: 'c3', seq: 5, problem: 'the case says revision 6' },
        ]);
        expect((await store.verify('c2')).broken).toHaveLength(1);
      } finally {
        await store.close();
      }
      // A tamperer who also recomputes the changed event's hash breaks the next event's link instead.
      const e3 = (await (await open(db)).events('c1'))[2];
      if (e3 === undefined) throw new Error('no event 3');
      await sql(db, "UPDATE events SET hash = ? WHERE case_id = 'c1' AND seq = 3", [
        eventHash(e3.prev, 'c1', 3, e3.kind, e3.body),
      ]);
      store = await open(db);
      try {
        expect((await store.verify('c1')).broken).toEqual([
          { caseId: 'c1', seq: 4, problem: 'its link to the previous event does not match that event’s hash' },
        ]);
      } finally {
        await store.close();
      }
    });

    it('keeps snapshots on its own, after the answers, spread over cases, and rebuilds from them', async () => {
      const db = await backend.fresh();
      const store = await open(db);
      try {
        const svc = new Decisions(store, { snapshotEvery: 4 });
        const model = json(await svc.registerModel(toeslagUpload()));
        for (const _ of [1, 2, 3]) await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'a' });
        for (let i = 0; i < 8; i++)
          for (const c of ['c1', 'c2', 'c3'])
            expect((await svc.take(c, aanvragen, { by: 'actor:alice' })).status).toBe(201);
        await svc.settled();
        expect(svc.snapshotFailures).toBe(0);
        const kept: number[][] = [];
        for (const c of ['c1', 'c2', 'c3']) {
          // Every case (revision 5 after its start, 13 after the takes) has one snapshot in every
          // stretch of four events it went through after its start, at a revision of its own.
          const seqs: number[] = [];
          for (let r = 13; r > 5; r--) {
            const snap = await store.snapshot(c, r);
            if (snap !== null && !seqs.includes(snap.seq)) seqs.push(snap.seq);
          }
          expect(seqs.length).toBeGreaterThanOrEqual(2);
          kept.push(seqs);
          const snap = await store.snapshot(c, 13);
          const fromSnapshot = await new Decisions(store).case(c);
          expect(snap).not.toBeNull();
          expect(canonicalJson(fromSnapshot?.state)).toBe(canonicalJson((await svc.case(c))?.state));
          // the state kept is the state after the event it is kept at (no refusals here: one engine event each)
          expect((JSON.parse(snap?.state ?? '{}') as { events?: unknown[] }).events?.length).toBe(snap?.seq);
        }
        // spread: not every case keeps its snapshots at the same revisions
        expect(new Set(kept.map((k) => k.join())).size).toBeGreaterThan(1);
      } finally {
        await store.close();
      }
    });

    it('rebuilds a case from a snapshot plus the events after it', async () => {
      const db = await backend.fresh();
      const store = await open(db);
      try {
        const svc = new Decisions(store);
        const model = json(await svc.registerModel(toeslagUpload()));
        await svc.createCase({ model: String(model.id), ...toeslagCase }, { by: 'a' });
        await svc.take('c1', aanvragen, { by: 'actor:alice' });
        const at6 = await svc.case('c1');
        await store.putSnapshot('c1', 6, JSON.stringify(at6?.state));
        await svc.take('c1', aanvragen, { by: 'actor:alice' });
        const full = await svc.case('c1');
        const fromSnapshot = await new Decisions(store).case('c1');
        expect(canonicalJson(fromSnapshot?.state)).toBe(canonicalJson(full?.state));
        expect(fromSnapshot?.state.records).toHaveLength(2);
      } finally {
        await store.close();
      }
    });
  });
}
