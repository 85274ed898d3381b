/**
 * Duty deadlines under the Algemene termijnenwet (grammar/README.md#deadlines): the `atw` marker extends a
 * `within` term as art. 1 lid 1 and art. 2 Atw say, `not atw because SOURCE` keeps it and cites the source, no
 * marker behaves as before; the trace records the unextended date and the articles, the explanation mentions them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, explainText, parse, runScenarios } from '../../src/index.js';
import { format } from '../../src/syntax/index.js';
import type { TraceDutyChange } from '../../src/model/trace.js';
import { advance, compile, createCase, take, violations } from '../../src/run/index.js';
import { traceEntrySchema } from '../../src/trace/schema.js';
import { projectRoot } from '../helpers/shared.js';

const file = join(projectRoot, 'tests/run/fixtures/atw-deadline.flint');
const text = readFileSync(file, 'utf8');

/** The model with the `<beslissen>` deadline replaced by `deadline`. */
function modelWith(deadline: string) {
  const src = text.replace('deadline: within 6 weeks, atw', `deadline: ${deadline}`);
  const parsed = parse(src, file);
  expect(parsed.diagnostics).toEqual([]);
  return compile(parsed.value).value;
}

/** Alice files on `at`; the trace's duty activations by duty name, and the case after. */
function fileOn(at: string, deadline = 'within 6 weeks, atw') {
  const cm = modelWith(deadline);
  const state = createCase(cm, {
    asOf: at,
    actors: { alice: { roles: ['persoon'] }, gemeente: { roles: ['bestuursorgaan'] } },
  });
  const r = take(cm, state, { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' }, at });
  if (!r.ok) throw new Error('indienen was refused');
  expect(r.diagnostics).toEqual([]);
  const byDuty = new Map<string, TraceDutyChange>(r.trace.dutiesActivated.map((d) => [d.duty, d]));
  return { cm, state: r.state, trace: r.trace, byDuty };
}

describe('Atw deadlines', () => {
  it('extends a term ending on Saturday 26 April 2025 (Koningsdag) to Monday 28 April', () => {
    const { byDuty, state } = fileOn('2025-03-15');
    expect(byDuty.get('beslissen')).toEqual({
      id: expect.any(String),
      duty: 'beslissen',
      args: ['alice'],
      deadline: '2025-04-28',
      unextendedDeadline: '2025-04-26',
      atw: { applies: true, rule: 'art-1-lid-1', articles: ['Atw art. 1 lid 1', 'Atw art. 3 lid 1'] },
    });
    expect(state.duties.find((d) => d.duty === 'beslissen')?.deadline).toBe('2025-04-28');
  });

  it('extends a term ending on Easter Monday 21 April 2025 to 22 April', () => {
    const d = fileOn('2025-03-10').byDuty.get('beslissen');
    expect(d?.deadline).toBe('2025-04-22');
    expect(d?.unextendedDeadline).toBe('2025-04-21');
    expect(d?.atw?.rule).toBe('art-1-lid-1');
  });

  // Atw art. 3 lid 1 (text in norms/texts/atw.md): "Algemeen erkende feestdagen in de zin van deze wet zijn: ...
  // de vijfde mei, ... de beide Kerstdagen"; art. 3 lid 2 makes Goede Vrijdag equal to them.
  it('extends a term ending on 5 May 2025 (a Monday, Bevrijdingsdag) to Tuesday 6 May', () => {
    const d = fileOn('2025-03-24').byDuty.get('beslissen');
    expect(d?.unextendedDeadline).toBe('2025-05-05');
    expect(d?.deadline).toBe('2025-05-06');
    expect(d?.atw?.articles).toEqual(['Atw art. 1 lid 1', 'Atw art. 3 lid 1']);
  });

  it('extends a term ending on Christmas Day 2025 past Tweede Kerstdag and the weekend to 29 December', () => {
    const d = fileOn('2025-11-13').byDuty.get('beslissen');
    expect(d?.unextendedDeadline).toBe('2025-12-25');
    expect(d?.deadline).toBe('2025-12-29');
  });

  it('extends a term ending on Goede Vrijdag 18 April 2025 past Easter Monday to Tuesday 22 April', () => {
    const d = fileOn('2025-03-07').byDuty.get('beslissen');
    expect(d?.unextendedDeadline).toBe('2025-04-18');
    expect(d?.deadline).toBe('2025-04-22');
    expect(d?.atw?.articles).toContain('Atw art. 3 lid 2');
  });

  it('does not extend an excluded term and cites the excluding source', () => {
    const { byDuty, trace } = fileOn('2025-03-15');
    expect(byDuty.get('betalen')).toMatchObject({
      deadline: '2025-04-26',
      unextendedDeadline: '2025-04-26',
      atw: { applies: false, rule: null, articles: ['awir-28-lid-3'] },
    });
    expect(explainText(trace, { lang: 'en' })).toContain(
      'due 2025-04-26 (Algemene termijnenwet does not apply: awir-28-lid-3)',
    );
  });

  it('leaves a duty without the marker as before', () => {
    const d = fileOn('2025-03-15').byDuty.get('antwoorden');
    expect(d).toEqual({ id: expect.any(String), duty: 'antwoorden', args: ['alice'], deadline: '2025-04-26' });
  });

  it('does not extend a term the Atw excludes itself (art. 4: more than twelve weeks)', () => {
    const d = fileOn('2025-03-15', 'within 13 weeks, atw').byDuty.get('beslissen');
    // 13 weeks from 2025-03-15 is Saturday 2025-06-14: not extended.
    expect(d?.deadline).toBe('2025-06-14');
    expect(d?.atw).toEqual({ applies: false, rule: null, articles: ['Atw art. 4 onder a'] });
  });

  it('records the violation the day after the extended deadline, not before', () => {
    const { cm, state } = fileOn('2025-03-15');
    const names = (s: typeof state) => violations(s).map((v) => v.frame);
    const on28 = advance(cm, state, '2025-04-28').state;
    expect(names(on28)).not.toContain('beslissen');
    expect(names(on28)).toEqual(expect.arrayContaining(['betalen', 'antwoorden']));
    expect(names(advance(cm, on28, '2025-04-29').state)).toContain('beslissen');
  });

  it('mentions the extension in the explanation, in Dutch and English', () => {
    const { trace } = fileOn('2025-03-15');
    expect(explainText(trace, { lang: 'nl' })).toContain(
      'uiterlijk 2025-04-28 (verlengd van 2025-04-26; Atw art. 1 lid 1, Atw art. 3 lid 1)',
    );
    expect(explainText(trace, { lang: 'en' })).toContain(
      'due 2025-04-28 (extended from 2025-04-26; Atw art. 1 lid 1, Atw art. 3 lid 1)',
    );
    expect(traceEntrySchema.safeParse(JSON.parse(JSON.stringify(trace))).success).toBe(true);
  });

  it('keeps the markers when formatting', () => {
    expect(format(text, file)).toEqual({ value: text, diagnostics: [] });
  });

  it('runs the .flint scenarios', () => {
    const parsed = parse(text, file);
    expect(parsed.diagnostics).toEqual([]);
    expect(check(parsed.value).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = runScenarios(parsed.value);
    expect(report.diagnostics).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(8);
  });
});
