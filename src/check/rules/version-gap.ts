/**
 * `version-gap`: between two consecutive versions of a source there are days on which no version is in force, inside
 * the model's period (the header's `period:`, or anywhere when it declares none; grammar/README.md#versions). A value
 * decided on such a day is unknown.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { modelPeriod, nextDay, overlaps, previousDay, versionedSources } from '../versions.js';

/** Reports gaps between consecutive versions. */
export const versionGap: Rule = {
  code: 'version-gap',
  severity: 'warning',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const period = modelPeriod(ctx);
    for (const s of versionedSources(ctx)) {
      const sorted = [...(s.versions ?? [])].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1];
        const b = sorted[i];
        if (!a || !b || a.validTo === null || b.validFrom === null) continue;
        const from = nextDay(a.validTo);
        const to = previousDay(b.validFrom);
        if (from === null || to === null || from > to) continue;
        if (period && !overlaps(period, { from, to })) continue;
        out.push(
          report(versionGap, {
            message:
              `No version of source «${s.id}» is in force from ${from} to ${to}, between versions «${a.label}» ` +
              `and «${b.label}».`,
            span: b.labelSpan,
            hint: `Let «${a.label}» run until ${to}, or add the version in force then.`,
          }),
        );
      }
    }
    return out;
  },
};
