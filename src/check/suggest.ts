/**
 * "Did you mean" suggestions for misspelt names, by edit distance.
 */

/** The Levenshtein distance between `a` and `b` (insertions, deletions, substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The Levenshtein distance between `a` and `b` when it is at most `limit`, else `limit + 1`.
 * Only the diagonal band of width `2 × limit + 1` is computed, and it stops as soon as a whole row
 * exceeds `limit`: O(length × limit) instead of O(length²).
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  let prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev.push(j <= limit ? j : over);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = new Array<number>(b.length + 1).fill(over);
    cur[0] = i <= limit ? i : over;
    let rowMin = cur[0];
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min((prev[j] ?? over) + 1, (cur[j - 1] ?? over) + 1, (prev[j - 1] ?? over) + cost);
      cur[j] = Math.min(d, over);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return over;
    prev = cur;
  }
  const d = prev[b.length] ?? over;
  return d > limit ? over : d;
}

/**
 * The candidate closest to `name` (case-insensitive edit distance), or `null` when none is within
 * a third of the name's length (at least 1, at most 4 edits). Ties go to the alphabetically first.
 * O(candidates × name length): candidates of a too different length are skipped outright.
 */
export function suggest(name: string, candidates: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = boundedDistance(lower, c.toLowerCase(), limit);
    if (d > limit) continue;
    if (d < bestDistance || (d === bestDistance && best !== null && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` Did you mean «x»?` when a suggestion exists, else the empty string (for appending to a message). */
export function didYouMean(name: string, candidates: Iterable<string>, show: (s: string) => string = (s) => s): string {
  const s = suggest(name, candidates);
  return s === null ? '' : ` Did you mean «${show(s)}»?`;
}

/** At most this many "did you mean" searches are made per rule and check (see README.md#limits). */
export const MAX_SUGGESTIONS = 200;

/**
 * A {@link didYouMean} that searches at most `max` times, then suggests nothing: a file with
 * thousands of misspellings gets its diagnostics in linear time. Candidates may be given lazily.
 */
export function suggester(
  max: number = MAX_SUGGESTIONS,
): (name: string, candidates: Iterable<string> | (() => Iterable<string>), show?: (s: string) => string) => string {
  let left = max;
  return (name, candidates, show) => {
    if (left <= 0) return '';
    left--;
    return didYouMean(name, typeof candidates === 'function' ? candidates() : candidates, show);
  };
}
