/**
 * The norm workloads: the Awb and kinderopvangtoeslag models of norms/ (written in .flint) and
 * their example case files, replayed with the interpreter as `flint run` does.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { check } from '../src/check/index.js';
import { parseCaseFile, replayCase as replay } from '../src/case/index.js';
import type { CaseFile } from '../src/case/index.js';
import { compile } from '../src/run/index.js';
import type { CaseState, CompiledModel } from '../src/run/index.js';
import { loadModel } from '../src/syntax/index.js';

/** The norm models of the bench with their case files (paths relative to the repository root). */
export const NORMS = [
  { name: 'awb', model: 'norms/awb/awb.flint', case: 'examples/cases/awb.case.json', actor: 'gemeente' },
  {
    name: 'kinderopvangtoeslag',
    model: 'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint',
    case: 'examples/cases/kinderopvangtoeslag.case.json',
    actor: 'dt',
  },
] as const;

/** Load a .flint model with its imports: parse, check and compile (the `load` workload). Throws on errors. */
export function loadNorm(root: string, model: string): CompiledModel {
  const loaded = loadModel(
    join(root, model),
    {
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (from, p) => join(dirname(from), p),
    },
    { root: join(root, 'norms') },
  );
  const checked = check(loaded.value.model);
  if (checked.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${model} has errors`);
  const compiled = compile(loaded.value.model);
  if (compiled.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${model} does not compile`);
  return compiled.value;
}

/** Read and validate a case file. Throws when it is invalid. */
export function readCase(root: string, file: string): CaseFile {
  const parsed = parseCaseFile(readFileSync(join(root, file), 'utf8'), file);
  if (!parsed.value.case) throw new Error(`${file} is not a valid case file`);
  return parsed.value.case;
}

/**
 * Replay the first `steps` acts of a case (all when omitted) with the one replay loop of src/case,
 * as `flint run` does (without the final clock move). Throws when an act's outcome differs from
 * the one the case expects.
 */
export function replayCase(
  cm: CompiledModel,
  c: CaseFile,
  options: { readonly trace: boolean; readonly steps?: number },
): CaseState {
  const r = replay(cm, c, {
    trace: options.trace,
    advanceTo: null,
    ...(options.steps !== undefined ? { limit: options.steps } : {}),
  });
  if (r.failed) throw new Error(`<<${r.failed.trace.act}>>: outcome differs from the case file`);
  return r.state;
}
