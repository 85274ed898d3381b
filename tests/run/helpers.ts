/** A tiny builder for Model ASTs in tests (spans are synthetic). */
import type {
  ActDecl,
  Decl,
  DeadlineAtw,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  Model,
  Param,
  PrimitiveTypeName,
  Ref,
  SourceDecl,
  TypeRef,
} from '../../src/model/ast.js';
import { emptySpan } from '../../src/model/span.js';

const span = emptySpan('test.flint');

export const t = (name: PrimitiveTypeName): TypeRef => ({ kind: 'PrimitiveType', name, span });
export const ft = (name: string): TypeRef => ({ kind: 'FactType', name, span });
export const param = (name: string, type: TypeRef): Param => ({ kind: 'Param', name, type, span });

export const ref = (name: string, ...args: Expr[]): Ref => ({ kind: 'Ref', frame: 'fact', name, args, span });
export const dutyRef = (name: string, ...args: Expr[]): Ref => ({ kind: 'Ref', frame: 'duty', name, args, span });
export const actRef = (name: string, ...args: Expr[]): Ref => ({ kind: 'Ref', frame: 'act', name, args, span });
export const v = (name: string): Expr => ({ kind: 'Var', name, span });
export const and = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'and', operands, span });
export const or = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'or', operands, span });
export const add = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'add', operands, span });
export const sub = (...operands: Expr[]): Expr => ({ kind: 'Nary', op: 'sub', operands, span });
export const not = (operand: Expr): Expr => ({ kind: 'Unary', op: 'not', operand, span });
export const cmp = (op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', ...operands: Expr[]): Expr => ({
  kind: 'Compare',
  op,
  operands,
  span,
});
export const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'Call', fn, args, span });
export const bool = (value: boolean): Expr => ({ kind: 'Literal', type: 'boolean', value, span });
export const int = (value: string): Expr => ({ kind: 'Literal', type: 'integer', value, span });
export const dec = (value: string): Expr => ({ kind: 'Literal', type: 'decimal', value, span });
export const text = (value: string): Expr => ({ kind: 'Literal', type: 'text', value, span });
export const date = (value: string): Expr => ({ kind: 'Literal', type: 'date', value, span });
export const dur = (value: string): Expr => ({ kind: 'Literal', type: 'duration', value, span });
export const now: Expr = { kind: 'Now', span };
export const is = (identity: string | null): Expr => ({ kind: 'Is', identity, span });
export const agg = (
  op: 'count' | 'exists' | 'forall' | 'sum' | 'min' | 'max',
  bindings: Param[],
  where: Expr | null,
  body: Expr | null = null,
): Expr => ({ kind: 'Aggregate', op, bindings, where, body, span });

export function fact(
  name: string,
  o: {
    params?: Param[];
    type?: TypeRef;
    definition?: Expr | null;
    closed?: boolean;
    sources?: string[];
    explanation?: string;
  } = {},
): FactDecl {
  return {
    kind: 'Fact',
    name,
    nameSpan: span,
    params: o.params ?? [],
    sources: (o.sources ?? []).map((id) => ({ kind: 'SourceRef', id, span })),
    explanation: o.explanation ?? null,
    meta: [],
    span,
    type: o.type ?? t('boolean'),
    definition: o.definition ?? null,
    closed: o.closed ?? false,
  };
}

export const eff = (frame: 'fact' | 'duty', name: string, ...args: Expr[]): Effect => ({
  kind: 'Effect',
  frame,
  name,
  args,
  span,
});

export function act(
  name: string,
  o: {
    params?: Param[];
    actor?: Expr | null;
    object?: Expr | null;
    recipient?: Expr | null;
    preconditions?: Expr | null;
    creates?: Effect[];
    terminates?: Effect[];
    sources?: string[];
    explanation?: string;
  } = {},
): ActDecl {
  return {
    kind: 'Act',
    name,
    nameSpan: span,
    params: o.params ?? [],
    sources: (o.sources ?? []).map((id) => ({ kind: 'SourceRef', id, span })),
    explanation: o.explanation ?? null,
    meta: [],
    span,
    actor: o.actor ?? null,
    action: name,
    object: o.object ?? null,
    recipient: o.recipient ?? null,
    preconditions: o.preconditions ?? null,
    creates: o.creates ?? [],
    terminates: o.terminates ?? [],
  };
}

export function duty(
  name: string,
  o: {
    params?: Param[];
    holder?: Expr | null;
    deadline?: { form: 'within' | 'by'; value: Expr; atw?: DeadlineAtw | null } | null;
    violation?: Expr | null;
    terminatedBy?: string[];
    sources?: string[];
  } = {},
): DutyDecl {
  return {
    kind: 'Duty',
    name,
    nameSpan: span,
    params: o.params ?? [],
    sources: (o.sources ?? []).map((id) => ({ kind: 'SourceRef', id, span })),
    explanation: null,
    meta: [],
    span,
    holder: o.holder ?? null,
    claimant: null,
    createdBy: [],
    terminatedBy: (o.terminatedBy ?? []).map((n) => actRef(n)),
    enforcedBy: [],
    deadline: o.deadline
      ? { kind: 'Deadline', form: o.deadline.form, value: o.deadline.value, atw: o.deadline.atw ?? null, span }
      : null,
    violation: o.violation ?? null,
    components: [],
  };
}

export function source(
  id: string,
  o: {
    citation?: string;
    validFrom?: string | null;
    validTo?: string | null;
    text?: string;
    juriconnect?: string;
  } = {},
): SourceDecl {
  return {
    kind: 'Source',
    id,
    idSpan: span,
    juriconnect: o.juriconnect ?? null,
    eli: null,
    url: null,
    citation: o.citation ?? null,
    text: o.text ?? null,
    validFrom: o.validFrom ?? null,
    validTo: o.validTo ?? null,
    explanation: null,
    meta: [],
    span,
  };
}

export const model = (...declarations: Decl[]): Model => ({ kind: 'Model', header: null, declarations, span });
