/**
 * The outcome of a case: the facts that hold, the active duties, the violations, the acts each
 * actor can take and the open questions. Deterministic: model order, then argument order.
 */
import type { Provenance, TraceValue } from '../model/trace.js';
import { activeDuties, availableActs, canonicalScalar, evaluateFact, potentialActs, violations } from '../run/index.js';
import type { CaseState, CompiledModel, DutyInstance, JsonScalar, Violation } from '../run/index.js';
import { factBindings } from './bindings.js';
import { atBoundary } from '../model/guard.js';
import { compiledProblem } from '../run/guards.js';
import { stateProblem } from '../run/state.js';

/** A fact instance that holds at the end of the case. */
export interface HoldingFact {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
  readonly value: TraceValue;
  readonly provenance: Provenance;
}

/** An input fact still unknown, with the potential acts it would help decide. */
export interface OpenQuestion {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
  readonly decides: readonly {
    readonly act: string;
    readonly actor: string;
    readonly params: Readonly<Record<string, JsonScalar>>;
  }[];
}

/** The outcome of a case: what holds, what is due, what can be done and asked next. */
export interface CaseOutcome {
  readonly facts: readonly HoldingFact[];
  readonly duties: readonly DutyInstance[];
  readonly violations: readonly Violation[];
  readonly available: Readonly<
    Record<string, readonly { readonly act: string; readonly params: Readonly<Record<string, JsonScalar>> }[]>
  >;
  readonly questions: readonly OpenQuestion[];
}

function storedValue(cm: CompiledModel, fact: string, v: JsonScalar): TraceValue {
  const f = cm.facts.get(fact);
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  const t = f?.type;
  const type = t && t.kind === 'PrimitiveType' && t.name !== 'boolean' ? t.name : 'text';
  // A month is shown in its canonical form `YYYY-MM`, also when it was given as a date in the month.
  const shown = t && type === 'month' ? canonicalScalar(t, v) : v;
  return { type, value: String(shown ?? v) };
}

/** The outcome of a malformed request: nothing holds, nothing is due or available. */
const EMPTY_OUTCOME: CaseOutcome = Object.freeze({
  facts: [],
  duties: [],
  violations: [],
  available: {},
  questions: [],
});

/** The outcome of a case in `state`, for the case's `actors` (see `caseActors`). */
export function outcomeOf(cm: CompiledModel, state: CaseState, actors: readonly string[]): CaseOutcome {
  return atBoundary(
    'outcomeOf',
    () => EMPTY_OUTCOME,
    () => {
      const facts: HoldingFact[] = [];
      for (const [name, f] of cm.facts) {
        if (f.mode !== 'derived') {
          const insts = Object.entries(state.facts[name] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          for (const [, i] of insts) {
            if (i.terminated !== null || i.value === false) continue;
            facts.push({ fact: name, args: i.args, value: storedValue(cm, name, i.value), provenance: i.provenance });
          }
          continue;
        }
        for (const args of factBindings(cm, state, actors, name) ?? []) {
          const ev = evaluateFact(cm, state, name, args);
          if (ev.value.type === 'unknown' || (ev.value.type === 'boolean' && !ev.value.value)) continue;
          facts.push({ fact: name, args, value: ev.value, provenance: { kind: 'derived', frame: name, from: [] } });
        }
      }
      const available: Record<string, { act: string; params: Readonly<Record<string, JsonScalar>> }[]> = {};
      const questions = new Map<
        string,
        { fact: string; args: readonly JsonScalar[]; decides: OpenQuestion['decides'][number][] }
      >();
      for (const actor of actors) {
        available[actor] = availableActs(cm, state, actor).map((a) => ({ act: a.act, params: a.params }));
        for (const p of potentialActs(cm, state, actor)) {
          for (const q of p.questions) {
            const k = `${q.fact}\u0000${JSON.stringify(q.args)}`;
            const entry = questions.get(k) ?? { fact: q.fact, args: q.args, decides: [] };
            entry.decides.push({ act: p.act, actor, params: p.params });
            questions.set(k, entry);
          }
        }
      }
      const sortedQuestions = [...questions.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, q]) => q);
      return {
        facts,
        duties: activeDuties(state),
        violations: violations(state),
        available,
        questions: sortedQuestions,
      };
    },
    compiledProblem('outcomeOf', cm) ?? stateProblem(state),
  );
}
