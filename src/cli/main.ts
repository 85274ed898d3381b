#!/usr/bin/env node
// The process entry point: the only place that ends the process.
import { runCli } from './cli.js';
import { processIo } from './io.js';

// A reader that stops early (`flint graph x | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2), processIo());
