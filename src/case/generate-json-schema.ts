/**
 * Build step: write `schemas/case.schema.json` from the zod case file schema.
 * Run with `npx tsx src/case/generate-json-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseJsonSchema } from './case-file.js';

/** The text written to schemas/case.schema.json (stable key order as generated). */
export function caseSchemaText(): string {
  return `${JSON.stringify(caseJsonSchema(), null, 2)}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, '..', '..', 'schemas', 'case.schema.json'), caseSchemaText());
}
