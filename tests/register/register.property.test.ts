/**
 * `registerEntry` and `registerMarkdown` on any model: generated ASTs (tests/helpers/arbitraries.ts) and whatever
 * the parser makes of arbitrary text never throw, always give an entry that validates against the schema, and
 * give the same bytes twice (JSON and Markdown). Names of any kind (`__proto__`, `constructor`) included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical.js';
import type { Model } from '../../src/model/ast.js';
import { registerEntry, registerEntrySchema, registerMarkdown } from '../../src/register/index.js';
import { parse } from '../../src/syntax/index.js';
import { arbModel, arbName } from '../helpers/arbitraries.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

function render(model: Model, organization?: string): [string, string] {
  const r = registerEntry(model, organization === undefined ? undefined : { organization });
  expect(Array.isArray(r.diagnostics)).toBe(true);
  expect(r.diagnostics.filter((d) => d.code === 'invalid-argument')).toEqual([]);
  const parsed = registerEntrySchema.strict().safeParse(JSON.parse(canonicalJson(r.value)));
  expect(parsed.error?.issues ?? []).toEqual([]);
  return [canonicalJson(r.value), registerMarkdown(r.value)];
}

/** Model text built from frame snippets with arbitrary names, so the parser yields models with real frames. */
const arbText: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        (n: string) => `source "${n}" { juriconnect: "jci1.3:c:BWBR0002448&artikel=1&lid=1" citation: "art. 1 ${n}" }`,
        (n: string) => `fact [${n}]: actor { closed }`,
        (n: string) => `fact [${n}](x: [${n}]): date { }`,
        (n: string) => `act <<${n}>>(p: [${n}]) { actor: p preconditions: [${n}](p) or not [y] sources: "${n}" }`,
        (n: string) => `duty <${n}> { holder: [${n}] deadline: within 3 days, atw }`,
        (n: string) => n,
      ),
      arbName.map((n) => n.replace(/["\\\][<>]/g, '')),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.map(([make, n]) => make(n)).join('\n'));

describe('registerEntry (property)', () => {
  it('never throws on generated models and is deterministic', () => {
    fc.assert(
      fc.property(arbModel, fc.option(fc.string(), { nil: undefined }), (model, organization) => {
        expect(render(model, organization)).toEqual(render(model, organization));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on whatever the parser makes of text, and is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(arbText, fc.string()), (text) => {
        const model = parse(text, 'p.flint').value;
        expect(render(model)).toEqual(render(parse(text, 'p.flint').value));
      }),
      { numRuns: RUNS },
    );
  });
});
