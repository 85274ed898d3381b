/**
 * `actor-not-actor-type`: an act's actor or recipient, or a duty's holder or claimant, is not a
 * party (grammar/README.md#acts, #duties). A party is a value of type `actor`, an instance of a
 * fact type (`x: [persoon]`), or a role fact named as such (`[minister]`, a boolean fact). Numbers,
 * text, dates, durations and compound conditions are not. Skipped for FLINT JSON (untyped facts).
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Expr, FrameDecl } from '../../model/ast.js';
import type { CheckContext } from '../context.js';
import { frameLabel, report } from '../rule.js';
import type { Rule } from '../rule.js';
import { describe, isLoose, showType } from '../types.js';

/** Reports party positions filled with something that is not a party. */
export const actorNotActorType: Rule = {
  code: 'actor-not-actor-type',
  severity: 'error',
  reference: 'grammar/README.md#acts',
  check(ctx: CheckContext): Diagnostic[] {
    if (ctx.origin === 'flint-json') return [];
    const out: Diagnostic[] = [];
    const test = (owner: FrameDecl, role: string, e: Expr | null): void => {
      if (e === null || e.kind === 'Is') return;
      const t = ctx.typeOf(e, owner);
      if (isLoose(t) || t.kind === 'actor' || t.kind === 'instance') return;
      if (t.kind === 'boolean' && e.kind === 'Ref' && e.frame === 'fact') return;
      out.push(
        report(actorNotActorType, {
          message:
            `The ${role} of ${frameLabel(owner)} must be a party, but ${describe(e)} ` +
            `is ${t.kind === 'boolean' ? 'a condition' : showType(t)}.`,
          span: e.span,
          hint: 'Use a parameter of an actor or role type (`x: [persoon]`) or a role fact such as `[minister]`.',
        }),
      );
    };
    for (const f of ctx.frames) {
      if (f.kind === 'Act') {
        test(f, 'actor', f.actor);
        test(f, 'recipient', f.recipient);
      } else if (f.kind === 'Duty') {
        test(f, 'holder', f.holder);
        test(f, 'claimant', f.claimant);
      }
    }
    return out;
  },
};
