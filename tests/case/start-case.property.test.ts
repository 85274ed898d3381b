/**
 * startCase gives a case file's facts in one new state (giveInTurn): random case files give the
 * same state — facts, provenance, event log, byte for byte — and the same diagnostics as giving
 * each fact alone with `step`, as startCase did before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startCase } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { compile, take } from '../../src/run/index.js';
import { startOneByOne } from '../helpers/start-one-by-one.js';
import { benefitModel } from '../run/fixtures.js';

const cm = compile(benefitModel()).value;

const fact = fc.record(
  {
    fact: fc.constantFrom('inkomen', 'ingezetene', 'aanvraag', 'laag inkomen', 'persoon', 'bestuursorgaan', 'nope', ''),
    args: fc.constantFrom<(string | number | null)[]>([], ['alice'], ['bob'], [1], [null], ['alice', 'bob']),
    value: fc.constantFrom<string | number | boolean>(
      true,
      false,
      '20000.00',
      '40000',
      'abc',
      5,
      'alice',
      '2024-01-01',
    ),
    by: fc.constantFrom('alice', 'gemeente', ''),
    // Mostly calendar dates; an invalid one makes startCase give the facts one by one.
    at: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom('2024-01-01', '2024-03-01', '2023-12-31') },
      { weight: 1, arbitrary: fc.constantFrom('2024-02-30', 'x') },
    ),
  },
  { requiredKeys: ['fact'] },
);

const caseFile = fc.record(
  {
    asOf: fc.constantFrom('2024-01-01', '2024-02-15', '2024-13-01'),
    actors: fc.constantFrom<Record<string, { roles: string[] }>>(
      { gemeente: { roles: ['bestuursorgaan'] }, alice: { roles: ['persoon'] } },
      { bob: { roles: ['persoon', 'nope'] } },
    ),
    facts: fc.array(fact, { maxLength: 12 }),
  },
  { requiredKeys: ['asOf'] },
);

describe('startCase', () => {
  it('gives the same state, event log and diagnostics as one give per fact', () => {
    fc.assert(
      fc.property(caseFile, (c) => {
        const expected = startOneByOne(cm, c);
        const got = startCase(cm, c);
        expect(JSON.stringify(got.state)).toBe(JSON.stringify(expected.state));
        expect(got.diagnostics).toEqual(expected.diagnostics);
        expect(
          Object.isFrozen(got.state) && Object.isFrozen(got.state.facts) && Object.isFrozen(got.state.events),
        ).toBe(true);
        // The states behave the same afterwards (incremental evaluation follows the change log).
        const req = { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } };
        const a = take(cm, got.state, req, { trace: true });
        const b = take(cm, expected.state, req, { trace: true });
        expect(JSON.stringify({ ok: a.ok, state: a.state, trace: a.trace })).toBe(
          JSON.stringify({ ok: b.ok, state: b.state, trace: b.trace }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('logs one give event per fact given, with its own date', () => {
    const c: CaseFile = {
      asOf: '2024-01-01',
      actors: { alice: { roles: ['persoon'] } },
      facts: [
        { fact: 'ingezetene', args: ['alice'] },
        { fact: 'inkomen', args: ['alice'], value: '1.00', at: '2024-02-01' },
        { fact: 'nope' },
      ],
    };
    const s = startCase(cm, c);
    expect(s.state.events.map((e) => [e.kind, 'at' in e ? e.at : undefined])).toEqual([
      ['create', undefined],
      ['give', null],
      ['give', '2024-02-01'],
    ]);
    expect(s.diagnostics.map((d) => [d.code, d.path])).toEqual([['run-unknown-fact', '/facts/2']]);
  });
});
