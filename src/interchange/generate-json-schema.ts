/**
 * Build script (`npm run schema:generate`): writes the JSON Schema files of FLINT JSON to `schemas/`.
 * Not part of the library's index: it uses node:fs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from './json-schema.js';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas');
mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) writeFileSync(join(outDir, name), text);
