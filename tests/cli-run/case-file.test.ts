import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareName, caseActors, checkCaseFile, parseCaseFile } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { caseSchemaText } from '../../src/case/generate-json-schema.js';
import { compile } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { FIX, projectFile } from './helpers.js';

const model = compile(parse(projectFile(`${FIX}/vergunning.flint`), 'vergunning.flint').value).value;

function parsed(text: string): CaseFile {
  const r = parseCaseFile(text, 'case.json');
  expect(r.diagnostics).toEqual([]);
  if (!r.value.case) throw new Error('no case');
  return r.value.case;
}

describe('parseCaseFile', () => {
  it('parses a valid case and removes brackets from frame names', () => {
    const c = parsed(projectFile(`${FIX}/verleend.json`));
    expect(c.asOf).toBe('2024-02-01');
    expect(c.actors?.gemeente?.roles).toEqual(['bevoegd gezag']);
    expect(c.facts?.map((f) => f.fact)).toEqual(['bouwplan', 'past in omgevingsplan']);
    expect(c.acts?.map((a) => a.act)).toEqual(['aanvragen vergunning', 'verlenen vergunning']);
    expect(c.acts?.[1]?.facts?.[0]).toEqual({ fact: 'leges betaald', args: ['anna'] });
  });

  it('bareName strips fact, act and duty brackets only', () => {
    expect(['[a b]', '<<a b>>', '<a b>', ' a b ', '[a]x'].map(bareName)).toEqual(['a b', 'a b', 'a b', 'a b', '[a]x']);
  });

  it('reports JSON syntax errors with line and column', () => {
    const r = parseCaseFile('{\n  "asOf": "2024-01-01",\n}', 'c.json');
    expect(r.value.case).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({
      code: 'case-json-syntax',
      severity: 'error',
      span: { file: 'c.json', start: { line: 3, column: 1 } },
    });
    expect(r.diagnostics[0]?.message).toMatch(/line 3, column 1/);
  });

  it('reports an empty file', () => {
    expect(parseCaseFile('', 'c.json').diagnostics.map((d) => d.code)).toEqual(['case-json-syntax']);
  });

  it('reports shape errors with JSON path and the span of the offending value', () => {
    const text =
      '{\n  "asOf": "2024-02-30",\n  "actors": { "a": { "roles": ["x"], "rol": [] } },\n' +
      '  "acts": [ { "act": "y" } ],\n  "facts": [ { "fact": "f", "value": [1] } ]\n}';
    const r = parseCaseFile(text, 'c.json');
    const byPath = Object.fromEntries(r.diagnostics.map((d) => [d.path, d]));
    expect(Object.keys(byPath).sort()).toEqual(['/actors/a', '/acts/0/actor', '/asOf', '/facts/0/value']);
    expect(byPath['/asOf']).toMatchObject({ code: 'case-invalid', span: { start: { line: 2, column: 11 } } });
    expect(byPath['/asOf']?.message).toContain('calendar date');
    expect(byPath['/actors/a']?.message).toContain('unknown field "rol"');
    // A missing key points at the opening brace of its object.
    expect(byPath['/acts/0/actor']).toMatchObject({
      span: { start: { line: 4, column: 13 }, end: { line: 4, column: 14 } },
    });
    expect(byPath['/acts/0/actor']?.message).toContain('is missing');
  });

  it('rejects a non-object document and a missing asOf', () => {
    expect(parseCaseFile('[]', 'c.json').diagnostics[0]).toMatchObject({ code: 'case-invalid', path: '' });
    expect(parseCaseFile('{}', 'c.json').diagnostics.map((d) => d.path)).toEqual(['/asOf']);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseCaseFile(text, 'c.json');
        expect(r.value.case === null).toBe(r.diagnostics.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every well-formed case and keeps its content', () => {
    const name = fc.stringMatching(/^[a-z][a-z ]{0,8}[a-z]$/);
    const date = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const caseArb = fc.record({
      asOf: date,
      actors: fc.dictionary(name, fc.record({ roles: fc.array(name, { maxLength: 3 }) }), { maxKeys: 3 }),
      facts: fc.array(
        fc.record({
          fact: name,
          args: fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean())),
          value: fc.oneof(fc.boolean(), fc.integer(), fc.string()),
        }),
        { maxLength: 3 },
      ),
      acts: fc.array(fc.record({ act: name, actor: name, force: fc.boolean() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, brackets) => {
        const written = brackets
          ? {
              ...c,
              facts: c.facts.map((f) => ({ ...f, fact: `[${f.fact}]` })),
              acts: c.acts.map((a) => ({ ...a, act: `<<${a.act}>>` })),
            }
          : c;
        const r = parseCaseFile(JSON.stringify(written, null, 2), 'c.json');
        expect(r.diagnostics).toEqual([]);
        expect(r.value.case).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkCaseFile', () => {
  const base = {
    asOf: '2024-02-01',
    actors: { anna: { roles: ['aanvrager'] }, gemeente: { roles: ['bevoegd gezag'] } },
  };
  const check = (c: object) => {
    const text = JSON.stringify(c, null, 2);
    const p = parseCaseFile(text, 'c.json');
    expect(p.diagnostics).toEqual([]);
    return checkCaseFile(model, p.value.case as CaseFile, p.value.locate);
  };

  it('accepts the fixture cases', () => {
    for (const f of ['verleend', 'geweigerd', 'termijn']) {
      const p = parseCaseFile(projectFile(`${FIX}/${f}.json`), f);
      expect(checkCaseFile(model, p.value.case as CaseFile)).toEqual([]);
    }
  });

  it('reports an unknown act with a suggestion, path and span', () => {
    const d = check({ ...base, acts: [{ act: 'aanvragen vergunnig', actor: 'anna' }] });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      code: 'case-unknown-act',
      path: '/acts/0/act',
      hint: 'Did you mean «aanvragen vergunning»?',
    });
    expect(d[0]?.span?.start.line).toBeGreaterThan(1);
  });

  it('reports an unknown actor, role and parameter', () => {
    const d = check({
      actors: { ...base.actors, piet: { roles: ['aanvrager', 'burger'] } },
      asOf: base.asOf,
      acts: [{ act: 'verlenen vergunning', actor: 'klaas', params: { aanvrager: 'anna', wie: 'x' } }],
    });
    expect(d.map((x) => [x.code, x.path])).toEqual([
      ['case-unknown-role', '/actors/piet/roles/1'],
      ['case-unknown-param', '/acts/0/params/wie'],
      ['case-unknown-actor', '/acts/0/actor'],
    ]);
    expect(d[2]?.hint).toContain('anna, gemeente, piet');
  });

  it('reports unknown facts, wrong arity, wrong types and derived facts, also inside acts', () => {
    const d = check({
      ...base,
      facts: [
        { fact: 'bouwplann', args: ['anna'] },
        { fact: 'bouwplan', args: ['anna', 'x'] },
        { fact: 'bouwplan', args: ['anna'], value: 'ja' },
        { fact: 'vergunbaar', args: ['anna'] },
      ],
      acts: [{ act: 'aanvragen vergunning', actor: 'anna', facts: [{ fact: 'leges betaald' }] }],
    });
    expect(d.map((x) => [x.code, x.path])).toEqual([
      ['run-unknown-fact', '/facts/0'],
      ['run-wrong-arity', '/facts/1'],
      ['run-wrong-type', '/facts/2/value'],
      ['run-derived-fact-given', '/facts/3'],
      ['run-wrong-arity', '/acts/0/facts/0'],
    ]);
    expect(d[0]?.hint).toBe('Did you mean «bouwplan»?');
  });

  it('counts actors given as role facts as known actors', () => {
    const c = parsed(
      JSON.stringify({
        asOf: '2024-01-01',
        facts: [{ fact: 'aanvrager', value: 'zoe' }],
        acts: [{ act: 'aanvragen vergunning', actor: 'zoe' }],
      }),
    );
    expect(caseActors(model, c)).toEqual(['zoe']);
    expect(checkCaseFile(model, c)).toEqual([]);
  });
});

describe('schemas/case.schema.json', () => {
  it('is current (regenerate with npx tsx src/case/generate-json-schema.ts)', () => {
    expect(projectFile('schemas/case.schema.json')).toBe(caseSchemaText());
  });

  it('describes every top-level field and requires asOf', () => {
    const s = JSON.parse(caseSchemaText()) as {
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(s.required).toEqual(['asOf']);
    expect(Object.keys(s.properties).sort()).toEqual([
      '$schema',
      'actors',
      'acts',
      'advance',
      'asOf',
      'availableFor',
      'description',
      'equivalentDays',
      'facts',
      'id',
      'model',
    ]);
    expect(s.additionalProperties).toBe(false);
  });
});
