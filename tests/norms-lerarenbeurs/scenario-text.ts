/**
 * Render the scenarios of this folder (scenario.ts) as `.flint` scenario blocks
 * (grammar/README.md#scenarios), through the AST and the canonical printer, so the `*.test.flint`
 * files next to the norms say exactly what the vitest scenarios check.
 */
import type { Expr, Literal, Model, Ref, ScenarioDecl, ScenarioStep, TypeRef } from '../../src/model/ast.js';
import { emptySpan } from '../../src/model/span.js';
import type { JsonScalar } from '../../src/model/trace.js';
import type { CompiledModel } from '../../src/run/index.js';
import { print } from '../../src/syntax/index.js';
import type { Scenario, Step } from './scenario.js';

const span = emptySpan('scenario.test.flint');

/**
 * Set by {@link scenarioFile} for files written before src/run normalised given arguments, whose
 * integer arguments are still text ("2019"); their regeneration is outside this folder.
 */
let integerArgsAsText = false;

/** A scenario value as an expression of type `t`: ids print bare, numbers, texts and dates as literals. */
function valueExpr(t: TypeRef | undefined, v: JsonScalar | boolean, isArg = true): Expr {
  const lit = (l: Omit<Literal, 'kind' | 'span'>): Expr => ({ kind: 'Literal', span, ...l }) as Literal;
  if (typeof v === 'boolean') return lit({ type: 'boolean', value: v });
  const s = String(v);
  if (t?.kind === 'PrimitiveType') {
    switch (t.name) {
      case 'integer':
        // src/run keys `2019` and "2019" for an integer parameter as one instance.
        return lit({ type: integerArgsAsText && isArg ? 'text' : 'integer', value: s });
      case 'decimal':
        return lit({ type: s.includes('.') ? 'decimal' : 'integer', value: s });
      case 'text':
        return lit({ type: 'text', value: s });
      case 'date':
        return lit({ type: 'date', value: s });
      default:
        break;
    }
  }
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s) ? { kind: 'Var', name: s, span } : lit({ type: 'text', value: s });
}

function paramTypes(cm: CompiledModel, frame: 'fact' | 'act' | 'duty', name: string): readonly TypeRef[] {
  const decl =
    frame === 'fact' ? cm.facts.get(name)?.decl : frame === 'act' ? cm.acts.get(name)?.decl : cm.duties.get(name)?.decl;
  return (decl?.params ?? []).map((p) => p.type);
}

function ref(cm: CompiledModel, frame: 'fact' | 'act' | 'duty', name: string, args: readonly JsonScalar[]): Ref {
  const types = paramTypes(cm, frame, name);
  return { kind: 'Ref', frame, name, args: args.map((a, i) => valueExpr(types[i], a)), span };
}

function actRef(cm: CompiledModel, name: string, params: Readonly<Record<string, JsonScalar>> = {}): Ref {
  const names = (cm.acts.get(name)?.decl.params ?? []).map((p) => p.name);
  return ref(
    cm,
    'act',
    name,
    names.map((n) => params[n] ?? null),
  );
}

function given(
  cm: CompiledModel,
  fact: string,
  args: readonly JsonScalar[] = [],
  value?: boolean | string | number,
): ScenarioStep {
  const f = cm.facts.get(fact);
  const boolType = !f?.decl || (f.decl.type.kind === 'PrimitiveType' && f.decl.type.name === 'boolean');
  return {
    kind: 'Given',
    fact: ref(cm, 'fact', fact, args),
    negated: value === false,
    value:
      boolType || value === undefined || typeof value === 'boolean' ? null : valueExpr(f?.decl?.type, value, false),
    span,
  };
}

/** The `.flint` steps of one scenario step (a `violations` step lists each duty). */
function steps(cm: CompiledModel, step: Step): ScenarioStep[] {
  if ('act' in step) {
    const act = actRef(cm, step.act, step.params);
    const at = step.at ?? null;
    if (step.expect === 'refused') return [{ kind: 'ExpectRefused', actor: step.by, act, at, span }];
    return [{ kind: 'Do', actor: step.by, act, force: step.force ?? false, at, span }];
  }
  if ('give' in step) return step.give.map((g) => given(cm, g.fact, g.args ?? [], g.value));
  if ('advance' in step) return [{ kind: 'Advance', date: step.advance, span }];
  if ('fact' in step) {
    const fact = ref(cm, 'fact', step.fact, step.args ?? []);
    const v = step.value ?? true;
    if (v === 'unknown') return [{ kind: 'ExpectUnknown', fact, span }];
    if (typeof v === 'boolean') return [{ kind: 'ExpectFact', fact, negated: !v, span }];
    return [{ kind: 'ExpectValue', fact, value: valueExpr(cm.facts.get(step.fact)?.decl?.type, v, false), span }];
  }
  if ('enabled' in step) {
    return [
      {
        kind: 'ExpectAct',
        act: actRef(cm, step.enabled, step.params),
        actor: step.by,
        available: step.expect,
        because: null,
        span,
      },
    ];
  }
  if ('duty' in step)
    return [{ kind: 'ExpectDuty', duty: ref(cm, 'duty', step.duty, step.args), active: step.active, span }];
  if ('sourcesOf' in step)
    return [{ kind: 'ExpectSources', act: ref(cm, 'act', step.sourcesOf, []), sources: [...step.include], span }];
  // Exactly these violations: each listed one is expected, every other duty is expected unviolated.
  const listed = step.violations.map((v) => {
    const m = /^(duty-deadline|duty-condition|forced-act) (.+)\((.*)\)$/.exec(v);
    return { kind: m?.[1] ?? '', frame: m?.[2] ?? v, args: m?.[3] ? m[3].split(', ') : [] };
  });
  const out: ScenarioStep[] = listed.map((l) => ({
    kind: 'ExpectViolation',
    frame: l.kind === 'forced-act' ? ref(cm, 'act', l.frame, []) : ref(cm, 'duty', l.frame, l.args),
    negated: false,
    span,
  }));
  for (const d of cm.duties.keys()) {
    if (!listed.some((l) => l.kind !== 'forced-act' && l.frame === d))
      out.push({ kind: 'ExpectViolation', frame: ref(cm, 'duty', d, []), negated: true, span });
  }
  return out;
}

/** One scenario as a `.flint` scenario declaration. */
export function scenarioDecl(cm: CompiledModel, s: Scenario): ScenarioDecl {
  const start: ScenarioStep[] = [
    { kind: 'AsOf', date: s.asOf, span },
    {
      kind: 'Actors',
      actors: Object.entries(s.actors).map(([id, roles]) => ({ kind: 'ScenarioActor', id, roles: [...roles], span })),
      span,
    },
    ...(s.facts ?? []).map((g) => given(cm, g.fact, g.args ?? [], g.value)),
  ];
  return {
    kind: 'Scenario',
    name: s.name,
    nameSpan: span,
    steps: [...start, ...s.steps.flatMap((st) => steps(cm, st))],
    span,
  };
}

/**
 * A `*.test.flint` file: a comment, an import of the model and one scenario block per scenario.
 * `integerArgsAsText` writes integer arguments as text, as files generated before argument
 * normalisation do.
 */
export function scenarioFile(
  cm: CompiledModel,
  modelPath: string,
  comment: string,
  scenarios: readonly Scenario[],
  options: { readonly integerArgsAsText?: boolean } = {},
): string {
  integerArgsAsText = options.integerArgsAsText ?? false;
  let declarations: Model['declarations'];
  try {
    declarations = [{ kind: 'Import', path: modelPath, span }, ...scenarios.map((s) => scenarioDecl(cm, s))];
  } finally {
    integerArgsAsText = false;
  }
  const model: Model = { kind: 'Model', header: null, declarations, span };
  const head = comment
    .split('\n')
    .map((l) => `// ${l}`.trimEnd())
    .join('\n');
  return `${head}\n${print(model)}`;
}
