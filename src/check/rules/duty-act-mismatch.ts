/**
 * `duty-act-mismatch` (warning): a duty names an act under `created by` or `terminated by`, but
 * that act does not list the duty under `creates` or `terminates`. Acts' effects are what the
 * interpreter runs, so the duty's own list is then wrong or the act is incomplete
 * (grammar/README.md#duties).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Warns when a duty's `created by`/`terminated by` disagrees with the acts' effects. */
export const dutyActMismatch: Rule = {
  code: 'duty-act-mismatch',
  severity: 'warning',
  reference: 'grammar/README.md#duties',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const d of ctx.frames) {
      if (d.kind !== 'Duty' || d.name.trim() === '') continue;
      for (const [field, verb, refs] of [
        ['created by', 'creates', d.createdBy],
        ['terminated by', 'terminates', d.terminatedBy],
      ] as const) {
        for (const r of refs) {
          const act = lookup(ctx.acts, r.name);
          if (!act) continue;
          const effects = verb === 'creates' ? act.creates : act.terminates;
          if (effects.some((e) => e.frame === 'duty' && e.name === d.name)) continue;
          out.push(
            report(dutyActMismatch, {
              message:
                `${frameLabel(d)} lists act «${r.name}» under \`${field}\`, but that act ` +
                `does not ${verb === 'creates' ? 'create' : 'terminate'} it.`,
              span: r.span,
              hint: `Add <${d.name}> to the \`${verb}\` of <<${r.name}>>, or remove <<${r.name}>> from \`${field}\`.`,
              related: [{ message: `Act «${r.name}» is declared here.`, span: act.nameSpan }],
            }),
          );
        }
      }
    }
    return out;
  },
};
