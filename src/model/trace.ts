/**
 * Decision traces: the derivation trees the interpreter (src/run) produces and the trace
 * queries (src/trace) read. Plain JSON data; the zod schema in src/trace/schema.ts mirrors it
 * and `schemas/trace.schema.json` is generated from that schema.
 */

/** The version of the trace format; bumped on incompatible changes. */
export const TRACE_VERSION = 1;

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
      readonly type: 'integer' | 'decimal' | 'text' | 'date' | 'duration' | 'actor';
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
}

/** The frame a trace node belongs to. */
export interface TraceFrame {
  readonly kind: 'fact' | 'act' | 'duty';
  readonly name: string;
  readonly sources: readonly TraceSource[];
  readonly explanation: string | null;
}

/** One node of a derivation tree: an expression, its value, what it read and its children. */
export interface TraceNode {
  /** The expression kind (`Ref`, `Nary`, ...) or a check label (`actor`, `preconditions`). */
  readonly kind: string;
  /** The printed expression, e.g. `[aanvraag](ouder)`. */
  readonly expr: string;
  readonly value: TraceValue;
  readonly frame?: TraceFrame;
  readonly reads?: readonly FactRead[];
  readonly children: readonly TraceNode[];
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
  readonly deadline: string | null;
}

/** The trace of one attempt to take an act. */
export interface TraceEntry {
  readonly traceVersion: 1;
  readonly act: string;
  readonly actor: string;
  readonly params: Readonly<Record<string, JsonScalar>>;
  readonly at: string;
  readonly outcome: 'taken' | 'refused' | 'forced';
  /** The act record id when taken or forced. */
  readonly record: string | null;
  /** Check tree: children labelled `actor`, `object`, `recipient`, `preconditions`, `in-force`. */
  readonly check: TraceNode;
  readonly reasons: readonly Reason[];
  readonly effects: readonly TraceEffect[];
  readonly dutiesActivated: readonly TraceDutyChange[];
  readonly dutiesEnded: readonly TraceDutyChange[];
  /** Every source the decision rests on, deduplicated, in the version in force at `at`. */
  readonly sources: readonly TraceSource[];
}
