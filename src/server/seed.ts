/**
 * Seed a store with a case file (docs/cases.md): create the case under a registered model, take its
 * acts in order (a refusal is stored with its trace, as over the API), then move its clock. Every
 * write carries an idempotency key derived from `key`, so seeding the same store twice changes
 * nothing and gives the same case id (`flint serve --demo` on an existing database).
 */
import type { Decisions } from '../store/cases.js';

/** What a seeded case became. */
export interface Seeded {
  readonly caseId: string;
  /** The decisions stored, in order: id, act and outcome. */
  readonly decisions: readonly { readonly id: string; readonly act: string; readonly outcome: string }[];
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Seed the case of `caseFile` (parsed JSON) under model `modelId`; an error message when a write fails. */
export async function seedCase(
  decisions: Decisions,
  modelId: string,
  caseFile: unknown,
  key: string,
): Promise<Seeded | { readonly error: string }> {
  const cf = obj(caseFile);
  const by = 'admin:seed';
  const created = await decisions.createCase(
    {
      model: modelId,
      asOf: String(cf.asOf ?? ''),
      ...(cf.actors !== undefined ? { actors: cf.actors } : {}),
      ...(cf.facts !== undefined ? { facts: cf.facts } : {}),
      ...(cf.equivalentDays !== undefined ? { equivalentDays: cf.equivalentDays } : {}),
    },
    { by, idempotencyKey: `${key}:create` },
  );
  if (!created.ok) return { error: `the case was not created: ${created.detail}` };
  const caseId = String(obj(JSON.parse(created.body)).id);
  const out: { id: string; act: string; outcome: string }[] = [];
  const acts = Array.isArray(cf.acts) ? cf.acts : [];
  for (const [i, raw] of acts.entries()) {
    const { expect, ...act } = obj(raw);
    const actor = String(act.actor ?? '');
    const r = await decisions.take(caseId, act, { by: `actor:${actor}`, idempotencyKey: `${key}:act:${i}` });
    if (!r.ok) return { error: `act ${i + 1} (${String(act.act)}) was not stored: ${r.detail}` };
    const body = obj(JSON.parse(r.body));
    const outcome = r.status === 422 ? 'refused' : String(body.outcome ?? '');
    if ((expect === 'refused') !== (outcome === 'refused'))
      return { error: `act ${i + 1} (${String(act.act)}) was ${outcome}, not ${String(expect ?? 'taken')}` };
    out.push({ id: String(body.decision ?? ''), act: String(act.act ?? ''), outcome });
  }
  if (typeof cf.advance === 'string') {
    const r = await decisions.advance(caseId, cf.advance, { by, idempotencyKey: `${key}:advance` });
    if (!r.ok) return { error: `the clock was not moved to ${cf.advance}: ${r.detail}` };
  }
  return { caseId, decisions: out };
}
