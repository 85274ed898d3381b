import type { CheckedModel } from '../check/index.js';

/** A frame named on the command line. */
export type FrameKey = { kind: 'act' | 'fact' | 'duty'; name: string; key: string };

/**
 * Resolve a frame name as typed by a user: `<<act>>`, `<duty>`, `[fact]`, or a bare name that is
 * looked up among acts, then facts, then duties. Returns an error sentence when nothing matches.
 */
export function resolveFrameName(checked: CheckedModel, input: string): FrameKey | { error: string } {
  const text = input.trim();
  const has = (rec: Readonly<Record<string, unknown>>, n: string): boolean => Object.hasOwn(rec, n);
  let m: RegExpMatchArray | null;
  const candidates: FrameKey[] = [];
  if ((m = text.match(/^<<(.+)>>$/s))) candidates.push({ kind: 'act', name: m[1] as string, key: `act:${m[1]}` });
  else if ((m = text.match(/^<(.+)>$/s))) candidates.push({ kind: 'duty', name: m[1] as string, key: `duty:${m[1]}` });
  else if ((m = text.match(/^\[(.+)\]$/s)))
    candidates.push({ kind: 'fact', name: m[1] as string, key: `fact:${m[1]}` });
  else
    candidates.push(
      { kind: 'act', name: text, key: `act:${text}` },
      { kind: 'fact', name: text, key: `fact:${text}` },
      { kind: 'duty', name: text, key: `duty:${text}` },
    );
  for (const c of candidates) {
    const table = c.kind === 'act' ? checked.acts : c.kind === 'fact' ? checked.facts : checked.duties;
    if (has(table, c.name)) return c;
  }
  return {
    error:
      `No act, fact or duty named «${input}» in this model. ` +
      'Write acts as <<name>>, duties as <name>, facts as [name].',
  };
}
