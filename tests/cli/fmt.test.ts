import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { memoryIo, processIo } from '../../src/cli/io.js';
import type { CliIo } from '../../src/cli/io.js';
import { projectRoot } from '../helpers/shared.js';
import { join } from 'node:path';

describe('flint fmt keeps comments', () => {
  it('rewrites a file into canonical form with its comments, then --check passes', async () => {
    const messy = '// header\nfact   [a] { // why a\n  sources: s  holds when: [b] // b decides\n}\n// the end\n';
    const io = memoryIo({ 'dir/m.flint': messy, 'dir/sub/n.flint': 'fact [n]   // n\n', 'dir/readme.md': 'x' });
    expect(await runCli(['fmt', '--check', 'dir'], io)).toBe(1);
    expect(io.out).toBe('dir/m.flint: not in canonical form\ndir/sub/n.flint: not in canonical form\n');
    expect(await runCli(['fmt', 'dir'], io)).toBe(0);
    expect(io.files['dir/m.flint']).toBe(
      '// header\nfact [a] { // why a\n  holds when: [b] // b decides\n  sources: s\n}\n// the end\n',
    );
    expect(io.files['dir/sub/n.flint']).toBe('fact [n] // n\n');
    expect(io.files['dir/readme.md']).toBe('x');
    io.out = '';
    expect(await runCli(['fmt', '--check', 'dir'], io)).toBe(0);
    expect(io.out).toBe('');
  });

  it('--stdout prints the formatted text with comments', async () => {
    const io = memoryIo({ 'a.flint': 'import "b.flint"   /* b */\n' });
    expect(await runCli(['fmt', '--stdout', 'a.flint'], io)).toBe(0);
    expect(io.out).toBe('import "b.flint" /* b */\n');
  });
});

describe('norms/ and examples/ are in canonical form', () => {
  it('flint fmt --check norms examples exits 0', async () => {
    let out = '';
    const real = processIo();
    const io: CliIo = {
      ...real,
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      readFile: (p) => real.readFile(join(projectRoot, p)),
      listDir: (p) => real.listDir(join(projectRoot, p)),
      writeFile: () => {
        throw new Error('fmt --check must not write');
      },
    };
    const code = await runCli(['fmt', '--check', 'norms', 'examples'], io);
    expect(out).toBe('');
    expect(code).toBe(0);
  });
});
