/**
 * The lerarenbeurs workloads: the discipl example model and its 3-step happy flow (SEMANTICS.md
 * §10: forms → teacher applies → minister grants), defined for the native interpreter.
 *
 * The flow: the minister publishes the application forms for study costs on the DUO website; the
 * teacher (alice) applies for a subsidy for study costs; the minister grants the lerarenbeurs to
 * the teacher. The given input facts are exactly the ones the three acts ask (found with
 * `checkAct` questions), all true except the exclusions the preconditions negate.
 */
import type { CaseFile } from '../src/case/index.js';

/** Path of the model relative to ../shared. */
export const LERARENBEURS_PATH = ['flint-models', 'discipl', 'flint-example-lerarenbeurs.json'] as const;

/** The minister's role fact (a plain fact in this model; actors carry roles by name). */
export const MINISTER = 'minister van Onderwijs, Cultuur en Wetenschap';

/** Actors of the flow: the minister and one teacher. */
export const ACTORS = { minister: { roles: [MINISTER] }, alice: { roles: ['leraar'] } } as const;

const TRUE_FACTS = [
  'artikel 3 van de Wet op de expertisecentra',
  'artikel 3 van de Wet op het primair onderwijs',
  'artikel 3 van de Wet primair onderwijs BES',
  'artikel 4.2.1 van de Wet educatie beroepsonderwijs BES',
  'artikel 4.2.1. van de Wet educatie en beroepsonderwijs',
  'artikel 80 van de Wet voortgezet onderwijs BES',
  'artikel XI van de Wet op de beroepen in het onderwijs',
  'degene die voldoet aan bevoegdheidseisen gesteld in',
  'die lesgeeft in het hoger onderwijs',
  'is benoemd of tewerkgesteld zonder benoeming als bedoeld in artikel 33 van de Wet op het voortgezet onderwijs',
  'template voor aanvraagformulieren studiekosten',
  'indienen 1 april tot en met 30 juni, voorafgaand aan het studiejaar waarvoor subsidie wordt aangevraagd',
  'ingevuld aanvraagformulier studiekosten op de website van de Dienst Uitvoering Onderwijs',
  MINISTER,
  'leraar die bij aanvang van het studiejaar waarvoor de subsidie bestemd de graad Bachelor mag voeren',
  'leraar die ingeschreven staat in registerleraar.nl',
  'leraar die op het moment van de subsidieaanvraag in dienst is bij een werkgever',
  'leraar die pedagogisch-didactisch verantwoordelijk is voor het onderwijs',
  'leraar die voor minimaal twintig procent van zijn werktijd is belast met lesgebonden taken',
  'leraar werkt bij een of meer bekostigde onderwijsinstellingen',
  'leraar werkt in een of meer orthopedagogisch-didactische centra',
  'minister verdeelt het beschikbare bedrag per doelgroep over de aanvragen',
  'opleiding met studielast van 60 studiepunten waarvoor ten hoogste twee maal subsidie wordt verstrekt',
  'opleiding met studielast van meer dan 60 studiepunten waarvoor ten hoogste drie maal subsidie wordt verstrekt',
  'subsidie lerarenbeurs',
  'subsidie voor bacheloropleiding leraar',
  'subsidie voor deficiëntieopleidingen leraar',
  'subsidie voor masteropleiding leraar',
  'subsidie wordt verstrekt voor één studiejaar en voor één opleiding',
  'uitzondering waarbij subsidie wordt verstrekt voor tweede opleiding',
];

const FALSE_FACTS = [
  'budget volledig benut',
  'leraar is aangesteld als ambulant begeleider',
  'leraar is aangesteld als intern begeleider',
  'leraar is aangesteld als remedial teacher',
  'leraar is aangesteld als zorgcoördinator',
  'leraar ontvangt van de minister een tegemoetkoming in de studiekosten voor het volgen van de opleiding',
];

/** The input facts of the flow (36). */
export const FACTS: readonly { fact: string; value: boolean }[] = [
  ...TRUE_FACTS.map((fact) => ({ fact, value: true })),
  ...FALSE_FACTS.map((fact) => ({ fact, value: false })),
];

/** The three acts of the happy flow, in order. */
export const STEPS = [
  { act: 'aanvraagformulieren verstrekken voor subsidie studiekosten op de website van de DUO', actor: 'minister' },
  { act: 'leraar vraagt subsidie voor studiekosten aan', actor: 'alice' },
  { act: 'minister verstrekt subsidie lerarenbeurs aan leraar', actor: 'minister' },
] as const;

/** The case clock of the flow (inside the application window of April–June). */
export const AS_OF = '2024-05-01';

/**
 * Batch case `i` of the flow; every 10th case leaves out the teacher's application form, so its
 * second step is refused.
 */
export function flowCase(i: number): CaseFile {
  const refuse = i % 10 === 9;
  return {
    id: `case-${i}`,
    asOf: AS_OF,
    actors: Object.fromEntries(Object.entries(ACTORS).map(([id, a]) => [id, { roles: [...a.roles] }])),
    facts: (refuse ? FACTS.filter((f) => !f.fact.startsWith('ingevuld aanvraagformulier')) : FACTS).map((f) => ({
      ...f,
    })),
    acts: STEPS.map((a) => ({ ...a })),
  };
}
