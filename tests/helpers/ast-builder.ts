/**
 * A small builder for Model ASTs in tests that do not go through the parser. Every node gets a
 * distinct synthetic span in file `test.flint` (offsets increase in creation order), so
 * diagnostics stay distinguishable and sortable.
 */
import type {
  ActDecl,
  Decl,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  Header,
  Literal,
  Model,
  Param,
  PrimitiveTypeName,
  Ref,
  SourceDecl,
  SourceRef,
  TypeRef,
} from '../../src/model/ast.js';
import type { Span } from '../../src/model/span.js';

let counter = 0;
/** A fresh one-character span on its own line (line = offset + 1). */
export function span(file = 'test.flint'): Span {
  const offset = counter++;
  return {
    file,
    start: { line: offset + 1, column: 1, offset },
    end: { line: offset + 1, column: 2, offset: offset + 1 },
  };
}

/** `boolean`, `integer`, ... */
export const prim = (name: PrimitiveTypeName): TypeRef => ({ kind: 'PrimitiveType', name, span: span() });
/** `[name]` as a type. */
export const ftype = (name: string): TypeRef => ({ kind: 'FactType', name, span: span() });
/** `name: type`. */
export const param = (name: string, type: TypeRef): Param => ({ kind: 'Param', name, type, span: span() });

/** Literals. */
export const lit = {
  bool: (value: boolean): Literal => ({ kind: 'Literal', type: 'boolean', value, span: span() }),
  int: (value: number): Literal => ({ kind: 'Literal', type: 'integer', value: String(value), span: span() }),
  dec: (value: string): Literal => ({ kind: 'Literal', type: 'decimal', value, span: span() }),
  text: (value: string): Literal => ({ kind: 'Literal', type: 'text', value, span: span() }),
  date: (value: string): Literal => ({ kind: 'Literal', type: 'date', value, span: span() }),
  duration: (value: string): Literal => ({ kind: 'Literal', type: 'duration', value, span: span() }),
};

/** `[name](args)`. */
export const fact = (name: string, ...args: Expr[]): Ref => ({ kind: 'Ref', frame: 'fact', name, args, span: span() });
/** `<<name>>(args)`. */
export const actRef = (name: string, ...args: Expr[]): Ref => ({ kind: 'Ref', frame: 'act', name, args, span: span() });
/** `<name>(args)`. */
export const dutyRef = (name: string, ...args: Expr[]): Ref => ({
  kind: 'Ref',
  frame: 'duty',
  name,
  args,
  span: span(),
});
/** A bare identifier. */
export const v = (name: string): Expr => ({ kind: 'Var', name, span: span() });
/** `a and b ...`. */
export const and = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'and', operands, span: span() });
/** `a or b ...`. */
export const or = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'or', operands, span: span() });
/** `a + b ...`. */
export const add = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'add', operands, span: span() });
/** `a - b ...`. */
export const sub = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'sub', operands, span: span() });
/** `not x`. */
export const not = (operand: Expr): Expr => ({ kind: 'Unary', op: 'not', operand, span: span() });
/** A comparison chain. */
export const cmp = (op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', ...operands: Expr[]): Expr => ({
  kind: 'Compare',
  op,
  operands,
  span: span(),
});
/** A built-in call. */
export const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'Call', fn, args, span: span() });
/** `created`. */
export const created = (): Expr => ({ kind: 'Created', operands: [], span: span() });
/** An effect `[x](args)` / `<x>(args)`. */
export const effect = (frame: 'fact' | 'duty', name: string, ...args: Expr[]): Effect => ({
  kind: 'Effect',
  frame,
  name,
  args,
  span: span(),
});
/** `sources: id`. */
export const sref = (id: string): SourceRef => ({ kind: 'SourceRef', id, span: span() });

interface FrameOpts {
  readonly params?: readonly Param[];
  readonly sources?: readonly string[];
}

/** A fact declaration; boolean input fact by default. */
export function factDecl(
  name: string,
  o: FrameOpts & { type?: TypeRef; definition?: Expr | null; closed?: boolean } = {},
): FactDecl {
  return {
    kind: 'Fact',
    name,
    nameSpan: span(),
    params: o.params ?? [],
    sources: (o.sources ?? []).map(sref),
    explanation: null,
    meta: [],
    type: o.type ?? prim('boolean'),
    definition: o.definition ?? null,
    closed: o.closed ?? false,
    span: span(),
  };
}

/** An act declaration. */
export function actDecl(
  name: string,
  o: FrameOpts & {
    actor?: Expr | null;
    object?: Expr | null;
    recipient?: Expr | null;
    preconditions?: Expr | null;
    creates?: Effect[];
    terminates?: Effect[];
  } = {},
): ActDecl {
  return {
    kind: 'Act',
    name,
    nameSpan: span(),
    params: o.params ?? [],
    sources: (o.sources ?? []).map(sref),
    explanation: null,
    meta: [],
    actor: o.actor ?? null,
    action: null,
    object: o.object ?? null,
    recipient: o.recipient ?? null,
    preconditions: o.preconditions ?? null,
    creates: o.creates ?? [],
    terminates: o.terminates ?? [],
    span: span(),
  };
}

/** A duty declaration. */
export function dutyDecl(
  name: string,
  o: FrameOpts & {
    holder?: Expr | null;
    claimant?: Expr | null;
    createdBy?: string[];
    terminatedBy?: string[];
    enforcedBy?: string[];
  } = {},
): DutyDecl {
  return {
    kind: 'Duty',
    name,
    nameSpan: span(),
    params: o.params ?? [],
    sources: (o.sources ?? []).map(sref),
    explanation: null,
    meta: [],
    holder: o.holder ?? null,
    claimant: o.claimant ?? null,
    createdBy: (o.createdBy ?? []).map((n) => actRef(n)),
    terminatedBy: (o.terminatedBy ?? []).map((n) => actRef(n)),
    enforcedBy: (o.enforcedBy ?? []).map((n) => actRef(n)),
    deadline: null,
    violation: null,
    components: [],
    span: span(),
  };
}

/** A source block. */
export function sourceDecl(
  id: string,
  o: Partial<Pick<SourceDecl, 'juriconnect' | 'citation' | 'validFrom' | 'validTo' | 'text'>> = {},
): SourceDecl {
  return {
    kind: 'Source',
    id,
    idSpan: span(),
    juriconnect: o.juriconnect ?? null,
    eli: null,
    url: null,
    citation: o.citation ?? null,
    text: o.text ?? null,
    validFrom: o.validFrom ?? null,
    validTo: o.validTo ?? null,
    explanation: null,
    meta: [],
    span: span(),
  };
}

/** A model of `declarations`, with a header when `versionDate` is given. */
export function model(declarations: readonly Decl[], versionDate: string | null = null, file = 'test.flint'): Model {
  const header: Header | null =
    versionDate === null
      ? null
      : { kind: 'Header', title: 'T', language: null, jurisdiction: null, versionDate, meta: [], span: span(file) };
  return {
    kind: 'Model',
    header,
    declarations,
    span: { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  };
}
