#!/usr/bin/env node
// The `flint` command: runs the built JavaScript, the CLI bundled into dist/src/cli/bin/ (built by `npm install`/
// `npm ci` through `prepare`, or by `npm run build`). Plain node, no TypeScript loader, and a few bundled files
// instead of hundreds of modules: start-up is part of every command's cost (docs/performance.md).
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/bin/main.mjs', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'flint: the built CLI (dist/src/cli/bin/main.mjs) is missing.\n' +
      "Run 'npm run build' in the calculemus package (npm install runs it), or run the sources with\n" +
      "'npx tsx src/cli/main.ts <command>'.\n",
  );
  process.exitCode = 2;
} else {
  await import(main.href);
}
