/**
 * The cases file cut into chunks of whole lines (src/cli/batch-io.ts readChunks): whatever the
 * line lengths, the chunk size and the file's last line, the chunks hold the file's bytes in
 * order, `size` lines each but the last, numbered from line 1, each in a buffer of its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type ByteChunk, readChunks } from '../../src/cli/batch-io.js';

const dir = mkdtempSync(join(tmpdir(), 'calculemus-read-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(path: string, size: number): Promise<ByteChunk[]> {
  const out: ByteChunk[] = [];
  for await (const c of readChunks(path, size)) {
    // Copied at once: a chunk's buffer is its own, the reader never writes to it again.
    out.push({ ...c, bytes: new Uint8Array(c.bytes) });
  }
  return out;
}

/** Checks the chunks of `text` cut `size` lines at a time. */
async function check(text: Buffer, size: number): Promise<void> {
  const path = join(dir, 'cases.jsonl');
  writeFileSync(path, text);
  const chunks = await chunksOf(path, size);
  // Compared as one boolean: vitest's diff of megabyte buffers would take minutes.
  expect(Buffer.concat(chunks.map((c) => c.bytes)).equals(text)).toBe(true);
  let lines = text.length > 0 && text.at(-1) !== 10 ? 1 : 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) lines++;
  let first = 1;
  chunks.forEach((c, i) => {
    expect(c.seq).toBe(i);
    expect(c.first).toBe(first);
    const b = Buffer.from(c.bytes);
    let newlines = 0;
    for (let at = b.indexOf(10); at >= 0; at = b.indexOf(10, at + 1)) newlines++;
    const last = i === chunks.length - 1;
    if (!last) {
      expect(c.lines).toBe(size);
      expect(newlines).toBe(size);
      expect(c.bytes.at(-1)).toBe(10);
    }
    first += c.lines;
  });
  expect(first - 1).toBe(lines);
  expect(chunks.at(-1)?.bytesRead ?? 0).toBe(text.length);
}

describe('readChunks', () => {
  it('cuts any file into chunks of whole lines that hold its bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ maxLength: 40, unit: 'binary' }).map((s) => s.replaceAll('\n', ' ')),
          { maxLength: 30 },
        ),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        async (lines, lastNewline, size) => {
          const text = lines.join('\n') + (lastNewline && lines.length > 0 ? '\n' : '');
          await check(Buffer.from(text, 'utf8'), size);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads lines longer than its buffer, and chunks of very different sizes', async () => {
    const long = 'x'.repeat(3 << 20);
    await check(Buffer.from(`a\n${long}\nb\n${long}${long}\nc`), 1);
    await check(Buffer.from(`a\n${long}\nb\n${long}\n`), 2);
    const many = Array.from({ length: 3000 }, (_, i) => `{"id":${i},"pad":"${'y'.repeat(i % 700)}"}`).join('\n');
    await check(Buffer.from(many), 256);
    await check(Buffer.from(`${many}\n`), 1000);
    await check(Buffer.alloc(0), 3);
  });
});
