/**
 * Batch decisions: one case per JSON line in, one outcome (or error) line out, in input order.
 * Pure: the streaming, worker threads, queue and files live in src/cli.
 */
export { checkBatchCase, decideCase, decideLine, decideLines } from './batch.js';
export type { BatchChunk, BatchError, BatchOptions, BatchOutcome } from './batch.js';
export { createBatchDecider, idEnd } from './fast.js';
export type {
  BatchBytes,
  BatchDecider,
  BatchDeciderOptions,
  BatchDeciderStats,
  BatchText,
  ByteDecoders,
} from './fast.js';
