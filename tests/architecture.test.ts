import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/shared.js';

/** Which stages each stage may import (besides itself). The core is pure: no node:* outside cli. */
const allowed: Record<string, readonly string[]> = {
  model: [],
  syntax: ['model', 'grammar'],
  interchange: ['model'],
  check: ['model'],
  graph: ['model', 'check'],
  register: ['model', 'check', 'graph'],
  report: ['model'],
  run: ['model'],
  trace: ['model', 'run'],
  case: ['model', 'run', 'trace'],
  compat: ['model', 'interchange'],
  scenario: ['model', 'syntax', 'check', 'run', 'trace', 'case'],
  batch: ['model', 'check', 'interchange', 'run', 'trace', 'case'],
  // The decision service: the store keeps cases, events and traces in a database (node:crypto, node:path and the
  // database bindings); the server puts HTTP in front of it. Nothing below them imports them.
  store: ['model', 'syntax', 'check', 'interchange', 'run', 'case', 'trace'],
  server: ['model', 'syntax', 'check', 'interchange', 'graph', 'run', 'case', 'trace', 'store'],
  cli: ['*'],
};

/** Stages that do I/O through node:* modules besides the CLI: the store (database) and the server (HTTP). */
const ioStages = new Set(['cli', 'store', 'server']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Script files that run as build steps (they may use node:fs); they are not part of the library. */
const buildScripts = /(^|\/)generate-[\w-]+\.ts$/;

const srcDir = join(projectRoot, 'src');
const sourceFiles = filesUnder(srcDir);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

describe('Architecture', () => {
  it('finds the source files', () => {
    expect(sourceFiles.length).toBeGreaterThan(10);
  });

  for (const file of sourceFiles) {
    const rel = relative(srcDir, file);
    const stage = rel.split('/')[0] as string;
    if (!rel.includes('/')) continue; // src/index.ts re-exports every stage
    it(`${rel} imports only what its stage may use`, () => {
      const mayUse = allowed[stage];
      expect(mayUse, `stage «${stage}» is not listed in tests/architecture.test.ts`).toBeDefined();
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:')) {
          if (!ioStages.has(stage) && !buildScripts.test(rel))
            expect.fail(`${rel} imports ${spec}: only src/cli, src/store and src/server may do I/O`);
          continue;
        }
        if (!spec.startsWith('.')) continue; // packages
        const target = relative(srcDir, join(file, '..', spec)).split('/');
        const targetStage = target[0] === '..' ? (target[1] ?? '') : (target[0] ?? '');
        if (targetStage === stage || mayUse?.includes('*')) continue;
        expect(mayUse, `${rel} imports ${spec} (stage ${targetStage})`).toContain(targetStage);
      }
    });
  }

  it('no engine stage imports the store or the server', () => {
    for (const file of sourceFiles) {
      const rel = relative(srcDir, file);
      const stage = rel.split('/')[0] as string;
      if (!rel.includes('/') || ioStages.has(stage)) continue;
      for (const spec of importsOf(file)) expect(spec, rel).not.toMatch(/(^|\/)(store|server)\//);
    }
  });

  it('the explorer (web/src) bundles only stages that do no I/O', () => {
    const webDir = join(projectRoot, 'web', 'src');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
      });
    const files = walk(webDir);
    expect(files.length).toBeGreaterThan(5);
    const browserSafe = ['model', 'syntax', 'check', 'graph', 'interchange', 'run', 'trace', 'case'];
    for (const file of files) {
      const rel = relative(projectRoot, file);
      for (const spec of importsOf(file)) {
        expect(spec, rel).not.toMatch(/^node:/);
        const target = relative(projectRoot, join(file, '..', spec)).split('/');
        if (target[0] === 'src') expect(browserSafe, `${rel} imports ${spec}`).toContain(target[1]);
      }
    }
  });

  it('states are copied on write by hand: no module imports immer', () => {
    for (const file of sourceFiles) expect(importsOf(file), relative(srcDir, file)).not.toContain('immer');
  });

  it('library code never touches process, console or the wall clock', () => {
    for (const file of sourceFiles) {
      const rel = relative(srcDir, file);
      if (rel.startsWith('cli/') || buildScripts.test(rel)) continue;
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(text, rel).not.toMatch(/\bprocess\.|\bconsole\.|Date\.now\(|new Date\(\)|Math\.random\(/);
    }
  });
});
