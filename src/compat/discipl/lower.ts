/**
 * Lowering of the engine's AST to the shape the discipl peer evaluates: expressions become the
 * peer's string-or-operator form and frame names get back their bracketed JSON spelling
 * (`[aanvraag]`, `<<indienen>>`, `<verwelkomen>`), which is what the peer's resolver questions,
 * record keys and `create` matching use.
 */
import { Decimal } from 'decimal.js';
import type { ActDecl, DutyDecl, Expr, Model, Span } from '../../model/index.js';
import { actsOf, displayName, dutiesOf, factsOf } from '../../model/walk.js';
import type { DisciplObject } from './values.js';

/** The peer's operator names. */
export type PeerOp = 'AND' | 'OR' | 'EQUAL' | 'LESS_THAN' | 'SUM' | 'PRODUCT' | 'MIN' | 'MAX';

/** An expression in the peer's form: a string (a fact name, `"[]"`/`""` = ask the previous fact) or an operator. */
export type PeerExpr =
  | string
  | { readonly op: PeerOp; readonly operands: readonly PeerExpr[] }
  | { readonly op: 'NOT'; readonly operand: PeerExpr }
  | { readonly op: 'LITERAL'; readonly value: boolean | string | Decimal | undefined }
  | { readonly op: 'IS'; readonly identity: string | null }
  | { readonly op: 'LIST'; readonly name: string | null; readonly items: PeerExpr }
  | { readonly op: 'CREATE' }
  | {
      readonly op: 'PROJECTION';
      readonly scope: 'single' | 'all' | 'some';
      readonly context: readonly string[];
      readonly operand: PeerExpr;
      /** The operand's JSON object as written in the model, when known: the peer asks the resolver with it first. */
      readonly operandJson?: DisciplObject;
    }
  | { readonly op: 'UNKNOWN'; readonly type: string }
  /** An expression the peer rejects when evaluated, with the peer's message. */
  | { readonly op: 'FAIL'; readonly message: string };

/** An act as the peer checks it. */
export interface PeerAct {
  readonly name: string;
  /** The record key set to the taker's `IS` expression: the `actor` field as the peer uses it as a key. */
  readonly actorKey: string;
  readonly actor: PeerExpr;
  readonly object: PeerExpr;
  readonly recipient: PeerExpr;
  /** `null` = no preconditions. */
  readonly preconditions: PeerExpr | null;
  /** Array `create` (element match) or string `create` (substring match, duties activated). */
  readonly create: readonly string[] | string;
  readonly terminate: readonly string[] | string;
}

/** A duty as the peer checks it. */
export interface PeerDuty {
  readonly name: string;
  readonly holder: PeerExpr;
}

/** The whole model in the peer's form. */
export interface PeerModel {
  /** Acts in model order (duplicates kept). */
  readonly acts: readonly PeerAct[];
  /** Fact name → definition (`null` = the function `"[]"`: ask the resolver); last definition wins. */
  readonly facts: ReadonlyMap<string, PeerExpr | null>;
  /** Duty name → duty; first definition wins. */
  readonly duties: ReadonlyMap<string, PeerDuty>;
}

/** Gives the JSON value written at a span, when the source text is known (`undefined` otherwise). */
export type RawTextAt = (span: Span) => unknown;

const noRaw: RawTextAt = () => undefined;

/** The bracketed spelling of a name, preferring the raw JSON text at `span`. */
function spelled(frame: 'fact' | 'act' | 'duty', name: string, span: Span, raw: RawTextAt): string {
  const r = raw(span);
  if (typeof r === 'string') return r;
  // The importer keeps old-dialect text ("[a] EN [b]", "NIET [x]") whole as the name.
  if (frame === 'fact' && /[[\]]/.test(name)) return name;
  return displayName(frame, name);
}

const CALLS: Readonly<Record<string, PeerOp>> = { sum: 'SUM', product: 'PRODUCT', min: 'MIN', max: 'MAX' };

/** Lower one AST expression to the peer's form. */
export function lowerExpr(e: Expr, raw: RawTextAt = noRaw): PeerExpr {
  const lo = (x: Expr): PeerExpr => lowerExpr(x, raw);
  switch (e.kind) {
    case 'Ref': {
      const r = raw(e.span);
      // The importer puts an empty reference where an operator object was invalid: fail like the peer.
      if (typeof r === 'object' && r !== null && !Array.isArray(r))
        return invalidOperator(r as Record<string, unknown>);
      return spelled(e.frame, e.name, e.span, raw);
    }
    case 'Nary':
      if (e.op === 'and' || e.op === 'or') return { op: e.op === 'and' ? 'AND' : 'OR', operands: e.operands.map(lo) };
      if (e.op === 'add' || e.op === 'mul')
        return { op: e.op === 'add' ? 'SUM' : 'PRODUCT', operands: e.operands.map(lo) };
      return { op: 'UNKNOWN', type: e.op.toUpperCase() };
    case 'Unary':
      return e.op === 'not' ? { op: 'NOT', operand: lo(e.operand) } : { op: 'UNKNOWN', type: 'NEG' };
    case 'Compare':
      if (e.op === 'eq') return { op: 'EQUAL', operands: e.operands.map(lo) };
      if (e.op === 'le') return { op: 'LESS_THAN', operands: e.operands.map(lo) };
      return { op: 'UNKNOWN', type: e.op.toUpperCase() };
    case 'Call': {
      const op = CALLS[e.fn];
      return op ? { op, operands: e.args.map(lo) } : { op: 'UNKNOWN', type: e.fn };
    }
    case 'Literal':
      if (e.type === 'boolean') return { op: 'LITERAL', value: e.value };
      if (e.type === 'integer' || e.type === 'decimal') return { op: 'LITERAL', value: new Decimal(e.value) };
      return { op: 'LITERAL', value: e.value };
    case 'Is':
      return { op: 'IS', identity: e.identity };
    case 'List':
      return { op: 'LIST', name: e.name, items: lo(e.item) };
    case 'Created':
      return { op: 'CREATE' };
    case 'Projection':
      return {
        op: 'PROJECTION',
        scope: e.scope,
        context: e.context.map((c) => (/[[\]]/.test(c) ? c : displayName('fact', c))),
        operand: lo(e.operand),
        ...jsonObjectAt(raw, e.operand.span),
      };
    default:
      return { op: 'UNKNOWN', type: e.kind };
  }
}

function metaText(frame: ActDecl, key: string): string | undefined {
  const m = frame.meta.find((x) => x.key === key);
  return m && typeof m.value === 'string' ? m.value : undefined;
}

function lowerAct(a: ActDecl, raw: RawTextAt): PeerAct {
  // A missing actor/object/recipient makes the peer ask about an undefined fact: "" does the same here.
  const item = (e: Expr | null): PeerExpr => (e ? lowerExpr(e, raw) : '');
  const actor = item(a.actor);
  const effects = (text: string | undefined, list: ActDecl['creates']): readonly string[] | string =>
    text !== undefined ? text : list.map((x) => spelled(x.frame, x.name, x.span, raw));
  return {
    name: spelled('act', a.name, a.nameSpan, raw),
    actorKey: typeof actor === 'string' ? actor : '[object Object]',
    actor,
    object: item(a.object),
    recipient: item(a.recipient),
    preconditions: a.preconditions ? lowerExpr(a.preconditions, raw) : null,
    create: effects(metaText(a, 'createText'), a.creates),
    terminate: effects(metaText(a, 'terminateText'), a.terminates),
  };
}

function lowerDuty(d: DutyDecl, raw: RawTextAt): PeerDuty {
  return { name: spelled('duty', d.name, d.nameSpan, raw), holder: d.holder ? lowerExpr(d.holder, raw) : '' };
}

/** Lower a whole model; `raw` optionally recovers the exact JSON spelling of names from their spans. */
export function lowerModel(model: Model, raw: RawTextAt = noRaw): PeerModel {
  const facts = new Map<string, PeerExpr | null>();
  for (const f of factsOf(model)) {
    facts.set(spelled('fact', f.name, f.nameSpan, raw), f.definition ? lowerExpr(f.definition, raw) : null);
  }
  const duties = new Map<string, PeerDuty>();
  for (const d of dutiesOf(model)) {
    const lowered = lowerDuty(d, raw);
    if (!duties.has(lowered.name)) duties.set(lowered.name, lowered);
  }
  return { acts: actsOf(model).map((a) => lowerAct(a, raw)), facts, duties };
}

/** `{ operandJson }` when the JSON at `span` is an object (an expression written in the model). */
function jsonObjectAt(raw: RawTextAt, span: Span): { operandJson?: DisciplObject } {
  const r = raw(span);
  return typeof r === 'object' && r !== null && !Array.isArray(r) ? { operandJson: r as DisciplObject } : {};
}

/** The peer's reaction to an operator object the importer could not read. */
function invalidOperator(o: Record<string, unknown>): PeerExpr {
  const op = o['expression'];
  if (op === 'IS') return { op: 'FAIL', message: 'A operand must be given for the IS expression' };
  if (op === 'PROJECTION') {
    const ctx = o['context'];
    if (!Array.isArray(ctx) || ctx.length === 0)
      return { op: 'FAIL', message: "A 'context' array must be given for the PROJECTION expression" };
    return { op: 'FAIL', message: "A 'operand' must be given for the PROJECTION expression" };
  }
  if (op === 'LITERAL') return { op: 'LITERAL', value: undefined };
  return { op: 'UNKNOWN', type: typeof op === 'string' ? op : 'undefined' };
}
