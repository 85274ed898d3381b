/**
 * Days declared equivalent to feestdagen (Atw art. 3 lid 3) as case data (docs/calendar.md): `createCase`'s
 * `equivalentDays` make the calendar built-ins and Atw duty deadlines count them, the trace cites the declaring
 * decision, invalid entries are reported with their JSON path, the event log and case files carry them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { memoryIo } from '../../src/cli/io.js';
import { parse } from '../../src/index.js';
import type { EquivalentDay } from '../../src/run/calendar.js';
import { compile, createCase, createCaseChecked, evaluateFact, take } from '../../src/run/index.js';
import { caseStateSchema } from '../../src/run/state.js';
import { replayEvents } from '../../src/trace/replay.js';
import { projectRoot } from '../helpers/shared.js';
import { call, date, fact, model, t } from './helpers.js';

const DECISION = 'Besluit gelijkstelling 6 mei 2025, Stcrt. 2025, 12345';
const DAYS: readonly EquivalentDay[] = [{ date: '2025-05-06', source: DECISION }];

const fixture = 'tests/run/fixtures/atw-deadline.flint';
const atwModel = () => {
  const parsed = parse(readFileSync(join(projectRoot, fixture), 'utf8'), fixture);
  expect(parsed.diagnostics).toEqual([]);
  return compile(parsed.value).value;
};
const actors = { alice: { roles: ['persoon'] }, gemeente: { roles: ['bestuursorgaan'] } };

/** `fn(2025-05-06)` as a derived fact, in a case with `equivalentDays`. */
function builtin(fn: string, type: 'boolean' | 'date', equivalentDays?: readonly EquivalentDay[]) {
  const cm = compile(model(fact('x', { type: t(type), definition: call(fn, date('2025-05-06')) }))).value;
  const state = createCase(cm, { asOf: '2025-01-01', ...(equivalentDays ? { equivalentDays } : {}) });
  return evaluateFact(cm, state, 'x').value;
}

/** Alice files on 2025-03-25: the six-week Atw term of <beslissen> ends on Tuesday 2025-05-06. */
function fileWith(equivalentDays?: readonly EquivalentDay[]) {
  const cm = atwModel();
  const created = createCaseChecked(cm, { asOf: '2025-03-25', actors, ...(equivalentDays ? { equivalentDays } : {}) });
  expect(created.diagnostics).toEqual([]);
  const r = take(cm, created.value, { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } });
  if (!r.ok) throw new Error('indienen was refused');
  return { cm, r, duty: r.trace.dutiesActivated.find((d) => d.duty === 'beslissen') };
}

describe('equivalent days in the calendar built-ins', () => {
  it('make is_working_day and is_holiday count the declared day', () => {
    expect(builtin('is_working_day', 'boolean')).toEqual({ type: 'boolean', value: true });
    expect(builtin('is_working_day', 'boolean', DAYS)).toEqual({ type: 'boolean', value: false });
    expect(builtin('is_holiday', 'boolean', ['2025-05-06'])).toEqual({ type: 'boolean', value: true });
  });

  it('make next_working_day skip the declared day', () => {
    const cm = compile(model(fact('x', { type: t('date'), definition: call('next_working_day', date('2025-05-05')) })));
    const plain = evaluateFact(cm.value, createCase(cm.value, { asOf: '2025-01-01' }), 'x').value;
    const state = createCase(cm.value, { asOf: '2025-01-01', equivalentDays: DAYS });
    expect(plain).toEqual({ type: 'date', value: '2025-05-06' });
    expect(evaluateFact(cm.value, state, 'x').value).toEqual({ type: 'date', value: '2025-05-07' });
  });
});

describe('equivalent days in Atw duty deadlines', () => {
  it('extend a term ending on the declared day and cite art. 3 lid 3 and the decision', () => {
    expect(fileWith().duty?.deadline).toBe('2025-05-06');
    const { duty } = fileWith(DAYS);
    expect(duty?.deadline).toBe('2025-05-07');
    expect(duty?.unextendedDeadline).toBe('2025-05-06');
    expect(duty?.atw).toEqual({
      applies: true,
      rule: 'art-1-lid-1',
      articles: ['Atw art. 1 lid 1', 'Atw art. 3 lid 3', DECISION],
    });
  });

  it('are kept in the state and its create event, and replayEvents rebuilds them', () => {
    const { cm, r } = fileWith(DAYS);
    expect(r.state.equivalentDays).toEqual(DAYS);
    expect(r.state.events[0]).toEqual({ kind: 'create', asOf: '2025-03-25', actors, equivalentDays: DAYS });
    expect(caseStateSchema.safeParse(r.state).success).toBe(true);
    const replayed = replayEvents(cm, JSON.parse(JSON.stringify(r.state.events)));
    expect(replayed.diagnostics).toEqual([]);
    expect(replayed.value.equivalentDays).toEqual(DAYS);
    expect(replayed.value.duties).toEqual(r.state.duties);
  });

  it('leave the state unchanged when none are given', () => {
    const { r } = fileWith();
    expect('equivalentDays' in r.state).toBe(false);
    expect('equivalentDays' in (r.state.events[0] as object)).toBe(false);
  });
});

describe('invalid equivalent days', () => {
  it('give located diagnostics and are left out', () => {
    const cm = atwModel();
    const bad = ['2025-02-30', { date: '2025-05-06', source: 7 }, 12, '2025-05-06'] as unknown as EquivalentDay[];
    const r = createCaseChecked(cm, { asOf: '2025-03-25', equivalentDays: bad });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['run-invalid-equivalent-day', '/equivalentDays/0'],
      ['run-invalid-equivalent-day', '/equivalentDays/1'],
      ['run-invalid-equivalent-day', '/equivalentDays/2'],
    ]);
    for (const d of r.diagnostics) expect(d.hint).toMatch(/YYYY-MM-DD/);
    expect(r.value.equivalentDays).toEqual(['2025-05-06']);
  });

  it('that are not a list give one diagnostic at /equivalentDays', () => {
    const r = createCaseChecked(atwModel(), {
      asOf: '2025-03-25',
      equivalentDays: '2025-05-06' as unknown as EquivalentDay[],
    });
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['run-invalid-equivalent-day', '/equivalentDays']]);
    expect('equivalentDays' in r.value).toBe(false);
  });
});

describe('equivalent days in case files', () => {
  const caseFile = (equivalentDays: unknown) =>
    JSON.stringify({
      model: 'atw-deadline.flint',
      asOf: '2025-03-25',
      actors: { alice: { roles: ['persoon'] }, gemeente: { roles: ['bestuursorgaan'] } },
      equivalentDays,
      acts: [{ act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } }],
    });

  async function run(equivalentDays: unknown) {
    const io = memoryIo({
      'atw-deadline.flint': readFileSync(join(projectRoot, fixture), 'utf8'),
      'case.json': caseFile(equivalentDays),
    });
    const code = await runCli(['run', '--case', 'case.json', '--format', 'json'], io);
    return { code, out: io.out, err: io.err };
  }

  it('run via flint run with the declared day extending the deadline', async () => {
    const r = await run(DAYS);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.duties.find((d: { duty: string }) => d.duty === 'beslissen').deadline).toBe('2025-05-07');
    const activated = out.acts[0].trace.dutiesActivated.find((d: { duty: string }) => d.duty === 'beslissen');
    expect(activated.atw.articles).toEqual(['Atw art. 1 lid 1', 'Atw art. 3 lid 3', DECISION]);
  });

  it('report an invalid day at its JSON path', async () => {
    const r = await run(['2025-02-30']);
    expect(r.code).not.toBe(0);
    expect(r.err + r.out).toContain('equivalentDays');
    expect(r.err + r.out).toContain('case.json:1:');
  });
});
