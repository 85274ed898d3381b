/** Helpers for the flint run / flint explain tests: in-memory I/O seeded with project files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../src/cli/command.js';
import { memoryIo } from '../../src/cli/io.js';
import { projectRoot } from '../helpers/shared.js';

/** Project-relative paths of the fixture model and cases. */
export const FIX = 'tests/cli-run/fixtures';

const fixtureFiles = ['vergunning.flint', 'verleend.json', 'geweigerd.json', 'termijn.json'].map((f) => `${FIX}/${f}`);

/** The text of a project file. */
export const projectFile = (rel: string): string => readFileSync(join(projectRoot, rel), 'utf8');

/** An in-memory I/O holding the fixtures (keys are project-relative paths), plus `extra` files. */
export function fixtureIo(extra: Record<string, string> = {}): ReturnType<typeof memoryIo> {
  const files: Record<string, string> = {};
  for (const f of fixtureFiles) files[f] = projectFile(f);
  return memoryIo({ ...files, ...extra });
}

/** An in-memory I/O whose reads fall through to the project's files (paths relative to the project root). */
export function projectIo(): ReturnType<typeof memoryIo> {
  const io = memoryIo();
  io.readFile = (p: string) => {
    if (p in io.files) return io.files[p];
    try {
      return readFileSync(join(projectRoot, p), 'utf8');
    } catch {
      return undefined;
    }
  };
  return io;
}

/** Run a command in-process; returns exit code and captured output. */
export async function runIn(
  command: Command,
  args: readonly string[],
  io: ReturnType<typeof memoryIo> = fixtureIo(),
): Promise<{ code: number; out: string; err: string; io: ReturnType<typeof memoryIo> }> {
  const code = await command.run(args, io);
  return { code, out: io.out, err: io.err, io };
}
