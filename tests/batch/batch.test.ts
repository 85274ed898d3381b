import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFlintJson } from '../../src/interchange/index.js';
import { checkBatchCase, decideCase, decideLine, decideLines } from '../../src/batch/index.js';
import type { BatchOutcome } from '../../src/batch/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { availableActs, compile, createCase, take } from '../../src/run/index.js';
import { parseTraceEntry } from '../../src/trace/index.js';
import { flowCase, LERARENBEURS_PATH } from '../../bench/lerarenbeurs.js';
import { hasShared, projectRoot, sharedPath } from '../helpers/shared.js';
import { benefitActors, benefitModel } from '../run/fixtures.js';

const cm = compile(benefitModel()).value;
const golden = (name: string): string => join(projectRoot, 'tests', 'batch', 'golden', name);

const granted: CaseFile = {
  id: 'a',
  asOf: '2024-01-01',
  actors: benefitActors,
  facts: [
    { fact: 'inkomen', args: ['alice'], value: '20000.00' },
    { fact: 'ingezetene', args: ['alice'], value: true },
  ],
  acts: [
    { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } },
    { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' } },
  ],
};

describe('decideCase', () => {
  it('takes the acts in order and lists what each declared actor can do next', () => {
    const out = decideCase(cm, granted) as BatchOutcome;
    expect(out.outcome).toBe('taken');
    expect(out.steps).toBe(2);
    expect(out.trace).toBeUndefined();
    // The same as doing it by hand with the interpreter.
    let s = createCase(cm, { asOf: '2024-01-01', actors: benefitActors, facts: granted.facts ?? [] });
    for (const a of granted.acts ?? []) {
      const r = take(cm, s, a);
      expect(r.ok).toBe(true);
      if (r.ok) s = r.state;
    }
    const byHand = ['alice', 'bob', 'gemeente'].flatMap((actor) =>
      availableActs(cm, s, actor).map((x) => ({ actor, act: x.act, params: x.params })),
    );
    expect(out.available).toEqual(byHand);
    expect(out.available.some((x) => x.actor === 'bob' && x.act === 'indienen')).toBe(true);
  });

  it('stops at the first refusal and says which step and why', () => {
    const out = decideCase(cm, {
      ...granted,
      facts: [
        { fact: 'inkomen', args: ['alice'], value: '40000.00' },
        { fact: 'ingezetene', args: ['alice'], value: true },
      ],
    }) as BatchOutcome;
    expect(out.outcome).toBe('refused');
    expect(out.steps).toBe(1);
    expect(out.refused?.step).toBe(1);
    expect(out.refused?.act).toBe('toekennen');
    expect(out.refused?.reasons.map((r) => r.item)).toEqual(['precondition']);
  });

  it('with trace: one valid trace entry per attempted act, with the full check tree', () => {
    const out = decideCase(cm, granted, { trace: true }) as BatchOutcome;
    expect(out.trace).toHaveLength(2);
    for (const e of out.trace ?? []) {
      expect(parseTraceEntry(JSON.parse(JSON.stringify(e))).ok).toBe(true);
      expect(e.check.children.length).toBeGreaterThan(0);
    }
  });

  it('reports invalid given facts as an error, not an outcome', () => {
    const out = decideCase(cm, { id: 1, asOf: '2024-01-01', facts: [{ fact: 'nope' }], acts: [] });
    expect(out).toEqual({ error: expect.objectContaining({ code: 'run-unknown-fact', path: '/facts/0' }) });
  });
});

describe('batch lines are case files', () => {
  it('accepts what a case file may say: brackets, expect refused, force, at and advance', () => {
    const line = {
      id: 'c',
      asOf: '2024-01-01',
      actors: benefitActors,
      facts: [{ fact: '[inkomen]', args: ['alice'], value: '40000.00', at: '2023-12-01' }],
      acts: [
        { act: '<<indienen>>', actor: 'alice', params: { aanvrager: 'alice' } },
        { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' }, expect: 'refused' },
        { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' }, force: true },
      ],
      advance: '2024-03-01',
    };
    const checked = checkBatchCase(line);
    expect(checked.ok).toBe(true);
    const out = JSON.parse(decideLine(cm, JSON.stringify(line), 1) ?? '{}') as BatchOutcome;
    expect(out).toMatchObject({ id: 'c', outcome: 'taken', steps: 3 });
  });

  it('an act taken where the case expects a refusal ends the case as refused', () => {
    const out = decideCase(cm, {
      ...granted,
      acts: [{ act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' }, expect: 'refused' }],
    }) as BatchOutcome;
    expect(out).toMatchObject({ outcome: 'refused', steps: 0, refused: { step: 0, act: 'indienen', reasons: [] } });
  });
});

describe('checkBatchCase', () => {
  it('accepts a case and names the first problem of an invalid one', () => {
    expect(checkBatchCase(granted).ok).toBe(true);
    const bad = [
      [null, ''],
      [{ asOf: '2024-01-01', acts: [] }, '/id'],
      [{ id: 1, acts: [] }, '/asOf'],
      [{ id: 1, asOf: '2024-01-01', acts: [{ act: 'x' }] }, '/acts/0'],
      [{ id: 1, asOf: '2024-01-01', acts: [], actors: { a: { roles: 'r' } } }, '/actors/a'],
      [{ id: 1, asOf: '2024-01-01', acts: [], facts: [{ fact: 'f', args: [{}] }] }, '/facts/0/args'],
      [{ id: 1, asOf: '2024-01-01', acts: [], availableFor: 'a' }, '/availableFor'],
    ] as const;
    for (const [value, path] of bad) {
      const r = checkBatchCase(value);
      expect(r.ok).toBe(false);
      // The first problem the case-file schema reports lies at or under `path`.
      if (!r.ok) expect(r.path.startsWith(path)).toBe(true);
    }
  });
});

describe('decideLine and decideLines', () => {
  it('turn bad lines into error lines with their line number, never a throw', () => {
    expect(decideLine(cm, '   ', 3)).toBeNull();
    const notJson = JSON.parse(decideLine(cm, '{"id":', 4) ?? 'null') as { line: number; error: { code: string } };
    expect(notJson).toMatchObject({ id: null, line: 4, error: { code: 'batch-invalid-json' } });
    const noAsOf = JSON.parse(decideLine(cm, '{"id":"x","acts":[]}', 5) ?? 'null') as {
      id: string;
      error: { message: string };
    };
    expect(noAsOf).toMatchObject({ id: 'x', line: 5, error: { code: 'batch-invalid-case', path: '/asOf' } });
    expect(noAsOf.error.message).toMatch(/^Line 5: /);
  });

  it('keep input order and count outcomes by kind', () => {
    const lines = [
      JSON.stringify(granted),
      '',
      'nonsense',
      JSON.stringify({
        ...granted,
        id: 'b',
        acts: [{ act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'alice' } }],
      }),
    ];
    const chunk = decideLines(cm, lines, 10);
    expect(chunk.lines.map((l) => (JSON.parse(l) as { id: unknown }).id)).toEqual(['a', null, 'b']);
    expect((JSON.parse(chunk.lines[1] ?? '{}') as { line: number }).line).toBe(12);
    expect([chunk.taken, chunk.refused, chunk.errors]).toEqual([1, 1, 1]);
  });

  it('give the golden output for the benefit cases', async () => {
    const input = readFileSync(golden('benefit.cases.jsonl'), 'utf8').split('\n');
    if (input.at(-1) === '') input.pop();
    const out = decideLines(cm, input, 1).lines.join('\n') + '\n';
    await expect(out).toMatchFileSnapshot(golden('benefit.out.jsonl'));
  });

  it('split over chunks gives the same output as one run (what the workers rely on)', () => {
    const input = readFileSync(golden('benefit.cases.jsonl'), 'utf8').split('\n');
    const whole = decideLines(cm, input, 1).lines;
    for (const size of [1, 2, 3]) {
      const parts: string[] = [];
      for (let i = 0; i < input.length; i += size)
        parts.push(...decideLines(cm, input.slice(i, i + size), i + 1).lines);
      expect(parts).toEqual(whole);
    }
  });
});

describe.skipIf(!hasShared)('batch on the lerarenbeurs 3-step flow', () => {
  // Loaded inside the test: a skipped describe still runs its body, and ../shared may be absent.
  const load = () =>
    compile(
      importFlintJson(readFileSync(sharedPath(...LERARENBEURS_PATH), 'utf8'), 'flint-example-lerarenbeurs.json').value,
    ).value;

  it('takes all three steps of the happy flow; the variant without an application form is refused at step 2', () => {
    const lcm = load();
    const ok = decideCase(lcm, flowCase(0), { trace: true }) as BatchOutcome;
    expect(ok.outcome).toBe('taken');
    expect(ok.steps).toBe(3);
    expect(ok.trace?.map((e) => e.outcome)).toEqual(['taken', 'taken', 'taken']);
    const refused = decideCase(lcm, flowCase(9)) as BatchOutcome;
    expect(refused.outcome).toBe('refused');
    expect(refused.refused?.step).toBe(1);
    expect(refused.refused?.reasons.some((r) => r.expr.includes('ingevuld aanvraagformulier'))).toBe(true);
  });
});
