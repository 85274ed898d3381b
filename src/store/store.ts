/**
 * The store: models by content hash, cases as append-only event logs with a hash chain, decisions
 * with their traces, idempotency keys. One implementation over the {@link Driver} interface, so
 * SQLite and PostgreSQL behave the same (the same test suite runs against both).
 *
 * Every write is one transaction. A write to a case names the revision it was computed from; when
 * the case has moved on, the transaction is rolled back and the write is a {@link Conflict}
 * (optimistic concurrency: of two clients writing one case from the same revision, one wins).
 */
import { canonicalJson } from '../model/canonical.js';
import type { TraceEntry } from '../model/trace.js';
import { eventHash, GENESIS, sha256 } from './chain.js';
import { migrate } from './migrations.js';
import type { Driver, Row, SqlTx } from './sql.js';

/** A registered model: its source files, by content hash. */
export interface ModelRecord {
  /** The model identity hash (`sha256:...`, see modelIdentity). */
  readonly id: string;
  readonly title: string | null;
  readonly version: string | null;
  readonly format: 'flint' | 'flint-json';
  /** The main file's name among `files`. */
  readonly main: string;
  /** Every source text by file name (the main file and its imports). */
  readonly files: Readonly<Record<string, string>>;
}

/** A case's row: its model, revision (the number of events) and the hash of its last event. */
export interface CaseRecord {
  readonly id: string;
  readonly modelId: string;
  readonly revision: number;
  readonly head: string;
  readonly createdBy: string | null;
}

/** One stored event of a case. */
export interface EventRecord {
  readonly caseId: string;
  /** 1-based position in the case's log (the case's revision after it). */
  readonly seq: number;
  readonly kind: string;
  /** The canonical JSON text the hash covers: `{ by, decision, event }`. */
  readonly body: string;
  readonly prev: string;
  readonly hash: string;
}

/** The parsed body of an event. */
export interface EventBody {
  /** The engine's case event (create, give, take, force, advance) or a refusal `{ kind: 'refuse', ... }`. */
  readonly event: { readonly kind: string } & Readonly<Record<string, unknown>>;
  /** Who wrote it (the principal of the request), or null. */
  readonly by: string | null;
  /** The decision stored with it: its id and the hash of its trace text. */
  readonly decision: { readonly id: string; readonly traceHash: string } | null;
  /** On the first event only: the model the case is pinned to. */
  readonly model?: string;
}

/** A stored decision (an act taken, forced or refused) with its full trace. */
export interface DecisionRecord {
  readonly id: string;
  readonly caseId: string;
  readonly seq: number;
  readonly modelId: string;
  readonly act: string;
  readonly actor: string;
  readonly at: string;
  readonly outcome: string;
  /** The trace entry as stored (canonical JSON text). */
  readonly trace: string;
  readonly traceHash: string;
}

/** An event to append. */
export interface NewEvent {
  readonly event: { readonly kind: string } & Readonly<Record<string, unknown>>;
  /** The trace of the decision the event records (acts taken, forced or refused). */
  readonly trace?: TraceEntry;
}

/** A response kept under an idempotency key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
}

/** An idempotency key and the hash of the request it was first used with. */
export interface Idempotency {
  readonly key: string;
  readonly requestHash: string;
}

/** What an append did. */
export type AppendResult =
  | {
      readonly kind: 'ok';
      readonly caseId: string;
      readonly revision: number;
      readonly events: readonly EventRecord[];
      readonly decisions: readonly string[];
      readonly response: StoredResponse | null;
    }
  /** The case is not at the expected revision (nothing was written). */
  | { readonly kind: 'conflict'; readonly revision: number }
  | { readonly kind: 'not-found' }
  /** The idempotency key was used before: the response then given (nothing was written now). */
  | { readonly kind: 'replayed'; readonly requestHash: string; readonly response: StoredResponse };

/** A broken link found by {@link Store.verify}. */
export interface BrokenLink {
  readonly caseId: string;
  readonly seq: number;
  readonly problem: string;
}

/** The result of verifying one case or the whole store. */
export interface VerifyReport {
  readonly cases: number;
  readonly events: number;
  readonly decisions: number;
  /** The first broken link of each broken case, in case order. */
  readonly broken: readonly BrokenLink[];
}

/** Query of {@link Store.decisionsRestingOn}. */
export interface RestsOnQuery {
  /** A source id of the model (`wko-1.5-lid-1`) or a juriconnect id. */
  readonly source: string;
  /** Decisions taken on or after this date. */
  readonly from?: string;
  /** Decisions taken on or before this date. */
  readonly to?: string;
  readonly limit?: number;
}

/** One decision resting on a source, with the version of the source it applied. */
export interface RestingDecision {
  readonly id: string;
  readonly caseId: string;
  readonly modelId: string;
  readonly act: string;
  readonly actor: string;
  readonly at: string;
  readonly outcome: string;
  readonly source: {
    readonly id: string;
    readonly juriconnect: string | null;
    readonly validFrom: string | null;
    readonly validTo: string | null;
  };
}

class ConflictSignal extends Error {
  constructor(readonly revision: number) {
    super('conflict');
  }
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const caseOf = (r: Row): CaseRecord => ({
  id: str(r.id),
  modelId: str(r.model_id),
  revision: Number(r.revision),
  head: str(r.head),
  createdBy: strOrNull(r.created_by),
});
const eventOf = (r: Row): EventRecord => ({
  caseId: str(r.case_id),
  seq: Number(r.seq),
  kind: str(r.kind),
  body: str(r.body),
  prev: str(r.prev),
  hash: str(r.hash),
});
const decisionOf = (r: Row): DecisionRecord => ({
  id: str(r.id),
  caseId: str(r.case_id),
  seq: Number(r.seq),
  modelId: str(r.model_id),
  act: str(r.act),
  actor: str(r.actor),
  at: str(r.at),
  outcome: str(r.outcome),
  trace: str(r.trace),
  traceHash: str(r.trace_hash),
});

/** The id of the decision recorded by event `seq` of case `caseId`. */
export const decisionId = (caseId: string, seq: number): string => `${caseId}-d${seq}`;

/** The store over one database. Create it with {@link openStore} (store/open.ts). */
export class Store {
  private constructor(private readonly db: Driver) {}

  get backend(): 'sqlite' | 'postgres' {
    return this.db.backend;
  }

  /** Open a store over a driver, bringing its schema up to date. */
  static async over(driver: Driver): Promise<Store> {
    await migrate(driver);
    return new Store(driver);
  }

  /** Register a model; `false` when a model with this id was registered before (nothing changes). */
  async putModel(m: ModelRecord): Promise<boolean> {
    return this.db.tx(async (t) => {
      if ((await t.all('SELECT id FROM models WHERE id = ?', [m.id])).length > 0) return false;
      const n = await this.next(t, 'model');
      await t.run(
        'INSERT INTO models (id, title, version, format, main, files, registered) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [m.id, m.title, m.version, m.format, m.main, canonicalJson(m.files), n],
      );
      return true;
    });
  }

  async getModel(id: string): Promise<ModelRecord | null> {
    const rows = await this.db.read((t) => t.all('SELECT * FROM models WHERE id = ?', [id]));
    const r = rows[0];
    if (r === undefined) return null;
    return {
      id: str(r.id),
      title: strOrNull(r.title),
      version: strOrNull(r.version),
      format: r.format === 'flint-json' ? 'flint-json' : 'flint',
      main: str(r.main),
      files: JSON.parse(str(r.files)) as Record<string, string>,
    };
  }

  /** Every registered model (id, title, version), in registration order. */
  async listModels(): Promise<{ id: string; title: string | null; version: string | null }[]> {
    const rows = await this.db.read((t) => t.all('SELECT id, title, version FROM models ORDER BY registered'));
    return rows.map((r) => ({ id: str(r.id), title: strOrNull(r.title), version: strOrNull(r.version) }));
  }

  /** A response kept under an idempotency key, or null. */
  async idempotent(key: string): Promise<(StoredResponse & { requestHash: string }) | null> {
    const rows = await this.db.read((t) =>
      t.all('SELECT request_hash, status, body FROM idempotency WHERE key = ?', [key]),
    );
    const r = rows[0];
    return r === undefined ? null : { requestHash: str(r.request_hash), status: Number(r.status), body: str(r.body) };
  }

  /**
   * Create a case pinned to `modelId` with its first events (`create`, then facts given), in one transaction. The case
   * id is `c` and a counter. `respond` makes the response kept under the idempotency key.
   */
  async createCase(
    modelId: string,
    events: readonly NewEvent[],
    by: string | null,
    idem: Idempotency | null,
    respond: (r: { caseId: string; revision: number }) => StoredResponse,
  ): Promise<AppendResult> {
    return this.write(idem, async (t) => {
      const ordinal = await this.next(t, 'case');
      const caseId = `c${ordinal}`;
      await t.run('INSERT INTO cases (id, model_id, revision, head, created_by, ordinal) VALUES (?, ?, 0, ?, ?, ?)', [
        caseId,
        modelId,
        GENESIS,
        by,
        ordinal,
      ]);
      const created = events[0]?.event as { kind?: string; actors?: Record<string, unknown> } | undefined;
      const actors = created?.kind === 'create' ? Object.keys(created.actors ?? {}).sort() : [];
      if (actors.length > 0)
        await t.run(
          `INSERT INTO case_actors (actor, case_id) VALUES ${actors.map(() => '(?, ?)').join(', ')}`,
          actors.flatMap((a) => [a, caseId]),
        );
      return this.appendIn(t, caseId, modelId, 0, GENESIS, events, by, idem, respond, true);
    });
  }

  /**
   * Append events to a case that is at `expected` revision, in one transaction: the events (hash
   * chained), their decisions and the sources those rest on, the new revision, the idempotency
   * key with the response `respond` makes.
   */
  async append(
    caseId: string,
    expected: number,
    events: readonly NewEvent[],
    by: string | null,
    idem: Idempotency | null,
    respond: (r: { caseId: string; revision: number; decisions: readonly string[] }) => StoredResponse,
    /** The case's head and model as read at `expected` (saves reading them again; the update checks them). */
    known?: { readonly head: string; readonly modelId: string },
  ): Promise<AppendResult> {
    return this.write(idem, async (t) => {
      if (known !== undefined)
        return this.appendIn(t, caseId, known.modelId, expected, known.head, events, by, idem, respond, false);
      const rows = await t.all('SELECT * FROM cases WHERE id = ?', [caseId]);
      const row = rows[0];
      if (row === undefined) return { kind: 'not-found' };
      const c = caseOf(row);
      if (c.revision !== expected) throw new ConflictSignal(c.revision);
      return this.appendIn(t, caseId, c.modelId, expected, c.head, events, by, idem, respond, false);
    });
  }

  private async write(idem: Idempotency | null, fn: (t: SqlTx) => Promise<AppendResult>): Promise<AppendResult> {
    try {
      return await this.db.tx(async (t) => {
        if (idem !== null) {
          const r = (await t.all('SELECT request_hash, status, body FROM idempotency WHERE key = ?', [idem.key]))[0];
          if (r !== undefined) {
            return {
              kind: 'replayed',
              requestHash: str(r.request_hash),
              response: { status: Number(r.status), body: str(r.body) },
            };
          }
        }
        return fn(t);
      });
    } catch (e) {
      if (e instanceof ConflictSignal) return { kind: 'conflict', revision: e.revision };
      // A concurrent request with the same idempotency key committed first: give its response.
      if (idem !== null && this.db.isUniqueViolation(e)) {
        const kept = await this.idempotent(idem.key);
        if (kept !== null) return { kind: 'replayed', requestHash: kept.requestHash, response: kept };
      }
      throw e;
    }
  }

  private async appendIn(
    t: SqlTx,
    caseId: string,
    modelId: string,
    expected: number,
    head: string,
    events: readonly NewEvent[],
    by: string | null,
    idem: Idempotency | null,
    respond: (r: { caseId: string; revision: number; decisions: readonly string[] }) => StoredResponse,
    first: boolean,
  ): Promise<AppendResult> {
    const revision = expected + events.length;
    // The chain first (pure), then one guarded update of the case row, then the rows.
    let prev = head;
    const stored: EventRecord[] = [];
    const decisions: { id: string; trace: TraceEntry; text: string; hash: string; seq: number }[] = [];
    for (const [i, e] of events.entries()) {
      const seq = expected + i + 1;
      let decision: EventBody['decision'] = null;
      if (e.trace !== undefined) {
        const text = canonicalJson(e.trace);
        decision = { id: decisionId(caseId, seq), traceHash: sha256(text) };
        decisions.push({ id: decision.id, trace: e.trace, text, hash: decision.traceHash, seq });
      }
      const body: EventBody = { event: e.event, by, decision, ...(first && i === 0 ? { model: modelId } : {}) };
      const text = canonicalJson(body);
      const hash = eventHash(prev, caseId, seq, e.event.kind, text);
      stored.push({ caseId, seq, kind: e.event.kind, body: text, prev, hash });
      prev = hash;
    }
    const changed = await t.run(
      'UPDATE cases SET revision = ?, head = ? WHERE id = ? AND revision = ? AND head = ? AND model_id = ?',
      [revision, prev, caseId, expected, head, modelId],
    );
    if (changed !== 1) {
      const now = (await t.all('SELECT revision FROM cases WHERE id = ?', [caseId]))[0];
      throw new ConflictSignal(now === undefined ? -1 : Number(now.revision));
    }
    for (const e of stored) {
      await t.run('INSERT INTO events (case_id, seq, kind, body, prev, hash) VALUES (?, ?, ?, ?, ?, ?)', [
        e.caseId,
        e.seq,
        e.kind,
        e.body,
        e.prev,
        e.hash,
      ]);
    }
    for (const d of decisions) {
      const tr = d.trace;
      await t.run(
        `INSERT INTO decisions (id, case_id, seq, model_id, act, actor, at, outcome, trace, trace_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [d.id, caseId, d.seq, modelId, tr.act, tr.actor, tr.at, tr.outcome, d.text, d.hash],
      );
      // The sources the decision rests on, under each name they are asked by: one statement for all.
      const rests = restRows(tr);
      if (rests.length > 0) {
        await t.run(
          `INSERT INTO decision_rests (source, at, decision_id, source_id, juriconnect, valid_from, valid_to)
           VALUES ${rests.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          rests.flatMap(({ name, source: x }) => [name, tr.at, d.id, x.id, x.juriconnect, x.validFrom, x.validTo]),
        );
      }
    }
    let response: StoredResponse | null = null;
    if (idem !== null) {
      response = respond({ caseId, revision, decisions: decisions.map((d) => d.id) });
      await t.run('INSERT INTO idempotency (key, request_hash, status, body) VALUES (?, ?, ?, ?)', [
        idem.key,
        idem.requestHash,
        response.status,
        response.body,
      ]);
    }
    return { kind: 'ok', caseId, revision, events: stored, decisions: decisions.map((d) => d.id), response };
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const rows = await this.db.read((t) => t.all('SELECT * FROM cases WHERE id = ?', [id]));
    return rows[0] === undefined ? null : caseOf(rows[0]);
  }

  /**
   * Cases in the order they were created (`c1`, `c2`, …), after the case numbered `after` when given,
   * at most `limit`; only of the models `models` when given (an empty list gives none), only those
   * `actor` is an actor of when given. Read along the index of case numbers.
   */
  async listCases(q: {
    models?: readonly string[];
    actor?: string;
    after?: number;
    limit: number;
  }): Promise<CaseRecord[]> {
    if (q.models !== undefined && q.models.length === 0) return [];
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.actor !== undefined) {
      where.push('id IN (SELECT case_id FROM case_actors WHERE actor = ?)');
      params.push(q.actor);
    }
    if (q.models !== undefined) {
      where.push(`model_id IN (${q.models.map(() => '?').join(', ')})`);
      params.push(...q.models);
    }
    if (q.after !== undefined) {
      where.push('ordinal > ?');
      params.push(q.after);
    }
    const sql = `SELECT * FROM cases${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ordinal LIMIT ?`;
    const rows = await this.db.read((t) => t.all(sql, [...params, q.limit]));
    return rows.map(caseOf);
  }

  /** The events of a case from position `after + 1` on, in order. */
  async events(caseId: string, after = 0): Promise<EventRecord[]> {
    const rows = await this.db.read((t) =>
      t.all('SELECT * FROM events WHERE case_id = ? AND seq > ? ORDER BY seq', [caseId, after]),
    );
    return rows.map(eventOf);
  }

  async decision(id: string): Promise<DecisionRecord | null> {
    const rows = await this.db.read((t) => t.all('SELECT * FROM decisions WHERE id = ?', [id]));
    return rows[0] === undefined ? null : decisionOf(rows[0]);
  }

  /** Every stored decision resting on a source (by source id or juriconnect id), by date then id. */
  async decisionsRestingOn(q: RestsOnQuery): Promise<RestingDecision[]> {
    const rows = await this.db.read((t) =>
      t.all(
        `SELECT d.id, d.case_id, d.model_id, d.act, d.actor, d.at, d.outcome,
                s.source_id, s.juriconnect, s.valid_from, s.valid_to
         FROM decision_rests s JOIN decisions d ON d.id = s.decision_id
         WHERE s.source = ? AND s.at >= ? AND s.at <= ?
         ORDER BY d.at, d.case_id, d.seq, s.source_id LIMIT ?`,
        [q.source, q.from ?? '0000-01-01', q.to ?? '9999-12-31', q.limit ?? 1000],
      ),
    );
    return rows.map((r) => ({
      id: str(r.id),
      caseId: str(r.case_id),
      modelId: str(r.model_id),
      act: str(r.act),
      actor: str(r.actor),
      at: str(r.at),
      outcome: str(r.outcome),
      source: {
        id: str(r.source_id),
        juriconnect: strOrNull(r.juriconnect),
        validFrom: strOrNull(r.valid_from),
        validTo: strOrNull(r.valid_to),
      },
    }));
  }

  /** Keep a snapshot of a case's state (JSON text) after event `seq`. */
  async putSnapshot(caseId: string, seq: number, state: string): Promise<void> {
    await this.db.tx(async (t) => {
      await t.run('DELETE FROM snapshots WHERE case_id = ? AND seq = ?', [caseId, seq]);
      await t.run('INSERT INTO snapshots (case_id, seq, state) VALUES (?, ?, ?)', [caseId, seq, state]);
    });
  }

  /** The latest snapshot of a case at or before `seq`, or null. */
  async snapshot(caseId: string, seq: number): Promise<{ seq: number; state: string } | null> {
    const rows = await this.db.read((t) =>
      t.all('SELECT seq, state FROM snapshots WHERE case_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1', [caseId, seq]),
    );
    const r = rows[0];
    return r === undefined ? null : { seq: Number(r.seq), state: str(r.state) };
  }

  /**
   * Verify the hash chain of one case (`caseId`) or of every case: each event's `prev` is the hash
   * of the event before it, its hash is the hash of its content, the case row's head is the last
   * hash and its revision the number of events, and each decision's trace has the hash its event
   * names. Reports the first broken link per case.
   */
  async verify(caseId?: string): Promise<VerifyReport> {
    const ids =
      caseId === undefined
        ? (await this.db.read((t) => t.all('SELECT id FROM cases ORDER BY id'))).map((r) => str(r.id))
        : [caseId];
    const broken: BrokenLink[] = [];
    let events = 0;
    let decisions = 0;
    for (const id of ids) {
      const c = await this.getCase(id);
      if (c === null) {
        broken.push({ caseId: id, seq: 0, problem: 'no such case' });
        continue;
      }
      const log = await this.events(id);
      const traces = new Map(
        (await this.db.read((t) => t.all('SELECT id, trace, trace_hash FROM decisions WHERE case_id = ?', [id]))).map(
          (r) => [str(r.id), r] as const,
        ),
      );
      events += log.length;
      decisions += traces.size;
      const problem = chainProblem(c, log, traces);
      if (problem !== null) broken.push(problem);
    }
    return { cases: ids.length, events, decisions, broken };
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  private async next(t: SqlTx, name: string): Promise<number> {
    const rows = await t.all(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      [name],
    );
    return Number(rows[0]?.value);
  }
}

/**
 * The rows of `decision_rests` for a decision: each source of its trace once (a trace lists each
 * once already), under its source id, and under its juriconnect id too when it has one that differs.
 */
function restRows(entry: TraceEntry): { name: string; source: TraceEntry['sources'][number] }[] {
  const seen = new Set<string>();
  const rows: { name: string; source: TraceEntry['sources'][number] }[] = [];
  for (const s of entry.sources) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    rows.push({ name: s.id, source: s });
    if (s.juriconnect !== null && s.juriconnect !== s.id) rows.push({ name: s.juriconnect, source: s });
  }
  return rows;
}

/** The first broken link of a case's log, or null. */
function chainProblem(c: CaseRecord, log: readonly EventRecord[], traces: ReadonlyMap<string, Row>): BrokenLink | null {
  let prev = GENESIS;
  const seen = new Set<string>();
  for (const [i, e] of log.entries()) {
    const at = (problem: string): BrokenLink => ({ caseId: c.id, seq: e.seq, problem });
    if (e.seq !== i + 1) return at(`event ${i + 1} is missing (found event ${e.seq} in its place)`);
    if (e.prev !== prev) return at('its link to the previous event does not match that event’s hash');
    if (eventHash(e.prev, c.id, e.seq, e.kind, e.body) !== e.hash) return at('its content does not match its hash');
    let body: EventBody;
    try {
      body = JSON.parse(e.body) as EventBody;
    } catch {
      return at('its body is not JSON');
    }
    if (body.event?.kind !== e.kind) return at('its kind differs from the kind in its body');
    if (i === 0 && body.model !== c.modelId) return at('the case’s model differs from the model its first event pins');
    if (body.decision) {
      const d = traces.get(body.decision.id);
      seen.add(body.decision.id);
      if (d === undefined) return at(`its decision ${body.decision.id} is missing`);
      if (sha256(str(d.trace)) !== body.decision.traceHash || str(d.trace_hash) !== body.decision.traceHash)
        return at(`the trace of decision ${body.decision.id} does not match the hash in the event`);
    }
    prev = e.hash;
  }
  const last = log.length;
  if (c.revision !== last) return { caseId: c.id, seq: last, problem: `the case says revision ${c.revision}` };
  if (c.head !== prev) return { caseId: c.id, seq: last, problem: 'the case’s head is not the hash of its last event' };
  for (const id of traces.keys())
    if (!seen.has(id)) return { caseId: c.id, seq: last, problem: `decision ${id} is named by no event` };
  return null;
}
