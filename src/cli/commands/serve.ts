import { dirname, join, relative, sep } from 'node:path';
import { hasErrors } from '../../model/diagnostic.js';
import { parseStoreLocation } from '../../store/sql.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { loadModelFile, renderLoaded } from '../load.js';
import type { Principal } from '../../server/auth.js';

const HELP = `Usage: flint serve --db sqlite:FILE|postgres://... [--port N] [--host H] [--tokens FILE]
                   [--model FILE]... [--web DIR] [--demo] [--quiet]

Run the decision service: an HTTP API over a case and trace store (docs/server.md).

  --db LOCATION   sqlite:FILE (created when missing; sqlite:FILE?sync=full syncs every commit)
                  or postgres://USER@HOST:PORT/DATABASE
  --port N        the port (default 8080; 0 picks a free one)
  --host H        the address to listen on (default 127.0.0.1)
  --tokens FILE   the bearer tokens (hashed), as {"tokens": [...]}; else the FLINT_TOKENS variable
  --model FILE    register a model (.flint with its imports, or FLINT JSON) at start; repeatable
  --web DIR       serve the explorer built in DIR at / (default: dist/web of the package, when
                  built with npm run build:web; docs/explorer.md)
  --demo          register the kinderopvangtoeslag norm, seed its demo case (a recovery decision,
                  examples/cases/kinderopvangtoeslag.case.json) and accept the reader token «demo»
  --quiet         no request log (denials and errors are still logged)

The service logs one JSON object per line on stderr. SIGTERM or SIGINT stops it gracefully.
`;

/** The files of a loaded model, named relative to the folder they all lie in. */
function uploadOf(
  main: string,
  texts: Readonly<Record<string, string>>,
): { main: string; files: Record<string, string> } {
  const names = Object.keys(texts);
  let base = dirname(main);
  while (names.some((n) => relative(base, n).startsWith('..'))) {
    const up = dirname(base);
    if (up === base) break;
    base = up;
  }
  const rel = (n: string): string => relative(base, n).split(sep).join('/');
  return { main: rel(main), files: Object.fromEntries(names.map((n) => [rel(n), texts[n] as string])) };
}

async function readTokens(io: CliIo, file: string | undefined) {
  const { parseTokens } = await import('../../server/auth.js');
  const text = file !== undefined ? io.readFile(file) : process.env.FLINT_TOKENS;
  if (text === undefined) {
    return {
      error:
        file !== undefined
          ? `cannot read the tokens file «${file}».`
          : 'give --tokens FILE or set FLINT_TOKENS (docs/server.md#tokens).',
    };
  }
  const table = parseTokens(text);
  return 'error' in table ? { error: `${file ?? 'FLINT_TOKENS'}: ${table.error}` } : table;
}

/** The demo's reader token (`--demo`): it reads every model, case and decision, and writes nothing. */
const DEMO_TOKEN = 'demo';

/** The token table with the demo reader added. */
async function withDemoReader(table: { size: number; lookup(token: string): Principal | null }) {
  const { hashToken } = await import('../../server/auth.js');
  const demoHash = hashToken(DEMO_TOKEN);
  const reader: Principal = { kind: 'reader', name: 'demo', models: '*' };
  return {
    size: table.size + 1,
    lookup: (token: string): Principal | null => table.lookup(token) ?? (hashToken(token) === demoHash ? reader : null),
  };
}

/** `flint serve`: the decision service. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the decision service (HTTP API over a case and trace store)',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      db: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      tokens: { type: 'string' },
      model: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      web: { type: 'string' },
      demo: { type: 'boolean' },
    });
    if (!parsed.ok) return usageError(io, 'serve', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (parsed.positionals.length > 0)
      return usageError(io, 'serve', `unexpected argument «${parsed.positionals[0]}».`);
    const location = parseStoreLocation(parsed.values.db);
    if ('error' in location) return usageError(io, 'serve', location.error);
    const portText = typeof parsed.values.port === 'string' ? parsed.values.port : '8080';
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
      return usageError(io, 'serve', `--port must be a port number; got «${portText}».`);
    const demo = parsed.values.demo === true;
    const web = await import('../../server/web.js');
    const root = web.packageRoot();
    const tokenFile = typeof parsed.values.tokens === 'string' ? parsed.values.tokens : undefined;
    const given =
      demo && tokenFile === undefined && process.env.FLINT_TOKENS === undefined
        ? { size: 0, lookup: () => null }
        : await readTokens(io, tokenFile);
    if ('error' in given) {
      io.stderr(`flint serve: ${given.error}\n`);
      return EXIT_ERRORS;
    }
    const tokens = demo ? await withDemoReader(given) : given;
    const demoModel = join(root, 'norms', 'kinderopvangtoeslag', 'kinderopvangtoeslag.flint');
    const demoCase = join(root, 'examples', 'cases', 'kinderopvangtoeslag.case.json');
    const uploads: { main: string; files: Record<string, string> }[] = [];
    const modelFiles = [...((parsed.values.model as string[] | undefined) ?? []), ...(demo ? [demoModel] : [])];
    for (const file of modelFiles) {
      const loaded = loadModelFile(file, io);
      if (hasErrors(loaded.diagnostics)) {
        io.stderr(renderLoaded(loaded.diagnostics, loaded.texts, io));
        return EXIT_ERRORS;
      }
      uploads.push(uploadOf(file, loaded.texts));
    }

    const { openStore } = await import('../../store/open.js');
    const { Decisions } = await import('../../store/cases.js');
    const { createApp } = await import('../../server/app.js');
    const { startServer } = await import('../../server/server.js');
    let store: Awaited<ReturnType<typeof openStore>>;
    try {
      store = await openStore(location);
    } catch (e) {
      io.stderr(`flint serve: cannot open the store ${String(parsed.values.db)}: ${(e as Error).message}\n`);
      return EXIT_ERRORS;
    }
    const decisions = new Decisions(store);
    const registered: string[] = [];
    for (const u of uploads) {
      const r = await decisions.registerModel(
        u.main.endsWith('.json') ? { format: 'flint-json', text: u.files[u.main] ?? '' } : { format: 'flint', ...u },
      );
      if (!r.ok) {
        io.stderr(`flint serve: the model ${u.main} was not registered: ${r.detail}\n`);
        await store.close();
        return EXIT_ERRORS;
      }
      const m = JSON.parse(r.body) as { id: string; title: string | null };
      registered.push(m.id);
      io.stdout(`model ${m.id} ${m.title ?? u.main}\n`);
    }
    const config: { demoToken?: string; cases?: { id: string; model: string; description: string }[] } = {};
    if (demo) {
      const { seedCase } = await import('../../server/seed.js');
      const text = io.readFile(demoCase);
      const modelId = registered[registered.length - 1] ?? '';
      const seeded =
        text === undefined
          ? { error: `cannot read ${demoCase}` }
          : await seedCase(decisions, modelId, JSON.parse(text), 'demo-kinderopvangtoeslag');
      if ('error' in seeded) {
        io.stderr(`flint serve: the demo case was not seeded: ${seeded.error}\n`);
        await store.close();
        return EXIT_ERRORS;
      }
      const description = String((JSON.parse(text ?? '{}') as { description?: unknown }).description ?? '');
      config.demoToken = DEMO_TOKEN;
      config.cases = [{ id: seeded.caseId, model: modelId, description }];
      io.stdout(`demo case ${seeded.caseId}: ${seeded.decisions.length} decisions (reader token «${DEMO_TOKEN}»)\n`);
    }
    const webDir = typeof parsed.values.web === 'string' ? parsed.values.web : web.defaultWebDir();
    const assets = web.loadWebAssets(webDir, config);
    if (assets === null && typeof parsed.values.web === 'string') {
      io.stderr(`flint serve: no explorer build in ${webDir} (run npm run build:web)\n`);
      await store.close();
      return EXIT_ERRORS;
    }
    const quiet = parsed.values.quiet === true;
    const app = createApp({
      decisions,
      tokens,
      ...(assets !== null ? { web: assets } : {}),
      now: () => new Date().toISOString(),
      clock: () => performance.now(),
      log: (e) => {
        if (quiet && e.level === 'info') return;
        io.stderr(`${JSON.stringify(e)}\n`);
      },
    });
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer(app, {
        port: Number(portText),
        ...(typeof parsed.values.host === 'string' ? { host: parsed.values.host } : {}),
        afterClose: () => decisions.settled().then(() => store.close()),
      });
    } catch (e) {
      io.stderr(`flint serve: cannot listen on port ${portText}: ${(e as Error).message}\n`);
      await store.close();
      return EXIT_ERRORS;
    }
    io.stdout(`flint serve: listening on ${server.url} (${store.backend}, ${tokens.size} tokens)\n`);
    if (assets !== null) io.stdout(`explorer: ${server.url}/\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        io.stderr(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'stopping', signal })}\n`);
        void server.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return EXIT_OK;
  },
};
