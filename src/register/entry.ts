/**
 * An entry for the Dutch Algoritmeregister, built from a model (docs/register.md): the fields of the register's
 * publicatiestandaard 1.0.0 that the model can fill (name, legal basis, data, technical working) and explicit
 * placeholders for the rest, plus three lists the model knows exactly: the articles it rests on (with Juriconnect
 * links and versions), its decision points (acts) and the data it asks for (input facts). Pure and deterministic.
 *
 * The field list follows `MinBZK/Algoritmeregister`, `backend/app/schemas/config/v1_0_0.json` (commit fca0ce4),
 * the register's own configuration of publicatiestandaard 1.0.0.
 */
import type { ActDecl, Expr, FactDecl, Model, SourceDecl, TypeRef } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { atBoundary, emptyModel, isRecordValue, modelProblem } from '../model/guard.js';
import { modelIdentity } from '../model/identity.js';
import { sourceVersions } from '../model/versions.js';
import { displayName, isDerivedFact } from '../model/walk.js';
import { type CheckedModel, check, declaredParentRole, lookup } from '../check/index.js';
import { creatorsOf, nodeKey, toGraph, type ModelGraph } from '../graph/index.js';

/** The version of the register entry format (`registerFormat`); bumped on incompatible changes. */
export const REGISTER_FORMAT = 1;

/** The version of the Algoritmeregister publicatiestandaard the fields follow. */
export const ALGORITMEREGISTER_STANDARD = '1.0.0';

/** A title with a link, as in the standard's `lawful_basis_grouping` and `source_data_grouping`. */
export interface RegisterLink {
  readonly title: string;
  readonly link: string;
}

/**
 * The fields of an Algoritmeregister entry under publicatiestandaard 1.0.0, by their keys in the standard.
 * `null`: not known from the model, left to the organisation (listed in {@link RegisterEntry.placeholders}).
 */
export interface AlgoritmeregisterFields {
  /** Naam: the model's title. */
  readonly name: string | null;
  readonly description_short: string | null;
  /** Organisatie: the `organization` option, else a placeholder. */
  readonly organization: string | null;
  /** Thema (at most three policy areas). */
  readonly category: readonly string[] | null;
  readonly status: string | null;
  readonly begin_date: string | null;
  readonly end_date: string | null;
  readonly contact_email: string | null;
  readonly website: string | null;
  readonly publication_category: string | null;
  readonly url: string | null;
  readonly goal: string | null;
  readonly proportionality: string | null;
  readonly human_intervention: string | null;
  readonly risks: string | null;
  /** Wettelijke basis: the regulations and articles the model rests on, as a sentence per regulation. */
  readonly lawful_basis: string | null;
  /** Verwijzingen wettelijke basis: one link per regulation (wetten.overheid.nl). */
  readonly lawful_basis_grouping: readonly RegisterLink[] | null;
  readonly process_index_url: string | null;
  readonly impacttoetsen_grouping: readonly RegisterLink[] | null;
  readonly impacttoetsen: string | null;
  /** Gegevens: the input facts the model asks for. */
  readonly source_data: string | null;
  readonly source_data_grouping: readonly RegisterLink[] | null;
  /** Technische werking: rule-based, not self-learning; the decision points and what a decision records. */
  readonly methods_and_models: string | null;
  readonly provider: string | null;
  readonly publiccode: string | null;
  readonly lang: 'nld';
  readonly standard_version: string;
  readonly source_id: string | null;
  readonly tags: string | null;
}

/** A field left to the organisation: its key, its title in the standard, and whether the standard requires it. */
export interface RegisterPlaceholder {
  readonly field: keyof AlgoritmeregisterFields;
  readonly title: string;
  readonly required: boolean;
}

/** One version of an article: its validity, publication, Juriconnect id and link. */
export interface RegisterArticleVersion {
  /** The version's label; `null` for a source without versions. */
  readonly label: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly publication: string | null;
  readonly juriconnect: string | null;
  /** The Juriconnect id resolved on wetten.overheid.nl, else the version's `url`, else the source's `url`. */
  readonly link: string | null;
}

/** An article (source block) of the legal basis. */
export interface RegisterArticle {
  /** The source id in the model. */
  readonly id: string;
  readonly citation: string | null;
  /** The BWB id of the regulation (from the Juriconnect id or URL); `null` when the model gives none. */
  readonly bwb: string | null;
  readonly juriconnect: string | null;
  /** The Juriconnect id resolved on wetten.overheid.nl, else the source's `url`. */
  readonly link: string | null;
  readonly versions: readonly RegisterArticleVersion[];
  /** The frames that cite the article (`<<act>>`, `[fact]`, `<duty>`), in declaration order. */
  readonly citedBy: readonly string[];
}

/** A decision point: an act, who performs it, the articles it rests on and the data it needs. */
export interface RegisterDecisionPoint {
  /** The act's name (without brackets). */
  readonly act: string;
  readonly action: string | null;
  /** Who performs the act: a role `[fact]`, or a parameter with its type. `null` when the act says nothing. */
  readonly actor: string | null;
  readonly recipient: string | null;
  /** The ids of the sources the act cites (its own and its variants'), in order. */
  readonly sources: readonly string[];
  /** Their citations (the id where a source has none). */
  readonly articles: readonly string[];
  /** The input facts the act's conditions read, directly or through derived facts (roles left out). */
  readonly data: readonly string[];
  /** The duties the act creates. */
  readonly duties: readonly string[];
}

/** A datum the model asks for: an input fact (not derived, created by no act). */
export interface RegisterDataItem {
  /** The fact's name (without brackets). */
  readonly fact: string;
  /** Its value type: `boolean`, `integer`, `decimal`, `text`, `date`, `duration`, `actor`, `[fact]`, or `unknown`. */
  readonly type: string;
  /** Its parameters as `name: type`. */
  readonly params: readonly string[];
  /** True for a role (an actor-typed fact or a sub-role of one): who plays it, not a value asked. */
  readonly role: boolean;
  /** Declared in the model (false: referenced only, a FLINT JSON input). */
  readonly declared: boolean;
  /** The acts whose conditions read it, directly or through derived facts. */
  readonly neededBy: readonly string[];
  readonly sources: readonly string[];
  readonly explanation: string | null;
}

/** A draft Algoritmeregister entry for a model (docs/register.md). */
export interface RegisterEntry {
  readonly registerFormat: 1;
  readonly standard: { readonly name: string; readonly version: string; readonly fieldsFrom: string };
  /** The model it was made from: title, version date, content hash. */
  readonly model: { readonly title: string | null; readonly version: string | null; readonly hash: string };
  readonly fields: AlgoritmeregisterFields;
  /** The fields left to the organisation, in the standard's order. */
  readonly placeholders: readonly RegisterPlaceholder[];
  /**
   * Text fields longer than the standard allows (the register refuses them): shorten them before publishing, e.g.
   * by citing whole articles. Empty for most models.
   */
  readonly tooLong: readonly {
    readonly field: keyof AlgoritmeregisterFields;
    readonly length: number;
    readonly maxLength: number;
  }[];
  readonly legalBasis: readonly RegisterArticle[];
  readonly decisionPoints: readonly RegisterDecisionPoint[];
  readonly data: readonly RegisterDataItem[];
}

/** Options of {@link registerEntry}. */
export interface RegisterOptions {
  /** The organisation that uses the algorithm (field `organization`); a placeholder when absent. */
  readonly organization?: string;
}

/** The standard's fields in its order, with their Dutch titles, whether they are required, and text limits. */
export const REGISTER_FIELDS: readonly {
  readonly field: keyof AlgoritmeregisterFields;
  readonly title: string;
  readonly required: boolean;
  /** The standard's maximum number of characters of a text field. */
  readonly maxLength?: number;
}[] = [
  { field: 'name', title: 'Naam', required: true, maxLength: 100 },
  { field: 'description_short', title: 'Korte omschrijving', required: true, maxLength: 350 },
  { field: 'organization', title: 'Organisatie', required: true, maxLength: 100 },
  { field: 'category', title: 'Thema', required: false },
  { field: 'status', title: 'Status', required: true },
  { field: 'begin_date', title: 'Begindatum', required: false, maxLength: 7 },
  { field: 'end_date', title: 'Einddatum', required: false, maxLength: 7 },
  { field: 'contact_email', title: 'Contactgegevens', required: true, maxLength: 500 },
  { field: 'website', title: 'Link naar publiekspagina', required: false, maxLength: 500 },
  { field: 'publication_category', title: 'Publicatiecategorie', required: true },
  { field: 'url', title: 'Link naar bronregistratie', required: false, maxLength: 500 },
  { field: 'goal', title: 'Doel en impact', required: false, maxLength: 2500 },
  { field: 'proportionality', title: 'Afwegingen', required: false, maxLength: 2500 },
  { field: 'human_intervention', title: 'Menselijke tussenkomst', required: false, maxLength: 2500 },
  { field: 'risks', title: 'Risicobeheer', required: false, maxLength: 2500 },
  { field: 'lawful_basis', title: 'Wettelijke basis', required: false, maxLength: 2500 },
  { field: 'lawful_basis_grouping', title: 'Verwijzingen wettelijke basis', required: false },
  { field: 'process_index_url', title: 'Link naar verwerkingsregister', required: false, maxLength: 500 },
  { field: 'impacttoetsen_grouping', title: 'Verwijzingen impacttoetsen', required: false },
  { field: 'impacttoetsen', title: 'Toelichting op impacttoetsen', required: false, maxLength: 2500 },
  { field: 'source_data', title: 'Gegevens', required: false, maxLength: 2500 },
  { field: 'source_data_grouping', title: 'Verwijzingen gegevensbronnen', required: false },
  { field: 'methods_and_models', title: 'Technische werking', required: false, maxLength: 5000 },
  { field: 'provider', title: 'Leverancier', required: false, maxLength: 200 },
  { field: 'publiccode', title: 'Link naar broncode', required: false, maxLength: 500 },
  { field: 'lang', title: 'Taal', required: true },
  { field: 'standard_version', title: 'Versie publicatiestandaard', required: false },
  { field: 'source_id', title: 'Bron-ID', required: false, maxLength: 100 },
  { field: 'tags', title: 'Zoektermen', required: false, maxLength: 2500 },
];

const FIELDS_FROM = 'MinBZK/Algoritmeregister backend/app/schemas/config/v1_0_0.json';

/** The BWB id in a Juriconnect id or URL, or `null`. */
export function bwbOf(text: string | null): string | null {
  if (typeof text !== 'string') return null;
  return /BWB[RV]\d{7}/.exec(text)?.[0] ?? null;
}

/** The wetten.overheid.nl link of a Juriconnect id (the site resolves `https://wetten.overheid.nl/<jci>`). */
export function juriconnectLink(jci: string | null): string | null {
  return typeof jci === 'string' && jci.startsWith('jci') ? `https://wetten.overheid.nl/${jci}` : null;
}

const ARTICLE_PREFIX = /^(?:art(?:ikel|\.)?\s*\S+)(?:\s+lid\s+\S+)?(?:\s+(?:onder|sub)\s+\S+)?\s+/i;

/** The regulation's name in a citation: `art. 4:5 lid 1 Awb` → `Awb`; `null` when the citation has no article. */
function regulationName(citation: string | null): string | null {
  if (citation === null) return null;
  const m = ARTICLE_PREFIX.exec(citation.trim());
  if (!m) return null;
  const rest = citation.trim().slice(m[0].length).trim();
  return rest === '' ? null : rest;
}

function typeText(t: TypeRef | undefined): string {
  if (t === undefined) return 'unknown';
  return t.kind === 'PrimitiveType' ? t.name : displayName('fact', t.name);
}

/** A short text for an actor or recipient expression: a role `[fact]`, a parameter with its type, or `(expression)`. */
function partyText(e: Expr | null, act: ActDecl): string | null {
  if (e === null) return null;
  if (e.kind === 'Ref') return displayName(e.frame, e.name);
  if (e.kind === 'Var') {
    const p = act.params.find((x) => x.name === e.name);
    return p ? `${e.name} (${typeText(p.type)})` : e.name;
  }
  if (e.kind === 'Is') return e.identity === null ? 'anyone' : e.identity;
  return '(expression)';
}

const frameSourceIds = (f: {
  sources: readonly { id: string }[];
  variants?: readonly { sources: readonly { id: string }[] }[];
}): string[] => [
  ...new Set([...f.sources.map((s) => s.id), ...(f.variants ?? []).flatMap((v) => v.sources.map((s) => s.id))]),
];

/** The input facts each act reads: its `requires` edges, followed through `derives`, that end in an input fact. */
function dataOfActs(graph: ModelGraph, acts: readonly ActDecl[], inputs: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of acts) {
    const start = nodeKey('act', a.name);
    if (!graph.hasNode(start)) continue;
    const seen = new Set<string>();
    const queue: string[] = [];
    graph.forEachOutEdge(start, (_e, attrs, _s, t) => {
      if (attrs.type === 'requires' && !seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    });
    while (queue.length > 0) {
      const k = queue.shift() as string;
      graph.forEachOutEdge(k, (_e, attrs, _s, t) => {
        if (attrs.type === 'derives' && !seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      });
    }
    const names: string[] = [];
    for (const k of seen) {
      const attrs = graph.getNodeAttributes(k);
      if (attrs.kind === 'fact' && inputs.has(attrs.name)) names.push(attrs.name);
    }
    out.set(
      a.name,
      [...inputs].filter((n) => names.includes(n)),
    );
  }
  return out;
}

/** True for a role: an actor-typed fact, or a sub-role of one (`[aanvrager]: [belanghebbende]`). */
function isRole(checked: CheckedModel, f: FactDecl): boolean {
  const seen = new Set<string>();
  for (let r: FactDecl | undefined = f; r !== undefined && !seen.has(r.name); ) {
    if (r.type.kind === 'PrimitiveType') return r.type.name === 'actor' && r.params.length === 0;
    seen.add(r.name);
    const parent = declaredParentRole(r);
    r = parent === undefined ? undefined : lookup(checked.facts, parent);
  }
  return false;
}

function buildEntry(checked: CheckedModel, options: RegisterOptions): RegisterEntry {
  const model = checked.model;
  const identity = modelIdentity(model);
  const graph = toGraph(checked);
  const facts = Object.values(checked.facts);
  const acts = Object.values(checked.acts);
  const duties = Object.values(checked.duties);
  const sources = Object.values(checked.sources);

  // Input facts: declared facts that are not derived and that no act creates, then facts only referenced.
  const inputFacts: { name: string; decl: FactDecl | null }[] = [
    ...facts
      .filter((f) => !isDerivedFact(f) && creatorsOf(graph, nodeKey('fact', f.name)).length === 0)
      .map((f) => ({ name: f.name, decl: f })),
    ...checked.implicitFacts
      .filter((n) => lookup(checked.facts, n) === undefined)
      .map((n) => ({ name: n, decl: null })),
  ];
  const inputNames = new Set(inputFacts.map((f) => f.name));
  const actData = dataOfActs(graph, acts, inputNames);

  const citedBy = new Map<string, string[]>();
  const cite = (label: string, ids: readonly string[]): void => {
    for (const id of ids) citedBy.set(id, [...(citedBy.get(id) ?? []), label]);
  };
  for (const d of model.declarations) {
    if (d.kind === 'Act') cite(displayName('act', d.name), frameSourceIds(d));
    else if (d.kind === 'Fact') cite(displayName('fact', d.name), frameSourceIds(d));
    else if (d.kind === 'Duty') cite(displayName('duty', d.name), frameSourceIds(d));
  }

  const legalBasis: RegisterArticle[] = sources.map((s) => article(s, [...new Set(citedBy.get(s.id) ?? [])]));
  const citationOf = (id: string): string => lookup(checked.sources, id)?.citation ?? id;

  const roles = new Set(inputFacts.filter((f) => f.decl !== null && isRole(checked, f.decl)).map((f) => f.name));
  const decisionPoints: RegisterDecisionPoint[] = acts.map((a) => {
    const ids = frameSourceIds(a).filter((id) => lookup(checked.sources, id) !== undefined);
    const created = [
      ...a.creates.filter((e) => e.frame === 'duty').map((e) => e.name),
      ...duties.filter((d) => d.createdBy.some((r) => r.name === a.name)).map((d) => d.name),
    ];
    return {
      act: a.name,
      action: a.action,
      actor: partyText(a.actor, a),
      recipient: partyText(a.recipient, a),
      sources: ids,
      articles: ids.map(citationOf),
      data: (actData.get(a.name) ?? []).filter((n) => !roles.has(n)),
      duties: [...new Set(created)],
    };
  });

  const data: RegisterDataItem[] = inputFacts.map(({ name, decl }) => {
    const type = decl ? typeText(decl.type) : 'unknown';
    return {
      fact: name,
      type,
      params: decl ? decl.params.map((p) => `${p.name}: ${typeText(p.type)}`) : [],
      role: roles.has(name),
      declared: decl !== null,
      neededBy: acts.filter((a) => (actData.get(a.name) ?? []).includes(name)).map((a) => a.name),
      sources: decl ? frameSourceIds(decl).filter((id) => lookup(checked.sources, id) !== undefined) : [],
      explanation: decl?.explanation ?? null,
    };
  });

  const fields = fieldsOf(model, options, legalBasis, decisionPoints, data, {
    facts: facts.length,
    duties: duties.length,
  });
  const placeholders = REGISTER_FIELDS.filter((f) => fields[f.field] === null).map(({ field, title, required }) => ({
    field,
    title,
    required,
  }));
  const tooLong = REGISTER_FIELDS.flatMap(({ field, maxLength }) => {
    const v = fields[field];
    return typeof v === 'string' && maxLength !== undefined && [...v].length > maxLength
      ? [{ field, length: [...v].length, maxLength }]
      : [];
  });
  return {
    registerFormat: REGISTER_FORMAT,
    standard: {
      name: 'Algoritmeregister publicatiestandaard',
      version: ALGORITMEREGISTER_STANDARD,
      fieldsFrom: FIELDS_FROM,
    },
    model: { title: identity.title, version: identity.version, hash: identity.hash },
    fields,
    placeholders,
    tooLong,
    legalBasis,
    decisionPoints,
    data,
  };
}

function article(s: SourceDecl, cited: readonly string[]): RegisterArticle {
  const bwb =
    bwbOf(s.juriconnect) ??
    bwbOf(s.url) ??
    (s.versions ?? []).map((v) => bwbOf(v.juriconnect)).find((b) => b !== null) ??
    null;
  return {
    id: s.id,
    citation: s.citation,
    bwb,
    juriconnect: s.juriconnect,
    link: juriconnectLink(s.juriconnect) ?? s.url,
    versions: sourceVersions(s).map((v) => ({
      label: v.label,
      validFrom: v.validFrom,
      validTo: v.validTo,
      publication: v.publication,
      juriconnect: v.juriconnect,
      link: juriconnectLink(v.juriconnect) ?? v.decl?.url ?? s.url,
    })),
    citedBy: cited,
  };
}

/** The regulations of the legal basis: BWB id, name (from the citations), articles; in first-cited order. */
function regulations(
  legalBasis: readonly RegisterArticle[],
): { bwb: string; name: string | null; articles: string[] }[] {
  const out = new Map<string, { bwb: string; names: Map<string, number>; articles: string[] }>();
  for (const a of legalBasis) {
    if (a.bwb === null) continue;
    const r = out.get(a.bwb) ?? { bwb: a.bwb, names: new Map<string, number>(), articles: [] };
    out.set(a.bwb, r);
    const name = regulationName(a.citation);
    if (name !== null) r.names.set(name, (r.names.get(name) ?? 0) + 1);
    r.articles.push(a.citation ?? a.id);
  }
  return [...out.values()].map((r) => {
    // The name most citations use; ties go to the one seen first.
    let best: string | null = null;
    let count = 0;
    for (const [n, c] of r.names)
      if (c > count) {
        best = n;
        count = c;
      }
    return { bwb: r.bwb, name: best, articles: r.articles };
  });
}

function fieldsOf(
  model: Model,
  options: RegisterOptions,
  legalBasis: readonly RegisterArticle[],
  decisionPoints: readonly RegisterDecisionPoint[],
  data: readonly RegisterDataItem[],
  counts: { facts: number; duties: number },
): AlgoritmeregisterFields {
  const regs = regulations(legalBasis);
  const unlinked = legalBasis.filter((a) => a.bwb === null).map((a) => a.citation ?? a.id);
  const basis = [
    ...regs.map((r) => `${r.name ?? r.bwb} (${r.bwb}): ${r.articles.join(', ')}.`),
    ...(unlinked.length > 0 ? [`Zonder BWB-identificatie in het model: ${unlinked.join(', ')}.`] : []),
  ];
  const asked = data.filter((d) => !d.role);
  const roles = data.filter((d) => d.role);
  // Within the field's 2,500 characters, leaving room for the roles sentence; the full list is `data`.
  const askedText = listWithin(
    asked.map((d) => `${displayName('fact', d.fact)} (${d.type})`),
    2000,
    (n) => `en ${n} andere (zie data)`,
  );
  const sourceData = [
    ...(asked.length > 0 ? [`Het algoritme vraagt deze gegevens: ${askedText}.`] : []),
    ...(roles.length > 0 ? [`Rollen: ${roles.map((d) => displayName('fact', d.fact)).join(', ')}.`] : []),
  ];
  const points = decisionPoints.map((d) => displayName('act', d.act)).join(', ');
  const methods =
    `Regelgebaseerd, niet zelflerend. Het algoritme voert een FLINT-model uit ` +
    `(${decisionPoints.length} handelingen, ${counts.facts} feiten, ${counts.duties} plichten) ` +
    `met de Calculemus-engine. Beslispunten: ${points || 'geen'}. ` +
    'Elke beslissing legt een spoor vast met de gebruikte gegevens, de uitkomst van elke voorwaarde en de artikelen ' +
    '(in de versie die op de beslisdatum gold) waarop zij rust.';
  const organization =
    typeof options.organization === 'string' && options.organization.trim() !== '' ? options.organization.trim() : null;
  return {
    name: model.header?.title ?? null,
    description_short: null,
    organization,
    category: null,
    status: null,
    begin_date: null,
    end_date: null,
    contact_email: null,
    website: null,
    publication_category: null,
    url: null,
    goal: null,
    proportionality: null,
    human_intervention: null,
    risks: null,
    lawful_basis: fitted(basis, 2500, (n) => `En ${n} andere regelingen: zie legalBasis.`),
    lawful_basis_grouping:
      regs.length > 0
        ? regs.map((r) => ({ title: r.name ?? r.bwb, link: `https://wetten.overheid.nl/${r.bwb}` }))
        : null,
    process_index_url: null,
    impacttoetsen_grouping: null,
    impacttoetsen: null,
    source_data: fitted(sourceData, 2500, (n) => `En ${n} andere gegevens: zie data.`),
    source_data_grouping: null,
    methods_and_models: methods,
    provider: null,
    publiccode: null,
    lang: 'nld',
    standard_version: ALGORITMEREGISTER_STANDARD,
    source_id: null,
    tags: null,
  };
}

function optionsProblem(options: unknown): Diagnostic | null {
  if (options === undefined) return null;
  if (!isRecordValue(options) || (options.organization !== undefined && typeof options.organization !== 'string'))
    return {
      code: 'invalid-argument',
      severity: 'error',
      message: 'registerEntry: argument 2 (options) is not an object with an optional text «organization».',
      path: '/1',
      hint: 'Pass { organization: "Gemeente Voorbeeld" } or nothing.',
    };
  return null;
}

/**
 * A draft Algoritmeregister entry for `model` (docs/register.md): the model is checked first; the entry is built
 * even when the check reports errors, and the check's diagnostics are returned with it.
 */
export function registerEntry(model: Model, options?: RegisterOptions): Result<RegisterEntry> {
  return atBoundary(
    'registerEntry',
    (d) => ({ value: buildEntry(check(emptyModel()).value, {}), diagnostics: [d] }),
    () => {
      const checked = check(model);
      return { value: buildEntry(checked.value, options ?? {}), diagnostics: checked.diagnostics };
    },
    modelProblem('registerEntry', model) ?? optionsProblem(options),
  );
}

/** Items joined by `, ` within `max` characters; when they do not all fit, as many as fit and then `rest(n)`. */
function listWithin(items: readonly string[], max: number, rest: (n: number) => string): string {
  const all = items.join(', ');
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  for (const [i, item] of items.entries()) {
    if (length + item.length + 2 + rest(items.length - i).length > max)
      return [...kept, rest(items.length - i)].join(', ');
    kept.push(item);
    length += item.length + 2;
  }
  return all;
}

/**
 * Sentences joined by spaces within the standard's `max` characters: when they do not all fit, as many as fit and
 * then `rest(n)` naming how many were left out (the full lists are in the entry's own `legalBasis` and `data`).
 * `null` for no sentences.
 */
function fitted(parts: readonly string[], max: number, rest: (n: number) => string): string | null {
  if (parts.length === 0) return null;
  const all = parts.join(' ');
  if (all.length <= max) return all;
  const kept: string[] = [];
  let length = 0;
  for (const [i, p] of parts.entries()) {
    const tail = rest(parts.length - i);
    if (length + p.length + 1 + tail.length + 1 > max) return [...kept, tail].join(' ');
    kept.push(p);
    length += p.length + 1;
  }
  return kept.join(' ');
}
