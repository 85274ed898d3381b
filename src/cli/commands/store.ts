import { canonicalJson } from '../../model/canonical.js';
import { parseStoreLocation } from '../../store/sql.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';

const HELP = `Usage: flint store verify --db sqlite:FILE|postgres://... [--case ID] [--format text|json]

Verify the hash chains of a decision store (docs/server.md#hash-chain): every event's link to the
event before it, its content hash, each decision's trace hash, and each case's head and revision.
Reports the first broken link of each broken case. Exit status 1 when a link is broken.
`;

/** `flint store verify`: the store's tamper evidence. */
export const storeCommand: Command = {
  name: 'store',
  summary: 'verify the hash chains of a decision store',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      db: { type: 'string' },
      case: { type: 'string' },
      format: { type: 'string', short: 'f' },
    });
    if (!parsed.ok) return usageError(io, 'store', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals[0] !== 'verify' || parsed.positionals.length !== 1)
      return usageError(io, 'store', 'the only subcommand is verify: flint store verify --db ...');
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'store', format.error);
    const location = parseStoreLocation(parsed.values.db);
    if ('error' in location) return usageError(io, 'store', location.error);
    if (location.backend === 'sqlite' && location.file !== ':memory:' && io.readFile(location.file) === undefined) {
      io.stderr(`flint store: no store at «${location.file}».\n`);
      return EXIT_ERRORS;
    }
    const { openStore } = await import('../../store/open.js');
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(location);
    } catch (e) {
      io.stderr(`flint store: cannot open the store: ${(e as Error).message}\n`);
      return EXIT_ERRORS;
    }
    try {
      const caseId = typeof parsed.values.case === 'string' ? parsed.values.case : undefined;
      const report = await store.verify(caseId);
      if (format === 'json') io.stdout(canonicalJson(report));
      else {
        for (const b of report.broken) io.stdout(`case ${b.caseId}: broken at event ${b.seq}: ${b.problem}\n`);
        const summary = `${report.cases} cases, ${report.events} events, ${report.decisions} decisions`;
        io.stdout(
          report.broken.length === 0
            ? `store verified: ${summary}; every hash chain is intact.\n`
            : `store NOT verified: ${report.broken.length} broken chains (${summary}).\n`,
        );
      }
      return report.broken.length === 0 ? EXIT_OK : EXIT_ERRORS;
    } finally {
      await store.close();
    }
  },
};
