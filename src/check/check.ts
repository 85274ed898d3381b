/**
 * `check`: resolve a model's names and types and run the check rules over it.
 */
import type { Model } from '../model/ast.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import { sortDiagnostics } from '../model/diagnostic.js';
import { emptySpan } from '../model/span.js';
import { createContext } from './context.js';
import type { ModelTables, Origin } from './context.js';
import { implicitFactNames } from './implicit.js';
import type { Rule } from './rule.js';
import { defaultRules } from './rules/index.js';
import type { TypeInfo } from './types.js';
import { atBoundary, emptyModel, modelProblem } from '../model/guard.js';

/** Options of {@link check}. */
export interface CheckOptions {
  /**
   * The conventions to check the model under; by default the header's `conventions` (the FLINT JSON import sets
   * `flint-json`), else `flint`. The file name plays no part.
   */
  readonly origin?: Origin;
  /** The date the model describes the law on; overrides the header's `version`. */
  readonly versionDate?: string;
  /** The rules to run; {@link defaultRules} by default. */
  readonly rules?: readonly Rule[];
  /** At most this many diagnostics (errors first), then one `too-many-diagnostics` info; default 100. */
  readonly maxDiagnostics?: number;
}

/** A checked model: name tables and resolved types. Plain JSON data; tables have no prototype. */
export interface CheckedModel extends ModelTables {
  /** Facts referenced but never declared (input facts, FLINT JSON convention), in first-use order. */
  readonly implicitFacts: readonly string[];
  /** Resolved value and parameter types by fact name. */
  readonly factTypes: Readonly<Record<string, TypeInfo>>;
}

/** Default of {@link CheckOptions.maxDiagnostics}. */
export const DEFAULT_MAX_DIAGNOSTICS = 100;

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Check `model`: always returns the checked model, with every problem found as a diagnostic. */
export function check(model: Model, options: CheckOptions = {}): Result<CheckedModel> {
  return atBoundary(
    'check',
    (d) => ({ value: check(emptyModel()).value, diagnostics: [d] }),
    () => {
      const origin: Origin = options.origin ?? model.header?.conventions ?? 'flint';
      const versionDate = options.versionDate ?? model.header?.versionDate ?? null;
      const ctx = createContext(model, origin, versionDate);
      const found: Diagnostic[] = [];
      for (const rule of options.rules ?? defaultRules) found.push(...rule.check(ctx));
      const value: CheckedModel = {
        model,
        origin,
        versionDate,
        facts: ctx.facts,
        acts: ctx.acts,
        duties: ctx.duties,
        sources: ctx.sources,
        implicitFacts: implicitFactNames(ctx),
        factTypes: ctx.factTypes,
      };
      return {
        value,
        diagnostics: limit(sortDiagnostics(found), options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS, model),
      };
    },
    modelProblem('check', model),
  );
}

/** Keep the `max` most severe diagnostics (in position order) and say how many were left out. */
function limit(sorted: Diagnostic[], max: number, model: Model): Diagnostic[] {
  if (sorted.length <= max) return sorted;
  const keep = new Set(
    sorted
      .map((d, i) => ({ d, i }))
      .sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.i - b.i)
      .slice(0, Math.max(0, max))
      .map((x) => x.d),
  );
  const left = sorted.length - keep.size;
  return [
    ...sorted.filter((d) => keep.has(d)),
    {
      code: 'too-many-diagnostics',
      severity: 'info',
      message: `${left} more diagnostic${left === 1 ? ' was' : 's were'} left out (the limit is ${max}).`,
      span: emptySpan(model.span.file),
      hint: 'Fix the problems above, or raise maxDiagnostics.',
    },
  ];
}
