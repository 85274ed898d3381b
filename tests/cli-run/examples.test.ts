import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { loadModelFile } from '../../src/cli/load.js';
import { checkCaseFile, parseCaseFile, toGivenFact } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { advance, compile, createCase, evaluateFact, give, take, violations } from '../../src/run/index.js';
import type { CaseState, CompiledModel } from '../../src/run/index.js';
import { projectRoot } from '../helpers/shared.js';
import { projectFile, projectIo } from './helpers.js';

const caseFiles = readdirSync(join(projectRoot, 'examples/cases'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => `examples/cases/${f}`);

function loadCase(file: string): { c: CaseFile; cm: CompiledModel } {
  const p = parseCaseFile(projectFile(file), file);
  expect(p.diagnostics).toEqual([]);
  const c = p.value.case as CaseFile;
  expect(c.model, `${file} names its model`).toBeDefined();
  const loaded = loadModelFile(join(dirname(file), c.model as string), projectIo());
  expect(loaded.model).toBeDefined();
  expect(
    loaded.diagnostics.filter((d) => d.severity === 'error'),
    `${file}: its model checks without errors`,
  ).toEqual([]);
  const compiled = compile(loaded.model!);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(checkCaseFile(compiled.value, c, p.value.locate)).toEqual([]);
  return { c, cm: compiled.value };
}

/** Run a case with the interpreter directly (what flint run does, minus the model check). */
function decide(c: CaseFile, cm: CompiledModel): { state: CaseState; outcomes: string[] } {
  let state = createCase(cm, { asOf: c.asOf, ...(c.actors ? { actors: c.actors } : {}) });
  for (const f of c.facts ?? []) state = give(cm, state, [toGivenFact(f)], f.at ? { at: f.at } : {}).value;
  const outcomes: string[] = [];
  for (const a of c.acts ?? []) {
    const r = take(cm, state, {
      act: a.act,
      actor: a.actor,
      ...(a.params ? { params: a.params } : {}),
      ...(a.facts ? { facts: a.facts.map(toGivenFact) } : {}),
      ...(a.at ? { at: a.at } : {}),
    });
    outcomes.push(r.ok ? 'taken' : 'refused');
    state = r.state;
  }
  if (c.advance) state = advance(cm, state, c.advance).state;
  return { state, outcomes };
}

describe('examples/cases', () => {
  it('has cases', () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of caseFiles) {
    it(`${file} fits its model and every act has the expected outcome`, () => {
      const { c, cm } = loadCase(file);
      const { outcomes } = decide(c, cm);
      expect(outcomes).toEqual((c.acts ?? []).map((a) => a.expect ?? 'taken'));
    });
  }

  it('toeslag-granted: Alice gets min(500, 10.25 × 20) × 0.96 = 196.80 and the decision duty is fulfilled', () => {
    const { c, cm } = loadCase('examples/cases/toeslag-granted.json');
    const { state } = decide(c, cm);
    expect(evaluateFact(cm, state, 'hoogte', ['alice']).value).toEqual({ type: 'decimal', value: '196.8' });
    expect(state.duties.map((d) => d.status)).toEqual(['ended']);
    expect(violations(state)).toEqual([]);
  });

  it('toeslag-uitgesloten: Bob is refused and has no allowance', () => {
    const { c, cm } = loadCase('examples/cases/toeslag-uitgesloten.json');
    const { state } = decide(c, cm);
    expect(evaluateFact(cm, state, 'hoogte', ['bob']).value).toEqual({ type: 'integer', value: '-1' });
  });

  it('toeslag-termijn: the decision deadline (8 weeks) passes: one deadline violation', () => {
    const { c, cm } = loadCase('examples/cases/toeslag-termijn.json');
    const { state } = decide(c, cm);
    // min(180, 10.25 × 22.5) × 0.96 = 172.80
    expect(evaluateFact(cm, state, 'hoogte', ['carla']).value).toEqual({ type: 'decimal', value: '172.8' });
    expect(violations(state).map((v) => [v.kind, v.frame, v.at])).toEqual([
      ['duty-deadline', 'beslissen op aanvraag', '2024-04-01'],
    ]);
  });

  it('flint run decides every example case as written (exit 0: every act has its expected outcome)', async () => {
    for (const file of caseFiles) {
      const io = projectIo();
      const code = await runCommand.run(['--case', file], io);
      expect(code, `${file}\n${io.err}`).toBe(0);
    }
  });

  it('golden output of the documented example (docs/cases.md)', async () => {
    const io = projectIo();
    expect(await runCommand.run(['--case', 'examples/cases/toeslag-termijn.json', '--lang', 'en'], io)).toBe(0);
    await expect(io.out).toMatchFileSnapshot('golden/example-toeslag-termijn.en.txt');
    const why = projectIo();
    expect(
      await explainCommand.run(
        [
          '--case',
          'examples/cases/toeslag-uitgesloten.json',
          '--why-not',
          '<<aanvragen toeslag>>',
          '--actor',
          'bob',
          '--lang',
          'en',
        ],
        why,
      ),
    ).toBe(0);
    await expect(why.out).toMatchFileSnapshot('golden/example-toeslag-why-not.en.txt');
  });
});
