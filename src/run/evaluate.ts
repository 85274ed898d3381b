/**
 * Evaluating facts against a case: three-valued, with the questions that would decide them.
 */
import type { JsonScalar, TraceFrame, TraceNode, TraceValue } from '../model/trace.js';
import { canonicalArgs, evalFact } from './compile.js';
import type { CompiledModel, Question } from './context.js';
import { finishNode, newCtx } from './context.js';
import { dedupeQuestions } from './acts.js';
import type { CaseState } from './state.js';
import { instanceText } from './id-text.js';
import { toTraceValue } from './values.js';

/** The result of evaluating a fact. */
export interface FactEvaluation {
  /** `{ type: 'unknown' }` when it cannot be decided; otherwise the value. */
  readonly value: TraceValue;
  readonly trace?: TraceNode;
  /** The frame table of `trace` (its nodes refer to frames by index); set with `trace`. */
  readonly frames?: readonly TraceFrame[];
  /** Input facts (with arguments) whose values would help decide it, sorted. */
  readonly questions: readonly Question[];
}

/**
 * Evaluate fact `fact` for `args` (omitted: "some instance holds") on the case clock. An
 * undefined fact is unknown with itself as the question.
 */
export function evaluateFact(
  cm: CompiledModel,
  state: CaseState,
  fact: string,
  args?: readonly JsonScalar[],
  options: { readonly trace?: boolean } = {},
): FactEvaluation {
  const f = cm.facts.get(fact);
  if (!f) return { value: { type: 'unknown' }, questions: [{ fact, args: args ?? [] }] };
  if (args !== undefined && f.decl) args = canonicalArgs(f.decl.params, args, cm);
  const ctx = newCtx(cm, state, state.asOf, { trace: options.trace ?? false });
  const node = ctx.tracer ? ctx.tracer.enter('Ref', instanceText(fact, args ?? [])) : null;
  const v = evalFact(ctx, f, args ?? (f.arity === 0 ? [] : null));
  const tv = toTraceValue(v);
  if (node && ctx.tracer) ctx.tracer.exit(node, tv);
  const questions = v === null ? dedupeQuestions(ctx.questions) : [];
  return { value: tv, questions, ...(node && ctx.tracer ? { trace: finishNode(node), frames: ctx.tracer.frames } : {}) };
}
