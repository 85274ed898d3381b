/**
 * Recognise text that was decoded with the wrong encoding, so front ends say so once instead of
 * reporting every character. Files are read as UTF-8; a UTF-16 or UTF-32 file then shows NUL
 * characters between the letters, and its byte-order mark becomes two U+FFFD replacement characters.
 */

/** How far into the text the check looks (the problem shows at the start of any such file). */
const SAMPLE = 4096;

/** A sentence naming the likely encoding when `text` is not UTF-8 text; `null` when it looks fine. */
export function encodingProblem(text: string): string | null {
  const sample = text.slice(0, SAMPLE);
  const bom =
    sample.startsWith('\uFFFD\uFFFD') || sample.startsWith('\u00FF\u00FE') || sample.startsWith('\u00FE\u00FF');
  const nul = sample.indexOf('\u0000');
  if (!bom && nul < 0) return null;
  if (/^(?:\uFFFD\uFFFD|\u00FF\u00FE|\u00FE\u00FF)?(?:[^\u0000]\u0000){2}/.test(sample)) {
    return 'The file looks like UTF-16 (little-endian) text; it must be UTF-8.';
  }
  if (/^(?:\uFFFD\uFFFD|\u00FF\u00FE|\u00FE\u00FF)?(?:\u0000[^\u0000]){2}/.test(sample)) {
    return 'The file looks like UTF-16 (big-endian) text; it must be UTF-8.';
  }
  if (bom) return 'The file starts with a UTF-16 byte-order mark; it must be UTF-8.';
  return 'The file contains NUL characters: it is binary data or not UTF-8 text.';
}

/** The hint for {@link encodingProblem}. */
export const ENCODING_HINT = 'Save the file as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`), then try again.';

/**
 * Why `text` is not model text, in a few words for a diagnostic: the likely encoding when it was
 * decoded with the wrong one (`UTF-16 (little-endian) text, not UTF-8`), else `binary data`.
 */
export function notTextReason(text: string): string {
  const p = encodingProblem(text);
  if (p === null || p.startsWith('The file contains NUL')) return 'binary data';
  const m = /looks like (UTF-16 \((?:little|big)-endian\)) text/.exec(p);
  return m ? `${m[1]} text, not UTF-8` : 'a UTF-16 byte-order mark, not UTF-8';
}
