import { hasErrors } from '../../model/diagnostic.js';
import type { SourceDecl } from '../../model/ast.js';
import { frameSources, toGraph } from '../../graph/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { resolveFrameName } from '../frame-name.js';
import { canonicalJson } from '../../model/canonical.js';
import { loadModelFile, renderLoaded } from '../load.js';

const HELP = `Usage: flint sources FILE --of NAME [--direct] [--format text|json]

List the legal sources a frame rests on: directly, and (unless --direct) through every fact,
act and duty it depends on. NAME is <<act>>, <duty>, [fact] or a bare frame name.
`;

/** `flint sources`: the articles of law a frame rests on. */
export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list the legal sources a frame rests on',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      of: { type: 'string' },
      direct: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
    });
    if (!parsed.ok) return usageError(io, 'sources', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'sources', format.error);
    if (parsed.positionals.length !== 1) return usageError(io, 'sources', 'give exactly one model file.');
    if (typeof parsed.values.of !== 'string') return usageError(io, 'sources', '--of NAME is required.');
    const loaded = loadModelFile(parsed.positionals[0] as string, io);
    if (hasErrors(loaded.diagnostics) || !loaded.checked) {
      io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
      return EXIT_ERRORS;
    }
    const frame = resolveFrameName(loaded.checked, parsed.values.of);
    if ('error' in frame) {
      io.stderr(`flint sources: ${frame.error}\n`);
      return EXIT_ERRORS;
    }
    const ids = frameSources(toGraph(loaded.checked), frame.key, { transitive: !parsed.values.direct });
    const sources: SourceDecl[] = ids.flatMap((id) => {
      const s = loaded.checked?.sources[id];
      return s ? [s] : [];
    });
    if (format === 'json') {
      io.stdout(
        canonicalJson(
          sources.map((s) => ({
            citation: s.citation,
            id: s.id,
            juriconnect: s.juriconnect,
            text: s.text,
            validFrom: s.validFrom,
            validTo: s.validTo,
          })),
        ),
      );
    } else if (sources.length === 0) {
      io.stdout(`${parsed.values.of} rests on no legal source.\n`);
    } else {
      for (const s of sources) {
        const validity = `${s.validFrom ?? '…'} .. ${s.validTo ?? '…'}`;
        io.stdout(`${s.citation ?? s.id}  [${s.id}]  ${s.juriconnect ?? ''}  (${validity})\n`);
      }
    }
    return EXIT_OK;
  },
};
