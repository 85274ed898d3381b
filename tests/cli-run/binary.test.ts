import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { projectRoot } from '../helpers/shared.js';
import { FIX, fixtureIo } from './helpers.js';

const registered = ['run', 'explain'].every((n) => commands.some((c) => c.name === n));

const flint = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/flint.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });

// Skips itself if runCommand and explainCommand are not registered in src/cli/commands/index.ts.
describe.skipIf(!registered)(
  'the flint binary runs cases (needs run/explain registered in src/cli/commands/index.ts)',
  () => {
    it('flint run prints the same outcome as the in-process command and exits 0', async () => {
      const p = flint('run', '--case', `${FIX}/verleend.json`, '--lang', 'en');
      const io = fixtureIo();
      await runCommand.run(['--case', `${FIX}/verleend.json`, '--lang', 'en'], io);
      expect(p.status).toBe(0);
      expect(p.stdout).toBe(io.out);
    }, 60_000);

    it('exit status 1 for a refused act, 2 for a usage error, never a stack trace', () => {
      const refused = flint('run', '--case', `${FIX}/geweigerd.json`, '--lang', 'en');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('was refused');
      const usage = flint('explain', '--case', `${FIX}/verleend.json`);
      expect(usage.status).toBe(2);
      const missing = flint('run', '--case', 'no/such/case.json');
      expect(missing.status).toBe(1);
      for (const p of [refused, usage, missing]) expect(p.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }, 60_000);
  },
);
