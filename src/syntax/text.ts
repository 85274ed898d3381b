/**
 * Escaping and unescaping of strings and bracketed names (grammar/README.md#lexical).
 * Shared by the AST builder and the printer so that every string prints and re-parses unchanged.
 */

/** A problem found while decoding an escape; `offset` is relative to the decoded raw text. */
export interface EscapeProblem {
  readonly offset: number;
  readonly message: string;
}

/** Decode `\\`, `\"`, `\n`, `\r`, `\t`, `\]`, `\[`, `\>`, `\<` and `\u{HEX}` in `raw`. */
export function unescapeText(raw: string, problems?: EscapeProblem[]): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[i + 1];
    switch (n) {
      case 'n':
        out += '\n';
        i++;
        break;
      case 'r':
        out += '\r';
        i++;
        break;
      case 't':
        out += '\t';
        i++;
        break;
      case '\\':
      case '"':
      case ']':
      case '[':
      case '>':
      case '<':
        out += n;
        i++;
        break;
      case 'u': {
        const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 2));
        const cp = m?.[1] === undefined ? NaN : parseInt(m[1], 16);
        if (m && cp <= 0x10ffff) {
          out += String.fromCodePoint(cp);
          i += 1 + m[0].length;
        } else {
          problems?.push({ offset: i, message: 'Invalid unicode escape: write \\u{HEX} with 1 to 6 hex digits.' });
          out += 'u';
          i++;
        }
        break;
      }
      default:
        problems?.push({ offset: i, message: `Unknown escape '\\${n ?? ''}'.` });
        if (n !== undefined) out += n;
        i++;
    }
  }
  return out;
}

const hex = (c: string): string => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;

/** Characters that never appear raw in printed text: controls, separators, lone surrogates, BOM. */
function isInvisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

/** Escape one UTF-16 unit or code point `c` for any quoted context. */
function escapeChar(c: string): string {
  if (c === '\\') return '\\\\';
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  if (c.length === 1 && isInvisible(c.charCodeAt(0))) return hex(c);
  return c;
}

/** Split into code points, keeping lone surrogates as single units. */
const chars = (s: string): string[] => Array.from(s);

/** `"..."`: a one-line string literal for `s`. */
export function quoteString(s: string): string {
  return `"${chars(s)
    .map((c) => (c === '"' ? '\\"' : escapeChar(c)))
    .join('')}"`;
}

/** A bracketed name: `[x]`, `<<x>>` or `<x>`, escaping what would end or break it. */
export function bracketName(frame: 'fact' | 'act' | 'duty', name: string): string {
  const cs = chars(name);
  const body = cs
    .map((c, i) => {
      if (frame === 'fact' && c === ']') return '\\]';
      if (frame !== 'fact' && c === '>') return '\\>';
      if (frame === 'duty' && i === 0 && /[\s<=]/.test(c)) return hex(c);
      if (frame === 'duty' && i === cs.length - 1 && /\s/.test(c)) return hex(c);
      return escapeChar(c);
    })
    .join('');
  return frame === 'fact' ? `[${body}]` : frame === 'act' ? `<<${body}>>` : `<${body}>`;
}

/**
 * Decode the inside of a `"""` text block: drop the line after the opening quotes when blank, and the
 * indentation of the closing line from every line; escapes are decoded after that.
 */
export function decodeTextBlock(inner: string, problems?: EscapeProblem[]): string {
  if (!inner.includes('\n')) return unescapeText(inner, problems);
  const lines = inner.split(/\r?\n/);
  let indent = '';
  const last = lines[lines.length - 1] ?? '';
  if (last.trim() === '') {
    indent = last;
    lines.pop();
  }
  if ((lines[0] ?? '').trim() === '') lines.shift();
  const body = lines.map((line) => {
    if (line.startsWith(indent)) return line.slice(indent.length);
    if (line.trim() === '') return '';
    let k = 0;
    while (k < line.length && k < indent.length && line[k] === indent[k]) k++;
    return line.slice(k);
  });
  return unescapeText(body.join('\n'), problems);
}

/** A `"""` block for `s` at `indent`, or `null` when `s` is not multi-line or would not read back exactly. */
export function textBlock(s: string, indent: string): string | null {
  if (!s.includes('\n')) return null;
  const lines = s.split('\n').map((line) =>
    chars(line)
      .map((c, i, all) => (c === '"' ? (all[i + 1] === '"' ? '\\"' : '"') : escapeChar(c)))
      .join(''),
  );
  const inner = `\n${lines.map((l) => (l === '' ? '' : indent + l)).join('\n')}\n${indent}`;
  if (inner.includes('"""') || decodeTextBlock(inner) !== s) return null;
  return `"""${inner}"""`;
}
