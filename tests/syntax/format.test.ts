import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/model/diagnostic.js';
import { stripSpans } from '../../src/model/walk.js';
import { format, parse, print } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';
import { commentsOf } from './comments-of.js';

const goldenDir = join(projectRoot, 'tests', 'golden', 'syntax', 'format');

function flintFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...flintFiles(p));
    else if (e.name.endsWith('.flint')) out.push(p);
  }
  return out.sort();
}

describe('format: golden', () => {
  const input = readFileSync(join(goldenDir, 'comments.flint'), 'utf8');
  const result = format(input, 'comments.flint');

  it('formats the comment zoo as reviewed', async () => {
    expect(result.diagnostics).toEqual([]);
    await expect(result.value).toMatchFileSnapshot(join(goldenDir, 'comments.formatted.txt'));
  });

  it('keeps every comment, in order', () => {
    expect(commentsOf(result.value)).toEqual(commentsOf(input));
    expect(commentsOf(input)).toHaveLength(21);
  });

  it('keeps the model and is idempotent', () => {
    expect(stripSpans(parse(result.value, 'f.flint').value)).toEqual(stripSpans(parse(input, 'f.flint').value));
    expect(format(result.value, 'comments.flint').value).toBe(result.value);
  });
});

describe('format: placement', () => {
  const fmt = (text: string): string => {
    const r = format(text, 't.flint');
    expect(r.diagnostics).toEqual([]);
    return r.value;
  };

  it('equals print(parse(x)) when there are no comments', () => {
    const text = 'fact [b] { sources: x  holds when: [a] }\nimport "a.flint"\nact <<c>>';
    expect(fmt(text)).toBe(print(parse(text, 't.flint').value));
  });

  it('moves a comment with its field when the printer reorders fields', () => {
    expect(fmt('fact [b] {\n  sources: x // s\n  // about the definition\n  holds when: [a]\n}\n')).toBe(
      'fact [b] {\n  // about the definition\n  holds when: [a]\n  sources: x // s\n}\n',
    );
  });

  it('prints the trailing line comments of a long expression before its field, in order', () => {
    expect(fmt('fact [b] {\n  holds when: [a] // one\n    and [c] // two\n}\n')).toBe(
      'fact [b] {\n  // one\n  // two\n  holds when: [a] and [c]\n}\n',
    );
  });

  it('keeps a block for comments inside an otherwise empty block', () => {
    expect(fmt('fact [b] {\n  // later\n}\n')).toBe('fact [b] {\n  // later\n}\n');
    expect(fmt('fact [b] { } // gone block\n')).toBe('fact [b] // gone block\n');
  });

  it('keeps comments at the end of the file at the end, and a file of comments only', () => {
    expect(fmt('fact [a]\n\n\n// end\n')).toBe('fact [a]\n\n// end\n');
    expect(fmt('fact [a]\n// end\n')).toBe('fact [a]\n// end\n');
    expect(fmt('  // only\n/* comments */')).toBe('// only\n/* comments */\n');
  });

  it('keeps a comment on the line of a declaration on that line', () => {
    expect(fmt('import "a.flint" /* a */ // b\nimport "b.flint"\n')).toBe(
      'import "a.flint" /* a */ // b\nimport "b.flint"\n',
    );
  });
});

describe('format: files with errors', () => {
  it.each([
    'fact [a { holds when: [b] }\n// note\n',
    'model "x"\nfoo bar\n',
    'act <<a>> { actor: }\n',
    'scenario "s" { given [a] = }\n',
  ])('returns %j unchanged with its errors', (text) => {
    const r = format(text, 'bad.flint');
    expect(hasErrors(r.diagnostics)).toBe(true);
    expect(r.value).toBe(text);
    expect(
      r.diagnostics.some((d) => d.code === 'syntax-error' || d.code === 'lex-error' || d.code === 'unknown-field'),
    ).toBe(true);
  });
});

describe('format: norms/ and examples/', () => {
  const files = [...flintFiles(join(projectRoot, 'norms')), ...flintFiles(join(projectRoot, 'examples'))];

  it('finds the model files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => relative(projectRoot, f)))('%s: comments, model and idempotence', (f) => {
    const text = readFileSync(join(projectRoot, f), 'utf8');
    const once = format(text, f);
    expect(once.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...commentsOf(once.value)].sort()).toEqual([...commentsOf(text)].sort());
    expect(stripSpans(parse(once.value, f).value)).toEqual(stripSpans(parse(text, f).value));
    expect(format(once.value, f).value).toBe(once.value);
  });
});
