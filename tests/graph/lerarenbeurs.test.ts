import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { check } from '../../src/check/index.js';
import { creatorsOf, frameSources, impactOf, planActs, toGraph } from '../../src/graph/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

interface RawFrame {
  readonly act?: string;
  readonly fact?: string;
  readonly duty?: string;
  readonly create?: unknown;
  readonly terminate?: unknown;
  readonly sources?: readonly { readonly citation?: string }[];
}
interface RawModel {
  readonly acts: readonly RawFrame[];
  readonly facts: readonly RawFrame[];
  readonly duties: readonly RawFrame[];
}

const unbracket = (s: string): string => s.replace(/^(<<|<|\[)/, '').replace(/(>>|>|\])$/, '');

describe.skipIf(!hasShared)('The model graph of the discipl lerarenbeurs model', () => {
  const file = 'flint-example-lerarenbeurs.json';
  const text = hasShared
    ? readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8')
    : '{"acts":[],"facts":[],"duties":[]}';
  const raw = JSON.parse(text) as RawModel;
  const checked = check(importFlintJson(text, file).value, { origin: 'flint-json' }).value;
  const g = toGraph(checked);
  const actNames = [...new Set(raw.acts.map((a) => unbracket(a.act ?? '')))];
  const createdBy = (bracketed: string): string[] =>
    actNames.filter((n) => {
      const a = raw.acts.find((x) => unbracket(x.act ?? '') === n);
      return Array.isArray(a?.create) && (a.create as unknown[]).includes(bracketed);
    });

  test('has a node for every act, fact, duty and source of the JSON', () => {
    const count = (kind: string): number => g.filterNodes((_k, a) => a.kind === kind).length;
    expect(count('act')).toBe(actNames.length);
    expect(count('fact')).toBe(
      new Set(raw.facts.map((f) => unbracket(f.fact ?? ''))).size + checked.implicitFacts.length,
    );
    expect(count('duty')).toBe(new Set(raw.duties.map((d) => unbracket(d.duty ?? ''))).size);
    expect(count('source')).toBe(Object.keys(checked.sources).length);
    expect(g.order).toBe(count('act') + count('fact') + count('duty') + count('source'));
  });

  test('creatorsOf every fact and duty matches the create lists of the JSON acts and duties', () => {
    for (const f of raw.facts) {
      const name = unbracket(f.fact ?? '');
      expect(creatorsOf(g, `fact:${name}`), name).toEqual(createdBy(`[${name}]`).sort());
    }
    for (const d of raw.duties) {
      const name = unbracket(d.duty ?? '');
      const viaDuty =
        typeof d.create === 'string'
          ? [...d.create.matchAll(/<<([^>]*)>>/g)].map((m) => m[1] ?? '').filter((n) => actNames.includes(n))
          : [];
      expect(creatorsOf(g, `duty:${name}`), name).toEqual([...new Set([...createdBy(`<${name}>`), ...viaDuty])].sort());
    }
  });

  test('the direct sources of each act carry the citations the JSON gives it', () => {
    for (const a of raw.acts) {
      const name = unbracket(a.act ?? '');
      const citations = frameSources(g, `act:${name}`).map((id) => checked.sources[id]?.citation);
      expect(new Set(citations), name).toEqual(new Set((a.sources ?? []).map((s) => s.citation)));
    }
  });

  test('impactOf a source is exactly the set of frames whose transitive sources include it', () => {
    const frames = g.filterNodes((_k, a) => a.kind !== 'source');
    for (const id of Object.keys(checked.sources)) {
      const dependants = frames.filter((k) => frameSources(g, k, { transitive: true }).includes(id)).sort();
      expect(impactOf(g, id), id).toEqual(dependants);
    }
  });

  test('plan reaches [aanvraag] by submitting a request', () => {
    // [aanvraag] is created by <<indienen verzoek een besluit te nemen>>, the first act, whose only
    // precondition is NOT [bij wettelijk voorschrift is anders bepaald] (an input fact) and whose object
    // [verzoek een besluit te nemen] is an input fact.
    expect(createdBy('[aanvraag]')[0]).toBe('indienen verzoek een besluit te nemen');
    const p = planActs(checked, 'aanvraag');
    expect(p.found).toBe(true);
    expect(p.acts).toEqual(['indienen verzoek een besluit te nemen']);
    expect(p.inputs).toEqual(
      expect.arrayContaining(['bij wettelijk voorschrift is anders bepaald', 'verzoek een besluit te nemen']),
    );
  });

  test('plan reaches [besluit treedt in werking] only after a decision and a fresh request', () => {
    // Only <<bekendmaken van een besluit>> creates it; it requires [aanvraag] and has object [besluit].
    // Every act creating [besluit] terminates [aanvraag], so the request must be submitted again.
    expect(createdBy('[besluit treedt in werking]')).toEqual(['bekendmaken van een besluit']);
    const p = planActs(checked, 'besluit treedt in werking');
    expect(p.found).toBe(true);
    expect(p.acts).toHaveLength(4);
    expect(p.acts[0]).toBe('indienen verzoek een besluit te nemen');
    expect(createdBy('[besluit]')).toContain(p.acts[1]);
    const second = raw.acts.find((a) => unbracket(a.act ?? '') === p.acts[1]);
    expect(second?.terminate).toContain('[aanvraag]');
    expect(p.acts.slice(2)).toEqual(['indienen verzoek een besluit te nemen', 'bekendmaken van een besluit']);
  });
});
