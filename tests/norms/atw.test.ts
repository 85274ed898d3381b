/**
 * The Algemene termijnenwet as a bundled norm (norms/atw): its source blocks quote norms/texts/atw.md and cite
 * BWBR0002448 per article and lid; its scenarios pass with full coverage; and a model that imports it gets those
 * source blocks cited by the trace of an act whose duty deadline the Atw extended (or art. 4 excluded), through the
 * engine's Juriconnect matching (src/run/atw.ts atwSourceVersions, docs/calendar.md).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionSources, parse } from '../../src/index.js';
import type { SourceDecl } from '../../src/model/ast.js';
import type { TraceDutyChange } from '../../src/model/trace.js';
import { sourceDeclsOf } from '../../src/model/walk.js';
import { atwSourceVersions, compile, createCase, take } from '../../src/run/index.js';
import { runScenarios } from '../../src/scenario/index.js';
import { loadModel } from '../../src/syntax/index.js';
import { traceEntrySchema } from '../../src/trace/schema.js';
import { loadNorm, ROOT } from './load.js';

function loadFile(path: string) {
  const loaded = loadModel(
    resolve(ROOT, path),
    {
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (from, imp) => resolve(dirname(from), imp),
    },
    { root: resolve(ROOT, 'norms') },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.value.model;
}

describe('norms/atw/atw.flint', () => {
  const { checked, diagnostics } = loadNorm('norms/atw/atw.flint');
  const sources = sourceDeclsOf(checked.model);

  it('checks without errors and declares no actors, acts or duties (it joins any model)', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(checked.acts)).toEqual([]);
    expect(Object.keys(checked.duties)).toEqual([]);
  });

  it('has one source block per article and lid, each citing BWBR0002448 and the 2010-10-10 version', () => {
    expect(sources.map((s) => s.id)).toEqual([
      'atw-1-lid-1',
      'atw-1-lid-2',
      'atw-2',
      'atw-3-lid-1',
      'atw-3-lid-2',
      'atw-3-lid-3',
      'atw-4-onder-a',
      'atw-4-onder-b',
      'atw-4-onder-c',
      'atw-5',
      'atw-5a',
    ]);
    for (const s of sources) {
      expect(s.juriconnect, s.id).toMatch(/^jci1\.3:c:BWBR0002448&artikel=\w+(&(lid|onderdeel)=\w+)?$/);
      expect(s.validFrom, s.id).toBe('2010-10-10');
      expect(s.citation, s.id).toMatch(/Algemene termijnenwet$/);
    }
    expect(sources.find((s) => s.id === 'atw-1-lid-1')?.juriconnect).toBe('jci1.3:c:BWBR0002448&artikel=1&lid=1');
  });

  it('quotes every source text line verbatim from norms/texts/atw.md', () => {
    const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
    const collected = squash(readFileSync(join(ROOT, 'norms/texts/atw.md'), 'utf8'));
    const notFound = sources.flatMap((s) =>
      (s.text ?? '')
        .split('\n')
        .map(squash)
        .filter((line) => line !== '' && !collected.includes(line))
        .map((line) => `${s.id}: ${line}`),
    );
    expect(notFound).toEqual([]);
  });
});

describe('norms/atw/atw.test.flint', () => {
  const report = runScenarios(loadFile('norms/atw/atw.test.flint'), {
    file: resolve(ROOT, 'norms/atw/atw.test.flint'),
  });

  it('runs its scenarios, every check passes', () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(7);
    expect(report.failed).toBe(0);
  });

  it('takes every act and activates, ends and violates every duty', () => {
    expect(report.coverage.acts.notTaken).toEqual([]);
    expect(report.coverage.duties.notActivated).toEqual([]);
    expect(report.coverage.duties.notTerminated).toEqual([]);
    expect(report.coverage.duties.violated.length).toBe(3);
  });
});

describe('a trace cites the Atw source blocks of an extended deadline', () => {
  const cm = compile(loadFile('norms/atw/atw.test.flint')).value;

  function decide(at: string) {
    const state = createCase(cm, {
      asOf: at,
      actors: { alice: { roles: ['belanghebbende'] }, gemeente: { roles: ['bestuursorgaan'] } },
    });
    const r = take(cm, state, { act: 'bekendmaken besluit', actor: 'gemeente', params: { b: 'alice' }, at });
    if (!r.ok) throw new Error('bekendmaken besluit was refused');
    expect(r.diagnostics).toEqual([]);
    const byDuty = new Map<string, TraceDutyChange>(r.trace.dutiesActivated.map((d) => [d.duty, d]));
    return { trace: r.trace, byDuty };
  }

  it('Koningsdag on a Saturday: the six-week term cites atw-1-lid-1 and atw-3-lid-1', () => {
    const { trace, byDuty } = decide('2025-03-15');
    expect(byDuty.get('handelen binnen zes weken')).toEqual({
      id: expect.any(String),
      duty: 'handelen binnen zes weken',
      args: ['alice'],
      deadline: '2025-04-28',
      unextendedDeadline: '2025-04-26',
      atw: {
        applies: true,
        rule: 'art-1-lid-1',
        articles: ['Atw art. 1 lid 1', 'Atw art. 3 lid 1'],
        sources: ['atw-1-lid-1', 'atw-3-lid-1'],
      },
    });
    const ids = decisionSources(trace).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['atw-1-lid-1', 'atw-3-lid-1']));
    const cited = trace.sources.find((s) => s.id === 'atw-3-lid-1');
    expect(cited?.juriconnect).toBe('jci1.3:c:BWBR0002448&artikel=3&lid=1');
    expect(cited?.text).toContain('de dag waarop de verjaardag van de Koning wordt gevierd');
    expect(traceEntrySchema.safeParse(JSON.parse(JSON.stringify(trace))).success).toBe(true);
  });

  it('a term of thirteen weeks cites art. 4 onder a, which excludes it', () => {
    const d = decide('2025-03-15').byDuty.get('handelen binnen dertien weken');
    expect(d?.deadline).toBe('2025-06-14');
    expect(d?.atw).toEqual({
      applies: false,
      rule: null,
      articles: ['Atw art. 4 onder a'],
      sources: ['atw-4-onder-a'],
    });
  });

  it('art. 2 over Easter cites atw-2 and the lids of the skipped feestdagen', () => {
    const { trace, byDuty } = decide('2025-04-17');
    expect(byDuty.get('handelen binnen drie dagen')?.atw?.sources).toEqual(['atw-2', 'atw-3-lid-1', 'atw-3-lid-2']);
    expect(decisionSources(trace).map((s) => s.id)).toEqual(expect.arrayContaining(['atw-2', 'atw-3-lid-2']));
  });

  it('a term the Atw applies to but does not extend cites nothing extra', () => {
    // Six weeks from Monday 2025-03-03 end on Monday 2025-04-14, a working day.
    const d = decide('2025-03-03').byDuty.get('handelen binnen zes weken');
    expect(d?.atw).toEqual({ applies: true, rule: null, articles: [] });
  });
});

describe('atwSourceVersions', () => {
  const model = parse(
    `source whole-1 { juriconnect: "jci1.3:c:BWBR0002448&artikel=1" }
source lid-3-1 {
  juriconnect: "jci1.3:c:BWBR0002448&artikel=3&lid=1"
  version old { valid: 1999-01-01 .. 2010-10-09 }
  version new { valid: 2010-10-10 .. }
}
source other-law { juriconnect: "jci1.3:c:BWBR0005537&artikel=1&lid=1" }
source later { juriconnect: "jci1.3:c:BWBR0002448&artikel=2" valid: 2030-01-01 .. }
source no-jci { citation: "art. 2 Algemene termijnenwet" }`,
    'sources.flint',
  );
  expect(model.diagnostics).toEqual([]);
  const decls: SourceDecl[] = sourceDeclsOf(model.value);
  const keys = (articles: string[], date: string) =>
    atwSourceVersions(articles, decls, date).map((v) => (v.label === null ? v.source.id : `${v.source.id}@${v.label}`));

  it('matches the version in force, falls back to the whole article, ignores other laws and unmatched texts', () => {
    expect(keys(['Atw art. 1 lid 1', 'Atw art. 3 lid 1', 'awir-28-lid-3'], '2025-04-26')).toEqual([
      'whole-1',
      'lid-3-1@new',
    ]);
    expect(keys(['Atw art. 3 lid 1'], '2005-01-01')).toEqual(['lid-3-1@old']);
  });

  it('cites no source not in force on the date, and none without a Juriconnect id', () => {
    expect(keys(['Atw art. 2'], '2025-01-01')).toEqual([]);
    expect(keys(['Atw art. 2'], '2030-06-01')).toEqual(['later']);
    expect(keys(['Atw art. 3 lid 2'], '2025-01-01')).toEqual([]);
  });
});
