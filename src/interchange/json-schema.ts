/** The JSON Schema documents generated from the zod schemas (written to schemas/ by generate-json-schema.ts). */
import * as z from 'zod';
import { FlintExpressionSchema, FlintModelSchema } from './schema.js';

/** File name (under `schemas/`) → JSON Schema text (2-space JSON, final newline), deterministic. */
export function jsonSchemaFiles(): Record<string, string> {
  const doc = (schema: z.ZodType, id: string, title: string): string => {
    const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<
      string,
      unknown
    >;
    const { $schema, ...rest } = generated;
    return JSON.stringify({ $schema, $id: id, title, ...rest }, null, 2) + '\n';
  };
  return {
    'flint-model.schema.json': doc(
      FlintModelSchema,
      'https://calculemus.dev/schemas/flint-model.schema.json',
      'FLINT JSON model (discipl-law-reg dialects: sources, reference, old textual)',
    ),
    'flint-expression.schema.json': doc(
      FlintExpressionSchema,
      'https://calculemus.dev/schemas/flint-expression.schema.json',
      'FLINT JSON expression',
    ),
  };
}
