/**
 * Values of the discipl-law-reg compatibility profile: JavaScript-like truthiness, the peer's
 * "unknown" (`undefined`), and exact decimals (decimal.js standing in for the peer's big.js).
 */
import { Decimal } from 'decimal.js';

/** A JSON-like object value (a stored record's facts, an `IS` expression kept in a record, ...). */
export interface DisciplObject {
  readonly [key: string]: DisciplValue;
}

/**
 * Any value the peer's evaluator handles: `undefined` is unknown; numbers from the model or the
 * resolver become {@link Decimal}s (always truthy); links are plain strings.
 */
export type DisciplValue =
  | undefined
  | null
  | boolean
  | string
  | number
  | Decimal
  | readonly DisciplValue[]
  | DisciplObject;

/** JavaScript truthiness as the peer sees it: objects (decimals, arrays, links) are truthy, `0`/`""`/`null` are not. */
export function isTruthy(v: DisciplValue): boolean {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

/** True for a decimal.js value. */
export function isDecimal(v: DisciplValue): v is Decimal {
  return v instanceof Decimal;
}

/** True for a plain object value (not an array, not a decimal). */
export function isObjectValue(v: DisciplValue): v is DisciplObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Decimal);
}

/** The value printed as text, as JavaScript's `String(v)` would print it. */
export function valueText(v: DisciplValue): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (v instanceof Decimal) return v.toString();
  if (Array.isArray(v))
    return v.map((x: DisciplValue) => (x === undefined || x === null ? '' : valueText(x))).join(',');
  if (typeof v === 'object') return '[object Object]';
  return String(v);
}

const NUMERIC = /^-?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when the value printed as text is a number (`-?(digits[.digits]|.digits)(e±digits)?`). */
export function isNumeric(v: DisciplValue): boolean {
  return NUMERIC.test(valueText(v));
}

/** Thrown inside the evaluator and turned into a result value at the API boundary. */
export class DisciplError extends Error {
  /** An error with the peer's exact message. */
  constructor(message: string) {
    super(message);
    this.name = 'DisciplError';
  }
}

/** The value as a decimal; a non-numeric value fails like big.js does (`[big.js] Invalid number`). */
export function toDecimal(v: DisciplValue): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return new Decimal(v);
  // big.js reads any other value through its text: `[3]` is 3, `true` and words are invalid.
  const text = valueText(v).trim();
  if (NUMERIC.test(text)) return new Decimal(text);
  throw new DisciplError('[big.js] Invalid number');
}

/** A resolver answer as the evaluator sees it: a JavaScript number becomes a decimal. */
export function fromAnswer(v: DisciplValue): DisciplValue {
  return typeof v === 'number' ? new Decimal(v) : v;
}

/** Deep plain-JSON form of a value: decimals become numbers, unknown object keys are dropped. */
export function toPlain(v: DisciplValue): unknown {
  if (v instanceof Decimal) return v.toNumber();
  if (Array.isArray(v)) return v.map((x: DisciplValue) => (x === undefined ? null : toPlain(x)));
  if (isObjectValue(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toPlain(x);
    return out;
  }
  return v;
}
