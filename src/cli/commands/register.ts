import { hasErrors } from '../../model/diagnostic.js';
import { canonicalJson } from '../../model/canonical.js';
import { registerEntry, registerMarkdown } from '../../register/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint register FILE [--format json|md] [--organization NAME]

Write a draft entry for the Dutch Algoritmeregister (publicatiestandaard 1.0.0) from a model:
its name, the legal basis (every article with its Juriconnect link and versions), the decision
points (acts, their actor and the articles they rest on) and the data it asks for (input facts,
their types and the acts that need them). Fields the model cannot know (description, status,
contact, risks...) are explicit placeholders for the organisation. See docs/register.md.

  --format json   the entry as JSON (default; schema: schemas/register.schema.json)
  --format md     the entry as Markdown
  --organization  the organisation that uses the algorithm (else a placeholder)

A model with errors is not registered (exit 1).
`;

/** `flint register`: a draft Algoritmeregister entry for a model. */
export const registerCommand: Command = {
  name: 'register',
  summary: 'write a draft Algoritmeregister entry for a model (json, md)',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      format: { type: 'string', short: 'f' },
      organization: { type: 'string' },
    });
    if (!parsed.ok) return usageError(io, 'register', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['json', 'md'] as const, 'format', 'json');
    if (typeof format === 'object') return usageError(io, 'register', format.error);
    if (parsed.positionals.length !== 1) return usageError(io, 'register', 'give exactly one model file.');
    const organization = parsed.values.organization;
    if (typeof organization === 'string' && organization.trim() === '')
      return usageError(io, 'register', '--organization expects a name, e.g. "Gemeente Voorbeeld".');
    const loaded = loadModelFile(parsed.positionals[0] as string, io);
    if (hasErrors(loaded.diagnostics) || !loaded.checked) {
      io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
      return EXIT_ERRORS;
    }
    const entry = registerEntry(loaded.checked.model, typeof organization === 'string' ? { organization } : {}).value;
    io.stdout(format === 'md' ? registerMarkdown(entry) : canonicalJson(entry));
    return EXIT_OK;
  },
};
