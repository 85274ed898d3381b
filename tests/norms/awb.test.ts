/**
 * The Awb norm (norms/awb/awb.flint) run through the native interpreter: every act and duty is
 * exercised, with refusals, deadline violations and the objection term.
 */
import { describe, expect, it } from 'vitest';
import type { GivenFact } from '../../src/run/index.js';
import { actsOf, dutiesOf } from '../../src/model/walk.js';
import { Flow, newCoverage } from './flow.js';
import { loadNorm } from './load.js';

const norm = loadNorm('norms/awb/awb.flint');
const cm = norm.compiled;
const coverage = newCoverage();
const actors = { alice: { roles: ['aanvrager'] }, gemeente: { roles: ['bestuursorgaan'] } };
const A = { aanvrager: 'alice' };

/** A written application with the minimum content of 4:2 lid 1, received on `date`. */
function application(date: string): GivenFact[] {
  return [
    { fact: 'aanvraag schriftelijk', args: ['alice'] },
    { fact: 'aanvraag ondertekend', args: ['alice'] },
    { fact: 'aanvraag bevat naam en adres', args: ['alice'] },
    { fact: 'aanvraag bevat dagtekening', args: ['alice'] },
    { fact: 'aanvraag bevat aanduiding van de gevraagde beschikking', args: ['alice'] },
    { fact: 'datum ontvangst aanvraag', args: ['alice'], value: date },
  ];
}

function filed(date: string): Flow {
  const f = new Flow(cm, { asOf: date, actors }, coverage);
  f.step({ act: 'indienen aanvraag', actor: 'alice', params: A, at: date, facts: application(date) });
  return f;
}

describe('Awb: aanvraag to beschikking', () => {
  it('starts an eight-week beslistermijn on filing (4:13 lid 2)', () => {
    const f = filed('2024-03-04');
    expect(f.state.duties.map((d) => [d.duty, d.deadline])).toEqual([['beslissen op aanvraag', '2024-04-29']]);
  });

  it('refuses an unsigned application (4:2 lid 1)', () => {
    const f = new Flow(cm, { asOf: '2024-03-04', actors }, coverage);
    const facts = application('2024-03-04').map((g) =>
      g.fact === 'aanvraag ondertekend' ? { ...g, value: false } : g,
    );
    const r = f.step({
      act: 'indienen aanvraag',
      actor: 'alice',
      params: A,
      at: '2024-03-04',
      facts,
      expect: 'refused',
    });
    expect(r.ok).toBe(false);
  });

  it('refuses the act to someone who is not the bestuursorgaan', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'geven beschikking',
      actor: 'alice',
      params: A,
      at: '2024-03-05',
      facts: [{ fact: 'aanvraag toewijsbaar', args: ['alice'] }],
      expect: 'refused',
    });
  });

  it('grants in time, makes the decision known, and takes an objection within six weeks (3:41, 6:7, 6:8, 7:1)', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'geven beschikking',
      actor: 'gemeente',
      params: A,
      at: '2024-04-01',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'] },
        { fact: 'aanvraag toewijsbaar', args: ['alice'] },
      ],
    });
    expect(f.activeDuties()).toEqual(['bekendmaken besluit(alice)']);
    // Objection is not possible before the decision is made known (3:40, 6:8).
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-04-01', expect: 'refused' });
    f.step({
      act: 'bekendmaken besluit',
      actor: 'gemeente',
      params: A,
      at: '2024-04-02',
      facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: '2024-04-02' }],
    });
    expect(f.value('besluit in werking', ['alice'])).toBe(true);
    // The term starts the day after bekendmaking: not on the day itself.
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-04-02', expect: 'refused' });
    // Its last day is 2024-05-14, six weeks after 2024-04-02.
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-05-14' });
    f.step({ act: 'beslissen op bezwaar', actor: 'gemeente', params: A, at: '2024-06-20' });
    f.step({
      act: 'bekendmaken besluit',
      actor: 'gemeente',
      params: A,
      at: '2024-06-21',
      facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: '2024-06-21' }],
    });
    // Against the decision on objection lies beroep, not a second objection (7:1 lid 1 sub a).
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-06-25', expect: 'refused' });
    expect(f.activeDuties()).toEqual([]);
    expect(f.violations()).toEqual([]);
  });

  it('refuses an objection made after the six weeks (6:7, 6:8)', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'geven beschikking',
      actor: 'gemeente',
      params: A,
      at: '2024-04-01',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'] },
        { fact: 'aanvraag toewijsbaar', args: ['alice'] },
      ],
    });
    f.step({
      act: 'bekendmaken besluit',
      actor: 'gemeente',
      params: A,
      at: '2024-04-02',
      facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: '2024-04-02' }],
    });
    const r = f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-05-15', expect: 'refused' });
    expect(r.ok ? [] : r.refusal.reasons.map((x) => x.item)).toEqual(['precondition']);
  });

  it('records a violation when no decision is given within eight weeks (4:13 lid 2)', () => {
    const f = filed('2024-03-04');
    f.advance('2024-04-29');
    expect(f.violations()).toEqual([]);
    f.advance('2024-04-30');
    expect(f.violations()).toEqual(['duty-deadline beslissen op aanvraag(alice) 2024-04-30']);
    // A late decision is still a decision: the duty ends, the violation stays on record.
    f.step({
      act: 'afwijzen aanvraag',
      actor: 'gemeente',
      params: A,
      at: '2024-05-06',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'] },
        { fact: 'aanvraag toewijsbaar', args: ['alice'], value: false },
      ],
    });
    expect(f.activeDuties()).toEqual(['bekendmaken besluit(alice)']);
    expect(f.violations()).toHaveLength(1);
  });

  it('suspends the term while the application is completed (4:5, 4:15) and then rejects it (1:3 lid 2)', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'uitnodigen de aanvraag aan te vullen',
      actor: 'gemeente',
      params: A,
      at: '2024-03-11',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'], value: false },
        { fact: 'einde aanvullingstermijn', args: ['alice'], value: '2024-03-25' },
        { fact: 'datum uitnodiging tot aanvulling', args: ['alice'], value: '2024-03-11' },
      ],
    });
    expect(f.activeDuties()).toEqual(['aanvullen aanvraag(alice)']);
    // Suspended from 2024-03-12 up to the completion on 2024-03-20 (4:15 lid 1 sub a): 8 days, computed from the dates.
    f.step({
      act: 'aanvullen aanvraag',
      actor: 'alice',
      params: A,
      at: '2024-03-20',
      facts: [{ fact: 'datum aanvulling', args: ['alice'], value: '2024-03-20' }],
    });
    expect(f.state.duties.filter((d) => d.status === 'active').map((d) => [d.duty, d.deadline])).toEqual([
      ['beslissen op aangevulde aanvraag', '2024-05-07'],
    ]);
    f.step({
      act: 'afwijzen aanvraag',
      actor: 'gemeente',
      params: A,
      at: '2024-05-07',
      facts: [{ fact: 'aanvraag toewijsbaar', args: ['alice'], value: false }],
    });
    f.advance('2024-06-01');
    expect(f.violations()).toEqual([]);
  });

  it('may leave an application not completed in time unconsidered (4:5 lid 1), not before the term ends', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'uitnodigen de aanvraag aan te vullen',
      actor: 'gemeente',
      params: A,
      at: '2024-03-11',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'], value: false },
        { fact: 'einde aanvullingstermijn', args: ['alice'], value: '2024-03-25' },
      ],
    });
    f.step({
      act: 'besluiten de aanvraag niet te behandelen',
      actor: 'gemeente',
      params: A,
      at: '2024-03-25',
      expect: 'refused',
    });
    f.advance('2024-03-26');
    expect(f.violations()).toEqual(['duty-deadline aanvullen aanvraag(alice) 2024-03-26']);
    f.step({ act: 'aanvullen aanvraag', actor: 'alice', params: A, at: '2024-03-26', expect: 'refused' });
    f.step({ act: 'besluiten de aanvraag niet te behandelen', actor: 'gemeente', params: A, at: '2024-04-02' });
    expect(f.activeDuties()).toEqual(['bekendmaken besluit(alice)']);
    expect(f.value('aanvraag', ['alice'])).toBe(false);
  });

  it('names a later term within the eight weeks (4:14 lid 3); missing it is a violation', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'mededelen dat de beschikking later volgt',
      actor: 'gemeente',
      params: A,
      at: '2024-04-22',
      facts: [{ fact: 'genoemde redelijke termijn', args: ['alice'], value: '2024-06-03' }],
    });
    expect(f.state.duties.filter((d) => d.status === 'active').map((d) => [d.duty, d.deadline])).toEqual([
      ['beslissen binnen de genoemde termijn', '2024-06-03'],
    ]);
    f.advance('2024-06-04');
    expect(f.violations()).toEqual(['duty-deadline beslissen binnen de genoemde termijn(alice) 2024-06-04']);
  });

  it('refuses the notice of 4:14 lid 3 after the eight weeks', () => {
    const f = filed('2024-03-04');
    f.advance('2024-04-30');
    f.step({
      act: 'mededelen dat de beschikking later volgt',
      actor: 'gemeente',
      params: A,
      at: '2024-04-30',
      facts: [{ fact: 'genoemde redelijke termijn', args: ['alice'], value: '2024-06-03' }],
      expect: 'refused',
    });
    expect(f.violations()).toEqual(['duty-deadline beslissen op aanvraag(alice) 2024-04-30']);
    expect(f.activeDuties()).toEqual(['beslissen op aanvraag(alice)']);
  });

  it('rejects a repeated application without new facts by reference to the earlier rejection (4:6)', () => {
    const f = filed('2024-03-04');
    f.step({
      act: 'afwijzen aanvraag',
      actor: 'gemeente',
      params: A,
      at: '2024-03-18',
      facts: [
        { fact: 'gegevens en bescheiden toereikend', args: ['alice'] },
        { fact: 'aanvraag toewijsbaar', args: ['alice'], value: false },
      ],
    });
    f.step({
      act: 'bekendmaken besluit',
      actor: 'gemeente',
      params: A,
      at: '2024-03-19',
      facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: '2024-03-19' }],
    });
    f.step({ act: 'indienen aanvraag', actor: 'alice', params: A, at: '2024-05-01', facts: application('2024-05-01') });
    f.step({
      act: 'afwijzen herhaalde aanvraag',
      actor: 'gemeente',
      params: A,
      at: '2024-05-02',
      facts: [{ fact: 'nieuwe feiten of veranderde omstandigheden vermeld', args: ['alice'] }],
      expect: 'refused',
    });
    f.step({
      act: 'afwijzen herhaalde aanvraag',
      actor: 'gemeente',
      params: A,
      at: '2024-05-02',
      facts: [{ fact: 'nieuwe feiten of veranderde omstandigheden vermeld', args: ['alice'], value: false }],
    });
    expect(f.activeDuties()).toEqual(['bekendmaken besluit(alice)']);
  });

  // Runs last (tests run in order): every act and duty of the Awb model was exercised above.
  it('exercises every act and duty of the model', () => {
    expect([...coverage.acts].sort()).toEqual(
      actsOf(norm.checked.model)
        .map((a) => a.name)
        .sort(),
    );
    expect([...coverage.duties].sort()).toEqual(
      dutiesOf(norm.checked.model)
        .map((d) => d.name)
        .sort(),
    );
  });
});
