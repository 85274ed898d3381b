import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { check, defaultRules } from '../../src/check/index.js';
import type { Rule } from '../../src/check/index.js';
import { actDecl, created, effect, fact, factDecl, model, prim, sourceDecl } from '../helpers/ast-builder.js';
import { checkText } from '../helpers/check-harness.js';
import { projectRoot } from '../helpers/shared.js';
import { VALID } from './fixtures.js';

describe('check', () => {
  const everyDefaultRuleHas =
    'every default rule has a kebab-case code, lives in the file named after it, and cites an existing anchor';
  test(everyDefaultRuleHas, () => {
    const codes = defaultRules.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const readme = readFileSync(join(projectRoot, 'grammar', 'README.md'), 'utf8');
    const ruleFiles = readdirSync(join(projectRoot, 'src', 'check', 'rules'))
      .filter((f) => f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    expect([...codes].sort()).toEqual(ruleFiles.sort());
    for (const r of defaultRules) {
      expect(r.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      const anchor = /^grammar\/README\.md#([a-z-]+)$/.exec(r.reference)?.[1];
      expect(readme, `${r.code} cites ${r.reference}`).toContain(`<a id="${anchor}"></a>`);
    }
  });

  test('the name tables follow discipl: the last fact definition wins, the first act wins', () => {
    const first = factDecl('a', { type: prim('integer') });
    const last = factDecl('a', { type: prim('date') });
    const act1 = actDecl('x', { preconditions: fact('a') });
    const act2 = actDecl('x');
    const { value } = check(model([first, act1, last, act2]));
    expect(value.facts['a']).toBe(last);
    expect(value.acts['x']).toBe(act1);
    expect(value.factTypes['a']).toEqual({ value: { kind: 'date' }, params: [] });
  });

  test('names that are Object.prototype keys are ordinary table keys', () => {
    const { value, diagnostics } = check(
      model([
        factDecl('constructor', { definition: created() }),
        factDecl('__proto__'),
        actDecl('hasOwnProperty', { preconditions: fact('__proto__'), creates: [effect('fact', 'constructor')] }),
      ]),
    );
    expect(Object.keys(value.facts)).toEqual(['constructor', '__proto__']);
    expect(value.acts['hasOwnProperty']?.name).toBe('hasOwnProperty');
    expect(value.facts['toString']).toBeUndefined();
    expect(diagnostics.filter((d) => d.code === 'unknown-reference')).toEqual([]);
  });

  test('the checked model is plain JSON data', () => {
    const { checked: value } = checkText(VALID);
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    // Survives a JSON round trip unchanged: no Map, Set, class instance or undefined-only field.
    expect(copy).toEqual(value);
    expect(Object.keys(copy as object).sort()).toEqual(
      ['acts', 'duties', 'factTypes', 'facts', 'implicitFacts', 'model', 'origin', 'sources', 'versionDate'].sort(),
    );
    expect(value.versionDate).toBe('2024-01-01');
    expect(value.origin).toBe('flint');
  });

  test('the origin comes from the header, never from the file name', () => {
    expect(check(model([], null, 'x.json')).value.origin).toBe('flint');
    expect(check(model([], null, 'x.flint')).value.origin).toBe('flint');
    const m = model([], '2024-01-01', 'x.flint');
    expect(check({ ...m, header: { ...m.header!, conventions: 'flint-json' } }).value.origin).toBe('flint-json');
  });

  test('diagnostics are sorted by position and repeatable', () => {
    const m = model([
      factDecl('a'),
      factDecl('b'),
      sourceDecl('s', { validFrom: '2020-01-01', validTo: '2019-01-01' }),
    ]);
    const once = check(m).diagnostics;
    expect(check(m).diagnostics).toEqual(once);
    const offsets = once.map((d) => d.span?.start.offset ?? -1);
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
  });

  test('past maxDiagnostics, errors are kept first and one too-many-diagnostics info follows', () => {
    const decls = [
      ...Array.from({ length: 5 }, (_, i) => factDecl(`los${i}`)),
      ...Array.from({ length: 3 }, (_, i) => sourceDecl(`s${i}`, { validFrom: '2020-01-01', validTo: '2019-01-01' })),
    ];
    const all = check(model(decls)).diagnostics;
    expect(all.filter((d) => d.code === 'unused-fact')).toHaveLength(5);
    const limited = check(model(decls), { maxDiagnostics: 4 }).diagnostics;
    expect(limited).toHaveLength(5);
    expect(limited.slice(0, 4).filter((d) => d.severity === 'error')).toHaveLength(3);
    expect(limited[4]).toMatchObject({
      code: 'too-many-diagnostics',
      severity: 'info',
      message: '4 more diagnostics were left out (the limit is 4).',
    });
  });

  test('custom rules replace the default ones', () => {
    const rule: Rule = {
      code: 'no-facts',
      severity: 'info',
      reference: 'grammar/README.md#facts',
      check: (ctx) =>
        Object.values(ctx.facts).map((f) => ({
          code: 'no-facts',
          severity: 'info' as const,
          message: `Fact «${f.name}».`,
          span: f.nameSpan,
        })),
    };
    const { diagnostics } = check(model([factDecl('a'), factDecl('b')]), { rules: [rule] });
    expect(diagnostics.map((d) => d.message)).toEqual(['Fact «a».', 'Fact «b».']);
  });
});
