import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createModelCache, runConformance } from '../../src/compat/index.js';
import type { ConformanceReport, ModelImporter } from '../../src/compat/index.js';
import { engineImporter } from '../../src/compat/index.js';

const model = {
  acts: [{ act: '<<groeten>>', actor: '[iemand]', object: '[groet]', recipient: '[iemand]', create: ['[gegroet]'] }],
  facts: [{ fact: '[gegroet]', function: { expression: 'CREATE', operands: [] } }],
  duties: [],
};
const files: Record<string, string> = {
  'm.json': JSON.stringify(model),
  'broken.json': '{"acts": [',
  'list.json': '[1, 2]',
};
const load = (name: string): string | undefined => files[name];

function reasons(r: ConformanceReport): (string | undefined)[] {
  return r.cases.flatMap((c) => c.steps.map((s) => s.reason));
}

describe('runConformance on malformed scenario files', () => {
  it('reports a file that is not an object, or has no cases, as a problem', () => {
    expect(runConformance(42, load).problems).toEqual(['the scenario file is not a JSON object']);
    expect(runConformance({ source: 's' }, load).problems).toEqual(['the scenario file has no "cases" array']);
    expect(runConformance({ cases: [7] }, load).problems).toEqual(['case 0 is not an object']);
  });

  it('fails a case without steps, a step that is not an object, and a step of an unknown kind', () => {
    const r = runConformance(
      {
        model: 'm.json',
        cases: [{ name: 'a' }, { name: 'b', steps: [3, { fly: {}, expect: 'ok' }, { expect: 'ok' }] }],
      },
      load,
    );
    expect(reasons(r)).toEqual([
      'the case has no "steps" array',
      'the step is not an object',
      expect.stringMatching(/^unknown step kind "fly" \(known: take, /),
      'the step names no step kind',
    ]);
    expect(r.failed).toBe(4);
  });

  it('names the missing field of a step', () => {
    const r = runConformance(
      {
        model: 'm.json',
        cases: [
          {
            name: 'c',
            steps: [
              { take: { actor: 'anna' }, expect: 'ok' },
              { take: 'x', expect: 'ok' },
              { evaluate: {}, expect: true },
              { record: 5, expect: {} },
              { availableActs: { actor: 'anna' } },
            ],
          },
        ],
      },
      load,
    );
    expect(reasons(r)).toEqual([
      'the take step has no "act" (a string)',
      'the take step needs an object with actor, act',
      'the evaluate step has no "expression"',
      'the record step needs the id of a take step (string)',
      'the availableActs step has no expectation (expect, expectIncludes, ...)',
    ]);
  });

  it('accepts {"$identity"} actors and {"$ref"} record/at targets', () => {
    const r = runConformance(
      {
        model: 'm.json',
        cases: [
          {
            name: 'c',
            steps: [
              { id: 't1', take: { actor: { $identity: 'anna' }, act: '<<groeten>>', default: true }, expect: 'ok' },
              { record: { $ref: 't1' }, expect: { act: '<<groeten>>', previousCase: { $ref: 'case' } } },
              { actions: { at: { $ref: 't1' } }, expect: [{ act: '<<groeten>>', link: { $ref: 't1' } }] },
              { record: { $ref: 't1' }, expect: { act: '<<groeten>>', previousCase: { $ref: 't1' } } },
            ],
          },
        ],
      },
      load,
    );
    expect(r.cases[0]?.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'fail']);
  });

  it('fails a step naming a take id that does not exist', () => {
    const r = runConformance(
      {
        model: 'm.json',
        cases: [
          {
            name: 'c',
            steps: [
              { id: 't1', take: { actor: 'anna', act: '<<groeten>>', default: true }, expect: 'ok' },
              { record: 't9', expect: {} },
              { take: { actor: 'anna', act: '<<groeten>>', facts: { '[gegroet]': { $ref: 'nope' } } }, expect: 'ok' },
              { actions: { at: 't1' }, expect: [{ act: '<<groeten>>', link: { $ref: 't1' } }] },
            ],
          },
        ],
      },
      load,
    );
    expect(r.cases[0]?.steps.map((s) => s.status)).toEqual(['pass', 'fail', 'fail', 'pass']);
    expect(reasons(r)[1]).toBe('unknown reference "t9": no earlier successful take step has that id (known: case, t1)');
    expect(reasons(r)[2]).toMatch(/^unknown reference "nope"/);
  });

  it('fails every step of a case whose model file is missing, not JSON, or not an object', () => {
    for (const [m, msg] of [
      ['gone.json', 'model file gone.json could not be loaded'],
      ['broken.json', /^model file broken\.json is not valid JSON \(/],
      ['list.json', 'the model list.json is not a JSON object'],
    ] as const) {
      const r = runConformance(
        { model: m, cases: [{ name: 'c', steps: [{ activeDuties: { actor: 'a' }, expect: [] }] }] },
        load,
      );
      expect(r.failed).toBe(1);
      expect(reasons(r)[0]).toEqual(typeof msg === 'string' ? msg : expect.stringMatching(msg));
    }
    const none = runConformance(
      { cases: [{ name: 'c', steps: [{ activeDuties: { actor: 'a' }, expect: [] }] }] },
      load,
    );
    expect(reasons(none)[0]).toMatch(/names no model/);
  });

  it('turns an importer that throws into failing steps', () => {
    const throwing: ModelImporter = {
      ...engineImporter,
      importModel: () => {
        throw new Error('boom');
      },
    };
    const r = runConformance(
      { model: 'm.json', cases: [{ name: 'c', steps: [{ activeDuties: { actor: 'a' }, expect: [] }] }] },
      load,
      { importer: throwing },
    );
    expect(reasons(r)[0]).toBe('the model m.json could not be imported: boom');
  });

  it('never throws, whatever JSON the scenario file holds', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom<unknown>(null, true, 'm.json', '<<groeten>>', 'take', 'anna', 't1', 'case', 0, 1.5),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'cases',
            'steps',
            'model',
            'take',
            'record',
            'actor',
            'act',
            'facts',
            'expect',
            '$ref',
            'id',
            'default',
            'lists',
            'evaluate',
            'expression',
            'at',
          ),
          tie('value'),
          { maxKeys: 4 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        const r = runConformance(v, load);
        expect(r.passed + r.failed + r.skipped + r.deviations).toBe(r.cases.reduce((n, c) => n + c.steps.length, 0));
      }),
      { numRuns: 300 },
    );
  });
});

describe('model cache', () => {
  it('imports a model file once per bindings, across cases and calls', () => {
    let imports = 0;
    const counting: ModelImporter = {
      ...engineImporter,
      importModel: (v, f) => {
        imports++;
        return engineImporter.importModel(v, f);
      },
    };
    const kase = (b: unknown) => ({ name: 'c', bindings: b, steps: [{ activeDuties: { actor: 'a' }, expect: [] }] });
    const scenario = {
      model: 'm.json',
      cases: [kase({}), kase({}), kase({ '[x]': { expression: 'IS', operand: 'ANYONE' } })],
    };
    const cache = createModelCache();
    expect(runConformance(scenario, load, { importer: counting, cache }).passed).toBe(3);
    expect(imports).toBe(2);
    runConformance(scenario, load, { importer: counting, cache });
    expect(imports).toBe(2);
  });
});
