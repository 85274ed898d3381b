/**
 * A log of which fact buckets each copy-on-write step changed, so incremental re-evaluation finds
 * the changed facts without comparing every bucket. Keyed weakly by the new `facts` object: it is
 * invisible to users, adds nothing to the state, and is collected with the state.
 */

interface Step {
  readonly parent: object;
  readonly keys: readonly string[];
  /** How many steps the chain behind this one holds, this one included. */
  readonly depth: number;
}

const steps = new WeakMap<object, Step>();
const MAX_HOPS = 64;
/**
 * A chain is cut when it reaches this length: the step {@link MAX_HOPS} behind the newest is
 * dropped, since no lookup from the newest or what follows it walks that far. Without the cut each
 * facts object kept every one before it alive (a case's whole history of them), and the collector
 * had to follow the chain of weak entries one link per round.
 */
const CUT_AT = 2 * MAX_HOPS;

/** Note that `next` is `parent` with the buckets `keys` replaced or added. */
export function recordChange(next: object, parent: object, keys: readonly string[]): void {
  const depth = (steps.get(parent)?.depth ?? 0) + 1;
  if (depth < CUT_AT) {
    steps.set(next, { parent, keys, depth });
    return;
  }
  let cur = parent;
  for (let hops = 1; hops < MAX_HOPS; hops++) {
    const s = steps.get(cur);
    if (s === undefined) break;
    cur = s.parent;
  }
  steps.delete(cur);
  steps.set(next, { parent, keys, depth: MAX_HOPS });
}

/** The bucket names changed between two facts objects (`from` an ancestor of `to`); `null` when the log cannot tell. */
export function changedKeys(from: object, to: object): string[] | null {
  const out: string[] = [];
  let cur = to;
  for (let hops = 0; cur !== from; hops++) {
    const s = steps.get(cur);
    if (s === undefined || hops >= MAX_HOPS) return null;
    out.push(...s.keys);
    cur = s.parent;
  }
  return out;
}
