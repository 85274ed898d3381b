// The parts of the parser that exist for speed and memory (docs/performance.md, "Parsing large models"): a broken one
// would not change any parse, only make it slow, so they are checked here directly.
import type { CstNode } from 'chevrotain';
import { Lexer } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { FlintParser } from '../../grammar/parser.js';
import { allTokens, flintLexer } from '../../grammar/tokens.js';
import { parse } from '../../src/syntax/index.js';
import { AstBuilder } from '../../src/syntax/to-ast.js';

const TEXT = `model "m" { language: en }
fact [a]
fact [b] { holds when: [a] and not [c] }
junk here
act <<do>> { actor: [a] }
`;

describe('parser speed and memory', () => {
  it('the lexer keeps its first-character optimisation (every custom matcher has start characters)', () => {
    expect(() => new Lexer([...allTokens], { positionTracking: 'full', ensureOptimizations: true })).not.toThrow();
  });

  it('names starting with letters beyond ASCII are identifiers and source ids', () => {
    const text = 'source été-1 { } fact [x] { holds when: élan > Ωmega and Жук < 中文 and 𝒜b == _x }';
    const tokens = flintLexer.tokenize(text);
    expect(tokens.errors).toEqual([]);
    const names = tokens.tokens.filter((t) => ['Identifier', 'SourceId'].includes(t.tokenType.name));
    expect(names.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual([
      'SourceId:été-1',
      'Identifier:holds',
      'Identifier:when',
      'Identifier:élan',
      'Identifier:Ωmega',
      'Identifier:Жук',
      'Identifier:中文',
      'Identifier:𝒜b',
      'Identifier:_x',
    ]);
  });

  it('a declaration sink receives every declaration, also one cut short by an error, as soon as it is parsed', () => {
    const parser = new FlintParser();
    const seen: string[] = [];
    parser.input = flintLexer.tokenize(TEXT.replace('{ actor: [a] }', '{ actor: }')).tokens;
    parser.declarationSink = (d) => {
      seen.push(Object.keys(d.children).join(','));
      return { name: 'declaration', children: {}, ...(d.location ? { location: d.location } : {}) };
    };
    const cst = parser.model();
    expect(seen).toEqual(['factDecl', 'factDecl', 'actDecl']);
    const kept = (cst.children['declaration'] ?? []) as CstNode[];
    expect(kept.map((d) => Object.keys(d.children).length)).toEqual([0, 0, 0]);
    expect(parser.errors.length).toBeGreaterThan(0);
    // The model node still spans from the header to the last declaration.
    expect(cst.location?.endOffset).toBe(TEXT.replace('{ actor: [a] }', '{ actor: }').trimEnd().length - 1);
  });

  it('parse builds the same model with the sink as from the whole CST', () => {
    for (const text of [TEXT, TEXT.replace('{ actor: [a] }', '{ actor: }'), TEXT.replace('[c] }', '[c]')]) {
      const parser = new FlintParser();
      parser.input = flintLexer.tokenize(text).tokens;
      const builder = new AstBuilder(text, 'm.flint');
      const whole = builder.model(parser.model());
      const viaSink = parse(text, 'm.flint');
      expect(viaSink.value).toEqual(whole);
      expect(viaSink.value.declarations.length).toBeGreaterThan(1);
    }
  });
});
