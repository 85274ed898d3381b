/**
 * The example case files of the norms (examples/cases/awb.case.json, kinderopvangtoeslag.case.json,
 * zorgtoeslag.case.json)
 * are valid for their models and run as written: every act has the outcome the file expects.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advance, createCase, evaluateFact, take } from '../../src/run/index.js';
import { checkCaseFile, parseCaseFile, toGivenFact } from '../../src/case/index.js';
import { loadNorm, ROOT } from './load.js';

function runCase(file: string) {
  const path = join(ROOT, file);
  const parsed = parseCaseFile(readFileSync(path, 'utf8'), file);
  expect(parsed.diagnostics).toEqual([]);
  const c = parsed.value.case;
  if (!c?.model) throw new Error(`${file} names no model`);
  const norm = loadNorm(join(dirname(file), c.model));
  expect(checkCaseFile(norm.compiled, c)).toEqual([]);
  let state = createCase(norm.compiled, {
    asOf: c.asOf,
    actors: c.actors ?? {},
    facts: (c.facts ?? []).map(toGivenFact),
  });
  const outcomes: string[] = [];
  for (const a of c.acts ?? []) {
    const r = take(norm.compiled, state, {
      act: a.act,
      actor: a.actor,
      params: a.params ?? {},
      ...(a.at ? { at: a.at } : {}),
      ...(a.facts ? { facts: a.facts.map(toGivenFact) } : {}),
    });
    outcomes.push(`${a.act}: ${r.ok ? 'taken' : 'refused'}`);
    expect(r.ok ? 'taken' : 'refused').toBe(a.expect ?? 'taken');
    if (r.ok) state = r.state;
  }
  if (c.advance) state = advance(norm.compiled, state, c.advance).state;
  return { state, outcomes, cm: norm.compiled };
}

describe('norm case files', () => {
  const awbCaseJsonApplication =
    'awb.case.json: application, completion, grant, bekendmaking, objection on the last day, decision on objection';
  it(awbCaseJsonApplication, () => {
    const { state, outcomes } = runCase('examples/cases/awb.case.json');
    expect(outcomes.filter((o) => o.endsWith('refused'))).toEqual(['maken bezwaar: refused']);
    expect(state.duties.filter((d) => d.status === 'active')).toEqual([]);
    expect(state.violations).toEqual([]);
  });

  it('kinderopvangtoeslag.case.json: recovers € 5 570 and ends with no open duty', () => {
    const { state, cm } = runCase('examples/cases/kinderopvangtoeslag.case.json');
    expect(evaluateFact(cm, state, 'vast te stellen terugvordering', ['alice']).value).toEqual({
      type: 'decimal',
      value: '5570',
    });
    expect(state.duties.filter((d) => d.status === 'active')).toEqual([]);
    expect(state.violations).toEqual([]);
  });

  it('zorgtoeslag.case.json: advance € 1 573, zorgtoeslag € 670, € 903 recovered and paid within six weeks', () => {
    const { state, outcomes, cm } = runCase('examples/cases/zorgtoeslag.case.json');
    expect(outcomes.filter((o) => o.endsWith('refused'))).toEqual(['terugvorderen tegemoetkoming: refused']);
    expect(evaluateFact(cm, state, 'vast te stellen terugvordering', ['alice']).value).toEqual({
      type: 'decimal',
      value: '903',
    });
    expect(state.duties.filter((d) => d.status === 'active')).toEqual([]);
    expect(state.violations).toEqual([]);
  });
});
