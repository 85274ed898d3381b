/**
 * `act-without-source` (warning): an act that cites no legal source, so its decisions cannot be
 * traced to an article of law (grammar/README.md#acts).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Warns about acts without `sources`. */
export const actWithoutSource: Rule = {
  code: 'act-without-source',
  severity: 'warning',
  reference: 'grammar/README.md#acts',
  check(ctx: CheckContext): Diagnostic[] {
    return ctx.frames
      .filter((f) => f.kind === 'Act' && f.sources.length === 0 && f.name.trim() !== '')
      .map((f) =>
        report(actWithoutSource, {
          message: `${frameLabel(f)} cites no legal source.`,
          span: f.nameSpan,
          hint: 'Add `sources: <id>` naming the article the act rests on.',
        }),
      );
  },
};
