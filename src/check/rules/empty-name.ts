/**
 * `empty-name`: a frame declared or referenced with an empty name (`[]`, `<<>>`, `<>`), as
 * FLINT JSON templates leave behind (grammar/README.md#lexical). A warning for FLINT JSON input,
 * where only references are reported here: the importer already reports each declaration with an
 * empty name at its JSON path (`/duties/0/duty`), and one warning per frame is enough.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { CheckContext } from '../context.js';
import { isBlank, refClasses } from '../expr-index.js';
import { frameLabel, kindWord, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports frames and references whose name is empty. */
export const emptyName: Rule = {
  code: 'empty-name',
  severity: 'error',
  reference: 'grammar/README.md#lexical',
  check(ctx: CheckContext): Diagnostic[] {
    const sev = ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {};
    const out: Diagnostic[] = [];
    const json = ctx.origin === 'flint-json';
    for (const f of ctx.frames) {
      if (json || !isBlank(f.name)) continue;
      out.push(
        report(emptyName, {
          message:
            `${kindWord(f.kind === 'Fact' ? 'fact' : f.kind === 'Act' ? 'act' : 'duty')}` +
            ` declared with an empty name.`,
          span: f.nameSpan,
          hint: 'Give the frame a name or remove it.',
          ...sev,
        }),
      );
    }
    for (const { node, owner } of refClasses(ctx).blank) {
      const who = owner.name.trim() === '' ? `A ${owner.kind.toLowerCase()} with an empty name` : frameLabel(owner);
      out.push(
        report(emptyName, {
          message: `${who} refers to a ${node.frame} with an empty name.`,
          span: node.span,
          hint: 'Fill in the name or remove the reference.',
          ...sev,
        }),
      );
    }
    return out;
  },
};
