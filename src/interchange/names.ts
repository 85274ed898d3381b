/**
 * Names, dates and ids as FLINT JSON writes them: bracket forms, `DD-MM-YYYY` dates,
 * `2-[19980101]-[jjjjmmdd]` versions, and the slugs used as generated source ids.
 */
import { isDate } from '../model/literals.js';

/** The frame kind a bracketed name denotes. */
export type NameFrame = 'fact' | 'act' | 'duty';

/** A name found in a FLINT JSON string, without its brackets. */
export interface NameRef {
  readonly frame: NameFrame;
  readonly name: string;
}

const ACT_RE = /^<<([\s\S]*)>>$/;
const DUTY_RE = /^<([^<>]*)>$/;
const FACT_RE = /^\[([^[\]]*)\]$/;

/**
 * Read an expression string: `[x]` is fact `x`, `<<x>>` act `x`, `<x>` duty `x`; any other string
 * (old-dialect text such as `[a] EN [b]`, a bare name, `""`) is a fact named by the whole string,
 * except `""`, which is the empty fact name like `[]`.
 */
export function parseNameRef(text: string): NameRef {
  const act = ACT_RE.exec(text);
  if (act && !act[1]!.includes('>>')) return { frame: 'act', name: act[1]! };
  const duty = DUTY_RE.exec(text);
  if (duty) return { frame: 'duty', name: duty[1]! };
  const fact = FACT_RE.exec(text);
  if (fact) return { frame: 'fact', name: fact[1]! };
  return { frame: 'fact', name: text };
}

/**
 * Strip the canonical brackets of a frame's own name (`[x]`, `<<x>>`, `<x>` by `frame`).
 * `bracketed` is false for old-dialect bare names, which are kept whole.
 */
export function stripFrameName(frame: NameFrame, text: string): { name: string; bracketed: boolean } {
  const re = frame === 'fact' ? FACT_RE : frame === 'act' ? ACT_RE : DUTY_RE;
  const m = re.exec(text);
  if (m && !(frame === 'act' && m[1]!.includes('>>'))) return { name: m[1]!, bracketed: true };
  return { name: text, bracketed: false };
}

/**
 * Write a name so that it reads back as `name`: in bracket form when that round-trips, otherwise
 * verbatim (old-dialect text such as `[a] EN [b]`, or a name that itself contains brackets).
 * `as` says how it will be read: a frame's own name (`frame`) or an expression string (`ref`).
 */
export function formatName(frame: NameFrame, name: string, as: 'frame' | 'ref' = 'ref'): string {
  const wrapped = frame === 'act' ? `<<${name}>>` : frame === 'duty' ? `<${name}>` : `[${name}]`;
  const readsBack = (text: string): boolean => {
    if (as === 'frame') return stripFrameName(frame, text).name === name;
    const r = parseNameRef(text);
    return r.frame === frame && r.name === name;
  };
  if (readsBack(wrapped)) return wrapped;
  return readsBack(name) ? name : wrapped;
}

const FIND_RE = /<<([^<>]+)>>|<([^<>]+)>|\[([^[\]]+)\]/g;

/**
 * The bracketed names found in a string `create`/`terminate` (old dialect), in order.
 * Empty brackets (`<<>>`, `[]`) name nothing and are skipped.
 */
export function findNames(text: string): NameRef[] {
  const out: NameRef[] = [];
  for (const m of text.matchAll(FIND_RE)) {
    if (m[1] !== undefined) out.push({ frame: 'act', name: m[1] });
    else if (m[2] !== undefined) out.push({ frame: 'duty', name: m[2] });
    else if (m[3] !== undefined) out.push({ frame: 'fact', name: m[3] });
  }
  return out;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  return isDate(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

/** `DD-MM-YYYY` → ISO `YYYY-MM-DD`; `null` when the text is not a calendar date in that form. */
export function parseDutchDate(text: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** ISO `YYYY-MM-DD` → `DD-MM-YYYY` (the "sources" dialect's date form). */
export function formatDutchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** `yyyymmdd` → ISO date, or `null` when it is a placeholder such as `jjjjmmdd` or not a date. */
function compactDate(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The validity of a "reference"-dialect `version` such as `2-[19980101]-[jjjjmmdd]`: the first
 * bracketed group is the start date, the second the end date, each `null` unless a real date.
 */
export function versionDates(version: string): { validFrom: string | null; validTo: string | null } {
  const groups = [...version.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  return {
    validFrom: groups[0] === undefined ? null : compactDate(groups[0]),
    validTo: groups[1] === undefined ? null : compactDate(groups[1]),
  };
}

/** A `version` string for a source exported to the "reference" dialect without a recorded one. */
export function formatVersion(validFrom: string | null, validTo: string | null): string {
  const compact = (d: string | null): string => (d ? d.replaceAll('-', '') : 'jjjjmmdd');
  return `[${compact(validFrom)}]-[${compact(validTo)}]`;
}

/**
 * A source id from a citation: lower case, accents dropped, `:` read as `.`, every other run of
 * non `[a-z0-9.]` characters a `-` (`art. 1:3 lid 3 Awb` → `art-1.3-lid-3-awb`); `''` if nothing is left.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll(':', '.')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.*-\.*/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}
