/**
 * The hash chain of a case: every event carries the SHA-256 of its content and of the event before
 * it (the first event links to {@link GENESIS}). Changing, removing or reordering a stored event,
 * or a decision's trace (whose hash is in its event), breaks the chain at that event.
 */
import { createHash } from 'node:crypto';

/** The `prev` of a case's first event. */
export const GENESIS = `sha256:${'0'.repeat(64)}`;

/** SHA-256 of UTF-8 text, as `sha256:` and 64 hex digits. */
export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * The hash of one event: over the previous hash, the case id, the event's position and kind, and
 * its body (canonical JSON text, stored byte for byte).
 */
export function eventHash(prev: string, caseId: string, seq: number, kind: string, body: string): string {
  return sha256(`${prev}\n${caseId}\n${seq}\n${kind}\n${body}`);
}
