/**
 * A tiny scenario runner for the norm tests: take acts in order through the src/run API, assert
 * each outcome, and remember which acts were taken and which duties were created (coverage).
 */
import { expect } from 'vitest';
import { advance, createCase, evaluateFact, take } from '../../src/run/index.js';
import type { CaseOptions, CaseState, CompiledModel, GivenFact, JsonScalar, TakeResult } from '../../src/run/index.js';

/** One act of a scenario; `expect` defaults to `taken`. */
export interface Step {
  readonly act: string;
  readonly actor: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly at: string;
  readonly facts?: readonly GivenFact[];
  readonly expect?: 'taken' | 'refused';
}

/** Acts taken and duties created over every flow run in a test file. */
export interface Coverage {
  readonly acts: Set<string>;
  readonly duties: Set<string>;
}

/** An empty coverage record. */
export function newCoverage(): Coverage {
  return { acts: new Set(), duties: new Set() };
}

/** A running case: take steps, advance the clock, read facts. */
export class Flow {
  state: CaseState;
  last: TakeResult | null = null;

  constructor(
    readonly cm: CompiledModel,
    options: CaseOptions,
    readonly coverage: Coverage,
  ) {
    this.state = createCase(cm, options);
  }

  /** Take `step` and assert its outcome; returns the result. */
  step(step: Step): TakeResult {
    const r = take(this.cm, this.state, {
      act: step.act,
      actor: step.actor,
      params: step.params,
      at: step.at,
      ...(step.facts ? { facts: step.facts } : {}),
    });
    const want = step.expect ?? 'taken';
    const reasons = r.ok ? [] : r.refusal.reasons.map((x) => x.message);
    expect({
      act: step.act,
      at: step.at,
      outcome: r.ok ? 'taken' : 'refused',
      reasons: want === 'taken' ? reasons : [],
    }).toEqual({
      act: step.act,
      at: step.at,
      outcome: want,
      reasons: [],
    });
    if (r.ok) {
      this.state = r.state;
      this.coverage.acts.add(step.act);
      for (const d of r.trace.dutiesActivated) this.coverage.duties.add(d.duty);
    }
    this.last = r;
    return r;
  }

  /** Move the clock to `to`, recording duty violations. */
  advance(to: string): void {
    this.state = advance(this.cm, this.state, to).state;
  }

  /** The scalar value of a fact instance (`null` when unknown). */
  value(fact: string, args: readonly JsonScalar[]): JsonScalar {
    const v = evaluateFact(this.cm, this.state, fact, args).value;
    if (v.type === 'unknown') return null;
    return 'value' in v ? (v.value as JsonScalar) : null;
  }

  /** The active duty instances as `name(args)` texts, sorted. */
  activeDuties(): string[] {
    return this.state.duties
      .filter((d) => d.status === 'active')
      .map((d) => `${d.duty}(${d.args.join(', ')})`)
      .sort();
  }

  /** The violations as `kind name(args) at`, in order. */
  violations(): string[] {
    return this.state.violations.map((v) => `${v.kind} ${v.frame}(${v.args.join(', ')}) ${v.at}`);
  }
}
