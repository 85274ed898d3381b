/**
 * `derivation-too-deep`: a fact with parameters that derives through more than 64 levels of
 * facts with parameters, deeper than the interpreter follows (README.md#limits): its value is
 * then unknown. Facts without parameters have no such limit. A warning: the model is valid, but
 * some of its answers will be unknown.
 */
import type { Expr, FactDecl } from '../../model/ast.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { MAX_DERIVATION_DEPTH } from '../../model/depth.js';
import { subExpressions } from '../../model/walk.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, isDerived, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { staticDefinition } from '../../model/walk.js';

const parameterised = (f: FactDecl | undefined): f is FactDecl =>
  f !== undefined && f.params.length > 0 && isDerived(f);

/** The parameterised derived facts `e` refers to (no recursion). */
function below(ctx: CheckContext, e: Expr): FactDecl[] {
  const out: FactDecl[] = [];
  const stack: Expr[] = [e];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (x.kind === 'Ref' && x.frame === 'fact') {
      const f = lookup(ctx.facts, x.name);
      if (parameterised(f)) out.push(f);
    }
    for (const s of subExpressions(x)) stack.push(s);
  }
  return out;
}

/** Reports facts with parameters whose derivation chain is longer than the interpreter follows. */
export const derivationTooDeep: Rule = {
  code: 'derivation-too-deep',
  severity: 'warning',
  reference: 'grammar/README.md#facts',
  check(ctx: CheckContext): Diagnostic[] {
    // Longest chain of parameterised derived facts from each one (itself counted), dependencies
    // first with an explicit stack; a fact met again while open closes a cycle (derivation-cycle).
    const height = new Map<string, number>();
    const open = new Set<string>();
    const out: Diagnostic[] = [];
    for (const start of ctx.frames) {
      if (start.kind !== 'Fact' || !parameterised(start) || height.has(start.name)) continue;
      const stack: { f: FactDecl; deps: FactDecl[]; i: number }[] = [];
      const push = (f: FactDecl): void => {
        open.add(f.name);
        const def = staticDefinition(f);
        stack.push({ f, deps: def ? below(ctx, def) : [], i: 0 });
      };
      push(start);
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as (typeof stack)[number];
        const d = top.deps[top.i++];
        if (d !== undefined) {
          if (!height.has(d.name) && !open.has(d.name)) push(d);
          continue;
        }
        stack.pop();
        open.delete(top.f.name);
        let h = 1;
        for (const x of top.deps) h = Math.max(h, 1 + (height.get(x.name) ?? 0));
        height.set(top.f.name, h);
        // Reported where a chain first crosses the limit, once per chain rather than for every fact above.
        if (h === MAX_DERIVATION_DEPTH + 2 && top.f === lookup(ctx.facts, top.f.name)) {
          out.push(
            report(derivationTooDeep, {
              message:
                `${frameLabel(top.f)} derives through ${h - 1} levels of facts with parameters; ` +
                `the interpreter follows at most ${MAX_DERIVATION_DEPTH}, so this fact and those above it are unknown.`,
              span: top.f.nameSpan,
              hint: 'Shorten the chain, or drop parameters from facts that do not need them (those have no limit).',
            }),
          );
        }
      }
    }
    return out;
  },
};
