/**
 * Build step: write `schemas/register.schema.json` from the zod schema of register entries.
 * Run with `npx tsx src/register/generate-json-schema.ts` (part of `npm run schema:generate`).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerJsonSchema } from './schema.js';

/** The text written to schemas/register.schema.json (stable key order as generated). */
export function registerSchemaText(): string {
  return `${JSON.stringify(registerJsonSchema(), null, 2)}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, '..', '..', 'schemas', 'register.schema.json'), registerSchemaText());
}
