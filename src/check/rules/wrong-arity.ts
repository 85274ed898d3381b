/**
 * `wrong-arity`: a fact, act, duty or function applied to the wrong number of arguments
 * (grammar/README.md#expressions).
 * Found by the expression type checker (src/check/types.ts); silent for FLINT JSON, whose facts are untyped.
 * In scenario steps a fact or duty takes all its arguments or none (a role, a fact without
 * parameters of type `actor` or of a fact type, takes one: the actor), and an act at most as many
 * as it has parameters (the rest are left unbound, grammar/README.md#scenarios). Scenario findings
 * are warnings: a scenario tests the model, and `flint test` reports the failing step when it runs.
 */
import type { FactDecl, Param } from '../../model/ast.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';

const paramText = (p: Param): string => `${p.name}: ${p.type.kind === 'FactType' ? `[${p.type.name}]` : p.type.name}`;

const isRole = (f: FactDecl): boolean => f.type.kind === 'FactType' || f.type.name === 'actor';

/** Reports the type checker's `wrong-arity` findings and argument counts in scenario steps that do not fit. */
export const wrongArity: Rule = {
  code: 'wrong-arity',
  severity: 'error',
  reference: 'grammar/README.md#expressions',
  check(ctx: CheckContext): Diagnostic[] {
    const out = ctx
      .typeIssues()
      .filter((i) => i.code === 'wrong-arity')
      .map((i) => report(wrongArity, i));
    for (const r of ctx.scenarioRefs) {
      if (r.args === null) continue;
      const decl = lookup<{ readonly params: readonly Param[] }>(
        r.frame === 'fact' ? ctx.facts : r.frame === 'act' ? ctx.acts : ctx.duties,
        r.name,
      );
      if (decl === undefined) continue;
      const n = decl.params.length;
      const role = r.frame === 'fact' && n === 0 && isRole(decl as FactDecl);
      const fits = r.frame === 'act' ? r.args <= n : r.args === 0 || r.args === n || (role && r.args === 1);
      if (fits) continue;
      const label = `${r.frame === 'fact' ? 'Fact' : r.frame === 'act' ? 'Act' : 'Duty'} «${r.name}»`;
      out.push(
        report(wrongArity, {
          message:
            `${label} takes ${n} argument${n === 1 ? '' : 's'}, but ${r.args} ${r.args === 1 ? 'is' : 'are'} ` +
            `given in scenario «${r.scenario.name}».`,
          span: r.span,
          severity: 'warning',
          ...(n > 0 ? { hint: `Its parameters are ${decl.params.map(paramText).join(', ')}.` } : {}),
        }),
      );
    }
    return out;
  },
};
