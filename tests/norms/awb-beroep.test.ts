/**
 * The Awb procedure after the decision (norms/awb/beroep.flint on top of awb.flint): its source texts are
 * quoted verbatim from norms/texts/awb.md, the scenario file reaches the coverage issue 10 asks for, and the
 * Algemene termijnenwet extends the statutory terms (checked on the native interpreter, dates worked out by hand
 * in the comments from the article texts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCaseFile, parseCaseFile, toGivenFact } from '../../src/case/index.js';
import { actsOf, sourceDeclsOf } from '../../src/model/walk.js';
import { createCase, take } from '../../src/run/index.js';
import type { GivenFact } from '../../src/run/index.js';
import { runScenarios } from '../../src/scenario/index.js';
import { loadModel } from '../../src/syntax/index.js';
import { decisionSources } from '../../src/trace/index.js';
import { Flow, newCoverage } from './flow.js';
import { loadNorm, ROOT } from './load.js';

const norm = loadNorm('norms/awb/beroep.flint');
const cm = norm.compiled;
const coverage = newCoverage();
const actors = {
  alice: { roles: ['aanvrager'] },
  gemeente: { roles: ['bestuursorgaan'] },
  rechtbank: { roles: ['bestuursrechter'] },
};
const A = { aanvrager: 'alice' };

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

/** Filed, rejected on `decided` and made known on `known`. */
function rejected(filedOn: string, decided: string, known: string): Flow {
  const f = filed(filedOn);
  f.step({
    act: 'afwijzen aanvraag',
    actor: 'gemeente',
    params: A,
    at: decided,
    facts: [
      { fact: 'gegevens en bescheiden toereikend', args: ['alice'] },
      { fact: 'aanvraag toewijsbaar', args: ['alice'], value: false },
    ],
  });
  f.step({
    act: 'bekendmaken besluit',
    actor: 'gemeente',
    params: A,
    at: known,
    facts: [{ fact: 'datum bekendmaking', args: ['alice'], value: known }],
  });
  return f;
}

describe('Awb beroep.flint: sources', () => {
  it('checks without errors and every act cites a source with a BWB id', () => {
    expect(norm.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = norm.checked.model;
    const ids = new Map(sourceDeclsOf(model).map((s) => [s.id, s.juriconnect ?? '']));
    for (const a of actsOf(model)) {
      expect(a.sources.length, a.name).toBeGreaterThan(0);
      for (const s of a.sources) expect(ids.get(s.id), `${a.name}: ${s.id}`).toMatch(/^jci1\.3:c:BWBR\d{7}&/);
    }
  });

  it('gives every source block a citation, a text and a Juriconnect id', () => {
    const incomplete = sourceDeclsOf(norm.checked.model)
      .filter((s) => s.citation === null || (s.text ?? '').trim() === '' || s.juriconnect === null)
      .map((s) => s.id);
    expect(incomplete).toEqual([]);
  });

  it('quotes every source text line verbatim from norms/texts/awb.md', () => {
    const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
    const collected = squash(readFileSync(join(ROOT, 'norms/texts/awb.md'), 'utf8'));
    const notFound = sourceDeclsOf(norm.checked.model).flatMap((s) =>
      (s.text ?? '')
        .split('\n')
        .map(squash)
        .filter((line) => line !== '' && !collected.includes(line))
        .map((line) => `${s.id}: ${line}`),
    );
    expect(notFound).toEqual([]);
  });
});

describe('Awb scenarios (norms/awb/awb.test.flint): coverage', () => {
  const file = resolve(ROOT, 'norms/awb/awb.test.flint');
  const loaded = loadModel(
    file,
    {
      readFile: (p) => readFileSync(p, 'utf8'),
      resolve: (from, imp) => resolve(dirname(from), imp),
    },
    { root: resolve(ROOT, 'norms') },
  );
  const report = runScenarios(loaded.value.model, { file });

  it('takes every act and activates, ends and violates every duty', () => {
    expect(report.failed).toBe(0);
    expect(report.coverage.acts.notTaken).toEqual([]);
    expect(report.coverage.duties.notActivated).toEqual([]);
    expect(report.coverage.duties.notTerminated).toEqual([]);
    expect(report.coverage.duties.notViolated).toEqual([]);
  });

  it('sees at least 60 % of the and/or branches of the preconditions both true and false', () => {
    const { covered, total } = report.coverage.branches;
    expect(covered / total).toBeGreaterThanOrEqual(0.6);
  });
});

describe('Awb terms under the Algemene termijnenwet', () => {
  it('extends the eight weeks ending on Tweede Paasdag 2025 to the next day (4:13 lid 2, Atw art. 1 lid 1)', () => {
    // 2025-02-24 + 8 weeks = Monday 2025-04-21, Tweede Paasdag (Atw art. 3 lid 1): the term runs to 2025-04-22.
    const f = filed('2025-02-24');
    const activated = f.last?.ok ? f.last.trace.dutiesActivated : [];
    expect(activated.map((d) => [d.duty, d.unextendedDeadline, d.deadline, d.atw?.rule])).toEqual([
      ['beslissen op aanvraag', '2025-04-21', '2025-04-22', 'art-1-lid-1'],
    ]);
    f.advance('2025-04-22');
    expect(f.violations()).toEqual([]);
    f.advance('2025-04-23');
    expect(f.violations()).toEqual(['duty-deadline beslissen op aanvraag(alice) 2025-04-23']);
  });

  it('runs the objection term ending on 5 mei 2025 to 6 May, and the 7:10 term from there', () => {
    // Made known on Monday 2025-03-24: six weeks (6:7) from the next day (6:8 lid 1) end on 2025-05-05, 5 mei.
    const f = rejected('2025-02-24', '2025-03-21', '2025-03-24');
    expect(f.value('einde bezwaar- of beroepstermijn', ['alice'])).toBe('2025-05-06');
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2025-05-07', expect: 'refused' });
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2025-05-06' });
    // 7:10 lid 1: six weeks from the day after 2025-05-06: 2025-06-17 (a Tuesday).
    expect(f.state.duties.filter((d) => d.status === 'active').map((d) => [d.duty, d.deadline])).toEqual([
      ['beslissen op bezwaar', '2025-06-17'],
    ]);
  });

  it('a bezwaarschrift posted on the last day and received after the week ends too late (6:9 lid 2)', () => {
    // Made known 2024-03-21: the term ends 2024-05-02; a week later is Hemelvaartsdag 2024-05-09, so 10 May counts.
    const f = rejected('2024-02-01', '2024-03-20', '2024-03-21');
    const posted = [{ fact: 'datum terpostbezorging bezwaarschrift', args: ['alice'], value: '2024-05-02' }];
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-05-13', facts: posted, expect: 'refused' });
    f.step({ act: 'maken bezwaar', actor: 'alice', params: A, at: '2024-05-10', facts: posted });
    expect(f.value('bezwaarschrift ontvangen', ['alice', '2024-05-10'])).toBe(true);
  });

  it('lets beroep against not deciding in time rest on 6:2 b, 6:12 and 7:1 lid 1 f', () => {
    const f = filed('2024-03-04');
    // The eight weeks end on 2024-04-29; in default from 2024-04-30; notice on 2024-05-01; two weeks after that day
    // have passed on 2024-05-16 (6:12 lid 2 sub b).
    const notice = [{ fact: 'datum ingebrekestelling', args: ['alice'], value: '2024-05-01' }];
    f.step({ act: 'ingebrekestellen', actor: 'alice', params: A, at: '2024-05-01', facts: notice });
    f.step({ act: 'instellen beroep', actor: 'alice', params: A, at: '2024-05-15', expect: 'refused' });
    const r = f.step({ act: 'instellen beroep', actor: 'alice', params: A, at: '2024-05-16' });
    const cited = r.ok ? decisionSources(r.trace).map((s) => s.id) : [];
    expect(cited).toEqual(expect.arrayContaining(['awb-6:2', 'awb-6:12-lid-2', 'awb-7:1-lid-1', 'awb-6:4-lid-3']));
  });

  it('postpones the decision on objection by six weeks from the unextended end (7:10 lid 3)', () => {
    // Made known 2025-08-21; objection term ends 2025-10-02; twelve weeks with a committee end on Eerste Kerstdag
    // 2025-12-25, extended to Monday 2025-12-29; postponed: 2025-12-25 + 6 weeks = Thursday 2026-02-05.
    const f = rejected('2025-08-01', '2025-08-19', '2025-08-21');
    f.step({
      act: 'maken bezwaar',
      actor: 'alice',
      params: A,
      at: '2025-09-15',
      facts: [{ fact: 'adviescommissie ingesteld', args: ['alice'] }],
    });
    expect(f.state.duties.find((d) => d.status === 'active')?.deadline).toBe('2025-12-29');
    f.step({ act: 'verdagen beslissing op bezwaar', actor: 'gemeente', params: A, at: '2025-12-29' });
    expect(f.state.duties.filter((d) => d.status === 'active').map((d) => [d.duty, d.deadline])).toEqual([
      ['beslissen op verdaagd bezwaar', '2026-02-05'],
    ]);
    f.step({ act: 'beslissen op bezwaar', actor: 'gemeente', params: A, at: '2026-02-02' });
    expect(f.activeDuties()).toEqual(['bekendmaken besluit(alice)']);
  });
});

describe('examples/cases/awb-beroep.case.json', () => {
  it('runs as written: default after Tweede Paasdag, notice of default, beroep two weeks later', () => {
    const file = 'examples/cases/awb-beroep.case.json';
    const parsed = parseCaseFile(readFileSync(join(ROOT, file), 'utf8'), file);
    expect(parsed.diagnostics).toEqual([]);
    const c = parsed.value.case;
    if (!c?.model) throw new Error(`${file} names no model`);
    const model = loadNorm(join(dirname(file), c.model)).compiled;
    expect(checkCaseFile(model, c)).toEqual([]);
    let state = createCase(model, { asOf: c.asOf, actors: c.actors ?? {}, facts: (c.facts ?? []).map(toGivenFact) });
    const outcomes: string[] = [];
    for (const a of c.acts ?? []) {
      const r = take(model, state, {
        act: a.act,
        actor: a.actor,
        params: a.params ?? {},
        ...(a.at ? { at: a.at } : {}),
        ...(a.facts ? { facts: a.facts.map(toGivenFact) } : {}),
      });
      outcomes.push(`${a.act} ${a.at}: ${r.ok ? 'taken' : 'refused'}`);
      if (r.ok) state = r.state;
    }
    expect(outcomes).toEqual([
      'indienen aanvraag 2025-02-24: taken',
      'ingebrekestellen 2025-04-22: refused',
      'ingebrekestellen 2025-04-24: taken',
      'instellen beroep 2025-05-08: refused',
      'instellen beroep 2025-05-09: taken',
    ]);
    expect(state.violations.map((v) => `${v.frame} ${v.at}`)).toEqual(['beslissen op aanvraag 2025-04-24']);
  });
});
