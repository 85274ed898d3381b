/**
 * Zod schema of the `flint run --format json` document (the CLI's `outcomeJson`);
 * `schemas/run.schema.json` is generated from it by generate-json-schema.ts.
 */
import * as z from 'zod';
import { dutyInstanceSchema as dutySchema, violationSchema } from '../run/state.js';
import { provenanceSchema, traceEntrySchema, traceValueSchema } from './schema.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const params = z.record(z.string(), scalar);

/** A problem of one step (e.g. the warning `run-unbound-effect`), pointing into the case file. */
const stepDiagnosticSchema = z.strictObject({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  path: z.string().optional().describe('JSON pointer into the case file, e.g. /acts/0'),
  hint: z.string().optional(),
});

/** One act of the case as attempted: its position, the expectation, its full trace entry and its warnings. */
export const runStepSchema = z.strictObject({
  index: z.number().int().positive().describe('1-based position in the case file\'s "acts"'),
  expected: z.enum(['taken', 'refused']),
  asExpected: z.boolean(),
  trace: traceEntrySchema,
  diagnostics: z
    .array(stepDiagnosticSchema)
    .optional()
    .describe('Warnings of the act (present only when there are some), e.g. run-unbound-effect'),
});

/** The `flint run --format json` document. */
export const runDocumentSchema = z.strictObject({
  case: z.string().describe('The case file as given'),
  model: z.string().describe('The model file'),
  asOf: z.string().describe('The case clock at the end'),
  status: z.enum(['ok', 'unexpected-outcome']),
  acts: z.array(runStepSchema),
  facts: z
    .array(
      z.strictObject({
        fact: z.string(),
        args: z.array(scalar),
        value: traceValueSchema,
        provenance: provenanceSchema,
      }),
    )
    .describe('Facts that hold at the end: given, created and derived instances'),
  duties: z.array(dutySchema).describe('Active duties at the end'),
  violations: z.array(violationSchema),
  available: z
    .record(z.string(), z.array(z.strictObject({ act: z.string(), params })))
    .describe('Acts available per actor'),
  questions: z.array(
    z.strictObject({
      fact: z.string(),
      args: z.array(scalar),
      decides: z.array(z.strictObject({ act: z.string(), actor: z.string(), params })),
    }),
  ),
});

/** The JSON Schema (draft 2020-12) of the `flint run --format json` document. */
export function runJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runDocumentSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
