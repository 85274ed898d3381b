/** A real server on a loopback port over a fresh store, and a small client for the tests. */
import { createApp } from '../../src/server/app.js';
import type { LogEntry } from '../../src/server/app.js';
import { hashToken, parseTokens } from '../../src/server/auth.js';
import { startServer } from '../../src/server/server.js';
import type { WebAssets } from '../../src/server/web.js';
import type { RunningServer } from '../../src/server/server.js';
import { Decisions } from '../../src/store/cases.js';
import { openStore } from '../../src/store/open.js';
import { parseStoreLocation } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';

/** The tokens of the tests: token text → its entry in the tokens document. */
export const TOKENS = {
  admin: { name: 'ops', scope: 'admin' },
  alice: { actor: 'alice', roles: ['ouder'] },
  bd: { actor: 'bd', roles: ['[belastingdienst]'] },
  mallory: { actor: 'mallory', roles: ['ouder'] },
  auditor: { name: 'audit', scope: 'reader', models: '*' },
  stranger: { name: 'other', scope: 'reader', models: ['sha256:none'] },
} as const;

export type Who = keyof typeof TOKENS;

/** The tokens document for {@link TOKENS} (each token's text is its key, e.g. `alice`). */
export const tokensDocument = (): string =>
  JSON.stringify({ tokens: Object.entries(TOKENS).map(([token, e]) => ({ sha256: hashToken(token), ...e })) });

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly logs: LogEntry[];
  /** How many times the app read its clock (once when a request starts, once when it ends). */
  clockReads(): number;
  call(
    who: Who | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(
  db: string,
  options: { bodyLimit?: number; web?: WebAssets } = {},
): Promise<TestServer> {
  const loc = parseStoreLocation(db);
  if ('error' in loc) throw new Error(loc.error);
  const store = await openStore(loc);
  const tokens = parseTokens(tokensDocument());
  if ('error' in tokens) throw new Error(tokens.error);
  const logs: LogEntry[] = [];
  let t = 0;
  const app = createApp({
    decisions: new Decisions(store),
    tokens,
    log: (e) => logs.push(e),
    now: () => '2026-01-01T00:00:00.000Z',
    clock: () => t++,
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.web !== undefined ? { web: options.web } : {}),
  });
  const server: RunningServer = await startServer(app, { port: 0, afterClose: () => store.close() });
  return {
    url: server.url,
    store,
    logs,
    clockReads: () => t,
    async call(who, method, path, body, headers = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(who !== null ? { authorization: `Bearer ${who}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // markdown and other text bodies
      }
      return { status: res.status, json, text, headers: res.headers };
    },
    close: () => server.close(1000),
  };
}
