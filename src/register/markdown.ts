/**
 * The Markdown rendering of a register entry (`flint register --format md`, docs/register.md): the standard's
 * fields under its three headings, the placeholders marked, then the legal basis, decision points and data.
 */
import { textAtBoundary } from '../model/guard.js';
import { displayName } from '../model/walk.js';
import { REGISTER_FIELDS, type AlgoritmeregisterFields, type RegisterEntry, type RegisterLink } from './entry.js';

/** A table cell: one line, pipes escaped. */
function cell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '';
  return String(text)
    .replace(/\s*\r?\n\s*/g, ' ')
    .replaceAll('|', '\\|');
}

const PLACEHOLDER = '_In te vullen door de organisatie._';
const REQUIRED = '_In te vullen door de organisatie (verplicht)._';

function fieldValue(value: AlgoritmeregisterFields[keyof AlgoritmeregisterFields], required: boolean): string {
  if (value === null || value === undefined) return required ? REQUIRED : PLACEHOLDER;
  if (typeof value === 'string') return cell(value);
  if (value.length === 0) return '';
  if (typeof value[0] === 'string') return cell((value as readonly string[]).join(', '));
  return (value as readonly RegisterLink[]).map((l) => `[${cell(l.title)}](${l.link})`).join(', ');
}

const SECTIONS: readonly [string, readonly (keyof AlgoritmeregisterFields)[]][] = [
  [
    'Algemene informatie',
    [
      'name',
      'description_short',
      'organization',
      'category',
      'status',
      'begin_date',
      'end_date',
      'contact_email',
      'website',
      'publication_category',
      'url',
    ],
  ],
  [
    'Verantwoord gebruik',
    [
      'goal',
      'proportionality',
      'human_intervention',
      'risks',
      'lawful_basis',
      'lawful_basis_grouping',
      'process_index_url',
      'impacttoetsen_grouping',
      'impacttoetsen',
    ],
  ],
  ['Werking', ['source_data', 'source_data_grouping', 'methods_and_models', 'provider', 'publiccode']],
  ['Metadata', ['lang', 'standard_version', 'source_id', 'tags']],
];

const period = (from: string | null, to: string | null): string => `${from ?? '…'} t/m ${to ?? '…'}`;

/** The entry as Markdown (Dutch, as the register is): deterministic, one table per section. */
export function registerMarkdown(entry: RegisterEntry): string {
  return textAtBoundary('registerMarkdown', () => {
    const f = entry.fields;
    const out: string[] = [];
    out.push(`# ${cell(f.name ?? entry.model.title ?? 'Algoritme')}`, '');
    const required = entry.placeholders.filter((p) => p.required).length;
    out.push(
      `Concept voor het Algoritmeregister (publicatiestandaard ${entry.standard.version}), gemaakt met ` +
        '`flint register` uit het model ' +
        `«${cell(entry.model.title ?? '')}»${entry.model.version ? ` (versie ${entry.model.version})` : ''}, ` +
        `\`${entry.model.hash}\`. Velden die het model niet kent staan als _In te vullen_; ` +
        `${entry.placeholders.length} velden, waarvan ${required} verplicht.`,
      '',
    );
    for (const t of entry.tooLong)
      out.push(
        `> **Te lang:** \`${t.field}\` heeft ${t.length} tekens; de publicatiestandaard staat er ${t.maxLength} toe.`,
        '',
      );
    for (const [title, keys] of SECTIONS) {
      out.push(`## ${title}`, '', '| Veld | Waarde |', '| --- | --- |');
      for (const key of keys) {
        const spec = REGISTER_FIELDS.find((x) => x.field === key);
        out.push(`| ${spec?.title ?? key} (\`${key}\`) | ${fieldValue(f[key], spec?.required ?? false)} |`);
      }
      out.push('');
    }
    out.push('## Wettelijke basis per artikel', '');
    if (entry.legalBasis.length === 0) out.push('Het model noemt geen bronnen.', '');
    else {
      out.push(
        '| Artikel | BWB | Versie | Geldig | Publicatie | Juriconnect | Gebruikt door |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const a of entry.legalBasis)
        for (const v of a.versions) {
          const jci =
            v.juriconnect === null
              ? ''
              : v.link === null
                ? `\`${cell(v.juriconnect)}\``
                : `[\`${cell(v.juriconnect)}\`](${v.link})`;
          out.push(
            `| ${cell(a.citation ?? a.id)} (\`${cell(a.id)}\`) | ${cell(a.bwb)} | ${cell(v.label ?? '')} | ` +
              `${period(v.validFrom, v.validTo)} | ${cell(v.publication)} | ${jci} | ${cell(a.citedBy.join(', '))} |`,
          );
        }
      out.push('');
    }
    out.push('## Beslispunten', '');
    if (entry.decisionPoints.length === 0) out.push('Het model heeft geen handelingen.', '');
    else {
      out.push('| Handeling | Actor | Artikelen | Gegevens | Plichten |', '| --- | --- | --- | --- | --- |');
      for (const d of entry.decisionPoints)
        out.push(
          `| ${cell(displayName('act', d.act))} | ${cell(d.actor)} | ${cell(d.articles.join('; '))} | ` +
            `${cell(d.data.map((x) => displayName('fact', x)).join(', '))} | ` +
            `${cell(d.duties.map((x) => displayName('duty', x)).join(', '))} |`,
        );
      out.push('');
    }
    out.push('## Gegevens', '');
    if (entry.data.length === 0) out.push('Het model vraagt geen gegevens.', '');
    else {
      out.push('| Gegeven | Type | Parameters | Nodig voor | Artikelen |', '| --- | --- | --- | --- | --- |');
      for (const d of entry.data)
        out.push(
          `| ${cell(displayName('fact', d.fact))}${d.role ? ' (rol)' : ''} | ${cell(d.type)} | ` +
            `${cell(d.params.join(', '))} | ` +
            `${cell(d.neededBy.map((x) => displayName('act', x)).join(', '))} | ${cell(d.sources.join(', '))} |`,
        );
      out.push('');
    }
    return `${out.join('\n').trimEnd()}\n`;
  });
}
