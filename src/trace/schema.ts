/**
 * Zod schema of decision traces (mirrors src/model/trace.ts); `schemas/trace.schema.json` is
 * generated from it by generate-json-schema.ts.
 */
import * as z from 'zod';
import type { TraceEntry, TraceNode } from '../model/trace.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A trace value: unknown, boolean, typed text value or instance reference. */
export const traceValueSchema = z.union([
  z.object({ type: z.literal('unknown') }),
  z.object({ type: z.literal('boolean'), value: z.boolean() }),
  z.object({ type: z.enum(['integer', 'decimal', 'text', 'date', 'duration', 'actor', 'month']), value: z.string() }),
  z.object({ type: z.literal('instance'), fact: z.string(), args: z.array(scalar) }),
]);

const instanceRef = { fact: z.string(), args: z.array(scalar) };

/** How a fact instance came to hold. */
export const provenanceSchema = z.union([
  z.object({ kind: z.literal('given'), by: z.string().nullable(), at: z.string() }),
  z.object({ kind: z.literal('created'), record: z.string(), at: z.string() }),
  z.object({ kind: z.literal('derived'), frame: z.string(), from: z.array(z.object(instanceRef)) }),
  z.object({ kind: z.literal('role'), actor: z.string() }),
]);

/** A legal source in the version applied. */
export const traceSourceSchema = z.object({
  id: z.string(),
  citation: z.string().nullable(),
  juriconnect: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  text: z.string().nullable(),
  version: z.string().optional().describe('The label of the version applied (grammar/README.md#versions)'),
  publication: z.string().optional().describe('Where the text was published, e.g. Stb. 2022, 386'),
});

/** The frame of a trace node with its sources and explanation. */
export const traceFrameSchema = z.object({
  kind: z.enum(['fact', 'act', 'duty']),
  name: z.string(),
  at: z.string().optional().describe('The deciding date whose version of the law was applied'),
  sources: z.array(traceSourceSchema),
  explanation: z.string().nullable(),
});

/** A node of a derivation tree (recursive). */
export const traceNodeSchema = z.object({
  kind: z.string(),
  op: z.string().optional().describe('The operator: and, or, not, eq, add, count, a function name, if, ...'),
  expr: z.string(),
  span: z
    .string()
    .regex(/^.*:\d+:\d+-\d+:\d+$/)
    .optional()
    .describe('Where the expression is written: FILE:LINE:COL-LINE:COL (1-based, end exclusive)'),
  value: traceValueSchema,
  frame: z.number().int().nonnegative().optional().describe('Index into the frame table (frames) of the trace'),
  reads: z
    .array(
      z.object({
        ...instanceRef,
        value: traceValueSchema,
        provenance: provenanceSchema.nullable(),
        terminated: z.object({ record: z.string(), at: z.string() }).optional(),
      }),
    )
    .optional(),
  ref: z.string().optional().describe('On a back-reference node (kind Ref): the expr of the node shown earlier.'),
  get children(): z.ZodArray<typeof traceNodeSchema> {
    return z.array(traceNodeSchema);
  },
});

/** Which model a decision was made under. */
export const modelIdentitySchema = z.object({
  hash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .describe('SHA-256 of the canonical JSON of the model AST without spans'),
  title: z.string().nullable(),
  version: z.string().nullable().describe('The model header version date'),
});

/** Why an act check failed or is undecided. */
export const reasonSchema = z.object({
  item: z.enum(['actor', 'object', 'recipient', 'precondition', 'not-in-force', 'unknown-act', 'parameter']),
  status: z.enum(['false', 'unknown']),
  expr: z.string(),
  message: z.string(),
  frame: traceFrameSchema.nullable(),
  conditions: z
    .array(
      z.object({
        expr: z.string(),
        value: traceValueSchema,
        negated: z.boolean(),
        frame: traceFrameSchema.nullable(),
        citation: z.string().nullable(),
        provenance: provenanceSchema.nullable(),
      }),
    )
    .optional(),
});

const dutyChange = z.object({
  id: z.string(),
  duty: z.string(),
  args: z.array(scalar),
  deadline: z.string().nullable(),
  unextendedDeadline: z.string().optional().describe('The deadline before the Algemene termijnenwet extended it'),
  atw: z
    .object({
      applies: z.boolean(),
      rule: z.enum(['art-1-lid-1', 'art-2']).nullable(),
      articles: z.array(z.string()),
      sources: z
        .array(z.string())
        .optional()
        .describe("The model's source blocks of the Atw provisions applied, matched by Juriconnect id"),
    })
    .optional()
    .describe('How the Algemene termijnenwet treated the deadline: the articles applied, or the excluding source'),
});

/** The trace of one attempt to take an act (`traceVersion: 2`). */
export const traceEntrySchema = z.object({
  traceVersion: z.literal(2),
  model: modelIdentitySchema,
  engine: z.string().describe('The engine version that made the decision'),
  act: z.string(),
  actor: z.string(),
  params: z.record(z.string(), scalar),
  at: z.string(),
  outcome: z.enum(['taken', 'refused', 'forced']),
  record: z.string().nullable(),
  check: traceNodeSchema,
  frames: z.array(traceFrameSchema).describe('The frame table: nodes refer to a frame by its index'),
  reasons: z.array(reasonSchema),
  effects: z.array(
    z.object({
      op: z.enum(['create', 'terminate']),
      frame: z.enum(['fact', 'duty', 'act']),
      name: z.string(),
      args: z.array(scalar),
    }),
  ),
  dutiesActivated: z.array(dutyChange),
  dutiesEnded: z.array(dutyChange),
  sources: z.array(traceSourceSchema),
});

/** Validate unknown data as a TraceEntry. */
export function parseTraceEntry(data: unknown): { ok: true; value: TraceEntry } | { ok: false; issues: string[] } {
  const r = traceEntrySchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data as TraceEntry };
  return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`) };
}

/** Validate unknown data as a TraceNode. */
export function isTraceNode(data: unknown): data is TraceNode {
  return traceNodeSchema.safeParse(data).success;
}

/** The JSON Schema (draft 2020-12) of a trace entry. */
export function traceJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(traceEntrySchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
