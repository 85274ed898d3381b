import { DisciplEngine, engineImporter } from '../../src/compat/index.js';
import type { DisciplResolver, DisciplValue } from '../../src/compat/index.js';

/** A FLINT JSON act with the required actor/object/recipient filled in. */
export interface TestAct {
  act: string;
  actor?: unknown;
  object?: unknown;
  recipient?: unknown;
  preconditions?: unknown;
  create?: unknown;
  terminate?: unknown;
}

/** Build an engine for an inline FLINT JSON model through the engine's importer. */
export function engineFor(model: {
  acts?: TestAct[];
  facts?: { fact: string; function: unknown }[];
  duties?: unknown[];
}): DisciplEngine {
  const acts = (model.acts ?? []).map((a) => ({
    actor: '[actor]',
    object: '[object]',
    recipient: '[recipient]',
    ...a,
  }));
  const { model: ast, raw } = engineImporter.importModel(
    { acts, facts: model.facts ?? [], duties: model.duties ?? [] },
    'test.json',
  );
  return DisciplEngine.fromModel(ast, raw);
}

/** A resolver answering from `answers` (else `fallback`) and logging every question. */
export function logResolver(
  answers: Record<string, DisciplValue>,
  fallback: DisciplValue = undefined,
): { resolver: DisciplResolver; asked: unknown[] } {
  const asked: unknown[] = [];
  const resolver: DisciplResolver = (q) => {
    asked.push(q);
    return typeof q === 'string' && q in answers ? answers[q] : fallback;
  };
  return { resolver, asked };
}

/** Evaluate one FLINT JSON expression with the discipl profile. */
export function evaluate(expression: unknown, answers: Record<string, DisciplValue>): DisciplValue | { error: string } {
  const engine = engineFor({});
  const { model, raw } = engineImporter.importModel(
    { acts: [], facts: [{ fact: '[e]', function: expression }], duties: [] },
    'e.json',
  );
  const fact = model.declarations.find((d) => d.kind === 'Fact');
  if (fact?.kind !== 'Fact' || !fact.definition) throw new Error('test setup: no definition');
  const out = engine.evaluate(fact.definition, logResolver(answers).resolver, undefined, raw);
  return out.ok ? out.value : { error: out.error };
}

/** Unwrap an outcome in a test (fails loudly). */
export function ok<T>(o: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!o.ok) throw new Error(`unexpected error: ${o.error}`);
  return o.value;
}
