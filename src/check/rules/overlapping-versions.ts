/**
 * `overlapping-versions`: two versions of one source are in force on the same day, or two share a label
 * (grammar/README.md#versions). The engine would not know which wording applies.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { overlaps, showPeriod, versionedSources } from '../versions.js';

/** Reports overlapping or duplicate versions of a source. */
export const overlappingVersions: Rule = {
  code: 'overlapping-versions',
  severity: 'error',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const s of versionedSources(ctx)) {
      const versions = s.versions ?? [];
      versions.forEach((b, j) => {
        for (const a of versions.slice(0, j)) {
          const pa = { from: a.validFrom, to: a.validTo };
          const pb = { from: b.validFrom, to: b.validTo };
          if (a.label === b.label) {
            out.push(
              report(overlappingVersions, {
                message: `Source «${s.id}» has two versions labelled «${b.label}».`,
                span: b.labelSpan,
                hint: 'Give each version its own label, e.g. the year or the date it took effect.',
              }),
            );
          } else if (overlaps(pa, pb)) {
            out.push(
              report(overlappingVersions, {
                message:
                  `Versions «${a.label}» (${showPeriod(pa)}) and «${b.label}» (${showPeriod(pb)}) of source ` +
                  `«${s.id}» are both in force on the same days.`,
                span: b.labelSpan,
                hint: 'End the earlier version the day before the later one starts.',
              }),
            );
          }
        }
      });
    }
    return out;
  },
};
