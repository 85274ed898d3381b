/**
 * The reference for the batch paths: a line decided alone the plain way — JSON.parse, the
 * case-file schema (zod, no quick check), the case created and each fact given by its own `give`
 * step (as startCase did before it gave them in one state), each act taken by its own step with
 * its trace entry built, the available acts listed, JSON.stringify. The general path of
 * src/batch (decideLine) and the fast path (createBatchDecider) must give these bytes.
 */
import { checkBatchCase } from '../../src/batch/index.js';
import type { BatchOutcome } from '../../src/batch/index.js';
import { schemaCaseValue } from '../../src/case/case-file.js';
import { step, toTakeRequest } from '../../src/case/index.js';
import type { JsonScalar, TraceEntry } from '../../src/model/trace.js';
import { availableActs } from '../../src/run/index.js';
import type { CompiledModel } from '../../src/run/index.js';
import { startOneByOne } from '../helpers/start-one-by-one.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): JsonScalar =>
  isRecord(v) && (v.id === null || ['string', 'number', 'boolean'].includes(typeof v.id)) ? (v.id as JsonScalar) : null;

/** The output line of `line` (numbered `lineNo`) decided alone, or null for a blank line. */
export function referenceLine(cm: CompiledModel, line: string, lineNo: number, trace: boolean): string | null {
  if (line.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    const message = `Line ${lineNo} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`;
    return JSON.stringify({ id: null, line: lineNo, error: { code: 'batch-invalid-json', message } });
  }
  const invalid = (message: string, path: string): string =>
    JSON.stringify({
      id: idOf(parsed),
      line: lineNo,
      error: { code: 'batch-invalid-case', message: `Line ${lineNo}: ${message}`, path },
    });
  if (isRecord(parsed) && parsed.id === undefined) return invalid('A case needs an "id" (a string or number).', '/id');
  const checked = schemaCaseValue(parsed);
  const first = checked.diagnostics[0];
  if (checked.value === null || first)
    return invalid(first?.message ?? 'A case must be a JSON object.', first?.path ?? '');
  // The schema alone and the batch's check (with the quick check) agree on the case.
  if (JSON.stringify(checkBatchCase(parsed)) !== JSON.stringify({ ok: true, value: checked.value }))
    throw new Error(`checkBatchCase differs from the schema on line ${lineNo}`);
  const c = checked.value;
  let { state, diagnostics } = startOneByOne(cm, c);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error)
    return JSON.stringify({
      id: c.id ?? null,
      line: lineNo,
      error: {
        code: error.code,
        message: `Line ${lineNo}: ${error.message}`,
        ...(error.path !== undefined ? { path: error.path } : {}),
      },
    });
  const traces: TraceEntry[] = [];
  let steps = 0;
  let refused: BatchOutcome['refused'];
  for (const [i, a] of (c.acts ?? []).entries()) {
    const r = step(cm, state, { kind: 'act', request: toTakeRequest(a), force: a.force, trace });
    if (r.kind !== 'act') throw new Error('not an act step');
    state = r.state;
    traces.push(r.result.trace);
    if (r.result.ok !== ((a.expect ?? 'taken') === 'taken')) {
      refused = { step: i, act: r.result.trace.act, reasons: r.result.trace.reasons };
      break;
    }
    steps++;
  }
  if (refused === undefined && c.advance !== undefined) {
    const r = step(cm, state, { kind: 'advance', to: c.advance });
    const bad = r.diagnostics.find((d) => d.severity === 'error');
    if (bad)
      return JSON.stringify({
        id: c.id ?? null,
        line: lineNo,
        error: {
          code: bad.code,
          message: `Line ${lineNo}: ${bad.message}`,
          ...(bad.path !== undefined ? { path: `/advance${bad.path}` } : { path: '/advance' }),
        },
      });
    state = r.state;
  }
  const available: { actor: string; act: string; params: Readonly<Record<string, JsonScalar>> }[] = [];
  for (const actor of c.availableFor ?? Object.keys(c.actors ?? {}).sort())
    for (const x of availableActs(cm, state, actor)) available.push({ actor, act: x.act, params: x.params });
  return JSON.stringify({
    id: c.id ?? null,
    outcome: refused ? 'refused' : 'taken',
    steps,
    available,
    ...(refused ? { refused } : {}),
    ...(trace ? { trace: traces } : {}),
  });
}
