import { describe, expect, it } from 'vitest';
import { hashToken, parseTokens, principalName } from '../../src/server/auth.js';
import { isStoreUnavailable, parseStoreLocation } from '../../src/store/sql.js';

const doc = (tokens: unknown[]): string => JSON.stringify({ tokens });

describe('tokens', () => {
  it('map a token, by its hash only, to an actor, a reader or an admin', () => {
    const table = parseTokens(
      doc([
        { sha256: hashToken('a'), actor: 'alice', roles: ['ouder'] },
        { sha256: `sha256:${hashToken('r')}`, name: 'audit', scope: 'reader', models: ['sha256:m'] },
        { sha256: hashToken('o'), name: 'ops', scope: 'admin' },
      ]),
    );
    if ('error' in table) throw new Error(table.error);
    expect(table.size).toBe(3);
    expect(table.lookup('a')).toEqual({ kind: 'actor', name: 'alice', actor: 'alice', roles: ['ouder'] });
    expect(table.lookup('r')).toEqual({ kind: 'reader', name: 'audit', models: ['sha256:m'] });
    const admin = table.lookup('o');
    expect(admin && principalName(admin)).toBe('admin:ops');
    expect(table.lookup(hashToken('a'))).toBeNull(); // the hash itself is no token
    expect(table.lookup('')).toBeNull();
  });

  it('refuse a document that is not valid, naming the first problem', () => {
    expect(parseTokens('{')).toEqual({ error: expect.stringMatching(/^the tokens are not JSON/) });
    expect(parseTokens(doc([{ token: 'plain', actor: 'a' }]))).toEqual({
      error: expect.stringMatching(/^the tokens are not valid at \/tokens\/0/),
    });
    expect(parseTokens(doc([{ sha256: 'abc', actor: 'a' }]))).toHaveProperty('error');
    expect(parseTokens(doc([{ sha256: hashToken('x'), name: 'n', scope: 'root' }]))).toHaveProperty('error');
    const twice = { sha256: hashToken('x'), name: 'n', scope: 'admin' };
    expect(parseTokens(doc([twice, twice]))).toEqual({ error: expect.stringMatching(/^two tokens have the hash/) });
    expect(parseTokens('[]')).toHaveProperty('error');
  });
});

describe('store errors', () => {
  it('tells an unreachable or dropped store (503) from other errors (500)', () => {
    for (const code of ['ECONNREFUSED', '57P01', '08006', '3D000', '53300', 'SQLITE_BUSY', 'SQLITE_FULL'])
      expect(isStoreUnavailable({ code }), code).toBe(true);
    for (const e of [new Error('x'), { code: '23505' }, { code: 42 }, null, undefined, 'ECONNREFUSED'])
      expect(isStoreUnavailable(e)).toBe(false);
    expect(parseStoreLocation('sqlite:')).toHaveProperty('error');
  });
});
