/**
 * Model AST → FLINT JSON (the inverse of import.ts; normalisations in docs/interchange.md).
 * Constructs FLINT JSON cannot express are reported `not-exportable` and left out; export never throws.
 */
import type {
  ActDecl,
  DutyDecl,
  Expr,
  FactDecl,
  FrameDecl,
  JsonValue,
  MetaEntry,
  Model,
  Ref,
  SourceDecl,
} from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';
import { emptySpan } from '../model/span.js';
import { actsOf, dutiesOf, factsOf, importsOf, sourceDeclsOf } from '../model/walk.js';
import { DIALECT_META_KEY, INTERNAL_META_KEYS } from './import.js';
import type { FlintDialect } from './import.js';
import { findNames, formatDutchDate, formatName, formatVersion, parseNameRef } from './names.js';
import type { NameRef } from './names.js';
import type { FlintJsonModel } from './schema.js';
import { atBoundary, emptyModel, modelProblem } from '../model/guard.js';

/** Options of {@link exportFlintJson}. */
export interface ExportOptions {
  /** Documentation dialect; default: the one the import recorded (header meta), else "sources". */
  readonly dialect?: FlintDialect;
}

/** A number kept as its decimal text until serialised, so `12.50` and long decimals survive text export. */
class RawNumber {
  constructor(readonly text: string) {}
}

type Out = null | boolean | string | RawNumber | Out[] | { [key: string]: Out };
type OutObject = { [key: string]: Out };

const PLACEHOLDER = '[]';

class Exporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly sourceById = new Map<string, SourceDecl>();

  constructor(
    private readonly model: Model,
    private readonly dialect: FlintDialect,
  ) {
    for (const s of sourceDeclsOf(model)) this.sourceById.set(s.id, s);
  }

  notExportable(message: string, span: Span, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ code: 'not-exportable', severity, message, span });
  }

  run(): OutObject {
    const m = this.model;
    const out: OutObject = {};
    const h = m.header;
    if (h) {
      if (h.title !== '') out.model = h.title;
      if (h.language !== null || h.jurisdiction !== null || h.versionDate !== null) {
        this.notExportable(
          'The model header fields language, jurisdiction and version date ' +
            'have no FLINT JSON equivalent; they are left out.',
          h.span,
          'warning',
        );
      }
    }
    for (const i of importsOf(m))
      this.notExportable(
        `The import "${i.path}" has no FLINT JSON equivalent; export the combined model instead.`,
        i.span,
      );
    for (const d of m.declarations) {
      if (d.kind !== 'Scenario') continue;
      // A scenario tests the model rather than being part of it: the frames still export.
      this.notExportable(
        `The scenario "${d.name}" has no FLINT JSON form; it is left out (keep it in the .flint file).`,
        d.nameSpan,
        'warning',
      );
    }
    out.acts = actsOf(m).map((a) => this.act(a));
    out.facts = factsOf(m).map((f) => this.fact(f));
    out.duties = dutiesOf(m).map((d) => this.duty(d));
    if (h) for (const e of h.meta) if (e.key !== DIALECT_META_KEY && !(e.key in out)) out[e.key] = e.value as Out;
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Frames

  private checkCommon(f: FrameDecl, what: string): void {
    if (f.params.length > 0)
      this.notExportable(
        `${what} has parameters, which FLINT JSON cannot express; they are left out.`,
        f.params[0]!.span,
      );
    // FLINT JSON has one version of the law (grammar/README.md#versions): what differs per version cannot go there.
    const variant = f.variants?.[0];
    if (variant)
      this.notExportable(
        `${what} has variants per version of the law, which FLINT JSON cannot express; they are left out.`,
        variant.span,
      );
    if (f.appliesAsOf)
      this.notExportable(
        `${what} says which date decides its version ('applies as of'), which FLINT JSON cannot express.`,
        f.appliesAsOf.span,
      );
  }

  private act(a: ActDecl): OutObject {
    const what = `The act <<${a.name}>>`;
    this.checkCommon(a, what);
    const o: OutObject = { act: formatName('act', a.name, 'frame') };
    o.actor = this.optionalExpr(a.actor);
    if (a.action !== null)
      o.action = metaValue(a.meta, 'actionForm') === 'bare' ? a.action : formatName('fact', a.action, 'frame');
    o.object = this.optionalExpr(a.object);
    o.recipient = this.optionalExpr(a.recipient);
    o.preconditions = this.optionalExpr(a.preconditions);
    o.create = this.effects(a, 'create', what);
    o.terminate = this.effects(a, 'terminate', what);
    this.documentation(a, o);
    return o;
  }

  private fact(f: FactDecl): OutObject {
    const what = `The fact [${f.name}]`;
    this.checkCommon(f, what);
    if (f.type.kind !== 'PrimitiveType' || f.type.name !== 'boolean') {
      this.notExportable(
        `${what} has a value type, which FLINT JSON cannot declare; it is left out.`,
        f.type.span,
        'warning',
      );
    }
    if (f.closed)
      this.notExportable(
        `${what} is closed-world, which FLINT JSON cannot declare; it is left out.`,
        f.nameSpan,
        'warning',
      );
    const o: OutObject = {
      fact: formatName('fact', f.name, 'frame'),
      function: f.definition ? this.expr(f.definition) : PLACEHOLDER,
    };
    this.documentation(f, o);
    return o;
  }

  private duty(d: DutyDecl): OutObject {
    const what = `The duty <${d.name}>`;
    this.checkCommon(d, what);
    if (d.deadline)
      this.notExportable(`${what} has a deadline, which FLINT JSON cannot express; it is left out.`, d.deadline.span);
    if (d.violation)
      this.notExportable(
        `${what} has a violation condition, which FLINT JSON cannot express; it is left out.`,
        d.violation.span,
      );
    const o: OutObject = { duty: formatName('duty', d.name, 'frame'), 'duty-holder': this.optionalExpr(d.holder) };
    if (d.claimant) o.claimant = this.expr(d.claimant);
    const refs = (key: 'create' | 'terminate' | 'enforce', list: readonly Ref[]): void => {
      // The raw value (string, or array naming non-acts) is written back while its acts are still these.
      const raw = metaValue(d.meta, `${key}Text`);
      const names = list.map((r) => ({ frame: r.frame, name: r.name }));
      const rawNames =
        typeof raw === 'string'
          ? findNames(raw)
          : Array.isArray(raw)
            ? raw.filter((x) => typeof x === 'string').map(parseNameRef)
            : null;
      if (
        rawNames &&
        sameNames(
          rawNames.filter((n) => n.frame === 'act'),
          names,
        )
      )
        o[key] = raw as Out;
      else if (list.length > 0) o[key] = list.map((r) => formatName(r.frame, r.name));
    };
    refs('create', d.createdBy);
    refs('enforce', d.enforcedBy);
    refs('terminate', d.terminatedBy);
    const dcText = metaValue(d.meta, 'dutyComponentsText');
    const components = d.components.map((c) => this.expr(c));
    if (typeof dcText === 'string' && sameExprs(dcText === '' ? [] : [dcText], d.components))
      o['duty-components'] = dcText;
    else o['duty-components'] = components;
    this.documentation(d, o);
    return o;
  }

  private effects(a: ActDecl, key: 'create' | 'terminate', what: string): Out {
    const list = key === 'create' ? a.creates : a.terminates;
    for (const e of list) {
      if (e.args.length > 0)
        this.notExportable(
          `${what}: the ${key} effect on ${formatName(e.frame, e.name)} has ` +
            `arguments, which FLINT JSON cannot express; they are left out.`,
          e.span,
        );
    }
    const names = list.map((e) => ({ frame: e.frame, name: e.name }));
    const text = metaValue(a.meta, `${key}Text`);
    // The string form matters to discipl (only string `create` activates duties): keep it when still accurate.
    if (typeof text === 'string' && sameNames(findNames(text), names)) return text;
    return names.map((n) => formatName(n.frame, n.name));
  }

  // ------------------------------------------------------------------------------------------
  // Documentation

  private documentation(f: FrameDecl, o: OutObject): void {
    const decls: SourceDecl[] = [];
    for (const r of f.sources) {
      const s = this.sourceById.get(r.id);
      if (s) decls.push(s);
      else
        this.notExportable(
          `The frame ${formatName(frameOf(f), f.name)} cites the unknown source "${r.id}"; it is left out.`,
          r.span,
          'warning',
        );
    }
    if (this.dialect === 'sources') {
      o.sources = decls.map((s) => this.sourceEntry(s));
    } else if (decls.length > 0) {
      const s = decls[0]!;
      if (s.citation !== null) o.reference = s.citation;
      const version = metaValue(s.meta, 'version');
      if (typeof version === 'string') o.version = version;
      else if (s.validFrom !== null || s.validTo !== null) o.version = formatVersion(s.validFrom, s.validTo);
      if (s.juriconnect !== null) o.juriconnect = s.juriconnect;
      if (s.text !== null) o.sourcetext = s.text;
      this.lostSourceFields(s, ['version']);
      if (s.explanation !== null)
        this.notExportable(
          `The explanation of source "${s.id}" has no place in the "reference" dialect; it is left out.`,
          s.span,
          'warning',
        );
      for (const extra of decls.slice(1)) {
        this.notExportable(
          `The frame ${formatName(frameOf(f), f.name)} cites more than one source; the "reference" ` +
            `dialect keeps only the first, "${s.id}", and leaves out "${extra.id}".`,
          extra.span,
          'warning',
        );
      }
    }
    if (f.explanation !== null) o.explanation = f.explanation;
    const internal = INTERNAL_META_KEYS as readonly string[];
    for (const e of f.meta) if (!internal.includes(e.key) && !(e.key in o)) o[e.key] = e.value as Out;
  }

  private lostSourceFields(s: SourceDecl, kept: readonly string[]): void {
    if (s.eli !== null || s.url !== null)
      this.notExportable(
        `The ELI and URL of source "${s.id}" have no FLINT JSON field; they are left out.`,
        s.span,
        'warning',
      );
    const lost = s.meta.filter((e) => !kept.includes(e.key));
    if (lost.length > 0 && this.dialect === 'reference') {
      this.notExportable(
        `The fields ${lost.map((e) => `\`${e.key}\``).join(', ')} of source "${s.id}" ` +
          `have no place in the "reference" dialect; they are left out.`,
        s.span,
        'warning',
      );
    }
  }

  private sourceEntry(s: SourceDecl): OutObject {
    const o: OutObject = {};
    const rawFrom = metaValue(s.meta, 'validFrom');
    const rawTo = metaValue(s.meta, 'validTo');
    if (s.validFrom !== null) o.validFrom = formatDutchDate(s.validFrom);
    else if (typeof rawFrom === 'string') o.validFrom = rawFrom;
    if (s.validTo !== null) o.validTo = formatDutchDate(s.validTo);
    else if (typeof rawTo === 'string') o.validTo = rawTo;
    if (s.juriconnect !== null) o.juriconnect = s.juriconnect;
    if (s.citation !== null) o.citation = s.citation;
    if (s.text !== null) o.text = s.text;
    if (s.explanation !== null) o.explanation = s.explanation;
    this.lostSourceFields(s, []);
    for (const e of s.meta)
      if (!(e.key in o) && e.key !== 'validFrom' && e.key !== 'validTo') o[e.key] = e.value as Out;
    return o;
  }

  // ------------------------------------------------------------------------------------------
  // Expressions

  private optionalExpr(e: Expr | null): Out {
    return e ? this.expr(e) : '';
  }

  private unexportable(e: Expr, what: string): Out {
    this.notExportable(`${what} has no FLINT JSON equivalent; "[]" is written in its place.`, e.span);
    return PLACEHOLDER;
  }

  expr(e: Expr): Out {
    switch (e.kind) {
      case 'Ref':
        if (e.args.length > 0)
          this.notExportable(
            `The arguments of ${formatName(e.frame, e.name)} cannot be written in FLINT JSON; they are left out.`,
            e.span,
          );
        return formatName(e.frame, e.name);
      case 'Nary': {
        const op = { and: 'AND', or: 'OR', add: 'SUM', mul: 'PRODUCT', sub: null, div: null }[e.op];
        if (op === null) return this.unexportable(e, `The operator "${e.op}"`);
        return { expression: op, operands: e.operands.map((x) => this.expr(x)) };
      }
      case 'Unary':
        if (e.op === 'neg') return this.unexportable(e, 'Numeric negation');
        return { expression: 'NOT', operand: this.expr(e.operand) };
      case 'Compare':
        if (e.op === 'eq') return { expression: 'EQUAL', operands: e.operands.map((x) => this.expr(x)) };
        if (e.op === 'le') return { expression: 'LESS_THAN', operands: e.operands.map((x) => this.expr(x)) };
        // a >= b >= c is c <= b <= a: the peer's non-strict LESS_THAN with the operands reversed.
        if (e.op === 'ge')
          return { expression: 'LESS_THAN', operands: [...e.operands].reverse().map((x) => this.expr(x)) };
        return this.unexportable(e, `The comparison "${e.op}"`);
      case 'Call': {
        const op = { sum: 'SUM', product: 'PRODUCT', min: 'MIN', max: 'MAX' }[e.fn];
        if (op === undefined) return this.unexportable(e, `The function "${e.fn}"`);
        return { expression: op, operands: e.args.map((x) => this.expr(x)) };
      }
      case 'Literal':
        switch (e.type) {
          case 'boolean':
            return { expression: 'LITERAL', operand: e.value };
          case 'integer':
          case 'decimal':
            return { expression: 'LITERAL', operand: new RawNumber(e.value) };
          case 'text':
            return { expression: 'LITERAL', operand: e.value };
          default:
            return this.unexportable(e, `A ${e.type} literal`);
        }
      case 'Is':
        return { expression: 'IS', operand: e.identity ?? 'ANYONE' };
      case 'Created':
        return { expression: 'CREATE', operands: e.operands.map((x) => this.expr(x)) };
      case 'Projection': {
        if (e.context.length === 0)
          this.notExportable('A projection without context cannot be evaluated by the peer.', e.span);
        const o: OutObject = {
          expression: 'PROJECTION',
          context: e.context.map((c) => formatName('fact', c)),
          operand: this.expr(e.operand),
        };
        if (e.scope !== 'single') o.scope = e.scope;
        return o;
      }
      case 'List': {
        const o: OutObject = { expression: 'LIST' };
        if (e.name !== null) o.name = e.name;
        o.items = this.expr(e.item);
        return o;
      }
      case 'Var':
        return this.unexportable(e, `The parameter "${e.name}"`);
      case 'Member':
        return this.unexportable(e, `The member access ".${e.field}"`);
      case 'Aggregate':
        return this.unexportable(e, `The aggregate "${e.op}"`);
      case 'Conditional':
        return this.unexportable(e, 'A conditional (if/then/else)');
      case 'Now':
        return this.unexportable(e, '`today`');
    }
  }
}

function frameOf(f: FrameDecl): 'fact' | 'act' | 'duty' {
  return f.kind === 'Fact' ? 'fact' : f.kind === 'Act' ? 'act' : 'duty';
}

function metaValue(meta: readonly MetaEntry[], key: string): JsonValue | undefined {
  return meta.find((e) => e.key === key)?.value;
}

function sameNames(a: readonly NameRef[], b: readonly NameRef[]): boolean {
  return a.length === b.length && a.every((x, i) => x.frame === b[i]!.frame && x.name === b[i]!.name);
}

function sameExprs(texts: readonly string[], exprs: readonly Expr[]): boolean {
  if (texts.length !== exprs.length) return false;
  return texts.every((t, i) => {
    const r = parseNameRef(t);
    const e = exprs[i]!;
    return e.kind === 'Ref' && e.args.length === 0 && e.frame === r.frame && e.name === r.name;
  });
}

function toValue(o: Out): unknown {
  if (o instanceof RawNumber) return Number(o.text);
  if (Array.isArray(o)) return o.map(toValue);
  if (o !== null && typeof o === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o))
      Object.defineProperty(out, k, { value: toValue(o[k]!), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return o;
}

function toText(o: Out, indent: string): string {
  if (o instanceof RawNumber) return o.text;
  if (o === null || typeof o !== 'object') return JSON.stringify(o);
  const inner = indent + '  ';
  if (Array.isArray(o)) {
    if (o.length === 0) return '[]';
    return `[\n${o.map((x) => inner + toText(x, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(o);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${toText(o[k]!, inner)}`).join(',\n')}\n${indent}}`;
}

function chooseDialect(model: Model, options: ExportOptions | undefined): FlintDialect {
  if (options?.dialect) return options.dialect;
  const recorded = model.header ? metaValue(model.header.meta, DIALECT_META_KEY) : undefined;
  return recorded === 'reference' ? 'reference' : 'sources';
}

function run(model: Model, options: ExportOptions | undefined): { out: OutObject; diagnostics: Diagnostic[] } {
  try {
    const ex = new Exporter(model, chooseDialect(model, options));
    return { out: ex.run(), diagnostics: ex.diagnostics };
  } catch (e) {
    return {
      out: { acts: [], facts: [], duties: [] },
      diagnostics: [
        {
          code: 'internal-error',
          severity: 'error',
          message: `The FLINT JSON exporter failed on this model: ${e instanceof Error ? e.message : String(e)}.`,
          span: model.span ?? emptySpan(''),
          hint: 'This is a bug in Calculemus; please report it with the model.',
        },
      ],
    };
  }
}

/**
 * Export a model as a FLINT JSON value in the "sources" or "reference" dialect (default: the one
 * recorded at import). What FLINT JSON cannot express is reported `not-exportable` and left out.
 */
export function exportFlintJson(model: Model, options?: ExportOptions): Result<FlintJsonModel> {
  return atBoundary(
    'exportFlintJson',
    (d) => ({ value: exportFlintJson(emptyModel()).value, diagnostics: [d] }),
    () => {
      const { out, diagnostics } = run(model, options);
      return { value: toValue(out) as FlintJsonModel, diagnostics };
    },
    modelProblem('exportFlintJson', model),
  );
}

/**
 * {@link exportFlintJson} as text: 2-space indented JSON, keys in the peer's field order, numbers as written, final
 * newline.
 */
export function exportFlintJsonText(model: Model, options?: ExportOptions): Result<string> {
  return atBoundary(
    'exportFlintJsonText',
    (d) => ({ value: '', diagnostics: [d] }),
    () => {
      const { out, diagnostics } = run(model, options);
      return { value: toText(out, '') + '\n', diagnostics };
    },
    modelProblem('exportFlintJsonText', model),
  );
}
