/**
 * A log of which fact buckets each copy-on-write step changed, so incremental re-evaluation finds
 * the changed facts without comparing every bucket. Keyed weakly by the new `facts` object: it is
 * invisible to users, adds nothing to the state, and is collected with the state.
 */

interface Step {
  readonly parent: object;
  readonly keys: readonly string[];
}

const steps = new WeakMap<object, Step>();
const MAX_HOPS = 64;

/** Note that `next` is `parent` with the buckets `keys` replaced or added. */
export function recordChange(next: object, parent: object, keys: readonly string[]): void {
  steps.set(next, { parent, keys });
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
