import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSpans } from '../../src/model/walk.js';
import { format, parse } from '../../src/syntax/index.js';
import { flintLexer } from '../../grammar/tokens.js';
import { projectRoot } from '../helpers/shared.js';
import { commentsOf } from './comments-of.js';

const FILES = [
  'examples/tutorial/beslistermijn.flint',
  'examples/scenarios/aanvraag.flint',
  'examples/flint/toeslag.flint',
  'norms/eflint-examples/voting.flint',
  'norms/eflint-examples/school-admission.flint',
];

/** Canonical text of each file, and the line starts where a comment line may go (not inside a string or comment). */
const bases = FILES.map((f) => {
  const text = format(readFileSync(join(projectRoot, f), 'utf8'), f).value;
  const lexed = flintLexer.tokenize(text);
  const spans = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].map(
    (t) => [t.startOffset, t.endOffset ?? t.startOffset] as const,
  );
  const boundaries: number[] = [];
  for (let o = 0; o <= text.length; o++) {
    if (o !== 0 && text[o - 1] !== '\n') continue;
    if (spans.some(([s, e]) => s < o && o <= e)) continue;
    boundaries.push(o);
  }
  return { file: f, text, boundaries };
});

const arbComment = fc.constantFrom('// note', '/* note */', '/* two\n   lines */', '//', '// x // y');

/** A canonical example file with numbered comment lines inserted at line boundaries, with indentation. */
const arbCommented = fc
  .record({
    base: fc.constantFrom(...bases),
    inserts: fc.array(
      fc.record({ at: fc.nat(), comment: arbComment, indent: fc.constantFrom('', '  ', '    '), blank: fc.boolean() }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ base, inserts }) => {
    const placed = inserts
      .map((ins, n) => ({ ...ins, offset: base.boundaries[ins.at % base.boundaries.length] ?? 0, n }))
      .sort((a, b) => a.offset - b.offset || a.n - b.n);
    let text = '';
    let from = 0;
    placed.forEach((p, i) => {
      text += base.text.slice(from, p.offset);
      text += `${p.blank ? '\n' : ''}${p.indent}${p.comment.replace(/note|x/, `c${i}`)}\n`;
      from = p.offset;
    });
    return { file: base.file, text: text + base.text.slice(from) };
  });

describe('format on commented example files (property)', () => {
  it('keeps every comment in order, keeps the model, and is idempotent', () => {
    fc.assert(
      fc.property(arbCommented, ({ file, text }) => {
        const once = format(text, file);
        expect(
          once.diagnostics.filter((d) => d.severity === 'error'),
          text,
        ).toEqual([]);
        expect(commentsOf(once.value)).toEqual(commentsOf(text));
        expect(stripSpans(parse(once.value, file).value)).toEqual(stripSpans(parse(text, file).value));
        expect(format(once.value, file).value).toBe(once.value);
      }),
      { numRuns: 150 },
    );
  });
});
