/**
 * Invariants of the kinderopvangtoeslag computation, over random hours, prices and percentages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCase, evaluateFact } from '../../src/run/index.js';
import type { GivenFact } from '../../src/run/index.js';
import { loadNorm } from './load.js';

const cm = loadNorm('norms/kinderopvangtoeslag/kinderopvangtoeslag.flint').compiled;
const actors = { alice: { roles: ['ouder'] }, kees: { roles: ['kind'] }, dt: { roles: ['dienst toeslagen'] } };
/** Bko art. 4 lid 1 for berekeningsjaar 2025 (norms/texts/amounts.md). */
const caps: Record<string, number> = { dagopvang: 10.71, 'buitenschoolse opvang': 9.52, gastouderopvang: 8.1 };

interface Input {
  soort: string;
  maanden: number;
  geschatteUren: number;
  uren: number;
  centen: number;
  geschatPct: number;
  pct: number;
}

function value(facts: GivenFact[], fact: string, args: string[]): string {
  const s = createCase(cm, { asOf: '2025-06-01', actors, facts });
  const v = evaluateFact(cm, s, fact, args).value;
  if (!('value' in v) || typeof v.value !== 'string') throw new Error(`${fact} is ${JSON.stringify(v)}`);
  return v.value;
}

/** Care from January for `maanden` months, the same hours every month. */
function facts(i: Input, price: string): GivenFact[] {
  const months = Array.from({ length: i.maanden }, (_, k) => `2025-${String(k + 1).padStart(2, '0')}`);
  return [
    { fact: 'kind van', args: ['kees', 'alice'] },
    { fact: 'opvangsoort', args: ['kees'], value: i.soort },
    { fact: 'opvang in geregistreerde voorziening', args: ['kees'] },
    { fact: 'kosten door ouder of partner betaald', args: ['kees'] },
    { fact: 'begin opvang', args: ['kees'], value: '2025-01-01' },
    { fact: 'einde opvang', args: ['kees'], value: `${months.at(-1)}-28` },
    { fact: 'uurprijs', args: ['kees'], value: price },
    { fact: 'geschatte uren kinderopvang per maand', args: ['kees'], value: String(i.geschatteUren) },
    ...months.map((m) => ({ fact: 'uren kinderopvang', args: ['kees', m], value: String(i.uren) })),
    { fact: 'ouder woont in Nederland', args: ['alice'] },
    { fact: 'begin arbeid', args: ['alice'], value: '2020-01-01' },
    { fact: 'berekeningsjaar', args: ['alice'], value: 2025 },
    { fact: 'datum aanvraag', args: ['alice'], value: '2025-01-10' },
    { fact: 'geschat toeslagpercentage', args: ['alice'], value: String(i.geschatPct) },
    { fact: 'toeslagpercentage', args: ['alice'], value: String(i.pct) },
  ];
}

const input = fc.record({
  soort: fc.constantFrom('dagopvang', 'buitenschoolse opvang', 'gastouderopvang'),
  maanden: fc.integer({ min: 1, max: 12 }),
  geschatteUren: fc.integer({ min: 0, max: 300 }),
  uren: fc.integer({ min: 0, max: 300 }),
  centen: fc.integer({ min: 0, max: 2000 }),
  geschatPct: fc.integer({ min: 0, max: 96 }),
  pct: fc.integer({ min: 0, max: 96 }),
});

const price = (centen: number): string => (centen / 100).toFixed(2);

describe('kinderopvangtoeslag invariants', () => {
  it('any price at or above the cap gives the allowance of the cap (Wko 1.7 lid 2)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 5000 }), (i, extra) => {
        const cap = caps[i.soort] as number;
        const atCap = value(facts(i, cap.toFixed(2)), 'vastgestelde kinderopvangtoeslag', ['alice']);
        const above = value(facts(i, price(Math.round(cap * 100) + extra)), 'vastgestelde kinderopvangtoeslag', [
          'alice',
        ]);
        expect(above).toBe(atCap);
      }),
      { numRuns: 40 },
    );
  });

  const theAllowanceIsA =
    'the allowance is a whole number of euros, zero or at least € 24 (Awir ' +
    '14 lid 4-5), and never more than hours cap × price cap';
  it(theAllowanceIsA, () => {
    fc.assert(
      fc.property(input, (i) => {
        const v = Number(value(facts(i, price(i.centen)), 'vastgestelde kinderopvangtoeslag', ['alice']));
        expect(Number.isInteger(v)).toBe(true);
        expect(v === 0 || v >= 24).toBe(true);
        expect(v).toBeLessThanOrEqual(Math.ceil(230 * i.maanden * (caps[i.soort] as number)));
      }),
      { numRuns: 60 },
    );
  });

  it('the amount to recover lies between nothing and the advance (Awir 24, 26)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const f = facts(i, price(i.centen));
        const voorschot = Number(value(f, 'voorschotbedrag', ['alice']));
        // The advance decision states the advance computed then (Awir 16 lid 1).
        const granted = [...f, { fact: 'verleend voorschotbedrag', args: ['alice'], value: String(voorschot) }];
        const terug = Number(value(granted, 'terug te vorderen bedrag', ['alice']));
        expect(terug).toBeGreaterThanOrEqual(0);
        expect(terug).toBeLessThanOrEqual(voorschot);
      }),
      { numRuns: 60 },
    );
  });
});
