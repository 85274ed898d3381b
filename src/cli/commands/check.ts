import { hasErrors, sortDiagnostics, type Diagnostic } from '../../model/diagnostic.js';
import { actsOf, dutiesOf, factsOf, sourceDeclsOf } from '../../model/walk.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { loadModelFile, renderLoaded } from '../load.js';
import { flintFiles } from '../files.js';
import { canonicalJson } from '../../model/canonical.js';

const HELP = `Usage: flint check FILE|DIR... [--format text|json]

Check .flint models and FLINT JSON models: syntax, names, types, cycles, sources.
A DIR stands for the .flint files under it (hidden directories and node_modules are skipped).
Diagnostics print as 'file:line:col: severity code: message' with the source line and a caret
(--format json prints the structured list).

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
`;

/** `flint check`: diagnostics for one or more model files. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check models and print diagnostics',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { format: { type: 'string', short: 'f' } });
    if (!parsed.ok) return usageError(io, 'check', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'check', format.error);
    if (parsed.positionals.length === 0) return usageError(io, 'check', 'no FILE given.');

    let failed = false;
    const reports: unknown[] = [];
    // A directory stands for its .flint files; anything else (a missing path) is checked as given,
    // so that it gets its file-not-found diagnostic.
    const files = parsed.positionals.flatMap((p) => (io.readFile(p) === undefined ? (flintFiles(io, p) ?? [p]) : [p]));
    for (const file of files) {
      const loaded = loadModelFile(file, io);
      const diagnostics: Diagnostic[] = sortDiagnostics(loaded.diagnostics);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      if (hasErrors(diagnostics)) failed = true;
      const m = loaded.model;
      const counts = m
        ? {
            acts: actsOf(m).length,
            duties: dutiesOf(m).length,
            facts: factsOf(m).length,
            sources: sourceDeclsOf(m).length,
          }
        : undefined;
      if (format === 'json') {
        reports.push({ file, origin: loaded.origin, counts, errors, warnings, diagnostics });
      } else {
        if (diagnostics.length > 0) io.stdout(renderLoaded(diagnostics, loaded.texts, io, { summary: false }) + '\n');
        const what = counts
          ? ` (${counts.acts} acts, ${counts.facts} facts, ${counts.duties} duties, ${counts.sources} sources)`
          : '';
        io.stdout(
          `${file}: ${errors} error${errors === 1 ? '' : 's'}, ` +
            `${warnings} warning${warnings === 1 ? '' : 's'}${what}\n`,
        );
      }
    }
    if (format === 'json') io.stdout(canonicalJson({ files: reports }));
    return failed ? EXIT_ERRORS : EXIT_OK;
  },
};
