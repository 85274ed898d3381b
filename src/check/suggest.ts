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
 * The candidate closest to `name` (case-insensitive edit distance), or `null` when none is within
 * a third of the name's length (at least 1, at most 4 edits). Ties go to the alphabetically first.
 */
export function suggest(name: string, candidates: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  const limit = Math.min(4, Math.max(1, Math.floor(name.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(lower, c.toLowerCase());
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
