/**
 * `unknown-reference`: a fact, act, duty, variable, parameter field or function that is not
 * declared (grammar/README.md#expressions). In FLINT JSON an undeclared *fact* is an input fact
 * (`implicit-input-fact`) and undeclared acts and duties are warnings: the discipl interpreter
 * ignores them. The frame that contains the reference is never suggested: a reference inside a
 * frame's own definition that resolved to that frame would make it depend on itself.
 * Scenario steps are checked too: the facts, acts and duties they name (actor roles included) and
 * the sources an `expect sources` step lists (by id, citation or Juriconnect id). Those findings
 * are warnings: a scenario tests the model, and `flint test` reports the failing step when it runs.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { FrameDecl, TypeRef } from '../../model/ast.js';
import type { Span } from '../../model/span.js';
import { displayName } from '../../model/walk.js';
import type { CheckContext } from '../context.js';
import { exprIndex, refClasses } from '../expr-index.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { suggester } from '../suggest.js';

const code = 'unknown-reference';

/** Reports names that resolve to nothing. */
export const unknownReference: Rule = {
  code,
  severity: 'error',
  reference: 'grammar/README.md#expressions',
  check(ctx: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const didYouMean = suggester();
    const json = ctx.origin === 'flint-json';
    // A fact's own name is no correction for a reference inside its definition (that would be a
    // cycle); a frame of another kind with the same name is (an act may well use the fact [x]).
    const ownKind = { Fact: 'fact', Act: 'act', Duty: 'duty' } as const;
    const names = (frame: 'fact' | 'act' | 'duty', owner: FrameDecl): string[] =>
      Object.keys(frame === 'fact' ? ctx.facts : frame === 'act' ? ctx.acts : ctx.duties).filter(
        (n) => !(n === owner.name && ownKind[owner.kind] === frame),
      );
    const missing = (frame: 'fact' | 'act' | 'duty', name: string, owner: FrameDecl, span: Span): void => {
      if (name.trim() === '' || ctx.isDeclared(frame, name)) return;
      if (json && frame === 'fact') return;
      out.push(
        report(unknownReference, {
          message:
            `${frameLabel(owner)} refers to ${frame} «${name}», which is not ` +
            `declared.${didYouMean(name, () => names(frame, owner))}`,
          span,
          hint: `Declare ${displayName(frame, name)} or correct the name.`,
          ...(json ? { severity: 'warning' as const } : {}),
        }),
      );
    };
    // The references to names not declared, in the order of ctx.refs: the others would report nothing.
    for (const { node, owner } of refClasses(ctx).undeclared) {
      if (node.frame === 'act' || node.frame === 'fact' || node.frame === 'duty')
        missing(node.frame, node.name, owner, node.span);
    }
    for (const { node: e, owner } of exprIndex(ctx).shapes) {
      if (e.kind === 'Projection') for (const c of e.context) missing('fact', c, owner, e.span);
      else for (const b of e.bindings) typeRef(b.type, owner);
    }
    function typeRef(t: TypeRef, owner: FrameDecl): void {
      if (t.kind === 'FactType') missing('fact', t.name, owner, t.span);
    }
    if (!json) {
      for (const f of ctx.frames) {
        for (const p of f.params) typeRef(p.type, f);
        if (f.kind === 'Fact') typeRef(f.type, f);
      }
    }
    for (const r of ctx.scenarioRefs) {
      if (r.name.trim() === '' || ctx.isDeclared(r.frame, r.name)) continue;
      const candidates = (): string[] =>
        Object.keys(r.frame === 'fact' ? ctx.facts : r.frame === 'act' ? ctx.acts : ctx.duties);
      out.push(
        report(unknownReference, {
          message:
            `Scenario «${r.scenario.name}» refers to ${r.frame} «${r.name}», ` +
            `which is not declared.${didYouMean(r.name, candidates)}`,
          span: r.span,
          severity: 'warning',
          hint: `Declare ${displayName(r.frame, r.name)} or correct the name.`,
        }),
      );
    }
    const sources = Object.values(ctx.sources);
    for (const s of ctx.scenarioSources) {
      if (sources.some((src) => src.id === s.text || src.citation === s.text || src.juriconnect === s.text)) continue;
      const candidates = (): string[] =>
        sources.flatMap((src) => [src.id, ...(src.citation === null ? [] : [src.citation])]);
      out.push(
        report(unknownReference, {
          message:
            `Scenario «${s.scenario.name}» expects source «${s.text}», which no source declares as ` +
            `its id, citation or Juriconnect id.${didYouMean(s.text, candidates)}`,
          span: s.span,
          severity: 'warning',
          hint: 'Write the id of a source block (awb-4:13), its citation ("art. 4:13 Awb") or its Juriconnect id.',
        }),
      );
    }
    for (const { unknownFunction, ...issue } of ctx.typeIssues()) {
      // FLINT JSON has no calls of its own: an unknown function there is an unknown or invalid
      // expression operator the importer already reported at its JSON path (one error, not two).
      if (unknownFunction === true && ctx.origin === 'flint-json') continue;
      if (issue.code === code) out.push(report(unknownReference, issue));
    }
    return out;
  },
};
