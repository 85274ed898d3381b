/**
 * `unknown-version`: a source reference names a version that does not exist (`bkot-4@2019` when `bkot-4` has no
 * version `2019`, or a version of a source without versions), or a variant cites a versioned source without saying
 * which version it implements (grammar/README.md#versions).
 */
import type { SourceRef } from '../../model/ast.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { lookup } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { suggester } from '../suggest.js';

/** Reports source references whose version cannot be resolved. */
export const unknownVersion: Rule = {
  code: 'unknown-version',
  severity: 'error',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const didYouMean = suggester();
    const visit = (owner: string, r: SourceRef, inVariant: boolean): void => {
      const s = lookup(ctx.sources, r.id);
      if (s === undefined) return;
      const labels = (s.versions ?? []).map((v) => v.label);
      const label = r.version ?? null;
      if (label === null) {
        if (inVariant && labels.length > 0)
          out.push(
            report(unknownVersion, {
              message: `A variant of ${owner} cites «${r.id}» without saying which of its versions it implements.`,
              span: r.span,
              hint: `Write ${r.id}@${labels[labels.length - 1]} (versions: ${labels.join(', ')}).`,
            }),
          );
        return;
      }
      if (labels.length === 0) {
        out.push(
          report(unknownVersion, {
            message: `${owner} cites «${r.id}@${label}», but source «${r.id}» has no versions.`,
            span: r.span,
            hint: `Cite it as ${r.id}, or declare its versions: version ${label} { valid: .. }.`,
          }),
        );
      } else if (!labels.includes(label)) {
        out.push(
          report(unknownVersion, {
            message:
              `${owner} cites «${r.id}@${label}», but source «${r.id}» has no version «${label}».` +
              didYouMean(label, labels),
            span: r.span,
            hint: `Its versions: ${labels.join(', ')}.`,
          }),
        );
      }
    };
    for (const f of ctx.frames) {
      for (const r of f.sources) visit(frameLabel(f), r, false);
      for (const v of f.variants ?? []) for (const r of v.sources) visit(frameLabel(f), r, true);
    }
    return out;
  },
};
