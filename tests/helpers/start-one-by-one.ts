/**
 * startCase as it was before it gave a case file's facts in one state: the case created, then one
 * `give` step per fact, each at its own date, the diagnostics pointed into the case file. The
 * reference for tests/case/start-case.property.test.ts and the batch reference (tests/batch/reference.ts).
 */
import { step, toGivenFact } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { type CaseState, type CompiledModel, createCaseChecked } from '../../src/run/index.js';

export function startOneByOne(model: CompiledModel, c: CaseFile): { state: CaseState; diagnostics: Diagnostic[] } {
  const created = createCaseChecked(model, {
    asOf: c.asOf,
    ...(c.actors ? { actors: c.actors } : {}),
    ...(c.equivalentDays ? { equivalentDays: c.equivalentDays } : {}),
  });
  const diagnostics: Diagnostic[] = [...created.diagnostics];
  let state = created.value;
  for (const [i, f] of (c.facts ?? []).entries()) {
    const r = step(model, state, { kind: 'give', facts: [toGivenFact(f)], at: f.at });
    diagnostics.push(
      ...r.diagnostics.map((d) =>
        d.path?.startsWith('/facts/0') ? { ...d, path: `/facts/${i}${d.path.slice('/facts/0'.length)}` } : d,
      ),
    );
    state = r.state;
  }
  return { state, diagnostics };
}
