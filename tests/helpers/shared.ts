import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the project root. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of `../shared` (read-only material beside the project), which may be absent. */
export const sharedDir = resolve(projectRoot, '..', 'shared');

/** True when `../shared` is present; tests that need it use `describe.skipIf(!hasShared)`. */
export const hasShared = existsSync(join(sharedDir, 'flint-models'));

/** Path of a file under `../shared`. */
export const sharedPath = (...parts: string[]): string => join(sharedDir, ...parts);

if (!hasShared) {
  // Printed once per test file that imports this helper, so a skipped suite is never silent.
  console.warn(
    `[calculemus tests] ${sharedDir} is absent: tests on the shared FLINT models and scenarios are skipped.`,
  );
}
