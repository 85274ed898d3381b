/**
 * FLINT JSON → Model AST (mapping: docs/architecture.md, details: docs/interchange.md).
 * Never throws on input: every problem is a Diagnostic with a JSON Pointer `path` and, for text, a span.
 */
import type { Decimal } from 'decimal.js';
import type {
  ActDecl,
  Decl,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  Header,
  JsonValue,
  MetaEntry,
  Model,
  Ref,
  SourceDecl,
  SourceRef,
} from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import { emptySpan } from '../model/span.js';
import { ENCODING_HINT, encodingProblem } from '../model/encoding.js';
import { DECIMAL_MAX_EXPONENT, DECIMAL_PRECISION, isDate, parseNumber } from '../model/literals.js';
import { fromPointer, Locator, MAX_JSON_DEPTH, parseJsonText, toPointer } from './json-text.js';
import type { PathSegment } from './json-text.js';
import { findNames, parseDutchDate, parseNameRef, slugify, stripFrameName, versionDates } from './names.js';
import type { NameFrame, NameRef } from './names.js';
import { FLINT_OPERATORS } from './schema.js';
import { atBoundary } from '../model/guard.js';

/** Deepest expression nesting converted (deeper expressions are diagnosed `expression-too-deep`). */
export const MAX_EXPRESSION_DEPTH = 500;

/** Meta keys the importer itself writes on frames (JSON keys with these names are reported and dropped). */
export const INTERNAL_META_KEYS = [
  'createText',
  'terminateText',
  'enforceText',
  'dutyComponentsText',
  'actionForm',
] as const;

/** Header meta key recording the dialect of the imported file when it is not the default "sources". */
export const DIALECT_META_KEY = 'flintDialect';

/** The two documentation dialects (the old textual dialect documents frames like "reference"). */
export type FlintDialect = 'sources' | 'reference';

const ACT_KEYS = ['act', 'actor', 'action', 'object', 'recipient', 'preconditions', 'create', 'terminate'];
const FACT_KEYS = ['fact', 'function'];
const DUTY_KEYS = ['duty', 'duty-holder', 'claimant', 'create', 'terminate', 'enforce', 'duty-components'];
const DOC_KEYS = ['sources', 'explanation', 'reference', 'juriconnect', 'sourcetext', 'version'];
const REFERENCE_DIALECT_KEYS = ['reference', 'juriconnect', 'sourcetext', 'version', 'art'];
const SOURCE_KEYS = ['validFrom', 'validTo', 'juriconnect', 'citation', 'text', 'explanation'];

type Path = readonly PathSegment[];
type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: JsonObject, k: string): boolean => Object.hasOwn(o, k);
const get = (o: JsonObject, k: string): unknown => (has(o, k) ? o[k] : undefined);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v} value`;
}

/** Converts one parsed FLINT JSON value, collecting diagnostics. */
class Importer {
  readonly diagnostics: Diagnostic[] = [];
  private readonly sources: SourceDecl[] = [];
  private readonly sourceByKey = new Map<string, string>();
  private readonly usedIds = new Set<string>();

  constructor(
    private readonly loc: Locator,
    private readonly base: Path = [],
  ) {}

  span(path: Path): Span {
    return this.loc.span(path);
  }

  report(code: string, severity: Diagnostic['severity'], message: string, path: Path, hint?: string): void {
    const full = [...this.base, ...path];
    this.diagnostics.push({
      code,
      severity,
      message,
      path: toPointer(full),
      span: this.span(path),
      ...(hint ? { hint } : {}),
    });
  }

  wrongType(what: string, expected: string, value: unknown, path: Path): void {
    this.report('invalid-type', 'error', `${what} must be ${expected}, not ${typeName(value)}.`, path);
  }

  missing(what: string, key: string, path: Path, hint?: string): void {
    this.report('missing-field', 'error', `${what} has no \`${key}\`.`, path, hint);
  }

  // ------------------------------------------------------------------------------------------
  // Model

  model(value: unknown): Model {
    const rootSpan = this.span([]);
    if (!isObject(value)) {
      this.wrongType('A FLINT model', 'a JSON object with `acts`, `facts` and `duties` arrays', value, []);
      return { kind: 'Model', header: null, declarations: [], span: rootSpan };
    }
    const frames: Decl[] = [];
    const lists: Array<['acts' | 'facts' | 'duties', (v: unknown, p: Path) => Decl | null]> = [
      ['acts', (v, p) => this.act(v, p)],
      ['facts', (v, p) => this.fact(v, p)],
      ['duties', (v, p) => this.duty(v, p)],
    ];
    let sourcesFrames = 0;
    let referenceFrames = 0;
    for (const [key, convert] of lists) {
      const list = get(value, key);
      if (!has(value, key)) {
        this.missing('The FLINT model', key, [], `Add \`"${key}": []\`: the peer iterates all three frame arrays.`);
        continue;
      }
      if (!Array.isArray(list)) {
        this.wrongType(`\`${key}\``, 'an array', list, [key]);
        continue;
      }
      list.forEach((item, i) => {
        if (isObject(item)) {
          if (has(item, 'sources')) sourcesFrames++;
          if (REFERENCE_DIALECT_KEYS.some((k) => has(item, k))) referenceFrames++;
        }
        const d = convert(item, [key, i]);
        if (d) frames.push(d);
      });
    }
    const dialect: FlintDialect = referenceFrames > sourcesFrames ? 'reference' : 'sources';
    const meta: MetaEntry[] = [];
    for (const k of Object.keys(value)) {
      if (k === 'acts' || k === 'facts' || k === 'duties' || k === 'model') continue;
      if (k === DIALECT_META_KEY) {
        this.report(
          'reserved-key',
          'warning',
          `The top-level key \`${k}\` is reserved by the importer; it is dropped.`,
          [k],
        );
        continue;
      }
      meta.push(this.meta(k, get(value, k), [k]));
    }
    if (dialect === 'reference') meta.push({ kind: 'Meta', key: DIALECT_META_KEY, value: 'reference', span: rootSpan });
    const title = get(value, 'model');
    if (has(value, 'model') && typeof title !== 'string')
      this.wrongType('The model title `model`', 'a string', title, ['model']);
    // Always a header: it records that the model follows the FLINT JSON conventions, so the checker treats the
    // model the same way whatever the file it is later printed to (grammar/README.md#header).
    const header: Header = {
      kind: 'Header',
      title: typeof title === 'string' ? title : '',
      language: null,
      jurisdiction: null,
      versionDate: null,
      conventions: 'flint-json',
      meta,
      span: has(value, 'model') ? this.span(['model']) : rootSpan,
    };
    return { kind: 'Model', header, declarations: [...this.sources, ...frames], span: rootSpan };
  }

  // ------------------------------------------------------------------------------------------
  // Frames

  private frameName(o: JsonObject, key: string, frame: NameFrame, what: string, path: Path): string {
    const raw = get(o, key);
    if (!has(o, key)) {
      this.missing(`${what} ${toPointer(path)}`, key, path);
      return '';
    }
    if (typeof raw !== 'string') {
      this.wrongType(`The ${what.toLowerCase()} name \`${key}\``, 'a string', raw, [...path, key]);
      return '';
    }
    const { name, bracketed } = stripFrameName(frame, raw);
    if (name === '') {
      this.report(
        'empty-name',
        'warning',
        `${what} ${toPointer(path)} has an empty name; nothing can refer to it.`,
        [...path, key],
        'Give the frame a name (the .flint syntax cannot write an empty one).',
      );
    } else if (!bracketed) {
      const form = frame === 'fact' ? '[...]' : frame === 'act' ? '<<...>>' : '<...>';
      this.report(
        'bare-name',
        'info',
        `The ${what.toLowerCase()} name "${raw}" is not written ${form}; ` +
          `it is read as the name "${name}" (old dialect).`,
        [...path, key],
        `Export writes it as ${form.replace('...', name)}.`,
      );
    }
    return name;
  }

  private common(o: JsonObject, known: readonly string[], path: Path, frameName: string) {
    const nameSpan = this.span([...path, known[0]!]);
    const sources = this.documentation(o, path, frameName);
    const explanation = this.optionalString(o, 'explanation', path);
    const meta: MetaEntry[] = [];
    for (const k of Object.keys(o)) {
      if (known.includes(k) || DOC_KEYS.includes(k)) continue;
      if ((INTERNAL_META_KEYS as readonly string[]).includes(k)) {
        this.report('reserved-key', 'warning', `The key \`${k}\` is reserved by the importer; it is dropped.`, [
          ...path,
          k,
        ]);
        continue;
      }
      meta.push(this.meta(k, get(o, k), [...path, k]));
    }
    return { nameSpan, params: [], sources, explanation, meta, span: this.span(path) };
  }

  private act(v: unknown, path: Path): ActDecl | null {
    if (!isObject(v)) {
      this.wrongType(`The act ${toPointer(path)}`, 'an object', v, path);
      return null;
    }
    const name = this.frameName(v, 'act', 'act', 'Act', path);
    const what = `The act <<${name}>>`;
    const c = this.common(v, ACT_KEYS, path, name);
    const extra: MetaEntry[] = [];
    let action: string | null = null;
    const rawAction = get(v, 'action');
    if (typeof rawAction === 'string') {
      const s = stripFrameName('fact', rawAction);
      action = s.name;
      if (!s.bracketed)
        extra.push({ kind: 'Meta', key: 'actionForm', value: 'bare', span: this.span([...path, 'action']) });
    } else if (has(v, 'action') && rawAction !== null) {
      this.wrongType(`${what}: \`action\``, 'a string', rawAction, [...path, 'action']);
    }
    const actor = this.requiredExpr(v, 'actor', what, path);
    const object = this.requiredExpr(v, 'object', what, path);
    const recipient = this.requiredExpr(v, 'recipient', what, path);
    const preconditions = this.optionalExpr(v, 'preconditions', path);
    const creates = this.effects(v, 'create', what, path, extra);
    const terminates = this.effects(v, 'terminate', what, path, extra);
    return {
      kind: 'Act',
      name,
      ...c,
      meta: [...c.meta, ...sortInternal(extra)],
      actor,
      action,
      object,
      recipient,
      preconditions,
      creates,
      terminates,
    };
  }

  private fact(v: unknown, path: Path): FactDecl | null {
    if (!isObject(v)) {
      this.wrongType(`The fact ${toPointer(path)}`, 'an object', v, path);
      return null;
    }
    const name = this.frameName(v, 'fact', 'fact', 'Fact', path);
    const c = this.common(v, FACT_KEYS, path, name);
    const definition = this.optionalExpr(v, 'function', path);
    return {
      kind: 'Fact',
      name,
      ...c,
      type: { kind: 'PrimitiveType', name: 'boolean', span: c.span },
      definition,
      closed: false,
    };
  }

  private duty(v: unknown, path: Path): DutyDecl | null {
    if (!isObject(v)) {
      this.wrongType(`The duty ${toPointer(path)}`, 'an object', v, path);
      return null;
    }
    const name = this.frameName(v, 'duty', 'duty', 'Duty', path);
    const what = `The duty <${name}>`;
    const c = this.common(v, DUTY_KEYS, path, name);
    const extra: MetaEntry[] = [];
    const holder = this.optionalExpr(v, 'duty-holder', path);
    const claimant = this.optionalExpr(v, 'claimant', path);
    const createdBy = this.actRefs(v, 'create', what, path, extra);
    const terminatedBy = this.actRefs(v, 'terminate', what, path, extra);
    const enforcedBy = this.actRefs(v, 'enforce', what, path, extra);
    let components: Expr[] = [];
    const dc = get(v, 'duty-components');
    const dcPath = [...path, 'duty-components'];
    if (Array.isArray(dc)) {
      components = dc.map((e, i) => this.expr(e, [...dcPath, i], 0));
    } else if (typeof dc === 'string') {
      extra.push({ kind: 'Meta', key: 'dutyComponentsText', value: dc, span: this.span(dcPath) });
      if (dc !== '') components = [this.expr(dc, dcPath, 0)];
    } else if (dc !== undefined && dc !== null) {
      this.wrongType(`${what}: \`duty-components\``, 'an array or a string', dc, dcPath);
    }
    return {
      kind: 'Duty',
      name,
      ...c,
      meta: [...c.meta, ...sortInternal(extra)],
      holder,
      claimant,
      createdBy,
      terminatedBy,
      enforcedBy,
      deadline: null,
      violation: null,
      components,
    };
  }

  /** Act `create`/`terminate`: an array of bracketed names, or one string whose bracketed names count. */
  private effects(o: JsonObject, key: 'create' | 'terminate', what: string, path: Path, extra: MetaEntry[]): Effect[] {
    const raw = get(o, key);
    const p = [...path, key];
    if (raw === undefined || raw === null) return [];
    if (typeof raw === 'string') {
      extra.push({ kind: 'Meta', key: `${key}Text`, value: raw, span: this.span(p) });
      return findNames(raw).map((n) => effect(n, this.span(p)));
    }
    if (!Array.isArray(raw)) {
      this.wrongType(`${what}: \`${key}\``, 'an array of names or a string', raw, p);
      return [];
    }
    const out: Effect[] = [];
    raw.forEach((el, i) => {
      if (typeof el !== 'string') this.wrongType(`${what}: \`${key}\` entry ${i}`, 'a name string', el, [...p, i]);
      else out.push(effect(parseNameRef(el), this.span([...p, i])));
    });
    return out;
  }

  /**
   * Duty `create`/`terminate`/`enforce`: act names, in a string (usually one `<<act>>`) or an array.
   * Only acts become refs (the AST holds act refs there); the raw value is kept in meta `<key>Text`
   * when it is a string or names something other than an act, so the JSON round trip loses nothing.
   */
  private actRefs(
    o: JsonObject,
    key: 'create' | 'terminate' | 'enforce',
    what: string,
    path: Path,
    extra: MetaEntry[],
  ): Ref[] {
    const raw = get(o, key);
    const p = [...path, key];
    if (raw === undefined || raw === null) return [];
    const refs: Array<{ ref: NameRef; path: Path }> = [];
    if (typeof raw === 'string') {
      for (const n of findNames(raw)) refs.push({ ref: n, path: p });
    } else if (Array.isArray(raw)) {
      raw.forEach((el, i) => {
        if (typeof el !== 'string')
          this.wrongType(`${what}: \`${key}\` entry ${i}`, 'an act name string', el, [...p, i]);
        else refs.push({ ref: parseNameRef(el), path: [...p, i] });
      });
    } else {
      this.wrongType(`${what}: \`${key}\``, 'a string or an array of act names', raw, p);
      return [];
    }
    const nonActs = refs.filter((r) => r.ref.frame !== 'act');
    for (const r of nonActs) {
      this.report(
        'not-an-act',
        'warning',
        `${what}: \`${key}\` names ${formatRef(r.ref)}, which is not an act <<...>>; it is kept only as text.`,
        r.path,
      );
    }
    if (typeof raw === 'string' || nonActs.length > 0)
      extra.push({ kind: 'Meta', key: `${key}Text`, value: this.json(raw, p, 0), span: this.span(p) });
    return refs
      .filter((r) => r.ref.frame === 'act')
      .map((r) => ({ kind: 'Ref', frame: 'act', name: r.ref.name, args: [], span: this.span(r.path) }));
  }

  // ------------------------------------------------------------------------------------------
  // Sources

  private documentation(o: JsonObject, path: Path, frameName: string): SourceRef[] {
    const refs: SourceRef[] = [];
    const list = get(o, 'sources');
    if (has(o, 'sources') && list !== null) {
      if (!Array.isArray(list)) this.wrongType('`sources`', 'an array of source objects', list, [...path, 'sources']);
      else
        list.forEach((entry, i) => {
          const id = this.sourceEntry(entry, [...path, 'sources', i], frameName);
          if (id) refs.push({ kind: 'SourceRef', id, span: this.span([...path, 'sources', i]) });
        });
    }
    const fields: Record<string, string> = {};
    for (const k of ['reference', 'juriconnect', 'sourcetext', 'version']) {
      const v = get(o, k);
      if (typeof v === 'string') fields[k] = v;
      else if (has(o, k) && v !== null) this.wrongType(`\`${k}\``, 'a string', v, [...path, k]);
    }
    if (Object.keys(fields).length > 0) {
      const span = this.span(path);
      const dates = fields.version !== undefined ? versionDates(fields.version) : { validFrom: null, validTo: null };
      for (const g of (fields.version ?? '').matchAll(/\[(\d{8})\]/g)) {
        const iso = `${g[1]!.slice(0, 4)}-${g[1]!.slice(4, 6)}-${g[1]!.slice(6)}`;
        if (!isDate(iso)) {
          this.report(
            'invalid-date',
            'warning',
            `The \`version\` date [${g[1]!}] is not a calendar date in the years ` +
              `0001 to 9999; the source gets no validity from it.`,
            [...path, 'version'],
          );
        }
      }
      const id = this.newId(slugify(fields.reference ?? '') || slugify(frameName) || 'source');
      this.sources.push({
        kind: 'Source',
        id,
        idSpan: span,
        juriconnect: fields.juriconnect ?? null,
        eli: null,
        url: null,
        citation: fields.reference ?? null,
        text: fields.sourcetext ?? null,
        validFrom: dates.validFrom,
        validTo: dates.validTo,
        explanation: null,
        meta:
          fields.version !== undefined
            ? [{ kind: 'Meta', key: 'version', value: fields.version, span: this.span([...path, 'version']) }]
            : [],
        span,
      });
      refs.push({ kind: 'SourceRef', id, span });
    }
    return refs;
  }

  /** A "sources"-dialect entry → the id of its SourceDecl (identical entries share one). */
  private sourceEntry(entry: unknown, path: Path, frameName: string): string | null {
    if (!isObject(entry)) {
      this.wrongType('A source entry', 'an object', entry, path);
      return null;
    }
    const key = canonicalJson(entry);
    const known = this.sourceByKey.get(key);
    if (known) return known;
    const str = (k: string): string | null => {
      const v = get(entry, k);
      if (typeof v === 'string') return v;
      if (has(entry, k) && v !== null) this.wrongType(`The source field \`${k}\``, 'a string', v, [...path, k]);
      return null;
    };
    const meta: MetaEntry[] = [];
    const date = (k: 'validFrom' | 'validTo'): string | null => {
      const raw = str(k);
      if (raw === null) return null;
      const iso = parseDutchDate(raw);
      if (iso) return iso;
      if (raw !== '') {
        this.report(
          'invalid-date',
          'warning',
          `The source date \`${k}\` "${raw}" is not a DD-MM-YYYY date; it is kept as text in the source's meta.`,
          [...path, k],
        );
      }
      meta.push({ kind: 'Meta', key: k, value: raw, span: this.span([...path, k]) });
      return null;
    };
    const validFrom = date('validFrom');
    const validTo = date('validTo');
    const citation = str('citation');
    for (const k of Object.keys(entry)) {
      if (!SOURCE_KEYS.includes(k)) meta.push(this.meta(k, get(entry, k), [...path, k]));
    }
    const id = this.newId(slugify(citation ?? '') || slugify(frameName) || 'source');
    const span = this.span(path);
    this.sources.push({
      kind: 'Source',
      id,
      idSpan: span,
      juriconnect: str('juriconnect'),
      eli: null,
      url: null,
      citation,
      text: str('text'),
      validFrom,
      validTo,
      explanation: str('explanation'),
      meta: sortMeta(meta),
      span,
    });
    this.sourceByKey.set(key, id);
    return id;
  }

  private newId(base: string): string {
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.usedIds.add(id);
    return id;
  }

  // ------------------------------------------------------------------------------------------
  // Fields

  private optionalString(o: JsonObject, key: string, path: Path): string | null {
    const v = get(o, key);
    if (typeof v === 'string') return v;
    if (has(o, key) && v !== null) this.wrongType(`\`${key}\``, 'a string', v, [...path, key]);
    return null;
  }

  /** An optional expression field: absent, `null`, `""` and `"[]"` are "none". */
  private optionalExpr(o: JsonObject, key: string, path: Path): Expr | null {
    const v = get(o, key);
    if (v === undefined || v === null || v === '' || v === '[]') return null;
    return this.expr(v, [...path, key], 0);
  }

  /** A field the peer evaluates unconditionally (it crashes when absent); `""`/`"[]"` are "none". */
  private requiredExpr(o: JsonObject, key: string, what: string, path: Path): Expr | null {
    if (!has(o, key)) {
      this.missing(
        what,
        key,
        path,
        'The peer evaluates this field and crashes without it; write `""` when there is nothing to check.',
      );
      return null;
    }
    return this.optionalExpr(o, key, path);
  }

  meta(key: string, value: unknown, path: Path): MetaEntry {
    return { kind: 'Meta', key, value: this.json(value, path, 0), span: this.span(path) };
  }

  /** A copy of `value` as a JsonValue (bounded depth; non-JSON values are diagnosed). */
  json(value: unknown, path: Path, depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH) {
      this.report(
        'json-too-deep',
        'error',
        `The value at ${toPointer([...this.base, ...path])} nests more than ${MAX_JSON_DEPTH} levels deep.`,
        path,
      );
      return null;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
      this.wrongType('A JSON number', 'finite', value, path);
      return null;
    }
    if (Array.isArray(value)) return value.map((v, i) => this.json(v, [...path, i], depth + 1));
    if (isObject(value)) {
      const out: Record<string, JsonValue> = {};
      for (const k of Object.keys(value)) {
        Object.defineProperty(out, k, {
          value: this.json(value[k], [...path, k], depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    this.wrongType('A value', 'JSON data', value, path);
    return null;
  }

  // ------------------------------------------------------------------------------------------
  // Expressions

  private placeholder(span: Span): Expr {
    return { kind: 'Ref', frame: 'fact', name: '', args: [], span };
  }

  expr(v: unknown, path: Path, depth: number): Expr {
    const span = this.span(path);
    if (depth > MAX_EXPRESSION_DEPTH) {
      this.report(
        'expression-too-deep',
        'error',
        `The expression at ${toPointer([...this.base, ...path])} nests more ` +
          `than ${MAX_EXPRESSION_DEPTH} levels deep; the rest is not read.`,
        path,
        'Split it into named facts.',
      );
      return this.placeholder(span);
    }
    if (typeof v === 'string') {
      const r = parseNameRef(v === '' ? '[]' : v);
      return { kind: 'Ref', frame: r.frame, name: r.name, args: [], span };
    }
    if (!isObject(v)) {
      this.report(
        'invalid-expression',
        'error',
        `An expression must be a name string or an object with an \`expression\` operator, not ${typeName(v)}.`,
        path,
        'Wrap constant values as {"expression": "LITERAL", "operand": ...}.',
      );
      return { kind: 'Call', fn: 'undefined', args: [], span };
    }
    const op = get(v, 'expression');
    const sub = (key: string): Expr | null => {
      if (!has(v, key)) {
        this.missing(`The ${String(op)} expression`, key, path);
        return null;
      }
      return this.expr(get(v, key), [...path, key], depth + 1);
    };
    const list = (key: string, required: boolean): Expr[] | null => {
      const raw = get(v, key);
      if (!has(v, key) || raw === undefined) {
        if (required) this.missing(`The ${String(op)} expression`, key, path);
        return required ? null : [];
      }
      if (!Array.isArray(raw)) {
        this.wrongType(`The ${String(op)} expression's \`${key}\``, 'an array of expressions', raw, [...path, key]);
        return null;
      }
      return raw.map((e, i) => this.expr(e, [...path, key, i], depth + 1));
    };
    this.unknownExprKeys(v, op, path);
    switch (op) {
      case 'AND':
      case 'OR': {
        const operands = list('operands', true);
        return operands ? { kind: 'Nary', op: op === 'AND' ? 'and' : 'or', operands, span } : this.placeholder(span);
      }
      case 'NOT': {
        const operand = sub('operand');
        return operand ? { kind: 'Unary', op: 'not', operand, span } : this.placeholder(span);
      }
      case 'EQUAL':
      case 'LESS_THAN': {
        const operands = list('operands', true);
        return operands
          ? { kind: 'Compare', op: op === 'EQUAL' ? 'eq' : 'le', operands, span }
          : this.placeholder(span);
      }
      case 'SUM':
      case 'PRODUCT':
      case 'MIN':
      case 'MAX': {
        const args = list('operands', true);
        return args ? { kind: 'Call', fn: op.toLowerCase(), args, span } : this.placeholder(span);
      }
      case 'LITERAL':
        return this.literal(v, path, span);
      case 'IS': {
        if (!has(v, 'operand')) {
          this.missing('The IS expression', 'operand', path, 'Give the identity, or "ANYONE".');
          return this.placeholder(span);
        }
        const id = get(v, 'operand');
        if (typeof id !== 'string') {
          this.wrongType('The IS operand', 'an identity string', id, [...path, 'operand']);
          return this.placeholder(span);
        }
        return { kind: 'Is', identity: id === 'ANYONE' ? null : id, span };
      }
      case 'LIST': {
        const rawName = get(v, 'name');
        let name: string | null = null;
        if (typeof rawName === 'string') name = rawName;
        else if (has(v, 'name') && rawName !== null)
          this.wrongType('The LIST name', 'a string', rawName, [...path, 'name']);
        const item = sub('items');
        return item ? { kind: 'List', name, item, span } : this.placeholder(span);
      }
      case 'CREATE': {
        const operands = list('operands', false);
        return { kind: 'Created', operands: operands ?? [], span };
      }
      case 'PROJECTION':
        return this.projection(v, path, span, depth);
      default: {
        const shown = typeof op === 'string' ? op : 'undefined';
        this.report(
          'unknown-operator',
          'error',
          has(v, 'expression')
            ? `The expression operator "${String(typeof op === 'string' ? op : JSON.stringify(op))}" is unknown.`
            : 'The expression object has no `expression` operator.',
          has(v, 'expression') ? [...path, 'expression'] : path,
          `Known operators: AND, OR, NOT, EQUAL, LESS_THAN, SUM, PRODUCT, ` +
            `MIN, MAX, LITERAL, IS, LIST, CREATE, PROJECTION.`,
        );
        const raw = get(v, 'operands');
        const args = Array.isArray(raw) ? raw.map((e, i) => this.expr(e, [...path, 'operands', i], depth + 1)) : [];
        // The raw operator is kept as the Call's function so a peer-compatible runner can fail the same way.
        return { kind: 'Call', fn: shown, args, span };
      }
    }
  }

  private unknownExprKeys(v: JsonObject, op: unknown, path: Path): void {
    const allowed: Record<string, readonly string[]> = {
      NOT: ['operand'],
      LITERAL: ['operand'],
      IS: ['operand'],
      LIST: ['name', 'items'],
      PROJECTION: ['context', 'operand', 'fact', 'scope'],
    };
    if (typeof op !== 'string' || !(FLINT_OPERATORS as readonly string[]).includes(op)) return;
    const ok = allowed[op] ?? ['operands'];
    for (const k of Object.keys(v)) {
      if (k === 'expression' || ok.includes(k)) continue;
      this.report(
        'ignored-key',
        'warning',
        `The ${op} expression has a key \`${k}\` that is not part of it; it is dropped.`,
        [...path, k],
      );
    }
  }

  private literal(v: JsonObject, path: Path, span: Span): Expr {
    if (!has(v, 'operand')) {
      this.missing('The LITERAL expression', 'operand', path);
      return this.placeholder(span);
    }
    const x = get(v, 'operand');
    if (typeof x === 'boolean') return { kind: 'Literal', type: 'boolean', value: x, span };
    if (typeof x === 'string') return { kind: 'Literal', type: 'text', value: x, span };
    if (typeof x === 'number') {
      const written = this.loc.numberText([...path, 'operand']) ?? String(x);
      const n = parseNumber(written);
      if (n.ok) return { kind: 'Literal', ...numberLiteral(written, n.value), span };
      this.report(
        'invalid-number',
        'error',
        `The LITERAL operand ${written.length > 40 ? `${written.slice(0, 40)}…` : written} is not a usable ` +
          `number: ${n.reason}.`,
        [...path, 'operand'],
        `Numbers have at most ${DECIMAL_PRECISION} significant digits and lie within 10^±${DECIMAL_MAX_EXPONENT}.`,
      );
      return this.placeholder(span);
    }
    this.report(
      'invalid-literal',
      'error',
      `The LITERAL operand must be a boolean, a number or a string, not ${typeName(x)}.`,
      [...path, 'operand'],
    );
    return this.placeholder(span);
  }

  private projection(v: JsonObject, path: Path, span: Span, depth: number): Expr {
    const rawContext = get(v, 'context');
    const context: string[] = [];
    if (!Array.isArray(rawContext) || rawContext.length === 0) {
      if (!has(v, 'context'))
        this.missing(
          'The PROJECTION expression',
          'context',
          path,
          'Give the fact whose creating act holds the value, e.g. ["[aanvraag]"].',
        );
      else if (!Array.isArray(rawContext))
        this.wrongType('The PROJECTION context', 'an array of fact names', rawContext, [...path, 'context']);
      else
        this.report('missing-field', 'error', 'The PROJECTION expression has an empty `context`.', [
          ...path,
          'context',
        ]);
    } else {
      rawContext.forEach((c, i) => {
        if (typeof c === 'string') context.push(stripFrameName('fact', c).name);
        else this.wrongType('A PROJECTION context entry', 'a fact name string', c, [...path, 'context', i]);
      });
    }
    const key = has(v, 'operand') ? 'operand' : has(v, 'fact') ? 'fact' : null;
    if (key === null) {
      this.missing('The PROJECTION expression', 'operand', path);
      return this.placeholder(span);
    }
    const operand = this.expr(get(v, key), [...path, key], depth + 1);
    const rawScope = get(v, 'scope');
    let scope: 'single' | 'all' | 'some' = 'single';
    if (rawScope === 'all' || rawScope === 'some' || rawScope === 'single') scope = rawScope;
    else if (has(v, 'scope') && rawScope !== null) {
      this.report(
        'invalid-type',
        'error',
        `The PROJECTION scope must be "single", "all" or "some", ` +
          `not ${JSON.stringify(rawScope) ?? typeName(rawScope)}.`,
        [...path, 'scope'],
      );
    }
    return { kind: 'Projection', scope, context, operand, span };
  }
}

/** A JSON number as written → integer or decimal literal text (exponents expanded, `-0` → `0`). */
function numberLiteral(written: string, value: Decimal): { type: 'integer' | 'decimal'; value: string } {
  let text = written;
  if (/[eE]/.test(text)) text = value.toFixed();
  if (/^-?\d+$/.test(text)) {
    const n = text.replace(/^(-?)0+(?=\d)/, '$1');
    return { type: 'integer', value: n === '-0' ? '0' : n };
  }
  return { type: 'decimal', value: text };
}

function effect(n: NameRef, span: Span): Effect {
  return { kind: 'Effect', frame: n.frame, name: n.name, args: [], span };
}

function formatRef(n: NameRef): string {
  return n.frame === 'act' ? `<<${n.name}>>` : n.frame === 'duty' ? `<${n.name}>` : `[${n.name}]`;
}

function sortInternal(meta: MetaEntry[]): MetaEntry[] {
  const order = INTERNAL_META_KEYS as readonly string[];
  return [...meta].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
}

function sortMeta(meta: MetaEntry[]): MetaEntry[] {
  // Raw invalid dates first (validFrom, validTo), then unknown keys in the order written.
  const rank = (k: string): number => (k === 'validFrom' ? 0 : k === 'validTo' ? 1 : 2);
  return [...meta].sort((a, b) => rank(a.key) - rank(b.key));
}

/** JSON text of `v` with object keys sorted: equal entries give equal text. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function emptyModel(span: Span): Model {
  return { kind: 'Model', header: null, declarations: [], span };
}

/**
 * Import FLINT JSON text (any dialect; JSON with comments is accepted with a `json-comment` warning).
 * Never throws: syntax errors (`json-syntax`), excessive nesting and schema problems are diagnostics
 * with a JSON Pointer `path` and a span in `file`; on a syntax error the model is empty.
 */
export function importFlintJson(input: string, file: string): Result<Model> {
  return atBoundary(
    'importFlintJson',
    (d) => ({ value: emptyModel(emptySpan(typeof file === 'string' ? file : '')), diagnostics: [d] }),
    () => {
      // A byte-order mark becomes a space of the same length, so offsets, lines and columns stay true.
      const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
      try {
        const bare = new Locator(file, text, undefined);
        const encoding = encodingProblem(text);
        if (encoding !== null) {
          // Every other character would be a JSON syntax error: say what is wrong once.
          const diagnostic: Diagnostic = {
            code: 'invalid-encoding',
            severity: 'error',
            message: encoding,
            path: '',
            span: bare.range(0, 0),
            hint: ENCODING_HINT,
          };
          return { value: emptyModel(bare.range(0, 0)), diagnostics: [diagnostic] };
        }
        const parsed = parseJsonText(text, bare);
        if (!parsed.root) return { value: emptyModel(bare.range(0, text.length)), diagnostics: parsed.diagnostics };
        const importer = new Importer(new Locator(file, text, parsed.root));
        const value = importer.model(parsed.value);
        return { value, diagnostics: sortDiagnostics([...parsed.diagnostics, ...importer.diagnostics]) };
      } catch (e) {
        return internalError(file, e);
      }
    },
  );
}

/** Import an already-parsed FLINT JSON value (e.g. an inline scenario model); spans are empty spans in `file`. */
export function importFlintJsonValue(value: unknown, file: string): Result<Model> {
  return atBoundary(
    'importFlintJsonValue',
    (d) => ({ value: emptyModel(emptySpan(typeof file === 'string' ? file : '')), diagnostics: [d] }),
    () => {
      try {
        const importer = new Importer(new Locator(file, undefined, undefined));
        const model = importer.model(value);
        return { value: model, diagnostics: sortDiagnostics(importer.diagnostics) };
      } catch (e) {
        return internalError(file, e);
      }
    },
  );
}

/**
 * Import one FLINT JSON expression (e.g. a fact binding). `path` is the JSON Pointer of the value,
 * used as the prefix of diagnostic paths; spans are empty spans in the file `<expression>`.
 */
export function importExpression(value: unknown, path = ''): Result<Expr> {
  const file = '<expression>';
  try {
    const importer = new Importer(new Locator(file, undefined, undefined), fromPointer(path));
    return { value: importer.expr(value, [], 0), diagnostics: importer.diagnostics };
  } catch (e) {
    const r = internalError(file, e);
    return {
      value: { kind: 'Ref', frame: 'fact', name: '', args: [], span: emptySpan(file) },
      diagnostics: r.diagnostics,
    };
  }
}

/** A thrown error is a bug; it still becomes a diagnostic so callers never see an exception. */
function internalError(file: string, e: unknown): Result<Model> {
  return {
    value: emptyModel(emptySpan(file)),
    diagnostics: [
      {
        code: 'internal-error',
        severity: 'error',
        message: `The FLINT JSON importer failed on this input: ${e instanceof Error ? e.message : String(e)}.`,
        span: emptySpan(file),
        hint: 'This is a bug in Calculemus; please report it with the input.',
      },
    ],
  };
}
