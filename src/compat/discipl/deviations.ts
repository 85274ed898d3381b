/**
 * Deliberate deviations of the discipl compatibility profile from the peer's recorded behaviour.
 * A scenario step matched here is reported as a `deviation`, never as a pass or a failure.
 * Kept few on purpose: the profile follows the peer unless the peer is plainly wrong
 * (docs/conformance.md explains each choice, including the ones where we follow the peer).
 */

/** Which steps a deviation covers. */
export interface Deviation {
  /** The scenario file's `source` field (the peer test file), e.g. `test/create-expression.spec.js`. */
  readonly source: string;
  /** The case name, exactly. */
  readonly caseName: string;
  /** The step index (0-based) within the case, or `'*'` for every step of the case. */
  readonly step: number | '*';
  /** Why the profile deliberately does not reproduce the peer here. */
  readonly reason: string;
}

/**
 * The deviations of the discipl profile. Empty: every open choice of SEMANTICS.md §9 and the
 * vacuous create-expression tests (FORMAT.md "Divergences" #1) are resolved by following the peer;
 * docs/conformance.md gives the reasons. The core engine (src/run) is where stricter semantics live.
 */
export const DISCIPL_DEVIATIONS: readonly Deviation[] = [];

/** The deviation covering step `step` of case `caseName` in scenario `source`, if any. */
export function findDeviation(
  deviations: readonly Deviation[],
  source: string,
  caseName: string,
  step: number,
): Deviation | undefined {
  return deviations.find((d) => d.source === source && d.caseName === caseName && (d.step === '*' || d.step === step));
}
