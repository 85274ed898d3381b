/**
 * Decision traces: the derivation trees the interpreter (src/run) produces and the trace
 * queries (src/trace) read. Plain JSON data; the zod schema in src/trace/schema.ts mirrors it
 * and `schemas/trace.schema.json` is generated from that schema.
 */

import type { ModelIdentity } from './identity.js';

/**
 * The version of the trace format; bumped on incompatible changes.
 * Version 2: nodes carry `op` and `span`, and reference their frame by index into the entry's `frames`.
 */
export const TRACE_VERSION = 2;

/** A scalar as it appears in case data: fact arguments, act parameters, given values. */
export type JsonScalar = string | number | boolean | null;

/**
 * A value in a trace: a three-valued truth value, or a typed value printed as text
 * (decimals and integers as exact decimal text, dates `YYYY-MM-DD`, durations `P30D`).
 */
export type TraceValue =
  | { readonly type: 'unknown' }
  | { readonly type: 'boolean'; readonly value: boolean }
  | {
      /** A `month` value is its canonical text `YYYY-MM` (grammar/README.md#months). */
      readonly type: 'integer' | 'decimal' | 'text' | 'date' | 'duration' | 'actor' | 'month';
      readonly value: string;
    }
  | { readonly type: 'instance'; readonly fact: string; readonly args: readonly JsonScalar[] };

/** How a fact instance came to hold (or to be known false). */
export type Provenance =
  | { readonly kind: 'given'; readonly by: string | null; readonly at: string }
  | { readonly kind: 'created'; readonly record: string; readonly at: string }
  | {
      readonly kind: 'derived';
      readonly frame: string;
      readonly from: readonly FactInstanceRef[];
    }
  | { readonly kind: 'role'; readonly actor: string };

/** A fact instance named by its fact and arguments. */
export interface FactInstanceRef {
  readonly fact: string;
  readonly args: readonly JsonScalar[];
}

/** A fact instance read during an evaluation, with what was found. */
export interface FactRead extends FactInstanceRef {
  readonly value: TraceValue;
  /** `null` when nothing was known about the instance (the engine would ask). */
  readonly provenance: Provenance | null;
  /** Set when an act terminated the instance read (it is then known false). */
  readonly terminated?: { readonly record: string; readonly at: string };
}

/** A legal source in the version applied. */
export interface TraceSource {
  readonly id: string;
  readonly citation: string | null;
  readonly juriconnect: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly text: string | null;
  /** The label of the version applied, for a source with versions (grammar/README.md#versions). */
  readonly version?: string;
  /** Where this text was published, e.g. `Stb. 2022, 386`, when the model says. */
  readonly publication?: string;
}

/** A frame a trace node belongs to: one row of a trace's frame table ({@link TraceEntry.frames}). */
export interface TraceFrame {
  readonly kind: 'fact' | 'act' | 'duty';
  readonly name: string;
  /**
   * The deciding date: the date whose version of the law was applied to this frame, present when the frame's
   * versions matter (it has variants, `applies as of`, or cites a versioned source; grammar/README.md#versions).
   * `sources` are then the versions in force on that date.
   */
  readonly at?: string;
  readonly sources: readonly TraceSource[];
  readonly explanation: string | null;
}

/**
 * The operator of an expression node: `and`/`or`/`add`/`sub`/`mul`/`div` (Nary), `not`/`neg` (Unary),
 * `eq`/`ne`/`lt`/`le`/`gt`/`ge` (Compare), `count`/`exists`/`forall`/`sum`/`min`/`max` (Aggregate),
 * the function name (Call, e.g. `round`), `if` (Conditional), `of` (Projection), `list` (List).
 */
export type TraceOp = string;

/** One node of a derivation tree: an expression, its value, what it read and its children. */
export interface TraceNode {
  /**
   * The expression kind (`Ref`, `Nary`, ...), `Fact` (a derived fact's definition), or a check
   * label (`check`, `in-force`, `actor`, `object`, `recipient`, `preconditions`).
   */
  readonly kind: string;
  /** The operator, for operator expressions (see {@link TraceOp}); absent otherwise. */
  readonly op?: TraceOp;
  /** The printed expression, e.g. `[aanvraag](ouder)`. */
  readonly expr: string;
  /**
   * Where the expression is written in the model: `FILE:LINE:COL-LINE:COL` (1-based, end exclusive),
   * e.g. `kot.flint:12:5-12:31`. Absent for nodes without text of their own (`in-force`, `anyone`).
   */
  readonly span?: string;
  readonly value: TraceValue;
  /** The node's frame: an index into the frame table of the trace ({@link TraceEntry.frames}). */
  readonly frame?: number;
  readonly reads?: readonly FactRead[];
  readonly children: readonly TraceNode[];
  /**
   * Only on a back-reference (`kind: 'Ref'`, no children): the `expr` of the derived fact's node
   * shown in full earlier in the same check (docs/traces.md).
   */
  readonly ref?: string;
}

/**
 * One minimal failing condition of a refused or undecided act: an atom of the item's condition
 * (a fact, duty or act reference, a comparison, or `not` of one) that is false (or unknown) and
 * makes the item fail. `and` contributes its failing conjuncts, `or` all its (failing) disjuncts,
 * `not X` the atoms that make X hold.
 */
export interface FailingCondition {
  /** The condition with its arguments bound, e.g. `not <herzien kinderopvangtoeslag>(alice)`. */
  readonly expr: string;
  /** `false`, or `unknown` (then the condition is a question). */
  readonly value: TraceValue;
  /** Whether the condition is a negation (`not X`): it fails because X holds. */
  readonly negated: boolean;
  /** The frame the condition names (null for comparisons and other expressions). */
  readonly frame: TraceFrame | null;
  /** The frame's sources as citations, joined by `; ` (null without sources). */
  readonly citation: string | null;
  /** How the named fact or duty came to have its value (`created` for a duty: the record that created it). */
  readonly provenance: Provenance | null;
}

/** Why an act check failed or could not be decided. */
export interface Reason {
  readonly item: 'actor' | 'object' | 'recipient' | 'precondition' | 'not-in-force' | 'unknown-act' | 'parameter';
  /** `false` when the item fails, `unknown` when it cannot be decided yet. */
  readonly status: 'false' | 'unknown';
  /** The failing sub-expression, printed. */
  readonly expr: string;
  readonly message: string;
  readonly frame: TraceFrame | null;
  /**
   * The minimal failing conditions of the item (present when the check was traced: `take` with its
   * default trace, `whyNot`, `checkAct(..., { trace: true })`). Absent in traces of older versions.
   */
  readonly conditions?: readonly FailingCondition[];
}

/** An effect applied by an act. */
export interface TraceEffect {
  readonly op: 'create' | 'terminate';
  readonly frame: 'fact' | 'duty' | 'act';
  readonly name: string;
  readonly args: readonly JsonScalar[];
}

/** A duty instance activated or ended by an act. */
export interface TraceDutyChange {
  readonly id: string;
  readonly duty: string;
  readonly args: readonly JsonScalar[];
  /** The last day to fulfil the duty; extended under the Algemene termijnenwet when `atw.rule` is set. */
  readonly deadline: string | null;
  /** The deadline before the Atw, present when the duty's deadline has an Atw marker (grammar/README.md#deadlines). */
  readonly unextendedDeadline?: string;
  /** The Atw outcome, present when the duty's deadline has an Atw marker. */
  readonly atw?: TraceDutyAtw;
}

/** How the Algemene termijnenwet treated a duty's deadline. */
export interface TraceDutyAtw {
  /** False when the Atw does not apply: a source excludes it, or Atw art. 4 does. */
  readonly applies: boolean;
  /** The rule that extended the term (`art-1-lid-1` or `art-2`); `null` when not extended. */
  readonly rule: 'art-1-lid-1' | 'art-2' | null;
  /**
   * When extended: the Atw articles applied (`Atw art. 1 lid 1`, `Atw art. 3 lid 1`, ...). When the Atw does not
   * apply: the excluding source id or Atw article. Empty when it applies but did not extend.
   */
  readonly articles: readonly string[];
  /**
   * The model's source blocks of those Atw provisions (`id`, `id@version`), matched by Juriconnect id
   * (`jci1.3:c:BWBR0002448&artikel=1&lid=1`; docs/calendar.md); they are also in the entry's `sources`. Absent when
   * the model declares none.
   */
  readonly sources?: readonly string[];
}

/** The trace of one attempt to take an act. */
export interface TraceEntry {
  readonly traceVersion: 2;
  /** The model the decision was made under (content hash, title, version date). */
  readonly model: ModelIdentity;
  /** The engine version that made the decision. */
  readonly engine: string;
  readonly act: string;
  readonly actor: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly at: string;
  readonly outcome: 'taken' | 'refused' | 'forced';
  /** The act record id when taken or forced. */
  readonly record: string | null;
  /** Check tree: children labelled `actor`, `object`, `recipient`, `preconditions`, `in-force`. */
  readonly check: TraceNode;
  /** The frame table: every frame a node of `check` belongs to, once; nodes refer to it by index. */
  readonly frames: readonly TraceFrame[];
  readonly reasons: readonly Reason[];
  readonly effects: readonly TraceEffect[];
  readonly dutiesActivated: readonly TraceDutyChange[];
  readonly dutiesEnded: readonly TraceDutyChange[];
  /** Every source the decision rests on, deduplicated, in the version in force at `at`. */
  readonly sources: readonly TraceSource[];
}

/** Anything that holds trace nodes together with their frame table (an entry, an act check, an evaluation). */
export interface FrameTable {
  readonly frames?: readonly TraceFrame[];
}
