/**
 * The scenario runner's public functions with their argument guards (src/model/guard.ts): a
 * malformed model or options give an `invalid-argument` diagnostic instead of an exception.
 */
import type { Model, ScenarioDecl } from '../model/ast.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { atBoundary, emptyModel, invalidArgument, isRecordValue, kindOf, modelProblem } from '../model/guard.js';
import { runScenarios as runScenariosOf, scenariosOf as scenariosOfModel } from './run.js';
import type { RunScenariosOptions } from './run.js';
import type { ScenarioReport } from './types.js';

/** An `invalid-argument` diagnostic when `options` is not an options object, else null. */
function optionsProblem(fn: string, options: unknown): Diagnostic | null {
  if (options === undefined) return null;
  if (!isRecordValue(options)) {
    return invalidArgument(fn, '/1', `argument 2 (the options) is not an object but ${kindOf(options)}.`);
  }
  for (const k of ['file', 'filter'] as const) {
    const v = options[k];
    if (v !== undefined && typeof v !== 'string') {
      return invalidArgument(fn, `/1/${k}`, `option ${k} is not a string but ${kindOf(v)}.`);
    }
  }
  const lang = options.lang;
  if (lang !== undefined && lang !== 'nl' && lang !== 'en') {
    return invalidArgument(fn, '/1/lang', `option lang is ${JSON.stringify(lang) ?? kindOf(lang)}, not "nl" or "en".`);
  }
  return null;
}

/** The scenarios of `model` selected by `options`, in declaration order (none for a malformed argument). */
export function scenariosOf(model: Model, options: RunScenariosOptions = {}): ScenarioDecl[] {
  if (modelProblem('scenariosOf', model) ?? optionsProblem('scenariosOf', options)) return [];
  return atBoundary(
    'scenariosOf',
    () => [],
    () => scenariosOfModel(model, options),
  );
}

/**
 * Run the scenarios of `model` (grammar/README.md#scenarios). A model that does not compile gives
 * its diagnostics and no results; so does a malformed argument (`invalid-argument`). Every `expect`
 * step is one check; a refused `does`, a `forces` the engine refuses and an invalid `given` are
 * failed checks that stop their scenario.
 */
export function runScenarios(model: Model, options: RunScenariosOptions = {}): ScenarioReport {
  const fallback = (d: Diagnostic): ScenarioReport => ({ ...runScenariosOf(emptyModel()), diagnostics: [d] });
  const bad = modelProblem('runScenarios', model) ?? optionsProblem('runScenarios', options);
  if (bad) return fallback(bad);
  return atBoundary('runScenarios', fallback, () => runScenariosOf(model, options));
}
