/**
 * `unbound-effect`: an act creates a fact or duty written without arguments, while the act has no
 * parameter to bind some of the frame's parameters (grammar/README.md#effects). An effect's
 * omitted arguments are bound by name from the act's parameters of type `actor` or of a fact
 * type; a create must bind every position, so the engine does not apply such an effect (it never
 * creates an instance with a missing argument): a warning, since the model still runs. A terminate with
 * unbound positions is not reported: those positions match any instance.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Param } from '../../model/ast.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Whether an omitted argument for `p` is bound from the act's same-named parameter (as in src/run/acts.ts). */
const bindsByName = (p: Param): boolean => p.type.kind === 'FactType' || p.type.name === 'actor';

/** Reports create effects that cannot bind every parameter of the frame they create. */
export const unboundEffect: Rule = {
  code: 'unbound-effect',
  severity: 'warning',
  reference: 'grammar/README.md#effects',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const a of ctx.frames) {
      if (a.kind !== 'Act') continue;
      const own = new Set(a.params.map((p) => p.name));
      for (const e of a.creates) {
        if (e.args.length > 0 || e.frame === 'act') continue;
        const frame = e.frame === 'fact' ? lookup(ctx.facts, e.name) : lookup(ctx.duties, e.name);
        if (!frame) continue;
        const missing = frame.params.filter((p) => !(bindsByName(p) && own.has(p.name))).map((p) => p.name);
        if (missing.length === 0) continue;
        const ref = e.frame === 'fact' ? `[${e.name}]` : `<${e.name}>`;
        out.push(
          report(unboundEffect, {
            message:
              `${frameLabel(a)} creates ${ref} without arguments but cannot bind ${missing.join(', ')}; ` +
              'the effect is never applied.',
            span: e.span,
            hint:
              `Write the arguments, e.g. ${ref}(${frame.params.map((p) => p.name).join(', ')}); omitted arguments ` +
              'are taken only from act parameters of the same name that hold an actor or instance.',
          }),
        );
      }
    }
    return out;
  },
};
