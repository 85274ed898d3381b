/**
 * Run the app on a port (node:http through @hono/node-server, with the fast route of src/server/fast.ts
 * in front for the hot requests) and stop it gracefully: stop
 * accepting connections, let the requests in flight finish (each one's transaction commits or
 * rolls back), close idle keep-alive connections, then close the store.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { fastRoutesOf } from './app.js';
import { fastListener } from './fast.js';

export interface RunningServer {
  /** `http://HOST:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Stop gracefully (at most `graceMs`, default 10 s, for requests in flight), then run `afterClose`. */
  close(graceMs?: number): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the app's route schema types do not matter here
type AnyApp = OpenAPIHono<any, any, any>;

export function startServer(
  app: AnyApp,
  options: { readonly port: number; readonly host?: string; readonly afterClose?: () => Promise<void> },
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const host = options.host ?? '127.0.0.1';
    // hono's node adapter, with the fast route for the hot path in front of it (src/server/fast.ts).
    const adapter = getRequestListener(app.fetch, { hostname: host });
    const fast = fastRoutesOf(app);
    const server = createServer(fast ? fastListener(fast, adapter) : adapter);
    server.listen(options.port, host, () => {
      const info = server.address() as AddressInfo;
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close(graceMs = 10_000) {
          closing ??= new Promise<void>((done) => {
            const s = server;
            const timer = setTimeout(() => s.closeAllConnections?.(), graceMs);
            s.close(() => {
              clearTimeout(timer);
              done();
            });
            s.closeIdleConnections?.();
          }).then(() => options.afterClose?.());
          return closing;
        },
      });
    });
    server.once('error', reject);
  });
}
