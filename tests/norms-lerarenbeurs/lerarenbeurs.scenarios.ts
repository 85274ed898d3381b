/**
 * The lerarenbeurs scenarios (norms/lerarenbeurs/README.md#scenarios): application, grant, refusal and what follows.
 */
import type { GivenFact } from '../../src/run/index.js';
import type { Scenario, Step } from './scenario.js';

// The study year in its canonical form (decimal text, docs/cases.md): duty and violation arguments
// are compared as stored. Given as the number 2019 it denotes the same instance (the .test.flint
// and the case file write it as a number).
const J = '2019';
const actors = { ocw: ['minister van OCW'], anna: ['leraar'], school: ['bevoegd gezag'] };
const kosten = { leraar: 'anna', studiejaar: J };
const verlof = { leraar: 'anna', gezag: 'school', studiejaar: J };

/** A teacher who meets every criterion of art. 20, for a master's course starting 2 September 2019. */
const teacher = (overrides: readonly GivenFact[] = []): GivenFact[] => {
  const base: GivenFact[] = [
    { fact: 'leraar is in dienst bij', args: ['anna', 'school'] },
    { fact: 'mag bij aanvang van het studiejaar de graad Bachelor voeren', args: ['anna', J] },
    { fact: 'is bij aanvraag in dienst bij een werkgever', args: ['anna'] },
    { fact: 'werkt bij een of meer bekostigde onderwijsinstellingen', args: ['anna'] },
    { fact: 'is voor minimaal twintig procent van de werktijd belast met lesgebonden taken', args: ['anna'] },
    { fact: 'is pedagogisch-didactisch verantwoordelijk voor het onderwijs', args: ['anna'] },
    {
      fact: 'is aangesteld als ambulant begeleider, zorgcoördinator, intern begeleider of remedial teacher',
      args: ['anna'],
      value: false,
    },
    { fact: 'staat ingeschreven in registerleraar.nl', args: ['anna'] },
    { fact: 'soort opleiding', args: ['anna', J], value: 'master' },
    { fact: 'aanvang opleiding', args: ['anna', J], value: '2019-09-02' },
    { fact: 'verschuldigd collegegeld', args: ['anna', J], value: '2083' },
    { fact: 'leraar ontvangt van de minister een tegemoetkoming in de studiekosten', args: ['anna', J], value: false },
    { fact: 'budget volledig benut', args: [J], value: false },
    { fact: 'gegronde reden om subsidieverlening te weigeren', args: ['anna'], value: false },
    { fact: 'gegronde reden om subsidieverlening te weigeren', args: ['school'], value: false },
    { fact: 'toepassing leidt tot onbillijkheid van overwegende aard', args: ['anna', J], value: false },
    { fact: 'uren studieverlof', args: ['anna', 'school', J], value: '160' },
    { fact: 'bedrag per uur studieverlof', args: ['anna', 'school', J], value: '42.50' },
  ];
  const key = (g: GivenFact): string => `${g.fact}${JSON.stringify(g.args ?? [])}`;
  const replaced = new Set(overrides.map(key));
  return [...base.filter((g) => !replaced.has(key(g))), ...overrides];
};

/** The minister divides the budget and publishes the forms (art. 6, 22, 7 lid 2, 8 lid 2). */
const prelude: readonly Step[] = [
  { act: 'minister van OCW verdeelt het beschikbare bedrag per doelgroep', by: 'ocw', params: { studiejaar: J } },
  { act: 'minister van OCW verdeelt het beschikbare budget per soort onderwijs', by: 'ocw', params: { studiejaar: J } },
  { act: 'aanvraagformulieren verstrekken op de website van DUO', by: 'ocw', params: { studiejaar: J } },
];

/** Anna applies for both subsidies on 10 April 2019 (art. 7 and 8). */
const application: readonly Step[] = [
  { act: 'leraar vraagt subsidie voor studiekosten aan', by: 'anna', params: kosten, at: '2019-04-10' },
  {
    act: 'leraar vraagt subsidie voor studieverlof aan voor het bevoegd gezag',
    by: 'anna',
    params: verlof,
    at: '2019-04-10',
  },
  { duty: 'minister beslist op aanvraag studiekosten', args: ['anna', J], active: true },
  { duty: 'minister beslist op aanvraag studieverlof', args: ['anna', 'school', J], active: true },
];

/** The minister grants both on 15 July 2019 (art. 3 lid 1 onder a en b). */
const grant: readonly Step[] = [
  { act: 'minister verstrekt subsidie voor studiekosten aan de leraar', by: 'ocw', params: kosten, at: '2019-07-15' },
  {
    act: 'minister verstrekt subsidie voor studieverlof aan het bevoegd gezag',
    by: 'ocw',
    params: verlof,
    at: '2019-07-15',
  },
];

/** Every lerarenbeurs scenario, in the order of the README. */
export const scenarios: readonly Scenario[] = [
  {
    name: 'aanvraag en verlening: both subsidies granted, paid in time, leave granted, evidence supplied',
    asOf: '2019-03-01',
    actors,
    facts: teacher(),
    steps: [
      ...prelude,
      // Before 1 April the application period is closed.
      {
        enabled: 'leraar vraagt subsidie voor studieverlof aan voor het bevoegd gezag',
        by: 'anna',
        params: verlof,
        expect: false,
      },
      {
        act: 'leraar vraagt subsidie voor studiekosten aan',
        by: 'anna',
        params: kosten,
        at: '2019-03-20',
        expect: 'refused',
      },
      ...application,
      { act: 'leraar vraagt subsidie voor studiekosten aan', by: 'anna', params: kosten, expect: 'refused' },
      {
        act: 'leraar vraagt subsidie voor studieverlof aan voor het bevoegd gezag',
        by: 'anna',
        params: verlof,
        expect: 'refused',
      },
      { enabled: 'minister weigert subsidie voor studiekosten', by: 'ocw', params: kosten, expect: false },
      { fact: 'subsidie voor studiekosten', args: ['anna', J], value: '2499.6' },
      { fact: 'subsidie voor studieverlof', args: ['anna', 'school', J], value: '6800' },
      ...grant,
      {
        sourcesOf: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        include: ['art. 3 lid 1 Slb', 'slb-3:2', 'jci1.3:c:BWBR0039319&hoofdstuk=1&artikel=3&lid=3'],
      },
      { sourcesOf: 'minister verstrekt subsidie voor studieverlof aan het bevoegd gezag', include: ['slb-3:1'] },
      { duty: 'minister beslist op aanvraag studiekosten', args: ['anna', J], active: false },
      { duty: 'minister betaalt subsidie voor studiekosten uit', args: ['anna', J], active: true },
      {
        duty: 'bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof',
        args: ['anna', 'school', J],
        active: true,
      },
      { act: 'minister betaalt subsidie voor studiekosten uit', by: 'ocw', params: kosten, at: '2019-08-20' },
      { act: 'minister betaalt subsidie voor studieverlof uit', by: 'ocw', params: verlof, at: '2019-08-20' },
      { duty: 'minister betaalt subsidie voor studiekosten uit', args: ['anna', J], active: false },
      { act: 'bevoegd gezag verleent studieverlof aan de leraar', by: 'school', params: verlof, at: '2019-09-02' },
      // Leave is granted once.
      { act: 'bevoegd gezag verleent studieverlof aan de leraar', by: 'school', params: verlof, expect: 'refused' },
      // The request names the date by which the proof is due (art. 19; its text is not at hand): 1 November 2019.
      { give: [{ fact: 'termijn voor bewijs van betaling van collegegeld', args: ['anna', J], value: '2019-11-01' }] },
      { act: 'minister verzoekt bewijs van betaling van collegegeld', by: 'ocw', params: kosten, at: '2019-10-01' },
      { duty: 'leraar overlegt bewijs van betaling van collegegeld', args: ['anna', J], active: true },
      { act: 'leraar overlegt bewijs van betaling van collegegeld', by: 'anna', params: kosten, at: '2019-10-15' },
      // Once the proof is supplied it is not asked again.
      { act: 'minister verzoekt bewijs van betaling van collegegeld', by: 'ocw', params: kosten, expect: 'refused' },
      { duty: 'leraar overlegt bewijs van betaling van collegegeld', args: ['anna', J], active: false },
      // Study points are asked after the study year (1 September 2019 - 31 August 2020).
      {
        enabled: 'minister verzoekt bewijs van het behalen van ten minste vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      {
        give: [{ fact: 'studieverlof blijkt uit de administratie van het bevoegd gezag', args: ['anna', 'school', J] }],
      },
      {
        act: 'bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof',
        by: 'school',
        params: verlof,
        at: '2020-07-01',
      },
      {
        give: [
          { fact: 'termijn voor bewijs van ten minste vijftien studiepunten', args: ['anna', J], value: '2020-10-15' },
        ],
      },
      {
        act: 'minister verzoekt bewijs van het behalen van ten minste vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        at: '2020-09-15',
      },
      { give: [{ fact: 'behaalde studiepunten', args: ['anna', J], value: '30' }] },
      {
        enabled: 'minister vordert subsidie voor studiekosten terug wegens minder dan vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      {
        enabled: 'minister vordert kosten van collegegeld, studiemiddelen en reiskosten terug',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      {
        act: 'leraar overlegt bewijs van ten minste vijftien studiepunten',
        by: 'anna',
        params: kosten,
        at: '2020-09-20',
      },
      { advance: '2021-01-01' },
      { violations: [] },
    ],
  },
  {
    name: 'weigering: the teacher is not registered; both subsidies refused',
    asOf: '2019-03-01',
    actors,
    facts: teacher([{ fact: 'staat ingeschreven in registerleraar.nl', args: ['anna'], value: false }]),
    steps: [
      ...prelude,
      ...application,
      { fact: 'leraar voldoet aan de subsidiecriteria', args: ['anna', J], value: false },
      {
        enabled: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      // Studieverlof cannot be refused yet: nothing decides it until the study costs are refused.
      { enabled: 'minister weigert subsidie voor studieverlof', by: 'ocw', params: verlof, expect: false },
      { act: 'minister weigert subsidie voor studiekosten', by: 'ocw', params: kosten, at: '2019-07-15' },
      {
        sourcesOf: 'minister weigert subsidie voor studiekosten',
        include: ['art. 10 Slb', 'art. 4:35 Awb', 'art. 20 Slb'],
      },
      { fact: 'subsidie voor studiekosten geweigerd', args: ['anna', J] },
      {
        enabled: 'minister verstrekt subsidie voor studieverlof aan het bevoegd gezag',
        by: 'ocw',
        params: verlof,
        expect: false,
      },
      { act: 'minister weigert subsidie voor studieverlof', by: 'ocw', params: verlof, at: '2019-07-15' },
      { duty: 'minister beslist op aanvraag studiekosten', args: ['anna', J], active: false },
      { duty: 'minister beslist op aanvraag studieverlof', args: ['anna', 'school', J], active: false },
      { advance: '2019-12-31' },
      { violations: [] },
    ],
  },
  {
    name: 'weigering: the budget is used up (art. 6, art. 4:35 Awb)',
    asOf: '2019-03-01',
    actors,
    facts: teacher([{ fact: 'budget volledig benut', args: [J], value: true }]),
    steps: [
      ...prelude,
      ...application.slice(0, 1),
      { fact: 'subsidieverlening mag worden geweigerd', args: ['anna', J] },
      {
        enabled: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      { act: 'minister weigert subsidie voor studiekosten', by: 'ocw', params: kosten, at: '2019-08-01' },
    ],
  },
  {
    name: 'termijnen: no decision within eight weeks after 30 June, payment after the course started',
    asOf: '2019-03-01',
    actors,
    facts: teacher(),
    steps: [
      ...prelude,
      ...application,
      { advance: '2019-08-25' },
      { violations: [] },
      { advance: '2019-08-26' },
      {
        violations: [
          'duty-deadline minister beslist op aanvraag studiekosten(anna, 2019)',
          'duty-deadline minister beslist op aanvraag studieverlof(anna, school, 2019)',
        ],
      },
      // A late decision is still possible; it ends the (violated) duty.
      {
        act: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: kosten,
        at: '2019-08-30',
      },
      { duty: 'minister beslist op aanvraag studiekosten', args: ['anna', J], active: false },
      { advance: '2019-09-02' },
      {
        violations: [
          'duty-deadline minister beslist op aanvraag studiekosten(anna, 2019)',
          'duty-deadline minister beslist op aanvraag studieverlof(anna, school, 2019)',
          'duty-deadline minister betaalt subsidie voor studiekosten uit(anna, 2019)',
        ],
      },
    ],
  },
  {
    name: 'hardheidsclausule: criteria not met, the minister sets a rule aside or deviates from it (art. 26)',
    asOf: '2019-03-01',
    actors: { ...actors, bert: ['leraar'] },
    facts: [
      ...teacher([
        {
          fact: 'is voor minimaal twintig procent van de werktijd belast met lesgebonden taken',
          args: ['anna'],
          value: false,
        },
        { fact: 'toepassing leidt tot onbillijkheid van overwegende aard', args: ['anna', J], value: true },
      ]),
      { fact: 'mag bij aanvang van het studiejaar de graad Bachelor voeren', args: ['bert', J], value: false },
      { fact: 'toepassing leidt tot onbillijkheid van overwegende aard', args: ['bert', J], value: true },
      { fact: 'soort opleiding', args: ['bert', J], value: 'bachelor' },
      { fact: 'verschuldigd collegegeld', args: ['bert', J], value: '1000' },
      {
        fact: 'leraar ontvangt van de minister een tegemoetkoming in de studiekosten',
        args: ['bert', J],
        value: false,
      },
    ],
    steps: [
      ...prelude,
      ...application.slice(0, 1),
      {
        act: 'leraar vraagt subsidie voor studiekosten aan',
        by: 'bert',
        params: { leraar: 'bert', studiejaar: J },
        at: '2019-04-11',
      },
      {
        enabled: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      { enabled: 'minister weigert subsidie voor studiekosten', by: 'ocw', params: kosten, expect: true },
      { act: 'minister laat een of meer bepalingen buiten toepassing', by: 'ocw', params: kosten, at: '2019-06-01' },
      { enabled: 'minister weigert subsidie voor studiekosten', by: 'ocw', params: kosten, expect: false },
      {
        act: 'minister wijkt af van een of meer bepalingen',
        by: 'ocw',
        params: { leraar: 'bert', studiejaar: J },
        at: '2019-06-01',
      },
      {
        act: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: kosten,
        at: '2019-06-15',
      },
      {
        act: 'minister verstrekt subsidie voor studiekosten aan de leraar',
        by: 'ocw',
        params: { leraar: 'bert', studiejaar: J },
        at: '2019-06-15',
      },
      { fact: 'subsidie voor studiekosten verleend', args: ['bert', J] },
    ],
  },
  {
    name: 'intrekking: both applications withdrawn within two months; recovery and a payment arrangement (art. 13)',
    asOf: '2019-03-01',
    actors,
    facts: [...teacher(), { fact: 'datum verstrekking subsidie', args: ['anna', J], value: '2019-07-15' }],
    steps: [
      ...prelude,
      ...application,
      ...grant,
      { fact: 'binnen twee maanden na verstrekking', args: ['anna', J] },
      { act: 'leraar trekt aanvraag subsidie voor studiekosten in', by: 'anna', params: kosten, at: '2019-09-10' },
      { act: 'leraar trekt aanvraag subsidie voor studieverlof in', by: 'anna', params: verlof, at: '2019-09-10' },
      // An application is withdrawn once.
      { act: 'leraar trekt aanvraag subsidie voor studiekosten in', by: 'anna', params: kosten, expect: 'refused' },
      { act: 'leraar trekt aanvraag subsidie voor studieverlof in', by: 'anna', params: verlof, expect: 'refused' },
      {
        act: 'minister vordert subsidie voor studiekosten terug wegens intrekking',
        by: 'ocw',
        params: kosten,
        at: '2019-09-20',
      },
      { act: 'minister vordert subsidie voor studieverlof terug', by: 'ocw', params: verlof, at: '2019-09-20' },
      // A subsidy is recovered once.
      {
        act: 'minister vordert subsidie voor studiekosten terug wegens intrekking',
        by: 'ocw',
        params: kosten,
        expect: 'refused',
      },
      { act: 'minister vordert subsidie voor studieverlof terug', by: 'ocw', params: verlof, expect: 'refused' },
      {
        duty: 'bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof',
        args: ['anna', 'school', J],
        active: false,
      },
      {
        act: 'minister treft betalingsregeling voor het terugbetalen van de subsidie voor studiekosten',
        by: 'ocw',
        params: kosten,
        at: '2019-10-01',
      },
      { fact: 'betalingsregeling getroffen', args: ['anna', J] },
      {
        act: 'minister treft betalingsregeling voor het terugbetalen van de subsidie voor studiekosten',
        by: 'ocw',
        params: kosten,
        expect: 'refused',
      },
    ],
  },
  {
    name: 'intrekking te laat: after two months the application can no longer be withdrawn',
    asOf: '2019-03-01',
    actors,
    facts: [...teacher(), { fact: 'datum verstrekking subsidie', args: ['anna', J], value: '2019-07-15' }],
    steps: [
      ...prelude,
      ...application,
      ...grant,
      { advance: '2019-09-16' },
      { fact: 'binnen twee maanden na verstrekking', args: ['anna', J], value: false },
      { act: 'leraar trekt aanvraag subsidie voor studiekosten in', by: 'anna', params: kosten, expect: 'refused' },
      {
        enabled: 'minister vordert subsidie voor studiekosten terug wegens intrekking',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
    ],
  },
  {
    name: 'terugvordering: fewer than fifteen study points (art. 13 lid 1, art. 19)',
    asOf: '2019-03-01',
    actors,
    facts: [...teacher(), { fact: 'behaalde studiepunten', args: ['anna', J], value: '10' }],
    steps: [
      ...prelude,
      ...application,
      ...grant,
      { act: 'minister betaalt subsidie voor studiekosten uit', by: 'ocw', params: kosten, at: '2019-08-20' },
      { act: 'minister betaalt subsidie voor studieverlof uit', by: 'ocw', params: verlof, at: '2019-08-20' },
      { advance: '2020-09-15' },
      // A request must name a date still to come (art. 19; its text is not at hand, the term is the request's).
      {
        give: [
          { fact: 'termijn voor bewijs van ten minste vijftien studiepunten', args: ['anna', J], value: '2020-09-01' },
        ],
      },
      {
        enabled: 'minister verzoekt bewijs van het behalen van ten minste vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      {
        give: [
          { fact: 'termijn voor bewijs van ten minste vijftien studiepunten', args: ['anna', J], value: '2020-10-15' },
        ],
      },
      {
        act: 'minister verzoekt bewijs van het behalen van ten minste vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        at: '2020-09-15',
      },
      {
        act: 'leraar overlegt bewijs van ten minste vijftien studiepunten',
        by: 'anna',
        params: kosten,
        expect: 'refused',
      },
      // No proof by the date the request named: the duty is violated.
      { advance: '2020-10-15' },
      { violations: [] },
      { advance: '2020-10-16' },
      {
        violations: ['duty-deadline leraar overlegt bewijs van ten minste vijftien studiepunten(anna, 2019)'],
      },
      {
        act: 'minister vordert subsidie voor studiekosten terug wegens minder dan vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        at: '2020-10-20',
      },
      { duty: 'leraar overlegt bewijs van ten minste vijftien studiepunten', args: ['anna', J], active: false },
      {
        enabled: 'minister treft betalingsregeling voor het terugbetalen van de subsidie voor studiekosten',
        by: 'ocw',
        params: kosten,
        expect: true,
      },
    ],
  },
  {
    name: 'terugvordering: no proof of tuition paid after the study year (art. 16)',
    asOf: '2019-03-01',
    actors,
    facts: teacher(),
    steps: [
      ...prelude,
      ...application,
      ...grant,
      { act: 'minister betaalt subsidie voor studiekosten uit', by: 'ocw', params: kosten, at: '2019-08-20' },
      { act: 'minister betaalt subsidie voor studieverlof uit', by: 'ocw', params: verlof, at: '2019-08-20' },
      { give: [{ fact: 'termijn voor bewijs van betaling van collegegeld', args: ['anna', J], value: '2019-11-01' }] },
      { act: 'minister verzoekt bewijs van betaling van collegegeld', by: 'ocw', params: kosten, at: '2019-10-01' },
      {
        enabled: 'minister vordert kosten van collegegeld, studiemiddelen en reiskosten terug',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      // No proof by the date the request named (1 November 2019): the duty is violated.
      { advance: '2019-11-01' },
      { violations: [] },
      { advance: '2019-11-02' },
      { violations: ['duty-deadline leraar overlegt bewijs van betaling van collegegeld(anna, 2019)'] },
      { advance: '2020-09-01' },
      { act: 'minister vordert kosten van collegegeld, studiemiddelen en reiskosten terug', by: 'ocw', params: kosten },
      { fact: 'terugvordering subsidie voor studiekosten', args: ['anna', J] },
    ],
  },
  {
    name: 'melding: the school board reports it will not meet its obligations; duty violated, leave subsidy recovered',
    asOf: '2019-03-01',
    actors,
    facts: [
      ...teacher(),
      { fact: 'aan de subsidieverplichtingen zal worden voldaan', args: ['anna', 'school', J], value: false },
    ],
    steps: [
      ...prelude,
      ...application,
      ...grant,
      { act: 'minister betaalt subsidie voor studiekosten uit', by: 'ocw', params: kosten, at: '2019-08-20' },
      { act: 'minister betaalt subsidie voor studieverlof uit', by: 'ocw', params: verlof, at: '2019-08-20' },
      {
        act: 'subsidieontvanger meldt dat niet aan de subsidieverplichtingen zal worden voldaan',
        by: 'school',
        params: verlof,
        at: '2019-10-01',
      },
      { advance: '2019-10-02' },
      {
        violations: [
          'duty-condition bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof(anna, school, 2019)',
        ],
      },
      { act: 'minister vordert subsidie voor studieverlof terug', by: 'ocw', params: verlof, at: '2019-10-15' },
      {
        duty: 'bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof',
        args: ['anna', 'school', J],
        active: false,
      },
    ],
  },

  {
    // Every decision, payment request, withdrawal and recovery rests on an earlier step (an application, a grant,
    // a recovery); before any of them none is available. Each check reads the first condition of the act.
    name: 'voor de aanvraag: no decision, leave, withdrawal, proof request or recovery is available yet',
    asOf: '2019-03-01',
    actors: { ...actors, bert: ['leraar'] },
    facts: [...teacher(), { fact: 'datum verstrekking subsidie', args: ['anna', J], value: '2019-07-15' }],
    steps: [
      {
        enabled: 'minister van OCW verdeelt het beschikbare budget per soort onderwijs',
        by: 'ocw',
        params: { studiejaar: J },
        expect: false,
      },
      { enabled: 'leraar vraagt subsidie voor studiekosten aan', by: 'anna', params: kosten, expect: false },
      {
        enabled: 'leraar vraagt subsidie voor studieverlof aan voor het bevoegd gezag',
        by: 'anna',
        params: verlof,
        expect: false,
      },
      ...[
        'minister verstrekt subsidie voor studiekosten aan de leraar',
        'minister weigert subsidie voor studiekosten',
        'minister laat een of meer bepalingen buiten toepassing',
        'minister wijkt af van een of meer bepalingen',
        'minister verzoekt bewijs van betaling van collegegeld',
        'minister verzoekt bewijs van het behalen van ten minste vijftien studiepunten',
        'minister vordert subsidie voor studiekosten terug wegens minder dan vijftien studiepunten',
        'minister vordert kosten van collegegeld, studiemiddelen en reiskosten terug',
        'minister treft betalingsregeling voor het terugbetalen van de subsidie voor studiekosten',
      ].map((act): Step => ({ enabled: act, by: 'ocw', params: kosten, expect: false })),
      ...[
        'minister verstrekt subsidie voor studieverlof aan het bevoegd gezag',
        'minister weigert subsidie voor studieverlof',
        'minister vordert subsidie voor studieverlof terug',
      ].map((act): Step => ({ enabled: act, by: 'ocw', params: verlof, expect: false })),
      { enabled: 'leraar trekt aanvraag subsidie voor studiekosten in', by: 'anna', params: kosten, expect: false },
      { enabled: 'leraar trekt aanvraag subsidie voor studieverlof in', by: 'anna', params: verlof, expect: false },
      {
        enabled: 'leraar overlegt bewijs van ten minste vijftien studiepunten',
        by: 'anna',
        params: kosten,
        expect: false,
      },
      {
        enabled: 'bevoegd gezag verleent studieverlof aan de leraar',
        by: 'school',
        params: { leraar: 'bert', gezag: 'school', studiejaar: J },
        expect: false,
      },
      {
        enabled: 'bevoegd gezag voldoet aan de subsidieverplichting voor studieverlof',
        by: 'school',
        params: verlof,
        expect: false,
      },
      {
        enabled: 'subsidieontvanger meldt dat niet aan de subsidieverplichtingen zal worden voldaan',
        by: 'school',
        params: verlof,
        expect: false,
      },
      ...prelude,
      // The budget is divided once per study year (art. 22).
      {
        enabled: 'minister van OCW verdeelt het beschikbare budget per soort onderwijs',
        by: 'ocw',
        params: { studiejaar: J },
        expect: false,
      },
      ...application,
      ...grant,
      // Recovery of the leave subsidy needs a withdrawal or a report that the obligations will not be met.
      { enabled: 'minister vordert subsidie voor studieverlof terug', by: 'ocw', params: verlof, expect: false },
      // Recovery for fewer than fifteen study points only after the study year (2019-2020) has ended.
      {
        enabled: 'minister vordert subsidie voor studiekosten terug wegens minder dan vijftien studiepunten',
        by: 'ocw',
        params: kosten,
        expect: false,
      },
      // Withdrawal of the leave application only within two months after the grant (art. 13 lid 2).
      { advance: '2019-09-16' },
      { enabled: 'leraar trekt aanvraag subsidie voor studieverlof in', by: 'anna', params: verlof, expect: false },
      // A request for proof must name a date still to come.
      { give: [{ fact: 'termijn voor bewijs van betaling van collegegeld', args: ['anna', J], value: '2019-09-01' }] },
      { enabled: 'minister verzoekt bewijs van betaling van collegegeld', by: 'ocw', params: kosten, expect: false },
      { give: [{ fact: 'aan de subsidieverplichtingen zal worden voldaan', args: ['anna', 'school', J] }] },
      {
        enabled: 'subsidieontvanger meldt dat niet aan de subsidieverplichtingen zal worden voldaan',
        by: 'school',
        params: verlof,
        expect: false,
      },
    ],
  },
];
