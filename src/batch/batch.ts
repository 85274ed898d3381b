/**
 * Batch decisions: one case per JSON line in, one outcome per line out.
 *
 * A case line is a case file (docs/cases.md) on one line, with an `"id"`: `{ "id", "asOf",
 * "actors"?, "facts"?, "acts"?, "advance"?, "availableFor"? }`. It is replayed by the one loop of
 * src/case (facts given, acts taken or forced in order, the clock moved); the first act whose
 * outcome is not the one the case expects ends the case. The output line is `{ "id", "outcome",
 * "steps", "available", "refused"?, "trace"? }`: `outcome` is `taken` when every act went as
 * expected, `refused` otherwise (with the step, act and reasons); `steps` counts the acts that
 * went as expected; `available` lists, at the end, the acts each actor of `availableFor` (default:
 * every declared actor, sorted) can take; `trace` (only when asked) holds one TraceEntry per
 * attempted act with its full check tree.
 *
 * A line that is not a valid case gives an error line `{ "id", "line", "error": { "code",
 * "message", "path"? } }`; nothing throws. Lines are independent, so any split of the input over
 * workers gives the same output once put back in input order.
 */
import { checkCaseValue, replayCase } from '../case/index.js';
import type { CaseFile } from '../case/index.js';
import type { JsonScalar, Reason, TraceEntry } from '../model/trace.js';
import { availableActs } from '../run/index.js';
import type { AvailableAct, CompiledModel } from '../run/index.js';

/** The decision on one case. */
export interface BatchOutcome {
  readonly id: JsonScalar;
  readonly outcome: 'taken' | 'refused';
  /** Number of acts whose outcome was the expected one. */
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

/** Validate a parsed JSON value as a batch case: a case file (src/case's schema) with an `"id"`. */
export function checkBatchCase(v: unknown): Check<CaseFile> {
  if (isRecord(v) && v.id === undefined) return bad('/id', 'A case needs an "id" (a string or number).');
  const checked = checkCaseValue(v);
  const first = checked.diagnostics[0];
  if (checked.value === null || first) {
    return bad(first?.path ?? '', first?.message ?? 'A case must be a JSON object.');
  }
  return { ok: true, value: checked.value };
}

/** Decide one case: replay it (src/case), list the available acts. Never throws on user input. */
export function decideCase(
  cm: CompiledModel,
  c: CaseFile,
  options: BatchOptions = {},
): BatchOutcome | { readonly error: BatchError['error'] } {
  const r = replayCase(cm, c, { trace: options.trace ?? false });
  const first = r.diagnostics.find((d) => d.severity === 'error');
  if (first)
    return {
      error: { code: first.code, message: first.message, ...(first.path !== undefined ? { path: first.path } : {}) },
    };
  const failed = r.failed;
  const refused: BatchOutcome['refused'] = failed
    ? { step: failed.index - 1, act: failed.trace.act, reasons: failed.trace.reasons }
    : undefined;
  const who = c.availableFor ?? Object.keys(c.actors ?? {}).sort();
  const available: (AvailableAct & { actor: string })[] = [];
  for (const actor of who)
    for (const x of availableActs(cm, r.state, actor)) available.push({ actor, act: x.act, params: x.params });
  return {
    id: c.id ?? null,
    outcome: refused ? 'refused' : 'taken',
    steps: r.steps.filter((s) => s.asExpected).length,
    available,
    ...(refused ? { refused } : {}),
    ...(options.trace ? { trace: r.steps.map((s) => s.trace) } : {}),
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
  return decidedLine(cm, line, lineNo, options)?.text ?? null;
}

/** {@link decideLine} with the kind of the line: the general path the fast path of fast.ts falls back to. */
export function decidedLine(
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
      id: c.value.id ?? null,
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
    const r = decidedLine(cm, l, firstLine + i, options);
    if (r === null) return;
    out.push(r.text);
    if (r.kind === 'taken') taken++;
    else if (r.kind === 'refused') refused++;
    else errors++;
  });
  return { lines: out, taken, refused, errors };
}
