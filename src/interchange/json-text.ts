/**
 * JSON text handling for the importer: a nesting-depth guard run before parsing (jsonc-parser
 * recurses per nesting level), parsing with error collection, comments, and JSON-path → span lookup.
 */
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Pos, Span } from '../model/span.js';
import { emptySpan } from '../model/span.js';

/** Deepest array/object nesting accepted in JSON text or values (deeper input is diagnosed, not parsed). */
export const MAX_JSON_DEPTH = 1000;

// jsonc-parser's SyntaxKind is an ambient const enum, unusable under verbatimModuleSyntax: its values.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

/** A JSON Pointer (RFC 6901) for `path`, e.g. `/acts/3/preconditions`. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Split a JSON Pointer into its segments (array indices stay strings). */
export function fromPointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Maps offsets of one text to line/column positions (binary search over line starts). */
export class Locator {
  private readonly lineStarts: number[] = [0];

  /** `root` is the parse tree of `text`, or `undefined` for values that have no text. */
  constructor(
    readonly file: string,
    private readonly text: string | undefined,
    private readonly root: JsonNode | undefined,
  ) {
    if (text !== undefined) {
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** The position of `offset` (1-based line and column), like `positionAt` but O(log n). */
  pos(offset: number): Pos {
    const clamped = Math.max(0, Math.min(offset, this.text?.length ?? 0));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1, offset: clamped };
  }

  /** The span from `offset` covering `length` characters. */
  range(offset: number, length: number): Span {
    if (this.text === undefined) return emptySpan(this.file);
    return { file: this.file, start: this.pos(offset), end: this.pos(offset + length) };
  }

  /** The text node at `path`, or its nearest existing ancestor (e.g. the object missing a key). */
  node(path: readonly PathSegment[]): JsonNode | undefined {
    if (!this.root) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const segs = path.slice(0, n).map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
      const found = findNodeAtLocation(this.root, segs);
      if (found) return found;
    }
    return this.root;
  }

  /** The span of the value at `path` (or of its nearest ancestor); an empty span without text. */
  span(path: readonly PathSegment[]): Span {
    const n = this.node(path);
    return n ? this.range(n.offset, n.length) : emptySpan(this.file);
  }

  /** The number as written in the text at `path` (keeps `12.50`), or `undefined` without text. */
  numberText(path: readonly PathSegment[]): string | undefined {
    const n = this.text === undefined ? undefined : this.node(path);
    return n && n.type === 'number' && this.text !== undefined
      ? this.text.slice(n.offset, n.offset + n.length)
      : undefined;
  }
}

/** What `parseJsonText` found. `root` is `undefined` when the text could not be used. */
export interface ParsedJson {
  readonly root: JsonNode | undefined;
  readonly value: unknown;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parse JSON-with-comments text. Nesting deeper than {@link MAX_JSON_DEPTH} is refused before parsing
 * (`json-too-deep`); syntax errors give `json-syntax` errors and no value; comments give `json-comment`
 * warnings (accepted, as the peer accepts them).
 */
export function parseJsonText(text: string, locator: Locator): ParsedJson {
  const diagnostics: Diagnostic[] = [];
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_BRACKET) {
      depth++;
      if (depth > MAX_JSON_DEPTH) {
        const span = locator.range(scanner.getTokenOffset(), 1);
        diagnostics.push({
          code: 'json-too-deep',
          severity: 'error',
          message:
            `The JSON text nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep ` +
            `(line ${span.start.line}, column ${span.start.column}); it is not read.`,
          span,
          hint: 'Split deeply nested expressions into named facts.',
        });
        return { root: undefined, value: undefined, diagnostics };
      }
    } else if (kind === CLOSE_BRACE || kind === CLOSE_BRACKET) {
      depth = Math.max(0, depth - 1);
    } else if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      const span = locator.range(scanner.getTokenOffset(), scanner.getTokenLength());
      diagnostics.push({
        code: 'json-comment',
        severity: 'warning',
        message:
          `The JSON text has a comment at line ${span.start.line}, column ${span.start.column}; ` +
          `it is accepted (JSON with comments, as the peer reads it) and dropped.`,
        span,
        hint: 'Standard JSON has no comments: move the remark into an `explanation`.',
      });
    }
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: false,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  for (const e of errors) {
    const span = locator.range(e.offset, e.length);
    diagnostics.push({
      code: 'json-syntax',
      severity: 'error',
      message:
        `The JSON text is not valid at line ${span.start.line}, ` +
        `column ${span.start.column}: ${describeParseError(printParseErrorCode(e.error))}.`,
      span,
    });
  }
  if (errors.length > 0 || !root) return { root: undefined, value: undefined, diagnostics };
  return { root, value: nodeValue(root), diagnostics };
}

function describeParseError(code: string): string {
  // `InvalidSymbol` → `invalid symbol`
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The value of a parse-tree node; keys such as `__proto__` become own properties. */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        Object.defineProperty(out, String(k.value), {
          value: nodeValue(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
