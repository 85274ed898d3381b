/**
 * Argument normalisation: instance arguments and act parameters are keyed in the canonical form of
 * their parameter type (src/run/index.ts header, docs/cases.md), so every accepted spelling of a
 * value denotes the same instance.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableActs,
  compile,
  createCase,
  createCaseChecked,
  evaluateFact,
  give,
  take,
} from '../../src/run/index.js';
import type { CaseState, JsonScalar } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';

const TEXT = `
fact [persoon]: actor
fact [ingeschreven](p: [persoon], jaar: integer)
fact [bedrag bekend](b: decimal)
fact [code](c: text)
fact [op](d: date)
fact [mag](p: [persoon], jaar: integer) {
  holds when: [ingeschreven](p, jaar)
}
fact [aangemeld](p: [persoon], jaar: integer) {
  holds when: created
}
fact [inschrijving](p: [persoon], jaar: integer) {
  holds when: created
}
act <<aanmelden>>(p: [persoon], jaar: integer) {
  actor: p
  action: aanmelden
  preconditions: [ingeschreven](p, jaar)
  creates: [aangemeld](p, jaar)
}
act <<inschrijven>>(p: [persoon]) {
  actor: p
  action: inschrijven
  creates: [inschrijving](p, 2020)
}
`;

const parsed = parse(TEXT, 'canonical.flint');
const cm = compile(parsed.value).value;
const s0 = createCase(cm, { asOf: '2020-01-01', actors: { anna: { roles: ['persoon'] } } });
const holds = (s: CaseState, fact: string, args: readonly JsonScalar[]): unknown =>
  evaluateFact(cm, s, fact, args).value;
const TRUE = { type: 'boolean', value: true };

describe('give normalises arguments through the parameter types', () => {
  it('the model parses and compiles', () => {
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cm.facts.has('ingeschreven')).toBe(true);
  });

  it('an integer given as a number is stored as decimal text and found under any spelling', () => {
    const s = give(cm, s0, [{ fact: 'ingeschreven', args: ['anna', 2019] }]);
    expect(s.diagnostics).toEqual([]);
    expect(Object.keys(s.value.facts['ingeschreven'] ?? {})).toEqual(['["anna","2019"]']);
    for (const spelling of [2019, '2019', '2019.0', ' 2019 ']) {
      expect(holds(s.value, 'ingeschreven', ['anna', spelling])).toEqual(TRUE);
      expect(holds(s.value, 'mag', ['anna', spelling])).toEqual(TRUE);
    }
    expect(holds(s.value, 'ingeschreven', ['anna', 2018])).toEqual({ type: 'unknown' });
  });

  it('two spellings of one value are one instance: the later replaces the earlier', () => {
    const s = give(cm, s0, [
      { fact: 'ingeschreven', args: ['anna', '2019'], value: true },
      { fact: 'ingeschreven', args: ['anna', 2019], value: false },
    ]).value;
    expect(Object.keys(s.facts['ingeschreven'] ?? {})).toHaveLength(1);
    expect(holds(s, 'ingeschreven', ['anna', '2019'])).toEqual({ type: 'boolean', value: false });
  });

  it('decimals key by exact value, texts accept a number as its decimal spelling', () => {
    const s = give(cm, s0, [
      { fact: 'bedrag bekend', args: [12.5] },
      { fact: 'code', args: [2019] },
    ]).value;
    expect(Object.keys(s.facts['bedrag bekend'] ?? {})).toEqual(['["12.5"]']);
    expect(holds(s, 'bedrag bekend', ['12.50'])).toEqual(TRUE);
    expect(holds(s, 'code', ['2019'])).toEqual(TRUE);
    // Texts are not numbers: "2019.0" is another text.
    expect(holds(s, 'code', ['2019.0'])).toEqual({ type: 'unknown' });
  });

  it('rejects arguments that do not fit their type with run-wrong-type and a JSON path', () => {
    const r = createCaseChecked(cm, {
      asOf: '2020-01-01',
      facts: [
        { fact: 'ingeschreven', args: ['anna', '2019.5'] },
        { fact: 'ingeschreven', args: ['anna', 'twintig'] },
        { fact: 'ingeschreven', args: ['anna', true] },
        { fact: 'op', args: ['2019-02-30'] },
        { fact: 'code', args: [false] },
        { fact: 'op', args: ['2019-02-28'] },
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['run-wrong-type', '/facts/0/args/1'],
      ['run-wrong-type', '/facts/1/args/1'],
      ['run-wrong-type', '/facts/2/args/1'],
      ['run-wrong-type', '/facts/3/args/0'],
      ['run-wrong-type', '/facts/4/args/0'],
    ]);
    expect(r.diagnostics[0]?.message).toContain('jaar');
    expect(Object.keys(r.value.facts)).toEqual(['op']);
  });
});

describe('acts and effects use the same canonical form', () => {
  const s = give(cm, s0, [{ fact: 'ingeschreven', args: ['anna', 2019] }]).value;

  it('an act parameter given as a number or text is enabled and recorded as decimal text', () => {
    expect(availableActs(cm, s, 'anna').filter((a) => a.act === 'aanmelden')).toEqual([]);
    for (const jaar of [2019, '2019', '2019.00']) {
      const r = take(cm, s, { act: 'aanmelden', actor: 'anna', params: { p: 'anna', jaar } });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.state.records[0]?.params).toEqual({ jaar: '2019', p: 'anna' });
      expect(Object.keys(r.state.facts['aangemeld'] ?? {})).toEqual(['["anna","2019"]']);
      expect(holds(r.state, 'aangemeld', ['anna', 2019])).toEqual(TRUE);
    }
  });

  it('an effect argument written as a literal keys like a given number', () => {
    const r = take(cm, s0, { act: 'inschrijven', actor: 'anna', params: { p: 'anna' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.state.facts['inschrijving'] ?? {})).toEqual(['["anna","2020"]']);
    expect(holds(r.state, 'inschrijving', ['anna', 2020])).toEqual(TRUE);
  });
});

/** Spellings of one integer accepted for an integer parameter. */
const integerSpellings = (n: number): JsonScalar[] => [n, String(n), `${n}.0`, `${n}.000`, ` ${n}`];

/** Spellings of one decimal (hundredths) accepted for a decimal parameter. */
function decimalSpellings(hundredths: number): JsonScalar[] {
  const d = new Decimal(hundredths).div(100);
  const out: JsonScalar[] = [d.toString(), d.toFixed(2), d.toFixed(5)];
  // A JSON number only where it denotes the value exactly.
  if (new Decimal(String(Number(d.toString()))).eq(d)) out.push(Number(d.toString()));
  return out;
}

describe('property: a given value in any accepted spelling is found by evaluation', () => {
  it('integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(4), fc.nat(4), (n, gi, ei) => {
        const sp = integerSpellings(n);
        const s = give(cm, s0, [{ fact: 'ingeschreven', args: ['anna', sp[gi] ?? n] }]);
        expect(s.diagnostics).toEqual([]);
        expect(holds(s.value, 'ingeschreven', ['anna', sp[ei] ?? n])).toEqual(TRUE);
        expect(holds(s.value, 'mag', ['anna', sp[ei] ?? n])).toEqual(TRUE);
        // A different value is not found.
        expect(holds(s.value, 'ingeschreven', ['anna', n + 1])).toEqual({ type: 'unknown' });
      }),
    );
  });

  it('decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.nat(3), fc.nat(3), (h, gi, ei) => {
        const sp = decimalSpellings(h);
        const g = sp[gi % sp.length] ?? String(h);
        const e = sp[ei % sp.length] ?? String(h);
        const s = give(cm, s0, [{ fact: 'bedrag bekend', args: [g] }]).value;
        expect(holds(s, 'bedrag bekend', [e])).toEqual(TRUE);
        expect(Object.keys(s.facts['bedrag bekend'] ?? {})).toEqual([
          JSON.stringify([new Decimal(h).div(100).toString()]),
        ]);
      }),
    );
  });
});
