/**
 * A minimal FLINT JSON → AST converter following the mapping table of docs/architecture.md.
 * Used by the discipl compatibility profile only when no importer is injected; the engine's
 * real importer lives in src/interchange. Spans are synthetic (zero-width at the file start).
 */
import type {
  ActDecl,
  Decl,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  JsonValue,
  MetaEntry,
  Model,
  Ref,
} from '../../model/ast.js';
import { emptySpan } from '../../model/span.js';
import type { Span } from '../../model/span.js';

const BRACKETS: readonly [RegExp, Ref['frame']][] = [
  [/^<<(.+)>>$/s, 'act'],
  [/^\[(.+)\]$/s, 'fact'],
  [/^<(.+)>$/s, 'duty'],
];

function splitName(raw: string): { frame: Ref['frame']; name: string } {
  for (const [re, frame] of BRACKETS) {
    const m = re.exec(raw);
    if (m?.[1] !== undefined) return { frame, name: m[1] };
  }
  return { frame: 'fact', name: raw };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Convert one FLINT JSON expression to an AST expression (`null` for "no expression"). */
export function fallbackImportExpression(value: unknown, file = '<expression>'): Expr | null {
  const span = emptySpan(file);
  return convert(value, span);
}

function convert(value: unknown, span: Span): Expr {
  if (typeof value === 'string') {
    const { frame, name } = splitName(value);
    return { kind: 'Ref', frame, name, args: [], span };
  }
  if (!isRecord(value)) return { kind: 'Call', fn: String(undefined), args: [], span };
  const op = value['expression'];
  const operands = Array.isArray(value['operands']) ? value['operands'].map((o) => convert(o, span)) : [];
  switch (op) {
    case 'AND':
    case 'OR':
      return { kind: 'Nary', op: op === 'AND' ? 'and' : 'or', operands, span };
    case 'NOT':
      return { kind: 'Unary', op: 'not', operand: convert(value['operand'], span), span };
    case 'EQUAL':
      return { kind: 'Compare', op: 'eq', operands, span };
    case 'LESS_THAN':
      return { kind: 'Compare', op: 'le', operands, span };
    case 'SUM':
    case 'PRODUCT':
    case 'MIN':
    case 'MAX':
      return { kind: 'Call', fn: op.toLowerCase(), args: operands, span };
    case 'LITERAL': {
      const v = value['operand'];
      if (typeof v === 'boolean') return { kind: 'Literal', type: 'boolean', value: v, span };
      if (typeof v === 'number')
        return Number.isInteger(v)
          ? { kind: 'Literal', type: 'integer', value: String(v), span }
          : { kind: 'Literal', type: 'decimal', value: String(v), span };
      return { kind: 'Literal', type: 'text', value: typeof v === 'string' ? v : JSON.stringify(v ?? null), span };
    }
    case 'IS': {
      const v = value['operand'];
      return { kind: 'Is', identity: v === 'ANYONE' ? null : typeof v === 'string' ? v : String(v), span };
    }
    case 'LIST':
      return { kind: 'List', name: str(value['name']), item: convert(value['items'], span), span };
    case 'CREATE':
      return { kind: 'Created', operands, span };
    case 'PROJECTION': {
      const ctx = Array.isArray(value['context']) ? value['context'] : [];
      const scope = value['scope'] === 'all' || value['scope'] === 'some' ? value['scope'] : 'single';
      return {
        kind: 'Projection',
        scope,
        context: ctx.map((c) => splitName(String(c)).name),
        operand: convert(value['operand'] ?? value['fact'], span),
        span,
      };
    }
    default:
      // Unknown operators are kept as a call of that name so evaluators can report them.
      return { kind: 'Call', fn: String(op), args: operands, span };
  }
}

function optExpr(v: unknown, span: Span, emptyIsNull: boolean): Expr | null {
  if (v === undefined || v === null) return null;
  if (emptyIsNull && (v === '' || v === '[]')) return null;
  return convert(v, span);
}

function effects(v: unknown, span: Span): Effect[] {
  const names: string[] = Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [...v.matchAll(/<<[^>]+>>|<[^>]+>|\[[^\]]+\]/g)].map((m) => m[0])
      : [];
  return names.map((n) => {
    const { frame, name } = splitName(n);
    return { kind: 'Effect', frame, name, args: [], span };
  });
}

function meta(obj: Record<string, unknown>, skip: readonly string[], span: Span): MetaEntry[] {
  return Object.keys(obj)
    .filter((k) => !skip.includes(k))
    .map((k) => ({ kind: 'Meta', key: k, value: obj[k] as JsonValue, span }));
}

/** Convert a parsed FLINT JSON model to the AST (no diagnostics: malformed parts are skipped). */
export function fallbackImportModel(value: unknown, file: string): Model {
  const span = emptySpan(file);
  const root = isRecord(value) ? value : {};
  const list = (k: string): Record<string, unknown>[] =>
    Array.isArray(root[k]) ? (root[k] as unknown[]).filter(isRecord) : [];
  const common = { params: [], sources: [], explanation: null, span, nameSpan: span };
  const decls: Decl[] = [];
  for (const a of list('acts')) {
    const name = splitName(String(a['act'] ?? '')).name;
    const extra: MetaEntry[] = [];
    if (typeof a['create'] === 'string') extra.push({ kind: 'Meta', key: 'createText', value: a['create'], span });
    if (typeof a['terminate'] === 'string')
      extra.push({ kind: 'Meta', key: 'terminateText', value: a['terminate'], span });
    const act: ActDecl = {
      kind: 'Act',
      ...common,
      name,
      actor: optExpr(a['actor'], span, false),
      action: typeof a['action'] === 'string' ? splitName(a['action']).name : null,
      object: optExpr(a['object'], span, false),
      recipient: optExpr(a['recipient'], span, false),
      preconditions: optExpr(a['preconditions'], span, true),
      creates: effects(a['create'], span),
      terminates: effects(a['terminate'], span),
      meta: [...extra, ...meta(a, ['act', 'actor', 'action', 'object', 'recipient', 'preconditions', 'create', 'terminate'], span)],
    };
    decls.push(act);
  }
  for (const f of list('facts')) {
    const fn = f['function'];
    const fact: FactDecl = {
      kind: 'Fact',
      ...common,
      name: splitName(String(f['fact'] ?? '')).name,
      type: { kind: 'PrimitiveType', name: 'boolean', span },
      definition: fn === '[]' || fn === '' || fn === undefined || fn === null ? null : convert(fn, span),
      closed: false,
      meta: meta(f, ['fact', 'function'], span),
    };
    decls.push(fact);
  }
  for (const d of list('duties')) {
    const duty: DutyDecl = {
      kind: 'Duty',
      ...common,
      name: splitName(String(d['duty'] ?? '')).name,
      holder: optExpr(d['duty-holder'], span, false),
      claimant: optExpr(d['claimant'], span, false),
      createdBy: [],
      terminatedBy: [],
      enforcedBy: [],
      deadline: null,
      violation: null,
      components: [],
      meta: meta(d, ['duty', 'duty-holder', 'claimant'], span),
    };
    decls.push(duty);
  }
  return { kind: 'Model', header: null, declarations: decls, span };
}
