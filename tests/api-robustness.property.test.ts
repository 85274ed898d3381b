/**
 * No public function throws on arbitrary input (issue "Library throws on malformed arguments"):
 * every function exported from src/index.ts is called with arbitrary JSON, JSON-ish data and
 * "near-miss" values (a real model, compiled model, case state, trace, graph with one field
 * replaced by arbitrary JSON) in every argument position. No exception may escape, and the result
 * is a value: a documented result, or a `{ value, diagnostics }` / `ok: false` object.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { projectRoot } from './helpers/shared.js';

/**
 * Exports whose contract is a developer-provided callback or a class construction: their misuse is
 * a programming error, not user input. Keep this list small (asserted below).
 */
const ALLOW_LIST: ReadonlySet<string> = new Set([
  'walkExpr', // (expr, visit): calls the developer's visitor
  'loadModel', // (entry, host): host.readFile is the developer's I/O callback
  'runConformance', // (scenario, loadModel): loadModel is the developer's callback
  'DisciplEngine', // a class: `new DisciplEngine(...)`, the discipl-law-reg compatible API
]);

/** Exports documented to return `undefined` for "not found" (a value, not a failure). */
const MAY_BE_UNDEFINED: ReadonlySet<string> = new Set(['frameOf']);

/** Exports whose result mirrors their argument (a copy of any JSON): only "does not throw" applies. */
const MIRRORS_INPUT: ReadonlySet<string> = new Set(['stripSpans']);

const text = readFileSync(join(projectRoot, 'examples/tutorial/beslistermijn.flint'), 'utf8');
const model = api.parse(text, 'beslistermijn.flint').value;
const checked = api.check(model).value;
const compiled = api.compile(model).value;
const actors = { anna: { roles: ['aanvrager'] }, gemeente: { roles: ['bestuursorgaan'] } };
const state0 = api.createCase(compiled, { asOf: '2024-03-01', actors });
const REQUEST = { act: 'indienen aanvraag', actor: 'anna', params: { aanvrager: 'anna' } };
const taken = api.take(compiled, state0, REQUEST);
const state = taken.state;
const entry = taken.trace;
const graph = api.toGraph(checked);
const flintJson = api.exportFlintJson(model).value;

/** Real values of the library's own types: the base of the near-miss inputs. */
const REAL: Readonly<Record<string, unknown>> = {
  model,
  checked,
  compiled,
  state,
  entry,
  graph,
  flintJson,
  record: state.records[0],
  events: state.events,
  duty: state.duties[0],
  expr: api.actsOf(model)[0]?.preconditions,
  request: { act: 'geven beschikking', actor: 'gemeente', params: { aanvrager: 'anna' } },
  options: { asOf: '2024-03-01', actors, facts: [{ fact: 'aanvrager', args: [], value: 'anna' }] },
  caseFile: api.parseCaseFile(JSON.stringify({ asOf: '2024-03-01', actors, acts: [REQUEST] }), 'c.json').value.case,
  diagnostics: api.check(api.parse('fact [x] { holds when: [y] }', 'x.flint').value).diagnostics,
  report: api.runScenarios(model),
  why: api.whyNot(compiled, state, 'geven beschikking', 'anna', { aanvrager: 'anna' }),
};

/** (Set API_RUNS=1000 to search harder than the default 60 runs per function.) */

/** JSON-ish data: what a caller may pass after JSON.parse or a careless cast. */
const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    maxDepth: 3,
    withBoxedValues: false,
    withMap: false,
    withSet: false,
    withObjectString: false,
    withNullPrototype: true,
    withTypedArray: false,
    withSparseArray: true,
    withDate: false,
    withBigInt: false,
  }),
  fc.constantFrom(undefined, null, '', 0, -1, Number.NaN, [], {}, '2024-03-01', 'anna', 'nl', 'en'),
);

/** A real value with one field (at some depth) replaced by arbitrary JSON. */
function nearMiss(base: unknown): fc.Arbitrary<unknown> {
  if (base === null || typeof base !== 'object') return fc.constant(base);
  const keys = Object.keys(base);
  if (keys.length === 0) return fc.constant(base);
  return fc.tuple(fc.constantFrom(...keys), jsonish, fc.boolean()).chain(([key, junk, deep]) => {
    const inner = (base as Record<string, unknown>)[key];
    const replaced: fc.Arbitrary<unknown> =
      deep && inner !== null && typeof inner === 'object' ? nearMiss(inner) : fc.constant(junk);
    return replaced.map((r) => (Array.isArray(base) ? Object.assign([...base], { [key]: r }) : { ...base, [key]: r }));
  });
}

const input: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: jsonish },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(REAL)) },
  { weight: 3, arbitrary: fc.constantFrom(...Object.values(REAL)).chain(nearMiss) },
);

const functions = Object.entries(api as Record<string, unknown>).filter(
  (e): e is [string, (...args: unknown[]) => unknown] => typeof e[1] === 'function',
);

describe('every public function is total on arbitrary input', () => {
  it('covers every exported function; the allow-list stays small and names real exports', () => {
    expect(functions.length).toBeGreaterThan(50);
    expect(ALLOW_LIST.size).toBeLessThanOrEqual(5);
    for (const name of ALLOW_LIST) expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
  });

  it.each(functions.filter(([name]) => !ALLOW_LIST.has(name)))('%s', (name, fn) => {
    const maxArgs = Math.max(fn.length, 4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: maxArgs }).chain((n) => fc.array(input, { minLength: n, maxLength: n })),
        (args) => {
          let result: unknown;
          try {
            result = fn(...args);
          } catch (e) {
            throw new Error(`${name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
          }
          if (MIRRORS_INPUT.has(name)) return;
          if (!MAY_BE_UNDEFINED.has(name)) expect(result).not.toBeUndefined();
          if (result !== null && typeof result === 'object' && 'diagnostics' in result) {
            expect(Array.isArray((result as { diagnostics: unknown }).diagnostics)).toBe(true);
          }
        },
      ),
      { numRuns: Number(process.env.API_RUNS ?? 60) },
    );
  });
});

/** Result-returning functions whose first argument is a model or compiled model: junk there is reported. */
const REPORTS_FIRST: ReadonlyArray<[string, (junk: unknown) => unknown]> = [
  ['check', (j) => api.check(j as never).diagnostics],
  ['compile', (j) => api.compile(j as never).diagnostics],
  ['exportFlintJson', (j) => api.exportFlintJson(j as never).diagnostics],
  ['runScenarios', (j) => api.runScenarios(j as never).diagnostics],
  ['createCaseChecked', (j) => api.createCaseChecked(j as never, { asOf: '2024-03-01', actors }).diagnostics],
  ['give', (j) => api.give(j as never, state, [{ fact: 'aanvrager', args: [], value: 'anna' }]).diagnostics],
  ['advance', (j) => api.advance(j as never, state, '2024-03-02').diagnostics],
  ['resumeCase', (j) => api.resumeCase(j as never, state).diagnostics],
  ['replayEvents', (j) => api.replayEvents(j as never, state.events).diagnostics],
  ['evaluateFact', (j) => api.evaluateFact(j as never, state, 'aanvraag', ['anna']).diagnostics],
];

describe('a malformed model or compiled model is reported, not ignored', () => {
  it.each(REPORTS_FIRST)('%s reports invalid-argument for arbitrary JSON as its first argument', (_, call) => {
    fc.assert(
      fc.property(fc.jsonValue(), (junk) => {
        const diagnostics = call(junk) as readonly api.Diagnostic[];
        expect(diagnostics.some((d) => d.code === 'invalid-argument' && d.path === '/0')).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
  it('take and force refuse with a junk compiled model, keeping the state', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (junk) => {
        for (const f of [api.take, api.force]) {
          const r = f(junk as never, state, REQUEST);
          expect(r.ok).toBe(false);
          expect(r.state).toBe(state);
        }
      }),
      { numRuns: 30 },
    );
  });
});
