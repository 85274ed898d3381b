/**
 * Build step: write `schemas/trace.schema.json` and `schemas/run.schema.json` from the zod schemas.
 * Run with `npx tsx src/trace/generate-json-schema.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonSchema } from './run-schema.js';
import { traceJsonSchema } from './schema.js';

/** The text written to schemas/trace.schema.json (stable key order as generated). */
export function traceSchemaText(): string {
  const schema = {
    $id: 'https://calculemus.dev/schemas/trace.schema.json',
    title: 'Calculemus decision trace',
    ...traceJsonSchema(),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The text written to schemas/run.schema.json: the `flint run --format json` document. */
export function runSchemaText(): string {
  const schema = {
    $id: 'https://calculemus.dev/schemas/run.schema.json',
    title: 'Calculemus flint run document',
    ...runJsonSchema(),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, '..', '..', 'schemas', 'trace.schema.json'), traceSchemaText());
  writeFileSync(join(here, '..', '..', 'schemas', 'run.schema.json'), runSchemaText());
}
