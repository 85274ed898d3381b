/**
 * The conformance runner for the discipl-law-reg scenarios (../shared/scenarios/discipl/FORMAT.md):
 * executes every step of a scenario file against the discipl compatibility profile and reports
 * pass / fail / skipped / deviation per step. Pure: model files are read through the injected loader.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import type { Expr, Model } from '../../model/index.js';
import type { Deviation } from './deviations.js';
import { DISCIPL_DEVIATIONS, findDeviation } from './deviations.js';
import type { ActLink, DisciplOutcome, DisciplResolver, ExplainNode } from './engine.js';
import { DisciplEngine } from './engine.js';
import type { RawTextAt } from './lower.js';
import { importExpression, importFlintJson } from '../../interchange/index.js';
import type { DisciplValue } from './values.js';
import { isDecimal, isObjectValue, toDecimal, toPlain } from './values.js';

/** Outcome of one step. */
export type StepStatus = 'pass' | 'fail' | 'skipped' | 'deviation';

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
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly deviations: number;
}

/** How FLINT JSON enters the engine's AST (the engine's importer, or the built-in fallback). */
export interface ModelImporter {
  /** Import a parsed model; `raw` recovers the JSON spelling at a span when known. */
  readonly importModel: (value: unknown, fileName: string) => { readonly model: Model; readonly raw?: RawTextAt };
  /** Import one expression; `null` when there is none. */
  readonly importExpression: (value: unknown) => Expr | null;
}

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  readonly importer?: ModelImporter;
  readonly deviations?: readonly Deviation[];
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
  const { model, raw } = importer.importModel({ acts: [], facts: [{ fact: EVAL_FACT, function: value }], duties: [] }, '<evaluate>');
  const fact = model.declarations.find((d) => d.kind === 'Fact');
  return fact?.kind === 'Fact' && fact.definition ? { expr: fact.definition, ...(raw ? { raw } : {}) } : { expr: importer.importExpression(value) };
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
    if (outer !== undefined && outer in lists) {
      let cur: Json | undefined = lists[outer];
      for (const i of indices) cur = Array.isArray(cur) ? cur[i] : undefined;
      return cur === undefined ? false : toValue(resolveSymbols(cur, refs));
    }
    if (typeof question === 'string' && Object.prototype.hasOwnProperty.call(facts, question)) {
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

/** The model (JSON) named or embedded by a case, with the bindings applied to facts whose function is `"[]"`. */
function loadCaseModel(
  file: JsonObj,
  kase: JsonObj,
  loadModel: (fileName: string) => string | undefined,
): { json: JsonObj; fileName: string } | string {
  const m = kase['model'] ?? file['model'];
  let json: unknown;
  let fileName = 'inline.flint.json';
  // A case without a model of its own under an "inline (per case)" file evaluates against an empty model.
  if (typeof m === 'string' && m.startsWith('inline')) return { json: { acts: [], facts: [], duties: [] }, fileName };
  if (typeof m === 'string') {
    const text = loadModel(m);
    if (text === undefined) return `model file ${m} could not be loaded`;
    json = parseJsonc(text, [], { allowTrailingComma: true, disallowComments: false });
    fileName = m;
  } else json = m;
  if (!isObj(json)) return 'the case has no model object';
  const bindings = isObj(kase['bindings']) ? kase['bindings'] : {};
  const facts = Array.isArray(json['facts']) ? json['facts'] : [];
  const bound = facts.map((f) => {
    if (!isObj(f) || typeof f['fact'] !== 'string' || f['function'] !== '[]') return f;
    const b = bindings[f['fact']];
    return b === undefined ? f : { ...f, function: resolveSymbols(b, new Map()) as Json };
  });
  return { json: { ...json, facts: bound }, fileName };
}

function findNamed(json: JsonObj, listKey: string, nameKey: string, name: string): Json | undefined {
  const list = json[listKey];
  return Array.isArray(list) ? list.find((x) => isObj(x) && x[nameKey] === name) : undefined;
}

function plainRecord(state: CaseState, link: string): unknown {
  const r = state.engine.record(link);
  if (!r) throw new StepFailure(`no record ${link}`);
  return { act: r.act, factsSupplied: toPlain(r.factsSupplied), globalCase: r.globalCase, previousCase: r.previousCase };
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
  const who = typeof spec['actor'] === 'string' ? didOf(spec['actor']) : '';
  const calls: unknown[] = [];
  const resolver = makeResolver(spec, refs, calls);
  const at = typeof spec['at'] === 'string' ? (refs.get(spec['at']) ?? spec['at']) : state.head;
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
      const out = kind === 'availableActs' ? state.engine.availableActs(at, who, resolver) : state.engine.potentialActs(at, who, resolver);
      const actual = actNames(must(out));
      compareLists(step, actual);
      return actual;
    }
    case 'activeDuties': {
      const actual = must(state.engine.activeDuties(at, who)).map((d) => d.duty);
      compare(expected, actual);
      return actual;
    }
    case 'record': {
      const actual = plainRecord(state, refs.get(String(body)) ?? String(body));
      compare(expected, actual);
      return actual;
    }
    case 'actions': {
      const actual = must(state.engine.actions(at));
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
      const root = must(state.engine.explain(who, state.head, String(spec['act']), resolver));
      const select = isObj(spec['select']) ? spec['select']['fact'] : undefined;
      const actual = select === undefined ? JSON.parse(JSON.stringify(root)) : selectExplained(root, select);
      compare(expected, actual);
      return actual;
    }
    case 'checkAction': {
      const check = must(state.engine.checkAction(who, undefined, String(spec['act']), resolver, spec['earlyEscape'] === true));
      const actual = { valid: check.valid ?? null, invalidReasons: check.invalidReasons };
      compare(expected, actual);
      if (Array.isArray(step['expectResolverCalls'])) {
        const asked = calls.map((c) => (isObjectValue(c as DisciplValue) ? '[object Object]' : (c ?? null)));
        if (!deepEqual(step['expectResolverCalls'], asked)) throw new StepFailure(`resolver calls ${JSON.stringify(asked)}`);
      }
      return actual;
    }
    case 'publishedFact':
    case 'publishedDuty':
    case 'actDetails': {
      const [listKey, nameKey] = kind === 'publishedFact' ? ['facts', 'fact'] : kind === 'publishedDuty' ? ['duties', 'duty'] : ['acts', 'act'];
      const actual = findNamed(state.raw, listKey, nameKey, String(body)) ?? null;
      if ('expect' in step) compare(expected, actual);
      if ('expectFunction' in step) compare(resolveSymbols(step['expectFunction'], refs), isObj(actual) ? actual['function'] : undefined);
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

function stepKind(step: JsonObj): string {
  return STEP_KINDS.find((k) => k in step) ?? Object.keys(step).find((k) => !k.startsWith('expect') && k !== 'id' && k !== 'note') ?? '?';
}

/** Run every case and step of a discipl scenario file. */
export function runConformance(
  scenarioFile: unknown,
  loadModel: (fileName: string) => string | undefined,
  options: ConformanceOptions = {},
): ConformanceReport {
  const importer = options.importer ?? engineImporter;
  const deviations = options.deviations ?? DISCIPL_DEVIATIONS;
  const file = isObj(scenarioFile) ? scenarioFile : {};
  const source = typeof file['source'] === 'string' ? file['source'] : '<unknown>';
  const cases: CaseReport[] = [];
  const count = { pass: 0, fail: 0, skipped: 0, deviation: 0 };
  for (const kase of Array.isArray(file['cases']) ? file['cases'] : []) {
    if (!isObj(kase)) continue;
    const name = typeof kase['name'] === 'string' ? kase['name'] : '<unnamed>';
    const steps: StepReport[] = [];
    const rawSteps = Array.isArray(kase['steps']) ? kase['steps'].filter(isObj) : [];
    const needsModel = rawSteps.some((s) => !PEER_INTERNAL.has(stepKind(s)));
    let state: CaseState | string | undefined;
    if (needsModel) {
      const loaded = loadCaseModel(file, kase, loadModel);
      if (typeof loaded === 'string') state = loaded;
      else {
        const { model, raw } = importer.importModel(loaded.json, loaded.fileName);
        const engine = DisciplEngine.fromModel(model, raw);
        const head = engine.newCase();
        state = { engine, refs: new Map([['case', head]]), head, raw: loaded.json, importer };
      }
    }
    rawSteps.forEach((step, index) => {
      const kind = stepKind(step);
      const add = (r: StepReport): void => {
        steps.push(r);
        count[r.status]++;
      };
      const dev = findDeviation(deviations, source, name, index);
      if (PEER_INTERNAL.has(kind)) {
        add({ index, kind, status: 'skipped', reason: 'peer-internal model validator (not part of the discipl evaluation profile)' });
        return;
      }
      if (typeof state !== 'object') {
        add({ index, kind, status: dev ? 'deviation' : 'fail', reason: dev?.reason ?? state ?? 'no model' });
        return;
      }
      try {
        const actual = runStep(state, kind, step);
        add(dev ? { index, kind, status: 'deviation', actual, reason: dev.reason } : { index, kind, status: 'pass' });
      } catch (e) {
        if (!(e instanceof StepFailure)) throw e;
        add({
          index,
          kind,
          status: dev ? 'deviation' : 'fail',
          expected: resolveSymbols(step['expect'] ?? step['expectFunction'] ?? step['expectMembers'], state.refs),
          actual: e.actual,
          reason: dev?.reason ?? e.message,
        });
      }
    });
    cases.push({ name, steps });
  }
  return { source, cases, passed: count.pass, failed: count.fail, skipped: count.skipped, deviations: count.deviation };
}

/** Render a report as text: a line per case, a line per non-passing step, then the totals. */
export function renderConformance(report: ConformanceReport): string {
  const lines: string[] = [`${report.source}`];
  for (const c of report.cases) {
    const bad = c.steps.filter((s) => s.status === 'fail');
    const devs = c.steps.filter((s) => s.status === 'deviation');
    const skipped = c.steps.filter((s) => s.status === 'skipped');
    const tag = bad.length > 0 ? 'FAIL' : devs.length > 0 ? 'DEV ' : skipped.length === c.steps.length && skipped.length > 0 ? 'SKIP' : 'ok  ';
    lines.push(`${tag} ${c.name}`);
    for (const s of c.steps) {
      if (s.status === 'fail') {
        lines.push(`     step ${s.index} ${s.kind}: ${s.reason ?? 'failed'}`);
        lines.push(`       expected ${JSON.stringify(s.expected)}`);
        if (s.actual !== undefined) lines.push(`       actual   ${JSON.stringify(s.actual)}`);
      } else if (s.status === 'deviation') {
        lines.push(`     step ${s.index} ${s.kind}: deviation: ${s.reason ?? ''}`);
      }
    }
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  lines.push(`${report.skipped} skipped, ${report.deviations} deviations`);
  return `${lines.join('\n')}\n`;
}
