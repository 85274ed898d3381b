/**
 * Implicit input facts: facts referenced but never declared (FLINT JSON convention).
 */
import type { CheckContext } from './context.js';
import { eachExpr } from './rule.js';

/** Names of facts referenced (refs, effects, projection contexts) but not declared, in first-use order. */
export function implicitFactNames(ctx: CheckContext): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    if (name.trim() === '' || seen.has(name) || ctx.isDeclared('fact', name)) return;
    seen.add(name);
    out.push(name);
  };
  for (const { node } of ctx.refs) if (node.frame === 'fact') add(node.name);
  eachExpr(ctx, (e) => {
    if (e.kind === 'Projection') e.context.forEach(add);
  });
  return out;
}
