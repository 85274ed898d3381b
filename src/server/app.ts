/**
 * The HTTP API of the decision service (hono with zod-typed routes and a generated OpenAPI
 * document). Every route checks the bearer token's principal (src/server/auth.ts); every error is
 * a problem document (RFC 9457); request bodies have size limits; every request is logged as one
 * structured entry (and every denial with its reason). Time comes from the options, so the app
 * itself touches no clock (the CLI passes the real one).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { bareName, outcomeOf, whyNotInCase } from '../case/index.js';
import { frameSources, nodeKey, toGraph, toJson } from '../graph/index.js';
import { canonicalJson } from '../model/canonical.js';
import type { JsonScalar, TraceEntry } from '../model/trace.js';
import { activeDuties, availableActs } from '../run/index.js';
import type { LiveCase, LiveModel, Problem } from '../store/cases.js';
import { type Decisions, scalarRecord } from '../store/cases.js';
import { isStoreUnavailable } from '../store/sql.js';
import type { EventBody } from '../store/store.js';
import { counterfactual, decisionSources, explainText, reasonText, toMarkdown, whyNotText } from '../trace/index.js';
import type { Lang } from '../trace/index.js';
import type { Principal, TokenTable } from './auth.js';
import { principalName } from './auth.js';
import { problemDocument } from './problems.js';
import type { WebAssets } from './web.js';

/** One structured log entry. */
export interface LogEntry {
  readonly time: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface AppOptions {
  readonly decisions: Decisions;
  readonly tokens: TokenTable;
  /** Where log entries go (default: nowhere). */
  readonly log?: (entry: LogEntry) => void;
  /** The wall clock as ISO text, for log entries (default: none). */
  readonly now?: () => string;
  /** A monotonic clock in milliseconds, for request durations (default: none). */
  readonly clock?: () => number;
  /** The largest request body in bytes (default 1 MiB); model uploads: {@link AppOptions.modelBodyLimit}. */
  readonly bodyLimit?: number;
  /** The largest model upload in bytes (default 16 MiB). */
  readonly modelBodyLimit?: number;
  /** The explorer's static files, served at `/` (src/server/web.ts); without it `/` is a 404. */
  readonly web?: WebAssets;
}

type Env = { Variables: { principal: Principal } };
type C = Context<Env>;

/** An answer independent of the HTTP layer: status, body text, its media type, more headers. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  /** The media type (`application/json`, `application/problem+json`, `text/markdown`); sent with `; charset=utf-8`. */
  readonly type: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a handler needs of a request, from hono's context or from the raw node:http fast route. */
export interface Asked {
  readonly method: string;
  /** The path (as hono's `c.req.path`: no query). */
  readonly path: string;
  readonly principal: Principal;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
}

/** The body of `POST /v1/cases/{id}/acts`, as its schema validates it. */
export type ActBody = {
  readonly act: string;
  readonly actor: string;
  readonly params?: Readonly<Record<string, string | number | boolean | null>> | undefined;
  readonly facts?: readonly unknown[] | undefined;
  readonly at?: string | undefined;
  readonly force?: boolean | undefined;
};

/**
 * The hot routes served by the node:http fast route (src/server/fast.ts) without the WHATWG
 * Request/Response adapter, hono's routing and zod: the same handlers, so the same answers.
 */
export interface FastRoutes {
  /** The principal of an `Authorization` header, or null (then the request goes through hono). */
  principal(authorization: string | undefined): Principal | null;
  /** The largest body of a case route in bytes. */
  readonly bodyLimit: number;
  /** `POST /v1/cases/{id}/acts` with a body the schema accepts. */
  take(q: Asked, id: string, body: ActBody): Promise<Reply>;
  /** The reply to an error thrown by a handler (a problem document, logged). */
  error(q: Pick<Asked, 'path'>, err: unknown): Reply;
  /** Log a request as the request-log middleware does; `start` from {@link FastRoutes.start}. */
  logRequest(method: string, path: string, status: number, start: number, principal: Principal | null): void;
  /** Read the clock at the start of a request. */
  start(): number;
}

const fastRoutes = new WeakMap<object, FastRoutes>();

/** The fast routes of an app made by {@link createApp} (undefined for any other app). */
export function fastRoutesOf(app: object): FastRoutes | undefined {
  return fastRoutes.get(app);
}

const ID = z.string().min(1).max(200);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const anyObject = z.record(z.string(), z.unknown());
const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    diagnostics: z.array(anyObject).optional(),
  })
  .openapi('Problem');
const problemContent = { 'application/problem+json': { schema: problemSchema } };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, { description: `problem (${c})`, content: problemContent }]));
const ok = (description: string, status = 200) => ({
  [status]: { description, content: { 'application/json': { schema: anyObject } } },
});
const json = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const renderQuery = z.object({ format: z.enum(['json', 'markdown']).optional() });

const modelUpload = z.union([
  z.strictObject({
    format: z.literal('flint'),
    main: z.string().min(1),
    files: z.record(z.string(), z.string()),
  }),
  z.strictObject({ format: z.literal('flint-json'), model: z.union([z.string(), anyObject]) }),
]);
const createCaseBody = z.strictObject({
  model: ID,
  asOf: z.string(),
  actors: z.record(z.string(), z.strictObject({ roles: z.array(z.string()) })).optional(),
  facts: z.array(z.unknown()).optional(),
  equivalentDays: z.array(z.unknown()).optional(),
});
const factsBody = z.strictObject({ facts: z.array(z.unknown()), at: z.string().optional() });
const actBody = z.strictObject({
  act: z.string().min(1),
  actor: z.string().min(1),
  params: z.record(z.string(), scalar).optional(),
  facts: z.array(z.unknown()).optional(),
  at: z.string().optional(),
  force: z.boolean().optional(),
});
const advanceBody = z.strictObject({ to: z.string() });

const R = {
  health: createRoute({ method: 'get', path: '/healthz', responses: ok('the service is up') }),
  registerModel: createRoute({
    method: 'post',
    path: '/v1/models',
    request: json(modelUpload),
    responses: { ...ok('registered before', 200), ...ok('registered', 201), ...errors(400, 403, 413, 422) },
  }),
  listModels: createRoute({
    method: 'get',
    path: '/v1/models',
    responses: { ...ok('the registered models (id, title, version)') },
  }),
  getModel: createRoute({
    method: 'get',
    path: '/v1/models/{id}',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('the model'), ...errors(403, 404) },
  }),
  modelGraph: createRoute({
    method: 'get',
    path: '/v1/models/{id}/graph',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('the model graph (nodes and edges)'), ...errors(403, 404) },
  }),
  modelFiles: createRoute({
    method: 'get',
    path: '/v1/models/{id}/files',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('the source texts of the model (format, main file, files by name)'), ...errors(403, 404) },
  }),
  modelSources: createRoute({
    method: 'get',
    path: '/v1/models/{id}/sources',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('every legal source of the model'), ...errors(403, 404) },
  }),
  frameSources: createRoute({
    method: 'get',
    path: '/v1/models/{id}/frames/{name}/sources',
    request: {
      params: z.object({ id: ID, name: z.string().min(1) }),
      query: z.object({ direct: z.enum(['true', 'false']).optional() }),
    },
    responses: { ...ok('the sources a frame rests on'), ...errors(403, 404) },
  }),
  createCase: createRoute({
    method: 'post',
    path: '/v1/cases',
    request: json(createCaseBody),
    responses: { ...ok('created', 201), ...errors(400, 403, 404, 413, 422) },
  }),
  listCases: createRoute({
    method: 'get',
    path: '/v1/cases',
    request: {
      query: z.object({
        model: ID.optional(),
        after: z
          .string()
          .regex(/^c\d{1,15}$/, 'a case id')
          .optional(),
        limit: z
          .string()
          .regex(/^\d{1,4}$/, 'a number from 1 to 1000')
          .optional(),
      }),
    },
    responses: {
      ...ok('the cases the principal may read (id, model, revision), in the order they were created, a page at a time'),
      ...errors(400, 403),
    },
  }),
  getCase: createRoute({
    method: 'get',
    path: '/v1/cases/{id}',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('the case: state, revision, active duties, violations'), ...errors(403, 404) },
  }),
  give: createRoute({
    method: 'post',
    path: '/v1/cases/{id}/facts',
    request: { params: z.object({ id: ID }), ...json(factsBody) },
    responses: { ...ok('given'), ...errors(400, 403, 404, 409, 413, 422) },
  }),
  take: createRoute({
    method: 'post',
    path: '/v1/cases/{id}/acts',
    request: { params: z.object({ id: ID }), ...json(actBody) },
    responses: { ...ok('taken', 201), ...errors(400, 403, 404, 409, 413, 422) },
  }),
  available: createRoute({
    method: 'get',
    path: '/v1/cases/{id}/available-acts',
    request: { params: z.object({ id: ID }), query: z.object({ actor: z.string().min(1).optional() }) },
    responses: { ...ok('the acts available to the actor now'), ...errors(400, 403, 404) },
  }),
  advance: createRoute({
    method: 'post',
    path: '/v1/cases/{id}/advance',
    request: { params: z.object({ id: ID }), ...json(advanceBody) },
    responses: { ...ok('the clock moved'), ...errors(400, 403, 404, 409, 422) },
  }),
  events: createRoute({
    method: 'get',
    path: '/v1/cases/{id}/events',
    request: { params: z.object({ id: ID }) },
    responses: { ...ok('the event log with its hash chain'), ...errors(403, 404) },
  }),
  decisions: createRoute({
    method: 'get',
    path: '/v1/decisions',
    request: {
      query: z.object({ restsOn: z.string().min(1), from: z.string().optional(), to: z.string().optional() }),
    },
    responses: { ...ok('the decisions resting on a source'), ...errors(400, 403) },
  }),
  decision: createRoute({
    method: 'get',
    path: '/v1/decisions/{id}',
    request: { params: z.object({ id: ID }), query: renderQuery },
    responses: { ...ok('the decision with its trace'), ...errors(403, 404) },
  }),
  why: createRoute({
    method: 'get',
    path: '/v1/decisions/{id}/why',
    request: { params: z.object({ id: ID }), query: renderQuery },
    responses: { ...ok('why the decision went as it did'), ...errors(403, 404) },
  }),
  whyNot: createRoute({
    method: 'get',
    path: '/v1/decisions/{id}/why-not',
    request: {
      params: z.object({ id: ID }),
      query: renderQuery.extend({
        act: z.string().min(1),
        actor: z.string().optional(),
        params: z.string().optional(),
      }),
    },
    responses: { ...ok('why another act was not available then'), ...errors(400, 403, 404) },
  }),
  decisionSources: createRoute({
    method: 'get',
    path: '/v1/decisions/{id}/sources',
    request: { params: z.object({ id: ID }), query: renderQuery },
    responses: { ...ok('the sources the decision rests on'), ...errors(403, 404) },
  }),
  counterfactual: createRoute({
    method: 'get',
    path: '/v1/decisions/{id}/counterfactual',
    request: { params: z.object({ id: ID }), query: renderQuery },
    responses: { ...ok('the smallest change that would have flipped it'), ...errors(403, 404) },
  }),
};

/** The explorer's content security policy: its own scripts only, no inline script, no other origin. */
const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The language asked for by `Accept-Language` (nl or en; default en). */
function langOf(q: Pick<Asked, 'header'>): Lang {
  const header = q.header('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'nl' || tag === 'en') return tag;
  }
  return 'en';
}

/** The revision in `If-Match` (`5` or `"5"`), undefined when absent, null when malformed. */
function ifMatch(q: Pick<Asked, 'header'>): number | undefined | null {
  const h = q.header('if-match');
  if (h === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
  return m ? Number(m[1]) : null;
}

/** A bearer token in an `Authorization` header. */
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Build the app. */
export function createApp(options: AppOptions): OpenAPIHono<Env> {
  const { decisions, tokens } = options;
  const log = (entry: Omit<LogEntry, 'time'>): void => {
    options.log?.({ time: options.now?.() ?? '', ...entry } as LogEntry);
  };
  const send = (c: C, status: number, body: string, type = 'application/json'): Response =>
    c.body(body, status as 200, { 'content-type': `${type}; charset=utf-8` });
  const asked = (c: C): Asked => ({
    method: c.req.method,
    path: c.req.path,
    principal: c.get('principal'),
    header: (name) => c.req.header(name),
  });
  const toResponse = (c: C, r: Reply): Response =>
    c.body(r.body, r.status as 200, { 'content-type': `${r.type}; charset=utf-8`, ...r.headers });
  const problemReply = (q: Pick<Asked, 'path'>, p: Omit<Problem, 'ok'>): Reply => ({
    status: p.status,
    body: canonicalJson(problemDocument(p.status, p.code, p.detail, q.path, p)),
    type: 'application/problem+json',
  });
  const denyReply = (q: Asked, reason: string): Reply => {
    const p = q.principal;
    log({ level: 'warn', msg: 'denied', method: q.method, path: q.path, principal: principalName(p), reason });
    return problemReply(q, { status: 403 as never, code: 'forbidden', detail: reason });
  };
  const fail = (c: C, p: Omit<Problem, 'ok'>): Response => toResponse(c, problemReply(c.req, p));
  const deny = (c: C, reason: string): Response => toResponse(c, denyReply(asked(c), reason));
  const logRequest = (method: string, path: string, status: number, start: number, p: Principal | null): void =>
    log({
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method,
      path,
      status,
      ms: options.clock ? Math.round((options.clock() - start) * 10) / 10 : undefined,
      principal: p ? principalName(p) : null,
    });
  /** The reply to an error a handler threw: 503 when the store is unavailable, else a logged 500. */
  const errorReply = (q: Pick<Asked, 'path'>, err: unknown): Reply => {
    if (isStoreUnavailable(err)) {
      log({ level: 'error', msg: 'store unavailable', path: q.path, error: String(err) });
      const r = problemReply(q, {
        status: 503,
        code: 'store-unavailable',
        detail: 'The case store cannot be reached now; try again later.',
      });
      return { ...r, headers: { 'retry-after': '1' } };
    }
    log({ level: 'error', msg: 'internal error', path: q.path, error: String(err) });
    return problemReply(q, {
      status: 500 as never,
      code: 'internal',
      detail: 'The service failed to answer; see its log.',
    });
  };

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const diagnostics = result.error.issues.map((i) => ({
        code: 'request-invalid',
        severity: 'error' as const,
        message: i.message,
        path: `/${i.path.map(String).join('/')}`,
      }));
      const where = result.target === 'json' ? 'body' : result.target;
      return fail(c as C, {
        status: 400,
        code: 'request-invalid',
        detail: `The request ${where} is not valid.`,
        diagnostics,
      });
    },
  });

  // Structured request log.
  app.use('*', async (c, next) => {
    const start = options.clock?.() ?? 0;
    await next();
    const p = c.get('principal') as Principal | undefined;
    logRequest(c.req.method, c.req.path, c.res.status, start, p ?? null);
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'body-too-large' : status === 415 ? 'unsupported-media-type' : 'request-invalid';
      const detail = status === 400 && /json/i.test(err.message) ? 'The request body is not valid JSON.' : err.message;
      return fail(c as C, { status: status as 400, code, detail: detail || 'The request is not valid.' });
    }
    return toResponse(c as C, errorReply(c.req, err));
  });
  app.notFound((c) =>
    fail(c as C, { status: 404, code: 'no-route', detail: `No route ${c.req.method} ${c.req.path}.` }),
  );

  // Body limits: model uploads may be larger than other requests.
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        const r = fail(c as C, {
          status: 413 as never,
          code: 'body-too-large',
          detail: `The request body exceeds ${maxSize} bytes.`,
        });
        // The rest of the body is not read: the connection cannot carry another request.
        r.headers.set('connection', 'close');
        return r;
      },
    });
  app.use('/v1/models', limit(options.modelBodyLimit ?? 16 * 1024 * 1024));
  const caseBodyLimit = options.bodyLimit ?? 1024 * 1024;
  app.use('/v1/cases/*', limit(caseBodyLimit));
  app.use('/v1/cases', limit(caseBodyLimit));

  // The explorer's static files (GET and HEAD outside /v1): no token, strict headers.
  const web = options.web;
  if (web !== undefined) {
    app.use('*', async (c, next) => {
      const path = c.req.path;
      if ((c.req.method === 'GET' || c.req.method === 'HEAD') && path !== '/v1' && !path.startsWith('/v1/')) {
        const asset = web.get(path);
        if (asset !== null) {
          return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
            'content-type': asset.type,
            'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
            'content-security-policy': WEB_CSP,
          });
        }
      }
      await next();
      return undefined;
    });
  }

  // Bearer tokens on every /v1 route.
  app.use('/v1/*', async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    const p = m ? tokens.lookup(m[1] as string) : null;
    if (p === null) {
      log({ level: 'warn', msg: 'unauthenticated', method: c.req.method, path: c.req.path });
      const r = fail(c as C, {
        status: 401 as never,
        code: 'unauthenticated',
        detail: m ? 'The bearer token is not known.' : 'Send a bearer token: Authorization: Bearer <token>.',
      });
      r.headers.set('www-authenticate', 'Bearer');
      return r;
    }
    c.set('principal', p);
    await next();
    return undefined;
  });

  const route = <Rt extends Parameters<typeof app.openapi>[0]>(r: Rt, handler: (c: C) => Promise<Response>): void => {
    app.openapi(r, handler as never);
  };
  const reply = (c: C, a: Awaited<ReturnType<Decisions['take']>>, revision = true): Response => {
    if (!a.ok) return fail(c, a);
    const res = send(c, a.status, a.body);
    if (revision) {
      const rev = (JSON.parse(a.body) as { revision?: unknown }).revision;
      if (typeof rev === 'number') res.headers.set('etag', `"${rev}"`);
    }
    if (a.replayed) res.headers.set('idempotent-replayed', 'true');
    return res;
  };

  /** May `p` read data of cases under `modelId` with these actors? A reason when not. */
  const readDenied = (p: Principal, modelId: string, actors: readonly string[]): string | null => {
    if (p.kind === 'admin') return null;
    if (p.kind === 'reader') {
      return p.models === '*' || p.models.includes(modelId) ? null : `reader ${p.name} is not granted model ${modelId}`;
    }
    return actors.includes(p.actor) ? null : `actor ${p.actor} is not an actor of this case`;
  };
  const loadCase = async (c: C, id: string): Promise<LiveCase | Response> => {
    const live = await decisions.case(id);
    if (live === null) return fail(c, { status: 404, code: 'case-not-found', detail: `No case «${id}».` });
    return live;
  };
  const readableCase = async (c: C, id: string): Promise<LiveCase | Response> => {
    const live = await loadCase(c, id);
    if (live instanceof Response) return live;
    const why = readDenied(c.get('principal'), live.model.id, Object.keys(live.state.actors));
    return why === null ? live : deny(c, why);
  };
  const modelFor = async (c: C, id: string): Promise<LiveModel | Response> => {
    const p = c.get('principal');
    if (p.kind === 'reader' && p.models !== '*' && !p.models.includes(id))
      return deny(c, `reader ${p.name} is not granted model ${id}`);
    const m = await decisions.model(id);
    return m ?? fail(c, { status: 404, code: 'model-not-found', detail: `No model «${id}» is registered.` });
  };
  type WriteCtx = { by: string; idempotencyKey?: string; revision?: number };
  const writeContextOf = (q: Asked): WriteCtx | Reply => {
    const rev = ifMatch(q);
    if (rev === null)
      return problemReply(q, { status: 400, code: 'bad-if-match', detail: 'If-Match must be a revision number.' });
    const key = q.header('idempotency-key');
    if (key !== undefined && (key.length === 0 || key.length > 200))
      return problemReply(q, {
        status: 400,
        code: 'bad-idempotency-key',
        detail: 'Idempotency-Key must be 1 to 200 characters.',
      });
    return {
      by: principalName(q.principal),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
      ...(rev !== undefined ? { revision: rev } : {}),
    };
  };
  const writeContext = (c: C): WriteCtx | Response => {
    const ctx = writeContextOf(asked(c));
    return 'status' in ctx ? toResponse(c, ctx) : ctx;
  };

  route(R.health, async (c) => send(c, 200, canonicalJson({ backend: decisions.store.backend, status: 'ok' })));

  route(R.registerModel, async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'admin') return deny(c, `only an admin registers models (${principalName(p)} is not one)`);
    const body = c.req.valid('json' as never) as z.infer<typeof modelUpload>;
    const upload =
      body.format === 'flint'
        ? body
        : {
            format: 'flint-json' as const,
            text: typeof body.model === 'string' ? body.model : JSON.stringify(body.model),
          };
    return reply(c, await decisions.registerModel(upload), false);
  });

  const modelSummary = (m: LiveModel) => ({
    id: m.id,
    title: m.title,
    version: m.version,
    language: m.checked.model.header?.language ?? null,
    acts: Object.keys(m.checked.acts).sort(),
    facts: Object.keys(m.checked.facts).sort(),
    duties: Object.keys(m.checked.duties).sort(),
    sources: Object.keys(m.checked.sources).length,
  });
  const sourceJson = (m: LiveModel, id: string) => {
    const s = m.checked.sources[id];
    if (!s) return null;
    const { citation, juriconnect, eli, url, text, validFrom, validTo } = s;
    return { id, citation, juriconnect, eli, url, text, validFrom, validTo };
  };
  route(R.listModels, async (c) => {
    const p = c.get('principal');
    const all = await decisions.store.listModels();
    const visible = p.kind === 'reader' && p.models !== '*' ? all.filter((m) => p.models.includes(m.id)) : all;
    return send(c, 200, canonicalJson({ models: visible }));
  });
  route(R.getModel, async (c) => {
    const m = await modelFor(c, c.req.param('id') ?? '');
    return m instanceof Response ? m : send(c, 200, canonicalJson(modelSummary(m)));
  });
  route(R.modelGraph, async (c) => {
    const m = await modelFor(c, c.req.param('id') ?? '');
    return m instanceof Response ? m : send(c, 200, toJson(toGraph(m.checked)));
  });
  route(R.modelFiles, async (c) => {
    const id = c.req.param('id') ?? '';
    const m = await modelFor(c, id);
    if (m instanceof Response) return m;
    const rec = await decisions.store.getModel(id);
    if (rec === null)
      return fail(c, { status: 404, code: 'model-not-found', detail: `No model «${id}» is registered.` });
    return send(c, 200, canonicalJson({ id, format: rec.format, main: rec.main, files: rec.files }));
  });
  route(R.modelSources, async (c) => {
    const m = await modelFor(c, c.req.param('id') ?? '');
    if (m instanceof Response) return m;
    return send(c, 200, canonicalJson(Object.keys(m.checked.sources).map((id) => sourceJson(m, id))));
  });
  route(R.frameSources, async (c) => {
    const m = await modelFor(c, c.req.param('id') ?? '');
    if (m instanceof Response) return m;
    const name = c.req.param('name') ?? '';
    const bare = bareName(name);
    const kinds = name.startsWith('<<')
      ? ['act']
      : name.startsWith('[')
        ? ['fact']
        : name.startsWith('<')
          ? ['duty']
          : ['act', 'fact', 'duty'];
    const kind = kinds.find((k) => (m.checked as unknown as Record<string, Record<string, unknown>>)[`${k}s`]?.[bare]);
    if (kind === undefined)
      return fail(c, { status: 404, code: 'frame-not-found', detail: `The model has no frame «${name}».` });
    const ids = frameSources(toGraph(m.checked), nodeKey(kind as 'act', bare), {
      transitive: c.req.query('direct') !== 'true',
    });
    return send(c, 200, canonicalJson({ frame: { kind, name: bare }, sources: ids.map((id) => sourceJson(m, id)) }));
  });

  route(R.createCase, async (c) => {
    const p = c.get('principal');
    const body = c.req.valid('json' as never) as z.infer<typeof createCaseBody>;
    if (p.kind === 'reader') return deny(c, `reader ${p.name} may not create cases`);
    if (p.kind === 'actor' && !Object.keys(body.actors ?? {}).includes(p.actor))
      return deny(c, `actor ${p.actor} may only create a case it is an actor of`);
    const ctx = writeContext(c);
    if (ctx instanceof Response) return ctx;
    return reply(c, await decisions.createCase(body, ctx));
  });

  route(R.listCases, async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query' as never) as { model?: string; after?: string; limit?: string };
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (limit < 1 || limit > 1000)
      return fail(c, { status: 400, code: 'bad-limit', detail: `limit must be from 1 to 1000, not ${limit}.` });
    const granted = p.kind === 'reader' && p.models !== '*' ? p.models : undefined;
    if (q.model !== undefined && granted !== undefined && !granted.includes(q.model))
      return deny(c, `reader ${p.name} is not granted model ${q.model}`);
    const models = q.model !== undefined ? [q.model] : granted;
    const page = await decisions.store.listCases({
      ...(models !== undefined ? { models } : {}),
      // An actor lists the cases it is an actor of, as it may read them (GET /v1/cases/{id}).
      ...(p.kind === 'actor' ? { actor: p.actor } : {}),
      ...(q.after !== undefined ? { after: Number(q.after.slice(1)) } : {}),
      limit: limit + 1,
    });
    const shown = page.slice(0, limit);
    const cases = shown.map((r) => ({ id: r.id, model: r.modelId, revision: r.revision }));
    const next = page.length > limit ? (shown[shown.length - 1]?.id ?? null) : null;
    return send(c, 200, canonicalJson({ cases, next }));
  });

  route(R.getCase, async (c) => {
    const live = await readableCase(c, c.req.param('id') ?? '');
    if (live instanceof Response) return live;
    const { state, model, record } = live;
    const actors = Object.keys(state.actors).sort();
    const outcome = outcomeOf(model.compiled, state, actors);
    const res = send(
      c,
      200,
      canonicalJson({
        id: record.id,
        model: { id: model.id, title: model.title, version: model.version },
        revision: record.revision,
        asOf: state.asOf,
        actors: state.actors,
        facts: outcome.facts,
        duties: activeDuties(state),
        violations: state.violations,
        available: outcome.available,
        questions: outcome.questions,
        records: state.records,
      }),
    );
    res.headers.set('etag', `"${record.revision}"`);
    return res;
  });

  route(R.give, async (c) => {
    const p = c.get('principal');
    const id = c.req.param('id') ?? '';
    if (p.kind === 'reader') return deny(c, `reader ${p.name} may not give facts`);
    const ctx = writeContext(c);
    if (ctx instanceof Response) return ctx;
    const body = c.req.valid('json' as never) as z.infer<typeof factsBody>;
    // An actor gives facts as itself: a fact `by` someone else is refused.
    if (p.kind === 'actor') {
      const other = body.facts.find((f) => typeof f === 'object' && f !== null && 'by' in f && f.by !== p.actor);
      if (other !== undefined) return deny(c, `actor ${p.actor} may only give facts as itself`);
    }
    const guard = (live: LiveCase): string | null =>
      p.kind === 'actor' && !(p.actor in live.state.actors) ? `actor ${p.actor} is not an actor of this case` : null;
    const a = await decisions.give(id, body, { ...ctx, guard }, p.kind === 'actor' ? p.actor : null);
    return !a.ok && a.status === 403 ? deny(c, a.detail) : reply(c, a);
  });

  /** Take an act: the handler of `POST /v1/cases/{id}/acts` (through hono and through the fast route). */
  const takeReply = async (q: Asked, id: string, body: ActBody): Promise<Reply> => {
    const p = q.principal;
    if (p.kind !== 'actor') return denyReply(q, `only an actor takes acts (${principalName(p)} is not one)`);
    if (body.actor !== p.actor)
      return denyReply(q, `actor ${p.actor} may only take acts as itself, not as ${body.actor}`);
    if (body.force === true) return denyReply(q, 'forcing an act is not allowed through the API');
    const roles = p.roles.map(bareName);
    // Checked on the case as the write loads it (the act's role, from the case's model).
    const guard = (live: LiveCase): string | null => {
      if (!(p.actor in live.state.actors)) return `actor ${p.actor} is not an actor of this case`;
      const act = live.model.compiled.acts.get(bareName(body.act));
      const role =
        act === undefined
          ? null
          : act.actor.kind === 'role'
            ? act.actor.fact
            : act.actor.kind === 'param' && act.actor.type.kind === 'FactType'
              ? act.actor.type.name
              : null;
      if (act !== undefined && role !== null && !roles.includes(role))
        return `the token of ${p.actor} does not carry the role [${role}] that <<${act.name}>> needs`;
      return null;
    };
    const ctx = writeContextOf(q);
    if ('status' in ctx) return ctx;
    const a = await decisions.take(id, body, { ...ctx, guard });
    if (!a.ok && a.status === 403) return denyReply(q, a.detail);
    if (!a.ok) return problemReply(q, a);
    const replayed: Record<string, string> = a.replayed ? { 'idempotent-replayed': 'true' } : {};
    if (a.status === 422) {
      // A refusal: the refusal event is stored; the answer is a problem document with the reasons.
      const b = JSON.parse(a.body) as { reasons: TraceEntry['reasons']; revision: number; decision: string | null };
      const lang = langOf(q);
      const doc = problemDocument(422, 'act-refused', `${body.actor} may not take ${body.act} now.`, q.path, {
        extra: {
          decision: b.decision,
          revision: b.revision,
          reasons: b.reasons,
          explanation: b.reasons.map((r) => reasonText(r, bareName(body.act), body.actor, lang)),
        },
      });
      return {
        status: 422,
        body: canonicalJson(doc),
        type: 'application/problem+json',
        headers: { etag: `"${b.revision}"`, ...replayed },
      };
    }
    const revision = (JSON.parse(a.body) as { revision?: unknown }).revision;
    return {
      status: a.status,
      body: a.body,
      type: 'application/json',
      headers: { ...(typeof revision === 'number' ? { etag: `"${revision}"` } : {}), ...replayed },
    };
  };
  route(R.take, async (c) =>
    toResponse(c, await takeReply(asked(c), c.req.param('id') ?? '', c.req.valid('json' as never) as ActBody)),
  );

  route(R.available, async (c) => {
    const p = c.get('principal');
    const live = await readableCase(c, c.req.param('id') ?? '');
    if (live instanceof Response) return live;
    const actor = c.req.query('actor') ?? (p.kind === 'actor' ? p.actor : undefined);
    if (actor === undefined) return fail(c, { status: 400, code: 'actor-missing', detail: 'Give ?actor=ID.' });
    if (p.kind === 'actor' && actor !== p.actor)
      return deny(c, `actor ${p.actor} may only ask for its own available acts`);
    const acts = availableActs(live.model.compiled, live.state, actor).map((a) => ({ act: a.act, params: a.params }));
    return send(
      c,
      200,
      canonicalJson({ actor, asOf: live.state.asOf, available: acts, revision: live.record.revision }),
    );
  });

  route(R.advance, async (c) => {
    const p = c.get('principal');
    if (p.kind !== 'admin') return deny(c, `only an admin moves a case's clock (${principalName(p)} is not one)`);
    const ctx = writeContext(c);
    if (ctx instanceof Response) return ctx;
    const body = c.req.valid('json' as never) as z.infer<typeof advanceBody>;
    return reply(c, await decisions.advance(c.req.param('id') ?? '', body.to, ctx));
  });

  route(R.events, async (c) => {
    const live = await readableCase(c, c.req.param('id') ?? '');
    if (live instanceof Response) return live;
    const log = await decisions.store.events(live.record.id);
    const events = log.map((e) => {
      const body = JSON.parse(e.body) as EventBody;
      return {
        seq: e.seq,
        kind: e.kind,
        by: body.by,
        event: body.event,
        decision: body.decision,
        prev: e.prev,
        hash: e.hash,
      };
    });
    return send(
      c,
      200,
      canonicalJson({ case: live.record.id, revision: live.record.revision, head: live.record.head, events }),
    );
  });

  route(R.decisions, async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query' as never) as { restsOn: string; from?: string; to?: string };
    for (const d of [q.from, q.to])
      if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d))
        return fail(c, { status: 400, code: 'bad-date', detail: `«${d}» is not a date YYYY-MM-DD.` });
    const all = await decisions.store.decisionsRestingOn({
      source: q.restsOn,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    });
    // Only what the principal may read: a reader its models, an actor its own decisions.
    const visible = all.filter((d) =>
      p.kind === 'admin'
        ? true
        : p.kind === 'reader'
          ? p.models === '*' || p.models.includes(d.modelId)
          : d.actor === p.actor,
    );
    return send(
      c,
      200,
      canonicalJson({ restsOn: q.restsOn, from: q.from ?? null, to: q.to ?? null, decisions: visible }),
    );
  });

  /** A stored decision the principal may read, with its trace and case. */
  const readableDecision = async (c: C, id: string) => {
    const d = await decisions.store.decision(id);
    if (d === null) return fail(c, { status: 404, code: 'decision-not-found', detail: `No decision «${id}».` });
    const live = await readableCase(c, d.caseId);
    if (live instanceof Response) return live;
    return { d, live, entry: JSON.parse(d.trace) as TraceEntry };
  };
  const format = (c: C): 'json' | 'markdown' => (c.req.query('format') === 'markdown' ? 'markdown' : 'json');
  const markdown = (c: C, text: string): Response => send(c, 200, text, 'text/markdown');

  route(R.decision, async (c) => {
    const r = await readableDecision(c, c.req.param('id') ?? '');
    if (r instanceof Response) return r;
    if (format(c) === 'markdown') return markdown(c, toMarkdown(r.entry, { lang: langOf(c.req) }));
    const { d, entry } = r;
    return send(
      c,
      200,
      canonicalJson({ id: d.id, case: d.caseId, seq: d.seq, model: d.modelId, traceHash: d.traceHash, trace: entry }),
    );
  });
  route(R.why, async (c) => {
    const r = await readableDecision(c, c.req.param('id') ?? '');
    if (r instanceof Response) return r;
    const lang = langOf(c.req);
    const text = explainText(r.entry, { lang });
    if (format(c) === 'markdown') return markdown(c, toMarkdown(r.entry, { lang }));
    return send(
      c,
      200,
      canonicalJson({
        decision: r.d.id,
        act: r.entry.act,
        outcome: r.entry.outcome,
        reasons: r.entry.reasons,
        sources: r.entry.sources,
        explanation: text,
      }),
    );
  });
  route(R.whyNot, async (c) => {
    const r = await readableDecision(c, c.req.param('id') ?? '');
    if (r instanceof Response) return r;
    const act = bareName(c.req.query('act') ?? '');
    const actor = c.req.query('actor') ?? r.entry.actor;
    let params: Record<string, JsonScalar> = {};
    const raw = c.req.query('params');
    if (raw !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = null;
      }
      const rec = scalarRecord(parsed);
      if (rec === null)
        return fail(c, { status: 400, code: 'bad-params', detail: 'params must be a JSON object of scalars.' });
      params = rec;
    }
    const before = await decisions.stateBefore(r.d.caseId, r.d.seq);
    if (before === null) return fail(c, { status: 404, code: 'case-not-found', detail: `No case «${r.d.caseId}».` });
    if (!before.model.compiled.acts.has(act))
      return fail(c, { status: 404, code: 'act-not-found', detail: `The model has no act «${act}».` });
    const answers = whyNotInCase({ compiled: before.model.compiled, state: before.state }, act, actor, params);
    const lang = langOf(c.req);
    if (format(c) === 'markdown') {
      const view = {
        caseFile: r.d.caseId,
        modelFile: r.d.modelId,
        state: before.state,
        steps: [],
        actors: [actor],
        lang,
      };
      return markdown(
        c,
        answers.map((a) => whyNotText(view, act, actor, a.params, a.answer, a.counterfactual)).join('\n'),
      );
    }
    return send(
      c,
      200,
      canonicalJson({
        decision: r.d.id,
        asOf: before.state.asOf,
        act,
        actor,
        answers: answers.map((a) => ({ params: a.params, answer: a.answer, counterfactual: a.counterfactual })),
      }),
    );
  });
  route(R.decisionSources, async (c) => {
    const r = await readableDecision(c, c.req.param('id') ?? '');
    if (r instanceof Response) return r;
    const sources = decisionSources(r.entry);
    if (format(c) === 'markdown')
      return markdown(
        c,
        sources.map((s) => `- ${s.citation ?? s.id}${s.juriconnect ? ` (${s.juriconnect})` : ''}\n`).join(''),
      );
    return send(c, 200, canonicalJson({ decision: r.d.id, at: r.entry.at, sources }));
  });
  route(R.counterfactual, async (c) => {
    const r = await readableDecision(c, c.req.param('id') ?? '');
    if (r instanceof Response) return r;
    const before = await decisions.stateBefore(r.d.caseId, r.d.seq);
    if (before === null) return fail(c, { status: 404, code: 'case-not-found', detail: `No case «${r.d.caseId}».` });
    const cf = counterfactual(before.model.compiled, before.state, r.entry.act, r.entry.actor, r.entry.params);
    if (format(c) === 'markdown') {
      const lines =
        cf === null
          ? ['No change of at most three inputs flips this decision.']
          : [
              `From ${cf.from} to ${cf.to} if:`,
              ...cf.changes.map((g) => `- [${g.fact}](${(g.args ?? []).join(', ')}) were ${String(g.value)}`),
              ...cf.duties.map((d) => `- duty change: ${JSON.stringify(d)}`),
            ];
      return markdown(c, `${lines.join('\n')}\n`);
    }
    return send(
      c,
      200,
      canonicalJson({ decision: r.d.id, act: r.entry.act, actor: r.entry.actor, counterfactual: cf }),
    );
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Calculemus decision service',
      version: '1',
      description: 'Cases, decisions and their legal trails over FLINT models (docs/server.md).',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  fastRoutes.set(app, {
    principal: (authorization) => {
      const m = BEARER.exec(authorization ?? '');
      return m ? tokens.lookup(m[1] as string) : null;
    },
    bodyLimit: caseBodyLimit,
    take: takeReply,
    error: errorReply,
    logRequest,
    start: () => options.clock?.() ?? 0,
  });
  return app;
}
