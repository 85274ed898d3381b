/**
 * Batch decisions: one case per JSON line in, one outcome (or error) line out, in input order.
 * Pure: the streaming, worker threads and files live in src/cli/commands/batch.ts.
 */
export { checkBatchCase, decideCase, decideLine, decideLines } from './batch.js';
export type { BatchChunk, BatchError, BatchOptions, BatchOutcome } from './batch.js';
