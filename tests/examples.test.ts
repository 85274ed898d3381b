import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../src/cli/cli.js';
import { memoryIo } from '../src/cli/io.js';
import { projectRoot } from './helpers/shared.js';

const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');

describe('examples/embed-kinderopvangtoeslag.ts (the demo)', () => {
  const run = (...args: string[]) =>
    spawnSync(tsx, ['examples/embed-kinderopvangtoeslag.ts', ...args], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('decides the recovery case through the public API and prints its legal trail', () => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The refusal the case expects, before the allowance was revised, names only the failing
    // condition: the revision duty still active, the act that created it, and its article (in Dutch).
    expect(r.stdout).toContain(
      '<<terugvorderen tegemoetkoming>> door dt: geweigerd — De ' +
        'voorwaarden van <<terugvorderen tegemoetkoming>> ' +
        'zijn niet vervuld: niet <herzien tegemoetkoming>(alice): die plicht is nog actief ' +
        '(ontstaan door handeling r17 op 2026-09-01, art. 20 lid 1 Awir; art. 20 lid 2 Awir).',
    );
    // Advance € 19 664 minus the revised allowance € 14 094 leaves € 5 570 to recover.
    expect(r.stdout).toContain('terug te vorderen € 5570');
    // A 2025 case decided with the 2025 amounts: the maximum hourly price of berekeningsjaar 2025, and the
    // art. 26a threshold in force on the decision date in 2026.
    expect(r.stdout).toContain(
      '  - art. 4 lid 1 Besluit kinderopvangtoeslag (versie 2025-01-01): “Dagopvang: € 10,71 / Buitenschoolse opvang',
    );
    expect(r.stdout).toContain('  - art. 26a lid 1 Awir (versie 2026-01-01)');
    for (const article of [
      'art. 26 lid 1 Awir',
      'art. 24 lid 2 Awir',
      'art. 20 lid 1 Awir',
      'art. 16 lid 1 Awir',
      'art. 1.5 lid 1 Wko',
    ]) {
      expect(r.stdout).toContain(`  - ${article}`);
    }
    expect(r.stdout).toMatch(/Open vragen:/);
  });

  it('speaks English when asked and prints the full derivation with --full', () => {
    const r = run('--lang', 'en', '--full');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Recovery decision r20');
    expect(r.stdout).toContain(
      '<<terugvorderen tegemoetkoming>> by dt: refused — The ' +
        'preconditions of <<terugvorderen tegemoetkoming>> ' +
        'do not hold: not <herzien tegemoetkoming>(alice): that duty is still active ' +
        '(created by r17 on 2026-09-01, art. 20 lid 1 Awir; art. 20 lid 2 Awir).',
    );
    expect(r.stdout).toContain('to recover € 5570');
    expect(r.stdout).toMatch(/The decision rests on \d+ provisions/);
  });
});

describe('examples/tutorial/beslistermijn.flint (the README tutorial)', () => {
  const file = 'examples/tutorial/beslistermijn.flint';
  const io = () => memoryIo({ [file]: readFileSync(join(projectRoot, file), 'utf8') });

  it('checks without errors or warnings', async () => {
    const out = io();
    expect(await runCli(['check', file], out)).toBe(0);
    expect(out.out).toBe(`${file}: 0 errors, 0 warnings (2 acts, 4 facts, 1 duties, 1 sources)\n`);
  });

  it('passes its scenarios with every act and duty exercised', async () => {
    const out = io();
    expect(await runCli(['test', file], out)).toBe(0); // in Dutch: the model says `language: nl`
    expect(out.out).toContain('handelingen genomen: 2/2');
    expect(out.out).toContain('plichten actief geworden: 1/1, beëindigd: 1/1, geschonden: 1/1');
    expect(out.out.trimEnd().split('\n').at(-1)).toBe('6 geslaagd, 0 mislukt');
  });

  it('the README quotes the tutorial model as it is', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const model = readFileSync(join(projectRoot, file), 'utf8');
    const tutorial = readme.slice(readme.indexOf('## Tutorial'), readme.indexOf('## Norms'));
    // Every quoted frame and scenario (steps 2 to 5) stands in the model file as written; the README
    // indents code inside its numbered list, so lines are compared without indentation.
    const flat = (t: string): string =>
      t
        .split('\n')
        .map((l) => l.trim())
        .join('\n');
    const blocks = [...tutorial.matchAll(/```\n([\s\S]*?)```/g)]
      .map((m) => (m[1] as string).trim())
      .filter((b) => /^(fact|act|duty|scenario) /.test(b));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) for (const part of block.split(/\n\s*\n/)) expect(flat(model)).toContain(flat(part));
  });
});
