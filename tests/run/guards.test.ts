/**
 * Malformed arguments to the public functions give `invalid-argument` / `run-invalid-state`
 * diagnostics in the function's documented result shape (issue: "a non-array `facts` or a corrupt
 * stored state throws a `TypeError`"). Each case threw on the code before.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  caseActors,
  check,
  checkCaseFile,
  compile,
  createCaseChecked,
  explainText,
  give,
  hasErrors,
  parse,
  replayEvents,
  resumeCase,
  runScenarios,
  take,
  toDot,
  toGivenFact,
  why,
} from '../../src/index.js';
import type { CaseState, CompiledModel, Model } from '../../src/index.js';
import { atBoundary } from '../../src/model/guard.js';
import { stateProblem } from '../../src/run/state.js';
import { benefitActors, benefitModel } from './fixtures.js';

const cm = compile(benefitModel()).value;
const s0 = createCaseChecked(cm, { asOf: '2024-03-01', actors: benefitActors }).value;
const submit = { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } };
const junk = <T>(v: unknown): T => v as T;
const codes = (ds: readonly { code: string }[]): string[] => ds.map((d) => d.code);

describe('malformed models and compiled models', () => {
  it('compile, check and parse report invalid-argument with the argument path', () => {
    const c = compile(junk<Model>(42));
    expect(codes(c.diagnostics)).toEqual(['invalid-argument']);
    expect(c.diagnostics[0]?.path).toBe('/0');
    expect(c.value.acts.size).toBe(0);
    expect(codes(check(junk<Model>({ kind: 'Model' })).diagnostics)).toContain('invalid-argument');
    expect(codes(parse(junk<string>(undefined), 'x.flint').diagnostics)).toEqual(['invalid-argument']);
  });
  it('take with a junk compiled model is refused, naming the argument', () => {
    const r = take(junk<CompiledModel>({ acts: 1 }), s0, submit);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.reasons[0]?.message).toContain('argument 1 is not a compiled model');
    expect(r.state).toBe(s0);
  });
  it('createCaseChecked with a junk compiled model gives a case every call refuses', () => {
    const r = createCaseChecked(junk<CompiledModel>(null), { asOf: '2024-03-01' });
    expect(codes(r.diagnostics)).toEqual(['invalid-argument']);
    expect(take(cm, r.value, submit).ok).toBe(false);
  });
  it('runScenarios on a non-model reports instead of throwing', () => {
    expect(codes(runScenarios(junk<Model>('x')).diagnostics)).toEqual(['invalid-argument']);
  });
});

describe('corrupt stored states', () => {
  const stored = JSON.parse(JSON.stringify(take(cm, s0, submit).state)) as CaseState;
  it('a state read back from JSON is valid (validated in full) and runs', () => {
    expect(stateProblem(stored)).toBeNull();
    expect(advance(cm, stored, '2024-03-02').diagnostics).toEqual([]);
  });
  it.each([
    ['records', 5, '/records'],
    ['events', [{ kind: 'take' }], '/events/0'],
    ['duties', [{ id: 'd1' }], '/duties/0'],
  ])('a state whose %s is corrupt is run-invalid-state with its path', (field, value, path) => {
    const bad = { ...stored, [field]: value } as CaseState;
    expect(stateProblem(bad)?.path.startsWith(path)).toBe(true);
    const t = take(cm, bad, submit);
    expect(t.ok).toBe(false);
    const r = resumeCase(cm, bad);
    expect(codes(r.diagnostics)).toEqual(['run-invalid-state']);
    expect(give(cm, bad, [{ fact: 'ingezetene', args: ['alice'] }]).diagnostics.length).toBeGreaterThan(0);
  });
  it('a deep-frozen corrupt state is not mistaken for an engine state', () => {
    const records = Object.freeze([Object.freeze({ id: 1 })]);
    const bad = Object.freeze({ ...stored, records }) as unknown as CaseState;
    expect(stateProblem(bad)?.path).toBe('/records/0/id');
  });
  it('give with a non-array facts list reports instead of throwing', () => {
    const r = give(cm, s0, junk<[]>('ingezetene'));
    expect(hasErrors(r.diagnostics)).toBe(true);
    expect(r.value).toBe(s0);
  });
  it('replayEvents with a non-list reports invalid-argument', () => {
    expect(hasErrors(replayEvents(cm, junk<[]>({ kind: 'create' })).diagnostics)).toBe(true);
  });
});

describe('queries, renderers and case files', () => {
  it('text renderers return the diagnostic as text', () => {
    expect(toDot(junk({}))).toMatch(/^\[invalid-argument\] toDot: /);
    expect(explainText(junk(null))).toMatch(/^\[invalid-argument\] explainText: argument 1 is not a trace entry/);
  });
  it('a trace renderer names an unknown language instead of failing on it', () => {
    const entry = take(cm, s0, submit).trace;
    expect(explainText(entry, junk({ lang: 'fr' }))).toBe(
      '[invalid-argument] explainText: the language "fr" is not "nl" or "en".',
    );
    expect(explainText(entry, { lang: 'en' })).not.toMatch(/invalid-argument/);
  });
  it('why on a junk trace answers unknown', () => {
    expect(why(junk({ trace: 1 }), { fact: 'x' }).value).toEqual({ type: 'unknown' });
  });
  it('hasErrors treats a non-list as an error', () => {
    expect(hasErrors(junk('oops'))).toBe(true);
  });
  it('case-file functions validate their argument with the case-file schema', () => {
    const ds = checkCaseFile(cm, junk({ asOf: '2024-03-01', actors: 5, acts: [] }));
    expect(codes(ds)).toEqual(['invalid-argument']);
    expect(ds[0]?.path).toBe('/1/actors');
    expect(caseActors(cm, junk(null))).toEqual([]);
    expect(toGivenFact(junk({ fact: 3 }))).toEqual({ fact: '' });
  });
});

describe('atBoundary', () => {
  it('converts a failure on malformed data into the fallback of an invalid-argument diagnostic', () => {
    const d = atBoundary(
      'f',
      (x) => x,
      () => (null as unknown as { a: number }).a as never,
    );
    expect(d).toMatchObject({ code: 'invalid-argument', severity: 'error', path: '' });
  });
  it('lets an engine bug (a reference error) surface', () => {
    expect(() =>
      atBoundary(
        'f',
        () => 0,
        () => {
          throw new ReferenceError('x is not defined');
        },
      ),
    ).toThrow(ReferenceError);
  });
});
