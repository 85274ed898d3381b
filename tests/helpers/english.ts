/**
 * English words that must not appear in Dutch renderings (whole words, case-insensitive). FLINT's
 * expression keywords (`and`, `or`, `not`) are syntax, printed as written in the model.
 */
export const ENGLISH_WORDS = [
  'enabled',
  'disabled',
  'undecided',
  'taken',
  'refused',
  'forced',
  'true',
  'false',
  'unknown',
  'because',
  'holds',
  'hold',
  'given',
  'created',
  'derived',
  'duty',
  'act',
  'the',
  'by',
  'on',
  'that',
  'still',
  'active',
  'ended',
  'preconditions',
  'reasons',
  'effects',
  'check',
  'sources',
  'weeks',
  'days',
  'minus',
  'create',
  'terminate',
  'record',
  'date',
  'yet',
  'known',
  'read',
  'deadline',
  'violated',
  'would',
  'become',
  'if',
  'were',
  'now',
  'can',
  'cannot',
];

/** English words in `text` outside model names (`[...]`, `<...>`, `<<...>>`) and backquoted expressions. */
export function englishWords(text: string): string[] {
  const prose = text.replace(/<<[^<>]*>>|<[^<>]*>|\[[^\]]*\]|`[^`]*`/g, ' ').replace(/\\/g, '');
  const words = new Set(prose.toLowerCase().split(/[^\p{L}]+/u));
  return ENGLISH_WORDS.filter((w) => words.has(w));
}
