/**
 * The conformance runner for the discipl-law-reg scenarios (../shared/scenarios/discipl/FORMAT.md):
 * executes every step of a scenario file against the discipl compatibility profile and reports
 * pass / fail / skipped / deviation per step. Pure: model files are read through the injected loader.
 */
import { parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { Expr, Model } from '../../model/index.js';
import type { Deviation } from './deviations.js';
import { DISCIPL_DEVIATIONS, findDeviation } from './deviations.js';
import type { ActLink, DisciplOutcome, DisciplResolver, ExplainNode } from './engine.js';
import { DisciplEngine } from './engine.js';
import type { PeerModel, RawTextAt } from './lower.js';
import { lowerModel } from './lower.js';
import { importExpression, importFlintJson } from '../../interchange/index.js';
import type { DisciplValue } from './values.js';
import { isDecimal, isObjectValue, toDecimal, toPlain } from './values.js';
import { textAtBoundary } from '../../model/guard.js';

/**
 * Outcome of one step. `without-engine`: the step matched, but its answer was read from the published model JSON
 * (the scenario's own input), not computed by the engine; it is counted apart from `pass`.
 */
export type StepStatus = 'pass' | 'fail' | 'skipped' | 'deviation' | 'without-engine';

/**
 * Step kinds answered from the published model JSON without calling the engine (the peer's published-model lookups):
 * a match shows that the JSON holds what the scenario expects, not that the engine computes anything.
 */
export const WITHOUT_ENGINE_STEP_KINDS: ReadonlySet<string> = new Set([
  'publishedFact',
  'publishedDuty',
  'actDetails',
  'publishedModelKeys',
]);

/** The report of one step. */
export interface StepReport {
  readonly index: number;
  /** The step kind (`take`, `availableActs`, ...). */
  readonly kind: string;
  readonly status: StepStatus;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Why it failed, was skipped, or deviates. */
  readonly reason?: string;
}

/** The report of one case. */
export interface CaseReport {
  readonly name: string;
  readonly steps: readonly StepReport[];
}

/** The report of one scenario file. */
export interface ConformanceReport {
  /** The scenario's `source` (peer test file). */
  readonly source: string;
  readonly cases: readonly CaseReport[];
  /** Steps the engine answered as expected. */
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly deviations: number;
  /** Steps that matched, answered from the model JSON without the engine ({@link WITHOUT_ENGINE_STEP_KINDS}). */
  readonly withoutEngine: number;
  /**
   * File-level problems (not an object, no `cases` array, a case that is not an object); empty when the file is well
   * formed.
   */
  readonly problems: readonly string[];
}

/** How FLINT JSON enters the engine's AST (the engine's importer, or the built-in fallback). */
export interface ModelImporter {
  /** Import a parsed model; `raw` recovers the JSON spelling at a span when known. */
  readonly importModel: (value: unknown, fileName: string) => { readonly model: Model; readonly raw?: RawTextAt };
  /** Import one expression; `null` when there is none. */
  readonly importExpression: (value: unknown) => Expr | null;
}

/** Imported models kept across the cases and files of one run (models are immutable once bound and lowered). */
export interface ModelCache {
  /**
   * Key: model file name (or inline model text) plus the bindings; value: the bound JSON and its lowered form, or why
   * it failed.
   */
  readonly entries: Map<string, CachedModel | string>;
  /** Key: model file name; value: its parsed JSON, or why it could not be loaded. */
  readonly parsed: Map<string, unknown>;
}

interface CachedModel {
  readonly json: JsonObj;
  readonly peer: PeerModel;
}

/** A fresh, empty model cache; pass the same one to several {@link runConformance} calls to share it. */
export function createModelCache(): ModelCache {
  return { entries: new Map(), parsed: new Map() };
}

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  readonly importer?: ModelImporter;
  readonly deviations?: readonly Deviation[];
  /** Share imported models across calls; by default each call has a cache of its own. */
  readonly cache?: ModelCache;
}

/** The JSON value written at `span` in `text` (spans of the engine's importer cover whole JSON values). */
function jsonAt(text: string, file: string): RawTextAt {
  return (span) => {
    if (span.file !== file || span.end.offset <= span.start.offset) return undefined;
    try {
      return JSON.parse(text.slice(span.start.offset, span.end.offset)) as unknown;
    } catch {
      return undefined;
    }
  };
}

const EVAL_FACT = '[calculemus evaluate]';

/**
 * The engine's FLINT JSON importer (src/interchange). The value is serialised first so that spans
 * point into known text: that recovers the exact JSON spelling of names (bare old-dialect names,
 * `"IS:did:..."` strings) and the operator objects the importer rejects.
 */
export const engineImporter: ModelImporter = {
  importModel: (value, fileName) => {
    const text = JSON.stringify(value, null, 1);
    return { model: importFlintJson(text, fileName).value, raw: jsonAt(text, fileName) };
  },
  importExpression: (value) => importExpression(value).value,
};

/** Import one expression with spans into known text, as the definition of a synthetic fact. */
function importEvaluated(importer: ModelImporter, value: unknown): { expr: Expr | null; raw?: RawTextAt } {
  if (typeof value !== 'object' || value === null) return { expr: importer.importExpression(value) };
  const { model, raw } = importer.importModel(
    { acts: [], facts: [{ fact: EVAL_FACT, function: value }], duties: [] },
    '<evaluate>',
  );
  const fact = model.declarations.find((d) => d.kind === 'Fact');
  return fact?.kind === 'Fact' && fact.definition
    ? { expr: fact.definition, ...(raw ? { raw } : {}) }
    : { expr: importer.importExpression(value) };
}

const PEER_INTERNAL = new Set(['validate', 'duplicates', 'definitionAt', 'definitionsForType', 'referencesAt']);
const STEP_KINDS = [
  'take',
  'availableActs',
  'potentialActs',
  'activeDuties',
  'record',
  'actions',
  'evaluate',
  'explain',
  'checkAction',
  'publishedFact',
  'publishedDuty',
  'actDetails',
  'publishedModelKeys',
  ...PEER_INTERNAL,
];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObj = { [k: string]: Json };

const isObj = (v: unknown): v is JsonObj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The DID this runner gives the identity named `role`. */
export const didOf = (role: string): string => `did:discipl:${role}`;

class StepFailure extends Error {
  constructor(
    message: string,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

interface CaseState {
  readonly engine: DisciplEngine;
  readonly refs: Map<string, string>;
  head: string;
  readonly raw: JsonObj;
  readonly importer: ModelImporter;
}

/** Replace `$identity` / `$ref` / `$refs` symbols by identities and links. */
function resolveSymbols(v: unknown, refs: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => resolveSymbols(x, refs));
  if (!isObj(v)) return v;
  if (typeof v['$identity'] === 'string') return didOf(v['$identity']);
  if (typeof v['$ref'] === 'string') return refs.get(v['$ref']) ?? `<unknown ref ${v['$ref']}>`;
  if (Array.isArray(v['$refs'])) return v['$refs'].map((r) => refs.get(String(r)) ?? `<unknown ref ${String(r)}>`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = resolveSymbols(x, refs);
  return out;
}

/** True unless `v` is a plain object that is not a `$identity`/`$ref`/`$refs` symbol (a per-question answer map). */
function isSymbol(v: Json): boolean {
  return !isObj(v) || '$identity' in v || '$ref' in v || '$refs' in v;
}

function toValue(v: unknown): DisciplValue {
  if (v === null) return undefined;
  return v as DisciplValue;
}

/** The scenario resolver (`facts`, `default`, `lists`), recording the questions it is asked. */
function makeResolver(spec: JsonObj, refs: ReadonlyMap<string, string>, calls: unknown[]): DisciplResolver {
  const facts = isObj(spec['facts']) ? spec['facts'] : {};
  const lists = isObj(spec['lists']) ? spec['lists'] : {};
  const dflt = spec['default'] ?? null;
  const seqPos = new Map<string, number>();
  return (question, names, indices, candidates) => {
    calls.push(question);
    const outer = names[0];
    if (outer !== undefined && Object.hasOwn(lists, outer)) {
      let cur: Json | undefined = lists[outer];
      for (const i of indices) cur = Array.isArray(cur) ? cur[i] : undefined;
      if (cur === undefined) return false;
      // Extension: an item given as {question: answer} answers per question; other questions fall through to
      // facts/default.
      if (isSymbol(cur) || !isObj(cur)) return toValue(resolveSymbols(cur, refs));
      if (typeof question === 'string' && Object.hasOwn(cur, question))
        return toValue(resolveSymbols(cur[question], refs));
    }
    if (typeof question === 'string' && Object.hasOwn(facts, question)) {
      const a = facts[question];
      if (isObj(a) && Array.isArray(a['$seq'])) {
        const pos = seqPos.get(question) ?? 0;
        seqPos.set(question, pos + 1);
        return toValue(resolveSymbols(a['$seq'][pos] ?? null, refs));
      }
      return toValue(resolveSymbols(a, refs));
    }
    if (isObj(dflt) && typeof dflt['$candidate'] === 'number') return candidates[dflt['$candidate']];
    return toValue(resolveSymbols(dflt, refs));
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqual(ka, kb) && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** True when the expectation is `{"error": "<message>"}`. */
function expectsError(expected: unknown): boolean {
  return isObj(expected) && typeof expected['error'] === 'string';
}

/** Compare an outcome with an error expectation (or report an unexpected error); returns the actual value. */
function compareError<T>(expected: unknown, o: DisciplOutcome<T>): unknown {
  if (o.ok) throw new StepFailure('expected an error, got a result', toPlain(o.value as DisciplValue));
  if (!expectsError(expected)) throw new StepFailure(`error: ${o.error}`, { error: o.error });
  const actual = { error: o.error };
  compare(expected, actual);
  return actual;
}

function must<T>(o: DisciplOutcome<T>): T {
  if (!o.ok) throw new StepFailure(`error: ${o.error}`);
  return o.value;
}

function compare(expected: unknown, actual: unknown): void {
  if (!deepEqual(expected, actual)) throw new StepFailure('mismatch', actual);
}

function actNames(list: readonly ActLink[]): string[] {
  return list.map((a) => a.act);
}

function compareLists(step: JsonObj, actual: readonly string[]): void {
  if ('expect' in step) compare(step['expect'], actual);
  if (Array.isArray(step['expectIncludes'])) {
    const missing = step['expectIncludes'].filter((x) => !actual.includes(String(x)));
    if (missing.length > 0) throw new StepFailure(`missing ${JSON.stringify(missing)}`, actual);
  }
  if (Array.isArray(step['expectExcludes'])) {
    const present = step['expectExcludes'].filter((x) => actual.includes(String(x)));
    if (present.length > 0) throw new StepFailure(`unexpected ${JSON.stringify(present)}`, actual);
  }
}

/** Compare an evaluated value with an `evaluate` expectation: `null` = unknown, numbers numerically. */
function sameValue(expected: unknown, actual: DisciplValue): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected === 'number') {
    if (isDecimal(actual) || typeof actual === 'number') return toDecimal(actual).eq(expected);
    return false;
  }
  return deepEqual(expected, toPlain(actual));
}

/** The JSON text of a model file, parsed; a message when it cannot be loaded or is not a JSON object. */
function parseModelFile(name: string, loadModel: (fileName: string) => string | undefined): unknown {
  let text: string | undefined;
  try {
    text = loadModel(name);
  } catch {
    text = undefined;
  }
  if (text === undefined) return `model file ${name} could not be loaded`;
  const errors: ParseError[] = [];
  const json = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  const first = errors[0];
  if (first)
    return `model file ${name} is not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset})`;
  return json;
}

/**
 * The model named or embedded by a case, with the bindings applied to facts whose function is
 * exactly `"[]"`, imported and lowered once per (model, bindings) in `cache`; a message when it cannot be loaded.
 */
function loadCaseModel(
  file: JsonObj,
  kase: JsonObj,
  loadModel: (fileName: string) => string | undefined,
  importer: ModelImporter,
  cache: ModelCache,
): CachedModel | string {
  const m = kase['model'] ?? file['model'];
  const bindings = isObj(kase['bindings']) ? kase['bindings'] : {};
  const bindingKey = JSON.stringify(bindings);
  let json: unknown;
  const fileName = 'inline.flint.json';
  // A case without a model of its own under an "inline (per case)" file evaluates against an empty model.
  if (typeof m === 'string' && m.startsWith('inline')) json = { acts: [], facts: [], duties: [] };
  else if (typeof m === 'string') {
    const key = `file\u0000${m}\u0000${bindingKey}`;
    const hit = cache.entries.get(key);
    if (hit !== undefined) return hit;
    const parsedKey = `parsed\u0000${m}`;
    let parsed = cache.parsed.get(parsedKey);
    if (parsed === undefined) {
      parsed = parseModelFile(m, loadModel);
      cache.parsed.set(parsedKey, parsed);
    }
    const built = typeof parsed === 'string' ? parsed : bindModel(parsed, bindings, m, importer);
    cache.entries.set(key, built);
    return built;
  } else if (m === undefined) return 'the case names no model (no "model" in the case or the file)';
  else json = m;
  const key = `inline\u0000${JSON.stringify(json)}\u0000${bindingKey}`;
  const hit = cache.entries.get(key);
  if (hit !== undefined) return hit;
  const built = bindModel(json, bindings, fileName, importer);
  cache.entries.set(key, built);
  return built;
}

/** Apply the bindings (only to facts whose function is exactly `"[]"`, SEMANTICS.md §7), import and lower. */
function bindModel(json: unknown, bindings: JsonObj, fileName: string, importer: ModelImporter): CachedModel | string {
  if (!isObj(json)) return `the model ${fileName === 'inline.flint.json' ? '(inline)' : fileName} is not a JSON object`;
  const facts = Array.isArray(json['facts']) ? json['facts'] : [];
  const bound = facts.map((f) => {
    if (!isObj(f) || typeof f['fact'] !== 'string' || f['function'] !== '[]') return f;
    const b = bindings[f['fact']];
    return b === undefined ? f : { ...f, function: resolveSymbols(b, new Map()) as Json };
  });
  const boundJson: JsonObj = { ...json, facts: bound };
  try {
    const { model, raw } = importer.importModel(boundJson, fileName);
    return { json: boundJson, peer: lowerModel(model, raw) };
  } catch (e) {
    return `the model ${fileName} could not be imported: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function findNamed(json: JsonObj, listKey: string, nameKey: string, name: string): Json | undefined {
  const list = json[listKey];
  return Array.isArray(list) ? list.find((x) => isObj(x) && x[nameKey] === name) : undefined;
}

function plainRecord(state: CaseState, link: string): unknown {
  const r = state.engine.record(link);
  if (!r) throw new StepFailure(`no record ${link}`);
  return {
    act: r.act,
    factsSupplied: toPlain(r.factsSupplied),
    globalCase: r.globalCase,
    previousCase: r.previousCase,
  };
}

function selectExplained(root: ExplainNode, fact: unknown): unknown {
  const child = (root.operandExplanations ?? []).find((c) => c.fact === fact);
  return child === undefined ? null : JSON.parse(JSON.stringify(child));
}

/** Execute one step; returns the actual value (for reports) or throws a StepFailure. */
function runStep(state: CaseState, kind: string, step: JsonObj): unknown {
  const body = step[kind];
  const spec = isObj(body) ? body : {};
  const refs = state.refs;
  const role = roleOf(spec['actor']);
  const who = role === undefined ? '' : didOf(role);
  const calls: unknown[] = [];
  const resolver = makeResolver(spec, refs, calls);
  const atName = refName(spec['at']);
  const at = atName === undefined ? state.head : (refs.get(atName) ?? atName);
  const expected = resolveSymbols(step['expect'], refs);
  switch (kind) {
    case 'take': {
      const out = state.engine.take(who, state.head, String(spec['act']), resolver);
      const actual = out.ok ? 'ok' : { error: out.error };
      if (out.ok) {
        state.head = out.value;
        if (typeof step['id'] === 'string') refs.set(step['id'], out.value);
      }
      compare(expected, actual);
      return actual;
    }
    case 'availableActs':
    case 'potentialActs': {
      const out =
        kind === 'availableActs'
          ? state.engine.availableActs(at, who, resolver)
          : state.engine.potentialActs(at, who, resolver);
      if (expectsError(expected) || !out.ok) return compareError(expected, out);
      const actual = actNames(out.value);
      compareLists(step, actual);
      return actual;
    }
    case 'activeDuties': {
      const out = state.engine.activeDuties(at, who);
      if (expectsError(expected) || !out.ok) return compareError(expected, out);
      const actual = out.value.map((d) => d.duty);
      compare(expected, actual);
      return actual;
    }
    case 'record': {
      const name = refName(body) ?? '';
      const actual = plainRecord(state, refs.get(name) ?? name);
      // Only the keys the expectation names are compared (all four in the shared format).
      compare(expected, isObj(expected) && isObj(actual) ? pick(actual, Object.keys(expected)) : actual);
      return actual;
    }
    case 'actions': {
      const out = state.engine.actions(at);
      if (expectsError(expected) || !out.ok) return compareError(expected, out);
      const actual = out.value;
      compare(expected, actual);
      return actual;
    }
    case 'evaluate': {
      const { expr, raw } = importEvaluated(state.importer, resolveSymbols(spec['expression'], refs));
      if (!expr) throw new StepFailure('the expression could not be imported');
      const out = state.engine.evaluate(expr, resolver, state.head, raw);
      if (isObj(expected) && typeof expected['error'] === 'string') {
        const actual = out.ok ? toPlain(out.value) : { error: out.error };
        compare(expected, actual);
        return actual;
      }
      const value = must(out);
      if (!sameValue(expected, value)) throw new StepFailure('mismatch', value === undefined ? null : toPlain(value));
      return value === undefined ? null : toPlain(value);
    }
    case 'explain': {
      const out = state.engine.explain(who, state.head, String(spec['act']), resolver);
      if (expectsError(expected) || !out.ok) return compareError(expected, out);
      const root = out.value;
      const select = isObj(spec['select']) ? spec['select']['fact'] : undefined;
      const actual = select === undefined ? JSON.parse(JSON.stringify(root)) : selectExplained(root, select);
      compare(expected, actual);
      return actual;
    }
    case 'checkAction': {
      const check = must(
        state.engine.checkAction(who, undefined, String(spec['act']), resolver, spec['earlyEscape'] === true),
      );
      const actual = { valid: check.valid ?? null, invalidReasons: check.invalidReasons };
      compare(expected, actual);
      if (Array.isArray(step['expectResolverCalls'])) {
        const asked = calls.map((c) => (isObjectValue(c as DisciplValue) ? '[object Object]' : (c ?? null)));
        if (!deepEqual(step['expectResolverCalls'], asked))
          throw new StepFailure(`resolver calls ${JSON.stringify(asked)}`);
      }
      return actual;
    }
    case 'publishedFact':
    case 'publishedDuty':
    case 'actDetails': {
      const [listKey, nameKey] =
        kind === 'publishedFact' ? ['facts', 'fact'] : kind === 'publishedDuty' ? ['duties', 'duty'] : ['acts', 'act'];
      const actual = findNamed(state.raw, listKey, nameKey, String(body)) ?? null;
      if ('expect' in step) compare(expected, actual);
      if ('expectFunction' in step)
        compare(resolveSymbols(step['expectFunction'], refs), isObj(actual) ? actual['function'] : undefined);
      return actual;
    }
    case 'publishedModelKeys': {
      // The peer's published model record: the title plus one link list per frame kind.
      const actual = ['model', 'acts', 'facts', 'duties'].filter((k) => k === 'model' || Array.isArray(state.raw[k]));
      const members = Array.isArray(step['expectMembers']) ? step['expectMembers'] : [];
      const missing = members.filter((m) => !actual.includes(String(m)));
      if (missing.length > 0) throw new StepFailure(`missing ${JSON.stringify(missing)}`);
      return actual;
    }
    default:
      throw new StepFailure(`unsupported step kind ${kind}`);
  }
}

/** `$ref`/`$refs` names in `v` (and plain-string `at`/`record` targets) that no earlier take step defined. */
function unknownRefs(v: unknown, refs: ReadonlyMap<string, string>, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) unknownRefs(x, refs, out);
  else if (isObj(v)) {
    const r = v['$ref'];
    if (r !== undefined && (typeof r !== 'string' || !refs.has(r))) out.push(String(r));
    const rs = v['$refs'];
    if (rs !== undefined) {
      if (!Array.isArray(rs)) out.push(String(rs));
      else for (const x of rs) if (typeof x !== 'string' || !refs.has(x)) out.push(String(x));
    }
    for (const [k, x] of Object.entries(v)) if (k !== '$ref' && k !== '$refs') unknownRefs(x, refs, out);
  }
  return out;
}

/** A role name: `"role"` or `{"$identity": "role"}`. */
function roleOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return isObj(v) && typeof v['$identity'] === 'string' ? v['$identity'] : undefined;
}

/** A take id: `"t1"` or `{"$ref": "t1"}`. */
function refName(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  return isObj(v) && typeof v['$ref'] === 'string' ? v['$ref'] : undefined;
}

function pick(o: JsonObj, keys: readonly string[]): JsonObj {
  const out: JsonObj = {};
  for (const k of keys) if (k in o) out[k] = o[k] as Json;
  return out;
}

/** Fields a step kind needs, checked before running it so that a malformed step fails with a clear message. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  take: ['actor', 'act'],
  availableActs: ['actor'],
  potentialActs: ['actor'],
  activeDuties: ['actor'],
  explain: ['actor', 'act'],
  checkAction: ['actor', 'act'],
  evaluate: ['expression'],
};

/** Why a step is malformed (before running it), or `undefined`. */
function malformed(kind: string, step: JsonObj, refs: ReadonlyMap<string, string>): string | undefined {
  const body = step[kind];
  const required = REQUIRED[kind];
  if (required) {
    if (!isObj(body)) return `the ${kind} step needs an object with ${required.join(', ')}`;
    const missing = required.filter((k) =>
      k === 'expression'
        ? body[k] === undefined
        : k === 'actor'
          ? roleOf(body[k]) === undefined
          : typeof body[k] !== 'string',
    );
    if (missing.length > 0)
      return (
        `the ${kind} step has ` +
        `no ${missing.map((k) => `"${k}"`).join(' and no ')}${missing.includes('expression') ? '' : ' (a string)'}`
      );
    if (body['facts'] !== undefined && !isObj(body['facts'])) return `the ${kind} step's "facts" must be an object`;
    if (body['lists'] !== undefined && !isObj(body['lists'])) return `the ${kind} step's "lists" must be an object`;
  }
  if (kind === 'record' && refName(body) === undefined) return 'the record step needs the id of a take step (string)';
  if ((kind === 'publishedFact' || kind === 'publishedDuty' || kind === 'actDetails') && typeof body !== 'string')
    return `the ${kind} step needs a name (string)`;
  const expects = [
    'expect',
    'expectIncludes',
    'expectExcludes',
    'expectFunction',
    'expectMembers',
    'expectFirst',
    'expectCount',
  ];
  if (!expects.some((k) => k in step)) return `the ${kind} step has no expectation (expect, expectIncludes, ...)`;
  const targets: unknown[] = [];
  if (kind === 'record') targets.push({ $ref: refName(body) });
  if (isObj(body) && body['at'] !== undefined) targets.push({ $ref: refName(body['at']) ?? body['at'] });
  const bad = unknownRefs([step, ...targets], refs);
  if (bad.length > 0)
    return (
      `unknown reference ${[...new Set(bad)].map((b) => `"${b}"`).join(', ')}: no earlier ` +
      `successful take step has that id (known: ${[...refs.keys()].join(', ')})`
    );
  return undefined;
}

/** The step kind, or `undefined` when the step names none. */
function stepKind(step: JsonObj): string | undefined {
  return (
    STEP_KINDS.find((k) => k in step) ??
    Object.keys(step).find((k) => !k.startsWith('expect') && k !== 'id' && k !== 'note' && k !== 'testExpected')
  );
}

/** Run every case and step of a discipl scenario file; never throws, whatever the file holds. */
export function runConformance(
  scenarioFile: unknown,
  loadModel: (fileName: string) => string | undefined,
  options: ConformanceOptions = {},
): ConformanceReport {
  const importer = options.importer ?? engineImporter;
  const deviations = options.deviations ?? DISCIPL_DEVIATIONS;
  const cache = options.cache ?? createModelCache();
  const problems: string[] = [];
  if (!isObj(scenarioFile)) problems.push('the scenario file is not a JSON object');
  const file = isObj(scenarioFile) ? scenarioFile : {};
  const source = typeof file['source'] === 'string' ? file['source'] : '<unknown>';
  if (isObj(scenarioFile) && !Array.isArray(file['cases'])) problems.push('the scenario file has no "cases" array');
  const cases: CaseReport[] = [];
  const count: Record<StepStatus, number> = { pass: 0, fail: 0, skipped: 0, deviation: 0, 'without-engine': 0 };
  (Array.isArray(file['cases']) ? file['cases'] : []).forEach((kase, caseIndex) => {
    if (!isObj(kase)) {
      problems.push(`case ${caseIndex} is not an object`);
      return;
    }
    const name = typeof kase['name'] === 'string' ? kase['name'] : `<case ${caseIndex}>`;
    const steps: StepReport[] = [];
    const add = (r: StepReport): void => {
      steps.push(r);
      count[r.status]++;
    };
    if (!Array.isArray(kase['steps'])) {
      add({ index: 0, kind: '?', status: 'fail', reason: 'the case has no "steps" array' });
      cases.push({ name, steps });
      return;
    }
    const rawSteps: unknown[] = kase['steps'];
    const needsModel = rawSteps.some((s) => isObj(s) && !PEER_INTERNAL.has(stepKind(s) ?? ''));
    let state: CaseState | string | undefined;
    if (needsModel) {
      const loaded = loadCaseModel(file, kase, loadModel, importer, cache);
      if (typeof loaded === 'string') state = loaded;
      else {
        const engine = DisciplEngine.fromLowered(loaded.peer);
        const head = engine.newCase();
        state = { engine, refs: new Map([['case', head]]), head, raw: loaded.json, importer };
      }
    }
    rawSteps.forEach((step, index) => {
      if (!isObj(step)) {
        add({ index, kind: '?', status: 'fail', reason: 'the step is not an object' });
        return;
      }
      const kind = stepKind(step);
      const dev = findDeviation(deviations, source, name, index);
      if (kind === undefined) {
        add({ index, kind: '?', status: dev ? 'deviation' : 'fail', reason: 'the step names no step kind' });
        return;
      }
      if (PEER_INTERNAL.has(kind)) {
        add({
          index,
          kind,
          status: 'skipped',
          reason: 'peer-internal model validator (not part of the discipl evaluation profile)',
        });
        return;
      }
      if (!STEP_KINDS.includes(kind)) {
        add({
          index,
          kind,
          status: dev ? 'deviation' : 'fail',
          reason: dev?.reason ?? `unknown step kind "${kind}" (known: ${STEP_KINDS.join(', ')})`,
        });
        return;
      }
      if (typeof state !== 'object') {
        add({ index, kind, status: dev ? 'deviation' : 'fail', reason: dev?.reason ?? state ?? 'no model' });
        return;
      }
      const bad = malformed(kind, step, state.refs);
      if (bad !== undefined) {
        add({ index, kind, status: dev ? 'deviation' : 'fail', reason: dev?.reason ?? bad });
        // A take that could not run still occupies its id: later steps naming it fail with "unknown reference".
        return;
      }
      try {
        const actual = runStep(state, kind, step);
        const status = WITHOUT_ENGINE_STEP_KINDS.has(kind) ? 'without-engine' : 'pass';
        add(dev ? { index, kind, status: 'deviation', actual, reason: dev.reason } : { index, kind, status });
      } catch (e) {
        const failure =
          e instanceof StepFailure
            ? e
            : new StepFailure(`internal error: ${e instanceof Error ? e.message : String(e)}`);
        add({
          index,
          kind,
          status: dev ? 'deviation' : 'fail',
          expected: resolveSymbols(
            step['expect'] ?? step['expectIncludes'] ?? step['expectFunction'] ?? step['expectMembers'],
            state.refs,
          ),
          actual: failure.actual,
          reason: dev?.reason ?? failure.message,
        });
      }
    });
    cases.push({ name, steps });
  });
  return {
    source,
    cases,
    passed: count.pass,
    failed: count.fail,
    skipped: count.skipped,
    deviations: count.deviation,
    withoutEngine: count['without-engine'],
    problems,
  };
}

/** Options of {@link renderConformance}. */
export interface RenderOptions {
  /** Also print a line for every passing and skipped step (default: only failing and deviating steps). */
  readonly allSteps?: boolean;
  /** End with the totals lines (default true). */
  readonly totals?: boolean;
}

/** Render a report as text: a line per case, a line per non-passing step (or every step), then the totals. */
export function renderConformance(report: ConformanceReport, options: RenderOptions = {}): string {
  return textAtBoundary('renderConformance', () => {
    const lines: string[] = [`${report.source}`];
    for (const c of report.cases) {
      const bad = c.steps.filter((s) => s.status === 'fail');
      const devs = c.steps.filter((s) => s.status === 'deviation');
      const skipped = c.steps.filter((s) => s.status === 'skipped');
      const tag =
        bad.length > 0
          ? 'FAIL'
          : devs.length > 0
            ? 'DEV '
            : skipped.length === c.steps.length && skipped.length > 0
              ? 'SKIP'
              : 'ok  ';
      lines.push(`${tag} ${c.name}`);
      for (const s of c.steps) {
        if (s.status === 'fail') {
          lines.push(`     step ${s.index} ${s.kind}: FAIL ${s.reason ?? 'failed'}`);
          if (s.expected !== undefined) lines.push(`       expected ${JSON.stringify(s.expected)}`);
          if (s.actual !== undefined) lines.push(`       actual   ${JSON.stringify(s.actual)}`);
        } else if (s.status === 'deviation') {
          lines.push(`     step ${s.index} ${s.kind}: deviation: ${s.reason ?? ''}`);
        } else if (options.allSteps) {
          lines.push(`     step ${s.index} ${s.kind}: ${s.status}`);
        }
      }
    }
    for (const p of report.problems) lines.push(`PROBLEM ${p}`);
    if (options.totals !== false) {
      lines.push(`${report.passed} passed, ${report.failed} failed`);
      lines.push(`${report.skipped} skipped, ${report.deviations} deviations`);
      lines.push(withoutEngineLine(report.withoutEngine));
    }
    return `${lines.join('\n')}\n`;
  });
}

/** The totals line of the steps answered without the engine (shared by {@link renderConformance} and the CLI). */
export function withoutEngineLine(n: number): string {
  return `${n} answered from the model JSON without the engine (not counted as passed)`;
}
