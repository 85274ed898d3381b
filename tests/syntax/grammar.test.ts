import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlintParser } from '../../grammar/parser.js';
import { cstDts } from '../../grammar/generate.js';
import { projectRoot } from '../helpers/shared.js';

describe('grammar', () => {
  it('passes chevrotain self-analysis (no ambiguities or left recursion)', () => {
    expect(() => new FlintParser({ validate: true })).not.toThrow();
  });

  it('grammar/cst.d.ts is current (run npm run grammar:generate)', () => {
    expect(readFileSync(join(projectRoot, 'grammar', 'cst.d.ts'), 'utf8')).toBe(cstDts());
  });

  it('the language reference keeps the anchors the checker cites', () => {
    const readme = readFileSync(join(projectRoot, 'grammar', 'README.md'), 'utf8');
    for (const a of [
      'header',
      'imports',
      'sources',
      'types',
      'facts',
      'acts',
      'duties',
      'deadlines',
      'expressions',
      'functions',
      'aggregates',
      'compat',
      'comments',
      'lexical',
    ]) {
      expect(readme).toContain(`<a id="${a}"></a>`);
    }
  });
});
