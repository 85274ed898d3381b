import { hasErrors } from '../../model/diagnostic.js';
import { planActs } from '../../graph/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { resolveFrameName } from '../frame-name.js';
import { canonicalJson } from '../../model/canonical.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint plan FILE --goal NAME [--format text|json]

Find a shortest sequence of acts that makes the goal fact hold, starting from an empty case,
and list the input facts the plan needs. Exit status 1 when no plan exists.
`;

/** `flint plan`: a shortest act sequence towards a goal fact. */
export const planCommand: Command = {
  name: 'plan',
  summary: 'find a shortest sequence of acts that makes a fact hold',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { goal: { type: 'string' }, format: { type: 'string', short: 'f' } });
    if (!parsed.ok) return usageError(io, 'plan', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'plan', format.error);
    if (parsed.positionals.length !== 1) return usageError(io, 'plan', 'give exactly one model file.');
    if (typeof parsed.values.goal !== 'string') return usageError(io, 'plan', '--goal NAME is required.');
    const loaded = loadModelFile(parsed.positionals[0] as string, io);
    if (hasErrors(loaded.diagnostics) || !loaded.checked) {
      io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
      return EXIT_ERRORS;
    }
    const goal = resolveFrameName(loaded.checked, parsed.values.goal);
    if ('error' in goal) {
      io.stderr(`flint plan: ${goal.error}\n`);
      return EXIT_ERRORS;
    }
    if (goal.kind !== 'fact') {
      io.stderr(`flint plan: the goal must be a fact; «${parsed.values.goal}» is an ${goal.kind}.\n`);
      return EXIT_ERRORS;
    }
    const result = planActs(loaded.checked, goal.name);
    if (format === 'json') {
      io.stdout(canonicalJson(result));
    } else if (!result.found) {
      io.stdout(`No sequence of acts makes [${goal.name}] hold.\n`);
    } else {
      io.stdout(`Plan for [${goal.name}] (${result.acts.length} act${result.acts.length === 1 ? '' : 's'}):\n`);
      result.acts.forEach((a, i) => {
        io.stdout(`  ${i + 1}. <<${a}>>\n`);
      });
      io.stdout(
        result.inputs.length
          ? `Input facts needed:\n${result.inputs.map((f) => `  - [${f}]\n`).join('')}`
          : 'No input facts needed.\n',
      );
    }
    return result.found ? EXIT_OK : EXIT_ERRORS;
  },
};
