/**
 * The shared, read-only view of a model that every check rule receives.
 */
import type {
  ActDecl,
  Conventions,
  DutyDecl,
  Effect,
  Expr,
  FactDecl,
  FrameDecl,
  Model,
  Ref,
  SourceDecl,
} from '../model/ast.js';
import { actsOf, dutiesOf, factsOf, framesOf, sourceDeclsOf } from '../model/walk.js';
import { buildExprIndex, setExprIndex } from './expr-index.js';
import { scenarioRefs, scenarioSourceRefs } from './scenario-refs.js';
import type { ScenarioRef, ScenarioSourceRef } from './scenario-refs.js';
import { ExprChecker, T, bindParams, declaredParentRole, factTypeInfo, typeFromRef } from './types.js';
import type { ParamType, Type, TypeInfo, TypeIssue, TypeScope, VarScope } from './types.js';

/** The conventions a model is checked under: `.flint` rules or FLINT JSON (untyped, discipl conventions). */
export type Origin = Conventions;

/** A record without a prototype, so names like `constructor` or `__proto__` are ordinary keys. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Own-property lookup that is safe for any key. */
export function lookup<V>(rec: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A frame reference found anywhere in a frame, with the frame that contains it. */
export interface FoundRef {
  /** The reference or effect node. */
  readonly node: Ref | Effect;
  /** The frame in which it occurs. */
  readonly owner: FrameDecl;
}

/** The name tables of a model, shared by the check context and the checked model. */
export interface ModelTables {
  /** The model checked. */
  readonly model: Model;
  /** Where the model came from. */
  readonly origin: Origin;
  /** The date the model describes the law on (`YYYY-MM-DD`), or null when unknown. */
  readonly versionDate: string | null;
  /** Facts by name; the last definition wins (as the discipl interpreter does). */
  readonly facts: Readonly<Record<string, FactDecl>>;
  /** Acts by name; the first definition wins. */
  readonly acts: Readonly<Record<string, ActDecl>>;
  /** Duties by name; the first definition wins. */
  readonly duties: Readonly<Record<string, DutyDecl>>;
  /** Sources by id; the first definition wins. */
  readonly sources: Readonly<Record<string, SourceDecl>>;
}

/** Everything a rule may look at. Tables are computed once per check. */
export interface CheckContext extends ModelTables {
  /** Resolved fact signatures by name. */
  readonly factTypes: Readonly<Record<string, TypeInfo>>;
  /** All frames in declaration order. */
  readonly frames: readonly FrameDecl[];
  /** Every fact/act/duty reference and effect in the model, in declaration order. */
  readonly refs: readonly FoundRef[];
  /** Every fact, act and duty named in a scenario step, in step order. */
  readonly scenarioRefs: readonly ScenarioRef[];
  /** Every source named in an `expect sources` step. */
  readonly scenarioSources: readonly ScenarioSourceRef[];
  /** Names of facts that acts create (effects), and duties likewise. */
  readonly created: { readonly facts: ReadonlySet<string>; readonly duties: ReadonlySet<string> };
  /** Names of facts and duties that acts terminate (effects). */
  readonly terminated: { readonly facts: ReadonlySet<string>; readonly duties: ReadonlySet<string> };
  /** The type checker's findings, computed on first use. */
  typeIssues(): readonly TypeIssue[];
  /** True when `name` is declared as a frame of kind `frame`. */
  isDeclared(frame: 'fact' | 'act' | 'duty', name: string): boolean;
  /** The type of `e`, an expression of frame `owner` (its parameters in scope); reports nothing. */
  typeOf(e: Expr, owner: FrameDecl): Type;
}

/** Build the context for `model`. */
export function createContext(model: Model, origin: Origin, versionDate: string | null): CheckContext {
  const facts = emptyRecord<FactDecl>();
  const acts = emptyRecord<ActDecl>();
  const duties = emptyRecord<DutyDecl>();
  const sources = emptyRecord<SourceDecl>();
  for (const f of factsOf(model)) facts[f.name] = f;
  for (const a of actsOf(model)) if (lookup(acts, a.name) === undefined) acts[a.name] = a;
  for (const d of dutiesOf(model)) if (lookup(duties, d.name) === undefined) duties[d.name] = d;
  for (const s of sourceDeclsOf(model)) if (lookup(sources, s.id) === undefined) sources[s.id] = s;
  const untyped = origin === 'flint-json';
  const factTypes = emptyRecord<TypeInfo>();
  for (const name of Object.keys(facts)) factTypes[name] = factTypeInfo(facts[name] as FactDecl, untyped);

  const frames = framesOf(model);
  const index = buildExprIndex(frames);

  const created = { facts: new Set<string>(), duties: new Set<string>() };
  const terminated = { facts: new Set<string>(), duties: new Set<string>() };
  for (const a of actsOf(model)) {
    for (const e of a.creates) if (e.frame !== 'act') created[e.frame === 'fact' ? 'facts' : 'duties'].add(e.name);
    for (const e of a.terminates)
      if (e.frame !== 'act') terminated[e.frame === 'fact' ? 'facts' : 'duties'].add(e.name);
  }

  const isDeclared = (frame: 'fact' | 'act' | 'duty', name: string): boolean =>
    lookup<unknown>(frame === 'fact' ? facts : frame === 'act' ? acts : duties, name) !== undefined;

  const scope = typeScope(untyped, factTypes, facts, acts, duties);
  let issues: readonly TypeIssue[] | null = null;
  const typeIssues = (): readonly TypeIssue[] => {
    if (issues === null) issues = runTypeChecker(frames, untyped, scope);
    return issues;
  };
  const typeOf = (e: Expr, owner: FrameDecl): Type =>
    new ExprChecker(scope).check(e, bindParams(new Map(), owner.params, untyped));

  const ctx: CheckContext = {
    model,
    origin,
    versionDate,
    facts,
    acts,
    duties,
    sources,
    factTypes,
    frames,
    refs: index.refs,
    scenarioRefs: scenarioRefs(model),
    scenarioSources: scenarioSourceRefs(model),
    created,
    terminated,
    typeIssues,
    isDeclared,
    typeOf,
  };
  setExprIndex(ctx, index);
  return ctx;
}

function typeScope(
  untyped: boolean,
  factTypes: Readonly<Record<string, TypeInfo>>,
  facts: Readonly<Record<string, FactDecl>>,
  acts: Readonly<Record<string, ActDecl>>,
  duties: Readonly<Record<string, DutyDecl>>,
): TypeScope {
  const paramsOf = (ps: readonly { name: string; type: Parameters<typeof typeFromRef>[0] }[]): ParamType[] =>
    ps.map((p) => ({ name: p.name, type: untyped ? T.any : typeFromRef(p.type) }));
  return {
    untyped,
    fact: (name) => lookup(factTypes, name),
    parentRole: (name) => {
      const f = untyped ? undefined : lookup(facts, name);
      return f === undefined ? undefined : declaredParentRole(f);
    },
    frameParams: (frame, name) => {
      const d = frame === 'act' ? lookup(acts, name) : lookup(duties, name);
      return d === undefined ? undefined : paramsOf(d.params);
    },
  };
}

function runTypeChecker(frames: readonly FrameDecl[], untyped: boolean, scope: TypeScope): readonly TypeIssue[] {
  const checker = new ExprChecker(scope);
  const bool = (e: Expr | null, vars: VarScope, what: string): void => {
    if (e) checker.expect(e, checker.check(e, vars), T.boolean, what);
  };
  for (const f of frames) {
    const vars = bindParams(new Map(), f.params, untyped);
    switch (f.kind) {
      case 'Fact':
        if (f.definition) {
          const t = checker.check(f.definition, vars);
          const info = scope.fact(f.name);
          if (info) checker.expect(f.definition, t, info.value, `The definition of fact «${f.name}»`);
        }
        break;
      case 'Act':
        for (const e of [f.actor, f.object, f.recipient]) if (e) checker.check(e, vars);
        bool(f.preconditions, vars, `The preconditions of act «${f.name}»`);
        for (const eff of [...f.creates, ...f.terminates]) checker.checkRef(eff, vars);
        break;
      case 'Duty':
        for (const e of [f.holder, f.claimant]) if (e) checker.check(e, vars);
        for (const r of [...f.createdBy, ...f.terminatedBy, ...f.enforcedBy]) checker.check(r, vars);
        if (f.deadline) {
          const want = f.deadline.form === 'within' ? T.duration : T.date;
          checker.expect(
            f.deadline.value,
            checker.check(f.deadline.value, vars),
            want,
            `The «${f.deadline.form}» deadline of duty «${f.name}»`,
          );
        }
        bool(f.violation, vars, `The violation condition of duty «${f.name}»`);
        for (const c of f.components) checker.check(c, vars);
        break;
    }
    // `applies as of:` and the variants per version of the law (grammar/README.md#versions).
    if (f.appliesAsOf) {
      const what = `The «applies as of» date of ${f.kind.toLowerCase()} «${f.name}»`;
      checker.expect(f.appliesAsOf, checker.check(f.appliesAsOf, vars), T.date, what);
    }
    for (const v of f.variants ?? []) {
      const info = f.kind === 'Fact' ? scope.fact(f.name) : undefined;
      if (v.definition) {
        const t = checker.check(v.definition, vars);
        if (info) checker.expect(v.definition, t, info.value, `A variant of fact «${f.name}»`);
      }
      bool(v.preconditions, vars, `The preconditions of a variant of act «${f.name}»`);
      for (const eff of [...(v.creates ?? []), ...(v.terminates ?? [])]) checker.checkRef(eff, vars);
      if (v.deadline) {
        const want = v.deadline.form === 'within' ? T.duration : T.date;
        const t = checker.check(v.deadline.value, vars);
        checker.expect(v.deadline.value, t, want, `The «${v.deadline.form}» deadline of a variant of «${f.name}»`);
      }
    }
  }
  return checker.issues;
}
