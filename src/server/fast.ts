/**
 * The fast route: `POST /v1/cases/{id}/acts` straight on node:http, without the WHATWG
 * Request/Response adapter, hono's routing and middleware, and zod (docs/performance.md#decision-service:
 * they cost about a third of a take-act request). It answers only the plain case: a well-formed
 * path, a JSON body under the limit with a `Content-Length`, a known bearer token, and a body the
 * route's schema accepts. Everything else (a bad or unknown token, another media type, a body too
 * large, not JSON or not valid) goes to hono unchanged, with the body already read handed over as
 * `rawBody`, so every error answer stays the one the app gives. A request it answers runs the same
 * handler as the hono route (`takeReply` in src/server/app.ts), is logged the same way, and its
 * errors are the same problem documents.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActBody, FastRoutes, Reply } from './app.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A case id in a path that needs no decoding (hono's `{id}` is then the same text). */
const ACTS_PATH = /^\/v1\/cases\/([A-Za-z0-9._~-]{1,200})\/acts$/;
/** The media types hono's JSON body validator accepts that need no further look (with an optional charset). */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i;
const ACT_KEYS = new Set(['act', 'actor', 'params', 'facts', 'at', 'force']);

/** Is `v` a JSON object (not an array, not null) with only own data keys that are safe to copy? */
function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The body as the route's schema (`actBody` in app.ts) would give it, or null when the schema might
 * refuse it or give something else (then hono answers, with its precise 400).
 */
export function actBodyOf(value: unknown): ActBody | null {
  if (!plainObject(value)) return null;
  for (const k of Object.keys(value)) if (!ACT_KEYS.has(k)) return null;
  const { act, actor, params, facts, at, force } = value;
  if (typeof act !== 'string' || act.length === 0 || typeof actor !== 'string' || actor.length === 0) return null;
  if (at !== undefined && typeof at !== 'string') return null;
  if (force !== undefined && typeof force !== 'boolean') return null;
  if (facts !== undefined && !Array.isArray(facts)) return null;
  if (params !== undefined) {
    if (!plainObject(params)) return null;
    for (const k of Object.keys(params)) {
      const x = params[k];
      // A key like __proto__ the schema's record would treat on its own: leave it to the schema.
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') return null;
      if (x !== null && typeof x !== 'string' && typeof x !== 'boolean' && typeof x !== 'number') return null;
    }
  }
  return value as ActBody;
}

/**
 * A node:http request listener: the fast route where it applies, `fallback` (hono's node adapter)
 * for everything else.
 */
export function fastListener(fast: FastRoutes, fallback: Listener): Listener {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || url.length > 240) return fallback(req, res);
    const m = ACTS_PATH.exec(url);
    if (m === null) return fallback(req, res);
    const h = req.headers;
    const length = Number(h['content-length']);
    if (
      !JSON_TYPE.test(h['content-type'] ?? '') ||
      h['transfer-encoding'] !== undefined ||
      !Number.isInteger(length) ||
      length > fast.bodyLimit
    )
      return fallback(req, res);
    const principal = fast.principal(h.authorization);
    if (principal === null) return fallback(req, res);
    const start = fast.start();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      let body: ActBody | null = null;
      try {
        body = actBodyOf(JSON.parse(raw.toString('utf8')));
      } catch {
        body = null;
      }
      if (body === null) {
        // hono reads the body from here (@hono/node-server's `rawBody`) and gives its own answer.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        void fallback(req, res);
        return;
      }
      const id = m[1] as string;
      const q = {
        method: 'POST',
        path: url,
        principal,
        header: (name: string): string | undefined => {
          const v = h[name];
          return Array.isArray(v) ? v.join(', ') : v;
        },
      };
      const answer = (r: Reply): void => {
        res.writeHead(r.status, {
          'content-type': `${r.type}; charset=utf-8`,
          'content-length': Buffer.byteLength(r.body),
          ...r.headers,
        });
        res.end(r.body);
        fast.logRequest('POST', url, r.status, start, principal);
      };
      fast
        .take(q, id, body)
        .then(answer, (err: unknown) => answer(fast.error(q, err)))
        .catch(() => res.destroy());
    });
    req.on('error', () => res.destroy());
    return undefined;
  };
}
