/**
 * Renderings of a trace entry: readable text (Dutch or English) citing the articles, Markdown,
 * Graphviz DOT and Mermaid. Output is deterministic (same entry → same text).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type {
  FactRead,
  FailingCondition,
  FrameTable,
  JsonScalar,
  Provenance,
  Reason,
  TraceDutyChange,
  TraceEntry,
  TraceNode,
  TraceSource,
  TraceValue,
} from '../model/trace.js';
import { frameOf } from './frames.js';
import { idText, instanceText } from '../run/id-text.js';
import type { Violation } from '../run/state.js';
import { decisionSources } from './queries.js';
import { invalidArgument, isRecordValue, kindOf, textAtBoundary } from '../model/guard.js';
import { sourceKey } from '../model/versions.js';

/** Languages the text explanation is written in. */
export type Lang = 'nl' | 'en';

/** Duration units (ISO letter) as [singular, plural]. */
type Units = Record<string, readonly [string, string]>;

const WORDS = {
  nl: {
    taken: 'genomen',
    refused: 'geweigerd',
    forced: 'afgedwongen (in strijd met de regels)',
    by: 'door',
    on: 'op',
    restsOn: 'Rust op',
    check: 'Toets',
    because: 'Redenen',
    effects: 'Gevolgen',
    create: 'ontstaat',
    terminate: 'eindigt',
    dutyOn: 'plicht actief',
    dutyOff: 'plicht beëindigd',
    deadline: 'uiterlijk',
    atwExtended: 'verlengd van',
    atwExcluded: 'Algemene termijnenwet niet van toepassing',
    true: 'waar',
    false: 'onwaar',
    unknown: 'onbekend',
    given: 'gegeven door',
    givenOn: 'gegeven op',
    created: 'ontstaan door handeling',
    terminated: 'beëindigd door handeling',
    role: 'rol van',
    noSources: '(geen bronnen)',
    labels: {
      'in-force': 'In werking',
      actor: 'Actor',
      object: 'Object',
      recipient: 'Ontvanger',
      preconditions: 'Voorwaarden',
    } as Record<string, string>,
    status: { enabled: 'mogelijk', disabled: 'niet mogelijk', undecided: 'nog niet beslist' } as Record<string, string>,
    outcome: { taken: 'genomen', refused: 'geweigerd', forced: 'afgedwongen' } as Record<string, string>,
    op: { create: 'ontstaat', terminate: 'eindigt' } as Record<string, string>,
    frameKind: { fact: 'feit', duty: 'plicht', act: 'handeling' } as Record<string, string>,
    not: 'niet',
    and: 'en',
    minus: 'min',
    units: { D: ['dag', 'dagen'], W: ['week', 'weken'], M: ['maand', 'maanden'], Y: ['jaar', 'jaar'] } as Units,
    cond: {
      unknown: 'nog niet bekend',
      dutyActive: 'die plicht is nog actief',
      factHolds: 'dat feit geldt',
      holds: 'dat is het geval',
      noDuty: 'die plicht is niet actief',
      factNot: 'dat feit geldt niet',
      not: 'dat is niet het geval',
      derived: 'afgeleid uit',
      created: 'ontstaan door handeling',
    },
    md: {
      actor: 'actor',
      date: 'datum',
      record: 'handeling',
      sources: 'Bronnen',
      reasons: 'Redenen',
      check: 'Toets',
      effects: 'Gevolgen',
      read: 'gelezen',
      valid: 'geldig',
      citation: 'vindplaats',
    },
    scenario: {
      checks: ['toets', 'toetsen'],
      expected: 'verwacht',
      actual: 'werkelijk',
      trace: 'spoor',
      stopped: (step: number) => `gestopt bij stap ${step}; latere stappen zijn niet uitgevoerd`,
      coverage: 'dekking',
      actsTaken: 'handelingen genomen',
      notTaken: 'niet genomen',
      branches: 'takken van voorwaarden waar en onwaar gezien',
      neverEvaluated: 'nooit bepaald',
      neverFalse: 'nooit onwaar',
      neverTrue: 'nooit waar',
      activated: 'plichten actief geworden',
      terminated: 'beëindigd',
      violated: 'geschonden',
      notActivated: 'niet actief geworden',
      notTerminated: 'niet beëindigd',
      notViolated: 'niet geschonden',
      notGiven: 'niet gegeven',
      givenOn: (at: string) => `gegeven op ${at}`,
      createdBy: (record: string, at: string) => `ontstaan door handeling ${record} op ${at}`,
      moreLines: (n: number) => `nog ${n} ${n === 1 ? 'regel' : 'regels'}`,
      summary: (passed: number, failed: number) => `${passed} geslaagd, ${failed} mislukt`,
      modelErrors: "het model bevat fouten; de scenario's zijn niet uitgevoerd.",
      notCompiled: "het model kan niet worden vertaald; de scenario's zijn niet uitgevoerd.",
      // Expected and actual outcomes and excerpts of checks (src/scenario/run.ts).
      given: (ref: string) => `${ref} gegeven`,
      defined: (ref: string) => `${ref} gedefinieerd`,
      factNotDefined: (name: string) => `het feit [${name}] bestaat niet in het model`,
      actNotDefined: (act: string) => `de handeling <<${act}>> bestaat niet in het model`,
      argCount: (act: string, takes: number, written: number) =>
        `de handeling <<${act}>> heeft ${takes} ${takes === 1 ? 'argument' : 'argumenten'}, ` +
        `maar er ${written === 1 ? 'is er 1' : `zijn er ${written}`} geschreven`,
      isUnknown: (ref: string) => `${ref} onbekend`,
      holds: 'geldt',
      notHolds: 'geldt niet',
      checked: (ref: string) => `${ref} getoetst`,
      available: 'mogelijk',
      notAvailable: 'niet mogelijk',
      undecided: 'nog niet beslist',
      for: 'voor',
      because: 'omdat',
      items: {
        actor: 'actor',
        object: 'object',
        recipient: 'ontvanger',
        preconditions: 'voorwaarden',
        validity: 'geldigheid',
      } as Record<string, string>,
      neverActivated: (duty: string) => `geen instantie van <${duty}> is ooit actief geworden`,
      dutyStatus: { active: 'actief', ended: 'beëindigd' } as Record<string, string>,
      deadline: 'uiterlijk',
      endedBy: (by: string, at: string) => `beëindigd door ${by} op ${at}`,
      active: 'actief',
      notActive: 'niet actief',
      noViolations: 'geen schendingen vastgelegd',
      violationOf: (negated: boolean, ref: string) => `${negated ? 'geen schending' : 'schending'} van ${ref}`,
      sourcesInclude: (ref: string, want: string) => `bronnen van ${ref} omvatten ${want}`,
      notAttempted: (act: string) => `<<${act}>> is voor deze stap niet geprobeerd`,
      noSources: 'geen bronnen',
      missing: 'ontbreekt',
      attempt: (actor: string, forced: boolean, ref: string, at: string | null) =>
        `${actor} ${forced ? 'dwingt' : 'verricht'} ${ref}${at ? ` op ${at}` : ''}`,
      succeeds: (attempt: string) => `${attempt}: lukt`,
      isRefused: (attempt: string) => `${attempt}: wordt geweigerd`,
      isRecorded: (attempt: string) => `${attempt}: wordt vastgelegd`,
      takenAs: (record: string) => `genomen als ${record}`,
      refusedAs: 'geweigerd',
      record: (id: string, act: string, actor: string, at: string, forced: boolean) =>
        `handeling ${id}: <<${act}>> door ${actor} op ${at}${forced ? ' (afgedwongen)' : ''}`,
      decidedBy: 'zou worden beslist door',
      clock: 'peildatum',
    },
    reason: {
      notInForce: (act: string) => `${act} of een frame waarop zij rust is op deze datum niet in werking.`,
      actorUnknown: (actor: string, act: string, e: string) =>
        `Het is niet bekend of ${actor} ${act} mag verrichten (${e}).`,
      actorFalse: (actor: string, act: string, e: string) => `${actor} vervult niet de rol ${e} die ${act} vereist.`,
      objectUnknown: (act: string, e: string) => `Het is niet bekend of het object van ${act} geldt: ${e}.`,
      objectFalse: (act: string, e: string) => `Het object van ${act} geldt niet: ${e}.`,
      recipientUnknown: (act: string, e: string) => `Het is niet bekend of de ontvanger van ${act} geldt: ${e}.`,
      recipientFalse: (act: string, e: string) => `De ontvanger van ${act} geldt niet: ${e}.`,
      preUnknown: (act: string, e: string) => `Over de voorwaarden van ${act} kan nog niet worden beslist: ${e}.`,
      preFalse: (act: string, e: string) => `De voorwaarden van ${act} zijn niet vervuld: ${e}.`,
      unknownAct: (act: string) => `De handeling ${act} bestaat niet in het model.`,
    },
    case: {
      caseH: 'Casus',
      modelH: 'Model',
      asOf: 'Peildatum',
      acts: 'Handelingen',
      none: 'geen',
      facts: 'Feiten die gelden',
      duties: 'Actieve plichten',
      violations: 'Schendingen',
      available: 'Handelingen die nu kunnen',
      questions: 'Open vragen',
      decides: 'beslist',
      for: 'voor',
      created: 'ontstaan door',
      derived: 'afgeleid',
      on: 'op',
      due: 'uiterlijk',
      violated: 'geschonden op',
      act: 'handeling',
      by: 'door',
      refused: 'werd geweigerd',
      takenUnexpected: 'werd genomen, maar de casus verwacht een weigering',
      expectedRefused: 'geweigerd, zoals de casus verwacht',
    },
    explain: {
      holds: 'geldt',
      notHolds: 'geldt niet',
      unknown: 'is onbekend',
      derivation: 'Afleiding',
      how: 'Herkomst',
      records: 'Handelingen die het veroorzaakten',
      sources: 'Rust op',
      notTaken: 'is in deze casus niet genomen.',
      tryWhyNot: 'Vraag waarom niet met --why-not',
      taken: 'is genomen',
      active: 'is actief',
      notActive: 'is niet actief',
      instances: 'Instanties',
      canTake: 'kan',
      cannotTake: 'kan niet',
      mayTake: 'kan misschien (nog niet beslist)',
      now: 'nu nemen',
      failing: 'Niet vervulde voorwaarden',
      missing: 'Nog onbekende feiten',
      counterfactual: 'Tegenfeitelijk',
      wouldBe: 'het zou',
      if: 'worden als',
      were: 'was',
      noCounterfactual:
        'Geen wijziging van hoogstens drie invoergegevens (feiten met waarheidswaarde, getal of datum, plichten) ' +
        'verandert de uitkomst (gezocht tot 2000 toetsingen).',
      dutyActive: 'actief was',
      dutyEnded: 'beëindigd was',
      check: 'Toets',
      created: 'ontstaan door',
      derived: 'afgeleid uit',
      on: 'op',
      noSources: '(geen bronnen)',
      deadline: 'uiterlijk',
      endedBy: 'beëindigd door',
      violated: 'geschonden op',
      dutyStatus: { active: 'actief', ended: 'beëindigd' } as Record<string, string>,
    },
  },
  en: {
    taken: 'taken',
    refused: 'refused',
    forced: 'forced (in breach of the rules)',
    by: 'by',
    on: 'on',
    restsOn: 'Rests on',
    check: 'Check',
    because: 'Reasons',
    effects: 'Effects',
    create: 'created',
    terminate: 'terminated',
    dutyOn: 'duty active',
    dutyOff: 'duty ended',
    deadline: 'due',
    atwExtended: 'extended from',
    atwExcluded: 'Algemene termijnenwet does not apply',
    true: 'true',
    false: 'false',
    unknown: 'unknown',
    given: 'given by',
    givenOn: 'given on',
    created: 'created by act record',
    terminated: 'terminated by act record',
    role: 'role of',
    noSources: '(no sources)',
    labels: {
      'in-force': 'In force',
      actor: 'Actor',
      object: 'Object',
      recipient: 'Recipient',
      preconditions: 'Preconditions',
    } as Record<string, string>,
    status: { enabled: 'enabled', disabled: 'disabled', undecided: 'undecided' } as Record<string, string>,
    outcome: { taken: 'taken', refused: 'refused', forced: 'forced' } as Record<string, string>,
    op: { create: 'create', terminate: 'terminate' } as Record<string, string>,
    frameKind: { fact: 'fact', duty: 'duty', act: 'act' } as Record<string, string>,
    not: 'not',
    and: 'and',
    minus: 'minus',
    units: { D: ['day', 'days'], W: ['week', 'weeks'], M: ['month', 'months'], Y: ['year', 'years'] } as Units,
    cond: {
      unknown: 'not known yet',
      dutyActive: 'that duty is still active',
      factHolds: 'that fact holds',
      holds: 'that holds',
      noDuty: 'no such duty is active',
      factNot: 'that fact does not hold',
      not: 'that is not the case',
      derived: 'derived from',
      created: 'created by',
    },
    md: {
      actor: 'actor',
      date: 'date',
      record: 'record',
      sources: 'Sources',
      reasons: 'Reasons',
      check: 'Check',
      effects: 'Effects',
      read: 'read',
      valid: 'valid',
      citation: 'citation',
    },
    scenario: {
      checks: ['check', 'checks'],
      expected: 'expected',
      actual: 'actual',
      trace: 'trace',
      stopped: (step: number) => `stopped at step ${step}; later steps were not run`,
      coverage: 'coverage',
      actsTaken: 'acts taken',
      notTaken: 'not taken',
      branches: 'precondition branches seen true and false',
      neverEvaluated: 'never evaluated',
      neverFalse: 'never false',
      neverTrue: 'never true',
      activated: 'duties activated',
      terminated: 'terminated',
      violated: 'violated',
      notActivated: 'not activated',
      notTerminated: 'not terminated',
      notViolated: 'not violated',
      notGiven: 'not given',
      givenOn: (at: string) => `given on ${at}`,
      createdBy: (record: string, at: string) => `created by ${record} on ${at}`,
      moreLines: (n: number) => `${n} more line(s)`,
      summary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
      modelErrors: 'the model has errors; its scenarios were not run.',
      notCompiled: 'the model does not compile; its scenarios were not run.',
      // Expected and actual outcomes and excerpts of checks (src/scenario/run.ts).
      given: (ref: string) => `${ref} given`,
      defined: (ref: string) => `${ref} defined`,
      factNotDefined: (name: string) => `the fact [${name}] is not defined in the model`,
      actNotDefined: (act: string) => `the act <<${act}>> is not defined in the model`,
      argCount: (act: string, takes: number, written: number) =>
        `the act <<${act}>> takes ${takes} argument(s) but ${written} were written`,
      isUnknown: (ref: string) => `${ref} unknown`,
      holds: 'holds',
      notHolds: 'does not hold',
      checked: (ref: string) => `${ref} checked`,
      available: 'available',
      notAvailable: 'not available',
      undecided: 'undecided',
      for: 'for',
      because: 'because',
      items: {
        actor: 'actor',
        object: 'object',
        recipient: 'recipient',
        preconditions: 'preconditions',
        validity: 'validity',
      } as Record<string, string>,
      neverActivated: (duty: string) => `no instance of <${duty}> was ever activated`,
      dutyStatus: { active: 'active', ended: 'ended' } as Record<string, string>,
      deadline: 'deadline',
      endedBy: (by: string, at: string) => `ended by ${by} on ${at}`,
      active: 'active',
      notActive: 'not active',
      noViolations: 'no violations recorded',
      violationOf: (negated: boolean, ref: string) => `${negated ? 'no ' : ''}violation of ${ref}`,
      sourcesInclude: (ref: string, want: string) => `sources of ${ref} include ${want}`,
      notAttempted: (act: string) => `<<${act}>> was not attempted before this step`,
      noSources: 'no sources',
      missing: 'missing',
      attempt: (actor: string, forced: boolean, ref: string, at: string | null) =>
        `${actor} ${forced ? 'forces' : 'does'} ${ref}${at ? ` at ${at}` : ''}`,
      succeeds: (attempt: string) => `${attempt} succeeds`,
      isRefused: (attempt: string) => `${attempt} is refused`,
      isRecorded: (attempt: string) => `${attempt} is recorded`,
      takenAs: (record: string) => `taken as ${record}`,
      refusedAs: 'refused',
      record: (id: string, act: string, actor: string, at: string, forced: boolean) =>
        `record ${id}: <<${act}>> by ${actor} on ${at}${forced ? ' (forced)' : ''}`,
      decidedBy: 'would be decided by',
      clock: 'clock',
    },
    reason: {
      notInForce: (act: string) => `The act ${act} or a frame it rests on is not in force on this date.`,
      actorUnknown: (actor: string, act: string, e: string) =>
        `It is not known whether ${actor} may perform ${act} (${e}).`,
      actorFalse: (actor: string, act: string, e: string) =>
        `${actor} does not play the role ${e} required for ${act}.`,
      objectUnknown: (act: string, e: string) => `It is not known whether the object of ${act} holds: ${e}.`,
      objectFalse: (act: string, e: string) => `The object of ${act} does not hold: ${e}.`,
      recipientUnknown: (act: string, e: string) => `It is not known whether the recipient of ${act} holds: ${e}.`,
      recipientFalse: (act: string, e: string) => `The recipient of ${act} does not hold: ${e}.`,
      preUnknown: (act: string, e: string) => `The preconditions of ${act} cannot be decided yet: ${e}.`,
      preFalse: (act: string, e: string) => `The preconditions of ${act} do not hold: ${e}.`,
      unknownAct: (act: string) => `The act ${act} is not defined in the model.`,
    },
    case: {
      caseH: 'Case',
      modelH: 'Model',
      asOf: 'As of',
      acts: 'Acts',
      none: 'none',
      facts: 'Facts that hold',
      duties: 'Active duties',
      violations: 'Violations',
      available: 'Acts available now',
      questions: 'Open questions',
      decides: 'decides',
      for: 'for',
      created: 'created by',
      derived: 'derived',
      on: 'on',
      due: 'due',
      violated: 'violated on',
      act: 'act',
      by: 'by',
      refused: 'was refused',
      takenUnexpected: 'was taken, but the case expects it to be refused',
      expectedRefused: 'refused, as the case expects',
    },
    explain: {
      holds: 'holds',
      notHolds: 'does not hold',
      unknown: 'is unknown',
      derivation: 'Derivation',
      how: 'How it came to be',
      records: 'Acts that caused it',
      sources: 'Rests on',
      notTaken: 'was not taken in this case.',
      tryWhyNot: 'Ask why not with --why-not',
      taken: 'was taken',
      active: 'is active',
      notActive: 'is not active',
      instances: 'Instances',
      canTake: 'can take',
      cannotTake: 'cannot take',
      mayTake: 'may be able to take (not decided yet)',
      now: 'now',
      failing: 'Failing conditions',
      missing: 'Facts still unknown',
      counterfactual: 'Counterfactual',
      wouldBe: 'it would become',
      if: 'if',
      were: 'were',
      noCounterfactual:
        'No change of at most three inputs (boolean, number and date facts, duties) changes the outcome ' +
        '(searched up to 2000 checks).',
      dutyActive: 'were active',
      dutyEnded: 'were ended',
      check: 'Check',
      created: 'created by',
      derived: 'derived from',
      on: 'on',
      noSources: '(no sources)',
      deadline: 'deadline',
      endedBy: 'ended by',
      violated: 'violated on',
      dutyStatus: { active: 'active', ended: 'ended' } as Record<string, string>,
    },
  },
} as const;

type Words = (typeof WORDS)[Lang];

/**
 * What the Algemene termijnenwet did to a duty's deadline: ` (extended from DATE; ARTICLES)` when it extended it,
 * ` (Algemene termijnenwet does not apply: SOURCE)` when excluded; empty otherwise (grammar/README.md#deadlines).
 */
function atwNote(d: TraceDutyChange, w: Words): string {
  const atw = d.atw;
  if (atw === undefined) return '';
  if (!atw.applies) return atw.articles.length > 0 ? ` (${w.atwExcluded}: ${atw.articles.join(', ')})` : '';
  if (atw.rule === null || d.unextendedDeadline === undefined) return '';
  return ` (${w.atwExtended} ${d.unextendedDeadline}; ${atw.articles.join(', ')})`;
}

/** The word table in `lang` (for the other renderers of this stage; not part of the public API). */
export function wordsFor(lang: Lang): Words {
  return WORDS[lang];
}

/** Options of the trace renderings. */
export interface RenderOptions {
  readonly lang?: Lang;
  /**
   * The subject of a rendering that explains a fact or duty rather than an act (a trace entry
   * wrapping its derivation): it heads the rendering instead of the act and its outcome, and the
   * act's actor is left out.
   */
  readonly subject?: string;
}

/** The words of scenario reports (`flint test`) in `lang`: one word table for every rendering. */
export type ScenarioWords = Words['scenario'];

/** The words of scenario reports (`flint test`) in `lang`. */
export function scenarioWords(lang: Lang): ScenarioWords {
  return WORDS[lang].scenario;
}

/**
 * An ISO duration in words: `P6W` → `6 weken` / `6 weeks`; a sum or difference of one-unit terms
 * (`P6W - P1D`, `P6W-P1D`) → `6 weken min 1 dag`. Other text is returned unchanged.
 */
export function durationText(iso: string, lang: Lang = 'en'): string {
  return textAtBoundary('durationText', () => {
    const w = WORDS[lang];
    const terms = /^\s*-?P\d+[DWMY](\s*[-+]\s*P\d+[DWMY])*\s*$/.test(iso) ? iso.match(/[-+]?\s*P\d+[DWMY]/g) : null;
    if (!terms) return iso;
    return terms
      .map((t, i) => {
        const m = /^([-+]?)\s*P(\d+)([DWMY])$/.exec(t) as RegExpExecArray;
        const n = m[2] as string;
        const [one, many] = w.units[m[3] as string] as readonly [string, string];
        const words = `${n} ${n === '1' ? one : many}`;
        return m[1] === '-' ? `${i === 0 ? '-' : `${w.minus} `}${words}` : i === 0 ? words : `+ ${words}`;
      })
      .join(' ');
  });
}

/** A trace value as short text (`true`, `12.50`, `2024-01-01`, `6 weeks`, `unknown`), in `lang`. */
export function valueText(v: TraceValue, lang: Lang = 'en'): string {
  return textAtBoundary('valueText', () => {
    const w = WORDS[lang];
    switch (v.type) {
      case 'unknown':
        return w.unknown;
      case 'boolean':
        return v.value ? w.true : w.false;
      case 'instance':
        return `[${v.fact}](${v.args.map(idText).join(', ')})`;
      case 'duration':
        return durationText(v.value, lang);
      default:
        return v.value;
    }
  });
}

/** The status of an act check (`enabled`, `disabled`, `undecided`) in `lang`. */
export function statusText(status: 'enabled' | 'disabled' | 'undecided', lang: Lang = 'en'): string {
  return textAtBoundary('statusText', () => {
    return WORDS[lang].status[status] ?? status;
  });
}

/**
 * Where a fact instance came from, in `lang`: `given by alice on 2024-01-01`, `created by r1 on …`,
 * `role of alice`, `derived from [a](x)`. The one provenance wording of every rendering; `short`
 * (the outcome list of a case) says just `derived` and names a role's actor.
 */
export function provenanceText(p: Provenance, lang: Lang, form: 'long' | 'short' = 'long'): string {
  return textAtBoundary('provenanceText', () => {
    const w = WORDS[lang];
    switch (p.kind) {
      case 'given':
        return p.by === null ? `${w.givenOn} ${p.at}` : `${w.given} ${idText(p.by)} ${w.on} ${p.at}`;
      case 'created':
        return `${w.cond.created} ${p.record} ${w.on} ${p.at}`;
      case 'role':
        return form === 'short' ? idText(p.actor) : `${w.role} ${idText(p.actor)}`;
      default:
        if (form === 'short') return w.case.derived;
        return `${w.cond.derived} ${p.from.map((r) => instanceText(r.fact, r.args)).join(', ') || p.frame}`;
    }
  });
}

/**
 * A minimal failing condition in `lang`: the condition with its arguments, why it fails, and the
 * provenance and article, e.g. `niet <herzien kinderopvangtoeslag>(alice): die plicht is nog actief
 * (ontstaan door handeling r9 op 2025-09-01, art. 20 lid 1 Awir)`.
 */
export function conditionText(c: FailingCondition, lang: Lang = 'en'): string {
  return textAtBoundary('conditionText', () => {
    const w = WORDS[lang];
    const kind = c.frame?.kind;
    const what =
      c.value.type === 'unknown'
        ? w.cond.unknown
        : c.negated
          ? kind === 'duty'
            ? w.cond.dutyActive
            : kind === 'fact'
              ? w.cond.factHolds
              : w.cond.holds
          : kind === 'duty'
            ? w.cond.noDuty
            : kind === 'fact'
              ? w.cond.factNot
              : w.cond.not;
    const expr = c.negated && c.expr.startsWith('not ') ? `${w.not} ${c.expr.slice(4)}` : c.expr;
    const extra = [
      c.provenance && c.provenance.kind !== 'derived' ? provenanceText(c.provenance, lang) : null,
      c.citation,
    ];
    const paren = extra.filter((x): x is string => x !== null);
    return `${expr}: ${what}${paren.length > 0 ? ` (${paren.join(', ')})` : ''}`;
  });
}

/**
 * A refusal reason as a sentence in `lang`, built from its structured fields: with the reason's
 * failing conditions (traced checks) it names those, else the item's whole expression. Parameter
 * reasons carry the interpreter's (English) diagnostic message.
 */
export function reasonText(r: Reason, act: string, actor: string, lang: Lang = 'en'): string {
  return textAtBoundary('reasonText', () => {
    const w = WORDS[lang].reason;
    const a = `<<${act}>>`;
    const who = idText(actor);
    const unknown = r.status === 'unknown';
    const conds =
      r.conditions && r.conditions.length > 0 ? r.conditions.map((c) => conditionText(c, lang)).join('; ') : null;
    const e = conds ?? r.expr;
    switch (r.item) {
      case 'not-in-force':
        return w.notInForce(a);
      case 'actor':
        return unknown ? w.actorUnknown(who, a, r.expr) : w.actorFalse(who, a, r.expr);
      case 'object':
        return unknown ? w.objectUnknown(a, e) : w.objectFalse(a, e);
      case 'recipient':
        return unknown ? w.recipientUnknown(a, e) : w.recipientFalse(a, e);
      case 'precondition':
        return unknown ? w.preUnknown(a, e) : w.preFalse(a, e);
      case 'unknown-act':
        return w.unknownAct(a);
      default:
        return r.message;
    }
  });
}

export { idText, instanceText } from '../run/id-text.js';

/**
 * How a source is cited in text: its citation, and for a version of the law (grammar/README.md#versions) the period
 * of the version applied and its publication: `art. 4 lid 1 Bko (2019-01-01 – 2019-12-31, Stb. 2018, 327)`.
 */
export function citation(s: TraceSource): string {
  const name = s.citation ?? s.id;
  if (s.version === undefined) return name;
  const period = `${s.validFrom ?? '…'} – ${s.validTo ?? '…'}`;
  return `${name} (${period}${s.publication === undefined ? '' : `, ${s.publication}`})`;
}

/** ` (k = v, ...)` for a non-empty parameter binding, sorted by name. */
export function paramsText(params: Readonly<Record<string, JsonScalar>>): string {
  const keys = Object.keys(params).sort();
  return keys.length === 0 ? '' : ` (${keys.map((k) => `${k} = ${idText(params[k] ?? null)}`).join(', ')})`;
}

function readText(r: FactRead, w: Words): string {
  const inst = instanceText(r.fact, r.args);
  const value = valueText(r.value, w === WORDS.nl ? 'nl' : 'en');
  const p = r.provenance;
  const how =
    p === null
      ? ''
      : p.kind === 'given'
        ? p.by === null
          ? `, ${w.givenOn} ${p.at}`
          : `, ${w.given} ${idText(p.by)} ${w.on} ${p.at}`
        : p.kind === 'created'
          ? `, ${w.created} ${p.record} ${w.on} ${p.at}`
          : p.kind === 'role'
            ? `, ${w.role} ${idText(p.actor)}`
            : `, ${p.frame}`;
  const ended = r.terminated ? `, ${w.terminated} ${r.terminated.record} ${w.on} ${r.terminated.at}` : '';
  return `${inst} = ${value}${how}${ended}`;
}

function nodeLines(t: FrameTable, n: TraceNode, depth: number, w: Words, lang: Lang, out: string[]): void {
  const pad = '  '.repeat(depth);
  const label = w.labels[n.kind];
  const head = label ? `${label}: ${n.expr}` : n.expr;
  const frame = frameOf(t, n);
  const cites = frame && frame.sources.length > 0 ? ` [${frame.sources.map(citation).join('; ')}]` : '';
  out.push(`${pad}- ${head} → ${valueText(n.value, lang)}${cites}`);
  if (frame?.explanation && n.kind === 'Fact') out.push(`${pad}  ${frame.explanation}`);
  for (const r of n.reads ?? []) out.push(`${pad}  · ${readText(r, w)}`);
  for (const c of n.children) nodeLines(t, c, depth + 1, w, lang, out);
}

/**
 * A violation as a sentence in `lang` (the interpreter's `Violation.message` is English). `about`
 * supplies what the violation does not carry: the duty's deadline, the actor who forced an act.
 */
export function violationText(
  v: Violation,
  lang: Lang = 'en',
  about: { readonly deadline?: string | null; readonly actor?: string | null } = {},
): string {
  return textAtBoundary('violationText', () => {
    return lang === 'en' ? v.message : violationNl(v, about);
  });
}

function violationNl(
  v: Violation,
  about: { readonly deadline?: string | null; readonly actor?: string | null },
): string {
  switch (v.kind) {
    case 'duty-deadline': {
      const by = about.deadline ? ` vóór de uiterste datum ${about.deadline}` : ' op tijd';
      return `De plicht <${v.frame}> (${v.ref}) is niet vervuld${by}.`;
    }
    case 'duty-condition':
      return `De schendingsvoorwaarde van de plicht <${v.frame}> (${v.ref}) geldt.`;
    default:
      return (
        `De handeling <<${v.frame}>> (${v.ref}) is${about.actor ? ` door ${idText(about.actor)}` : ''} ` +
        'afgedwongen terwijl zij niet mogelijk was.'
      );
  }
}

/**
 * An `invalid-argument` diagnostic when `entry` is not a trace entry (O(1): its top-level fields)
 * or `options.lang` is not `nl`/`en`, else null. Deeper damage is caught by textAtBoundary.
 */
function entryProblem(fn: string, entry: unknown, options: unknown): Diagnostic | null {
  if (
    !isRecordValue(entry) ||
    typeof entry.act !== 'string' ||
    typeof entry.actor !== 'string' ||
    !isRecordValue(entry.check) ||
    !Array.isArray(entry.reasons)
  ) {
    return invalidArgument(
      fn,
      '/0',
      `argument 1 is not a trace entry (an object with act, actor, check and reasons) but ${kindOf(entry)}.`,
      'Pass the trace of a take/force result, or a trace entry validated with the trace schema.',
    );
  }
  if (options === undefined) return null;
  const lang = isRecordValue(options) ? options.lang : undefined;
  if (!isRecordValue(options) || (lang !== undefined && lang !== 'nl' && lang !== 'en')) {
    return invalidArgument(fn, '/1/lang', `the language ${JSON.stringify(lang)} is not "nl" or "en".`);
  }
  return null;
}

/** A readable explanation of the decision, citing the articles it rests on. */
export function explainText(entry: TraceEntry, options: { readonly lang: Lang } = { lang: 'nl' }): string {
  return textAtBoundary(
    'explainText',
    () => {
      const w = WORDS[options.lang];
      const out: string[] = [];
      const outcome = w[entry.outcome];
      const rec = entry.record ? ` (${entry.record})` : '';
      out.push(
        `<<${entry.act}>> ${w.by} ${idText(entry.actor)} ${w.on} ${entry.at}` +
          `${paramsText(entry.params)}: ${outcome}${rec}.`,
      );
      const sources = decisionSources(entry);
      out.push(`${w.restsOn}: ${sources.length > 0 ? sources.map(citation).join('; ') : w.noSources}.`);
      if (entry.reasons.length > 0) {
        out.push(`${w.because}:`);
        for (const r of entry.reasons) {
          const cites = r.frame && r.frame.sources.length > 0 ? ` [${r.frame.sources.map(citation).join('; ')}]` : '';
          out.push(`- ${reasonText(r, entry.act, entry.actor, options.lang)}${cites}`);
        }
      }
      out.push(`${w.check}:`);
      for (const c of entry.check.children) nodeLines(entry, c, 0, w, options.lang, out);
      const eff = [
        ...entry.effects
          .filter((e) => e.frame === 'fact')
          .map((e) => `- ${instanceText(e.name, e.args)} ${e.op === 'create' ? w.create : w.terminate}`),
        ...entry.dutiesActivated.map(
          (d) =>
            `- ${w.dutyOn}: <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}` +
            `${d.deadline ? `, ${w.deadline} ${d.deadline}${atwNote(d, w)}` : ''}`,
        ),
        ...entry.dutiesEnded.map((d) => `- ${w.dutyOff}: <${d.duty}>(${d.args.map(idText).join(', ')}) ${d.id}`),
      ];
      if (eff.length > 0) out.push(`${w.effects}:`, ...eff);
      return `${out.join('\n')}\n`;
    },
    entryProblem('explainText', entry, options),
  );
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_|<>[\]])/g, '\\$1');
}

/**
 * The decision as Markdown: heading, outcome, sources table, reasons (with their failing
 * conditions), check tree and effects, in `options.lang` (default English).
 */
export function toMarkdown(entry: TraceEntry, options: RenderOptions = {}): string {
  return textAtBoundary(
    'toMarkdown',
    () => {
      const lang = options.lang ?? 'en';
      const w = WORDS[lang];
      const out: string[] = [];
      if (options.subject !== undefined) out.push(`## ${mdEscape(options.subject)}`, '');
      else {
        out.push(`## ${mdEscape(`<<${entry.act}>>`)}: ${w.outcome[entry.outcome] ?? entry.outcome}`, '');
        out.push(`- ${w.md.actor}: \`${idText(entry.actor)}\``);
      }
      out.push(`- ${w.md.date}: ${entry.at}`);
      if (entry.record) out.push(`- ${w.md.record}: \`${entry.record}\``);
      for (const k of Object.keys(entry.params).sort())
        out.push(`- ${mdEscape(k)}: \`${idText(entry.params[k] ?? null)}\``);
      out.push(
        '',
        `### ${w.md.sources}`,
        '',
        `| id | ${w.md.citation} | ${w.md.valid} | juriconnect |`,
        '| --- | --- | --- | --- |',
      );
      for (const s of decisionSources(entry)) {
        out.push(
          `| ${mdEscape(sourceKey(s))} | ${mdEscape(citation(s))} | ${s.validFrom ?? '…'} – ${s.validTo ?? '…'} | ` +
            `${s.juriconnect ? `\`${s.juriconnect}\`` : ''} |`,
        );
      }
      if (entry.reasons.length > 0) {
        out.push('', `### ${w.md.reasons}`, '');
        for (const r of entry.reasons) {
          const key = r.item === 'precondition' ? 'preconditions' : r.item === 'not-in-force' ? 'in-force' : r.item;
          const label = w.labels[key] ?? r.item;
          const status = r.status === 'false' ? w.false : w.unknown;
          out.push(`- **${mdEscape(label)}** (${status}): ${mdEscape(reasonText(r, entry.act, entry.actor, lang))}`);
        }
      }
      out.push('', `### ${w.md.check}`, '');
      const walk = (n: TraceNode, depth: number): void => {
        const frame = frameOf(entry, n);
        const cites =
          frame && frame.sources.length > 0 ? ` — ${frame.sources.map((s) => mdEscape(citation(s))).join('; ')}` : '';
        out.push(`${'  '.repeat(depth)}- \`${n.expr.replace(/`/g, "'")}\` → **${valueText(n.value, lang)}**${cites}`);
        for (const r of n.reads ?? [])
          out.push(`${'  '.repeat(depth + 1)}- _${w.md.read}_ ${mdEscape(readText(r, w))}`);
        for (const c of n.children) walk(c, depth + 1);
      };
      for (const c of entry.check.children) walk(c, 0);
      if (entry.effects.length > 0) {
        out.push('', `### ${w.md.effects}`, '');
        for (const e of entry.effects) {
          out.push(
            `- ${w.op[e.op] ?? e.op} ${w.frameKind[e.frame] ?? e.frame} ` +
              `\`${e.name}\`(${e.args.map(idText).join(', ')})`,
          );
        }
      }
      return `${out.join('\n')}\n`;
    },
    entryProblem('toMarkdown', entry, options),
  );
}

function numberNodes(root: TraceNode): { id: string; node: TraceNode; parent: string | null }[] {
  const out: { id: string; node: TraceNode; parent: string | null }[] = [];
  const walk = (n: TraceNode, parent: string | null): void => {
    const id = `n${out.length}`;
    out.push({ id, node: n, parent });
    for (const c of n.children) walk(c, id);
  };
  walk(root, null);
  return out;
}

function nodeLabel(t: FrameTable, n: TraceNode, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const frame = frameOf(t, n);
  const cite = frame && frame.sources.length > 0 ? `\n${frame.sources.map(citation).join('; ')}` : '';
  const label = n.kind === 'check' || w.labels[n.kind] ? `${w.labels[n.kind] ?? w.check.toLowerCase()}: ` : '';
  return `${label}${n.expr}\n= ${valueText(n.value, lang)}${cite}`;
}

function colour(v: TraceValue): string {
  return v.type === 'boolean'
    ? v.value
      ? 'palegreen'
      : 'lightpink'
    : v.type === 'unknown'
      ? 'lightyellow'
      : 'lightblue';
}

/** The check tree as a Graphviz DOT digraph (nodes coloured by value), labelled in `options.lang` (default English). */
export function traceToDot(entry: TraceEntry, options: RenderOptions = {}): string {
  return textAtBoundary(
    'traceToDot',
    () => {
      const lang = options.lang ?? 'en';
      const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
      const title = options.subject ?? `<<${entry.act}>> ${WORDS[lang].outcome[entry.outcome] ?? entry.outcome}`;
      const lines = [`digraph "${esc(title)}" {`, '  node [shape=box, style="rounded,filled", fontname="Helvetica"];'];
      const nodes = numberNodes(entry.check);
      for (const { id, node } of nodes)
        lines.push(`  ${id} [label="${esc(nodeLabel(entry, node, lang))}", fillcolor=${colour(node.value)}];`);
      for (const { id, parent } of nodes) if (parent) lines.push(`  ${parent} -> ${id};`);
      lines.push('}');
      return `${lines.join('\n')}\n`;
    },
    entryProblem('traceToDot', entry, options),
  );
}

/** The check tree as a Mermaid flowchart (top-down; classes by value), labelled in `options.lang` (default English). */
export function traceToMermaid(entry: TraceEntry, options: RenderOptions = {}): string {
  return textAtBoundary(
    'traceToMermaid',
    () => {
      const lang = options.lang ?? 'en';
      const esc = (s: string): string =>
        s
          .replace(/&/g, '#amp;')
          .replace(/"/g, '#quot;')
          .replace(/</g, '#lt;')
          .replace(/>/g, '#gt;')
          .replace(/\n/g, '<br/>');
      const lines = ['flowchart TD'];
      const nodes = numberNodes(entry.check);
      for (const { id, node } of nodes) {
        const cls =
          node.value.type === 'boolean'
            ? node.value.value
              ? 'yes'
              : 'no'
            : node.value.type === 'unknown'
              ? 'unknown'
              : 'value';
        lines.push(`  ${id}["${esc(nodeLabel(entry, node, lang))}"]:::${cls}`);
      }
      for (const { id, parent } of nodes) if (parent) lines.push(`  ${parent} --> ${id}`);
      lines.push(
        '  classDef yes fill:#cfc',
        '  classDef no fill:#fcc',
        '  classDef unknown fill:#ffc',
        '  classDef value fill:#cdf',
      );
      return `${lines.join('\n')}\n`;
    },
    entryProblem('traceToMermaid', entry, options),
  );
}
