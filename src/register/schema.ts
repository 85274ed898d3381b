/**
 * The zod schema of a register entry (`RegisterEntry` in entry.ts); `schemas/register.schema.json` is generated from it
 * (`npm run schema:generate`) and a test keeps both equal and
 * validates every golden entry against it.
 */
import { z } from 'zod';

const text = z.string().nullable();
const links = z.array(z.object({ title: z.string(), link: z.string() })).nullable();

/** The fields of publicatiestandaard 1.0.0 by their keys; `null` is a placeholder for the organisation. */
const fieldsSchema = z.object({
  name: text.describe('Naam'),
  description_short: text.describe('Korte omschrijving'),
  organization: text.describe('Organisatie'),
  category: z.array(z.string()).nullable().describe('Thema'),
  status: text.describe('Status'),
  begin_date: text.describe('Begindatum (yyyy-mm)'),
  end_date: text.describe('Einddatum (yyyy-mm)'),
  contact_email: text.describe('Contactgegevens'),
  website: text.describe('Link naar publiekspagina'),
  publication_category: text.describe('Publicatiecategorie'),
  url: text.describe('Link naar bronregistratie'),
  goal: text.describe('Doel en impact'),
  proportionality: text.describe('Afwegingen'),
  human_intervention: text.describe('Menselijke tussenkomst'),
  risks: text.describe('Risicobeheer'),
  lawful_basis: text.describe('Wettelijke basis'),
  lawful_basis_grouping: links.describe('Verwijzingen wettelijke basis'),
  process_index_url: text.describe('Link naar verwerkingsregister'),
  impacttoetsen_grouping: links.describe('Verwijzingen impacttoetsen'),
  impacttoetsen: text.describe('Toelichting op impacttoetsen'),
  source_data: text.describe('Gegevens'),
  source_data_grouping: links.describe('Verwijzingen gegevensbronnen'),
  methods_and_models: text.describe('Technische werking'),
  provider: text.describe('Leverancier'),
  publiccode: text.describe('Link naar broncode'),
  lang: z.literal('nld').describe('Taal (ISO 639-3)'),
  standard_version: z.string().describe('Versie publicatiestandaard'),
  source_id: text.describe('Bron-ID'),
  tags: text.describe('Zoektermen'),
});

/** The schema of a register entry (`flint register --format json`). */
export const registerEntrySchema = z.object({
  registerFormat: z.literal(1),
  standard: z.object({ name: z.string(), version: z.string(), fieldsFrom: z.string() }),
  model: z.object({ title: text, version: text, hash: z.string() }),
  fields: fieldsSchema,
  placeholders: z
    .array(z.object({ field: z.string(), title: z.string(), required: z.boolean() }))
    .describe('The fields left to the organisation, in the standard’s order'),
  tooLong: z
    .array(z.object({ field: z.string(), length: z.number(), maxLength: z.number() }))
    .describe('Text fields longer than the standard allows (the register refuses them)'),
  legalBasis: z
    .array(
      z.object({
        id: z.string(),
        citation: text,
        bwb: text,
        juriconnect: text,
        link: text,
        versions: z.array(
          z.object({
            label: text,
            validFrom: text,
            validTo: text,
            publication: text,
            juriconnect: text,
            link: text,
          }),
        ),
        citedBy: z.array(z.string()),
      }),
    )
    .describe('Every source block of the model: the articles with their Juriconnect ids, links and versions'),
  decisionPoints: z
    .array(
      z.object({
        act: z.string(),
        action: text,
        actor: text,
        recipient: text,
        sources: z.array(z.string()),
        articles: z.array(z.string()),
        data: z.array(z.string()),
        duties: z.array(z.string()),
      }),
    )
    .describe('The acts: who performs them, the articles they rest on, the input facts they read'),
  data: z
    .array(
      z.object({
        fact: z.string(),
        type: z.string(),
        params: z.array(z.string()),
        role: z.boolean(),
        declared: z.boolean(),
        neededBy: z.array(z.string()),
        sources: z.array(z.string()),
        explanation: text,
      }),
    )
    .describe('The input facts the model asks for, with their types and the acts that need them'),
});

/** The JSON Schema (draft 2020-12) of register entries, as written to schemas/register.schema.json. */
export function registerJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(registerEntrySchema, { target: 'draft-2020-12', io: 'output' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'https://calculemus.dev/schemas/register.schema.json',
    title: 'Calculemus Algoritmeregister entry',
    ...schema,
  };
}
