/**
 * The results of running scenarios (grammar/README.md#scenarios): per check, per scenario, and the
 * coverage of the model. Plain JSON data.
 */
import type { ScenarioStep } from '../model/ast.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Span } from '../model/span.js';

/**
 * One check: an `expect` step, or a step that had to succeed and did not (a refused `does`, an
 * invalid `given`). Steps that succeed silently (`given`, `does`, `advance`) produce no check.
 */
export interface CheckResult {
  /** Index of the step in the scenario, 0-based. */
  readonly step: number;
  readonly kind: ScenarioStep['kind'];
  /** The step as written canonically, e.g. `expect [aanvraag](alice)`. */
  readonly text: string;
  readonly span: Span;
  readonly passed: boolean;
  /** What the step expects, in words. */
  readonly expected: string;
  /** What the case showed, in words. */
  readonly actual: string;
  /** On failure: a short trace excerpt (failing preconditions with sources, a derivation), else `null`. */
  readonly excerpt: string | null;
}

/** The result of one scenario. */
export interface ScenarioResult {
  readonly name: string;
  readonly span: Span;
  /** True when every check passed and no step stopped the scenario. */
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
  /** Index of the step that stopped the scenario (a refused `does`, an invalid step), or `null`. */
  readonly stoppedAt: number | null;
}

/** A precondition branch: one operand of an `and`/`or` in an act's preconditions. */
export interface BranchCoverage {
  readonly act: string;
  /** The operand as printed in traces, e.g. `not [uitgesloten](aanvrager)`. */
  readonly operand: string;
  /** Seen evaluating to true / to false in some trace. */
  readonly seenTrue: boolean;
  readonly seenFalse: boolean;
}

/** What the scenarios of one model exercised. */
export interface Coverage {
  readonly acts: {
    readonly total: number;
    /** Acts taken successfully (not forced) at least once, in model order. */
    readonly taken: readonly string[];
    readonly notTaken: readonly string[];
  };
  readonly branches: {
    /** Number of operands of `and`/`or` nodes in act preconditions. */
    readonly total: number;
    /** Operands seen both true and false. */
    readonly covered: number;
    /** Every operand, in model order, with what was seen. */
    readonly all: readonly BranchCoverage[];
  };
  readonly duties: {
    readonly total: number;
    readonly activated: readonly string[];
    readonly terminated: readonly string[];
    readonly violated: readonly string[];
    readonly notActivated: readonly string[];
    readonly notTerminated: readonly string[];
    readonly notViolated: readonly string[];
  };
}

/**
 * The report of {@link runScenarios}. `passed`/`failed` count checks (expectations, plus steps
 * that failed); a scenario passes when all its checks pass.
 */
export interface ScenarioReport {
  readonly scenarios: readonly ScenarioResult[];
  readonly passed: number;
  readonly failed: number;
  readonly coverage: Coverage;
  /** Problems with the model itself (it does not compile); scenarios are not run then. */
  readonly diagnostics: readonly Diagnostic[];
}
