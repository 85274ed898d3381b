/**
 * The checker's expression index (src/check/expr-index.ts) lists what the rules used to find by walking every
 * expression again, in the same order: compared with those walks on every model of the repository (the golden
 * models, the norms, the examples and the synthetic large model), so a rule reading the index reports what it did.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { largeModel } from '../../bench/generate.js';
import { createContext, eachExpr, refsIn } from '../../src/check/index.js';
import { definitionRefs, exprIndex, isBlank, refClasses } from '../../src/check/expr-index.js';
import type { CheckContext, FoundRef } from '../../src/check/index.js';
import type { Expr } from '../../src/model/ast.js';
import { frameExpressions, staticDefinition, walkExpr } from '../../src/model/walk.js';
import { parse } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

function flintFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...flintFiles(p));
    else if (e.name.endsWith('.flint')) out.push(p);
  }
  return out.sort();
}

const files = ['tests/golden/check', 'norms', 'examples'].flatMap((d) => flintFiles(join(projectRoot, d)));

/** What `createContext` collected before the index: effects, then every reference, frame by frame. */
function walkedRefs(ctx: CheckContext): FoundRef[] {
  const refs: FoundRef[] = [];
  for (const owner of ctx.frames) {
    if (owner.kind === 'Act')
      for (const eff of [...owner.creates, ...owner.terminates]) refs.push({ node: eff, owner });
    for (const e of frameExpressions(owner))
      walkExpr(e, (x) => {
        if (x.kind === 'Ref') refs.push({ node: x, owner });
      });
  }
  return refs;
}

function compare(ctx: CheckContext): void {
  const index = exprIndex(ctx);
  const refs = walkedRefs(ctx);
  expect(ctx.refs.length).toBe(refs.length);
  ctx.refs.forEach((r, i) => {
    expect(r.node).toBe(refs[i]?.node);
    expect(r.owner).toBe(refs[i]?.owner);
  });
  const shapes: { node: Expr; owner: unknown }[] = [];
  eachExpr(ctx, (e, owner) => {
    if (e.kind === 'Projection' || e.kind === 'Aggregate') shapes.push({ node: e, owner });
  });
  expect(index.shapes.map((s) => [s.node, s.owner])).toEqual(shapes.map((s) => [s.node, s.owner]));
  for (const f of ctx.frames) {
    if (f.kind !== 'Fact') continue;
    const got = definitionRefs(ctx, f);
    const want = refsIn(staticDefinition(f));
    expect(got.length).toBe(want.length);
    got.forEach((r, i) => {
      expect(r).toBe(want[i]);
    });
  }
  const classes = refClasses(ctx);
  expect(classes.blank).toEqual(ctx.refs.filter((r) => r.node.name.trim() === ''));
  expect(classes.undeclared).toEqual(ctx.refs.filter((r) => !ctx.isDeclared(r.node.frame, r.node.name)));
  const used = new Set(
    ctx.refs
      .filter((r) => r.node.frame === 'fact' && !(r.owner.kind === 'Fact' && r.owner.name === r.node.name))
      .map((r) => r.node.name),
  );
  expect([...classes.factsUsedElsewhere].sort()).toEqual([...used].sort());
}

describe('the expression index', () => {
  test('finds these models', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  test.each(files.map((f) => [f.slice(projectRoot.length + 1), f]))(
    '%s: the same references, projections, aggregates and definitions as the walks',
    (_name, file) => {
      const model = parse(readFileSync(file, 'utf8'), file).value;
      compare(createContext(model, 'flint', null));
    },
  );

  test('a synthetic model of 3,000 lines, and with a fact defined twice and blank names', () => {
    const text = `${largeModel(3000)}
fact [twice] { holds when: [x] and [y] }
fact [twice] { holds when: [z] }
fact [] { holds when: [ ] or [twice] }
`;
    const model = parse(text, 'large.flint').value;
    const ctx = createContext(model, 'flint', null);
    compare(ctx);
    expect(refClasses(ctx).blank.length).toBeGreaterThan(0);
    expect(refClasses(ctx).undeclared.map((r) => r.node.name)).toEqual(expect.arrayContaining(['x', 'y', 'z']));
  });

  test('isBlank is trim() === "" for every kind of first character', () => {
    for (const s of ['', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '  \n ', 'a', ' a', '\u00a0b', '\u3000', 'é', '0'])
      expect(isBlank(s)).toBe(s.trim() === '');
  });
});
