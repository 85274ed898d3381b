import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LLkLookaheadStrategy } from 'chevrotain';
import type { CstElement, CstNode, ILookaheadStrategy } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { lookaheadPathsTs } from '../../grammar/generate.js';
import { PrecomputedLookahead, readLookaheadLines, lookaheadLines } from '../../grammar/lookahead.js';
import { lookaheadPaths } from '../../grammar/lookahead-paths.js';
import { FlintParser, MAX_LOOKAHEAD } from '../../grammar/parser.js';
import { allTokens, flintLexer } from '../../grammar/tokens.js';
import { projectRoot } from '../helpers/shared.js';

const stored = () => new PrecomputedLookahead(readLookaheadLines(lookaheadPaths), allTokens, MAX_LOOKAHEAD);

/** Every .flint file of the repository (norms, examples, test fixtures). */
function flintFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? flintFiles(p) : e.name.endsWith('.flint') ? [p] : [];
  });
}

/** The CST as plain data: rule names, child keys, token types and offsets, recovered nodes. */
function shape(e: CstElement): unknown {
  if (!('children' in e)) return `${e.tokenType.name}@${e.startOffset}`;
  const node = e as CstNode;
  return {
    name: node.name,
    ...(node.recoveredNode ? { recovered: true } : {}),
    children: Object.fromEntries(Object.entries(node.children).map(([k, v]) => [k, v.map(shape)])),
  };
}

function parseWith(parser: FlintParser, text: string) {
  parser.input = flintLexer.tokenize(text).tokens;
  const cst = parser.model();
  return {
    cst: shape(cst),
    errors: parser.errors.map((e) => `${e.name} ${e.token.startOffset}: ${e.message}`),
  };
}

/** Broken variants of a text: at evenly spaced tokens, the token cut out or a stray `) {` put before it. */
function broken(text: string, n: number): string[] {
  const tokens = flintLexer.tokenize(text).tokens;
  return Array.from({ length: n }, (_, i) => {
    const t = tokens[Math.floor(((i + 0.5) * tokens.length) / n)];
    if (t === undefined) return text;
    const end = (t.endOffset ?? t.startOffset) + 1;
    const rest = i % 2 === 0 ? text.slice(end) : ` ) { ${text.slice(t.startOffset)}`;
    return text.slice(0, t.startOffset) + rest;
  });
}

describe('precomputed lookahead paths (grammar/lookahead-paths.ts)', () => {
  it('grammar/lookahead-paths.ts is current (run npm run grammar:generate)', () => {
    expect(readFileSync(join(projectRoot, 'grammar', 'lookahead-paths.ts'), 'utf8')).toBe(lookaheadPathsTs());
  });

  it('the table survives its text form unchanged', () => {
    const table = readLookaheadLines(lookaheadPaths);
    expect(table.paths.size).toBeGreaterThan(50);
    expect(readLookaheadLines(lookaheadLines(table))).toEqual(table);
    // Empty paths (an alternative that needs no token) keep their place.
    const withEmpty = { fingerprint: 'x', paths: new Map([['r/Alternation/0/2', [[['A', 'B'], []], [['C']]]]]) };
    expect(readLookaheadLines(lookaheadLines(withEmpty))).toEqual(withEmpty);
  });

  it('the parser reads every production from the table: no path is computed at start-up', () => {
    const lookahead = stored();
    new FlintParser({ lookahead });
    expect(lookahead.computed).toBe(0);
  });

  it('a table for another grammar is not used: every path is computed, the parser still parses', () => {
    const table = readLookaheadLines(lookaheadPaths);
    const lookahead = new PrecomputedLookahead({ ...table, fingerprint: '00000000' }, allTokens, MAX_LOOKAHEAD);
    const parser = new FlintParser({ lookahead });
    expect(lookahead.computed).toBeGreaterThan(50);
    const text = readFileSync(join(projectRoot, 'norms', 'awb', 'awb.flint'), 'utf8');
    expect(parseWith(parser, text)).toEqual(parseWith(new FlintParser({ lookahead: llk() }), text));
  });

  const llk = (): ILookaheadStrategy => new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD });

  it('parses every .flint file exactly as chevrotain computing the paths', () => {
    const fromTable = new FlintParser({ lookahead: stored() });
    const computed = new FlintParser({ lookahead: llk() });
    const files = flintFiles(projectRoot);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(parseWith(fromTable, text), relative(projectRoot, file)).toEqual(parseWith(computed, text));
    }
  });

  it('recovers from errors exactly as chevrotain computing the paths (same tree, same errors)', () => {
    const fromTable = new FlintParser({ lookahead: stored() });
    const computed = new FlintParser({ lookahead: llk() });
    let withErrors = 0;
    const files = [
      'norms/awb/awb.flint',
      'norms/kinderopvangtoeslag/kinderopvangtoeslag.test.flint',
      'norms/awir/awir.flint',
    ];
    for (const file of files) {
      const text = readFileSync(join(projectRoot, file), 'utf8');
      for (const variant of broken(text, 10)) {
        const a = parseWith(fromTable, variant);
        expect(a, file).toEqual(parseWith(computed, variant));
        if (a.errors.length > 0) withErrors++;
      }
    }
    expect(withErrors).toBeGreaterThan(10);
  });
});
