/**
 * `unused-fact` (warning): a declared fact that no frame refers to: not in any expression,
 * effect, projection, parameter type or aggregate binding (a fact used as a type or role counts
 * as used; a fact's reference to itself does not). In FLINT JSON, the bracketed names inside an
 * old-dialect reference such as `[a] EN NIET [b]` count as used too, and so does a fact named in a
 * scenario step (given, expected, an actor's role or a `because`). grammar/README.md#facts.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { TypeRef } from '../../model/ast.js';
import type { CheckContext } from '../context.js';
import { exprIndex, refClasses } from '../expr-index.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Names of the facts some other frame uses. */
export function usedFacts(ctx: CheckContext): Set<string> {
  const used = new Set<string>(refClasses(ctx).factsUsedElsewhere);
  const type = (t: TypeRef): void => {
    if (t.kind === 'FactType') used.add(t.name);
  };
  if (ctx.origin === 'flint-json') {
    for (const { node, owner } of ctx.refs) {
      if (node.frame !== 'fact' || (owner.kind === 'Fact' && owner.name === node.name)) continue;
      for (const m of node.name.matchAll(/\[([^[\]]+)\]/g)) used.add(m[1] ?? '');
    }
  }
  for (const r of ctx.scenarioRefs) if (r.frame === 'fact') used.add(r.name);
  for (const { node: e, owner } of exprIndex(ctx).shapes) {
    if (e.kind === 'Projection')
      for (const c of e.context) if (!(owner.kind === 'Fact' && owner.name === c)) used.add(c);
    if (e.kind === 'Aggregate') for (const b of e.bindings) type(b.type);
  }
  for (const f of ctx.frames) {
    for (const p of f.params) type(p.type);
    if (f.kind === 'Fact' && f.type.name !== f.name) type(f.type);
  }
  return used;
}

/** Warns about facts no frame uses. */
export const unusedFact: Rule = {
  code: 'unused-fact',
  severity: 'warning',
  reference: 'grammar/README.md#facts',
  check(ctx: CheckContext): Diagnostic[] {
    const used = usedFacts(ctx);
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const f of ctx.frames) {
      if (f.kind !== 'Fact' || used.has(f.name) || seen.has(f.name) || f.name.trim() === '') continue;
      seen.add(f.name);
      out.push(
        report(unusedFact, {
          message: `${frameLabel(f)} is declared but no frame uses it.`,
          span: f.nameSpan,
          hint: 'Use it in a precondition or definition, or remove it.',
        }),
      );
    }
    return out;
  },
};
