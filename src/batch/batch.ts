/**
 * Batch decisions: one case per JSON line in, one outcome per line out.
 *
 * A case line is `{ "id", "asOf", "actors"?, "facts"?, "acts": [{ "act", "actor", "params"?,
 * "at"?, "facts"? }], "availableFor"? }`. The acts are taken in order on a fresh case; the first
 * refusal ends the case. The output line is `{ "id", "outcome", "steps", "available", "refused"?,
 * "trace"? }`: `outcome` is `taken` when every act was taken, `refused` otherwise (with the step,
 * act and reasons); `available` lists, after the last step, the acts each actor of
 * `availableFor` (default: every declared actor, sorted) can take; `trace` (only when asked) holds
 * one TraceEntry per attempted act with its full check tree.
 *
 * A line that is not a valid case gives an error line `{ "id", "line", "error": { "code",
 * "message", "path"? } }`; nothing throws. Lines are independent, so any split of the input over
 * workers gives the same output once put back in input order.
 */
import type { JsonScalar, Reason, TraceEntry } from '../model/trace.js';
import { availableActs, createCaseChecked, isDate, take } from '../run/index.js';
import type { AvailableAct, CompiledModel, GivenFact, TakeRequest } from '../run/index.js';

/** One act of a batch case. */
export interface BatchAct {
  readonly act: string;
  readonly actor: string;
  readonly params?: Readonly<Record<string, JsonScalar>>;
  readonly at?: string;
  readonly facts?: readonly GivenFact[];
}

/** One case of a batch (one JSON line). */
export interface BatchCase {
  readonly id: JsonScalar;
  readonly asOf: string;
  readonly actors?: Readonly<Record<string, { readonly roles: readonly string[] }>>;
  readonly facts?: readonly GivenFact[];
  readonly acts: readonly BatchAct[];
  /** Actors whose available acts are listed after the last step (default: every declared actor). */
  readonly availableFor?: readonly string[];
}

/** The decision on one case. */
export interface BatchOutcome {
  readonly id: JsonScalar;
  readonly outcome: 'taken' | 'refused';
  /** Number of acts taken. */
  readonly steps: number;
  readonly available: readonly (AvailableAct & { readonly actor: string })[];
  readonly refused?: { readonly step: number; readonly act: string; readonly reasons: readonly Reason[] };
  readonly trace?: readonly TraceEntry[];
}

/** A line that is not a valid case. */
export interface BatchError {
  readonly id: JsonScalar;
  /** 1-based line number in the input. */
  readonly line: number;
  readonly error: { readonly code: string; readonly message: string; readonly path?: string };
}

/** Options of a batch run. */
export interface BatchOptions {
  /** Include one full TraceEntry per attempted act. */
  readonly trace?: boolean;
}

type Check<T> = { ok: true; value: T } | { ok: false; code: string; message: string; path: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is JsonScalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const bad = (path: string, message: string): Check<never> => ({ ok: false, code: 'batch-invalid-case', message, path });

function checkFacts(v: unknown, path: string): Check<GivenFact[] | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(v)) return bad(path, 'The facts of a case must be an array of { fact, args?, value? }.');
  for (const [i, g] of v.entries()) {
    if (!isRecord(g) || typeof g.fact !== 'string')
      return bad(`${path}/${i}`, 'A given fact must be an object with a "fact" name.');
    if (g.args !== undefined && !(Array.isArray(g.args) && g.args.every(isScalar)))
      return bad(`${path}/${i}/args`, 'The args of a given fact must be an array of scalars.');
    if (g.value !== undefined && !['string', 'number', 'boolean'].includes(typeof g.value))
      return bad(`${path}/${i}/value`, 'The value of a given fact must be a boolean, number or string.');
  }
  return { ok: true, value: v as GivenFact[] };
}

/** Validate a parsed JSON value as a {@link BatchCase}. */
export function checkBatchCase(v: unknown): Check<BatchCase> {
  if (!isRecord(v)) return bad('', 'A case must be a JSON object.');
  if (!isScalar(v.id) || v.id === undefined) return bad('/id', 'A case needs an "id" (a string or number).');
  if (typeof v.asOf !== 'string') return bad('/asOf', 'A case needs an "asOf" date YYYY-MM-DD.');
  if (v.actors !== undefined) {
    if (!isRecord(v.actors)) return bad('/actors', 'The actors of a case must be an object { id: { roles: [...] } }.');
    for (const [id, a] of Object.entries(v.actors)) {
      if (!isRecord(a) || !Array.isArray(a.roles) || !a.roles.every((r) => typeof r === 'string')) {
        return bad(`/actors/${id}`, `The actor ${id} must be { "roles": [fact names] }.`);
      }
    }
  }
  const facts = checkFacts(v.facts, '/facts');
  if (!facts.ok) return facts;
  if (!Array.isArray(v.acts)) return bad('/acts', 'A case needs "acts": an array of { act, actor, params?, at? }.');
  for (const [i, a] of v.acts.entries()) {
    if (!isRecord(a) || typeof a.act !== 'string' || typeof a.actor !== 'string')
      return bad(`/acts/${i}`, 'An act needs an "act" name and an "actor" id.');
    if (a.params !== undefined && !(isRecord(a.params) && Object.values(a.params).every(isScalar)))
      return bad(`/acts/${i}/params`, 'The params of an act must map names to scalars.');
    if (a.at !== undefined && (typeof a.at !== 'string' || !isDate(a.at))) {
      const got = JSON.stringify(a.at);
      return bad(`/acts/${i}/at`, `The "at" of an act must be a calendar date YYYY-MM-DD; got ${got}.`);
    }
    const af = checkFacts(a.facts, `/acts/${i}/facts`);
    if (!af.ok) return af;
  }
  if (
    v.availableFor !== undefined &&
    !(Array.isArray(v.availableFor) && v.availableFor.every((x) => typeof x === 'string'))
  ) {
    return bad('/availableFor', 'availableFor must be an array of actor ids.');
  }
  return { ok: true, value: v as unknown as BatchCase };
}

/** Decide one case: create it, take its acts in order, list the available acts. Never throws on user input. */
export function decideCase(
  cm: CompiledModel,
  c: BatchCase,
  options: BatchOptions = {},
): BatchOutcome | { readonly error: BatchError['error'] } {
  const created = createCaseChecked(cm, {
    asOf: c.asOf,
    ...(c.actors ? { actors: c.actors } : {}),
    ...(c.facts ? { facts: c.facts } : {}),
  });
  const first = created.diagnostics.find((d) => d.severity === 'error');
  if (first)
    return {
      error: { code: first.code, message: first.message, ...(first.path !== undefined ? { path: first.path } : {}) },
    };
  let state = created.value;
  const trace: TraceEntry[] = [];
  let steps = 0;
  let refused: BatchOutcome['refused'];
  for (const a of c.acts) {
    const req: TakeRequest = {
      act: a.act,
      actor: a.actor,
      ...(a.params ? { params: a.params } : {}),
      ...(a.at !== undefined ? { at: a.at } : {}),
      ...(a.facts ? { facts: a.facts } : {}),
    };
    const r = take(cm, state, req, { trace: options.trace ?? false });
    if (options.trace) trace.push(r.trace);
    if (!r.ok) {
      refused = { step: steps, act: a.act, reasons: r.refusal.reasons };
      break;
    }
    state = r.state;
    steps++;
  }
  const who = c.availableFor ?? Object.keys(c.actors ?? {}).sort();
  const available: (AvailableAct & { actor: string })[] = [];
  for (const actor of who)
    for (const x of availableActs(cm, state, actor)) available.push({ actor, act: x.act, params: x.params });
  return {
    id: c.id,
    outcome: refused ? 'refused' : 'taken',
    steps,
    available,
    ...(refused ? { refused } : {}),
    ...(options.trace ? { trace } : {}),
  };
}

/** The id of a parsed line when it has a usable one, else `null`. */
function idOf(v: unknown): JsonScalar {
  return isRecord(v) && isScalar(v.id) && v.id !== undefined ? v.id : null;
}

/**
 * Decide one input line (`lineNo` 1-based) and return the output line (JSON, no newline). Blank
 * lines give `null` (no output); invalid JSON or an invalid case gives an error line.
 */
export function decideLine(cm: CompiledModel, line: string, lineNo: number, options: BatchOptions = {}): string | null {
  return decided(cm, line, lineNo, options)?.text ?? null;
}

function decided(
  cm: CompiledModel,
  line: string,
  lineNo: number,
  options: BatchOptions,
): { text: string; kind: 'taken' | 'refused' | 'error' } | null {
  if (line.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    const error: BatchError = {
      id: null,
      line: lineNo,
      error: {
        code: 'batch-invalid-json',
        message: `Line ${lineNo} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
      },
    };
    return { text: JSON.stringify(error), kind: 'error' };
  }
  const c = checkBatchCase(parsed);
  if (!c.ok) {
    const error: BatchError = {
      id: idOf(parsed),
      line: lineNo,
      error: { code: c.code, message: `Line ${lineNo}: ${c.message}`, path: c.path },
    };
    return { text: JSON.stringify(error), kind: 'error' };
  }
  let out: ReturnType<typeof decideCase>;
  try {
    out = decideCase(cm, c.value, options);
  } catch (e) {
    // A throw here is an interpreter bug; the batch reports it for this case and goes on.
    out = {
      error: {
        code: 'batch-internal-error',
        message: `Deciding the case failed: ${e instanceof Error ? e.message : String(e)}.`,
      },
    };
  }
  if ('error' in out) {
    const error: BatchError = {
      id: c.value.id,
      line: lineNo,
      error: { ...out.error, message: `Line ${lineNo}: ${out.error.message}` },
    };
    return { text: JSON.stringify(error), kind: 'error' };
  }
  return { text: JSON.stringify(out), kind: out.outcome };
}

/** The output of {@link decideLines}: output lines in input order and counts by kind. */
export interface BatchChunk {
  readonly lines: readonly string[];
  readonly taken: number;
  readonly refused: number;
  readonly errors: number;
}

/** Decide a run of lines numbered from `firstLine`: the output lines in input order (blank lines give none). */
export function decideLines(
  cm: CompiledModel,
  lines: readonly string[],
  firstLine: number,
  options: BatchOptions = {},
): BatchChunk {
  const out: string[] = [];
  let taken = 0;
  let refused = 0;
  let errors = 0;
  lines.forEach((l, i) => {
    const r = decided(cm, l, firstLine + i, options);
    if (r === null) return;
    out.push(r.text);
    if (r.kind === 'taken') taken++;
    else if (r.kind === 'refused') refused++;
    else errors++;
  });
  return { lines: out, taken, refused, errors };
}
