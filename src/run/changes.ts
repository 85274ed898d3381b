/**
 * A log of which fact buckets each copy-on-write step changed, so incremental re-evaluation finds
 * the changed facts without comparing every bucket. Invisible to users: it adds nothing to the state.
 *
 * Each facts object the log knows gets a number (weakly, by the object); the steps themselves are
 * kept by number in a ring of the most recent {@link RING} steps of the process, each with the
 * number of its parent. No entry refers to another facts object: an earlier design mapped each
 * facts object to its parent object, which kept a case's whole history of facts objects alive and
 * made V8's collector follow the chain of weak entries link by link in its pause (up to 140 ms
 * at 64 concurrent requests: docs/performance.md#decision-service). A step that has left the ring
 * is simply not known: the caller then compares the buckets.
 */

const numbers = new WeakMap<object, number>();
let lastNumber = 0;

/** How many of the most recent steps are kept. */
const RING = 8192;
const stepNumber = new Float64Array(RING);
const stepParent = new Float64Array(RING);
const stepKeys: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(RING);

/** How far back a lookup walks. */
const MAX_HOPS = 64;

function numberOf(facts: object): number {
  let n = numbers.get(facts);
  if (n === undefined) numbers.set(facts, (n = ++lastNumber));
  return n;
}

/** Note that `next` is `parent` with the buckets `keys` replaced or added. */
export function recordChange(next: object, parent: object, keys: readonly string[]): void {
  const p = numberOf(parent);
  const n = ++lastNumber;
  numbers.set(next, n);
  const slot = n % RING;
  stepNumber[slot] = n;
  stepParent[slot] = p;
  stepKeys[slot] = keys;
}

/** The bucket names changed between two facts objects (`from` an ancestor of `to`); `null` when the log cannot tell. */
export function changedKeys(from: object, to: object): string[] | null {
  if (from === to) return [];
  const target = numbers.get(from);
  let cur = numbers.get(to);
  if (target === undefined || cur === undefined) return null;
  const out: string[] = [];
  for (let hops = 0; cur !== target; hops++) {
    const slot = cur % RING;
    const keys = stepKeys[slot];
    if (hops >= MAX_HOPS || stepNumber[slot] !== cur || keys === undefined) return null;
    out.push(...keys);
    cur = stepParent[slot] as number;
  }
  return out;
}
