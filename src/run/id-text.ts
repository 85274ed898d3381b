/**
 * How ids, arguments and fact instances are printed in trace labels and renderings. Lives in
 * src/run because run builds trace labels; src/trace re-exports it.
 */
import type { JsonScalar } from '../model/trace.js';

// Letters first, then letters, digits and the punctuation of ids such as `did:alice` or `rec-1`.
const IDENTIFIER_LIKE = /^[\p{L}_][\p{L}\p{N}_.:@/-]*$/u;

/**
 * An actor id, instance id or argument as the renderings print it: a string that looks like an
 * identifier bare (`anna`, `did:alice`), any other string quoted as JSON (`"Jan de Vries"`, `"12"`,
 * `"true"`), and numbers, booleans and null as JSON.
 */
export function idText(s: JsonScalar): string {
  if (typeof s !== 'string') return JSON.stringify(s);
  return IDENTIFIER_LIKE.test(s) && s !== 'true' && s !== 'false' && s !== 'null' ? s : JSON.stringify(s);
}

/** A fact instance as the renderings print it: `[kind van](anna, bob)`, or `[f]` without arguments. */
export function instanceText(fact: string, args: readonly JsonScalar[]): string {
  return `[${fact}]${args.length > 0 ? `(${args.map(idText).join(', ')})` : ''}`;
}
