import { hasErrors } from '../../model/diagnostic.js';
import type { SourceDecl } from '../../model/ast.js';
import { frameSources, toGraph } from '../../graph/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { resolveFrameName } from '../frame-name.js';
import { canonicalJson } from '../../model/canonical.js';
import { loadModelFile, renderLoaded } from '../load.js';
import { periodCovers, sourceVersions } from '../../model/versions.js';
import { traceVersion } from '../../run/context.js';
import { isIsoDate } from '../../check/juriconnect.js';

const HELP = `Usage: flint sources FILE [--of NAME] [--direct] [--at DATE] [--format text|json]

List the legal sources a frame rests on: directly, and (unless --direct) through every fact,
act and duty it depends on. NAME is <<act>>, <duty>, [fact] or a bare frame name. Without
--of, every source of the model.

Sources with versions (grammar/README.md#versions) are listed per version; with --at DATE only
the version in force on DATE (a source with no version in force then says so).
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
      at: { type: 'string' },
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
    const at = parsed.values.at;
    if (at !== undefined && (typeof at !== 'string' || !isIsoDate(at)))
      return usageError(io, 'sources', `--at expects a date like 2025-01-01, got ${JSON.stringify(at)}.`);
    const loaded = loadModelFile(parsed.positionals[0] as string, io);
    if (hasErrors(loaded.diagnostics) || !loaded.checked) {
      io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
      return EXIT_ERRORS;
    }
    let ids: readonly string[];
    const of = parsed.values.of;
    if (typeof of === 'string') {
      const frame = resolveFrameName(loaded.checked, of);
      if ('error' in frame) {
        io.stderr(`flint sources: ${frame.error}\n`);
        return EXIT_ERRORS;
      }
      ids = frameSources(toGraph(loaded.checked), frame.key, { transitive: !parsed.values.direct });
    } else ids = Object.keys(loaded.checked.sources);
    const sources: SourceDecl[] = ids.flatMap((id) => {
      const s = loaded.checked?.sources[id];
      return s ? [s] : [];
    });
    // One row per version (a source without versions is one version); with --at only the one in force then.
    const rows = sources.map((s) => ({
      source: s,
      versions: sourceVersions(s).filter((v) => at === undefined || periodCovers(v.validFrom, v.validTo, at)),
    }));
    if (format === 'json') {
      io.stdout(
        canonicalJson(
          // Each version as a trace cites it (docs/traces.md): id, citation, validity, text, version, publication.
          rows.flatMap(({ versions }) => versions.map(traceVersion)),
        ),
      );
    } else if (sources.length === 0) {
      io.stdout(`${of ?? 'The model'} rests on no legal source.\n`);
    } else {
      for (const { source: s, versions } of rows) {
        if (versions.length === 0) io.stdout(`${s.citation ?? s.id}  [${s.id}]  no version in force on ${at}\n`);
        for (const v of versions) {
          const validity = `${v.validFrom ?? '…'} .. ${v.validTo ?? '…'}`;
          const id = v.label === null ? s.id : `${s.id}@${v.label}`;
          const published = v.publication === null ? '' : `  ${v.publication}`;
          io.stdout(`${s.citation ?? s.id}  [${id}]  ${v.juriconnect ?? ''}  (${validity})${published}\n`);
        }
      }
    }
    return EXIT_OK;
  },
};
