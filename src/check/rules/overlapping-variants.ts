/**
 * `overlapping-variants`: two variants of one frame are in force on the same day (grammar/README.md#versions), so
 * the engine would not know which rule applies.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { variantPeriod } from '../../model/versions.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { framesWithVariants, overlaps, showPeriod } from '../versions.js';

/** Reports variants of a frame whose periods overlap. */
export const overlappingVariants: Rule = {
  code: 'overlapping-variants',
  severity: 'error',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const sources = new Map(Object.entries(ctx.sources));
    for (const { frame, variants } of framesWithVariants(ctx)) {
      const periods = variants.map((v) => variantPeriod(sources, v));
      periods.forEach((pb, j) => {
        if (pb === null) return;
        for (let i = 0; i < j; i++) {
          const pa = periods[i];
          if (!pa || !overlaps(pa, pb)) continue;
          out.push(
            report(overlappingVariants, {
              message:
                `Two variants of ${frameLabel(frame)} are in force on the same days: ${showPeriod(pa)} and ` +
                `${showPeriod(pb)}.`,
              span: (variants[j] as (typeof variants)[number]).span,
              hint: 'One version a day: cite consecutive versions, or give the variants `valid:` periods.',
            }),
          );
          break;
        }
      });
    }
    return out;
  },
};
