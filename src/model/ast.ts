/**
 * The AST of a FLINT model: the one model format inside the engine.
 *
 * Both doors produce it: `.flint` text (src/syntax) and FLINT JSON (src/interchange).
 * Nodes are readonly, plain JSON-serialisable data, discriminated by `kind`, and every node
 * has a `span`. Frame names are stored *without* their brackets: the fact `[aanvraag]` has
 * `name: 'aanvraag'`, the act `<<indienen>>` has `name: 'indienen'`, the duty `<betalen>` has
 * `name: 'betalen'`. Whether a name denotes a fact, act or duty is given by the node kind
 * (declarations) or by `Ref.frame` (references).
 *
 * Language reference: grammar/README.md.
 */
import type { Span } from './span.js';

/** Any JSON value (used for dialect-specific metadata kept for round trips). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------
// Types

/** The primitive value types of the language (grammar/README.md#types). */
export type PrimitiveTypeName =
  | 'boolean'
  | 'integer'
  | 'decimal'
  | 'text'
  | 'date'
  | 'duration'
  | 'actor'
  /** A calendar month (grammar/README.md#months): carried as the date of its first day, written `YYYY-MM`. */
  | 'month';

/** A type written in the model: a primitive type, or a fact type whose instances are referenced. */
export type TypeRef = PrimitiveType | FactType;

/** `boolean`, `integer`, `decimal`, `text`, `date`, `duration`, `actor`, `month`. */
export interface PrimitiveType {
  readonly kind: 'PrimitiveType';
  readonly name: PrimitiveTypeName;
  readonly span: Span;
}

/** A reference to the instances of a fact type: `[kind]` used as a parameter type. */
export interface FactType {
  readonly kind: 'FactType';
  /** Fact name without brackets. */
  readonly name: string;
  readonly span: Span;
}

/** A typed parameter of a fact, act or duty, or a variable bound by an aggregate. */
export interface Param {
  readonly kind: 'Param';
  readonly name: string;
  readonly type: TypeRef;
  /**
   * Only on an aggregate binding of type `month`: the months it ranges over (`m: month in 2025`,
   * `m: month in [begin] .. [einde]`). Absent everywhere else.
   */
  readonly range?: MonthRange;
  readonly span: Span;
}

/**
 * The months an aggregate binding ranges over (grammar/README.md#months): `in Y` (`to: null`, `from` an
 * integer year: its twelve months) or `in A .. B` (`from`/`to` dates or months: the months from the month of
 * `A` to the month of `B`, inclusive; none when `B` lies before `A`).
 */
export interface MonthRange {
  readonly kind: 'MonthRange';
  readonly from: Expr;
  readonly to: Expr | null;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Expressions

/** Every expression node. */
export type Expr =
  | Literal
  | Ref
  | Var
  | Member
  | Unary
  | Nary
  | Compare
  | Call
  | Aggregate
  | Conditional
  | Now
  | Is
  | Created
  | Projection
  | List;

/** The literal value kinds. Numbers are kept as canonical decimal text: never binary floating point. */
export type LiteralValue =
  | { readonly type: 'boolean'; readonly value: boolean }
  /** Canonical integer text, e.g. `"-12"`. */
  | { readonly type: 'integer'; readonly value: string }
  /** Canonical decimal text, e.g. `"12.50"` (trailing zeros are kept as written). */
  | { readonly type: 'decimal'; readonly value: string }
  | { readonly type: 'text'; readonly value: string }
  /** ISO calendar date `YYYY-MM-DD`. */
  | { readonly type: 'date'; readonly value: string }
  /** ISO 8601 duration with one unit: `P30D`, `P6W`, `P3M`, `P1Y`. */
  | { readonly type: 'duration'; readonly value: string };

/** A literal: `true`, `12`, `12.50`, `"tekst"`, `2024-01-01`, `30 days`. */
export type Literal = { readonly kind: 'Literal'; readonly span: Span } & LiteralValue;

/**
 * A reference to a frame by name, with optional arguments.
 * - `frame: 'fact'`: `[aanvraag]` or `[aanvraag](ouder, kind)`: the fact holds (for those arguments).
 *   With no arguments on a parameterised fact it means "some instance holds".
 * - `frame: 'duty'`: `<betalen>(ouder)`: the duty is active.
 * - `frame: 'act'`: `<<indienen>>`: the act is enabled (available).
 */
export interface Ref {
  readonly kind: 'Ref';
  readonly frame: 'fact' | 'duty' | 'act';
  /** Name without brackets. */
  readonly name: string;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** A parameter of the enclosing frame or a variable bound by an aggregate: a bare identifier. */
export interface Var {
  readonly kind: 'Var';
  readonly name: string;
  readonly span: Span;
}

/** A parameter of an instance: `aanvraag.aanvrager`. */
export interface Member {
  readonly kind: 'Member';
  readonly object: Expr;
  readonly field: string;
  readonly span: Span;
}

/** `not x` (boolean negation) or `-x` (numeric negation). */
export interface Unary {
  readonly kind: 'Unary';
  readonly op: 'not' | 'neg';
  readonly operand: Expr;
  readonly span: Span;
}

/**
 * An n-ary operator applied left to right. An unparenthesised chain of the same operator is one
 * node (`a and b and c` has three operands); a parenthesised operand stays a node of its own.
 * FLINT JSON `AND`, `OR`, `SUM`, `PRODUCT` map to `and`, `or`, `add`, `mul`.
 */
export interface Nary {
  readonly kind: 'Nary';
  readonly op: 'and' | 'or' | 'add' | 'sub' | 'mul' | 'div';
  /** At least one operand (FLINT JSON may give zero: `SUM()` is then printed as `sum()`, see Call). */
  readonly operands: readonly Expr[];
  readonly span: Span;
}

/**
 * A comparison chain: `a <= b <= c` holds when every adjacent pair holds.
 * FLINT JSON `EQUAL` maps to `eq`; `LESS_THAN` maps to `le` because the discipl interpreter's
 * LESS_THAN is non-strict (flint-models/discipl/SEMANTICS.md §4.6).
 */
export interface Compare {
  readonly kind: 'Compare';
  readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
  /** At least two operands in text; FLINT JSON may give fewer. */
  readonly operands: readonly Expr[];
  readonly span: Span;
}

/**
 * A built-in function call: `min(a, b)`, `max(a, b)`, `sum(...)`, `product(...)`, `abs(x)`,
 * `round(x, 2)`, `floor(x)`, `ceil(x)`, `date(y, m, d)`, `year(d)`, `days(a, b)` (see
 * grammar/README.md#functions). FLINT JSON `MIN`/`MAX` map to `min`/`max`; `SUM`/`PRODUCT` with
 * zero operands, or whose operands may be lists, map to `sum`/`product`.
 */
export interface Call {
  readonly kind: 'Call';
  readonly fn: string;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/**
 * An aggregate over the instances of fact types, or over the months of a range (grammar/README.md#months):
 * `count k: [kind] where [kind van](k, ouder)`, `exists ... where ...`, `forall ... : expr`,
 * `sum k: [kind] where cond : [uren](k)`, `sum m: month in 2025 : [uren](kind, m)`, `min`/`max` likewise.
 */
export interface Aggregate {
  readonly kind: 'Aggregate';
  readonly op: 'count' | 'exists' | 'forall' | 'sum' | 'min' | 'max';
  readonly bindings: readonly Param[];
  /** Filter on the bound variables; `null` = every combination. */
  readonly where: Expr | null;
  /** The value aggregated (sum/min/max) or the condition tested (forall); `null` for count/exists. */
  readonly body: Expr | null;
  readonly span: Span;
}

/** `if c then a else b`. */
export interface Conditional {
  readonly kind: 'Conditional';
  readonly condition: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
  readonly span: Span;
}

/** `today`: the evaluation date of the case. */
export interface Now {
  readonly kind: 'Now';
  readonly span: Span;
}

/**
 * FLINT JSON `IS`: an identity test. True when the acting identity is `identity`; `identity: null`
 * is `ANYONE` (always true). Text: `is "did:alice"`, `anyone`.
 */
export interface Is {
  readonly kind: 'Is';
  readonly identity: string | null;
  readonly span: Span;
}

/**
 * FLINT JSON `CREATE`: used as a fact's definition, the fact holds when an act created it and no
 * act terminated it since. The discipl interpreter ignores `operands` (SEMANTICS.md §4.10); they
 * are kept. Text: `created` or `created(a, b)`.
 */
export interface Created {
  readonly kind: 'Created';
  readonly operands: readonly Expr[];
  readonly span: Span;
}

/**
 * FLINT JSON `PROJECTION`: read `operand` from the record of the act that created `context[0]`,
 * following `context[1..]` (SEMANTICS.md §4.11). Text: `[burger] of [aanvraag]`,
 * `all [x] of [a] via [b]`, `some [x] of [a]`.
 */
export interface Projection {
  readonly kind: 'Projection';
  readonly scope: 'single' | 'all' | 'some';
  /** Fact names without brackets, at least one in valid models. */
  readonly context: readonly string[];
  readonly operand: Expr;
  readonly span: Span;
}

/** FLINT JSON `LIST`: repeatedly asks `item` for list `name` (SEMANTICS.md §4.9). Text: `list "kinderen" (expr)`. */
export interface List {
  readonly kind: 'List';
  /** `null` when the JSON omitted the name. */
  readonly name: string | null;
  readonly item: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Declarations

/** One entry of a frame's `meta`: dialect-specific data kept so exports round-trip (e.g. `tags`, `version`). */
export interface MetaEntry {
  readonly kind: 'Meta';
  readonly key: string;
  readonly value: JsonValue;
  readonly span: Span;
}

/**
 * A reference from a frame to a source block by id: `sources: awb-4:1, awb-4:2`; `bkot-4@2025` names one version
 * of a versioned source (grammar/README.md#versions).
 */
export interface SourceRef {
  readonly kind: 'SourceRef';
  /** The source id, without the version label. */
  readonly id: string;
  /** The version label after `@`, or `null` when the reference names the source as a whole. */
  readonly version?: string | null;
  readonly span: Span;
}

/**
 * One version of a source (grammar/README.md#versions): `version 2025 { valid: 2025-01-01 .. 2025-12-31 ... }`.
 * Fields left out are taken from the source block (its citation, Juriconnect, text...).
 */
export interface SourceVersion {
  readonly kind: 'SourceVersion';
  /** The label frames cite it by: `bkot-4@2025`. */
  readonly label: string;
  readonly labelSpan: Span;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Where this wording was published, e.g. `Stb. 2022, 386`. */
  readonly publication: string | null;
  readonly juriconnect: string | null;
  readonly eli: string | null;
  readonly url: string | null;
  readonly text: string | null;
  readonly explanation: string | null;
  readonly span: Span;
}

/**
 * A variant of a frame (grammar/README.md#versions): the fields that differ per version of the law, resting on the
 * source versions it implements, in force from `validFrom` to `validTo` (written `valid:`, or else the period all its
 * cited versions are in force). A field left `null` is not set by the variant.
 */
export interface FrameVariant {
  readonly kind: 'Variant';
  /** The source versions the variant implements (`variant bkot-4@2025, awir-26a@2025 { ... }`). */
  readonly sources: readonly SourceRef[];
  /** The variant's own `valid:` period; `null` when not written (then the cited versions decide). */
  readonly valid: { readonly from: string | null; readonly to: string | null; readonly span: Span } | null;
  /** Facts: `holds when:` / `value:`. */
  readonly definition: Expr | null;
  /** Acts: `preconditions:`. */
  readonly preconditions: Expr | null;
  /** Acts: `creates:` / `terminates:` (`null`: not set by the variant). */
  readonly creates: readonly Effect[] | null;
  readonly terminates: readonly Effect[] | null;
  /** Duties: `deadline:`. */
  readonly deadline: Deadline | null;
  readonly explanation: string | null;
  readonly span: Span;
}

/** What every frame (fact, act, duty) carries besides its own fields. */
interface FrameCommon {
  /** Name without brackets. */
  readonly name: string;
  /** Span of the name (with its brackets), where diagnostics about the name point. */
  readonly nameSpan: Span;
  readonly params: readonly Param[];
  readonly sources: readonly SourceRef[];
  /** The interpretation chosen, in the modeller's words. */
  readonly explanation: string | null;
  readonly meta: readonly MetaEntry[];
  /**
   * `applies as of: <date expression>` (grammar/README.md#versions): the date that decides which version of the law
   * applies to this frame; absent or `null`: the date of the decision (the act's date, or the case clock).
   */
  readonly appliesAsOf?: Expr | null;
  /** The frame's variants per version of the law (grammar/README.md#versions); absent or empty: none. */
  readonly variants?: readonly FrameVariant[];
  readonly span: Span;
}

/**
 * A legal source: the text a frame rests on (grammar/README.md#sources).
 * Dates are ISO `YYYY-MM-DD`; `validFrom`/`validTo` `null` = open-ended (`validTo` inclusive).
 */
export interface SourceDecl {
  readonly kind: 'Source';
  readonly id: string;
  readonly idSpan: Span;
  /** Juriconnect / BWB id, e.g. `jci1.3:c:BWBR0005537&hoofdstuk=4&artikel=4:5`. */
  readonly juriconnect: string | null;
  /** European Legislation Identifier, as an alternative to Juriconnect. */
  readonly eli: string | null;
  readonly url: string | null;
  /** Human citation, e.g. `art. 4:5 Awb`. */
  readonly citation: string | null;
  /** The article's own words. */
  readonly text: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Explanation attached to this source (FLINT JSON `sources[].explanation`). */
  readonly explanation: string | null;
  /** Where the text was published, e.g. `Stb. 2022, 386` (grammar/README.md#versions). */
  readonly publication?: string | null;
  /**
   * The source's versions, each with its own validity (grammar/README.md#versions); absent or empty: the source is
   * one version, valid `validFrom .. validTo`.
   */
  readonly versions?: readonly SourceVersion[];
  readonly meta: readonly MetaEntry[];
  readonly span: Span;
}

/** A fact frame `[name]` (grammar/README.md#facts). */
export interface FactDecl extends FrameCommon {
  readonly kind: 'Fact';
  /** Value type of the fact; `boolean` when not written. */
  readonly type: TypeRef;
  /** `null` = an input fact (asked from the case, or created by acts); otherwise derived by this function. */
  readonly definition: Expr | null;
  /** Closed world: an instance that is not given is false instead of unknown. */
  readonly closed: boolean;
}

/** An effect of an act: a fact or duty instance it creates or terminates. */
export interface Effect {
  readonly kind: 'Effect';
  readonly frame: 'fact' | 'duty' | 'act';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** An act frame `<<name>>` (grammar/README.md#acts). */
export interface ActDecl extends FrameCommon {
  readonly kind: 'Act';
  /** Who may perform the act: usually a role fact, or a parameter of the act. */
  readonly actor: Expr | null;
  /** The verb, e.g. `indienen` (FLINT JSON `action`, brackets removed). */
  readonly action: string | null;
  readonly object: Expr | null;
  readonly recipient: Expr | null;
  /** `null` = no preconditions (always true). */
  readonly preconditions: Expr | null;
  readonly creates: readonly Effect[];
  readonly terminates: readonly Effect[];
}

/** When a duty must be fulfilled (grammar/README.md#deadlines). */
export interface Deadline {
  readonly kind: 'Deadline';
  /** `within`: a duration after the duty's creation; `by`: a date expression. */
  readonly form: 'within' | 'by';
  readonly value: Expr;
  /**
   * Whether the Algemene termijnenwet extends the deadline (grammar/README.md#deadlines): `, atw` gives
   * `{ applies: true }`; `, not atw because SOURCE` gives `{ applies: false, source, span }` with the id of the source
   * block that excludes it; no marker gives `null` (no extension).
   */
  readonly atw: DeadlineAtw | null;
  readonly span: Span;
}

/** A deadline's Atw marker: the Atw applies, or a declared source excludes it. */
export type DeadlineAtw =
  | { readonly applies: true }
  | { readonly applies: false; readonly source: string; readonly span: Span };

/** A duty frame `<name>` (grammar/README.md#duties). */
export interface DutyDecl extends FrameCommon {
  readonly kind: 'Duty';
  readonly holder: Expr | null;
  readonly claimant: Expr | null;
  /** Acts that create the duty (documentation and checks; acts' `creates` is what activates it). */
  readonly createdBy: readonly Ref[];
  readonly terminatedBy: readonly Ref[];
  readonly enforcedBy: readonly Ref[];
  readonly deadline: Deadline | null;
  /** The duty is violated as soon as this holds while it is active. */
  readonly violation: Expr | null;
  /** FLINT JSON `duty-components`: the facts or acts the duty consists of. */
  readonly components: readonly Expr[];
}

/** The model header: `model "Titel" { language: nl ... }` (grammar/README.md#header). */
export interface Header {
  readonly kind: 'Header';
  readonly title: string;
  readonly language: string | null;
  readonly jurisdiction: string | null;
  /** ISO date the model describes the law as in force on. */
  readonly versionDate: string | null;
  /**
   * `period: FROM .. TO`: the period the model covers (grammar/README.md#versions); the checker reports gaps between
   * source versions and versions never in force inside it.
   */
  readonly period?: { readonly from: string | null; readonly to: string | null };
  /**
   * `conventions: flint-json`: the model follows the FLINT JSON conventions (undeclared facts are inputs, facts are
   * untyped, some errors are warnings). Set by the JSON import; absent means the `.flint` rules.
   */
  readonly conventions?: Conventions;
  readonly meta: readonly MetaEntry[];
  readonly span: Span;
}

/** The rule sets a model can be written under (grammar/README.md#header). */
export type Conventions = 'flint' | 'flint-json';

/** `import "other.flint"`: the frames of another file join this model. */
export interface Import {
  readonly kind: 'Import';
  /** Path as written, relative to the importing file. */
  readonly path: string;
  readonly span: Span;
}

// ---------------------------------------------------------------------------------------------
// Scenarios (grammar/README.md#scenarios)

/**
 * A scenario: a test of the model written as a narrative of steps (grammar/README.md#scenarios).
 * Not a frame: checkers, compilers and exporters skip it; `src/scenario` runs it.
 * In scenario steps a bare identifier (`Var`) or a text literal denotes an actor or instance id.
 */
export interface ScenarioDecl {
  readonly kind: 'Scenario';
  readonly name: string;
  /** Span of the quoted name. */
  readonly nameSpan: Span;
  readonly steps: readonly ScenarioStep[];
  readonly span: Span;
}

/** Every step of a scenario, in the order written. */
export type ScenarioStep =
  | AsOfStep
  | ActorsStep
  | GivenStep
  | DoStep
  | AdvanceStep
  | ExpectFactStep
  | ExpectUnknownStep
  | ExpectValueStep
  | ExpectActStep
  | ExpectDutyStep
  | ExpectViolationStep
  | ExpectSourcesStep
  | ExpectRefusedStep;

/** `as of 2024-01-01`: the case clock at the start (default: the header's version date, else 2000-01-01). */
export interface AsOfStep {
  readonly kind: 'AsOf';
  /** ISO date `YYYY-MM-DD`. */
  readonly date: string;
  readonly span: Span;
}

/** One actor of an `actors:` step: `alice: [persoon] [ouder]`. */
export interface ScenarioActor {
  readonly kind: 'ScenarioActor';
  readonly id: string;
  /** Role fact names without brackets (may be empty). */
  readonly roles: readonly string[];
  readonly span: Span;
}

/** `actors: alice: [persoon], gemeente: [bestuursorgaan]`: actors declared with their roles. */
export interface ActorsStep {
  readonly kind: 'Actors';
  readonly actors: readonly ScenarioActor[];
  readonly span: Span;
}

/** `given [f](a)`, `given not [f](a)`, `given [f](a) = 5`: an input fact given to the case. */
export interface GivenStep {
  readonly kind: 'Given';
  /** A fact reference; its arguments are ids (`Var`) or literals. */
  readonly fact: Ref;
  /** `true` for `given not [f]` (the fact is given as false). */
  readonly negated: boolean;
  /** The value of a typed fact (`= 5`); `null` for boolean facts. A literal. */
  readonly value: Expr | null;
  readonly span: Span;
}

/** `alice does <<a>>(x) at 2024-01-02` (take; must succeed) or `alice forces <<a>>(x)` (force). */
export interface DoStep {
  readonly kind: 'Do';
  readonly actor: string;
  /** The act with its arguments, positionally matching the act's parameters. */
  readonly act: Ref;
  readonly force: boolean;
  /** ISO date of the act; `null` = the case clock. */
  readonly at: string | null;
  readonly span: Span;
}

/** `advance to 2024-03-01`: move the clock, recording duty violations. */
export interface AdvanceStep {
  readonly kind: 'Advance';
  readonly date: string;
  readonly span: Span;
}

/** `expect [f](a)` (holds) or `expect not [f](a)` (known not to hold). */
export interface ExpectFactStep {
  readonly kind: 'ExpectFact';
  readonly fact: Ref;
  readonly negated: boolean;
  readonly span: Span;
}

/** `expect unknown [f](a)`: the fact cannot be decided (three-valued logic). */
export interface ExpectUnknownStep {
  readonly kind: 'ExpectUnknown';
  readonly fact: Ref;
  readonly span: Span;
}

/** `expect [toeslag](alice) == 196.80`: a typed fact has this value (a literal). */
export interface ExpectValueStep {
  readonly kind: 'ExpectValue';
  readonly fact: Ref;
  readonly value: Expr;
  readonly span: Span;
}

/** Why an act is expected to be unavailable: a check item, or a fact the failing preconditions rest on. */
export type ExpectReason =
  | {
      readonly kind: 'ReasonItem';
      readonly item: 'actor' | 'object' | 'recipient' | 'preconditions' | 'validity';
      readonly span: Span;
    }
  | Ref;

/** `expect <<a>>(x) available for bob`, `expect <<a>>(x) not available for bob because actor`. */
export interface ExpectActStep {
  readonly kind: 'ExpectAct';
  readonly act: Ref;
  readonly actor: string;
  readonly available: boolean;
  /** Only for `not available`; `null` = any reason. */
  readonly because: ExpectReason | null;
  readonly span: Span;
}

/** `expect duty <d>(a) active` / `expect duty <d>(a) not active`. */
export interface ExpectDutyStep {
  readonly kind: 'ExpectDuty';
  readonly duty: Ref;
  readonly active: boolean;
  readonly span: Span;
}

/** `expect violation <d>(a)` / `expect violation <<a>>` (a forced act) / `expect no violation <d>`. */
export interface ExpectViolationStep {
  readonly kind: 'ExpectViolation';
  /** A duty ref (duty violated) or an act ref (act forced). */
  readonly frame: Ref;
  readonly negated: boolean;
  readonly span: Span;
}

/** `expect sources of <<a>> include "art. 4:13 Awb", awb-4:13`: the latest attempt of the act cites these. */
export interface ExpectSourcesStep {
  readonly kind: 'ExpectSources';
  readonly act: Ref;
  /** Source ids, citations or Juriconnect ids, as written. */
  readonly sources: readonly string[];
  readonly span: Span;
}

/** `expect refused: alice does <<a>>(x) at 2024-01-02`: the take must be refused (state unchanged). */
export interface ExpectRefusedStep {
  readonly kind: 'ExpectRefused';
  readonly actor: string;
  readonly act: Ref;
  readonly at: string | null;
  readonly span: Span;
}

/** Every top-level declaration, in the order written. */
export type Decl = SourceDecl | FactDecl | ActDecl | DutyDecl | Import | ScenarioDecl;

/** A whole model file. */
export interface Model {
  readonly kind: 'Model';
  readonly header: Header | null;
  /** Declarations in source order (order matters: discipl semantics list acts in model order). */
  readonly declarations: readonly Decl[];
  readonly span: Span;
}

/** Every node type, for generic walkers. */
export type Node =
  | Model
  | Decl
  | Header
  | Expr
  | TypeRef
  | Param
  | MonthRange
  | Effect
  | Deadline
  | SourceRef
  | MetaEntry
  | ScenarioStep
  | ScenarioActor;

/** The frames (facts, acts, duties) of a model, in order. */
export type FrameDecl = FactDecl | ActDecl | DutyDecl;
