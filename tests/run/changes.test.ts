/**
 * The change log of fact stores (src/run/changes.ts): which buckets each copy-on-write step changed,
 * found by walking back from the newest store, and a chain that does not keep a case's whole
 * history of stores alive.
 */
import { describe, expect, it } from 'vitest';
import { changedKeys, recordChange } from '../../src/run/changes.js';

/** A chain of `n` + 1 stores, each changing one bucket named after its position. */
function chain(n: number): object[] {
  const stores: object[] = [{}];
  for (let i = 1; i <= n; i++) {
    const next = {};
    recordChange(next, stores[i - 1] as object, [`k${i}`]);
    stores.push(next);
  }
  return stores;
}

describe('the change log', () => {
  it('names the buckets changed between a store and any of its last 64 ancestors, and gives up beyond', () => {
    const stores = chain(300);
    const last = stores[300] as object;
    for (let back = 1; back <= 64; back++) {
      const keys = changedKeys(stores[300 - back] as object, last);
      expect(keys?.slice().sort()).toEqual(Array.from({ length: back }, (_, j) => `k${300 - j}`).sort());
    }
    expect(changedKeys(stores[300 - 65] as object, last)).toBeNull();
    expect(changedKeys(last, last)).toEqual([]);
  });

  it('cuts the chain behind the newest store, so it does not keep every older store alive', () => {
    const stores = chain(300);
    // Walking back from the newest store link by link, a link is missing within 128 steps: nothing
    // before it is reachable from the newest (the test holds the older stores, so their own links stay).
    let i = 300;
    while (i > 0 && changedKeys(stores[i - 1] as object, stores[i] as object) !== null) i--;
    expect(i).toBeGreaterThan(300 - 128);
    // every link the newest store can still be asked about (64 back) is there
    expect(i).toBeLessThanOrEqual(300 - 64);
  });

  it('a branch from an older store starts its own chain and answers for its own steps', () => {
    const stores = chain(200);
    const branch = {};
    recordChange(branch, stores[150] as object, ['b']);
    expect(changedKeys(stores[150] as object, branch)).toEqual(['b']);
    expect(changedKeys(stores[149] as object, branch)?.sort()).toEqual(['b', 'k150']);
  });
});
