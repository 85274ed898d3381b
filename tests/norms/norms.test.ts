/**
 * Every norm under norms/ loads and checks without errors, and the Awb is shared: the
 * kinderopvangtoeslag model imports it rather than copying its frames.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actsOf, sourceDeclsOf } from '../../src/model/walk.js';
import { loadNorm, ROOT } from './load.js';

function flintFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? flintFiles(join(dir, e.name)) : e.name.endsWith('.flint') ? [join(dir, e.name)] : [],
    )
    .sort();
}

const files = flintFiles(join(ROOT, 'norms')).map((f) => relative(ROOT, f));

describe('norms', () => {
  it('finds the Awb and kinderopvangtoeslag models', () => {
    expect(files).toEqual(
      expect.arrayContaining(['norms/awb/awb.flint', 'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint']),
    );
  });

  it.each(files)('%s checks with zero errors', (file) => {
    const errors = loadNorm(file).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });

  it.each([
    'norms/awb/awb.flint',
    'norms/awir/awir.flint',
    'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint',
    'norms/zorgtoeslag/zorgtoeslag.flint',
  ])('%s: every source block has a citation, text and juriconnect id, and every act cites a source', (file) => {
    const { checked } = loadNorm(file);
    const incomplete = sourceDeclsOf(checked.model)
      .filter((s) => {
        // A versioned source carries its text per version (grammar/README.md#versions).
        const texts = (s.versions ?? []).length > 0 ? (s.versions ?? []).map((v) => v.text) : [s.text];
        return s.citation === null || texts.some((t) => t === null || t.trim() === '') || s.juriconnect === null;
      })
      .map((s) => s.id);
    expect(incomplete).toEqual([]);
    expect(
      actsOf(checked.model)
        .filter((a) => a.sources.length === 0)
        .map((a) => a.name),
    ).toEqual([]);
  });

  it.each([
    'norms/awb/beroep.flint',
    'norms/awir/awir.flint',
    'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint',
    'norms/zorgtoeslag/zorgtoeslag.flint',
    'norms/lerarenbeurs/lerarenbeurs.flint',
  ])('%s: every act rests on a source with a BWB identifier', (file) => {
    const { checked } = loadNorm(file);
    const bwb = new Set(
      sourceDeclsOf(checked.model)
        .filter((s) =>
          [s.juriconnect, ...(s.versions ?? []).map((v) => v.juriconnect)].some((j) => /BWBR\d{7}/.test(j ?? '')),
        )
        .map((s) => s.id),
    );
    expect(
      actsOf(checked.model)
        .filter((a) => !a.sources.some((r) => bwb.has(r.id)))
        .map((a) => a.name),
    ).toEqual([]);
  });

  it.each([
    ['norms/awb/awb.flint', 'norms/texts/awb.md'],
    ['norms/kinderopvangtoeslag/kinderopvangtoeslag.flint', 'norms/texts/kinderopvangtoeslag.md'],
    ['norms/awir/awir.flint', 'norms/texts/kinderopvangtoeslag.md'],
    ['norms/zorgtoeslag/zorgtoeslag.flint', 'norms/texts/zorgtoeslag.md'],
  ])('%s quotes every source text line verbatim from %s', (file, textsFile) => {
    const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
    // The texts collected for issue 10 (versions per year) count for every norm: a line must stand in one of them.
    const more = ['awb.md', 'wko.md', 'besluit-kinderopvangtoeslag.md', 'awir.md', 'kinderopvangtoeslag.md'];
    const collected = squash(
      [textsFile, ...more.map((f) => `norms/texts/${f}`)].map((f) => readFileSync(join(ROOT, f), 'utf8')).join(' '),
    );
    const { checked } = loadNorm(file);
    const notFound = sourceDeclsOf(checked.model).flatMap((s) =>
      [s.text ?? '', ...(s.versions ?? []).map((v) => v.text ?? '')]
        .join('\n')
        .split('\n')
        .map(squash)
        .filter((line) => line !== '' && !collected.includes(line))
        .map((line) => `${s.id}: ${line}`),
    );
    expect(notFound).toEqual([]);
  });

  it('the kinderopvangtoeslag model imports the Awir, which imports the Awb', () => {
    const { files: loaded } = loadNorm('norms/kinderopvangtoeslag/kinderopvangtoeslag.flint');
    expect(loaded.map((f) => relative(ROOT, f))).toEqual([
      'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint',
      'norms/awir/awir.flint',
      'norms/awb/awb.flint',
    ]);
  });
});
