import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { FIX, fixtureIo } from './helpers.js';

const stackTrace = /\n\s+at .+:\d+:\d+/;

// Names from the fixture model, plus a few that do not exist.
const acts = [
  'aanvragen vergunning',
  'verlenen vergunning',
  'weigeren vergunning',
  '<<verlenen vergunning>>',
  'bouwen',
];
const facts = ['bouwplan', 'past in omgevingsplan', 'leges betaald', '[vergunbaar]', 'aanvraag', 'onbekend'];
const actors = ['anna', 'gemeente', 'piet'];
const dates = ['2024-01-01', '2024-02-01', '2024-03-15', '2024-06-01', '2023-12-31'];

const factArb = fc.record(
  {
    fact: fc.constantFrom(...facts),
    args: fc.array(fc.oneof(fc.constantFrom(...actors), fc.integer()), { maxLength: 2 }),
    value: fc.oneof(fc.boolean(), fc.constantFrom('ja', '12.50'), fc.integer()),
    at: fc.constantFrom(...dates),
  },
  { requiredKeys: ['fact'] },
);

const caseArb = fc.record(
  {
    model: fc.constant('vergunning.flint'),
    asOf: fc.constantFrom(...dates),
    actors: fc.constant({ anna: { roles: ['aanvrager'] }, gemeente: { roles: ['bevoegd gezag'] } }),
    facts: fc.array(factArb, { maxLength: 4 }),
    acts: fc.array(
      fc.record(
        {
          act: fc.constantFrom(...acts),
          actor: fc.constantFrom(...actors),
          params: fc.constantFrom({}, { aanvrager: 'anna' }),
          facts: fc.array(factArb, { maxLength: 1 }),
          at: fc.constantFrom(...dates),
          force: fc.boolean(),
          expect: fc.constantFrom('taken', 'refused'),
        },
        { requiredKeys: ['act', 'actor'] },
      ),
      { maxLength: 4 },
    ),
    advance: fc.constantFrom(...dates),
  },
  { requiredKeys: ['model', 'asOf'] },
);

describe('flint run / flint explain on arbitrary cases', () => {
  it('never throw: exit 0 or 1 with output, never a stack trace; same input, same output', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom('text', 'json'), async (c, format) => {
        const files = { [`${FIX}/p.json`]: JSON.stringify(c) };
        const a = fixtureIo(files);
        const code = await runCommand.run(['--case', `${FIX}/p.json`, '--format', format], a);
        expect([0, 1]).toContain(code);
        expect(a.out.length + a.err.length).toBeGreaterThan(0);
        expect(a.err).not.toMatch(stackTrace);
        if (code === 0) expect(a.err.replace(/^flint run: note: .*\n/gm, '')).toBe('');
        if (format === 'json' && a.out !== '') expect(() => JSON.parse(a.out) as unknown).not.toThrow();
        const b = fixtureIo(files);
        await runCommand.run(['--case', `${FIX}/p.json`, '--format', format], b);
        expect(b.out).toBe(a.out);
        expect(b.err).toBe(a.err);
      }),
      { numRuns: 60 },
    );
  });

  it('explain answers or reports for every act and actor, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(...acts), fc.constantFrom(...actors), async (c, act, actor) => {
        const io = fixtureIo({ [`${FIX}/p.json`]: JSON.stringify({ ...c, acts: [] }) });
        const code = await explainCommand.run(['--case', `${FIX}/p.json`, '--why-not', act, '--actor', actor], io);
        expect([0, 1, 2]).toContain(code);
        expect(io.err).not.toMatch(stackTrace);
      }),
      { numRuns: 40 },
    );
  });

  it('reject arbitrary text as a case file with exit 1 and a diagnostic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async (text) => {
        const io = fixtureIo({ 'x.json': text });
        const code = await runCommand.run([`${FIX}/vergunning.flint`, '--case', 'x.json'], io);
        if (code !== 0) {
          expect(code).toBe(1);
          expect(io.err).toMatch(/error (case-json-syntax|case-invalid)/);
        }
        expect(io.err).not.toMatch(stackTrace);
      }),
      { numRuns: 100 },
    );
  });
});
