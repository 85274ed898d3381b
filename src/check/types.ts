/**
 * The type representation and the expression type checker (grammar/README.md#types).
 *
 * Types: the primitives of the language, `instance` (an instance of a fact type, e.g. a parameter
 * `x: [persoon]`), `any` (FLINT JSON facts carry no declared types: every check passes) and
 * `unknown` (a problem was already reported: every check passes, so one error is not repeated).
 * `integer` is assignable to `decimal`; an `instance` and `actor` are assignable to each other
 * (parties are instances of role fact types), and an instance of a sub-role is assignable to its
 * parent roles: a stored fact without parameters typed with a fact type, `fact [ouder]: [persoon]`,
 * makes every `[ouder]` a `[persoon]` (as the interpreter in src/run does).
 */
import { MAX_EXPR_DEPTH, tooDeepExpr } from '../model/depth.js';
import type { Expr, FactDecl, Param, PrimitiveTypeName, TypeRef } from '../model/ast.js';
import type { Span } from '../model/span.js';
import { displayName } from '../model/walk.js';

/** A resolved value type. */
export type Type =
  | { readonly kind: PrimitiveTypeName }
  | { readonly kind: 'instance'; readonly fact: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'unknown' };

/** A typed parameter after resolution. */
export interface ParamType {
  /** Parameter name. */
  readonly name: string;
  /** Resolved parameter type. */
  readonly type: Type;
}

/** The resolved signature of a fact: its value type and its parameters' types. */
export interface TypeInfo {
  /** What `[fact](args)` evaluates to. */
  readonly value: Type;
  /** The fact's parameters, in order. */
  readonly params: readonly ParamType[];
}

/** A problem found by the type checker, tagged with the rule code that reports it. */
export interface TypeIssue {
  /** The rule that owns the issue. */
  readonly code:
    | 'type-mismatch'
    | 'wrong-arity'
    | 'argument-type'
    | 'unknown-reference'
    | 'expression-too-deep'
    | 'unbounded-month';
  /** The sentence reported. */
  readonly message: string;
  /** The offending expression. */
  readonly span: Span;
  /** How to fix it, when useful. */
  readonly hint?: string;
  /** Set on an `unknown-reference` to a function that is not built in (how FLINT JSON keeps unknown operators). */
  readonly unknownFunction?: true;
}

/** What the type checker needs to know about the model. */
export interface TypeScope {
  /** True for FLINT JSON input: facts are untyped (`any`). */
  readonly untyped: boolean;
  /** The signature of fact `name`, or undefined when it is not declared. */
  fact(name: string): TypeInfo | undefined;
  /** The parameters of act or duty `name`, or undefined when it is not declared. */
  frameParams(frame: 'act' | 'duty', name: string): readonly ParamType[] | undefined;
  /** The parent role of role fact `name` (`persoon` for `fact [ouder]: [persoon]`), or undefined. */
  parentRole?(name: string): string | undefined;
}

/** The parent role of a fact, or undefined: how {@link isAssignable} learns the sub-role relation. */
export type ParentRole = (fact: string) => string | undefined;

const noParents: ParentRole = () => undefined;

/**
 * The parent role that declaration `f` gives its fact, or undefined: a stored (undefined) fact
 * without parameters whose type is a fact type is a sub-role of that type (`fact [ouder]: [persoon]`).
 */
export function declaredParentRole(f: FactDecl): string | undefined {
  return f.params.length === 0 && f.definition === null && f.type.kind === 'FactType' ? f.type.name : undefined;
}

/** True when role `sub` is `sup` or a sub-role of it, transitively (cycles end the search). */
export function isSubRole(sub: string, sup: string, parentRole: ParentRole = noParents): boolean {
  const seen = new Set<string>();
  for (let r: string | undefined = sub; r !== undefined && !seen.has(r); r = parentRole(r)) {
    if (r === sup) return true;
    seen.add(r);
  }
  return false;
}

/** Shorthand constructors for the primitive types. */
export const T = {
  boolean: { kind: 'boolean' },
  integer: { kind: 'integer' },
  decimal: { kind: 'decimal' },
  text: { kind: 'text' },
  date: { kind: 'date' },
  duration: { kind: 'duration' },
  actor: { kind: 'actor' },
  month: { kind: 'month' },
  any: { kind: 'any' },
  unknown: { kind: 'unknown' },
} as const satisfies Record<string, Type>;

/** The type a written type denotes. */
export function typeFromRef(t: TypeRef): Type {
  return t.kind === 'PrimitiveType' ? { kind: t.name } : { kind: 'instance', fact: t.name };
}

/** The type as the modeller writes it: `integer`, `[persoon]`, `any`. */
export function showType(t: Type): string {
  return t.kind === 'instance' ? displayName('fact', t.fact) : t.kind;
}

/** True for `any` and `unknown`, which pass every check. */
export const isLoose = (t: Type): boolean => t.kind === 'any' || t.kind === 'unknown';
/** True for `integer` and `decimal`. */
export const isNumeric = (t: Type): boolean => t.kind === 'integer' || t.kind === 'decimal';
const isParty = (t: Type): boolean => t.kind === 'actor' || t.kind === 'instance';

/**
 * True when a value of type `from` may be used where `to` is expected; `parentRole` gives the
 * sub-role relation (none when omitted), so an instance of `[ouder]` fits `[persoon]`.
 */
export function isAssignable(from: Type, to: Type, parentRole: ParentRole = noParents): boolean {
  if (isLoose(from) || isLoose(to)) return true;
  if (from.kind === 'instance' && to.kind === 'instance') return isSubRole(from.fact, to.fact, parentRole);
  if (isParty(from) && isParty(to)) return true;
  if (from.kind === 'integer' && to.kind === 'decimal') return true;
  return from.kind === to.kind;
}

/** True when values of `a` and `b` can be compared for equality. */
function isComparable(a: Type, b: Type, parentRole: ParentRole): boolean {
  return isAssignable(a, b, parentRole) || isAssignable(b, a, parentRole);
}

/** The least common type of `a` and `b` (for `if`, `min`, ...), or null when they do not meet. */
function join(a: Type, b: Type, parentRole: ParentRole = noParents): Type | null {
  if (isLoose(a)) return b;
  if (isLoose(b)) return a;
  if (isAssignable(a, b, parentRole)) return b;
  if (isAssignable(b, a, parentRole)) return a;
  return null;
}

/** The resolved signature of a declared fact; untyped models get `any` everywhere. */
export function factTypeInfo(f: FactDecl, untyped: boolean): TypeInfo {
  if (untyped) return { value: T.any, params: f.params.map((p) => ({ name: p.name, type: T.any })) };
  return { value: typeFromRef(f.type), params: f.params.map((p) => ({ name: p.name, type: typeFromRef(p.type) })) };
}

/** Types of variables in scope: a frame's parameters and aggregate bindings. */
export type VarScope = ReadonlyMap<string, Type>;

/** The variables bound by `params`, on top of `outer`. */
export function bindParams(outer: VarScope, params: readonly Param[], untyped: boolean): VarScope {
  const m = new Map(outer);
  for (const p of params) m.set(p.name, untyped ? T.any : typeFromRef(p.type));
  return m;
}

interface FnSig {
  readonly min: number;
  readonly max: number;
  readonly result: (args: readonly Type[]) => Type;
  readonly accepts: (t: Type, i: number) => boolean;
  readonly expects: string;
}

const numericResult = (args: readonly Type[]): Type =>
  args.every((a) => a.kind === 'integer') && args.length > 0
    ? T.integer
    : args.some(isLoose) && !args.some((a) => a.kind === 'decimal')
      ? T.any
      : T.decimal;
const orderedOrNumeric = (t: Type): boolean =>
  isNumeric(t) || t.kind === 'date' || t.kind === 'duration' || t.kind === 'month';
/** A date, or a month (carried as its first day: grammar/README.md#months). */
const dateLike = (t: Type): boolean => t.kind === 'date' || t.kind === 'month';
/** The functions that take a date or a month and keep its kind (`add_months(m, 1)` is a month). */
const sameKindAsFirst = (a: readonly Type[]): Type => (a[0]?.kind === 'month' ? T.month : T.date);

/** The built-in functions (grammar/README.md#functions). */
const FUNCTIONS: Readonly<Record<string, FnSig>> = {
  min: {
    min: 1,
    max: Infinity,
    accepts: orderedOrNumeric,
    expects: 'numbers, dates, months or durations',
    result: (a) => a.reduce<Type>((x, y) => join(x, y) ?? T.unknown, T.any),
  },
  max: {
    min: 1,
    max: Infinity,
    accepts: orderedOrNumeric,
    expects: 'numbers, dates, months or durations',
    result: (a) => a.reduce<Type>((x, y) => join(x, y) ?? T.unknown, T.any),
  },
  sum: { min: 0, max: Infinity, accepts: isNumeric, expects: 'numbers', result: numericResult },
  product: { min: 0, max: Infinity, accepts: isNumeric, expects: 'numbers', result: numericResult },
  abs: {
    min: 1,
    max: 1,
    accepts: (t) => isNumeric(t) || t.kind === 'duration',
    expects: 'a number',
    result: (a) => a[0] ?? T.unknown,
  },
  round: {
    min: 1,
    max: 2,
    accepts: (t, i) => (i === 0 ? isNumeric(t) : t.kind === 'integer'),
    expects: 'a number and an integer number of decimals',
    result: (a) => (a.length === 1 ? T.integer : T.decimal),
  },
  floor: { min: 1, max: 1, accepts: isNumeric, expects: 'a number', result: () => T.integer },
  ceil: { min: 1, max: 1, accepts: isNumeric, expects: 'a number', result: () => T.integer },
  date: {
    min: 3,
    max: 3,
    accepts: (t) => t.kind === 'integer',
    expects: 'integers (year, month, day)',
    result: () => T.date,
  },
  year: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.integer },
  month: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.integer },
  day: { min: 1, max: 1, accepts: (t) => t.kind === 'date', expects: 'a date', result: () => T.integer },
  days: { min: 2, max: 2, accepts: (t) => t.kind === 'date', expects: 'two dates', result: () => T.integer },
  weeks: { min: 2, max: 2, accepts: (t) => t.kind === 'date', expects: 'two dates', result: () => T.integer },
  months: { min: 2, max: 2, accepts: dateLike, expects: 'two dates or two months', result: () => T.integer },
  years: { min: 2, max: 2, accepts: dateLike, expects: 'two dates or two months', result: () => T.integer },
  weekday: { min: 1, max: 1, accepts: (t) => t.kind === 'date', expects: 'a date', result: () => T.integer },
  first_of_month: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.date },
  last_of_month: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.date },
  first_of_year: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.date },
  last_of_year: { min: 1, max: 1, accepts: dateLike, expects: 'a date or a month', result: () => T.date },
  months_before: {
    min: 2,
    max: 2,
    accepts: (t, i) => (i === 0 ? dateLike(t) : t.kind === 'integer'),
    expects: 'a date or a month and an integer number of months',
    result: sameKindAsFirst,
  },
  add_months: {
    min: 2,
    max: 2,
    accepts: (t, i) => (i === 0 ? dateLike(t) : t.kind === 'integer'),
    expects: 'a date or a month and an integer number of months',
    result: sameKindAsFirst,
  },
  is_holiday: { min: 1, max: 1, accepts: (t) => t.kind === 'date', expects: 'a date', result: () => T.boolean },
  is_working_day: { min: 1, max: 1, accepts: (t) => t.kind === 'date', expects: 'a date', result: () => T.boolean },
  next_working_day: { min: 1, max: 1, accepts: (t) => t.kind === 'date', expects: 'a date', result: () => T.date },
  month_of: { min: 1, max: 1, accepts: dateLike, expects: 'a date', result: () => T.month },
  duration_between: {
    min: 2,
    max: 2,
    accepts: (t) => t.kind === 'date',
    expects: 'two dates',
    result: () => T.duration,
  },
};

/** The names of the built-in functions. */
export const BUILTIN_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS).sort();

const OP_WORD: Record<string, string> = {
  and: 'and',
  or: 'or',
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  eq: '=',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/**
 * Type-checks expressions, collecting {@link TypeIssue}s. One instance per model; `check` is
 * called for each top-level expression of each frame with the frame's parameters in scope.
 */
export class ExprChecker {
  /** The issues found so far, in the order found. */
  readonly issues: TypeIssue[] = [];

  private readonly parentRole: ParentRole;

  /** @param scope what the checker knows about the model's frames */
  constructor(private readonly scope: TypeScope) {
    this.parentRole = (n) => scope.parentRole?.(n);
  }

  /** Report that `e` should have type `expected` when it does not. */
  expect(e: Expr, t: Type, expected: Type, what: string): void {
    if (!isAssignable(t, expected, this.parentRole)) {
      this.issue(
        'type-mismatch',
        `${what} must be ${showType(expected)}, but ${describe(e)} is ${showType(t)}.`,
        e.span,
      );
    }
  }

  private issue(code: TypeIssue['code'], message: string, span: Span, hint?: string): void {
    this.issues.push(hint === undefined ? { code, message, span } : { code, message, span, hint });
  }

  /** How deep {@link check} is in the expression it was called for (0: not in one). */
  private nesting = 0;

  /**
   * The type of `e` with `vars` in scope; problems are added to {@link issues}. An expression
   * nested deeper than {@link MAX_EXPR_DEPTH} is not checked: one `expression-too-deep` issue.
   */
  check(e: Expr, vars: VarScope): Type {
    if (this.nesting === 0) {
      const deep = tooDeepExpr(e);
      if (deep !== undefined) {
        this.issue(
          'expression-too-deep',
          `This expression nests more than ${MAX_EXPR_DEPTH} levels deep; it is not checked or evaluated.`,
          deep.span,
          'Split it into named facts that refer to each other.',
        );
        return T.unknown;
      }
    }
    this.nesting++;
    try {
      return this.checkNested(e, vars);
    } finally {
      this.nesting--;
    }
  }

  private checkNested(e: Expr, vars: VarScope): Type {
    switch (e.kind) {
      case 'Literal':
        return { kind: e.type };
      case 'Now':
        return T.date;
      case 'Is':
      case 'Created':
        for (const o of e.kind === 'Created' ? e.operands : []) this.check(o, vars);
        return T.boolean;
      case 'Projection':
        this.check(e.operand, vars);
        return T.any;
      case 'List':
        this.check(e.item, vars);
        return T.any;
      case 'Var': {
        const t = vars.get(e.name);
        if (t === undefined) {
          const names = [...vars.keys()];
          const near = names.find((n) => n.toLowerCase() === e.name.toLowerCase());
          this.issue(
            'unknown-reference',
            `Variable «${e.name}» is not a parameter of this frame or a variable bound by an aggregate.`,
            e.span,
            near !== undefined
              ? `Did you mean «${near}»?`
              : names.length > 0
                ? `Variables in scope: ${names.map((n) => `«${n}»`).join(', ')}.`
                : undefined,
          );
          return T.unknown;
        }
        return t;
      }
      case 'Member': {
        const o = this.check(e.object, vars);
        if (isLoose(o)) return o;
        if (o.kind !== 'instance') {
          this.issue(
            'type-mismatch',
            `Only an instance of a fact type has parameters, but ${describe(e.object)} is ${showType(o)}, so ` +
              `«.${e.field}» cannot be read.`,
            e.span,
          );
          return T.unknown;
        }
        const info = this.scope.fact(o.fact);
        if (info === undefined) return T.unknown;
        const p = info.params.find((x) => x.name === e.field);
        if (p === undefined) {
          this.issue(
            'unknown-reference',
            `Fact «${o.fact}» has no parameter «${e.field}».`,
            e.span,
            info.params.length > 0
              ? `Its parameters are ${info.params.map((x) => `«${x.name}»`).join(', ')}.`
              : `${displayName('fact', o.fact)} has no parameters.`,
          );
          return T.unknown;
        }
        return p.type;
      }
      case 'Ref':
        return this.checkRef(e, vars);
      case 'Unary': {
        const t = this.check(e.operand, vars);
        if (e.op === 'not') {
          this.expect(e.operand, t, T.boolean, 'The operand of «not»');
          return T.boolean;
        }
        if (isLoose(t) || isNumeric(t) || t.kind === 'duration') return t;
        this.issue(
          'type-mismatch',
          `Negation needs a number or a duration, but ${describe(e.operand)} is ${showType(t)}.`,
          e.operand.span,
        );
        return T.unknown;
      }
      case 'Nary':
        return this.checkNary(e.op, e.operands, vars, e.span);
      case 'Compare': {
        const ts = e.operands.map((o) => this.check(o, vars));
        const ordered = e.op !== 'eq' && e.op !== 'ne';
        for (let i = 0; i < ts.length; i++) {
          const t = ts[i] as Type;
          const o = e.operands[i] as Expr;
          if (ordered && !isLoose(t) && !orderedOrNumeric(t)) {
            this.issue(
              'type-mismatch',
              `«${OP_WORD[e.op]}» compares numbers, dates or durations, but ${describe(o)} is ${showType(t)}.`,
              o.span,
            );
            return T.boolean;
          }
        }
        for (let i = 1; i < ts.length; i++) {
          const a = ts[i - 1] as Type;
          const b = ts[i] as Type;
          if (!isComparable(a, b, this.parentRole)) {
            this.issue(
              'type-mismatch',
              `Cannot compare ${showType(a)} with ${showType(b)} using «${OP_WORD[e.op]}».`,
              e.span,
              dateLike(a) && dateLike(b)
                ? 'A month is not a date: compare months, «m == month_of(d)», or dates, «first_of_month(m) <= d».'
                : 'Both sides of a comparison must have the same type (integer and decimal mix).',
            );
            break;
          }
        }
        return T.boolean;
      }
      case 'Call': {
        const ts = e.args.map((a) => this.check(a, vars));
        const sig = Object.hasOwn(FUNCTIONS, e.fn) ? FUNCTIONS[e.fn] : undefined;
        if (sig === undefined) {
          this.issues.push({
            code: 'unknown-reference',
            message: `Function «${e.fn}» is not a built-in function.`,
            span: e.span,
            hint: `The built-in functions are ${BUILTIN_FUNCTIONS.join(', ')}.`,
            unknownFunction: true,
          });
          return T.unknown;
        }
        if (ts.length < sig.min || ts.length > sig.max) {
          const want =
            sig.min === sig.max
              ? `${sig.min}`
              : sig.max === Infinity
                ? `at least ${sig.min}`
                : `${sig.min} to ${sig.max}`;
          this.issue(
            'wrong-arity',
            `Function «${e.fn}» takes ${want} argument${want === '1' ? '' : 's'}, ` +
              `but ${ts.length} ${ts.length === 1 ? 'is' : 'are'} given.`,
            e.span,
          );
          return T.unknown;
        }
        for (let i = 0; i < ts.length; i++) {
          const t = ts[i] as Type;
          if (!isLoose(t) && !sig.accepts(t, i)) {
            this.issue(
              'argument-type',
              `Argument ${i + 1} of «${e.fn}» must be ${sig.expects}, ` +
                `but ${describe(e.args[i] as Expr)} is ${showType(t)}.`,
              (e.args[i] as Expr).span,
            );
            return T.unknown;
          }
        }
        const r = sig.result(ts);
        if (r.kind === 'unknown' && (e.fn === 'min' || e.fn === 'max')) {
          this.issue(
            'type-mismatch',
            `The arguments of «${e.fn}» have different types: ${ts.map(showType).join(', ')}.`,
            e.span,
          );
        }
        return r;
      }
      case 'Aggregate': {
        this.checkBindings(e.bindings, vars);
        const inner = bindParams(vars, e.bindings, this.scope.untyped);
        if (e.where) this.expect(e.where, this.check(e.where, inner), T.boolean, `The «where» condition of «${e.op}»`);
        const body = e.body ? this.check(e.body, inner) : null;
        switch (e.op) {
          case 'count':
            return T.integer;
          case 'exists':
            return T.boolean;
          case 'forall':
            if (e.body && body) this.expect(e.body, body, T.boolean, 'The condition of «forall»');
            return T.boolean;
          case 'sum':
            if (e.body && body && !isLoose(body) && !isNumeric(body) && body.kind !== 'duration') {
              this.issue(
                'type-mismatch',
                `«sum» adds numbers or durations, but ${describe(e.body)} is ${showType(body)}.`,
                e.body.span,
              );
              return T.unknown;
            }
            return body ?? T.integer;
          case 'min':
          case 'max':
            if (e.body && body && !isLoose(body) && !orderedOrNumeric(body)) {
              this.issue(
                'type-mismatch',
                `«${e.op}» needs numbers, dates or durations, but ${describe(e.body)} is ${showType(body)}.`,
                e.body.span,
              );
              return T.unknown;
            }
            return body ?? T.unknown;
        }
        return T.unknown;
      }
      case 'Conditional': {
        this.expect(e.condition, this.check(e.condition, vars), T.boolean, 'The condition of «if»');
        const a = this.check(e.then, vars);
        const b = this.check(e.otherwise, vars);
        const j = join(a, b, this.parentRole);
        if (j === null) {
          this.issue(
            'type-mismatch',
            `The branches of «if» have different types: ${showType(a)} and ${showType(b)}.`,
            e.span,
          );
          return T.unknown;
        }
        return j;
      }
    }
  }

  /**
   * The month ranges of aggregate bindings (grammar/README.md#months), checked in the enclosing scope: a range
   * only on a `month` binding, `in Y` an integer year, `in A .. B` dates or months; a `month` binding needs one.
   */
  private checkBindings(bindings: readonly Param[], vars: VarScope): void {
    for (const b of bindings) {
      const isMonth = b.type.kind === 'PrimitiveType' && b.type.name === 'month';
      const r = b.range;
      if (r === undefined) {
        if (isMonth && !this.scope.untyped) {
          this.issue(
            'unbounded-month',
            `The binding «${b.name}: month» has no range: there are endlessly many months.`,
            b.span,
            `Say which months: «${b.name}: month in 2025» (a year) or «${b.name}: month in [begin] .. [einde]».`,
          );
        }
        continue;
      }
      const from = this.check(r.from, vars);
      const to = r.to === null ? null : this.check(r.to, vars);
      if (!isMonth) {
        this.issue(
          'type-mismatch',
          `Only a month binding ranges over «in …», but «${b.name}» is ${showType(typeFromRef(b.type))}.`,
          r.span,
          `Write «${b.name}: month in …», or leave out «in …» to range over the instances of the fact type.`,
        );
        continue;
      }
      if (to === null) {
        if (!isAssignable(from, T.integer)) {
          this.issue(
            'type-mismatch',
            `The year of «${b.name}: month in …» must be integer, but ${describe(r.from)} is ${showType(from)}.`,
            r.from.span,
            `For the months from one date to another write «in A .. B»; for one month, «in A .. A».`,
          );
        }
        continue;
      }
      for (const [x, t] of [
        [r.from, from],
        [r.to as Expr, to],
      ] as const) {
        if (!isLoose(t) && !dateLike(t)) {
          this.issue(
            'type-mismatch',
            `The bounds of «${b.name}: month in … .. …» must be dates or months, but ${describe(x)} is ${showType(t)}.`,
            x.span,
            `A year alone is written «in 2025», without «..».`,
          );
        }
      }
    }
  }

  /** Check a fact, act or duty reference (or an effect) against the frame's signature. */
  checkRef(
    e: {
      readonly frame: 'fact' | 'act' | 'duty';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly span: Span;
    },
    vars: VarScope,
  ): Type {
    const ts = e.args.map((a) => this.check(a, vars));
    let params: readonly ParamType[] | undefined;
    let value: Type = T.boolean;
    if (e.frame === 'fact') {
      const info = this.scope.fact(e.name);
      if (info === undefined) return this.scope.untyped ? T.any : T.unknown;
      params = info.params;
      value = info.value;
    } else {
      params = this.scope.frameParams(e.frame, e.name);
      if (params === undefined) return T.unknown;
    }
    // A parameterised fact named without arguments means "some instance holds".
    if (ts.length === 0) return value;
    const label = `${e.frame === 'fact' ? 'Fact' : e.frame === 'act' ? 'Act' : 'Duty'} «${e.name}»`;
    if (ts.length !== params.length) {
      if (this.scope.untyped && params.length === 0) return value;
      this.issue(
        'wrong-arity',
        `${label} takes ${params.length} argument${params.length === 1 ? '' : 's'}, ` +
          `but ${ts.length} ${ts.length === 1 ? 'is' : 'are'} given.`,
        e.span,
        params.length > 0
          ? `Its parameters are ${params.map((p) => `${p.name}: ${showType(p.type)}`).join(', ')}.`
          : undefined,
      );
      return value;
    }
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i] as Type;
      const p = params[i] as ParamType;
      if (!isAssignable(t, p.type, this.parentRole)) {
        this.issue(
          'argument-type',
          `Argument ${i + 1} of ${label} must be ${showType(p.type)} (parameter ` +
            `«${p.name}»), but ${describe(e.args[i] as Expr)} is ${showType(t)}.`,
          (e.args[i] as Expr).span,
        );
      }
    }
    return value;
  }

  private checkNary(
    op: 'and' | 'or' | 'add' | 'sub' | 'mul' | 'div',
    operands: readonly Expr[],
    vars: VarScope,
    span: Span,
  ): Type {
    const ts = operands.map((o) => this.check(o, vars));
    if (op === 'and' || op === 'or') {
      ts.forEach((t, i) => {
        this.expect(operands[i] as Expr, t, T.boolean, `An operand of «${op}»`);
      });
      return T.boolean;
    }
    let acc: Type = ts[0] ?? T.unknown;
    for (let i = 1; i < ts.length; i++) {
      const t = ts[i] as Type;
      const r = arith(op, acc, t);
      if (r === null) {
        this.issue(
          'type-mismatch',
          `Cannot apply «${OP_WORD[op]}» to ${showType(acc)} and ${showType(t)}.`,
          span,
          arithHint(op),
        );
        return T.unknown;
      }
      const days = operands[i];
      if (r.kind === 'month' && days?.kind === 'Literal' && days.type === 'duration' && /[DW]$/.test(days.value)) {
        this.issue(
          'type-mismatch',
          `A month moves by whole months or years, not by ${describe(days)}.`,
          days.span,
          'Write «m + 1 month», or take a date in the month first: «first_of_month(m) + 10 days».',
        );
        return T.unknown;
      }
      acc = r;
    }
    if (ts.length === 1 && !isLoose(acc) && !isNumeric(acc) && acc.kind !== 'duration') {
      this.issue(
        'type-mismatch',
        `«${OP_WORD[op]}» needs numbers, but ${describe(operands[0] as Expr)} is ${showType(acc)}.`,
        span,
      );
      return T.unknown;
    }
    return acc;
  }
}

/** The result type of `a op b`, or null when the operation is not defined. */
function arith(op: 'add' | 'sub' | 'mul' | 'div', a: Type, b: Type): Type | null {
  if (isLoose(a) || isLoose(b)) {
    const known = isLoose(a) ? b : a;
    return isLoose(known) || isNumeric(known) || dateLike(known) || known.kind === 'duration' ? T.any : null;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (op === 'div') return T.decimal;
    return a.kind === 'integer' && b.kind === 'integer' ? T.integer : T.decimal;
  }
  const k = `${a.kind} ${op} ${b.kind}`;
  switch (k) {
    case 'date add duration':
    case 'duration add date':
    case 'date sub duration':
      return T.date;
    case 'month add duration':
    case 'duration add month':
    case 'month sub duration':
      return T.month;
    case 'month sub month':
      return T.integer;
    case 'date sub date':
    case 'duration add duration':
    case 'duration sub duration':
    case 'duration mul integer':
    case 'integer mul duration':
      return T.duration;
    default:
      return null;
  }
}

function arithHint(op: string): string | undefined {
  if (op === 'add' || op === 'sub')
    return (
      'Arithmetic works on numbers; a date plus or minus a duration is ' +
      'a date, and a date minus a date is a duration; a month plus or minus months or years is a month.'
    );
  return undefined;
}

/** A short description of an expression for messages: `[aanvraag]`, `x`, `the literal 12`. */
export function describe(e: Expr): string {
  switch (e.kind) {
    case 'Ref':
      return displayName(e.frame, e.name);
    case 'Var':
      return `«${e.name}»`;
    case 'Member':
      return `«${e.field}»`;
    case 'Literal':
      return `the ${e.type} ${e.type === 'text' ? JSON.stringify(e.value) : String(e.value)}`;
    case 'Now':
      return '«today»';
    default:
      return 'the expression';
  }
}
