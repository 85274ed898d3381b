/**
 * Shared by the rules on versions of the law (grammar/README.md#versions): the model's period, date steps, overlap.
 */
import type { FrameDecl, FrameVariant, SourceDecl } from '../model/ast.js';
import type { Period } from '../model/versions.js';
import type { CheckContext } from './context.js';

/** The period the model declares (`period:` in its header), or `null`. */
export function modelPeriod(ctx: CheckContext): Period | null {
  const p = ctx.model.header?.period;
  return p ? { from: p.from, to: p.to } : null;
}

/** The day after an ISO date (`null` for a date that does not parse). */
export function nextDay(d: string): string | null {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t + 86_400_000).toISOString().slice(0, 10);
}

/** The day before an ISO date. */
export function previousDay(d: string): string | null {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t - 86_400_000).toISOString().slice(0, 10);
}

/** True when two periods (inclusive, `null` = open) share a day. */
export function overlaps(a: Period, b: Period): boolean {
  return (a.from === null || b.to === null || a.from <= b.to) && (b.from === null || a.to === null || b.from <= a.to);
}

/** True when `outer` contains all of `inner`. */
export function contains(outer: Period, inner: Period): boolean {
  const fromOk = outer.from === null || (inner.from !== null && outer.from <= inner.from);
  const toOk = outer.to === null || (inner.to !== null && inner.to <= outer.to);
  return fromOk && toOk;
}

/** A period as text: `2024-01-01 .. 2024-12-31`. */
export const showPeriod = (p: Period): string => `${p.from ?? '…'} .. ${p.to ?? '…'}`;

/** The sources with versions, in model order. */
export const versionedSources = (ctx: CheckContext): SourceDecl[] =>
  Object.values(ctx.sources).filter((s) => (s.versions ?? []).length > 0);

/** Every frame with its variants (frames without variants are left out). */
export function framesWithVariants(ctx: CheckContext): { frame: FrameDecl; variants: readonly FrameVariant[] }[] {
  const out: { frame: FrameDecl; variants: readonly FrameVariant[] }[] = [];
  for (const f of ctx.frames) if ((f.variants ?? []).length > 0) out.push({ frame: f, variants: f.variants ?? [] });
  return out;
}
