/**
 * `variant-not-covered`: a frame variant's period is not covered by the source versions it cites: its `valid:`
 * reaches beyond a cited version, or the versions it cites are never in force together (grammar/README.md#versions).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Period } from '../../model/versions.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { contains, framesWithVariants, showPeriod } from '../versions.js';

/** Reports variants resting on versions not in force for all of their period. */
export const variantNotCovered: Rule = {
  code: 'variant-not-covered',
  severity: 'error',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { frame, variants } of framesWithVariants(ctx)) {
      for (const v of variants) {
        const cited: { label: string; period: Period }[] = [];
        for (const r of v.sources) {
          const s = ctx.sources[r.id];
          const ver = s?.versions?.find((x) => x.label === r.version);
          if (ver) cited.push({ label: `${r.id}@${ver.label}`, period: { from: ver.validFrom, to: ver.validTo } });
          else if (s && (s.versions ?? []).length === 0) {
            cited.push({ label: r.id, period: { from: s.validFrom, to: s.validTo } });
          }
        }
        if (v.valid) {
          const own = { from: v.valid.from, to: v.valid.to };
          for (const c of cited) {
            if (contains(c.period, own)) continue;
            out.push(
              report(variantNotCovered, {
                message:
                  `A variant of ${frameLabel(frame)} is valid ${showPeriod(own)}, but ${c.label} is in force ` +
                  `only ${showPeriod(c.period)}.`,
                span: v.valid.span,
                hint: 'Cite the versions in force for the whole period, or split the variant per version.',
              }),
            );
          }
          continue;
        }
        let from: string | null = null;
        let to: string | null = null;
        for (const c of cited) {
          if (c.period.from !== null && (from === null || c.period.from > from)) from = c.period.from;
          if (c.period.to !== null && (to === null || c.period.to < to)) to = c.period.to;
        }
        if (from !== null && to !== null && from > to) {
          out.push(
            report(variantNotCovered, {
              message:
                `A variant of ${frameLabel(frame)} cites ${cited.map((c) => c.label).join(', ')}, which are never ` +
                'in force on the same day.',
              span: v.span,
              hint: 'Cite versions in force together, or give the variant its own `valid:` period.',
            }),
          );
        }
      }
    }
    return out;
  },
};
