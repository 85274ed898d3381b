/**
 * `duplicate-frame`: a fact, act or duty declared twice (grammar/README.md#facts, #acts, #duties). For FLINT
 * JSON it is a warning, resolved as the discipl interpreter does: the last fact definition wins,
 * the first act and duty win.
 *
 * One repetition is not a duplicate (grammar/README.md#imports): an input fact (no definition) declared in one
 * file and defined once in a file loaded after it (imports load before the importing file), with the same
 * parameters and type. The definition is then the fact's, as for any repeated fact.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { FactDecl, FrameDecl, TypeRef } from '../../model/ast.js';
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
    const defined = new Set<string>();
    const out: Diagnostic[] = [];
    for (const f of ctx.frames) {
      const key = `${f.kind}:${f.name}`;
      const prev = first.get(key);
      if (prev === undefined) {
        first.set(key, f);
        continue;
      }
      if (ctx.origin !== 'flint-json' && !defined.has(key) && definesImportedInput(prev, f)) {
        defined.add(key);
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

const typeKey = (t: TypeRef): string => `${t.kind}:${t.name}`;

/**
 * `later` defines the input fact `earlier` declared in another file: no definition or variants there, a definition
 * (or variants) here, the same parameter names and types, and the same value type.
 */
function definesImportedInput(earlier: FrameDecl, later: FrameDecl): boolean {
  if (earlier.kind !== 'Fact' || later.kind !== 'Fact' || earlier.span.file === later.span.file) return false;
  const hasDefinition = (d: FactDecl): boolean => d.definition !== null || (d.variants ?? []).length > 0;
  if (hasDefinition(earlier) || !hasDefinition(later)) return false;
  if (typeKey(earlier.type) !== typeKey(later.type) || earlier.params.length !== later.params.length) return false;
  return earlier.params.every((p, i) => {
    const q = later.params[i];
    return q !== undefined && q.name === p.name && typeKey(q.type) === typeKey(p.type);
  });
}
