/**
 * Decisions over the store: models registered by content hash, cases rebuilt from their event
 * logs, facts given, acts taken (with their traces), clocks moved. The engine (src/run, src/case)
 * decides; this module turns each request into events, appends them in one transaction under the
 * case's revision, and keeps a response under an idempotency key.
 *
 * Results are values, never exceptions: {@link Problem} carries the HTTP-like status (400 bad
 * input, 404 unknown, 409 stale revision or reused key, 422 a diagnostic of the engine), a title and
 * the diagnostics. Wording for people lives in the server.
 */
import { posix } from 'node:path';
import { check } from '../check/index.js';
import type { CheckedModel } from '../check/index.js';
import { importFlintJson } from '../interchange/index.js';
import { canonicalJson } from '../model/canonical.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { hasErrors } from '../model/diagnostic.js';
import { modelIdentity } from '../model/identity.js';
import type { TraceEntry } from '../model/trace.js';
import { loadModel } from '../syntax/index.js';
import { compile } from '../run/index.js';
import type { CaseEvent, CaseState, CompiledModel, JsonScalar } from '../run/index.js';
import { checkCaseFile, checkCaseValue, startCase, step, toGivenFact, toTakeRequest } from '../case/index.js';
import type { CaseFile } from '../case/index.js';
import { replayEvents } from '../trace/index.js';
import { quickTakeRequest } from './act-check.js';
import { sha256 } from './chain.js';
import type { CaseRecord, EventBody, EventRecord, NewEvent, StoredResponse } from './store.js';
import type { Store } from './store.js';

/** A request that could not be done, with its status and diagnostics. */
export interface Problem {
  readonly ok: false;
  readonly status: 400 | 403 | 404 | 409 | 422 | 503;
  /** A short code: `model-invalid`, `case-not-found`, `stale-revision`, `act-refused`, ... */
  readonly code: string;
  readonly detail: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A response: the status and the JSON text of its body (as kept under an idempotency key). */
export interface Done {
  readonly ok: true;
  readonly status: number;
  readonly body: string;
  /** True when this is the response kept under the idempotency key, given again. */
  readonly replayed: boolean;
}

export type Answer = Done | Problem;

/** A model ready to decide cases. */
export interface LiveModel {
  readonly id: string;
  readonly title: string | null;
  readonly version: string | null;
  readonly checked: CheckedModel;
  readonly compiled: CompiledModel;
}

/** A model built from an upload, with its warnings. */
interface Built {
  readonly model: LiveModel;
  readonly files: Record<string, string>;
  readonly main: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** A case rebuilt at a revision. */
export interface LiveCase {
  readonly record: CaseRecord;
  readonly model: LiveModel;
  readonly state: CaseState;
}

/** Who writes: the principal's name (kept in each event) and the idempotency key it sent. */
export interface WriteContext {
  readonly by: string;
  readonly idempotencyKey?: string | undefined;
  /** The revision the client computed from (`If-Match`); when absent, a concurrent write is retried. */
  readonly revision?: number | undefined;
  /**
   * Access check on the case as loaded for the write (before anything is computed): the reason to
   * deny (a 403 `forbidden`), or null. Saves the caller loading the case once more.
   */
  readonly guard?: ((c: LiveCase) => string | null) | undefined;
}

/** A model as sent to be registered: .flint files (a main file and its imports), or FLINT JSON. */
export type ModelUpload =
  | { readonly format: 'flint'; readonly main: string; readonly files: Readonly<Record<string, string>> }
  | { readonly format: 'flint-json'; readonly text: string };

const problem = (
  status: Problem['status'],
  code: string,
  detail: string,
  more: { diagnostics?: readonly Diagnostic[]; extra?: Record<string, unknown> } = {},
): Problem => ({ ok: false, status, code, detail, ...more });

const done = (status: number, body: unknown): Done => ({
  ok: true,
  status,
  body: canonicalJson(body),
  replayed: false,
});

/** The engine's case events of a log (refusals change nothing and are left out). */
function engineEvents(log: readonly EventRecord[]): CaseEvent[] {
  const out: CaseEvent[] = [];
  for (const e of log) {
    const body = JSON.parse(e.body) as EventBody;
    if (body.event.kind !== 'refuse') out.push(body.event as unknown as CaseEvent);
  }
  return out;
}

/** How many events between kept snapshots of a case's state. */
export const SNAPSHOT_EVERY = 200;

/** What a write computed: the events to append, the state after them, and the response. */
interface Computed {
  readonly events: NewEvent[];
  readonly state: CaseState;
  readonly respond: (revision: number, decisions: readonly string[]) => StoredResponse;
}

/** The decision service over one store. */
export class Decisions {
  private readonly models = new Map<string, LiveModel>();
  /**
   * Cases this process wrote or read lately, with their row as it was then: a write starts from it
   * without reading the row again (the guarded update of the append finds a case another process
   * changed since, and the write then starts over from the store).
   */
  private readonly states = new Map<string, { record: CaseRecord; state: CaseState }>();

  /** The snapshots being written, after the answers that asked for them (see {@link maybeSnapshot}). */
  private background: Promise<void> = Promise.resolve();
  private snapshotsPending = 0;
  /** Snapshots that could not be written (the case is rebuilt from its events instead). */
  snapshotFailures = 0;

  constructor(
    readonly store: Store,
    private readonly options: {
      /** How many cases' states to keep in memory (default 2,000). */
      readonly cacheCases?: number;
      /** Keep a snapshot of a case every this many events (default {@link SNAPSHOT_EVERY}). */
      readonly snapshotEvery?: number;
    } = {},
  ) {}

  /**
   * Keep a snapshot when a write took a case past a multiple of the snapshot interval, shifted per
   * case (by a hash of its id) so that cases that grow together do not all take theirs at once. The
   * snapshot is written after the answer, one per turn of the event loop: it only spares a later
   * rebuild the replay of the events, which stay the record (a snapshot lost to a crash costs
   * nothing but that replay).
   */
  private maybeSnapshot(caseId: string, from: number, to: number, state: CaseState): void {
    const every = this.options.snapshotEvery ?? SNAPSHOT_EVERY;
    let shift = 0;
    for (let i = 0; i < caseId.length; i++) shift = (shift * 31 + caseId.charCodeAt(i)) % every;
    if (Math.floor((to + shift) / every) <= Math.floor((from + shift) / every)) return;
    this.snapshotsPending++;
    this.background = this.background
      .then(() => new Promise<void>((turn) => setImmediate(turn)))
      .then(() => this.store.putSnapshot(caseId, to, JSON.stringify(state)))
      .catch(() => {
        this.snapshotFailures++;
      })
      .finally(() => {
        this.snapshotsPending--;
      });
  }

  /** Resolves when the snapshots asked for so far are written (before closing the store, say). */
  async settled(): Promise<void> {
    while (this.snapshotsPending > 0) await this.background;
  }

  /** Build a model from an upload (load, check, compile), without storing it. */
  buildModel(upload: ModelUpload): Built | Problem {
    let built: Omit<Built, 'diagnostics'> | null = null;
    const diagnostics: Diagnostic[] = [];
    if (upload.format === 'flint-json') {
      const imported = importFlintJson(upload.text, 'model.json');
      diagnostics.push(...imported.diagnostics);
      if (!hasErrors(diagnostics)) {
        const checked = check(imported.value);
        diagnostics.push(...checked.diagnostics);
        built = { model: this.live(checked.value), files: { 'model.json': upload.text }, main: 'model.json' };
      }
    } else {
      const files: Record<string, string> = {};
      for (const [name, text] of Object.entries(upload.files)) {
        const n = posix.normalize(name);
        if (n.startsWith('../') || n === '..' || posix.isAbsolute(n)) {
          return problem(400, 'bad-file-name', `The file name «${name}» leaves the model's folder or is absolute.`);
        }
        files[n] = text;
      }
      const main = posix.normalize(upload.main);
      if (files[main] === undefined)
        return problem(400, 'bad-main', `The main file «${upload.main}» is not among the files.`);
      const loaded = loadModel(
        main,
        { readFile: (p) => files[posix.normalize(p)], resolve: (from, imp) => posix.join(posix.dirname(from), imp) },
        { root: '.' },
      );
      diagnostics.push(...loaded.diagnostics);
      if (!hasErrors(diagnostics)) {
        const checked = check(loaded.value.model);
        diagnostics.push(...checked.diagnostics);
        const used = Object.fromEntries(
          loaded.value.files.map((f) => [posix.normalize(f), files[posix.normalize(f)] ?? '']),
        );
        built = { model: this.live(checked.value), files: used, main };
      }
    }
    if (built === null || hasErrors(diagnostics)) {
      return problem(422, 'model-invalid', 'The model has errors; it was not registered.', { diagnostics });
    }
    return { ...built, diagnostics };
  }

  private live(checked: CheckedModel): LiveModel {
    const id = modelIdentity(checked.model);
    return { id: id.hash, title: id.title, version: id.version, checked, compiled: compile(checked.model).value };
  }

  /** Register a model (201, or 200 when it was registered before); diagnostics on error (422). */
  async registerModel(upload: ModelUpload): Promise<Answer> {
    const built = this.buildModel(upload);
    if ('ok' in built) return built;
    const { model, files, main } = built;
    const created = await this.store.putModel({
      id: model.id,
      title: model.title,
      version: model.version,
      format: upload.format,
      main,
      files,
    });
    if (!this.models.has(model.id)) this.models.set(model.id, model);
    return done(created ? 201 : 200, {
      id: model.id,
      title: model.title,
      version: model.version,
      created,
      files: Object.keys(files).sort(),
      diagnostics: built.diagnostics,
    });
  }

  /** A registered model, built (and kept) on first use. */
  async model(id: string): Promise<LiveModel | null> {
    const known = this.models.get(id);
    if (known) return known;
    const rec = await this.store.getModel(id);
    if (rec === null) return null;
    const built = this.buildModel(
      rec.format === 'flint-json'
        ? { format: 'flint-json', text: rec.files[rec.main] ?? '' }
        : { format: 'flint', main: rec.main, files: rec.files },
    );
    if ('ok' in built) return null;
    this.models.set(id, built.model);
    return built.model;
  }

  /**
   * A case rebuilt at its current revision (from the cache, a snapshot, or its whole log). With
   * `trustCached`, a case this process holds is taken as it holds it, without reading its row: for a
   * write, whose append is guarded by the revision and head it started from.
   */
  async case(id: string, trustCached = false): Promise<LiveCase | null> {
    const held = trustCached ? this.states.get(id) : undefined;
    if (held !== undefined) {
      const model = await this.model(held.record.modelId);
      if (model !== null) return { record: held.record, model, state: held.state };
    }
    const record = await this.store.getCase(id);
    if (record === null) return null;
    const model = await this.model(record.modelId);
    if (model === null) return null;
    const cached = this.states.get(id);
    if (cached !== undefined && cached.record.revision === record.revision && cached.record.head === record.head)
      return { record, model, state: cached.state };
    let state: CaseState;
    if (cached !== undefined && cached.record.revision < record.revision) {
      state = this.applyTail(model.compiled, cached.state, await this.store.events(id, cached.record.revision));
    } else {
      const snap = await this.store.snapshot(id, record.revision);
      if (snap !== null) {
        const from = JSON.parse(snap.state) as CaseState;
        state = this.applyTail(model.compiled, from, await this.store.events(id, snap.seq));
      } else {
        state = replayEvents(model.compiled, engineEvents(await this.store.events(id))).value;
      }
    }
    this.remember(record, state);
    return { record, model, state };
  }

  /** `state` with the engine events of `tail` applied (as replayEvents applies them). */
  private applyTail(cm: CompiledModel, start: CaseState, tail: readonly EventRecord[]): CaseState {
    let state = start;
    for (const e of engineEvents(tail)) {
      if (e.kind === 'give') {
        state = step(cm, state, {
          kind: 'give',
          facts: e.facts,
          ...(e.at !== null ? { at: e.at } : {}),
          ...(e.by !== null ? { by: e.by } : {}),
        }).state;
      } else if (e.kind === 'take' || e.kind === 'force') {
        const request = { act: e.act, actor: e.actor, params: e.params, facts: e.facts, at: e.at };
        state = step(cm, state, { kind: 'act', request, force: e.kind === 'force', trace: false }).state;
      } else if (e.kind === 'advance') {
        state = step(cm, state, { kind: 'advance', to: e.to }).state;
      }
    }
    return state;
  }

  private remember(record: CaseRecord, state: CaseState): void {
    const id = record.id;
    this.states.delete(id);
    this.states.set(id, { record, state });
    const max = this.options.cacheCases ?? 2000;
    while (this.states.size > max) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
  }

  /** The response kept under an idempotency key (scoped to the principal). */
  private async kept(key: string, requestHash: string): Promise<Answer | null> {
    const k = await this.store.idempotent(key);
    if (k === null) return null;
    return this.replayOf(k.requestHash, requestHash, k);
  }

  private replayOf(was: string, now: string, r: StoredResponse): Answer {
    if (was !== now) {
      return problem(
        422,
        'idempotency-key-reused',
        'This idempotency key was used before with a different request; use a new key for a new request.',
      );
    }
    return { ok: true, status: r.status, body: r.body, replayed: true };
  }

  /** Create a case under a registered model: clock, actors, facts known at the start. */
  async createCase(
    input: { model: string; asOf: string; actors?: unknown; facts?: unknown; equivalentDays?: unknown },
    ctx: WriteContext,
  ): Promise<Answer> {
    const requestHash = sha256(canonicalJson({ op: 'create-case', input }));
    const idem =
      ctx.idempotencyKey === undefined ? null : { key: sha256(`${ctx.by}\n${ctx.idempotencyKey}`), requestHash };
    if (idem) {
      const k = await this.kept(idem.key, requestHash);
      if (k) return k;
    }
    const model = await this.model(input.model);
    if (model === null) return problem(404, 'model-not-found', `No model «${input.model}» is registered.`);
    const value: Record<string, unknown> = { asOf: input.asOf };
    if (input.actors !== undefined) value.actors = input.actors;
    if (input.facts !== undefined) value.facts = input.facts;
    if (input.equivalentDays !== undefined) value.equivalentDays = input.equivalentDays;
    const shape = checkCaseValue(value);
    if (shape.value === null || hasErrors(shape.diagnostics))
      return problem(422, 'case-invalid', 'The case is not valid.', { diagnostics: shape.diagnostics });
    const c: CaseFile = shape.value;
    const found = checkCaseFile(model.compiled, c);
    if (hasErrors(found))
      return problem(422, 'case-invalid', 'The case does not fit the model.', { diagnostics: found });
    const started = startCase(model.compiled, c);
    if (hasErrors(started.diagnostics))
      return problem(422, 'case-invalid', 'The case could not be started.', { diagnostics: started.diagnostics });
    const events: NewEvent[] = started.state.events.map((e) => ({ event: e as unknown as NewEvent['event'] }));
    if (events[0]?.event.kind !== 'create') return problem(422, 'case-invalid', 'The case could not be started.');
    // One transaction: the `create` event, then the facts given at the start (as startCase gave them).
    const r = await this.store.createCase(model.id, events, ctx.by, idem, ({ caseId, revision }) =>
      this.created(caseId, revision, model),
    );
    if (r.kind === 'replayed') return this.replayOf(r.requestHash, requestHash, r.response);
    if (r.kind !== 'ok') return problem(409, 'conflict', 'The case could not be created; try again.');
    const revision = r.revision;
    const head = r.events[r.events.length - 1]?.hash;
    if (head !== undefined)
      this.remember({ id: r.caseId, modelId: model.id, revision, head, createdBy: ctx.by }, started.state);
    const resp = r.response ?? { status: 201, body: this.created(r.caseId, revision, model).body };
    return { ok: true, status: resp.status, body: resp.body, replayed: false };
  }

  private created(caseId: string, revision: number, model: LiveModel): StoredResponse {
    return { status: 201, body: canonicalJson({ id: caseId, model: model.id, revision }) };
  }

  /**
   * One write to a case: `compute` turns the rebuilt case into events and a response; the events
   * are appended under the revision they were computed from. A stale `ctx.revision` is a 409; without
   * one, a concurrent write makes the request recompute on the new state (at most 5 times).
   */
  private async write(
    caseId: string,
    op: string,
    input: unknown,
    ctx: WriteContext,
    compute: (c: LiveCase) => Problem | Computed,
  ): Promise<Answer> {
    // The request's hash only matters with an idempotency key (a reused key with another request is refused).
    const requestHash = ctx.idempotencyKey === undefined ? '' : sha256(canonicalJson({ op, caseId, input }));
    const idem =
      ctx.idempotencyKey === undefined ? null : { key: sha256(`${ctx.by}\n${ctx.idempotencyKey}`), requestHash };
    if (idem) {
      const k = await this.kept(idem.key, requestHash);
      if (k) return k;
    }
    // The first attempt starts from the case as this process holds it (no read); a conflict, or a
    // revision the request expects that differs from it, starts over from the store.
    let trust = true;
    for (let attempt = 0; attempt < 5; attempt++) {
      let c = await this.case(caseId, trust);
      if (c !== null && trust && ctx.revision !== undefined && ctx.revision !== c.record.revision) {
        // The case as held may be behind another process's writes: the store says.
        this.states.delete(caseId);
        trust = false;
        c = await this.case(caseId);
      }
      if (c === null) return problem(404, 'case-not-found', `No case «${caseId}».`);
      const denied = ctx.guard?.(c) ?? null;
      if (denied !== null) return problem(403, 'forbidden', denied);
      if (ctx.revision !== undefined && ctx.revision !== c.record.revision)
        return stale(ctx.revision, c.record.revision);
      const out = compute(c);
      if ('ok' in out) return out;
      const r = await this.store.append(
        caseId,
        c.record.revision,
        out.events,
        ctx.by,
        idem,
        (x) => out.respond(x.revision, x.decisions),
        { head: c.record.head, modelId: c.record.modelId },
      );
      if (r.kind === 'replayed') return this.replayOf(r.requestHash, requestHash, r.response);
      if (r.kind === 'not-found') return problem(404, 'case-not-found', `No case «${caseId}».`);
      if (r.kind === 'conflict') {
        this.states.delete(caseId);
        trust = false;
        if (ctx.revision !== undefined) return stale(ctx.revision, r.revision);
        continue;
      }
      const head = r.events[r.events.length - 1]?.hash ?? c.record.head;
      this.remember({ ...c.record, revision: r.revision, head }, out.state);
      this.maybeSnapshot(caseId, c.record.revision, r.revision, out.state);
      const resp = r.response ?? out.respond(r.revision, r.decisions);
      return { ok: true, status: resp.status, body: resp.body, replayed: false };
    }
    return problem(409, 'busy', 'The case kept changing while this request was computed; try again.');
  }

  /** Give facts (`facts` as in a case file, `at` their date). */
  async give(caseId: string, input: { facts: unknown; at?: string | undefined }, ctx: WriteContext, by: string | null) {
    return this.write(caseId, 'give', { input, by }, ctx, (c) => {
      const shape = checkCaseValue({ asOf: c.state.asOf, facts: input.facts });
      if (shape.value === null || hasErrors(shape.diagnostics))
        return problem(422, 'facts-invalid', 'The facts are not valid.', { diagnostics: shape.diagnostics });
      const cf: CaseFile = { ...shape.value, actors: actorsOf(c.state) };
      const found = checkCaseFile(c.model.compiled, cf);
      if (hasErrors(found))
        return problem(422, 'facts-invalid', 'The facts do not fit the model.', { diagnostics: found });
      const facts = (cf.facts ?? []).map((f) =>
        by !== null && f.by === undefined ? { ...toGivenFact(f), by } : toGivenFact(f),
      );
      const r = step(c.model.compiled, c.state, { kind: 'give', facts, ...(input.at ? { at: input.at } : {}) });
      if (hasErrors(r.diagnostics))
        return problem(422, 'facts-invalid', 'The facts could not be given.', { diagnostics: r.diagnostics });
      const events = r.state.events
        .slice(c.state.events.length)
        .map((e) => ({ event: e as unknown as NewEvent['event'] }));
      return { events, state: r.state, respond: (revision) => ({ status: 200, body: canonicalJson({ revision }) }) };
    });
  }

  /**
   * Take an act (or force it). Taken: 201 with the decision id. Refused: the refusal is an event
   * too (with its trace), and the answer is a 422 naming the precise reasons.
   */
  async take(caseId: string, input: Record<string, unknown>, ctx: WriteContext): Promise<Answer> {
    return this.write(caseId, 'take', input, ctx, (c) => {
      const { force, ...act } = input;
      // A request certainly valid skips the full check (a probe case per fact, src/store/act-check.ts).
      let request = quickTakeRequest(c.model.compiled, c.state, act);
      if (request === null) {
        const shape = checkCaseValue({ asOf: c.state.asOf, acts: [act] });
        if (shape.value === null || hasErrors(shape.diagnostics))
          return problem(422, 'act-invalid', 'The act request is not valid.', { diagnostics: shape.diagnostics });
        const cf: CaseFile = { ...shape.value, actors: actorsOf(c.state) };
        const found = checkCaseFile(c.model.compiled, cf);
        if (hasErrors(found))
          return problem(422, 'act-invalid', 'The act does not fit the case.', { diagnostics: found });
        const a = (cf.acts ?? [])[0];
        if (a === undefined) return problem(400, 'act-invalid', 'No act given.');
        request = toTakeRequest(a);
      }
      const r = step(c.model.compiled, c.state, {
        kind: 'act',
        request,
        force: force === true,
        trace: true,
      });
      if (r.kind !== 'act') return problem(422, 'act-invalid', 'The act could not be tried.');
      const trace: TraceEntry = r.result.trace;
      if (r.result.ok) {
        const logged = r.state.events.slice(c.state.events.length);
        const events: NewEvent[] = logged.map((e, i) => ({
          event: e as unknown as NewEvent['event'],
          ...(i === logged.length - 1 ? { trace } : {}),
        }));
        return {
          events,
          state: r.state,
          respond: (revision, decisions) => ({
            status: 201,
            body: canonicalJson({
              decision: decisions[decisions.length - 1] ?? null,
              outcome: trace.outcome,
              record: trace.record,
              revision,
              sources: trace.sources.map((s) => s.citation ?? s.id),
              warnings: r.diagnostics,
            }),
          }),
        };
      }
      const req = request;
      const refusal = {
        kind: 'refuse',
        act: req.act,
        actor: req.actor,
        params: trace.params,
        facts: req.facts ?? [],
        at: trace.at,
      };
      return {
        events: [{ event: refusal, trace }],
        state: c.state,
        respond: (revision, decisions) => ({
          status: 422,
          body: canonicalJson({
            code: 'act-refused',
            detail: `${req.actor} may not take <<${req.act}>> now.`,
            decision: decisions[0] ?? null,
            outcome: 'refused',
            reasons: trace.reasons,
            revision,
          }),
        }),
      };
    });
  }

  /** Move the case clock; violations found are in the answer. */
  async advance(caseId: string, to: string, ctx: WriteContext): Promise<Answer> {
    return this.write(caseId, 'advance', { to }, ctx, (c) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) return problem(400, 'bad-date', `«${to}» is not a date YYYY-MM-DD.`);
      const r = step(c.model.compiled, c.state, { kind: 'advance', to });
      if (r.kind !== 'advance' || hasErrors(r.diagnostics))
        return problem(422, 'advance-invalid', 'The clock could not be moved.', { diagnostics: r.diagnostics });
      const events = r.state.events
        .slice(c.state.events.length)
        .map((e) => ({ event: e as unknown as NewEvent['event'] }));
      if (events.length === 0) return problem(422, 'advance-invalid', `The clock is at ${c.state.asOf} already.`);
      const violations = r.violations;
      return {
        events,
        state: r.state,
        respond: (revision) => ({ status: 200, body: canonicalJson({ asOf: r.state.asOf, revision, violations }) }),
      };
    });
  }

  /** The case state at the event before `seq` (what a decision was made on). */
  async stateBefore(caseId: string, seq: number): Promise<{ model: LiveModel; state: CaseState } | null> {
    const record = await this.store.getCase(caseId);
    if (record === null) return null;
    const model = await this.model(record.modelId);
    if (model === null) return null;
    const log = (await this.store.events(caseId)).filter((e) => e.seq < seq);
    return { model, state: replayEvents(model.compiled, engineEvents(log)).value };
  }
}

function stale(expected: number, actual: number): Problem {
  return problem(
    409,
    'stale-revision',
    `The case is at revision ${actual}, not ${expected}: read it again and decide on the new state.`,
    { extra: { revision: actual } },
  );
}

/** Scalars of a JSON object (params), or null when it is not one. */
export function scalarRecord(v: unknown): Record<string, JsonScalar> | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, JsonScalar> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || ['string', 'number', 'boolean'].includes(typeof x)) out[k] = x as JsonScalar;
    else return null;
  }
  return out;
}

/** The declared actors of a state, as a case file lists them. */
function actorsOf(state: CaseState): Record<string, { roles: string[] }> {
  return Object.fromEntries(Object.entries(state.actors).map(([k, v]) => [k, { roles: [...v.roles] }]));
}
