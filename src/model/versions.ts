/**
 * Versions of the law (grammar/README.md#versions): the versions of a source, the period each variant of a frame is
 * in force, and picking the variant for the deciding date. Pure; the interpreter calls {@link pickVariant} where a
 * frame is evaluated (derive.ts, acts.ts) and the checker uses the same periods (src/check/rules/version-*.ts).
 */
import type { FrameVariant, SourceDecl, SourceRef, SourceVersion } from './ast.js';
import type { TraceSource } from './trace.js';

/** The key of a source in the version applied: `id`, or `id@version` for a version (one entry per version). */
export const sourceKey = (s: TraceSource): string => (s.version === undefined ? s.id : `${s.id}@${s.version}`);

/** A version of a source with every field resolved (the source's own fields where the version leaves one out). */
export interface EffectiveVersion {
  readonly source: SourceDecl;
  /** The version's label; `null` for the one implicit version of a source without versions. */
  readonly label: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly publication: string | null;
  readonly juriconnect: string | null;
  readonly text: string | null;
  readonly decl: SourceVersion | null;
}

const versionCache = new WeakMap<SourceDecl, readonly EffectiveVersion[]>();

/** The versions of a source, in declaration order; a source without versions is one version. */
export function sourceVersions(s: SourceDecl): readonly EffectiveVersion[] {
  const hit = versionCache.get(s);
  if (hit !== undefined) return hit;
  const versions = s.versions ?? [];
  const out: EffectiveVersion[] =
    versions.length === 0
      ? [
          {
            source: s,
            label: null,
            validFrom: s.validFrom,
            validTo: s.validTo,
            publication: s.publication ?? null,
            juriconnect: s.juriconnect,
            text: s.text,
            decl: null,
          },
        ]
      : versions.map((v) => ({
          source: s,
          label: v.label,
          validFrom: v.validFrom,
          validTo: v.validTo,
          publication: v.publication ?? s.publication ?? null,
          juriconnect: v.juriconnect ?? s.juriconnect,
          text: v.text ?? s.text,
          decl: v,
        }));
  versionCache.set(s, out);
  return out;
}

/** True when a source has declared versions. */
export const isVersioned = (s: SourceDecl): boolean => (s.versions ?? []).length > 0;

/** True when `date` lies in `from .. to` (either end open; both inclusive). */
export const periodCovers = (from: string | null, to: string | null, date: string): boolean =>
  (from === null || from <= date) && (to === null || date <= to);

/** The version of `s` in force on `date`, or `null` (the first when versions overlap: the checker reports that). */
export function versionInForce(s: SourceDecl, date: string): EffectiveVersion | null {
  for (const v of sourceVersions(s)) if (periodCovers(v.validFrom, v.validTo, date)) return v;
  return null;
}

/**
 * The version a reference names: `id@label` that version; a plain `id` the source's only version when it has no
 * versions. `undefined` when the source or label is unknown, `null` for a plain reference to a versioned source.
 */
export function referencedVersion(
  sources: ReadonlyMap<string, SourceDecl>,
  ref: SourceRef,
): EffectiveVersion | null | undefined {
  const s = sources.get(ref.id);
  if (!s) return undefined;
  const label = ref.version ?? null;
  if (label === null) return isVersioned(s) ? null : sourceVersions(s)[0];
  if (!isVersioned(s)) return undefined;
  return sourceVersions(s).find((v) => v.label === label);
}

/** A period, both ends inclusive, `null` = open. */
export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * The period a variant is in force: its own `valid:` when written, otherwise the intersection of the periods of the
 * source versions it cites (unknown ones left out). `null` when that intersection is empty.
 */
export function variantPeriod(sources: ReadonlyMap<string, SourceDecl>, v: FrameVariant): Period | null {
  if (v.valid) return { from: v.valid.from, to: v.valid.to };
  let from: string | null = null;
  let to: string | null = null;
  for (const r of v.sources) {
    const ver = referencedVersion(sources, r);
    if (!ver) continue;
    if (ver.validFrom !== null && (from === null || ver.validFrom > from)) from = ver.validFrom;
    if (ver.validTo !== null && (to === null || ver.validTo < to)) to = ver.validTo;
  }
  return from !== null && to !== null && from > to ? null : { from, to };
}

/** A frame's variants with their periods, sorted by start (open start first). */
export interface VariantTable<T> {
  readonly entries: readonly { readonly period: Period; readonly variant: FrameVariant; readonly value: T }[];
}

/** Build a variant table (variants with an empty period are left out: they are never in force). */
export function variantTable<T>(
  sources: ReadonlyMap<string, SourceDecl>,
  variants: readonly FrameVariant[],
  value: (v: FrameVariant) => T,
): VariantTable<T> {
  const entries: { period: Period; variant: FrameVariant; value: T }[] = [];
  for (const v of variants) {
    const period = variantPeriod(sources, v);
    if (period !== null) entries.push({ period, variant: v, value: value(v) });
  }
  entries.sort((a, b) => (a.period.from ?? '').localeCompare(b.period.from ?? ''));
  return { entries };
}

/** The entry of the variant in force on `date`, or `undefined` when none is. */
export function pickVariant<T>(
  table: VariantTable<T>,
  date: string,
): { readonly period: Period; readonly variant: FrameVariant; readonly value: T } | undefined {
  for (const e of table.entries) if (periodCovers(e.period.from, e.period.to, date)) return e;
  return undefined;
}

/** The periods of a table as text for messages: `2024-01-01 .. 2024-12-31, 2025-01-01 ..`. */
export function periodsText(table: VariantTable<unknown>): string {
  return table.entries.map((e) => periodText(e.period)).join(', ');
}

/** One period as text: `2024-01-01 .. 2024-12-31`, `.. 2018-12-31`, `2025-01-01 ..`. */
export const periodText = (p: Period): string => `${p.from ?? ''} .. ${p.to ?? ''}`.trim();

/**
 * The diagnostic message when no variant of a frame is in force on the deciding date, naming the sources the frame
 * rests on: "no version of art. 4 Besluit kinderopvangtoeslag in force on 2018-01-01 for [maximum uurprijs]".
 */
export function noVersionMessage(
  sources: ReadonlyMap<string, SourceDecl>,
  frame: string,
  refs: readonly SourceRef[],
  table: VariantTable<unknown>,
  date: string,
): string {
  const names = [...new Set(refs.map((r) => sources.get(r.id)?.citation ?? r.id))];
  const of = names.length > 0 ? names.join(', ') : frame;
  const periods = table.entries.length > 0 ? ` (its versions: ${periodsText(table)})` : '';
  return `No version of ${of} is in force on ${date} for ${frame}${periods}: the value is unknown.`;
}
