/**
 * The explorer's static files (the `npm run build:web` output, web/ → dist/web), read once at start
 * and served from memory by the app at `/`: only the files of the build can be served (no path from
 * a request ever reaches the file system), `/` is `index.html`, and `/explorer.json` is the
 * explorer's configuration (e.g. the demo's reader token and case, `flint serve --demo`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file to serve. */
export interface WebAsset {
  readonly body: Uint8Array;
  readonly type: string;
  /** A content-hashed file under assets/ (cached for a year); index.html and the config are not. */
  readonly immutable: boolean;
}

/** What the app serves outside /v1. */
export interface WebAssets {
  /** The file for a request path (`/`, `/assets/index-ab12.js`, `/explorer.json`), or null. */
  get(path: string): WebAsset | null;
  /** How many files. */
  readonly size: number;
}

/** What the explorer reads from `/explorer.json`. */
export interface ExplorerConfig {
  /** A reader token the explorer may use without asking (the demo's; never a real one). */
  readonly demoToken?: string;
  /** Cases to offer on the start page: id and a description. */
  readonly cases?: readonly { readonly id: string; readonly model: string; readonly description: string }[];
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The package's root folder (the one with package.json and norms/), from this file in src/ or dist/. */
export function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; ) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'norms'))) return dir;
    const up = dirname(dir);
    if (up === dir) return join(start, '..', '..');
    dir = up;
  }
}

/** The default build folder of the explorer: dist/web of the package. */
export const defaultWebDir = (): string => join(packageRoot(), 'dist', 'web');

/** Read the build in `dir` (null when it has no index.html) and add the configuration. */
export function loadWebAssets(dir: string, config: ExplorerConfig = {}): WebAssets | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, WebAsset>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const rel = `/${relative(dir, full).split(sep).join('/')}`;
        files.set(rel, {
          body: readFileSync(full),
          type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
          immutable: rel.startsWith('/assets/'),
        });
      }
    }
  };
  walk(dir);
  files.set('/explorer.json', {
    body: new TextEncoder().encode(`${JSON.stringify(config)}\n`),
    type: TYPES['.json'] as string,
    immutable: false,
  });
  return {
    size: files.size,
    get(path) {
      return files.get(path === '/' ? '/index.html' : path) ?? null;
    },
  };
}
