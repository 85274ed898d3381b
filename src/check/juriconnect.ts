/**
 * Validation of Juriconnect identifiers (grammar/README.md#sources).
 *
 * Accepted shape (the "collectie BWB" form of the Juriconnect standard, versions 1.0, 1.3 and 1.31):
 * `jci<version>:<c|v>:BWBR<7 digits>(&<key>=<value>)*` where `c` cites the consolidated regulation
 * and `v` a specific version. Keys: `hoofdstuk`, `titeldeel`, `afdeling`, `paragraaf`,
 * `subparagraaf` (also `sub-paragraaf`, as wetten.overheid.nl writes it), `artikel`, `lid`, `onderdeel`, `sub`,
 * `bijlage`, `deel`, `boek`, `titel`, `z` (date of the consolidation, `YYYY-MM-DD`), `g` (date in force,
 * `YYYY-MM-DD`). Values are non-empty and contain no `&` or `=`.
 */

/** The Juriconnect versions accepted. */
export const JURICONNECT_VERSIONS: readonly string[] = ['1.0', '1.3', '1.31'];

/** The location keys accepted after the BWB id. */
export const JURICONNECT_KEYS: readonly string[] = [
  'hoofdstuk',
  'titeldeel',
  'afdeling',
  'paragraaf',
  'subparagraaf',
  'artikel',
  'lid',
  'onderdeel',
  'sub-paragraaf',
  'sub',
  'bijlage',
  'deel',
  'boek',
  'titel',
  'z',
  'g',
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is an existing calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[mo - 1] ?? 0);
}

/** The first problem with Juriconnect id `id` as a sentence fragment, or `null` when it is well formed. */
export function juriconnectProblem(id: string): string | null {
  const head = /^jci([0-9.]+):([cv]):(BWB[RV]\d{7})(.*)$/.exec(id);
  if (!head) {
    if (!id.startsWith('jci')) return 'does not start with "jci"';
    if (!/^jci[0-9.]+:/.test(id)) return 'has no version after "jci"';
    if (!/^jci[0-9.]+:[cv]:/.test(id)) return 'has no collection marker ":c:" or ":v:" after the version';
    return 'has no BWB id of the form BWBR followed by seven digits';
  }
  const version = head[1] ?? '';
  if (!JURICONNECT_VERSIONS.includes(version))
    return `has unknown version ${version} (expected ${JURICONNECT_VERSIONS.join(', ')})`;
  const rest = head[4] ?? '';
  if (rest === '') return null;
  if (!rest.startsWith('&')) return `has unexpected text "${rest}" after the BWB id`;
  for (const part of rest.slice(1).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `has a parameter "${part}" without key=value form`;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (!JURICONNECT_KEYS.includes(key)) return `has unknown key "${key}"`;
    if (value === '' || value.includes('=')) return `has an invalid value for key "${key}"`;
    if ((key === 'z' || key === 'g') && !isIsoDate(value))
      return `has key "${key}" with "${value}", which is not a date YYYY-MM-DD`;
  }
  return null;
}
