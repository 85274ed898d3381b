/**
 * Candidate arguments for a fact's parameters in a case: the actors playing a role type, the known
 * instances of a one-parameter fact type. The outcome of a case lists derived facts over these.
 */
import { evaluateFact } from '../run/index.js';
import type { CaseState, CompiledModel, JsonScalar } from '../run/index.js';

/** At most this many argument combinations are enumerated; a fact with more is left out. */
export const MAX_BINDINGS = 1000;

/**
 * Every argument combination for the parameters of `fact` (in parameter order, then value order),
 * or `null` when a parameter cannot be enumerated (a primitive type other than actor, a fact type
 * with more than one parameter) or there are more than {@link MAX_BINDINGS} combinations.
 */
export function factBindings(
  cm: CompiledModel,
  state: CaseState,
  actors: readonly string[],
  fact: string,
): JsonScalar[][] | null {
  const decl = cm.facts.get(fact)?.decl;
  if (!decl) return null;
  let combos: JsonScalar[][] = [[]];
  for (const p of decl.params) {
    let values: JsonScalar[];
    if (p.type.kind === 'PrimitiveType') {
      if (p.type.name !== 'actor') return null;
      values = [...actors];
    } else {
      const t = cm.facts.get(p.type.name);
      if (!t) return null;
      if (t.isRole) {
        const typeName = p.type.name;
        values = actors.filter((a) => {
          const v = evaluateFact(cm, state, typeName, [a]).value;
          return v.type === 'boolean' && v.value;
        });
      } else if (t.arity === 1) {
        values = Object.values(state.facts[p.type.name] ?? {})
          .filter((i) => i.terminated === null && i.value !== false)
          .map((i) => i.args[0] ?? null);
      } else return null;
    }
    combos = combos.flatMap((c) => values.map((v) => [...c, v]));
    if (combos.length > MAX_BINDINGS) return null;
  }
  return combos;
}
