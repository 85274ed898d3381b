/**
 * The change log of fact stores (src/run/changes.ts): which buckets each copy-on-write step changed,
 * found by walking back from the newest store, for the most recent steps of the process.
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

  it('forgets steps once 8,192 newer ones were recorded (the caller then compares the buckets)', () => {
    const stores = chain(3);
    expect(changedKeys(stores[0] as object, stores[3] as object)?.sort()).toEqual(['k1', 'k2', 'k3']);
    chain(8192); // other cases' steps
    expect(changedKeys(stores[0] as object, stores[3] as object)).toBeNull();
    expect(changedKeys(stores[3] as object, stores[3] as object)).toEqual([]);
    const later = {};
    recordChange(later, stores[3] as object, ['k4']);
    expect(changedKeys(stores[3] as object, later)).toEqual(['k4']);
  });

  it('knows nothing of stores it never saw', () => {
    const stores = chain(2);
    expect(changedKeys({}, stores[2] as object)).toBeNull();
    expect(changedKeys(stores[0] as object, {})).toBeNull();
    expect(changedKeys(stores[2] as object, stores[0] as object)).toBeNull();
  });

  it('a branch from an older store starts its own chain and answers for its own steps', () => {
    const stores = chain(200);
    const branch = {};
    recordChange(branch, stores[150] as object, ['b']);
    expect(changedKeys(stores[150] as object, branch)).toEqual(['b']);
    expect(changedKeys(stores[149] as object, branch)?.sort()).toEqual(['b', 'k150']);
  });
});
