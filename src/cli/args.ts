import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Options accepted by a command, in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments, or a usage error message. */
export type Parsed =
  | { ok: true; values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }
  | { ok: false; message: string };

/** Parse `args` against `options` (strict: unknown options are usage errors). Never throws. */
export function parseCommandArgs(args: readonly string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { ok: true, values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** One of `allowed`, or an error message naming the choices. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  option: string,
  fallback: T,
): T | { error: string } {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return { error: `--${option} must be one of ${allowed.join(', ')}; got «${String(value)}».` };
}
