import type {
  ActDecl,
  Decl,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  FrameDecl,
  Import,
  Model,
  Param,
  SourceDecl,
} from './ast.js';
import { atBoundary, textAtBoundary } from './guard.js';

/** The expressions of the month ranges of aggregate bindings (`m: month in a .. b`), in order. */
function rangeExprs(bindings: readonly Param[]): Expr[] {
  const out: Expr[] = [];
  for (const b of bindings) {
    if (b.range === undefined) continue;
    out.push(b.range.from);
    if (b.range.to !== null) out.push(b.range.to);
  }
  return out;
}

/** The direct sub-expressions of `e`, in evaluation order. */
export function subExpressions(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'Literal':
    case 'Var':
    case 'Now':
    case 'Is':
      return [];
    case 'Ref':
      return e.args;
    case 'Member':
      return [e.object];
    case 'Unary':
      return [e.operand];
    case 'Nary':
    case 'Compare':
      return e.operands;
    case 'Call':
      return e.args;
    case 'Aggregate':
      return [...rangeExprs(e.bindings), ...(e.where ? [e.where] : []), ...(e.body ? [e.body] : [])];
    case 'Conditional':
      return [e.condition, e.then, e.otherwise];
    case 'Created':
      return e.operands;
    case 'Projection':
      return [e.operand];
    case 'List':
      return [e.item];
  }
}

/** Visit `e` and every expression beneath it, parents before children. */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  for (const c of subExpressions(e)) walkExpr(c, visit);
}

/** The top-level expressions of a frame (actor, preconditions, definition, ...), in field order. */
export function frameExpressions(f: FrameDecl): readonly Expr[] {
  const out: Expr[] = [];
  const add = (e: Expr | null): void => {
    if (e) out.push(e);
  };
  add(f.appliesAsOf ?? null);
  switch (f.kind) {
    case 'Fact':
      add(f.definition);
      break;
    case 'Act':
      add(f.actor);
      add(f.object);
      add(f.recipient);
      add(f.preconditions);
      for (const eff of [...f.creates, ...f.terminates]) out.push(...eff.args);
      break;
    case 'Duty':
      add(f.holder);
      add(f.claimant);
      for (const r of [...f.createdBy, ...f.terminatedBy, ...f.enforcedBy]) out.push(r);
      add(f.deadline?.value ?? null);
      add(f.violation);
      out.push(...f.components);
      break;
  }
  for (const v of f.variants ?? []) {
    add(v.definition);
    add(v.preconditions);
    for (const eff of [...(v.creates ?? []), ...(v.terminates ?? [])]) out.push(...eff.args);
    add(v.deadline?.value ?? null);
  }
  return out;
}

/**
 * The definitions of a fact: its own and each variant's (grammar/README.md#versions), in order; empty for an input
 * fact.
 */
export function factDefinitions(f: FactDecl): readonly Expr[] {
  const out: Expr[] = f.definition ? [f.definition] : [];
  for (const v of f.variants ?? []) if (v.definition) out.push(v.definition);
  return out;
}

/**
 * A fact's definition for static analysis (dependencies, graphs, plans): its own, or with variants per version of
 * the law the `or` of the variants' definitions, so that everything any version reads counts as read. Never
 * evaluated: the interpreter picks one variant by date.
 */
export function staticDefinition(f: FactDecl): Expr | null {
  const defs = factDefinitions(f);
  if (defs.length <= 1) return defs[0] ?? null;
  return { kind: 'Nary', op: 'or', operands: defs, span: (defs[0] as Expr).span };
}

/** An act's preconditions: its own and each variant's (grammar/README.md#versions), in order. */
export function actPreconditions(a: ActDecl): readonly Expr[] {
  const out: Expr[] = a.preconditions ? [a.preconditions] : [];
  for (const v of a.variants ?? []) if (v.preconditions) out.push(v.preconditions);
  return out;
}

/**
 * An act's preconditions for static analysis: its own, or with variants per version of the law the `or` of the
 * variants' preconditions (what some version allows). Never evaluated: the interpreter picks one variant by date.
 */
export function staticPreconditions(a: ActDecl): Expr | null {
  const all = actPreconditions(a);
  if (all.length <= 1) return all[0] ?? null;
  return { kind: 'Nary', op: 'or', operands: all, span: (all[0] as Expr).span };
}

/** An act's effects with those of its variants (grammar/README.md#versions): what some version creates/ends. */
export function staticEffects(a: ActDecl): { creates: readonly Effect[]; terminates: readonly Effect[] } {
  const variants = a.variants ?? [];
  if (variants.length === 0) return a;
  return {
    creates: [...a.creates, ...variants.flatMap((v) => v.creates ?? [])],
    terminates: [...a.terminates, ...variants.flatMap((v) => v.terminates ?? [])],
  };
}

/** True when a fact is derived: it has a definition, its own or in a variant. */
export function isDerivedFact(f: FactDecl): boolean {
  return f.definition !== null || (f.variants ?? []).some((v) => v.definition !== null);
}

const isKind =
  <K extends Decl['kind']>(kind: K) =>
  (d: Decl): d is Extract<Decl, { kind: K }> =>
    d.kind === kind;

/** The fact frames of a model, in order. */
export const factsOf = (m: Model): FactDecl[] =>
  atBoundary(
    'factsOf',
    () => [],
    () => m.declarations.filter(isKind('Fact')),
  );
/** The act frames of a model, in order. */
export const actsOf = (m: Model): ActDecl[] =>
  atBoundary(
    'actsOf',
    () => [],
    () => m.declarations.filter(isKind('Act')),
  );
/** The duty frames of a model, in order. */
export const dutiesOf = (m: Model): DutyDecl[] =>
  atBoundary(
    'dutiesOf',
    () => [],
    () => m.declarations.filter(isKind('Duty')),
  );
/** The source blocks of a model, in order. */
export const sourceDeclsOf = (m: Model): SourceDecl[] =>
  atBoundary(
    'sourceDeclsOf',
    () => [],
    () => m.declarations.filter(isKind('Source')),
  );
/** The imports of a model, in order. */
export const importsOf = (m: Model): Import[] =>
  atBoundary(
    'importsOf',
    () => [],
    () => m.declarations.filter(isKind('Import')),
  );
/** All frames (facts, acts, duties) in declaration order. */
export const framesOf = (m: Model): FrameDecl[] =>
  atBoundary(
    'framesOf',
    () => [],
    () => m.declarations.filter((d): d is FrameDecl => d.kind === 'Fact' || d.kind === 'Act' || d.kind === 'Duty'),
  );

/** Bracketed display name: `[x]`, `<<x>>`, `<x>`. */
export function displayName(frame: 'fact' | 'act' | 'duty', name: string): string {
  return textAtBoundary('displayName', () => {
    return frame === 'fact' ? `[${name}]` : frame === 'act' ? `<<${name}>>` : `<${name}>`;
  });
}

/**
 * A deep copy of `value` without `span`, `nameSpan` and `idSpan` keys: what round-trip tests compare.
 */
export function stripSpans<T>(value: T): T {
  return atBoundary(
    'stripSpans',
    () => value,
    () => {
      if (Array.isArray(value)) return value.map((v: unknown) => stripSpans(v)) as T;
      if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (k === 'span' || k === 'nameSpan' || k === 'idSpan' || k === 'labelSpan') continue;
          out[k] = stripSpans(v);
        }
        return out as T;
      }
      return value;
    },
  );
}
