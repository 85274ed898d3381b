import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseJsonc } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import {
  exportFlintJson,
  exportFlintJsonText,
  FlintModelSchema,
  importFlintJson,
  importFlintJsonValue,
} from '../../src/interchange/index.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { actsOf, dutiesOf, factsOf, sourceDeclsOf, stripSpans } from '../../src/model/walk.js';
import { hasShared, sharedPath } from '../helpers/shared.js';
import { normaliseModel } from './normalise.js';

const MODELS: ReadonlyArray<[file: string, acts: number, facts: number, duties: number]> = [
  ['flint-example-lerarenbeurs.json', 32, 251, 32],
  ['flint-example-awb.json', 9, 33, 8],
  ['Vreemdelingenwet.flint.json', 4, 110, 3],
  ['ANLb.flint.json', 8, 26, 0],
  ['flint-example-verwelkoming.json', 4, 8, 1],
  ['flint-example.json', 1, 3, 1],
];

const read = (file: string): string => readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8');

describe.skipIf(!hasShared)('shared discipl models (skipped: ../shared is absent)', () => {
  it.each(MODELS)('%s imports with the frame counts of SOURCE.md and no errors', (file, acts, facts, duties) => {
    const { value, diagnostics } = importFlintJson(read(file), file);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([actsOf(value).length, factsOf(value).length, dutiesOf(value).length]).toEqual([acts, facts, duties]);
    for (const d of diagnostics) {
      if (d.path !== undefined) expect(d.path).toMatch(/^(\/.*)?$/);
      expect(d.span?.file).toBe(file);
    }
  });

  it('flint-example.json: the // comment is accepted with a json-comment warning at line 9', () => {
    const { diagnostics } = importFlintJson(read('flint-example.json'), 'flint-example.json');
    const comments = diagnostics.filter((d) => d.code === 'json-comment');
    expect(comments).toHaveLength(1);
    expect(comments[0]!.severity).toBe('warning');
    expect(comments[0]!.span?.start.line).toBe(9);
    expect(read('flint-example.json').slice(comments[0]!.span!.start.offset, comments[0]!.span!.end.offset)).toBe(
      '//belanghebbende',
    );
  });

  it('every file except flint-example.json is plain JSON and matches the zod model schema', () => {
    for (const [file] of MODELS) {
      const parsed = parseJsonc(read(file));
      expect(FlintModelSchema.safeParse(parsed).success, file).toBe(true);
    }
  });

  it.each(MODELS)('%s: JSON → model → JSON keeps every frame, expression, source and explanation', (file) => {
    const text = read(file);
    const model = importFlintJson(text, file).value;
    const dialect = model.header?.meta.some((e) => e.key === 'flintDialect' && e.value === 'reference')
      ? 'reference'
      : 'sources';
    const out = exportFlintJson(model);
    expect(out.diagnostics).toEqual([]);
    expect(out.value).toEqual(normaliseModel(parseJsonc(text) as Record<string, unknown>, dialect));
  });

  it.each(MODELS)('%s: import(exportText(import(json))) equals import(json), spans aside', (file) => {
    const first = importFlintJson(read(file), file).value;
    const text = exportFlintJsonText(first).value;
    const again = importFlintJson(text, 'again.json');
    expect(hasErrors(again.diagnostics)).toBe(false);
    expect(stripSpans(again.value)).toEqual(stripSpans(first));
  });

  it('dialects are recognised: reference for awb, ANLb, verwelkoming and flint-example; sources otherwise', () => {
    const dialect = (file: string): unknown =>
      importFlintJson(read(file), file).value.header?.meta.find((e) => e.key === 'flintDialect')?.value ?? 'sources';
    expect(MODELS.map(([f]) => [f, dialect(f)])).toEqual([
      ['flint-example-lerarenbeurs.json', 'sources'],
      ['flint-example-awb.json', 'reference'],
      ['Vreemdelingenwet.flint.json', 'sources'],
      ['ANLb.flint.json', 'reference'],
      ['flint-example-verwelkoming.json', 'reference'],
      ['flint-example.json', 'reference'],
    ]);
  });

  it('lerarenbeurs: sources become deduplicated SourceDecls with slug ids and ISO dates', () => {
    const file = 'flint-example-lerarenbeurs.json';
    const raw = parseJsonc(read(file)) as {
      acts: Array<{ sources: unknown[] }>;
      facts: Array<{ sources: unknown[] }>;
      duties: Array<{ sources: unknown[] }>;
    };
    const distinct = new Set(
      [...raw.acts, ...raw.facts, ...raw.duties].flatMap((f) => f.sources.map((s) => JSON.stringify(s))),
    );
    const model = importFlintJson(read(file), file).value;
    const sources = sourceDeclsOf(model);
    expect(sources).toHaveLength(distinct.size);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
    const first = sources[0]!;
    expect(first).toMatchObject({
      id: 'art-1.3-lid-3-awb',
      citation: 'art. 1:3 lid 3 Awb',
      validFrom: '2017-03-01',
      validTo: '2017-03-09',
      text: '',
      explanation: '',
    });
    const act = actsOf(model)[0]!;
    expect(act.sources.map((s) => s.id)).toEqual(['art-1.3-lid-3-awb']);
    for (const s of sources) {
      if (s.validFrom !== null) expect(s.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('awb: reference fields become one SourceDecl per frame with version kept and validFrom parsed', () => {
    const file = 'flint-example-awb.json';
    const model = importFlintJson(read(file), file).value;
    const frames = [...actsOf(model), ...factsOf(model), ...dutiesOf(model)];
    expect(sourceDeclsOf(model)).toHaveLength(frames.filter((f) => f.sources.length > 0).length);
    const act = actsOf(model)[0]!;
    const src = sourceDeclsOf(model).find((s) => s.id === act.sources[0]!.id)!;
    expect(src).toMatchObject({ citation: 'art. 1:3 lid 3 Awb', validFrom: '1998-01-01', validTo: null });
    expect(src.meta.find((e) => e.key === 'version')?.value).toBe('2-[19980101]-[jjjjmmdd]');
    expect(act.meta.find((e) => e.key === 'tags')?.value).toBe('');
    const duty = dutiesOf(model)[0]!;
    expect(duty.enforcedBy.every((r) => r.frame === 'act')).toBe(true);
  });

  it('ANLb: `art` on facts is kept in the frame meta', () => {
    const file = 'ANLb.flint.json';
    const raw = parseJsonc(read(file)) as { facts: Array<{ art?: string }> };
    const model = importFlintJson(read(file), file).value;
    const arts = factsOf(model).map((f) => f.meta.find((e) => e.key === 'art')?.value);
    expect(arts).toEqual(raw.facts.map((f) => f.art));
    expect(arts.filter((a) => a !== undefined).length).toBeGreaterThan(0);
  });

  it('verwelkoming: old dialect names are bare, string create gives effects and keeps createText', () => {
    const file = 'flint-example-verwelkoming.json';
    const model = importFlintJson(read(file), file).value;
    expect(model.header?.title).toBe('Regeling verwelkoming bewoners gemeente');
    expect(model.header?.meta.find((e) => e.key === 'reference')?.value).toBe('');
    expect(factsOf(model)[0]!.name).toBe('gemeente');
    const act = actsOf(model)[0]!;
    expect(act.creates.map((e) => [e.frame, e.name])).toEqual([['act', 'gemeente stuurt welkomstbrief naar bewoner']]);
    expect(act.meta.find((e) => e.key === 'createText')?.value).toBe('<<gemeente stuurt welkomstbrief naar bewoner>>');
    expect(act.preconditions).toMatchObject({
      kind: 'Ref',
      frame: 'fact',
      name: '[bewoner is ingeschreven in gemeente] EN NIET [verwelkomingsbehoefte reeds vervuld]',
    });
    expect(dutiesOf(model)[0]!.holder).toMatchObject({ kind: 'Ref', frame: 'fact', name: 'gemeente' });
  });
});

interface Scenario {
  readonly cases: ReadonlyArray<{ readonly name: string; readonly model?: unknown }>;
}

describe.skipIf(!hasShared)('inline models of the discipl scenarios (skipped: ../shared is absent)', () => {
  const dir = sharedPath('scenarios', 'discipl');
  const files = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.spec.json')) : [];
  const inline = files.flatMap((f) =>
    (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Scenario).cases
      .filter((c) => typeof c.model === 'object' && c.model !== null)
      .map((c) => ({ file: f, name: c.name, model: c.model })),
  );

  it('there are inline models to check', () => {
    expect(inline.length).toBeGreaterThan(40);
  });

  it('every inline model imports without errors, except the BANANAS one (unknown-operator)', () => {
    for (const c of inline) {
      const { diagnostics } = importFlintJsonValue(c.model, c.file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (c.name.includes('unknown expressions')) {
        expect(errors.map((d) => [d.code, d.path])).toEqual([['unknown-operator', '/acts/0/preconditions/expression']]);
      } else {
        expect(errors, `${c.file}: ${c.name}`).toEqual([]);
      }
    }
  });

  it('the zod model schema accepts every inline model except the BANANAS one', () => {
    for (const c of inline) {
      expect(FlintModelSchema.safeParse(c.model).success, `${c.file}: ${c.name}`).toBe(
        !c.name.includes('unknown expressions'),
      );
    }
  });

  it('every inline model round-trips through exportFlintJsonText', () => {
    for (const c of inline.filter((x) => !x.name.includes('unknown expressions'))) {
      const first = importFlintJsonValue(c.model, c.file).value;
      const again = importFlintJson(exportFlintJsonText(first).value, c.file).value;
      expect(stripSpans(again), `${c.file}: ${c.name}`).toEqual(stripSpans(first));
    }
  });
});
