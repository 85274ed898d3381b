/**
 * Frames of trace nodes. A node names its frame by index into the frame table of the trace it
 * belongs to (a TraceEntry, or an act check or fact evaluation built with `trace: true`).
 */
import type { FrameTable, TraceFrame, TraceNode } from '../model/trace.js';
import { atBoundary } from '../model/guard.js';

/** The frame `node` belongs to, looked up in `table` (the entry or result holding the node). */
export function frameOf(table: FrameTable, node: TraceNode): TraceFrame | undefined {
  return atBoundary(
    'frameOf',
    () => undefined,
    () => {
      return node.frame === undefined ? undefined : table.frames?.[node.frame];
    },
  );
}
