/**
 * Implicit input facts: facts referenced but never declared (FLINT JSON convention).
 */
import type { CheckContext } from './context.js';
import { exprIndex, refClasses } from './expr-index.js';

/** Names of facts referenced (refs, effects, projection contexts) but not declared, in first-use order. */
export function implicitFactNames(ctx: CheckContext): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    if (name.trim() === '' || seen.has(name) || ctx.isDeclared('fact', name)) return;
    seen.add(name);
    out.push(name);
  };
  // Only the references to undeclared names can add one; they keep the order of ctx.refs.
  for (const { node } of refClasses(ctx).undeclared) if (node.frame === 'fact') add(node.name);
  for (const { node: e } of exprIndex(ctx).shapes) if (e.kind === 'Projection') e.context.forEach(add);
  return out;
}
