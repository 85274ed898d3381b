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

/** A deliberate behavioural difference that no scenario step exercises (the peer crashes or hangs there). */
export interface BehaviourDeviation {
  /** Kebab-case id. */
  readonly id: string;
  /** What the peer does. */
  readonly peer: string;
  /** What this profile does instead, and why. */
  readonly profile: string;
}

/** Where the profile returns a value instead of reproducing a crash or a hang of the peer. */
export const DISCIPL_BEHAVIOUR_DEVIATIONS: readonly BehaviourDeviation[] = [
  {
    id: 'duty-holder-question',
    peer: 'Active duties evaluate the duty-holder with no resolver: a question crashes getActiveDuties.',
    profile:
      'The question is answered unknown, so the duty is not listed for that ' +
      'identity; a library must not crash on user models.',
  },
  {
    id: 'endless-list',
    peer: 'A LIST whose resolver never answers false loops forever.',
    profile: 'After 10000 items the evaluation stops with the error "LIST <name> did not end after 10000 items".',
  },
  {
    id: 'cyclic-definition',
    peer: 'A cyclic fact definition recurses until the JavaScript stack overflows (RangeError).',
    profile: 'Evaluation stops at a fixed depth with the same message, "Maximum call stack size exceeded", as a value.',
  },
  {
    id: 'thrown-errors-as-values',
    peer: 'take/explain and the act queries throw (Act not found, not allowed, Unknown expression type, ...).',
    profile: 'The same messages are returned as { ok: false, error } values; nothing escapes the API.',
  },
];
