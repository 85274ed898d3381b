import type { Command } from '../command.js';
import { batchCommand } from './batch.js';
import { checkCommand } from './check.js';
import { conformanceCommand } from './conformance.js';
import { convertCommand } from './convert.js';
import { explainCommand } from './explain.js';
import { fmtCommand } from './fmt.js';
import { graphCommand } from './graph.js';
import { planCommand } from './plan.js';
import { runCommand } from './run.js';
import { sourcesCommand } from './sources.js';
import { testCommand } from './test.js';

/** Every command, in the order `flint --help` lists them. */
export const commands: readonly Command[] = [
  checkCommand,
  fmtCommand,
  convertCommand,
  graphCommand,
  sourcesCommand,
  planCommand,
  runCommand,
  explainCommand,
  testCommand,
  batchCommand,
  conformanceCommand,
];
