/**
 * Runs `flint batch` directly (before the command is registered in src/cli/commands/index.ts):
 * `tsx bench/batch-cli.ts MODEL --cases FILE.jsonl [--trace] ...`.
 */
import { batchCommand } from '../src/cli/commands/batch.js';
import { processIo } from '../src/cli/io.js';

process.exitCode = await batchCommand.run(process.argv.slice(2), processIo());
