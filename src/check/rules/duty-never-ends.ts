/**
 * `duty-never-ends` (warning): no act terminates the duty (no act lists it under `terminates`
 * and the duty names no `terminated by` act), so once created it stays active forever
 * (grammar/README.md#duties).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Warns about duties nothing terminates. */
export const dutyNeverEnds: Rule = {
  code: 'duty-never-ends',
  severity: 'warning',
  reference: 'grammar/README.md#duties',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const f of ctx.frames) {
      if (f.kind !== 'Duty' || f.name.trim() === '') continue;
      if (ctx.terminated.duties.has(f.name)) continue;
      if (f.terminatedBy.some((r) => r.name.trim() !== '' && ctx.isDeclared('act', r.name))) continue;
      out.push(
        report(dutyNeverEnds, {
          message: `${frameLabel(f)} is never terminated: no act ends it.`,
          span: f.nameSpan,
          hint: 'Add the duty to the `terminates` of the act that fulfils it (and `terminated by` to the duty).',
        }),
      );
    }
    return out;
  },
};
