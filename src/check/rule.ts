/**
 * The shape of a check rule: one rule per file in `src/check/rules/`, named after its code
 * (graphql-js validation-rule style: a rule is a value, `check` gathers them).
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import type { Expr, FactDecl, FrameDecl, Ref } from '../model/ast.js';
import { frameExpressions, walkExpr } from '../model/walk.js';
import type { CheckContext } from './context.js';
import { staticDefinition } from '../model/walk.js';

/** A check rule. `code` equals the rule's file name and the code of the diagnostics it reports. */
export interface Rule {
  /** Stable kebab-case diagnostic code. */
  readonly code: string;
  /** The default severity of its diagnostics (a rule may lower it, e.g. for FLINT JSON input). */
  readonly severity: Severity;
  /** The language reference anchor the rule enforces, e.g. `grammar/README.md#facts`. */
  readonly reference: string;
  /** The problems the rule finds in the model; must not throw. */
  check(ctx: CheckContext): readonly Diagnostic[];
}

/** The fields a rule fills in; code and default severity come from the rule. */
export interface Finding {
  /** A sentence naming the frame concerned. */
  readonly message: string;
  /** Where the problem is. */
  readonly span: Span;
  /** How to fix it. */
  readonly hint?: string | undefined;
  /** Overrides the rule's severity. */
  readonly severity?: Severity;
  /** Secondary locations. */
  readonly related?: Diagnostic['related'];
}

/** Make a diagnostic of `rule` from a finding. */
export function report(rule: Pick<Rule, 'code' | 'severity'>, f: Finding): Diagnostic {
  return {
    code: rule.code,
    severity: f.severity ?? rule.severity,
    message: f.message,
    span: f.span,
    ...(f.hint !== undefined ? { hint: f.hint } : {}),
    ...(f.related !== undefined ? { related: f.related } : {}),
  };
}

/** `Fact «x»`, `Act «x»`, `Duty «x»`: how messages name a frame. */
export function frameLabel(f: { readonly kind: 'Fact' | 'Act' | 'Duty'; readonly name: string }): string {
  switch (f.kind) {
    case 'Fact':
      return `Fact «${f.name}»`;
    case 'Act':
      return `Act «${f.name}»`;
    case 'Duty':
      return `Duty «${f.name}»`;
  }
}

/** `fact`, `act`, `duty` with a capital: `Fact`, `Act`, `Duty`. */
export function kindWord(frame: 'fact' | 'act' | 'duty'): 'Fact' | 'Act' | 'Duty' {
  return frame === 'fact' ? 'Fact' : frame === 'act' ? 'Act' : 'Duty';
}

/** Visit every expression of every frame (parents first), with the frame it belongs to. */
export function eachExpr(ctx: CheckContext, visit: (e: Expr, owner: FrameDecl) => void): void {
  for (const owner of ctx.frames) {
    for (const root of frameExpressions(owner)) walkExpr(root, (e) => visit(e, owner));
  }
}

/** True when the fact is derived by a function (not an input fact, not `created`). */
export function isDerived(f: FactDecl): boolean {
  const d = staticDefinition(f);
  return d !== null && d.kind !== 'Created';
}

/** The fact, act and duty references inside `e`, in order. */
export function refsIn(e: Expr | null): Ref[] {
  const out: Ref[] = [];
  if (e)
    walkExpr(e, (x) => {
      if (x.kind === 'Ref') out.push(x);
    });
  return out;
}
