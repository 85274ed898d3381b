/**
 * Replaying act records: the case history is the initial state plus its records.
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { advance, force, take } from '../run/index.js';
import type { ActRecord, CaseState, CompiledModel } from '../run/index.js';

/**
 * Re-take every record in order from `initial` (forced records are forced again), then move the
 * clock to `options.asOf` when given. A record that is refused is reported and skipped.
 */
export function replay(
  compiled: CompiledModel,
  initial: CaseState,
  records: readonly ActRecord[],
  options: { readonly asOf?: string } = {},
): Result<CaseState> {
  let state = initial;
  const diagnostics: Diagnostic[] = [];
  records.forEach((r, i) => {
    const req = { act: r.act, actor: r.actor, params: r.params, at: r.at, ...(r.facts.length > 0 ? { facts: r.facts } : {}) };
    const out = r.forced ? force(compiled, state, req, { trace: false }) : take(compiled, state, req, { trace: false });
    if (out.ok) state = out.state;
    else {
      diagnostics.push({
        code: 'replay-refused',
        severity: 'error',
        message: `Record ${r.id} (<<${r.act}>> by ${r.actor} at ${r.at}) was refused on replay: ${out.refusal.reasons.map((x) => x.message).join(' ')}`,
        path: `/records/${i}`,
      });
    }
  });
  if (options.asOf !== undefined) state = advance(compiled, state, options.asOf).state;
  return { value: state, diagnostics };
}
