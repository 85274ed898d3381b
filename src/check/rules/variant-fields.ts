/**
 * `variant-fields`: the variants of a frame must say the same things (grammar/README.md#versions): each variant sets
 * the same fields (a fact's definition; an act's preconditions, creates, terminates; a duty's deadline), sets at
 * least one, and the frame itself does not also set a field its variants set (that would apply in periods no
 * version covers, which is exactly what versions exist to prevent).
 */
import type { FrameDecl, FrameVariant } from '../../model/ast.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { framesWithVariants } from '../versions.js';

/** The fields a variant sets, by name. */
function fieldsOf(v: FrameVariant): string[] {
  const out: string[] = [];
  if (v.definition) out.push('definition');
  if (v.preconditions) out.push('preconditions');
  if (v.creates) out.push('creates');
  if (v.terminates) out.push('terminates');
  if (v.deadline) out.push('deadline');
  return out;
}

/** The versioned fields the frame itself sets. */
function baseFields(f: FrameDecl): string[] {
  switch (f.kind) {
    case 'Fact':
      return f.definition ? ['definition'] : [];
    case 'Act':
      return [
        ...(f.preconditions ? ['preconditions'] : []),
        ...(f.creates.length > 0 ? ['creates'] : []),
        ...(f.terminates.length > 0 ? ['terminates'] : []),
      ];
    case 'Duty':
      return f.deadline ? ['deadline'] : [];
  }
}

/** Reports variants that set nothing, differ in what they set, or repeat a field of the frame. */
export const variantFields: Rule = {
  code: 'variant-fields',
  severity: 'error',
  reference: 'grammar/README.md#versions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { frame, variants } of framesWithVariants(ctx)) {
      const first = fieldsOf(variants[0] as FrameVariant);
      const base = baseFields(frame);
      for (const v of variants) {
        const own = fieldsOf(v);
        if (own.length === 0) {
          out.push(
            report(variantFields, {
              message: `A variant of ${frameLabel(frame)} sets nothing that differs per version.`,
              span: v.span,
              hint:
                frame.kind === 'Fact'
                  ? 'Write its `value:` or `holds when:`.'
                  : frame.kind === 'Act'
                    ? 'Write its `preconditions:`, `creates:` or `terminates:`.'
                    : 'Write its `deadline:`.',
            }),
          );
          continue;
        }
        if (own.join() !== first.join())
          out.push(
            report(variantFields, {
              message:
                `The variants of ${frameLabel(frame)} set different fields: ${first.join(', ')} and ` +
                `${own.join(', ')}.`,
              span: v.span,
              hint: 'Write the same fields in every variant (repeat a field that did not change).',
            }),
          );
        for (const k of own.filter((x) => base.includes(x)))
          out.push(
            report(variantFields, {
              message: `${frameLabel(frame)} sets its ${k} both in the frame and in a variant.`,
              span: v.span,
              hint: 'Move it into every variant: a field outside the variants would apply when no version does.',
            }),
          );
      }
    }
    return out;
  },
};
