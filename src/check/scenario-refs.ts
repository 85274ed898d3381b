/**
 * The names scenario steps use (grammar/README.md#scenarios), collected once so that check rules
 * treat them like references inside frames.
 */
import type { Model, Ref, ScenarioDecl, ScenarioStep } from '../model/ast.js';
import type { Span } from '../model/span.js';
import { displayName } from '../model/walk.js';

/** A fact, act or duty named in a scenario step. */
export interface ScenarioRef {
  readonly frame: 'fact' | 'act' | 'duty';
  readonly name: string;
  /**
   * The number of arguments written, or `null` where a step names the frame without arguments (actor roles, `because`).
   */
  readonly args: number | null;
  /** The name in the step (for an actor role: the actor's entry). */
  readonly span: Span;
  readonly scenario: ScenarioDecl;
}

/** A source named in an `expect sources of ... include` step: an id, a citation or a Juriconnect id. */
export interface ScenarioSourceRef {
  readonly text: string;
  /** The step (the names in the list have no span of their own). */
  readonly span: Span;
  readonly scenario: ScenarioDecl;
}

/**
 * The span of a reference's name: the whole reference when it has no arguments, else its start up to the name's length.
 */
function nameSpan(r: Ref): Span {
  if (r.args.length === 0 || r.span.start.line !== r.span.end.line) return r.span;
  const width = displayName(r.frame, r.name).length;
  const end = { line: r.span.start.line, column: r.span.start.column + width, offset: r.span.start.offset + width };
  return end.offset <= r.span.end.offset ? { ...r.span, end } : r.span;
}

function stepRefs(step: ScenarioStep): { ref: Ref; args: boolean }[] {
  switch (step.kind) {
    case 'Given':
    case 'ExpectFact':
    case 'ExpectUnknown':
    case 'ExpectValue':
      return [{ ref: step.fact, args: true }];
    case 'Do':
    case 'ExpectRefused':
    case 'ExpectSources':
      return [{ ref: step.act, args: true }];
    case 'ExpectAct':
      return [
        { ref: step.act, args: true },
        ...(step.because?.kind === 'Ref' ? [{ ref: step.because, args: false }] : []),
      ];
    case 'ExpectDuty':
      return [{ ref: step.duty, args: true }];
    case 'ExpectViolation':
      return [{ ref: step.frame, args: true }];
    case 'AsOf':
    case 'Actors':
    case 'Advance':
      return [];
  }
}

/** Every frame name used in the scenarios of `model`, in step order. */
export function scenarioRefs(model: Model): ScenarioRef[] {
  const out: ScenarioRef[] = [];
  for (const scenario of model.declarations) {
    if (scenario.kind !== 'Scenario') continue;
    for (const step of scenario.steps) {
      if (step.kind === 'Actors') {
        for (const a of step.actors)
          for (const role of a.roles) out.push({ frame: 'fact', name: role, args: null, span: a.span, scenario });
      }
      for (const { ref, args } of stepRefs(step)) {
        out.push({
          frame: ref.frame,
          name: ref.name,
          args: args ? ref.args.length : null,
          span: nameSpan(ref),
          scenario,
        });
      }
    }
  }
  return out;
}

/** Every source named in an `expect sources` step of `model`, in step order. */
export function scenarioSourceRefs(model: Model): ScenarioSourceRef[] {
  const out: ScenarioSourceRef[] = [];
  for (const scenario of model.declarations) {
    if (scenario.kind !== 'Scenario') continue;
    for (const step of scenario.steps)
      if (step.kind === 'ExpectSources') for (const text of step.sources) out.push({ text, span: step.span, scenario });
  }
  return out;
}
