import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from './command.js';
import { commands } from './commands/index.js';
import type { CliIo } from './io.js';

const VERSION = '0.1.0';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: flint <command> [options]',
    '',
    'Calculemus: executable FLINT models whose decisions trace back to the articles of law.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'flint <command> --help' for the options of a command.",
    'Global options: --root DIR (imports and case models are read only inside DIR; default: the current',
    'directory), --allow-outside-root (read them wherever they point).',
    'Exit status: 0 ok, 1 diagnostics with errors (or failures), 2 usage error.',
    '',
  ].join('\n');
}

/**
 * Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code.
 * A bug inside a command is reported as an internal error (exit 1), never as a bare stack trace.
 */
export async function runCli(argv: readonly string[], baseIo: CliIo): Promise<number> {
  const global = globalOptions(argv);
  if ('error' in global) {
    baseIo.stderr(`flint: ${global.error}\n`);
    return EXIT_USAGE;
  }
  const io: CliIo = { ...baseIo, root: global.root ?? baseIo.root, allowOutsideRoot: global.allowOutsideRoot };
  const [name, ...rest] = global.args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`flint ${VERSION}\n`);
    return EXIT_OK;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`flint: unknown command «${name}».\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(
      `flint ${name}: internal error: ${message}\n` +
        'This is a bug in Calculemus, not in your input; please report it with the input that caused it.\n',
    );
    return EXIT_ERRORS;
  }
}

/** `--root DIR`, `--root=DIR` and `--allow-outside-root`, anywhere in `argv`, taken out of it. */
function globalOptions(
  argv: readonly string[],
): { args: string[]; root: string | undefined; allowOutsideRoot: boolean } | { error: string } {
  const args: string[] = [];
  let root: string | undefined;
  let allowOutsideRoot = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === '--allow-outside-root') allowOutsideRoot = true;
    else if (a.startsWith('--root=')) root = a.slice('--root='.length);
    else if (a === '--root') {
      const dir = argv[i + 1];
      if (dir === undefined || dir === '') return { error: '--root needs a folder: --root DIR.' };
      root = dir;
      i++;
    } else args.push(a);
  }
  if (root === '') return { error: '--root needs a folder: --root DIR.' };
  return { args, root, allowOutsideRoot };
}
