/**
 * Hostile paths: `import` and a case file's `"model"` resolve only inside a root; a rejected path
 * or a file that is not model text gets one diagnostic that never shows the file's content.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { memoryIo } from '../../src/cli/io.js';
import type { LoadHost } from '../../src/syntax/index.js';
import { isInsideRoot, loadModel, normalizePath } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const SECRET = 'GEHEIM_WACHTWOORD=hunter2';

function host(files: Record<string, string>, links: Record<string, string> = {}): LoadHost {
  return {
    readFile: (p) => files[normalizePath(p)],
    resolve: (from, imp) => normalizePath(`${from.slice(0, from.lastIndexOf('/') + 1)}${imp}`),
    realPath: (p) => {
      const n = normalizePath(p);
      for (const [link, to] of Object.entries(links))
        if (n === link || n.startsWith(`${link}/`)) return to + n.slice(link.length);
      return n;
    },
  };
}

describe('loadModel: imports stay inside the root', () => {
  const files = {
    '/m/main.flint': 'import "../../../../proc/self/environ"\nfact [a]',
    '/proc/self/environ': SECRET,
  };

  it('rejects an import outside the model folder without reading it', () => {
    let reads = 0;
    const h = host(files);
    const r = loadModel('/m/main.flint', {
      ...h,
      readFile: (p) => {
        reads++;
        return h.readFile(p);
      },
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-outside-root']);
    expect(reads).toBe(1);
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(r.diagnostics[0]?.span?.start.line).toBe(1);
  });

  it('a root the caller passes, and allowOutsideRoot, widen it', () => {
    const lib = { '/m/main.flint': 'import "../lib/b.flint"\nfact [a]', '/lib/b.flint': 'fact [b]' };
    expect(loadModel('/m/main.flint', host(lib)).diagnostics.map((d) => d.code)).toEqual(['import-outside-root']);
    expect(loadModel('/m/main.flint', host(lib), { root: '/' }).diagnostics).toEqual([]);
    expect(loadModel('/m/main.flint', host(lib), { allowOutsideRoot: true }).diagnostics).toEqual([]);
    // An explicit root that does not hold the import rejects it even next to the entry.
    const side = { '/m/main.flint': 'import "b.flint"', '/m/b.flint': 'fact [b]' };
    expect(loadModel('/m/main.flint', host(side), { root: '/x' }).diagnostics.map((d) => d.code)).toEqual([
      'import-outside-root',
    ]);
  });

  it('a symbolic link that escapes the root counts as outside (realPath)', () => {
    const linked = { '/m/main.flint': 'import "link/b.flint"', '/etc/b.flint': `fact [${SECRET}]` };
    const r = loadModel('/m/main.flint', host(linked, { '/m/link': '/etc' }));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-outside-root']);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('an import that is not a .flint file, or binary, is not read as a model', () => {
    const bin = {
      '/m/main.flint': 'import "data.flint"\nimport "x.txt"',
      '/m/data.flint': `\u0000\u0001${SECRET}`,
      '/m/x.txt': SECRET,
    };
    const r = loadModel('/m/main.flint', host(bin));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['import-not-model-text', 'import-not-model-text']);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('a binary entry gets one diagnostic', () => {
    const r = loadModel('/m/main.flint', host({ '/m/main.flint': `\u0000${SECRET}` }));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['not-model-text']);
  });

  it('paths are normalised purely', () => {
    expect(normalizePath('a/./b/../../../c')).toBe('../c');
    expect(normalizePath('/a/../../etc')).toBe('/etc');
    expect(isInsideRoot('../c', '.')).toBe(false);
    expect(isInsideRoot('/rootfoo/x', '/root')).toBe(false);
    expect(isInsideRoot('/root/x', '/root')).toBe(true);
  });
});

describe('the CLI (in-process): imports and case models inside --root', () => {
  it('check: an import escaping the current directory is rejected, its content not echoed', async () => {
    const io = memoryIo({
      'm.flint': 'import "../../../../proc/self/environ"\nfact [a]',
      '../../../../proc/self/environ': SECRET,
    });
    expect(await runCli(['check', 'm.flint'], io)).toBe(1);
    expect(io.out + io.err).toContain('import-outside-root');
    expect(io.out + io.err).not.toContain('hunter2');
  });

  it('check: a file that is not model text gets one diagnostic without excerpt', async () => {
    const io = memoryIo({ 'secret.txt': SECRET, 'bin.flint': `fact [a]\n\u0000${SECRET}` });
    expect(await runCli(['check', 'secret.txt', 'bin.flint'], io)).toBe(1);
    expect((io.out.match(/not-model-text/g) ?? []).length).toBe(2);
    expect(io.out + io.err).not.toContain('hunter2');
  });

  it('run: "model": "/etc/passwd" in a case file is rejected without reading it', async () => {
    const c = JSON.stringify({ model: '/etc/passwd', asOf: '2024-01-01' });
    const io = memoryIo({ 'c.json': c, '/etc/passwd': `root:x:0:0:${SECRET}` });
    expect(await runCli(['run', '--case', 'c.json'], io)).toBe(1);
    expect(io.err).toContain('model-outside-root');
    expect(io.err).toMatch(/c\.json:1:\d+/);
    expect(io.out + io.err).not.toContain('hunter2');
  });

  it('--root DIR and --allow-outside-root widen what is read', async () => {
    const files = { 'proj/m.flint': 'import "../lib/b.flint"\nfact [a]', 'lib/b.flint': 'fact [b]' };
    const narrow = memoryIo(files);
    expect(await runCli(['check', 'proj/m.flint', '--root', 'proj'], narrow)).toBe(1);
    expect(narrow.out).toContain('import-outside-root');
    const wide = memoryIo(files);
    expect(await runCli(['check', 'proj/m.flint', '--root=.'], wide)).toBe(0);
    const allowed = memoryIo(files);
    expect(await runCli(['check', '--allow-outside-root', 'proj/m.flint', '--root', 'proj'], allowed)).toBe(0);
    expect(await runCli(['check', 'proj/m.flint', '--root'], memoryIo(files))).toBe(2);
  });
});

describe('the CLI binary: real files, symbolic links', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flint-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const outside = join(dir, 'outside');
  const proj = join(dir, 'proj');
  mkdirSync(outside);
  mkdirSync(proj);
  writeFileSync(join(outside, 'geheim.flint'), `fact [a] {\n  ${SECRET} }\n`);
  writeFileSync(join(outside, 'passwd'), `root:x:0:0:${SECRET}\n`);
  symlinkSync(outside, join(proj, 'link'));
  writeFileSync(join(proj, 'm.flint'), 'import "link/geheim.flint"\nfact [b]\n');
  writeFileSync(join(proj, 'c.json'), JSON.stringify({ model: '../outside/passwd', asOf: '2024-01-01' }));
  const bin = resolve(projectRoot, 'bin/flint.js');
  const flint = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: proj, encoding: 'utf8', timeout: 60_000 });

  it('an import through a symbolic link out of the root is rejected; --allow-outside-root reads it', () => {
    const p = flint('check', 'm.flint');
    expect(p.status).toBe(1);
    expect(p.stdout).toContain('import-outside-root');
    expect(p.stdout + p.stderr).not.toContain('hunter2');
    const allowed = flint('check', 'm.flint', '--allow-outside-root');
    expect(allowed.stdout).toContain('geheim.flint');
    expect(readFileSync(join(proj, 'm.flint'), 'utf8')).toContain('link/');
  }, 60_000);

  it('a case file naming a model outside the root: one diagnostic, no content, no stack trace', () => {
    const p = flint('run', '--case', 'c.json');
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('model-outside-root');
    expect(p.stdout + p.stderr).not.toContain('hunter2');
    expect(p.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const allowed = flint('run', '--case', 'c.json', '--allow-outside-root');
    expect(allowed.stderr).toContain('not-model-text');
    expect(allowed.stdout + allowed.stderr).not.toContain('hunter2');
    expect(dirname(proj)).toBe(dir);
  }, 60_000);
});

describe('a file in another encoding', () => {
  it('a UTF-16 model file is named as such, once, with a hint to save it as UTF-8', () => {
    const utf16 = '\uFFFD\uFFFDm\u0000o\u0000d\u0000e\u0000l\u0000';
    const r = loadModel('/m/main.flint', host({ '/m/main.flint': utf16 }));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.code).toBe('not-model-text');
    expect(r.diagnostics[0]?.message).toContain('UTF-16 (little-endian) text, not UTF-8');
    expect(r.diagnostics[0]?.hint).toContain('UTF-8');
  });
});
