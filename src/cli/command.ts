import type { CliIo } from './io.js';

/** Exit codes: 0 ok, 1 diagnostics with errors (or failed tests/steps), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** A CLI command: arguments after the command name, injected I/O, resolves to an exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Full help text, printed by `flint <command> --help`. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Print a usage error with the command's help hint; returns {@link EXIT_USAGE}. */
export function usageError(io: CliIo, command: string, message: string): number {
  io.stderr(`flint ${command}: ${message}\nRun 'flint ${command} --help' for usage.\n`);
  return EXIT_USAGE;
}

/** A command as the CLI lists it: its name and summary, and its module loaded on demand. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Import the command's module (the same {@link Command} each time). */
  load(): Promise<Command>;
}
