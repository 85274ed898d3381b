import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { processIo } from '../../src/cli/io.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { ...processIo(), stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) };
  return { code: await runCli(args, io), out, err };
}

describe('flint serve and flint store: bad arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flint-serve-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists both commands and prints their help', async () => {
    const help = await cli(['--help']);
    expect(help.out).toMatch(/serve +run the decision service/);
    expect(help.out).toMatch(/store +verify the hash chains of a decision store/);
    expect((await cli(['serve', '--help'])).out).toContain('--db LOCATION');
    expect((await cli(['store', '--help'])).out).toContain('flint store verify --db');
  });

  it('are usage errors (exit 2) or clear errors (exit 1), never a stack trace', async () => {
    const noDb = await cli(['serve']);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toContain('give --db sqlite:FILE or --db postgres://...');
    expect((await cli(['serve', '--db', 'mysql://x'])).err).toContain('is not a store location');
    expect((await cli(['serve', '--db', 'sqlite:x.db', '--port', 'eighty'])).code).toBe(2);
    expect((await cli(['serve', '--db', 'sqlite:x.db', 'extra'])).code).toBe(2);
    const missing = await cli(['serve', '--db', 'sqlite:x.db', '--tokens', join(dir, 'none.json')]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('cannot read the tokens file');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tokens":[{"token":"plain","actor":"a"}]}');
    const invalid = await cli(['serve', '--db', 'sqlite:x.db', '--tokens', bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/bad\.json: the tokens are not valid at \/tokens\/0/);
    const good = join(dir, 'good.json');
    writeFileSync(good, '{"tokens":[]}');
    const broken = join(dir, 'broken.flint');
    writeFileSync(broken, 'act <<x>> {');
    const model = await cli(['serve', '--db', `sqlite:${join(dir, 'c.db')}`, '--tokens', good, '--model', broken]);
    expect(model.code).toBe(1);
    const verify = await cli(['store', 'check', '--db', 'sqlite:x.db']);
    expect(verify).toMatchObject({ code: 2 });
    expect((await cli(['store', 'verify', '--db', 'sqlite:x.db', '--format', 'xml'])).code).toBe(2);
    for (const r of [noDb, missing, invalid, model, verify]) expect(r.err).not.toMatch(/\n\s+at /);
  });
});
