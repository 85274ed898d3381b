/**
 * `effect-on-derived-fact`: an act creates or terminates a fact that is derived by a function,
 * whose value the effect cannot change (grammar/README.md#acts). A warning for FLINT JSON input.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, isDerived, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports effects on derived facts. */
export const effectOnDerivedFact: Rule = {
  code: 'effect-on-derived-fact',
  severity: 'error',
  reference: 'grammar/README.md#acts',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const a of ctx.frames) {
      if (a.kind !== 'Act') continue;
      for (const [verb, effects] of [
        ['creates', a.creates],
        ['terminates', a.terminates],
      ] as const) {
        for (const e of effects) {
          const f = e.frame === 'fact' ? lookup(ctx.facts, e.name) : undefined;
          if (!f || !isDerived(f)) continue;
          out.push(
            report(effectOnDerivedFact, {
              message:
                `${frameLabel(a)} ${verb} fact «${e.name}», which is derived ` +
                `by its definition; the effect has no meaning.`,
              span: e.span,
              hint: `Make «${e.name}» an input fact (\`holds when: created\`) or remove the effect.`,
              related: [{ message: `Fact «${e.name}» is defined here.`, span: f.nameSpan }],
              ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
            }),
          );
        }
      }
    }
    return out;
  },
};
