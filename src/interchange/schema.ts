/**
 * Zod 4 schemas of FLINT JSON as written by discipl-law-reg and its models
 * (flint-models/discipl/SEMANTICS.md §1–2).
 *
 * One schema covers the three dialects found in the wild, because they mix freely inside one file:
 * - "sources": frames carry `sources: [{validFrom, validTo, citation, juriconnect, text, explanation}]`;
 * - "reference": frames carry flat `reference`, `juriconnect`, `sourcetext`, `version` strings
 *   (AWB acts add `tags`, AWB/verwelkoming duties add `enforce`, ANLb facts use `art`);
 * - old textual: names without brackets, free-text preconditions, string `create`/`terminate`.
 *
 * Lenient where the peer is lenient (unknown keys are kept: loose objects), strict where the peer
 * would crash (`acts`/`facts`/`duties` arrays, act `actor`/`object`/`recipient`, operator fields).
 * The importer (import.ts) does the same checks by hand so it can report precise diagnostics and
 * bound recursion depth; these schemas are the published contract (schemas/*.schema.json).
 */
import * as z from 'zod';

/** The expression operators the peer evaluates (SEMANTICS.md §2.1). */
export const FLINT_OPERATORS = [
  'AND',
  'OR',
  'NOT',
  'EQUAL',
  'LESS_THAN',
  'SUM',
  'PRODUCT',
  'MIN',
  'MAX',
  'LITERAL',
  'IS',
  'LIST',
  'CREATE',
  'PROJECTION',
] as const;

/** One FLINT operator name. */
export type FlintOperator = (typeof FLINT_OPERATORS)[number];

/** A FLINT JSON expression: a name string, or an operator object (recursive). */
export type FlintExpression =
  | string
  | {
      expression: 'AND' | 'OR' | 'EQUAL' | 'LESS_THAN' | 'SUM' | 'PRODUCT' | 'MIN' | 'MAX';
      operands: FlintExpression[];
      [k: string]: unknown;
    }
  | { expression: 'NOT'; operand: FlintExpression; [k: string]: unknown }
  | { expression: 'LITERAL'; operand: boolean | number | string; [k: string]: unknown }
  | { expression: 'IS'; operand: string; [k: string]: unknown }
  | { expression: 'LIST'; name?: string | undefined; items: FlintExpression; [k: string]: unknown }
  | { expression: 'CREATE'; operands?: FlintExpression[] | undefined; [k: string]: unknown }
  | {
      expression: 'PROJECTION';
      context: string[];
      operand?: FlintExpression | undefined;
      fact?: FlintExpression | undefined;
      scope?: 'single' | 'all' | 'some' | undefined;
      [k: string]: unknown;
    };

const naryOps = ['AND', 'OR', 'EQUAL', 'LESS_THAN', 'SUM', 'PRODUCT', 'MIN', 'MAX'] as const;

/** Schema of a FLINT JSON expression (recursive; string names or operator objects). */
export const FlintExpressionSchema: z.ZodType<FlintExpression> = z
  .lazy(() =>
    z.union([
      z.string(),
      z.looseObject({ expression: z.enum(naryOps), operands: z.array(FlintExpressionSchema) }),
      z.looseObject({ expression: z.literal('NOT'), operand: FlintExpressionSchema }),
      z.looseObject({ expression: z.literal('LITERAL'), operand: z.union([z.boolean(), z.number(), z.string()]) }),
      z.looseObject({ expression: z.literal('IS'), operand: z.string() }),
      z.looseObject({ expression: z.literal('LIST'), name: z.string().optional(), items: FlintExpressionSchema }),
      z.looseObject({ expression: z.literal('CREATE'), operands: z.array(FlintExpressionSchema).optional() }),
      z.looseObject({
        expression: z.literal('PROJECTION'),
        context: z.array(z.string()).min(1),
        operand: FlintExpressionSchema.optional(),
        fact: FlintExpressionSchema.optional(),
        scope: z.enum(['single', 'all', 'some']).optional(),
      }),
    ]),
  )
  .meta({ id: 'FlintExpression', description: 'A fact/act/duty name string, or an operator object.' });

/** A frame field holding an optional expression: `null` and `"[]"`/`""` mean "none". */
const OptionalExpression = FlintExpressionSchema.nullable().optional();

/** One entry of a "sources"-dialect `sources` array (dates `DD-MM-YYYY`). */
export const FlintSourceSchema = z.looseObject({
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  juriconnect: z.string().optional(),
  citation: z.string().optional(),
  text: z.string().optional(),
  explanation: z.string().optional(),
});

/** A "sources"-dialect source entry. */
export type FlintSource = z.infer<typeof FlintSourceSchema>;

/** The documentation fields shared by every frame, in both source dialects. */
const documentationFields = {
  sources: z.array(FlintSourceSchema).optional(),
  explanation: z.string().optional(),
  reference: z.string().optional(),
  juriconnect: z.string().optional(),
  sourcetext: z.string().optional(),
  /** e.g. `2-[19980101]-[jjjjmmdd]`. */
  version: z.string().optional(),
};

/** `create`/`terminate` of an act: an array of bracketed names, or one string (old dialect). */
const NameList = z
  .union([z.array(z.string()), z.string()])
  .nullable()
  .optional();

/** An act frame `<<name>>`. */
export const FlintActSchema = z.looseObject({
  act: z.string(),
  actor: FlintExpressionSchema,
  action: z.string().optional(),
  object: FlintExpressionSchema,
  recipient: FlintExpressionSchema,
  preconditions: OptionalExpression,
  create: NameList,
  terminate: NameList,
  /** AWB model: always `""`. */
  tags: z.string().optional(),
  ...documentationFields,
});

/** An act frame. */
export type FlintAct = z.infer<typeof FlintActSchema>;

/** A fact frame `[name]`. */
export const FlintFactSchema = z.looseObject({
  fact: z.string(),
  function: OptionalExpression,
  /** ANLb model: the article, instead of `reference`. */
  art: z.string().optional(),
  ...documentationFields,
});

/** A fact frame. */
export type FlintFact = z.infer<typeof FlintFactSchema>;

/** A duty frame `<name>`. */
export const FlintDutySchema = z.looseObject({
  duty: z.string(),
  'duty-holder': OptionalExpression,
  claimant: OptionalExpression,
  create: NameList,
  terminate: NameList,
  enforce: NameList,
  'duty-components': z
    .union([z.array(FlintExpressionSchema), z.string()])
    .nullable()
    .optional(),
  ...documentationFields,
});

/** A duty frame. */
export type FlintDuty = z.infer<typeof FlintDutySchema>;

/** A whole FLINT JSON model: the three frame arrays, an optional `model` title and unknown keys. */
export const FlintModelSchema = z.looseObject({
  model: z.string().optional(),
  acts: z.array(FlintActSchema),
  facts: z.array(FlintFactSchema),
  duties: z.array(FlintDutySchema),
  reference: z.string().optional(),
});

/** A whole FLINT JSON model, as accepted by the importer and produced by the exporter. */
export type FlintJsonModel = z.infer<typeof FlintModelSchema>;
