import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchCommand } from '../../src/cli/commands/batch.js';
import { processIo, type CliIo } from '../../src/cli/io.js';
import { decideLines } from '../../src/batch/index.js';
import { compile } from '../../src/run/index.js';
import { print } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';
import { benefitModel } from '../run/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'calculemus-batch-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modelPath = join(dir, 'benefit.flint');
writeFileSync(modelPath, print(benefitModel()));
const casesText = readFileSync(join(projectRoot, 'tests', 'batch', 'golden', 'benefit.cases.jsonl'), 'utf8');

/** Many cases: the golden ones repeated with fresh ids, so chunks and workers interleave. */
function manyCases(n: number): string {
  const base = casesText.split('\n').filter((l) => l.trim() !== '');
  return (
    Array.from({ length: n }, (_, i) => {
      const line = base[i % base.length] as string;
      return line.startsWith('{"id":"') ? line.replace(/^\{"id":"[^"]*"/, `{"id":"c${i}"`) : line;
    }).join('\n') + '\n'
  );
}

/** Real files, captured output. */
function io(): CliIo & { out: string; err: string } {
  const real = processIo();
  const x = {
    ...real,
    out: '',
    err: '',
    stdout(t: string) {
      x.out += t;
    },
    stderr(t: string) {
      x.err += t;
    },
  };
  return x;
}

function expected(text: string): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return decideLines(compile(benefitModel()).value, lines, 1).lines.join('\n') + '\n';
}

describe('flint batch', () => {
  const small = join(dir, 'small.jsonl');
  writeFileSync(small, casesText);
  const many = join(dir, 'many.jsonl');
  const manyText = manyCases(1500);
  writeFileSync(many, manyText);

  const decidesInThisThread =
    'decides in this thread (--workers 0): one output line per case, in input order; invalid lines make exit 1';
  it(decidesInThisThread, async () => {
    const x = io();
    const code = await batchCommand.run([modelPath, '--cases', small, '--workers', '0', '--no-progress'], x);
    expect(code).toBe(1);
    expect(x.out).toBe(expected(casesText));
    expect(x.err).toMatch(/flint batch: 8 cases \(3 taken, 2 refused, 3 invalid\)/);
  });

  it('gives the same bytes with two worker threads and small chunks as in one thread', async () => {
    const one = io();
    const two = io();
    expect(await batchCommand.run([modelPath, '--cases', many, '--workers', '0', '--no-progress'], one)).toBe(1);
    expect(
      await batchCommand.run([modelPath, '--cases', many, '--workers', '2', '--chunk', '7', '--no-progress'], two),
    ).toBe(1);
    expect(two.out).toBe(one.out);
    expect(two.out).toBe(expected(manyText));
    expect(two.out.split('\n').length - 1).toBe(1500);
    expect(two.err).toMatch(/2 workers/);
  }, 60_000);

  it('reads CRLF line ends and a last line without a newline like plain lines', async () => {
    const crlf = join(dir, 'crlf.jsonl');
    writeFileSync(crlf, casesText.trimEnd().split('\n').join('\r\n'));
    const a = io();
    const b = io();
    await batchCommand.run([modelPath, '--cases', crlf, '--workers', '0'], a);
    await batchCommand.run([modelPath, '--cases', small, '--workers', '0'], b);
    expect(a.out).toBe(b.out);
  });

  it('writes --out atomically (no temporary file left) and includes traces with --trace', async () => {
    const out = join(dir, 'out.jsonl');
    const x = io();
    await batchCommand.run([modelPath, '--cases', small, '--out', out, '--trace', '--workers', '0'], x);
    expect(x.out).toBe('');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0] ?? '{}') as { trace?: { outcome: string }[] };
    expect(first.trace?.map((t) => t.outcome)).toEqual(['taken', 'taken']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('reports usage errors (exit 2) and unreadable inputs or models (exit 1)', async () => {
    const cases: [string[], number, RegExp][] = [
      [[modelPath], 2, /--cases FILE.jsonl is required/],
      [['--cases', small], 2, /no MODEL given/],
      [[modelPath, '--cases', small, '--workers', 'many'], 2, /--workers must be/],
      [[modelPath, '--cases', join(dir, 'absent.jsonl')], 1, /cannot read the cases file/],
      [[join(dir, 'absent.flint'), '--cases', small], 1, /file-not-found|Cannot read/],
    ];
    for (const [args, code, message] of cases) {
      const x = io();
      expect(await batchCommand.run(args, x)).toBe(code);
      expect(x.err).toMatch(message);
    }
    expect(existsSync(join(dir, 'absent.jsonl'))).toBe(false);
  });

  it('prints its help', async () => {
    const x = io();
    expect(await batchCommand.run(['--help'], x)).toBe(0);
    expect(x.out).toContain('Usage: flint batch MODEL --cases FILE.jsonl');
  });
});
