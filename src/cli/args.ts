import type { JsonScalar } from '../model/trace.js';
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

/** `NAME` or `NAME(a, b)`: the frame text and the arguments (JSON scalars, else text). */
export function splitArgs(input: string): { frame: string; args: JsonScalar[] | undefined } {
  const m = /^(.*[\]>])\s*\((.*)\)\s*$/s.exec(input.trim()) ?? /^([^()]+?)\s*\((.*)\)\s*$/s.exec(input.trim());
  if (!m) return { frame: input, args: undefined };
  const inner = (m[2] as string).trim();
  const args = inner === '' ? [] : inner.split(',').map((a) => parseScalar(a.trim()));
  return { frame: m[1] as string, args };
}

/** A command-line value: JSON scalar when it parses as one, else the text itself. */
export function parseScalar(text: string): JsonScalar {
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  } catch {
    // not JSON: plain text
  }
  return text;
}
