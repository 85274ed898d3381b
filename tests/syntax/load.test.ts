import { describe, expect, it } from 'vitest';
import type { LoadHost } from '../../src/syntax/index.js';
import { loadModel } from '../../src/syntax/index.js';

function host(files: Record<string, string>): LoadHost {
  return {
    readFile: (p) => files[p],
    resolve: (from, imp) => {
      const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
      const parts = (dir + imp).split('/');
      const out: string[] = [];
      for (const p of parts) {
        if (p === '..') out.pop();
        else if (p !== '.') out.push(p);
      }
      return out.join('/');
    },
  };
}

const frames = (r: ReturnType<typeof loadModel>) =>
  r.value.model.declarations.filter((d) => d.kind !== 'Import').map((d) => ('name' in d ? d.name : d.id));

describe('loadModel', () => {
  it('merges imports first, depth first in import order, each file once; header from the entry', () => {
    const r = loadModel(
      'm/main.flint',
      host({
        'm/main.flint': 'model "Main"\nimport "a.flint"\nimport "../lib/b.flint"\nfact [main]',
        'm/a.flint': 'model "A"\nimport "../lib/b.flint"\nfact [a]',
        'lib/b.flint': 'fact [b]',
      }),
      { root: '.' },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value.files).toEqual(['m/main.flint', 'm/a.flint', 'lib/b.flint']);
    expect(frames(r)).toEqual(['b', 'a', 'main']);
    expect(r.value.model.header?.title).toBe('Main');
    const b = r.value.model.declarations.find((d) => 'name' in d && d.name === 'b');
    expect(b?.span.file).toBe('lib/b.flint');
  });

  it('reports a missing import at the import', () => {
    const r = loadModel('main.flint', host({ 'main.flint': 'fact [x]\nimport "nope.flint"' }));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'import-not-found',
      span: { file: 'main.flint', start: { line: 2, column: 1 } },
    });
    expect(frames(r)).toEqual(['x']);
  });

  it('reports an import cycle once and still loads every file', () => {
    const r = loadModel(
      'a.flint',
      host({ 'a.flint': 'import "b.flint"\nfact [a]', 'b.flint': 'import "a.flint"\nfact [b]' }),
    );
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-cycle']);
    expect(r.diagnostics[0]?.message).toContain('a.flint → b.flint → a.flint');
    expect(r.diagnostics[0]?.span?.file).toBe('b.flint');
    expect(frames(r)).toEqual(['b', 'a']);
  });

  it('keeps each file its own diagnostics with its own file name', () => {
    const r = loadModel('a.flint', host({ 'a.flint': 'import "b.flint"\nfact [a]: numbr', 'b.flint': 'fact [b] {' }));
    expect(r.diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['unknown-type', 'a.flint'],
      ['syntax-error', 'b.flint'],
    ]);
  });

  it('reports a missing entry file', () => {
    const r = loadModel('x.flint', host({}));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-not-found']);
    expect(r.value.files).toEqual([]);
  });
});
