/**
 * `unknown-source`: a frame cites a source id that no source block declares
 * (grammar/README.md#sources), in its `sources` or as the source that excludes the Atw for a duty's deadline
 * (grammar/README.md#deadlines).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { suggester } from '../suggest.js';

/** Reports source references that resolve to nothing. */
export const unknownSource: Rule = {
  code: 'unknown-source',
  severity: 'error',
  reference: 'grammar/README.md#sources',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const ids = Object.keys(ctx.sources);
    const didYouMean = suggester();
    for (const f of ctx.frames) {
      const atw = f.kind === 'Duty' ? f.deadline?.atw : null;
      // Its sources, the sources its variants implement (grammar/README.md#versions), the Atw exclusion's source.
      const variantRefs = (f.variants ?? []).flatMap((v) => v.sources);
      const own = [...f.sources, ...variantRefs];
      const cited = atw && !atw.applies ? [...own, { id: atw.source, span: atw.span }] : own;
      for (const s of cited) {
        if (lookup(ctx.sources, s.id) !== undefined) continue;
        out.push(
          report(unknownSource, {
            message: `${frameLabel(f)} cites source «${s.id}», which is not declared.${didYouMean(s.id, ids)}`,
            span: s.span,
            hint: `Add a block \`source ${s.id} { ... }\` with the article's citation and text.`,
          }),
        );
      }
    }
    return out;
  },
};
