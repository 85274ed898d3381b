import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionInForce } from '../../src/model/versions.js';
import { sourceDeclsOf } from '../../src/model/walk.js';
import { ROOT, loadNorm } from '../norms/load.js';
import { scenarios } from './lerarenbeurs.scenarios.js';
import { runScenario } from './scenario.js';

const norm = loadNorm('norms/lerarenbeurs/lerarenbeurs.flint');

describe('norms/lerarenbeurs/lerarenbeurs.flint', () => {
  it('checks without errors or warnings', () => {
    expect(norm.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    expect(runScenario(norm.compiled, s).failures).toEqual([]);
  });

  it('exercises every act and duty across the scenarios', () => {
    const runs = scenarios.map((s) => runScenario(norm.compiled, s));
    const acts = new Set(runs.flatMap((r) => [...r.actsTaken]));
    const duties = new Set(runs.flatMap((r) => [...r.dutiesCreated]));
    expect([...norm.compiled.acts.keys()].filter((a) => !acts.has(a))).toEqual([]);
    expect([...norm.compiled.duties.keys()].filter((d) => !duties.has(d))).toEqual([]);
  });

  it('every duty of the regulation with a term in the model has a deadline', () => {
    // The two proof duties take the date the minister's request names (art. 19 Slb is not at hand).
    const withDeadline = [...norm.compiled.duties.values()]
      .filter((d) => d.decl.deadline !== null)
      .map((d) => d.decl.name)
      .sort();
    expect(withDeadline).toEqual(
      [
        'minister beslist op aanvraag studiekosten',
        'minister beslist op aanvraag studieverlof',
        'minister betaalt subsidie voor studiekosten uit',
        'minister betaalt subsidie voor studieverlof uit',
        'leraar overlegt bewijs van betaling van collegegeld',
        'leraar overlegt bewijs van ten minste vijftien studiepunten',
      ].sort(),
    );
  });

  it('quotes every source text line verbatim from norms/texts/lerarenbeurs.md', () => {
    // The collection wraps long quotes across lines: compare with whitespace collapsed.
    const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
    const collected = squash(readFileSync(join(ROOT, 'norms/texts/lerarenbeurs.md'), 'utf8'));
    const sources = sourceDeclsOf(norm.checked.model);
    // A versioned source keeps its wording per version (grammar/README.md#versions).
    const texts = (src: (typeof sources)[number]): string[] =>
      [src.text, ...(src.versions ?? []).map((v) => v.text)].filter((t): t is string => t !== null);
    const notFound = sources.flatMap((src) =>
      texts(src)
        .join('\n')
        .split('\n')
        .filter((l) => l.trim() !== '' && !collected.includes(squash(l)))
        .map((l) => `${src.id}: ${l}`),
    );
    expect(notFound).toEqual([]);
    expect(sources.filter((src) => texts(src).length > 0).map((src) => src.id)).toEqual([
      'slb-3:1',
      'slb-3:2',
      'slb-3:3',
      'slb-7:1',
      'slb-7:2',
      'slb-8:1',
      'slb-8:2',
      'slb-12',
      'slb-13:1',
      'slb-26',
      'awb-4:13:1',
      'awb-4:35',
    ]);
  });

  it('gives art. 3 Slb its official wording only in the version in force from 01-04-2019 to 31-12-2019', () => {
    const src = sourceDeclsOf(norm.checked.model).find((x) => x.id === 'slb-3:1');
    if (src === undefined) throw new Error('slb-3:1 missing');
    const at = (d: string) => {
      const v = versionInForce(src, d);
      return v === null ? null : [v.label, v.text === null ? 'no text' : 'text'];
    };
    expect([at('2019-03-31'), at('2019-04-01'), at('2019-12-31'), at('2020-01-01')]).toEqual([
      ['2017', 'no text'],
      ['2019-04-01', 'text'],
      ['2019-04-01', 'text'],
      ['2020-01-01', 'no text'],
    ]);
  });

  it('keeps no mis-encoded characters from the JSON model', () => {
    const texts = [...norm.compiled.acts.values(), ...norm.compiled.facts.values(), ...norm.compiled.duties.values()]
      .map((f) => f.decl?.explanation ?? '')
      .join('\n');
    expect(texts).not.toMatch(/â€|Ã|â‚¬/);
    expect(texts).toContain('€ 350');
  });
});
