/**
 * `duplicate-frame`: a fact, act or duty declared twice (grammar/README.md#facts, #acts, #duties). For FLINT
 * JSON it is a warning, resolved as the discipl interpreter does: the last fact definition wins,
 * the first act and duty win.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { FrameDecl } from '../../model/ast.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';

/** Reports every declaration of a frame name after the first. */
export const duplicateFrame: Rule = {
  code: 'duplicate-frame',
  severity: 'error',
  reference: 'grammar/README.md#facts',
  check(ctx: CheckContext): Diagnostic[] {
    const first = new Map<string, FrameDecl>();
    const out: Diagnostic[] = [];
    for (const f of ctx.frames) {
      const key = `${f.kind}:${f.name}`;
      const prev = first.get(key);
      if (prev === undefined) {
        first.set(key, f);
        continue;
      }
      const wins = f.kind === 'Fact' ? 'this last definition is used' : 'the first definition is used';
      out.push(
        report(duplicateFrame, {
          message: `${frameLabel(f)} is declared more than once; ${wins}.`,
          span: f.nameSpan,
          hint: 'Rename one of the frames or merge them.',
          related: [{ message: 'First declared here.', span: prev.nameSpan }],
          ...(ctx.origin === 'flint-json' ? { severity: 'warning' as const } : {}),
        }),
      );
    }
    return out;
  },
};
