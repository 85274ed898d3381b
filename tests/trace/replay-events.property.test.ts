/**
 * The event log: every give, take, force and clock move is logged in the state, and
 * replayEvents(model, events) rebuilds the state byte for byte (canonical JSON).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical.js';
import { advance, compile, createCase, force, give, take } from '../../src/run/index.js';
import type { CaseEvent, CaseState } from '../../src/run/index.js';
import { replayEvents } from '../../src/trace/index.js';
import { benefitActors, benefitModel } from '../run/fixtures.js';

const cm = compile(benefitModel()).value;
const actors = Object.keys(benefitActors);

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const stepArb = fc.oneof(
  fc.record({
    kind: fc.constantFrom('take' as const, 'force' as const),
    act: fc.constantFrom('indienen', 'toekennen', 'afwijzen'),
    actor: fc.constantFrom(...actors),
    aanvrager: fc.constantFrom('alice', 'bob'),
    days: fc.integer({ min: 0, max: 40 }),
    withFact: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('give' as const),
    fact: fc.constantFrom('inkomen', 'ingezetene', 'onbekend'),
    who: fc.constantFrom('alice', 'bob'),
    income: fc.constantFrom('100.10', '30000.00', 'veel'),
    by: fc.option(fc.constantFrom('belastingdienst', 'alice'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 0, max: 90 }) }),
);

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function run(steps: readonly Step[]): CaseState {
  let state = createCase(cm, {
    asOf: '2024-01-01',
    actors: benefitActors,
    facts: [{ fact: 'ingezetene', args: ['alice'] }],
  });
  for (const s of steps) {
    if (s.kind === 'give') {
      const g =
        s.fact === 'inkomen' ? { fact: 'inkomen', args: [s.who], value: s.income } : { fact: s.fact, args: [s.who] };
      state = give(cm, state, [g, { fact: 'ingezetene', args: ['bob'], value: false }], s.by ? { by: s.by } : {}).value;
    } else if (s.kind === 'advance') {
      state = advance(cm, state, addDays(state.asOf, s.days)).state;
    } else {
      const req = {
        act: s.act,
        actor: s.actor,
        params: { aanvrager: s.aanvrager },
        at: addDays(state.asOf, s.days),
        ...(s.withFact ? { facts: [{ fact: 'ingezetene', args: [s.aanvrager] }] } : {}),
      };
      state = (s.kind === 'force' ? force(cm, state, req) : take(cm, state, req)).state;
    }
  }
  return state;
}

describe('the event log', () => {
  it('replayEvents rebuilds any case byte for byte, also from the log as JSON', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 16 }), (steps) => {
        const state = run(steps);
        const r = replayEvents(cm, state.events);
        expect(r.diagnostics).toEqual([]);
        expect(canonicalJson(r.value)).toBe(canonicalJson(state));
        const parsed = JSON.parse(JSON.stringify(state.events)) as CaseEvent[];
        expect(canonicalJson(replayEvents(cm, parsed).value)).toBe(canonicalJson(state));
      }),
      { numRuns: 150 },
    );
  });

  it('logs gives, takes and clock moves in order; refusals and no-op moves change nothing', () => {
    const s0 = createCase(cm, { asOf: '2024-01-01', actors: benefitActors });
    const s1 = give(cm, s0, [{ fact: 'inkomen', args: ['alice'], value: '100.10' }], { by: 'belastingdienst' }).value;
    const s2 = take(cm, s1, {
      act: 'indienen',
      actor: 'alice',
      params: { aanvrager: 'alice' },
      at: '2024-01-05',
    }).state;
    const refused = take(cm, s2, { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } });
    expect(refused.ok).toBe(false);
    expect(refused.state).toBe(s2);
    const s3 = advance(cm, s2, '2024-03-01').state;
    expect(advance(cm, s3, '2024-02-01').state).toBe(s3);
    expect(s3.events.map((e) => e.kind)).toEqual(['create', 'give', 'take', 'advance']);
    expect(s3.events[1]).toEqual({
      kind: 'give',
      facts: [{ fact: 'inkomen', args: ['alice'], value: '100.10' }],
      by: 'belastingdienst',
      at: null,
    });
    expect(s3.events[2]).toEqual({
      kind: 'take',
      act: 'indienen',
      actor: 'alice',
      params: { aanvrager: 'alice' },
      facts: [],
      at: '2024-01-05',
    });
  });

  it('reports a log that does not start with create, an unknown event and a take refused on replay', () => {
    const s = take(cm, createCase(cm, { asOf: '2024-01-01', actors: benefitActors }), {
      act: 'indienen',
      actor: 'alice',
      params: { aanvrager: 'alice' },
    }).state;
    const twice = [...s.events, s.events[1] as CaseEvent, { kind: 'teleport' } as unknown as CaseEvent];
    const r = replayEvents(cm, twice);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['replay-refused', '/2'],
      ['replay-unknown-event', '/3/kind'],
    ]);
    expect(canonicalJson(r.value)).toBe(canonicalJson(s));
    expect(replayEvents(cm, s.events.slice(1)).diagnostics[0]?.code).toBe('replay-no-create');
  });
});
