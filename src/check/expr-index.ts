/**
 * The expressions of a model indexed once per check (issue 13 §2): the rules that used to walk every expression of
 * every frame again (`unknown-reference`, `unused-fact`, `implicit-input-fact`, the implicit facts,
 * `derivation-cycle`) read these lists instead. Built in the same walk that collects {@link CheckContext.refs}, in
 * the same order as {@link eachExpr} visits (frames in declaration order, each frame's expressions in field order,
 * parents before children), so every diagnostic comes out as before.
 */
import type { Aggregate, Expr, FactDecl, FrameDecl, Projection, Ref } from '../model/ast.js';
import { factDefinitions, frameExpressions, subExpressions } from '../model/walk.js';
import type { CheckContext, FoundRef } from './context.js';

/** A projection or aggregate found in a frame, with the frame that contains it. */
export interface FoundShape {
  readonly node: Projection | Aggregate;
  readonly owner: FrameDecl;
}

/** What one walk over every expression of a model finds. */
export interface ExprIndex {
  /** Every fact/act/duty reference and effect, in declaration order (what {@link CheckContext.refs} holds). */
  readonly refs: readonly FoundRef[];
  /** Every projection and aggregate, in the order {@link eachExpr} visits them. */
  readonly shapes: readonly FoundShape[];
  /**
   * The references in the definitions of each fact (its own and its variants', preorder), by name: for the last fact
   * of each name, as `facts` holds it.
   */
  readonly definitionRefs: ReadonlyMap<string, { readonly fact: FactDecl; readonly refs: readonly Ref[] }>;
}

const indexes = new WeakMap<CheckContext, ExprIndex>();

/** Walk every expression of `frames` once. */
export function buildExprIndex(frames: readonly FrameDecl[]): ExprIndex {
  const refs: FoundRef[] = [];
  const shapes: FoundShape[] = [];
  const definitionRefs = new Map<string, { fact: FactDecl; refs: Ref[] }>();
  const stack: Expr[] = [];
  for (const owner of frames) {
    if (owner.kind === 'Act') {
      for (const eff of owner.creates) refs.push({ node: eff, owner });
      for (const eff of owner.terminates) refs.push({ node: eff, owner });
    }
    // A fact's definitions: its own and its variants' (grammar/README.md#versions), in the order of its expressions.
    const defRoots = owner.kind === 'Fact' ? factDefinitions(owner) : null;
    const defs: Ref[] | null = defRoots === null ? null : [];
    if (defs !== null) definitionRefs.set(owner.name, { fact: owner as FactDecl, refs: defs });
    for (const root of frameExpressions(owner)) {
      const here = defRoots?.includes(root) ? defs : null;
      stack.push(root);
      // Preorder with an explicit stack: children pushed last to first, so they come off first to last.
      for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
        if (x.kind === 'Ref') {
          refs.push({ node: x, owner });
          if (here !== null) here.push(x);
        } else if (x.kind === 'Projection' || x.kind === 'Aggregate') shapes.push({ node: x, owner });
        const subs = subExpressions(x);
        for (let i = subs.length - 1; i >= 0; i--) stack.push(subs[i] as Expr);
      }
    }
  }
  return { refs, shapes, definitionRefs };
}

/** Register the index built for `ctx` (by `createContext`). */
export function setExprIndex(ctx: CheckContext, index: ExprIndex): void {
  indexes.set(ctx, index);
}

/** The index of `ctx`'s model: the one `createContext` built, or built now for a context made otherwise. */
export function exprIndex(ctx: CheckContext): ExprIndex {
  let index = indexes.get(ctx);
  if (index === undefined) {
    const built = buildExprIndex(ctx.frames);
    index = { ...built, refs: ctx.refs };
    indexes.set(ctx, index);
  }
  return index;
}

/**
 * The fact, act and duty references in the static definition of `f` (its own and its variants', in order): what
 * `refsIn(staticDefinition(f))` gives, read from the index.
 */
export function definitionRefs(ctx: CheckContext, f: FactDecl): readonly Ref[] {
  const found = exprIndex(ctx).definitionRefs.get(f.name);
  if (found !== undefined && found.fact === f) return found.refs;
  const out: Ref[] = [];
  for (const d of factDefinitions(f)) preorderRefs(d, out);
  return out;
}

function preorderRefs(e: Expr, out: Ref[]): void {
  const stack: Expr[] = [e];
  for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
    if (x.kind === 'Ref') out.push(x);
    const subs = subExpressions(x);
    for (let i = subs.length - 1; i >= 0; i--) stack.push(subs[i] as Expr);
  }
}

/** The references of a model sorted once by what the rules ask of each (see {@link refClasses}). */
export interface RefClasses {
  /** The references whose name is not declared as a frame of their kind, in the order of `ctx.refs`. */
  readonly undeclared: readonly FoundRef[];
  /** The references whose name is empty or blank, in the order of `ctx.refs`. */
  readonly blank: readonly FoundRef[];
  /** The names of the facts referred to by a frame other than the fact itself. */
  readonly factsUsedElsewhere: ReadonlySet<string>;
}

const classes = new WeakMap<CheckContext, RefClasses>();

/** True for a name that is empty or whitespace only (`name.trim() === ''`), without copying the common name. */
export function isBlank(name: string): boolean {
  if (name.length === 0) return true;
  const c = name.charCodeAt(0);
  // Printable ASCII other than the space is never whitespace.
  if (c > 32 && c < 127) return false;
  return name.trim() === '';
}

/**
 * One pass over the references of `ctx` for `unknown-reference`, `empty-name`, `unused-fact` and the implicit
 * facts, which each used to test all of them again (issue 13 §2). Computed on first use.
 */
export function refClasses(ctx: CheckContext): RefClasses {
  let found = classes.get(ctx);
  if (found === undefined) {
    const undeclared: FoundRef[] = [];
    const blank: FoundRef[] = [];
    const factsUsedElsewhere = new Set<string>();
    for (const r of ctx.refs) {
      const { node, owner } = r;
      if (isBlank(node.name)) blank.push(r);
      if (!ctx.isDeclared(node.frame, node.name)) undeclared.push(r);
      if (node.frame === 'fact' && !(owner.kind === 'Fact' && owner.name === node.name))
        factsUsedElsewhere.add(node.name);
    }
    found = { undeclared, blank, factsUsedElsewhere };
    classes.set(ctx, found);
  }
  return found;
}
