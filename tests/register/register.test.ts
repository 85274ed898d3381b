/**
 * `flint register` and `registerEntry` / `registerMarkdown` (docs/register.md): golden JSON and Markdown entries for
 * the bundled norms (tests/register/golden, rewritten only by `vitest -u`), the entries validate against the zod
 * schema and schemas/register.schema.json is generated from it, the legal basis carries every article with its
 * Juriconnect link and versions, decision points name their actor and articles, data names types and the acts that
 * need it, and the CLI writes both formats and refuses bad input with a usage error or diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { memoryIo } from '../../src/cli/io.js';
import { canonicalJson } from '../../src/model/canonical.js';
import { parse } from '../../src/index.js';
import { registerSchemaText } from '../../src/register/generate-json-schema.js';
import { registerEntry, registerEntrySchema, registerMarkdown } from '../../src/register/index.js';
import { loadNorm, ROOT } from '../norms/load.js';

const NORMS = [
  'norms/atw/atw.flint',
  'norms/awb/awb.flint',
  'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint',
  'norms/lerarenbeurs/lerarenbeurs.flint',
];

const nameOf = (path: string): string => (path.split('/').pop() as string).replace(/\.flint$/, '');

describe.each(NORMS)('register entry of %s', (path) => {
  const { checked } = loadNorm(path);
  const { value: entry, diagnostics } = registerEntry(checked.model);

  it('matches its golden JSON and Markdown', async () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const json = `${JSON.stringify(JSON.parse(canonicalJson(entry)), null, 2)}\n`;
    await expect(json).toMatchFileSnapshot(join(ROOT, 'tests/register/golden', `${nameOf(path)}.register.json`));
    await expect(registerMarkdown(entry)).toMatchFileSnapshot(
      join(ROOT, 'tests/register/golden', `${nameOf(path)}.register.md`),
    );
  });

  it('validates against the register schema', () => {
    const parsed = registerEntrySchema.strict().safeParse(JSON.parse(canonicalJson(entry)));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('lists every source block as an article with its versions, and every act and input fact', () => {
    expect(entry.legalBasis.map((a) => a.id)).toEqual(Object.keys(checked.sources));
    for (const a of entry.legalBasis) {
      expect(a.versions.length, a.id).toBeGreaterThan(0);
      if (a.juriconnect === null) continue;
      expect(a.link, a.id).toBe(`https://wetten.overheid.nl/${a.juriconnect}`);
      expect(a.bwb, a.id).toMatch(/^BWBR\d{7}$/);
    }
    expect(entry.decisionPoints.map((d) => d.act)).toEqual(Object.keys(checked.acts));
    for (const d of entry.decisionPoints) expect(d.sources.length, d.act).toBeGreaterThan(0);
    const placeholders = entry.placeholders.map((p) => p.field);
    for (const field of placeholders) expect(entry.fields[field], field).toBeNull();
    expect(placeholders).toEqual(expect.arrayContaining(['organization', 'description_short', 'contact_email']));
  });
});

/** Parse errors only (a test model may leave facts unused). */
const parsed = (ds: readonly { severity: string }[]) => ds.filter((d) => d.severity === 'error');

describe('register entry contents', () => {
  const kot = registerEntry(loadNorm('norms/kinderopvangtoeslag/kinderopvangtoeslag.flint').checked.model).value;

  it('gives a versioned article each version with its validity, publication and Juriconnect link', () => {
    const model = parse(
      `model "Versies" { version: 2025-01-01 period: 2024-01-01 .. 2025-12-31 }
source bkot-4 {
  citation: "art. 4 Besluit kinderopvangtoeslag"
  juriconnect: "jci1.3:c:BWBR0017321&artikel=4"
  text: "..."
  version 2024 { valid: 2024-01-01 .. 2024-12-31 publication: "Stb. 2023, 397" }
  version 2025 {
    valid: 2025-01-01 .. 2025-12-31
    publication: "Stb. 2024, 318"
    juriconnect: "jci1.3:c:BWBR0017321&artikel=4&g=2025-01-01"
  }
}
fact [maximum uurprijs]: decimal {
  variant bkot-4@2024 { value: 10.25 }
  variant bkot-4@2025 { value: 10.71 }
  sources: bkot-4
}`,
      'v.flint',
    );
    expect(parsed(model.diagnostics)).toEqual([]);
    const [article] = registerEntry(model.value).value.legalBasis;
    expect(article).toEqual({
      id: 'bkot-4',
      citation: 'art. 4 Besluit kinderopvangtoeslag',
      bwb: 'BWBR0017321',
      juriconnect: 'jci1.3:c:BWBR0017321&artikel=4',
      link: 'https://wetten.overheid.nl/jci1.3:c:BWBR0017321&artikel=4',
      versions: [
        {
          label: '2024',
          validFrom: '2024-01-01',
          validTo: '2024-12-31',
          publication: 'Stb. 2023, 397',
          juriconnect: 'jci1.3:c:BWBR0017321&artikel=4',
          link: 'https://wetten.overheid.nl/jci1.3:c:BWBR0017321&artikel=4',
        },
        {
          label: '2025',
          validFrom: '2025-01-01',
          validTo: '2025-12-31',
          publication: 'Stb. 2024, 318',
          juriconnect: 'jci1.3:c:BWBR0017321&artikel=4&g=2025-01-01',
          link: 'https://wetten.overheid.nl/jci1.3:c:BWBR0017321&artikel=4&g=2025-01-01',
        },
      ],
      citedBy: ['[maximum uurprijs]'],
    });
  });

  it('groups the legal basis per regulation with a wetten.overheid.nl link', () => {
    const links = kot.fields.lawful_basis_grouping?.map((l) => l.link) ?? [];
    expect(links).toContain('https://wetten.overheid.nl/BWBR0005537');
    expect(kot.fields.lawful_basis).toContain('BWBR0005537');
  });

  it('names the actor of a decision point and the data it needs', () => {
    const awb = registerEntry(loadNorm('norms/awb/awb.flint').checked.model).value;
    const indienen = awb.decisionPoints.find((d) => d.act === 'indienen aanvraag');
    expect(indienen?.actor).toBe('aanvrager ([aanvrager])');
    expect(indienen?.data).toContain('aanvraag ondertekend');
    expect(indienen?.duties).toEqual(['beslissen op aanvraag']);
    const geven = awb.decisionPoints.find((d) => d.act === 'geven beschikking');
    expect(geven?.actor).toBe('[bestuursorgaan]');
    const datum = awb.data.find((d) => d.fact === 'datum ontvangst aanvraag');
    expect(datum).toMatchObject({ type: 'date', params: ['aanvrager: actor'], role: false, declared: true });
    expect(datum?.neededBy).toContain('indienen aanvraag');
    expect(awb.data.find((d) => d.fact === 'bestuursorgaan')?.role).toBe(true);
  });

  it('fills the organisation when given, and lists FLINT JSON implicit input facts as undeclared data', () => {
    const model = parse(
      `model "Toets" { version: 2025-01-01 }
source s { juriconnect: "jci1.3:c:BWBR0005537&artikel=1:3" citation: "art. 1:3 Awb" }
fact [bestuursorgaan]: actor { closed }
act <<beslissen>> { actor: [bestuursorgaan] preconditions: [aanvraag] sources: s }
fact [aanvraag] { sources: s }`,
      't.flint',
    ).value;
    const entry = registerEntry(model, { organization: '  Gemeente Voorbeeld ' }).value;
    expect(entry.fields.organization).toBe('Gemeente Voorbeeld');
    expect(entry.placeholders.map((p) => p.field)).not.toContain('organization');
    expect(entry.fields.lawful_basis).toBe('Awb (BWBR0005537): art. 1:3 Awb.');
    expect(entry.decisionPoints[0]).toMatchObject({ act: 'beslissen', data: ['aanvraag'], articles: ['art. 1:3 Awb'] });
  });

  it('flags text fields longer than the standard allows', () => {
    const title = `Regeling ${'zeer '.repeat(30)}lang`;
    const entry = registerEntry(parse(`model "${title}" { version: 2025-01-01 }`, 'l.flint').value).value;
    expect(entry.fields.name).toBe(title);
    expect(entry.tooLong).toEqual([{ field: 'name', length: title.length, maxLength: 100 }]);
    expect(registerMarkdown(entry)).toContain(`> **Te lang:** \`name\` heeft ${title.length} tekens`);
    expect(kot.tooLong).toEqual([]);
  });

  it('reports a malformed argument instead of throwing', () => {
    const r = registerEntry({ kind: 'nope' } as never);
    expect(r.diagnostics[0]).toMatchObject({ code: 'invalid-argument', path: '/0' });
    expect(registerEntry(parse('', 'x.flint').value, 5 as never).diagnostics[0]?.path).toBe('/1');
    expect(registerMarkdown(null as never)).toMatch(/^\[invalid-argument\] registerMarkdown/);
  });
});

describe('schemas/register.schema.json', () => {
  it('is up to date with the zod schema (npm run schema:generate)', () => {
    expect(readFileSync(join(ROOT, 'schemas/register.schema.json'), 'utf8')).toBe(registerSchemaText());
  });
});

describe('flint register', () => {
  const file = 'norms/atw/atw.flint';
  const files = { [file]: readFileSync(join(ROOT, file), 'utf8') };
  async function cli(argv: string[], extra: Record<string, string> = {}) {
    const io = memoryIo({ ...files, ...extra });
    const code = await runCli(argv, io);
    return { code, out: io.out, err: io.err };
  }

  it('writes the entry as canonical JSON by default and as Markdown with --format md', async () => {
    const { checked } = loadNorm(file);
    const json = await cli(['register', file]);
    expect(json.code).toBe(0);
    expect(json.out).toBe(canonicalJson(registerEntry(checked.model).value));
    const md = await cli(['register', file, '--format', 'md', '--organization', 'Gemeente Voorbeeld']);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| Organisatie (`organization`) | Gemeente Voorbeeld |');
    expect(md.out).toContain('[`jci1.3:c:BWBR0002448&artikel=1&lid=1`]');
  });

  it('prints help, and exits 2 on a bad format, a missing file argument or an empty organisation', async () => {
    expect((await cli(['register', '--help'])).out).toMatch(/^Usage: flint register/);
    const bad = await cli(['register', file, '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of json, md');
    expect((await cli(['register'])).code).toBe(2);
    expect((await cli(['register', file, '--organization', ' '])).code).toBe(2);
  });

  it('exits 1 with diagnostics for a model with errors', async () => {
    const r = await cli(['register', 'bad.flint'], { 'bad.flint': 'act <<a>> { actor: [nope] sources: missing }' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('error');
  });
});
