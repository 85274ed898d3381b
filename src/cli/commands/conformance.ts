import { dirname, isAbsolute, join } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import {
  createModelCache,
  renderConformance,
  runConformance,
  withoutEngineLine,
  type ConformanceReport,
} from '../../compat/index.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import { canonicalJson } from '../../model/canonical.js';

const HELP = `Usage: flint conformance discipl FILE... [--models DIR] [--format text|json]

Replay conformance scenario files (the translated test suite of a peer FLINT interpreter) against
the matching compatibility profile. The only profile is 'discipl' (discipl-law-reg 0.7.3).

Model files named by a scenario are read from --models DIR, or by default from
../../flint-models/discipl relative to each scenario file (the shared layout).
Prints every case and step (failing steps with expected and actual), then
'N passed, N failed' and 'N skipped, N deviations'.

Exit status: 0 no failing step, 1 a step failed or a scenario file is unreadable or invalid,
2 usage error.
`;

const PROFILES = ['discipl'] as const;

interface FileResult {
  readonly file: string;
  readonly report?: ConformanceReport;
  readonly error?: string;
}

/** Read and parse one scenario file; a message when it cannot be read or is not valid JSON. */
function readScenario(file: string, text: string | undefined): { value: unknown } | { error: string } {
  if (text === undefined) return { error: `${file}: cannot read the scenario file.` };
  const errors: ParseError[] = [];
  const value = parseJsonc(text.replace(/^\uFEFF/, ''), errors, {
    allowTrailingComma: false,
    disallowComments: true,
  }) as unknown;
  const first = errors[0];
  if (first)
    return {
      error:
        `${file}: the scenario file is not valid JSON ` +
        `(${printParseErrorCode(first.error)} at offset ${first.offset}).`,
    };
  return { value };
}

/** `flint conformance`: replay peer scenario files against a compatibility profile. */
export const conformanceCommand: Command = {
  name: 'conformance',
  summary: 'replay conformance scenarios of a peer interpreter (discipl)',
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      models: { type: 'string', short: 'm' },
      format: { type: 'string', short: 'f' },
    });
    if (!parsed.ok) return usageError(io, 'conformance', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'conformance', format.error);
    const [profile, ...files] = parsed.positionals;
    if (profile === undefined)
      return usageError(io, 'conformance', `no profile given (one of ${PROFILES.join(', ')}).`);
    if (!(PROFILES as readonly string[]).includes(profile))
      return usageError(io, 'conformance', `unknown profile «${profile}»; the profiles are ${PROFILES.join(', ')}.`);
    if (files.length === 0) return usageError(io, 'conformance', 'no scenario FILE given.');
    const modelsOption = typeof parsed.values.models === 'string' ? parsed.values.models : undefined;

    // One cache for the whole run: a model file is imported once per set of bindings.
    const cache = createModelCache();
    const results: FileResult[] = files.map((file) => {
      const scenario = readScenario(file, io.readFile(io.resolvePath(file)));
      if ('error' in scenario) return { file, error: scenario.error };
      const dir = modelsOption ?? join(dirname(file), '..', '..', 'flint-models', 'discipl');
      const loadModel = (name: string): string | undefined =>
        io.readFile(io.resolvePath(isAbsolute(name) ? name : join(dir, name)));
      const report = runConformance(scenario.value, loadModel, { cache });
      if (report.problems.length > 0)
        return { file, report, error: `${file}: invalid scenario file: ${report.problems.join('; ')}.` };
      return { file, report };
    });

    const total = { passed: 0, failed: 0, skipped: 0, deviations: 0, withoutEngine: 0 };
    for (const r of results) {
      if (!r.report) continue;
      total.passed += r.report.passed;
      total.failed += r.report.failed;
      total.skipped += r.report.skipped;
      total.deviations += r.report.deviations;
      total.withoutEngine += r.report.withoutEngine;
    }
    for (const r of results) if (r.error) io.stderr(`flint conformance: ${r.error}\n`);
    if (format === 'json') {
      io.stdout(
        canonicalJson({
          profile,
          files: results.map((r) => ({
            file: r.file,
            ...(r.error ? { error: r.error } : {}),
            ...(r.report ? { report: r.report } : {}),
          })),
          ...total,
        }),
      );
    } else {
      for (const r of results) {
        if (!r.report) continue;
        io.stdout(`== ${r.file}\n`);
        io.stdout(renderConformance(r.report, { allSteps: true, totals: false }));
        io.stdout(
          `-- ${r.file}: ${r.report.passed} passed, ${r.report.failed} failed, ${r.report.skipped} skipped, ` +
            `${r.report.deviations} deviations, ${r.report.withoutEngine} without the engine\n`,
        );
      }
      io.stdout(
        `${total.passed} passed, ${total.failed} failed\n${total.skipped} skipped, ${total.deviations} deviations\n`,
      );
      io.stdout(`${withoutEngineLine(total.withoutEngine)}\n`);
    }
    return total.failed > 0 || results.some((r) => r.error !== undefined) ? EXIT_ERRORS : EXIT_OK;
  },
};
