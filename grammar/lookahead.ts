/**
 * Lookahead paths computed once at build time instead of at every start-up.
 *
 * chevrotain's self-analysis spends most of its time computing, for every OR, OPTION, MANY and AT_LEAST_ONE, the token
 * sequences (up to `maxLookahead` long) that choose each alternative. Those sequences depend only on the grammar, so
 * grammar/generate.ts records them into grammar/lookahead-paths.ts and {@link PrecomputedLookahead} builds the same
 * lookahead functions from them. The table carries a fingerprint of the grammar: when the grammar has changed since
 * the table was generated, every path is computed as before (correct, only slower), and tests/syntax/grammar.test.ts
 * fails until `npm run grammar:generate` is run.
 */
import { EOF, LLkLookaheadStrategy, getLookaheadPaths, serializeGrammar, tokenMatcher } from 'chevrotain';
import type {
  ILookaheadStrategy,
  ILookaheadValidationError,
  IOrAlt,
  IToken,
  LookaheadProductionType,
  LookaheadSequence,
  OptionalProductionType,
  Rule,
  TokenType,
} from 'chevrotain';

/** The stored table: the grammar's fingerprint and, per production, its lookahead paths as token names. */
export interface LookaheadTable {
  readonly fingerprint: string;
  /** Key `rule/ProductionType/occurrence/k` (k: the production's lookahead depth): alternatives → paths → tokens. */
  readonly paths: ReadonlyMap<string, readonly (readonly (readonly string[])[])[]>;
}

const key = (rule: string, type: LookaheadProductionType, occurrence: number, k: number): string =>
  `${rule}/${type}/${occurrence}/${k}`;

/** A 32-bit FNV-1a hash of the serialized grammar (rules, productions, token names and patterns), as 8 hex digits. */
export function grammarFingerprint(rules: readonly Rule[]): string {
  const text = JSON.stringify(serializeGrammar([...rules]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The parser's `this` as the lookahead functions see it: chevrotain calls them bound to the parser. */
interface Lookahead {
  LA(i: number): IToken;
}

/** Token-type indices a token type matches (itself and the categories that include it), for one-token lookahead. */
const indices = (t: TokenType): number[] => [t.tokenTypeIdx ?? -1, ...(t.categoryMatches ?? [])];

/** The same decision as chevrotain's LL(k) function for an OR, built from its paths. */
function alternationFunction(
  alts: LookaheadSequence[],
  hasPredicates: boolean,
): (this: Lookahead, orAlts?: IOrAlt<unknown>[]) => number | undefined {
  if (!hasPredicates && alts.every((alt) => alt.every((path) => path.length === 1))) {
    const choice = new Map<number, number>();
    alts.forEach((alt, a) => {
      for (const path of alt)
        for (const i of path[0] === undefined ? [] : indices(path[0])) {
          if (!choice.has(i)) choice.set(i, a);
        }
    });
    return function (this: Lookahead) {
      return choice.get(this.LA(1).tokenTypeIdx);
    };
  }
  // The paths of every alternative, in order, filed under the token types their first token matches, so a decision
  // looks only at the paths the next token can start (the gates are pure, so skipping the others changes nothing).
  const byFirst = new Map<number, { alt: number; rest: TokenType[] }[]>();
  const always: { alt: number; rest: TokenType[] }[] = [];
  alts.forEach((alt, a) => {
    for (const path of alt) {
      const first = path[0];
      if (first === undefined) {
        always.push({ alt: a, rest: [] });
        for (const list of byFirst.values()) list.push({ alt: a, rest: [] });
        continue;
      }
      for (const i of indices(first)) {
        let list = byFirst.get(i);
        if (list === undefined) byFirst.set(i, (list = [...always]));
        list.push({ alt: a, rest: path.slice(1) });
      }
    }
  });
  return function (this: Lookahead, orAlts?: IOrAlt<unknown>[]) {
    const candidates = byFirst.get(this.LA(1).tokenTypeIdx) ?? always;
    for (const { alt, rest } of candidates) {
      const gate = hasPredicates ? orAlts?.[alt]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      if (matchesFrom.call(this, rest)) return alt;
    }
    return undefined;
  };
}

/** True when the tokens from the second on match `rest` (the first token was matched already). */
function matchesFrom(this: Lookahead, rest: readonly TokenType[]): boolean {
  for (let i = 0; i < rest.length; i++) if (!tokenMatcher(this.LA(i + 2), rest[i] as TokenType)) return false;
  return true;
}

/** The same decision as chevrotain's LL(k) function for an OPTION, MANY or AT_LEAST_ONE: enter it or not. */
function optionalFunction(paths: LookaheadSequence): (this: Lookahead) => boolean {
  if (paths.every((path) => path.length === 1)) {
    const enter = new Set(paths.flatMap((path) => (path[0] === undefined ? [] : indices(path[0]))));
    return function (this: Lookahead) {
      return enter.has(this.LA(1).tokenTypeIdx);
    };
  }
  if (paths.some((path) => path.length === 0)) return () => true;
  const byFirst = new Map<number, TokenType[][]>();
  for (const path of paths) {
    for (const i of indices(path[0] as TokenType)) {
      let list = byFirst.get(i);
      if (list === undefined) byFirst.set(i, (list = []));
      list.push(path.slice(1));
    }
  }
  return function (this: Lookahead) {
    const rests = byFirst.get(this.LA(1).tokenTypeIdx);
    if (rests === undefined) return false;
    for (const rest of rests) if (matchesFrom.call(this, rest)) return true;
    return false;
  };
}

/**
 * chevrotain's LL(k) lookahead strategy, with the paths taken from a table generated at build time. Validation and
 * any production the table lacks (or a table for another grammar) fall back to chevrotain's own computation.
 */
export class PrecomputedLookahead implements ILookaheadStrategy {
  private readonly llk: ILookaheadStrategy;
  private readonly tokens: ReadonlyMap<string, TokenType>;
  private current = false;
  private fallbacks = 0;

  constructor(
    private readonly table: LookaheadTable,
    tokens: readonly TokenType[],
    maxLookahead: number,
  ) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
    this.tokens = new Map([...tokens, EOF].map((t) => [t.name, t]));
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.llk.validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.current = grammarFingerprint(options.rules) === this.table.fingerprint;
    this.fallbacks = 0;
  }

  /** How many productions had their paths computed (not read from the table) since the last `initialize`. */
  get computed(): number {
    return this.fallbacks;
  }

  /** The stored paths of one production as token types, or undefined when they cannot be used. */
  private stored(rule: Rule, type: LookaheadProductionType, occurrence: number, k: number) {
    if (!this.current) return undefined;
    const names = this.table.paths.get(key(rule.name, type, occurrence, k));
    if (names === undefined) return undefined;
    const alts: LookaheadSequence[] = [];
    for (const alt of names) {
      const paths: TokenType[][] = [];
      for (const path of alt) {
        const types: TokenType[] = [];
        for (const name of path) {
          const t = this.tokens.get(name);
          if (t === undefined) return undefined;
          types.push(t);
        }
        paths.push(types);
      }
      alts.push(paths);
    }
    return alts;
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const alts = options.dynamicTokensEnabled
      ? undefined
      : this.stored(options.rule, 'Alternation', options.prodOccurrence, options.maxLookahead);
    if (alts !== undefined) return alternationFunction(alts, options.hasPredicates);
    this.fallbacks++;
    return this.llk.buildLookaheadForAlternation(options);
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): () => boolean {
    const alts = options.dynamicTokensEnabled
      ? undefined
      : this.stored(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    if (alts?.[0] !== undefined) return optionalFunction(alts[0]);
    this.fallbacks++;
    return this.llk.buildLookaheadForOptional(options);
  }
}

/**
 * chevrotain's LL(k) strategy that records every production's lookahead paths (used by grammar/generate.ts to write
 * the table, and by the test that checks the table is current).
 */
export class RecordingLookahead implements ILookaheadStrategy {
  private readonly llk: ILookaheadStrategy;
  private fingerprint = '';
  private readonly recorded = new Map<string, string[][][]>();

  constructor(maxLookahead: number) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.llk.validate(options);
  }

  initialize(options: { rules: Rule[] }): void {
    this.fingerprint = grammarFingerprint(options.rules);
  }

  private record(rule: Rule, prodType: LookaheadProductionType, occurrence: number, k: number): void {
    const paths = getLookaheadPaths({ occurrence, rule, prodType, maxLookahead: k });
    const kept = prodType === 'Alternation' ? paths : paths.slice(0, 1);
    this.recorded.set(
      key(rule.name, prodType, occurrence, k),
      kept.map((alt) => alt.map((path) => path.map((t) => t.name))),
    );
  }

  buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    this.record(options.rule, 'Alternation', options.prodOccurrence, options.maxLookahead);
    return this.llk.buildLookaheadForAlternation(options);
  }

  buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): () => boolean {
    this.record(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    return this.llk.buildLookaheadForOptional(options);
  }

  /** The recorded table. */
  table(): LookaheadTable {
    return { fingerprint: this.fingerprint, paths: new Map(this.recorded) };
  }
}

/** An empty path (an alternative that needs no token, e.g. EMPTY_ALT). */
const EMPTY = '~';

/**
 * The table as lines: `@key` starts a production, `- ` an alternative, `+ ` continues it; paths are separated by
 * `, `, the tokens of a path by spaces, an empty path is `~`. Lines stay under 120 characters.
 */
export function lookaheadLines(table: LookaheadTable): string[] {
  const lines = [`#${table.fingerprint}`];
  for (const [k, alts] of [...table.paths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`@${k}`);
    for (const alt of alts) {
      let line = '-';
      for (const path of alt) {
        const text = ` ${path.length === 0 ? EMPTY : path.join(' ')},`;
        if (line.length + text.length > 100) {
          lines.push(line);
          line = '+';
        }
        line += text;
      }
      lines.push(line);
    }
  }
  return lines;
}

/** Reads the lines written by {@link lookaheadLines}. */
export function readLookaheadLines(lines: readonly string[]): LookaheadTable {
  let fingerprint = '';
  const paths = new Map<string, string[][][]>();
  let alts: string[][][] = [];
  let alt: string[][] = [];
  for (const line of lines) {
    const rest = line.slice(1);
    if (line.startsWith('#')) fingerprint = rest;
    else if (line.startsWith('@')) {
      alts = [];
      paths.set(rest, alts);
    } else {
      if (line.startsWith('-')) {
        alt = [];
        alts.push(alt);
      }
      for (const path of rest.split(',')) {
        const tokens = path.trim();
        if (tokens !== '') alt.push(tokens === EMPTY ? [] : tokens.split(' '));
      }
    }
  }
  return { fingerprint, paths };
}
