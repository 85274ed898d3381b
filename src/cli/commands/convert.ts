import { hasErrors, type Diagnostic } from '../../model/diagnostic.js';
import { exportFlintJsonText, importFlintJson } from '../../interchange/index.js';
import { parse, print } from '../../syntax/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { originOf, renderLoaded } from '../load.js';

const HELP = `Usage: flint convert IN --to flint|json [-o OUT]

Convert one model between the two doors: .flint text and FLINT JSON (discipl dialects).
IN is read as FLINT JSON when it ends in .json (or starts with '{'), else as .flint.
Without -o the result goes to standard output. Nothing is written when there are errors.
Constructs FLINT JSON cannot express (parameters, aggregates, deadlines, ...) are reported as
'not-exportable' errors.
`;

/** `flint convert`: .flint ⇄ FLINT JSON. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert between .flint and FLINT JSON',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      to: { type: 'string', short: 't' },
      output: { type: 'string', short: 'o' },
    });
    if (!parsed.ok) return usageError(io, 'convert', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals.length !== 1) return usageError(io, 'convert', 'give exactly one input file.');
    if (parsed.values.to === undefined) return usageError(io, 'convert', '--to flint|json is required.');
    const to = oneOf(parsed.values.to, ['flint', 'json'] as const, 'to', 'flint');
    if (typeof to === 'object') return usageError(io, 'convert', to.error);
    const file = parsed.positionals[0] as string;
    const text = io.readFile(file);
    if (text === undefined) {
      io.stderr(`${file}: error file-not-found: cannot read this file.\n`);
      return EXIT_ERRORS;
    }
    const input = originOf(file, text) === 'flint-json' ? importFlintJson(text, file) : parse(text, file);
    const diagnostics: Diagnostic[] = [...input.diagnostics];
    let output = '';
    if (!hasErrors(diagnostics)) {
      if (to === 'flint') {
        output = print(input.value);
      } else {
        const exported = exportFlintJsonText(input.value);
        diagnostics.push(...exported.diagnostics);
        output = exported.value;
      }
    }
    if (diagnostics.length > 0) io.stderr(renderLoaded(diagnostics, { [file]: text }, io));
    if (hasErrors(diagnostics)) return EXIT_ERRORS;
    if (typeof parsed.values.output === 'string') io.writeFile(parsed.values.output, output);
    else io.stdout(output);
    return EXIT_OK;
  },
};
