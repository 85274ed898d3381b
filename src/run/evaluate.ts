/**
 * Evaluating facts against a case: three-valued, with the questions that would decide them.
 */
import type { JsonScalar, TraceFrame, TraceNode, TraceValue } from '../model/trace.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { bareName } from './case.js';
import { canonicalArgs, canonicalScalar } from './convert.js';
import { evalFact } from './derive.js';
import type { CompiledModel, Question } from './context.js';
import { finishNode, newCtx } from './context.js';
import { dedupeQuestions } from './acts.js';
import { caseProblem } from './resume.js';
import type { CaseState } from './state.js';
import { isJsonScalar } from './state.js';
import { instanceText } from './id-text.js';
import { toTraceValue } from './values.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem } from './guards.js';

/** The result of evaluating a fact. */
export interface FactEvaluation {
  /** `{ type: 'unknown' }` when it cannot be decided (or the request is invalid); otherwise the value. */
  readonly value: TraceValue;
  readonly trace?: TraceNode;
  /** The frame table of `trace` (its nodes refer to frames by index); set with `trace`. */
  readonly frames?: readonly TraceFrame[];
  /** Input facts (with arguments) whose values would help decide it, sorted. */
  readonly questions: readonly Question[];
  /**
   * Problems with the request: `run-invalid-state`, `run-unknown-fact`, `run-wrong-arity`,
   * `run-wrong-type` (an argument that is not a scalar or does not fit its parameter). The value
   * is then unknown; it is never a guess.
   */
  readonly diagnostics: readonly Diagnostic[];
}

const NONE: readonly Diagnostic[] = Object.freeze([]);
const UNKNOWN: TraceValue = Object.freeze({ type: 'unknown' });

/**
 * Evaluate fact `fact` for `args` (omitted: "some instance holds") on the case clock. An
 * undefined fact is unknown with itself as the question (and a `run-unknown-fact` diagnostic);
 * arguments of the wrong number or type give an unknown value and a diagnostic.
 */
export function evaluateFact(
  cm: CompiledModel,
  state: CaseState,
  fact: string,
  args?: readonly JsonScalar[],
  options: { readonly trace?: boolean } = {},
): FactEvaluation {
  return atBoundary(
    'evaluateFact',
    (d) => ({ value: { type: 'unknown' }, questions: [], diagnostics: [d] }),
    () => {
      const invalid = (d: Diagnostic, questions: readonly Question[] = []): FactEvaluation => ({
        value: UNKNOWN,
        questions,
        diagnostics: [d],
      });
      const bad = caseProblem(cm, state);
      if (bad) return invalid(bad);
      const f = typeof fact === 'string' ? (cm.facts.get(fact) ?? cm.facts.get(bareName(fact))) : undefined;
      if (!f) {
        const message = `The fact [${String(fact)}] is not defined in the model.`;
        const d: Diagnostic = { code: 'run-unknown-fact', severity: 'error', message, path: '/fact' };
        return invalid(d, [{ fact: String(fact), args: Array.isArray(args) ? args.filter(isJsonScalar) : [] }]);
      }
      if (args !== undefined) {
        if (!Array.isArray(args) || !args.every(isJsonScalar)) {
          return invalid({
            code: 'run-wrong-type',
            severity: 'error',
            message:
              `The arguments of [${f.name}] must be an array of strings, numbers, booleans or null; ` +
              `got ${JSON.stringify(args)}.`,
            path: '/args',
          });
        }
        if (args.length !== f.arity) {
          return invalid({
            code: 'run-wrong-arity',
            severity: 'error',
            message: `The fact [${f.name}] takes ${f.arity} argument(s) but ${args.length} were given.`,
            path: '/args',
          });
        }
        if (f.decl) {
          for (const [i, p] of f.decl.params.entries()) {
            const a = args[i] ?? null;
            if (a !== null && canonicalScalar(p.type, a, cm) === undefined) {
              return invalid({
                code: 'run-wrong-type',
                severity: 'error',
                message: `Argument ${p.name} of [${f.name}] does not fit its type: ${JSON.stringify(a)}.`,
                path: `/args/${i}`,
              });
            }
          }
          args = canonicalArgs(f.decl.params, args, cm);
        }
      }
      const ctx = newCtx(cm, state, state.asOf, { trace: options.trace ?? false });
      const node = ctx.tracer ? ctx.tracer.enter('Ref', instanceText(f.name, args ?? [])) : null;
      const v = evalFact(ctx, f, args ?? (f.arity === 0 ? [] : null));
      const tv = toTraceValue(v);
      if (node && ctx.tracer) ctx.tracer.exit(node, tv);
      const questions = v === null ? dedupeQuestions(ctx.questions) : [];
      return {
        value: tv,
        questions,
        // Notes such as no version of the law in force on the deciding date (grammar/README.md#versions).
        diagnostics: ctx.notes ?? NONE,
        ...(node && ctx.tracer ? { trace: finishNode(node), frames: ctx.tracer.frames } : {}),
      };
    },
    compiledProblem('evaluateFact', cm),
  );
}
