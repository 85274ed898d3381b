/**
 * What a `flint batch` worker thread loads: compiling the model and the decider, and nothing else.
 * The command imports this module lazily and gives the worker its URL: in the bundled CLI
 * (scripts/bundle-cli.mjs) that is one small chunk file and the shared chunks of the interpreter,
 * which load several times faster than the hundreds of modules of dist/src/run (start-up is paid
 * once per worker, so it counts in every batch's CPU per case: docs/performance.md).
 */
export { compile } from '../run/index.js';
export { createBatchDecider } from './fast.js';

/** The URL of this module as it runs (the bundled chunk, the built module or the TypeScript source). */
export const workerApiUrl: string = import.meta.url;
