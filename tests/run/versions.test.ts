/**
 * Versions of the law in the interpreter (grammar/README.md#versions), on a model of art. 4 lid 1 and art. 8a
 * Besluit kinderopvangtoeslag in three yearly wordings (tests/run/fixtures/versions/maximum-uurprijs.flint; the
 * texts and where they came from are in norms/texts/besluit-kinderopvangtoeslag.md). Every expected amount is the
 * one the quoted wording states for that year: 2018 dagopvang € 7,45 (Stb. 2017, 430), 2019 € 8,02
 * (Stb. 2018, 327), 2023 € 9,12; 2020-2022 have no wording in the model, so they are unknown.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkAct,
  compile,
  createCase,
  decisionSources,
  evaluateFact,
  explainText,
  parse,
  runScenarios,
  take,
} from '../../src/index.js';
import type { CompiledModel, GivenFact } from '../../src/index.js';
import { pickVariant, sourceVersions, variantTable } from '../../src/model/versions.js';

const file = fileURLToPath(new URL('./fixtures/versions/maximum-uurprijs.flint', import.meta.url));
const parsed = parse(readFileSync(file, 'utf8'), 'maximum-uurprijs.flint');
const cm: CompiledModel = compile(parsed.value).value;

const given = (jaar: number, soort = 'dagopvang'): GivenFact[] => [
  { fact: 'berekeningsjaar', args: [], value: jaar },
  { fact: 'soort opvang', args: [], value: soort },
];

function price(asOf: string, jaar: number, soort = 'dagopvang') {
  const state = createCase(cm, { asOf, facts: given(jaar, soort) });
  return evaluateFact(cm, state, 'maximum uurprijs', [], { trace: true });
}

describe('a value with three yearly versions', () => {
  test('parses without errors', () => {
    expect(parsed.diagnostics).toEqual([]);
  });

  test.each([
    [2018, 'dagopvang', '7.45'],
    [2018, 'bso', '6.95'],
    [2018, 'gastouderopvang', '5.91'],
    [2019, 'dagopvang', '8.02'],
    [2019, 'bso', '6.89'],
    [2019, 'gastouderopvang', '6.15'],
    [2023, 'dagopvang', '9.12'],
    [2023, 'bso', '7.85'],
    [2023, 'gastouderopvang', '6.85'],
  ])('berekeningsjaar %i, %s: the amount of that year (decided in 2024)', (jaar, soort, amount) => {
    const r = price('2024-06-01', jaar, soort);
    expect(r.value).toEqual({ type: 'decimal', value: amount });
    expect(r.diagnostics).toEqual([]);
  });

  test('the trace names the version applied and the deciding date', () => {
    const r = price('2024-06-01', 2019);
    const frame = r.frames?.find((f) => f.name === 'maximum uurprijs' && f.at !== undefined);
    expect(frame?.at).toBe('2019-01-01');
    expect(frame?.sources).toEqual([
      {
        id: 'bkot-4',
        citation: 'art. 4 lid 1 Besluit kinderopvangtoeslag',
        juriconnect: 'jci1.3:c:BWBR0017321&artikel=4&lid=1',
        validFrom: '2019-01-01',
        validTo: '2019-12-31',
        text: '1. dagopvang € 8,02; 2. buitenschoolse opvang € 6,89; en 3. gastouderopvang € 6,15.',
        version: '2019',
        publication: 'Stb. 2018, 327',
      },
    ]);
  });

  test('before the first version: unknown, with a diagnostic naming the article and the date', () => {
    const r = price('2024-06-01', 2017);
    expect(r.value).toEqual({ type: 'unknown' });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'run-no-version',
        'warning',
        'No version of art. 4 lid 1 Besluit kinderopvangtoeslag is in force on 2017-01-01 for [maximum uurprijs] ' +
          '(its versions: 2018-01-01 .. 2018-12-31, 2019-01-01 .. 2019-12-31, 2023-01-01 .. 2023-12-31): ' +
          'the value is unknown.',
      ],
    ]);
  });

  test('in a year no version covers (2021): unknown, never the 2019 or 2023 amount', () => {
    expect(price('2024-06-01', 2021).value).toEqual({ type: 'unknown' });
  });

  test('without applies as of, the case clock decides, boundary days included', () => {
    const at = (asOf: string) =>
      evaluateFact(cm, createCase(cm, { asOf }), 'maximum uurprijs dagopvang vandaag', []).value;
    expect(at('2018-12-31')).toEqual({ type: 'decimal', value: '7.45' });
    expect(at('2019-01-01')).toEqual({ type: 'decimal', value: '8.02' });
    expect(at('2019-12-31')).toEqual({ type: 'decimal', value: '8.02' });
    expect(at('2020-01-01')).toEqual({ type: 'unknown' });
    expect(at('2023-01-01')).toEqual({ type: 'decimal', value: '9.12' });
    expect(at('2017-12-31')).toEqual({ type: 'unknown' });
  });
});

describe(
  'an act whose preconditions differ per version (art. 8a: 140 % rule until 2022, 230 hours a month ' + 'since)',
  () => {
    const actors = { bd: { roles: ['belastingdienst'] }, alice: { roles: ['ouder'] } };
    const facts = (jaar: number): GivenFact[] => [
      ...given(jaar),
      // 1,000 hours of care, 800 hours worked in 5 months: 1,000 <= 1.4 × 800 = 1,120, and 1,000 <= 230 × 5 = 1,150.
      { fact: 'uren opvang', args: ['alice'], value: 1000 },
      { fact: 'gewerkte uren', args: ['alice'], value: 800 },
      { fact: 'maanden gewerkt', args: ['alice'], value: 5 },
    ];
    const status = (jaar: number, extra: GivenFact[] = []) => {
      const state = createCase(cm, { asOf: '2024-06-01', actors, facts: [...facts(jaar), ...extra] });
      return checkAct(cm, state, 'vaststellen toeslag', 'bd', { o: 'alice' });
    };

    test('2019: the 140 % rule decides', () => {
      expect(status(2019).status).toBe('enabled');
      // 1,150 hours: within 230 × 5 but above 140 % of 800 = 1,120: refused under the 2019 wording.
      expect(status(2019, [{ fact: 'uren opvang', args: ['alice'], value: 1150 }]).status).toBe('disabled');
    });

    test('2023: the 230-hours-a-month rule decides', () => {
      // 1,150 hours: 230 × 5 = 1,150, allowed in 2023 although above 140 % of the hours worked.
      expect(status(2023, [{ fact: 'uren opvang', args: ['alice'], value: 1150 }]).status).toBe('enabled');
      expect(status(2023, [{ fact: 'uren opvang', args: ['alice'], value: 1151 }]).status).toBe('disabled');
    });

    test('a year without a version: the act is refused, and the refusal says why', () => {
      const r = status(2017);
      expect(r.status).toBe('disabled');
      expect(r.reasons.map((x) => x.message)).toContain(
        'No version of art. 8a lid 1 Besluit kinderopvangtoeslag is in force on 2017-01-01 ' +
          'for <<vaststellen toeslag>> (its versions: 2018-01-01 .. 2022-12-31, 2023-01-01 ..): the value is unknown.',
      );
    });

    test('taking the act records the version applied in the trace', () => {
      const state = createCase(cm, { asOf: '2024-06-01', actors, facts: facts(2023) });
      const r = take(cm, state, { act: 'vaststellen toeslag', actor: 'bd', params: { o: 'alice' } });
      expect(r.ok).toBe(true);
      const versions = r.trace.frames.flatMap((f) => f.sources.map((s) => `${f.name} ${f.at} ${s.id}@${s.version}`));
      expect(versions).toContain('vaststellen toeslag 2023-01-01 bkot-8a@2023');
      expect(versions).toContain('maximum uurprijs 2023-01-01 bkot-4@2023');
      // The explanation cites the wording applied with its period and publication.
      const text = explainText(r.trace, { lang: 'nl' });
      expect(text).toContain('art. 8a lid 1 Besluit kinderopvangtoeslag (2023-01-01 – …, Stb. 2022, 386)');
      expect(decisionSources(r.trace).map((s) => `${s.id}@${s.version}`)).toEqual(
        expect.arrayContaining(['bkot-8a@2023', 'bkot-4@2023']),
      );
    });
  },
);

describe('scenario coverage of variants', () => {
  test("the branches of the variant checked count, the others' are not evaluated", () => {
    const scenario = `
scenario "2019" {
  as of 2024-06-01
  actors: bd: [belastingdienst], alice: [ouder]
  given [berekeningsjaar] = 2019
  given [soort opvang] = "dagopvang"
  given [uren opvang](alice) = 1000
  given [gewerkte uren](alice) = 800
  given [maanden gewerkt](alice) = 5
  bd does <<vaststellen toeslag>>(alice)
}
scenario "2019, 1,150 hours: above 140 % of 800 worked" {
  as of 2024-06-01
  actors: bd: [belastingdienst], alice: [ouder]
  given [berekeningsjaar] = 2019
  given [soort opvang] = "dagopvang"
  given [uren opvang](alice) = 1150
  given [gewerkte uren](alice) = 800
  given [maanden gewerkt](alice) = 5
  expect <<vaststellen toeslag>>(alice) not available for bd because [gewerkte uren]
}`;
    const model = parse(readFileSync(file, 'utf8') + scenario, 'maximum-uurprijs.flint');
    const report = runScenarios(model.value);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(1);
    const branches = report.coverage.branches.all.map((b) => `${b.operand}: ${b.seenTrue}/${b.seenFalse}`);
    expect(branches).toEqual([
      '[uren opvang](o) <= 1.4 * [gewerkte uren](o): true/true',
      '[maximum uurprijs] > 0: true/false',
      '[uren opvang](o) <= 230 * [maanden gewerkt](o): false/false',
      '[maximum uurprijs] > 0: false/false',
    ]);
  });
});

describe('properties', () => {
  const source = parsed.value.declarations.find((d) => d.kind === 'Source' && d.id === 'bkot-4');
  const fact = parsed.value.declarations.find((d) => d.kind === 'Fact' && d.name === 'maximum uurprijs');
  const sources = new Map(parsed.value.declarations.flatMap((d) => (d.kind === 'Source' ? [[d.id, d] as const] : [])));

  test('the version chosen for a date is the unique one whose validity contains it', () => {
    if (source?.kind !== 'Source' || fact?.kind !== 'Fact') throw new Error('fixture changed');
    const table = variantTable(sources, fact.variants ?? [], (v) => v);
    const versions = sourceVersions(source);
    fc.assert(
      fc.property(fc.date({ min: new Date('2015-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }), (d) => {
        const date = d.toISOString().slice(0, 10);
        const containing = versions.filter(
          (v) => (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || date <= v.validTo),
        );
        expect(containing.length).toBeLessThanOrEqual(1);
        const picked = pickVariant(table, date);
        expect(picked?.variant.sources[0]?.version ?? null).toBe(containing[0]?.label ?? null);
      }),
    );
  });
});
