/**
 * The kinderopvangtoeslag norm (norms/kinderopvangtoeslag/kinderopvangtoeslag.flint, importing the
 * Awb) run through the native interpreter: a full case from the application through advances,
 * the final determination and a revision to the recovery and a payment arrangement, plus the
 * deadline violations and refusals; every act and duty of the model is exercised.
 */
import { describe, expect, it } from 'vitest';
import { actsOf, dutiesOf } from '../../src/model/walk.js';
import type { GivenFact } from '../../src/run/index.js';
import { decisionSources } from '../../src/trace/index.js';
import { Flow, newCoverage } from './flow.js';
import { loadNorm } from './load.js';

const norm = loadNorm('norms/kinderopvangtoeslag/kinderopvangtoeslag.flint');
const cm = norm.compiled;
const coverage = newCoverage();
const O = { belanghebbende: 'alice' };
const B = { aanvrager: 'alice' };
const actors = {
  alice: { roles: ['ouder'] },
  kees: { roles: ['kind'] },
  dt: { roles: ['dienst toeslagen'] },
  ib: { roles: ['inspecteur'] },
};

/** Alice, working, one child in registered day care in 2025: 170 hours a month estimated at € 11.00 an hour. */
function situation(extra: readonly GivenFact[] = []): GivenFact[] {
  return [
    { fact: 'kind van', args: ['kees', 'alice'] },
    { fact: 'opvangsoort', args: ['kees'], value: 'dagopvang' },
    { fact: 'opvang in geregistreerde voorziening', args: ['kees'] },
    { fact: 'kosten door ouder of partner betaald', args: ['kees'] },
    { fact: 'begin opvang', args: ['kees'], value: '2024-03-01' },
    { fact: 'einde opvang', args: ['kees'], value: '2025-12-31' },
    { fact: 'uurprijs', args: ['kees'], value: '11.00' },
    { fact: 'geschatte uren kinderopvang per maand', args: ['kees'], value: '170' },
    { fact: 'ouder woont in Nederland', args: ['alice'] },
    { fact: 'begin arbeid', args: ['alice'], value: '2020-01-01' },
    { fact: 'berekeningsjaar', args: ['alice'], value: 2025 },
    { fact: 'datum aanvraag', args: ['alice'], value: '2025-01-10' },
    { fact: 'geschat toeslagpercentage', args: ['alice'], value: '90' },
    ...extra,
  ];
}

function applied(extra: readonly GivenFact[] = []): Flow {
  const f = new Flow(cm, { asOf: '2025-01-02', actors, facts: situation(extra) }, coverage);
  f.step({ act: 'aanvragen tegemoetkoming', actor: 'alice', params: O, at: '2025-01-10' });
  return f;
}

function bekendmaken(f: Flow, at: string): void {
  f.step({
    act: 'bekendmaken besluit',
    actor: 'dt',
    params: B,
    at,
    facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: at }],
  });
}

/** The advance stated in the decision: 170 h × 12 × € 10,71 × 90 % = 19 663,56 → € 19 664. */
const ADVANCE: GivenFact = { fact: 'verleend voorschotbedrag', args: ['alice'], value: '19664' };

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Actual hours 150 a month, 240 in March (counted as 230), percentage 85 after the assessment of 2026-05-01. */
const finalData: GivenFact[] = [
  ...MONTHS.map((m) => ({ fact: 'uren kinderopvang', args: ['kees', `2025-${m}`], value: m === '03' ? '240' : '150' })),
  { fact: 'toeslagpercentage', args: ['alice'], value: '85' },
  { fact: 'aanslag inkomstenbelasting vastgesteld', args: ['alice'] },
  { fact: 'datum vaststelling aanslag', args: ['alice'], value: '2026-05-01' },
];

function determined(): Flow {
  const f = applied();
  f.step({ act: 'verlenen voorschot', actor: 'dt', params: O, at: '2025-02-01', facts: [ADVANCE] });
  bekendmaken(f, '2025-02-02');
  // Awir 22 lid 2: dated 1 February, ten instalments, February to November.
  for (const m of MONTHS.slice(1, 11)) {
    f.step({
      act: 'uitbetalen voorschottermijn',
      actor: 'dt',
      params: { ...O, maand: `2025-${m}` },
      at: `2025-${m}-20`,
      facts: m === '02' ? [{ fact: 'dagtekening voorschotbeschikking', args: ['alice'], value: '2025-02-01' }] : [],
    });
  }
  f.step({
    act: 'toekennen tegemoetkoming',
    actor: 'dt',
    params: O,
    at: '2026-06-01',
    facts: [...finalData, { fact: 'toegekend bedrag', args: ['alice'], value: '17115' }],
  });
  // Awir 24 lid 1-2: the advance exceeds the allowance, so nothing is left to pay out; the toekenning is settled.
  f.step({
    act: 'uitbetalen tegemoetkoming',
    actor: 'dt',
    params: O,
    at: '2026-06-02',
    facts: [{ fact: 'uitbetaald bedrag tegemoetkoming', args: ['alice'], value: '0' }],
  });
  bekendmaken(f, '2026-06-03');
  return f;
}

describe('kinderopvangtoeslag: amounts', () => {
  it('computes the advance from the estimates, capped at the 2025 maximum hourly price for dagopvang', () => {
    const f = applied();
    // 170 h × 12 months (cap 230 × 12 months worked = 2760) × min(11.00, 10.71) × 90 % = 19 663.56 → 19 664
    expect(f.value('in aanmerking te nemen uurprijs', ['kees', 'alice'])).toBe('10.71');
    expect(f.value('maximum aantal uren per jaar', ['kees', 'alice'])).toBe('2760');
    expect(f.value('voorschotbedrag', ['alice'])).toBe('19664');
  });

  it('caps the hours at 230 per calendar month (Bko 8a lid 1 a)', () => {
    const f = applied([{ fact: 'uren kinderopvang', args: ['kees', '2025-05'], value: '300' }]);
    expect(f.value('uren in aanmerking in maand', ['kees', 'alice', '2025-05'])).toBe('230');
  });

  it('grants nothing below € 24 (Awir 14 lid 5)', () => {
    const f = applied([
      ...MONTHS.map((m) => ({ fact: 'uren kinderopvang', args: ['kees', `2025-${m}`], value: m === '01' ? '2' : '0' })),
      { fact: 'toeslagpercentage', args: ['alice'], value: '90' },
    ]);
    // 2 × 10.71 × 90 % = 19.28 → 19 → below 24
    expect(f.value('berekende kinderopvangtoeslag', ['alice'])).toBe('19');
    expect(f.value('vastgestelde kinderopvangtoeslag', ['alice'])).toBe('0');
  });
});

const PCT70 = { fact: 'toeslagpercentage', args: ['alice'], value: '70' };

describe('kinderopvangtoeslag: the full case', () => {
  const runsFromTheApplication =
    'runs from the application through advances and determination to revision, recovery and a payment arrangement';
  it(runsFromTheApplication, () => {
    const f = determined();
    expect(f.value('vastgestelde kinderopvangtoeslag', ['alice'])).toBe('17115');
    expect(f.value('terug te vorderen bedrag', ['alice'])).toBe('2549');
    // The income data change after the toekenning: a revision is due within eight weeks (Awir 20 lid 2).
    // The inspector's act carries no facts: it may not change the percentage the Dienst Toeslagen set
    // (grammar/README.md#roles); the Dienst Toeslagen supplies the new percentage with its revision.
    f.step({ act: 'wijzigen inkomensgegeven', actor: 'ib', params: O, at: '2026-09-01' });
    expect(f.state.duties.filter((d) => d.status === 'active').map((d) => [d.duty, d.deadline])).toEqual([
      ['herzien tegemoetkoming', '2026-10-27'],
    ]);
    // No recovery while a revision is pending.
    f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-09-10', expect: 'refused' });
    // A revision must state the recomputed amount: 1880 × 10.71 × 70 % = 14 094.36 → 14 094.
    f.step({
      act: 'herzien tegemoetkoming',
      actor: 'dt',
      params: O,
      at: '2026-10-01',
      facts: [PCT70, { fact: 'herzien bedrag', args: ['alice'], value: '17115' }],
      expect: 'refused',
    });
    f.step({
      act: 'herzien tegemoetkoming',
      actor: 'dt',
      params: O,
      at: '2026-10-01',
      facts: [PCT70, { fact: 'herzien bedrag', args: ['alice'], value: '14094' }],
    });
    bekendmaken(f, '2026-10-02');
    const r = f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-10-15' });
    expect(f.value('vast te stellen terugvordering', ['alice'])).toBe('5570');
    expect(r.ok && r.trace.outcome).toBe('taken');
    bekendmaken(f, '2026-10-16');
    expect(f.activeDuties()).toEqual(['betalen terugvordering(alice)']);
    f.step({
      act: 'verlenen uitstel van betaling',
      actor: 'dt',
      params: O,
      at: '2026-11-01',
      facts: [
        { fact: 'verzoek om uitstel van betaling', args: ['alice'] },
        { fact: 'einde betalingsregeling', args: ['alice'], value: '2028-11-01' },
      ],
    });
    expect(f.activeDuties()).toEqual(['nakomen betalingsregeling(alice)']);
    f.step({ act: 'betalen terugvordering', actor: 'alice', params: O, at: '2028-10-01' });
    f.advance('2029-01-01');
    expect(f.activeDuties()).toEqual([]);
    expect(f.violations()).toEqual([]);
  });

  it("the recovery decision's trace names every article it rests on", () => {
    const f = determined();
    const r = f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-06-15' });
    const ids = new Set(decisionSources(r.trace).map((s) => s.id));
    const restsOn = [
      'awir-26-lid-1', // the amount is owed in full
      'awir-26-lid-2', // recovered in full unless disproportionate
      'awir-26a-lid-1', // no recovery up to the threshold
      'awir-24-lid-2', // advances set off against the allowance
      'awir-24-lid-3', // the set-off may leave an amount to recover
      'awir-16-lid-1', // the advance
      'awir-14-lid-1', // the toekenning
      'awir-14-lid-4', // rounding
      'awir-14-lid-5', // minimum € 24
      'awir-20-lid-1', // herziening
      'wko-1.3-lid-2', // no entitlement before the look-back period
      'wko-1.5-lid-1', // entitlement: registered care, costs paid
      'wko-1.5-lid-2', // no entitlement in the start-up period of ouderparticipatieopvang
      'wko-1.6-lid-1', // work requirement of the parent
      'wko-1.6-lid-3', // work requirement of a partner
      'wko-1.7-lid-1', // the amount depends on draagkracht, hours, price, kind of care
      'wko-1.7-lid-2', // maximum hourly price
      'wko-1.7-lid-4', // maximum hours
      'bko-4-lid-1', // the price caps of the berekeningsjaar
      'bko-8a-lid-1', // 230 hours a month, and the yearly cap
      'awb-1:3-lid-2', // a beschikking
    ];
    expect(restsOn.filter((id) => !ids.has(id))).toEqual([]);
    // Each source in the trace carries its verbatim text.
    expect(decisionSources(r.trace).find((s) => s.id === 'awir-26-lid-1')?.text).toContain(
      'in zijn geheel verschuldigd',
    );
  });

  it("the recovery decision's legal trail (golden: citation and source id per line, in trace order)", async () => {
    const f = determined();
    const r = f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-06-15' });
    const text =
      decisionSources(r.trace)
        .map((s) => `${s.citation ?? '?'}  [${s.id}]  ${s.juriconnect ?? ''}`)
        .join('\n') + '\n';
    await expect(text).toMatchFileSnapshot('golden/recovery-sources.txt');
  });

  it('recovers a lower amount when full recovery is disproportionate (Awir 26 lid 2)', () => {
    const f = determined();
    f.step({
      act: 'terugvorderen tegemoetkoming',
      actor: 'dt',
      params: O,
      at: '2026-06-15',
      facts: [
        { fact: 'volledige terugvordering onevenredig', args: ['alice'] },
        { fact: 'verlaagd terug te vorderen bedrag', args: ['alice'], value: '500' },
      ],
    });
    expect(f.value('vast te stellen terugvordering', ['alice'])).toBe('500');
  });

  it('lets the parent object to the recovery decision through the Awb (7:1), within six weeks', () => {
    const f = determined();
    f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-06-15' });
    bekendmaken(f, '2026-06-16');
    f.step({ act: 'maken bezwaar', actor: 'alice', params: B, at: '2026-07-29', expect: 'refused' });
    f.step({ act: 'maken bezwaar', actor: 'alice', params: B, at: '2026-07-28' });
    expect(f.activeDuties()).toEqual(['beslissen op bezwaar(alice)', 'betalen terugvordering(alice)']);
  });

  it('records a violation when the payment arrangement is not met by its end (Awir 31)', () => {
    const f = determined();
    f.step({ act: 'terugvorderen tegemoetkoming', actor: 'dt', params: O, at: '2026-06-15' });
    f.step({
      act: 'verlenen uitstel van betaling',
      actor: 'dt',
      params: O,
      at: '2026-07-01',
      facts: [
        { fact: 'verzoek om uitstel van betaling', args: ['alice'] },
        { fact: 'einde betalingsregeling', args: ['alice'], value: '2027-07-01' },
      ],
    });
    f.advance('2027-07-02');
    expect(f.violations()).toEqual(['duty-deadline nakomen betalingsregeling(alice) 2027-07-02']);
  });
});

describe('kinderopvangtoeslag: refusals and deadlines', () => {
  it('records a violation when no advance is granted within 13 weeks (Awir 16 lid 1)', () => {
    const f = applied();
    expect(f.state.duties.find((d) => d.duty === 'verlenen voorschot')?.deadline).toBe('2025-04-11');
    f.advance('2025-04-12');
    expect(f.violations()).toEqual(['duty-deadline verlenen voorschot(alice) 2025-04-12']);
  });

  it('records a violation when the allowance is not determined six months after the assessment (Awir 19 lid 1)', () => {
    const f = applied(finalData);
    f.advance('2026-11-01');
    expect(f.violations()).toEqual(['duty-deadline verlenen voorschot(alice) 2026-11-01']);
    f.advance('2026-11-02');
    expect(f.violations().slice(1)).toEqual(['duty-condition toekennen tegemoetkoming(alice) 2026-11-02']);
  });

  it('without an assessment the allowance is due by 31 December of the following year (Awir 19 lid 2)', () => {
    const f = applied();
    expect(f.value('uiterste datum toekenning', ['alice'])).toBe('2026-12-31');
  });

  it('refuses the advance when a partner does not meet the work requirement (Wko 1.6 lid 3)', () => {
    const f = applied([
      { fact: 'heeft partner', args: ['alice'] },
      { fact: 'partner heeft aanvraag mede ondertekend', args: ['alice'] },
      { fact: 'partner voldoet aan artikel 1.6 lid 3', args: ['alice'], value: false },
    ]);
    expect(f.value('aanspraak op kinderopvangtoeslag', ['alice'])).toBe(false);
    f.step({ act: 'verlenen voorschot', actor: 'dt', params: O, at: '2025-02-01', expect: 'refused' });
  });

  const refusesAnApplicationNot =
    'refuses an application not co-signed by the partner (Awir 15 lid ' +
    '3) and one filed after 31 March of the next year';
  it(refusesAnApplicationNot, () => {
    const f = new Flow(
      cm,
      {
        asOf: '2025-01-02',
        actors,
        facts: situation([
          { fact: 'heeft partner', args: ['alice'] },
          { fact: 'partner heeft aanvraag mede ondertekend', args: ['alice'], value: false },
        ]),
      },
      coverage,
    );
    f.step({ act: 'aanvragen tegemoetkoming', actor: 'alice', params: O, at: '2025-01-10', expect: 'refused' });
    const late = [
      ...situation().filter((x) => x.fact !== 'datum aanvraag'),
      { fact: 'datum aanvraag', args: ['alice'], value: '2026-04-01' },
    ];
    // Awir 16 lid 1: an advance only for an application "vóór 1 april van het jaar volgend op het berekeningsjaar".
    const g = new Flow(cm, { asOf: '2025-01-02', actors, facts: late }, coverage);
    g.step({ act: 'aanvragen tegemoetkoming', actor: 'alice', params: O, at: '2026-04-01', expect: 'refused' });
  });

  it('no advance instalments after the determination', () => {
    const f = determined();
    f.step({
      act: 'uitbetalen voorschottermijn',
      actor: 'dt',
      params: { ...O, maand: '2025-11' },
      at: '2026-06-20',
      expect: 'refused',
    });
  });

  // Runs last: every act and duty declared in the kinderopvangtoeslag file was exercised above.
  it('exercises every act and duty of the model', () => {
    // The Awir's acts and duties are the kinderopvangtoeslag procedure (norms/awir, imported). The acts of art. 15
    // (late application), 17, 21 and 30 are exercised by the .flint scenarios and norms/awir/awir.test.flint.
    const elsewhere = new Set([
      'aanvragen tegemoetkoming na 31 maart',
      'melden wijziging',
      'herzien tegemoetkoming om andere reden',
      'verrekenen terugvordering',
    ]);
    const own = (file: string): boolean => file.endsWith('kinderopvangtoeslag.flint') || file.endsWith('awir.flint');
    const acts = actsOf(norm.checked.model)
      .filter((a) => own(a.span.file))
      .map((a) => a.name)
      .sort();
    const duties = dutiesOf(norm.checked.model)
      .filter((d) => own(d.span.file))
      .map((d) => d.name)
      .sort();
    expect(acts.length).toBeGreaterThan(0);
    expect(acts.filter((a) => !coverage.acts.has(a) && !elsewhere.has(a))).toEqual([]);
    expect(duties.filter((d) => !coverage.duties.has(d))).toEqual([]);
  });
});
