import { flintLexer } from '../../grammar/tokens.js';

/** The comments of a .flint text in order, as the lexer sees them (line comments without trailing blanks). */
export function commentsOf(text: string): string[] {
  return (flintLexer.tokenize(text).groups['comments'] ?? []).map((t) =>
    t.image.startsWith('//') ? t.image.trimEnd() : t.image,
  );
}
