import type { Model } from '../model/ast.js';
import type { BatchFlags } from './commands/batch.js';
import type { CliIo } from './io.js';

export async function runQueuedBatch(_flags: BatchFlags, _model: Model, _size: number, io: CliIo): Promise<number> {
  io.stderr('flint batch: --queue is not there yet.\n');
  return 1;
}
