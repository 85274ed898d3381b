/**
 * The explorer's browser tests and screenshots: build the explorer (vite, into a temporary folder),
 * start the real decision service on a loopback port over a temporary SQLite file with the
 * kinderopvangtoeslag norm and its demo case seeded (as `flint serve --demo` does), and drive the
 * Debian Chromium with playwright-core.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { parseTokens } from '../../src/server/auth.js';
import { hashToken } from '../../src/server/auth.js';
import { seedCase } from '../../src/server/seed.js';
import type { Seeded } from '../../src/server/seed.js';
import { startServer } from '../../src/server/server.js';
import { loadWebAssets } from '../../src/server/web.js';
import { Decisions } from '../../src/store/cases.js';
import { openStore } from '../../src/store/open.js';
import { loadModelFile } from '../../src/cli/load.js';
import { processIo } from '../../src/cli/io.js';
import { parseStoreLocation } from '../../src/store/sql.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** The flags the explorer's tests run Chromium with (no sandbox as root in CI, nothing from the network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebGL (sigma) on the CPU: SwiftShader, since the GPU is off.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Build the explorer into a fresh temporary folder (removed by the returned function). */
export async function buildExplorer(): Promise<{ dir: string; remove: () => void }> {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'flint-web-'));
  await build({
    configFile: join(ROOT, 'web', 'vite.config.ts'),
    build: { outDir: dir, emptyOutDir: true },
    logLevel: 'error',
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ExplorerServer {
  readonly url: string;
  readonly seeded: Seeded;
  readonly modelId: string;
  close(): Promise<void>;
}

/** The service with the explorer built in `webDir`, the demo case seeded, and the reader token `demo`. */
export async function startExplorerServer(webDir: string): Promise<ExplorerServer> {
  const dbDir = mkdtempSync(join(tmpdir(), 'flint-web-db-'));
  const loc = parseStoreLocation(`sqlite:${join(dbDir, 'cases.db')}`);
  if ('error' in loc) throw new Error(loc.error);
  const store = await openStore(loc);
  const decisions = new Decisions(store);
  const modelFile = join(ROOT, 'norms', 'kinderopvangtoeslag', 'kinderopvangtoeslag.flint');
  const loaded = loadModelFile(modelFile, processIo());
  const base = join(ROOT, 'norms');
  const files = Object.fromEntries(
    Object.entries(loaded.texts).map(([n, t]) => [
      n
        .slice(base.length + 1)
        .split('\\')
        .join('/'),
      t,
    ]),
  );
  const reg = await decisions.registerModel({
    format: 'flint',
    main: 'kinderopvangtoeslag/kinderopvangtoeslag.flint',
    files,
  });
  if (!reg.ok) throw new Error(`model not registered: ${reg.detail}`);
  const modelId = String((JSON.parse(reg.body) as { id: string }).id);
  const caseFile = JSON.parse(readFileSync(join(ROOT, 'examples', 'cases', 'kinderopvangtoeslag.case.json'), 'utf8'));
  const seeded = await seedCase(decisions, modelId, caseFile, 'demo');
  if ('error' in seeded) throw new Error(seeded.error);
  const tokens = parseTokens(
    JSON.stringify({ tokens: [{ sha256: hashToken('demo'), name: 'demo', scope: 'reader', models: '*' }] }),
  );
  if ('error' in tokens) throw new Error(tokens.error);
  const web = loadWebAssets(webDir, {
    demoToken: 'demo',
    cases: [{ id: seeded.caseId, model: modelId, description: String(caseFile.description ?? '') }],
  });
  if (web === null) throw new Error(`no explorer build in ${webDir}`);
  const app = createApp({ decisions, tokens, web });
  const server = await startServer(app, { port: 0, afterClose: () => store.close() });
  return {
    url: server.url,
    seeded,
    modelId,
    async close() {
      await server.close(1000);
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}
