// Bundles the CLI (src/cli/main.ts and everything it imports, chevrotain included) into a few ESM files in
// dist/src/cli/bin/, which bin/flint.js runs: `npm run build` runs it after tsc. One module graph of a few files
// loads much faster than the hundreds of small modules of dist/ and node_modules (chevrotain's ESM build alone
// pulls in lodash-es, file by file). Code splitting keeps each command's code in its own chunk, loaded only when
// that command runs (`flint --help` loads none of them).
//
// The output sits two folders below dist/src, like dist/src/cli/commands/, so that a URL a module builds from
// import.meta.url (the batch command's workers load dist/src/run/index.js and dist/src/batch/index.js) resolves
// to the same file as from the unbundled build.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'src', 'cli', 'bin');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The ESM build of dependencies that ship one (jsonc-parser's `main` is a UMD build esbuild cannot follow).
  mainFields: ['module', 'main'],
  // Database bindings stay packages: better-sqlite3 loads a compiled .node file relative to its own folder, and pg
  // optionally requires pg-native. Only `flint serve` and `flint store` import them, lazily (src/store/open.ts).
  // The queue's client libraries (loaded only by flint batch --queue and flint worker) stay in node_modules too:
  // bundling them would make those chunks large, and they need nothing at start-up.
  external: ['better-sqlite3', 'pg', 'pg-native', 'bullmq', 'ioredis'],
  legalComments: 'none',
  logLevel: 'warning',
});
