/**
 * `duplicate-source`: two source blocks with the same id (grammar/README.md#sources). The first
 * one is used. A warning for FLINT JSON, whose sources are generated from inline citations.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceDecl } from '../../model/ast.js';
import type { CheckContext } from '../context.js';
import { report } from '../rule.js';
import type { Rule } from '../rule.js';
import { sourceDeclsOf } from '../../model/walk.js';

/** Reports every source block whose id was already declared. */
export const duplicateSource: Rule = {
  code: 'duplicate-source',
  severity: 'error',
  reference: 'grammar/README.md#sources',
  check(ctx: CheckContext): Diagnostic[] {
    const first = new Map<string, SourceDecl>();
    const out: Diagnostic[] = [];
    for (const s of sourceDeclsOf(ctx.model)) {
      const prev = first.get(s.id);
      if (prev === undefined) {
        first.set(s.id, s);
        continue;
      }
      out.push(
        report(duplicateSource, {
          message: `Source «${s.id}» is declared more than once; the first declaration is used.`,
          span: s.idSpan,
          hint: 'Give each source block a unique id.',
          related: [{ message: 'First declared here.', span: prev.idSpan }],
          ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
        }),
      );
    }
    return out;
  },
};
