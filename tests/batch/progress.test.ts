import { describe, expect, it } from 'vitest';
import { progressDisplay } from '../../src/cli/batch-io.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('the batch progress display', () => {
  it('prints a plain line per interval when standard error is not a terminal', async () => {
    let out = '';
    const p = progressDisplay('flint batch', { enabled: true, tty: false, everyMs: 20 }, (t) => {
      out += t;
    });
    p.update(10, 0.1);
    expect(out).toBe('');
    await sleep(30);
    p.update(500, 0.5);
    p.update(501, 0.5);
    p.finish();
    expect(out).toMatch(/^flint batch: 500 cases, \d+\/s, 50%, \d+s left\n$/);
  });

  it('redraws a bar on a terminal, ends it with a newline, and shows nothing when disabled', async () => {
    let out = '';
    const p = progressDisplay('flint batch', { enabled: true, tty: true }, (t) => {
      out += t;
    });
    await sleep(120);
    p.update(2500, 0.25);
    p.finish();
    expect(out).toMatch(/^\rflint batch: \[#{8}\.{22}\] {2}25% 2500 cases, \d+\/s, \d+s left \n$/);
    let none = '';
    const q = progressDisplay('flint batch', { enabled: false, tty: true }, (t) => {
      none += t;
    });
    await sleep(120);
    q.update(1, 1);
    q.finish();
    expect(none).toBe('');
  });
});
