import { hasErrors } from '../../model/diagnostic.js';
import { format } from '../../syntax/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { flintFiles } from '../files.js';
import { renderLoaded } from '../load.js';

const HELP = `Usage: flint fmt FILE|DIR... [--check | --stdout]

Print .flint files in canonical form (grammar/README.md), keeping every comment. By default each
file is rewritten in place (atomically) when its canonical form differs.
  --check    change nothing; list the files that are not canonical and exit 1 if any
  --stdout   print the canonical text instead of rewriting the file (one FILE only)

A DIR stands for the .flint files under it (hidden directories and node_modules are skipped).

A file with syntax errors is never rewritten: its diagnostics are printed and the exit status is 1.
`;

/** `flint fmt`: canonical formatting of .flint files. */
export const fmtCommand: Command = {
  name: 'fmt',
  summary: 'format .flint files canonically',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { check: { type: 'boolean' }, stdout: { type: 'boolean' } });
    if (!parsed.ok) return usageError(io, 'fmt', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals.length === 0) return usageError(io, 'fmt', 'no FILE given.');
    if (parsed.values.check && parsed.values.stdout)
      return usageError(io, 'fmt', '--check and --stdout exclude each other.');
    const files = parsed.positionals.flatMap((p) => flintFiles(io, p) ?? [p]);
    if (parsed.values.stdout && files.length !== 1) return usageError(io, 'fmt', '--stdout takes exactly one FILE.');

    let status = EXIT_OK;
    for (const file of files) {
      const text = io.readFile(file);
      if (text === undefined) {
        io.stderr(`${file}: error file-not-found: cannot read this file.\n`);
        status = EXIT_ERRORS;
        continue;
      }
      const result = format(text, file);
      if (hasErrors(result.diagnostics)) {
        io.stdout(renderLoaded(result.diagnostics, { [file]: text }, io));
        io.stderr(`${file}: not formatted: fix the syntax errors first.\n`);
        status = EXIT_ERRORS;
        continue;
      }
      const formatted = result.value;
      if (parsed.values.stdout) {
        io.stdout(formatted);
      } else if (parsed.values.check) {
        if (formatted !== text) {
          io.stdout(`${file}: not in canonical form\n`);
          status = EXIT_ERRORS;
        }
      } else if (formatted !== text) {
        io.writeFile(file, formatted);
        io.stdout(`${file}: formatted\n`);
      }
    }
    return status;
  },
};
