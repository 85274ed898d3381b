/**
 * `version-never-in-force`: a version of a source is in force on no day of the model's period (the header's
 * `period:`; grammar/README.md#versions), so no decision the model is meant for can use it.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { modelPeriod, overlaps, showPeriod, versionedSources } from '../versions.js';

/** Reports versions outside the model's period. */
export const versionNeverInForce: Rule = {
  code: 'version-never-in-force',
  severity: 'warning',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const period = modelPeriod(ctx);
    if (period === null) return [];
    const out: Diagnostic[] = [];
    for (const s of versionedSources(ctx)) {
      for (const v of s.versions ?? []) {
        const p = { from: v.validFrom, to: v.validTo };
        if (overlaps(period, p)) continue;
        out.push(
          report(versionNeverInForce, {
            message:
              `Version «${v.label}» of source «${s.id}» (${showPeriod(p)}) is never in force in the model's period ` +
              `${showPeriod(period)}.`,
            span: v.labelSpan,
            hint: "Remove it, or widen the header's period if the model is meant to decide cases then.",
          }),
        );
      }
    }
    return out;
  },
};
