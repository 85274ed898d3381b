/**
 * Deadlines under the Algemene termijnenwet (Atw, BWBR0002448, version in force since 2010-10-10; text quoted in
 * `norms/texts/atw.md`):
 * - art. 1 lid 1: a term set in a statute that ends on a Saturday, Sunday or feestdag is extended up to and
 *   including the next day that is none of these;
 * - art. 1 lid 2: not for terms counted back from a moment or event;
 * - art. 2: a term of at least three days is extended, if need be, so that it contains at least two days that are
 *   not a Saturday, Sunday or feestdag;
 * - art. 3: the feestdagen ({@link holidays});
 * - art. 4: not for terms in hours, of more than 90 days, twelve weeks or three months, or of one or more years
 *   (a); on publication, entry into or out of force of legislation (b); of deprivation of liberty (c);
 * - art. 5: art. 1–4 apply to terms set in an algemene maatregel van bestuur, unless that AMvB provides otherwise.
 *
 * All functions are total: bad input gives `null` or diagnostics, never a throw. See `docs/calendar.md`.
 */
import type { SourceDecl } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { type EffectiveVersion, sourceVersions, versionInForce } from '../model/versions.js';
import { kindOf } from '../model/guard.js';
import { dateProblem, parseDate } from '../model/literals.js';
import {
  type EquivalentDay,
  equivalentDayProblems,
  holidaysOn,
  isEquivalentList,
  isWorkingDay,
  workingDayOnOrAfter,
} from './calendar.js';
import { addDuration, daysBetween, isDuration } from './values.js';

/** The rule that extended a term: art. 1 lid 1 (end on a non-working day) or art. 2 (two working days). */
export type AtwRule = 'art-1-lid-1' | 'art-2';

/** The outcome of applying the Atw to a term whose unextended first and last day are known. */
export interface AtwExtension {
  /** The last day of the term after the Atw (equal to `unextended` when not extended). */
  readonly date: string;
  /** The last day of the term as the statute computes it. */
  readonly unextended: string;
  readonly extended: boolean;
  /** Which rule decided the extension; `null` when not extended. */
  readonly rule: AtwRule | null;
  /**
   * The provisions applied, for the trace: the rule (`Atw art. 1 lid 1` / `Atw art. 2`), the art. 3 lid that
   * makes each skipped feestdag count, then the `source` of each skipped equivalent day (art. 3 lid 3) that has
   * one. Empty when not extended.
   */
  readonly articles: readonly string[];
  /** The skipped or uncounted feestdagen, `date name` (`date name (source)` for a sourced lid 3 day). */
  readonly holidays: readonly string[];
}

const BOUND = 400;

/** Working days among the days `from`..`to` inclusive (both valid, `from <= to`). */
function countWorking(from: string, to: string, equivalent: readonly EquivalentDay[]): number {
  let n = 0;
  let d: string | null = from;
  for (let i = 0; d !== null && d <= to && i < BOUND; i++) {
    if (isWorkingDay(d, equivalent)) n++;
    d = addDuration(d, 'P1D');
  }
  return n;
}

function holidayNotes(from: string, to: string, equivalent: readonly EquivalentDay[]): [string[], string[]] {
  const articles = new Set<string>();
  const sources = new Set<string>();
  const names: string[] = [];
  let d: string | null = from;
  for (let i = 0; d !== null && d <= to && i < BOUND; i++) {
    for (const h of holidaysOn(d, equivalent) ?? []) {
      articles.add(h.article);
      if (h.source !== undefined) sources.add(h.source);
      names.push(h.source === undefined ? `${h.date} ${h.name}` : `${h.date} ${h.name} (${h.source})`);
    }
    d = addDuration(d, 'P1D');
  }
  // The decisions that declare skipped days equivalent (art. 3 lid 3) follow the articles, in date order.
  return [[...[...articles].sort(), ...sources], names];
}

/**
 * Applies Atw art. 1 lid 1 and art. 2 to a forward term that runs from the event on `start` (the day of the
 * event itself is not part of the term) to its unextended last day `end`:
 * - art. 2 ("een … termijn van ten minste drie dagen wordt, zo nodig, zoveel verlengd, dat daarin ten minste twee
 *   dagen voorkomen die niet een zaterdag, zondag of algemeen erkende feestdag zijn"): when `end - start >= 3`
 *   days and fewer than two of the days `start + 1 .. end` are working days, the term ends on the second working
 *   day after `start`;
 * - art. 1 lid 1: otherwise, when `end` is a Saturday, Sunday or feestdag, the term ends on the next working day.
 *
 * Assumes the Atw applies to the term (see {@link atwApplies}). `null` when either date is invalid, `end` lies
 * before `start`, or the extended day lies after 9999-12-31.
 */
export function atwExtend(start: string, end: string, equivalent: readonly EquivalentDay[] = []): AtwExtension | null {
  if (typeof start !== 'string' || typeof end !== 'string') return null;
  const length = daysBetween(start, end);
  if (Number.isNaN(length) || length < 0 || !isEquivalentList(equivalent)) return null;
  const art1 = workingDayOnOrAfter(end, equivalent);
  if (art1 === null) return null;
  let date = art1;
  let rule: AtwRule | null = art1 === end ? null : 'art-1-lid-1';
  const first = addDuration(start, 'P1D');
  if (length >= 3 && first !== null && countWorking(first, end, equivalent) < 2) {
    // The second working day after start; it lies after `end`, since `start + 1 .. end` holds fewer than two.
    let d: string | null = art1;
    while (d !== null && countWorking(first, d, equivalent) < 2)
      d = workingDayOnOrAfter(addDuration(d, 'P1D') ?? '', equivalent);
    if (d === null) return null;
    if (d > date) {
      date = d;
      rule = 'art-2';
    }
  }
  if (rule === null) return { date, unextended: end, extended: false, rule, articles: [], holidays: [] };
  const [lids, names] = holidayNotes(rule === 'art-2' ? (first ?? end) : end, date, equivalent);
  const articles = [rule === 'art-2' ? 'Atw art. 2' : 'Atw art. 1 lid 1', ...lids];
  return { date, unextended: end, extended: true, rule, articles, holidays: names };
}

/**
 * Atw art. 2 for a term counted backwards: it runs from its first day `deadline` up to (not including) the event
 * on `event`. Art. 1 lid 1 does not apply to such terms (art. 1 lid 2), but art. 2 is not excluded: a term of at
 * least three days is extended — its first day moved earlier — until it holds two working days. This reading of
 * art. 2 for backward terms is an interpretation (the text does not address it); see `docs/calendar.md`.
 */
export function atwExtendBackward(
  deadline: string,
  event: string,
  equivalent: readonly EquivalentDay[] = [],
): AtwExtension | null {
  if (typeof deadline !== 'string' || typeof event !== 'string') return null;
  const length = daysBetween(deadline, event);
  if (Number.isNaN(length) || length < 0 || !isEquivalentList(equivalent)) return null;
  const last = addDuration(event, 'P1D', -1);
  const none: AtwExtension = {
    date: deadline,
    unextended: deadline,
    extended: false,
    rule: null,
    articles: [],
    holidays: [],
  };
  if (length < 3 || last === null || countWorking(deadline, last, equivalent) >= 2) return none;
  let d: string | null = deadline;
  for (
    let i = 0;
    d !== null && i < BOUND && !(isWorkingDay(d, equivalent) && countWorking(d, last, equivalent) >= 2);
    i++
  )
    d = addDuration(d, 'P1D', -1);
  if (d === null || !isWorkingDay(d, equivalent)) return null;
  const [lids, names] = holidayNotes(d, last, equivalent);
  return {
    date: d,
    unextended: deadline,
    extended: true,
    rule: 'art-2',
    articles: ['Atw art. 2', ...lids],
    holidays: names,
  };
}

/** Where a term is set: a formal statute (art. 1), an AMvB (art. 5), or anything else (no Atw). */
export type TermSetIn = 'wet' | 'amvb' | 'other';

/** What a term is about, as far as Atw art. 4 b and c care. */
export type TermSubject = 'general' | 'legislation-publication' | 'deprivation-of-liberty';

/** A term as the model describes it, for deciding whether the Atw applies. */
export interface AtwTermSpec {
  /** The statutory duration: `P<n>D|W|M|Y`, or `PT<n>H` for a term in hours. */
  readonly duration: string;
  /** Counted back from a moment or event (Atw art. 1 lid 2). Default `false`. */
  readonly backwards?: boolean;
  /** Where the term is set. Default `'wet'`. */
  readonly setIn?: TermSetIn;
  /** Default `'general'`. */
  readonly subject?: TermSubject;
  /**
   * The provision that excludes the Atw for this term, when the model says one does (a statute's own exception,
   * or for an AMvB term the AMvB that "iets anders bepaalt", art. 5).
   */
  readonly excludedBy?: string;
}

/** Whether the Atw applies to a term, and the provisions that decide it. */
export interface AtwApplicability {
  readonly applies: boolean;
  /** The deciding provisions: `Atw art. 1 lid 1` / `Atw art. 5` when it applies, else the exclusion(s). */
  readonly articles: readonly string[];
  /** One English sentence for the trace. */
  readonly reason: string;
}

const HOURS_RE = /^PT(\d+)H$/;

const SET_IN: readonly unknown[] = ['wet', 'amvb', 'other'];
const SUBJECTS: readonly unknown[] = ['general', 'legislation-publication', 'deprivation-of-liberty'];

/** Why `spec` is not an {@link AtwTermSpec} (its duration text aside), or null when it is one. */
function specProblem(spec: unknown): string | null {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return `The term is not an object with a duration but ${kindOf(spec)}.`;
  const s = spec as Record<string, unknown>;
  if (typeof s.duration !== 'string') return 'The term has no duration text (P10D, P6W, P3M, P1Y).';
  if (s.backwards !== undefined && typeof s.backwards !== 'boolean') return "The term's «backwards» is not a boolean.";
  if (s.setIn !== undefined && !SET_IN.includes(s.setIn)) return "The term's «setIn» is not wet, amvb or other.";
  if (s.subject !== undefined && !SUBJECTS.includes(s.subject))
    return "The term's «subject» is not general, legislation-publication or deprivation-of-liberty.";
  if (s.excludedBy !== undefined && typeof s.excludedBy !== 'string') return "The term's «excludedBy» is not a text.";
  return null;
}

/**
 * Whether the Atw applies to a term (art. 1, 4 and 5, and a model-supplied exclusion). Art. 1 lid 2 (terms
 * counted backwards) only excludes art. 1 lid 1, so a backward term still "applies" here; {@link atwDeadline}
 * then uses {@link atwExtendBackward}. `null` when `duration` is not a duration or a field has the wrong type
 * ({@link specProblem}).
 */
export function atwApplies(spec: AtwTermSpec): AtwApplicability | null {
  if (specProblem(spec) !== null) return null;
  const hours = HOURS_RE.exec(spec.duration);
  const m = /^P(\d+)([DWMY])$/.exec(spec.duration);
  if (!hours && !(m && isDuration(spec.duration))) return null;
  const no = (articles: string[], reason: string): AtwApplicability => ({ applies: false, articles, reason });
  if (spec.excludedBy !== undefined) return no([spec.excludedBy], `${spec.excludedBy} excludes the Atw.`);
  const setIn = spec.setIn ?? 'wet';
  if (setIn === 'other')
    return no(['Atw art. 1 lid 1'], 'The Atw applies only to terms set in a statute (art. 1) or an AMvB (art. 5).');
  if (hours) return no(['Atw art. 4 onder a'], 'A term described in hours (Atw art. 4 onder a).');
  const n = Number(m?.[1]);
  const unit = m?.[2];
  const tooLong =
    (unit === 'D' && n > 90) || (unit === 'W' && n > 12) || (unit === 'M' && n > 3) || (unit === 'Y' && n >= 1);
  if (tooLong)
    return no(
      ['Atw art. 4 onder a'],
      'A term of more than 90 days, twelve weeks or three months, or of one or more years (Atw art. 4 onder a).',
    );
  if (spec.subject === 'legislation-publication')
    return no(['Atw art. 4 onder b'], 'A term on publication or entry into or out of force of legislation.');
  if (spec.subject === 'deprivation-of-liberty')
    return no(['Atw art. 4 onder c'], 'A term of deprivation of liberty (Atw art. 4 onder c).');
  const base = setIn === 'amvb' ? ['Atw art. 5'] : [];
  if (spec.backwards)
    return {
      applies: true,
      articles: [...base, 'Atw art. 1 lid 2', 'Atw art. 2'],
      reason: 'A term counted backwards: art. 1 lid 1 does not apply (art. 1 lid 2); art. 2 does.',
    };
  return { applies: true, articles: [...base, 'Atw art. 1 lid 1', 'Atw art. 2'], reason: 'The Atw applies.' };
}

/** A deadline computed with the Atw. */
export interface AtwDeadline extends AtwExtension {
  /** The day the term runs from (forward) or to (backwards). */
  readonly event: string;
  readonly applicability: AtwApplicability;
}

function diag(code: string, message: string, path: string | undefined, hint?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message,
    ...(path === undefined ? {} : { path }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/**
 * The deadline of a statutory term of `spec.duration` from (or, backwards, before) `event`, extended as the Atw
 * says when it applies ({@link atwApplies}, {@link atwExtend}, {@link atwExtendBackward}); the `equivalent` days
 * are the days declared equivalent under art. 3 lid 3. Month and year terms clamp to the month end
 * ({@link addDuration}). Bad input (invalid event date, duration, equivalent day, a term in hours, a result
 * outside the date range) gives `value: null` and an error diagnostic whose `path` is `options.path` when given.
 */
export function atwDeadline(
  event: string,
  spec: AtwTermSpec,
  equivalent: readonly EquivalentDay[] = [],
  options: { readonly path?: string } = {},
): Result<AtwDeadline | null> {
  const path = typeof options?.path === 'string' ? options.path : undefined;
  const diagnostics: Diagnostic[] = [];
  const problem = typeof event === 'string' ? dateProblem(event) : `The event is not a date text but ${kindOf(event)}.`;
  if (problem !== null) diagnostics.push(diag('calendar-invalid-date', problem, path));
  for (const p of equivalentDayProblems(equivalent))
    diagnostics.push(
      diag('calendar-invalid-equivalent-day', p.message, path, p.index < 0 ? undefined : `Fix entry ${p.index}.`),
    );
  const shape = specProblem(spec);
  if (shape !== null) {
    diagnostics.push(diag('calendar-invalid-term', shape, path, 'See AtwTermSpec in docs/calendar.md.'));
    return { value: null, diagnostics };
  }
  const applicability = atwApplies(spec);
  if (applicability === null)
    diagnostics.push(
      diag('calendar-invalid-duration', `«${spec.duration}» is not a duration.`, path, 'Write P10D, P6W, P3M, P1Y.'),
    );
  else if (HOURS_RE.test(spec.duration))
    diagnostics.push(
      diag(
        'calendar-hours-term',
        `A term of ${spec.duration} ends at a time, not on a date; the Atw does not apply to it (art. 4 onder a).`,
        path,
      ),
    );
  if (diagnostics.length > 0 || applicability === null) return { value: null, diagnostics };
  const end = addDuration(event, spec.duration, spec.backwards ? -1 : 1);
  const ext =
    end === null
      ? null
      : !applicability.applies
        ? { date: end, unextended: end, extended: false, rule: null, articles: [], holidays: [] }
        : spec.backwards
          ? atwExtendBackward(end, event, equivalent)
          : atwExtend(event, end, equivalent);
  if (ext === null || parseDate(ext.date) === null)
    return {
      value: null,
      diagnostics: [
        diag(
          'calendar-out-of-range',
          `The deadline of ${spec.duration} from ${event} is outside the date range.`,
          path,
        ),
      ],
    };
  return { value: { ...ext, event, applicability }, diagnostics: [] };
}

/** The BWB id of the Algemene termijnenwet. */
export const ATW_BWB = 'BWBR0002448';

/** An Atw provision: `Atw art. 1 lid 1` → artikel 1, lid 1; `Atw art. 4 onder a` → artikel 4, onderdeel a. */
interface AtwProvision {
  readonly artikel: string;
  readonly lid: string | null;
  readonly onderdeel: string | null;
}

const PROVISION_RE = /^Atw art\. (\w+)(?: lid (\w+))?(?: onder (\w+))?$/;

function provisionOf(article: string): AtwProvision | null {
  const m = PROVISION_RE.exec(article);
  return m ? { artikel: m[1] as string, lid: m[2] ?? null, onderdeel: m[3] ?? null } : null;
}

/** The provision a Juriconnect id cites when it is one of the Atw (`jci1.3:c:BWBR0002448&artikel=1&lid=1`). */
function jciProvision(jci: string | null): AtwProvision | null {
  if (typeof jci !== 'string') return null;
  const m = /^jci[0-9.]+:[cv]:(BWB[RV]\d{7})((?:&[^&=]+=[^&=]+)*)$/.exec(jci);
  if (!m || m[1] !== ATW_BWB) return null;
  const params = new Map((m[2] ?? '').split('&').flatMap((p) => (p === '' ? [] : [p.split('=') as [string, string]])));
  const artikel = params.get('artikel');
  if (artikel === undefined) return null;
  return { artikel, lid: params.get('lid') ?? null, onderdeel: params.get('onderdeel') ?? null };
}

const candidateCache = new WeakMap<object, readonly SourceDecl[]>();

/** The sources with an Atw Juriconnect id in some version (once per model's source table: the AST is immutable). */
function atwCandidates(sources: ReadonlyMap<string, SourceDecl> | readonly SourceDecl[]): readonly SourceDecl[] {
  const hit = candidateCache.get(sources);
  if (hit !== undefined) return hit;
  const all = Array.isArray(sources) ? sources : [...(sources as ReadonlyMap<string, SourceDecl>).values()];
  const out = all.filter((s) => sourceVersions(s).some((v) => jciProvision(v.juriconnect) !== null));
  candidateCache.set(sources, out);
  return out;
}

const sameProvision = (a: AtwProvision, b: AtwProvision): boolean =>
  a.artikel === b.artikel && a.lid === b.lid && a.onderdeel === b.onderdeel;

/**
 * The source versions of the model that cite the Atw provisions in `articles` (as {@link AtwExtension.articles}
 * names them), in force on `date`: matched by the Juriconnect id (BWB id {@link ATW_BWB}, `artikel`, `lid`,
 * `onderdeel`) of the version in force; a provision with no source of its own lid or onderdeel is matched by a
 * source of the whole article. In the order of `articles`, each source once. Texts that name no Atw provision (a
 * decision under art. 3 lid 3, an excluding source id) are skipped. See docs/calendar.md.
 */
export function atwSourceVersions(
  articles: readonly string[],
  sources: ReadonlyMap<string, SourceDecl> | readonly SourceDecl[],
  date: string,
): EffectiveVersion[] {
  const inForce: { version: EffectiveVersion; provision: AtwProvision }[] = [];
  for (const s of atwCandidates(sources)) {
    const v = versionInForce(s, date);
    const provision = v === null ? null : jciProvision(v.juriconnect);
    if (v !== null && provision !== null) inForce.push({ version: v, provision });
  }
  const out: EffectiveVersion[] = [];
  for (const article of articles) {
    const p = provisionOf(article);
    if (p === null) continue;
    let hits = inForce.filter((x) => sameProvision(x.provision, p));
    if (hits.length === 0 && (p.lid !== null || p.onderdeel !== null))
      hits = inForce.filter((x) => sameProvision(x.provision, { artikel: p.artikel, lid: null, onderdeel: null }));
    for (const h of hits) if (!out.includes(h.version)) out.push(h.version);
  }
  return out;
}
