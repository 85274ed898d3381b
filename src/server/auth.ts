/**
 * Access: bearer tokens, configured in a file or an environment variable and kept only as their
 * SHA-256 (hashed at rest), each mapping to a principal:
 * - an **actor** (`actor` and `roles`): takes acts only as itself and only acts whose actor role is
 *   among its roles (the engine checks the case's roles again); reads only the cases it is an actor of;
 * - a **reader** (`scope: "reader"`, `models`: ids or `"*"`): reads cases and traces of those models;
 * - an **admin** (`scope: "admin"`): registers models, creates cases, gives facts, moves clocks,
 *   reads everything; takes no acts (acts are legal acts of actors).
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';

/** Who is asking. */
export type Principal =
  | { readonly kind: 'actor'; readonly name: string; readonly actor: string; readonly roles: readonly string[] }
  | { readonly kind: 'reader'; readonly name: string; readonly models: readonly string[] | '*' }
  | { readonly kind: 'admin'; readonly name: string };

const sha = z.string().regex(/^(sha256:)?[0-9a-f]{64}$/, 'the SHA-256 of the token: 64 lowercase hex digits');
const tokenSchema = z.union([
  z.strictObject({
    sha256: sha,
    name: z.string().min(1).optional(),
    actor: z.string().min(1),
    roles: z.array(z.string()).default([]),
  }),
  z.strictObject({
    sha256: sha,
    name: z.string().min(1),
    scope: z.literal('reader'),
    models: z.union([z.literal('*'), z.array(z.string())]),
  }),
  z.strictObject({ sha256: sha, name: z.string().min(1), scope: z.literal('admin') }),
]);
/** The tokens document: `{ "tokens": [...] }` (see docs/server.md#tokens). */
export const tokensSchema = z.strictObject({ tokens: z.array(tokenSchema) });

/** The hex SHA-256 of a token, as a tokens file holds it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The principals by the hash of their token. */
export interface TokenTable {
  /** The principal of a presented bearer token, or null when it is unknown. */
  lookup(token: string): Principal | null;
  readonly size: number;
}

/** Read a tokens document (JSON text); a message naming the first problem when it is not valid. */
export function parseTokens(text: string): TokenTable | { readonly error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `the tokens are not JSON (${(e as Error).message})` };
  }
  const r = tokensSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = (issue?.path ?? []).map(String).join('/');
    return { error: `the tokens are not valid at /${path}: ${issue?.message ?? 'invalid'}` };
  }
  const byHash = new Map<string, Principal>();
  for (const t of r.data.tokens) {
    const hash = t.sha256.replace(/^sha256:/, '');
    if (byHash.has(hash)) return { error: `two tokens have the hash ${hash.slice(0, 12)}…` };
    const p: Principal =
      'actor' in t
        ? { kind: 'actor', name: t.name ?? t.actor, actor: t.actor, roles: t.roles }
        : t.scope === 'reader'
          ? { kind: 'reader', name: t.name, models: t.models }
          : { kind: 'admin', name: t.name };
    byHash.set(hash, p);
  }
  return {
    size: byHash.size,
    lookup(token) {
      // Looked up by the token's hash: the table never holds a token, and timing reveals nothing of one.
      return byHash.get(hashToken(token)) ?? null;
    },
  };
}

/** How a principal is named in events and logs: `actor:alice`, `reader:audit`, `admin:ops`. */
export const principalName = (p: Principal): string => `${p.kind}:${p.name}`;
