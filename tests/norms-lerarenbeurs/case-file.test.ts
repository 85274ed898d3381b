/**
 * examples/cases/lerarenbeurs.case.json (for `flint run`) is valid for the lerarenbeurs model and
 * runs as written: the early application is refused, everything else is taken, no duty is left open.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCaseFile, parseCaseFile, toGivenFact } from '../../src/case/index.js';
import { advance, createCase, evaluateFact, take } from '../../src/run/index.js';
import { ROOT, loadNorm } from '../norms/load.js';

const FILE = 'examples/cases/lerarenbeurs.case.json';

describe(FILE, () => {
  const parsed = parseCaseFile(readFileSync(join(ROOT, FILE), 'utf8'), FILE);
  const c = parsed.value.case;

  it('parses and names the lerarenbeurs model', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(c?.model).toBe('../../norms/lerarenbeurs/lerarenbeurs.flint');
  });

  it('is valid for the model and runs as written', () => {
    if (!c?.model) throw new Error('no case');
    const norm = loadNorm(join(dirname(FILE), c.model));
    expect(checkCaseFile(norm.compiled, c)).toEqual([]);
    let state = createCase(norm.compiled, {
      asOf: c.asOf,
      actors: c.actors ?? {},
      facts: (c.facts ?? []).map(toGivenFact),
    });
    const refused: string[] = [];
    for (const a of c.acts ?? []) {
      const r = take(
        norm.compiled,
        state,
        { act: a.act, actor: a.actor, params: a.params ?? {}, ...(a.at ? { at: a.at } : {}) },
        { trace: false },
      );
      if (!r.ok) refused.push(`${a.act} at ${a.at ?? state.asOf}`);
      expect(r.ok ? 'taken' : 'refused').toBe(a.expect ?? 'taken');
      state = r.state;
    }
    if (c.advance) state = advance(norm.compiled, state, c.advance).state;
    expect(refused).toEqual(['leraar vraagt subsidie voor studiekosten aan at 2019-03-20']);
    expect(state.duties.filter((d) => d.status === 'active')).toEqual([]);
    expect(state.violations).toEqual([]);
    expect(
      evaluateFact(norm.compiled, state, 'studieverlof verleend', ['anna', 'stichting-primair', '2019']).value,
    ).toEqual({ type: 'boolean', value: true });
  });
});
