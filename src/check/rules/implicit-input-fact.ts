/**
 * `implicit-input-fact` (FLINT JSON only): a fact that is referenced but never declared. The
 * discipl interpreter asks such facts from the case, so they are input facts; one warning per
 * name, at its first reference (grammar/README.md#facts).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { exprIndex, refClasses } from '../expr-index.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { implicitFactNames } from '../implicit.js';

/** Warns about undeclared facts of a FLINT JSON model. */
export const implicitInputFact: Rule = {
  code: 'implicit-input-fact',
  severity: 'warning',
  reference: 'grammar/README.md#facts',
  check(ctx: CheckContext): Diagnostic[] {
    if (ctx.origin !== 'flint-json') return [];
    const wanted = new Set(implicitFactNames(ctx));
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const hit = (name: string, who: string, span: Diagnostic['span']): void => {
      if (!wanted.has(name) || seen.has(name) || span === undefined) return;
      seen.add(name);
      out.push(
        report(implicitInputFact, {
          message: `${who} refers to fact «${name}», which is not declared; it is treated as an input fact.`,
          span,
          hint: name.includes('[')
            ? 'This is old-dialect text (e.g. "[a] EN [b]"): the interpreter asks it as one ' +
              'input; write it as an expression with AND/OR/NOT to evaluate its parts.'
            : 'Declare the fact (with an empty function) to document it as an input fact.',
        }),
      );
    };
    for (const { node, owner } of refClasses(ctx).undeclared)
      if (node.frame === 'fact') hit(node.name, frameLabel(owner), node.span);
    for (const { node: e, owner } of exprIndex(ctx).shapes)
      if (e.kind === 'Projection') for (const c of e.context) hit(c, frameLabel(owner), e.span);
    return out;
  },
};
