import { sortDiagnostics } from '../../model/diagnostic.js';
import { renderScenarioReport, runScenarios, scenariosOf, type ScenarioReport } from '../../scenario/index.js';
import { parseCommandArgs, oneOf } from '../args.js';
import { EXIT_ERRORS, EXIT_OK, usageError, type Command } from '../command.js';
import type { CliIo } from '../io.js';
import { flintFiles } from '../files.js';
import { canonicalJson } from '../../model/canonical.js';
import { loadModelFile, renderLoaded } from '../load.js';
import { type Lang, scenarioWords } from '../../trace/index.js';

const HELP = `Usage: flint test PATH... [--format text|json] [--no-coverage] [--lang nl|en]

Run the scenarios in .flint files (grammar/README.md#scenarios). PATH is a file or a directory
(searched recursively for *.flint files; files without scenarios are skipped). The model of a
file is the file with its imports; only the scenarios written in the file itself run.

Each scenario starts from an empty case and runs its steps in order. Every 'expect' step is one
check; a refused 'does' (or a refused 'forces') is a failed check that stops its scenario. The
report shows one line per scenario, each failure with expected and actual outcome and a trace
excerpt, the coverage of acts, precondition branches and duties, and ends with
'N passed, N failed' (counting checks).

  --format text|json   output format (default text)
  --no-coverage        leave out the coverage summary
  --lang nl|en         language of the text report, failures' expected, actual and trace included
                       (default: the model header's language, else en;
                       the last line follows --lang, else the language all files share, else en)

Exit status: 0 all checks passed, 1 a check failed, a model has errors or no scenario was
found, 2 usage error.
`;

const LANGS = ['nl', 'en'] as const;

/** The CLI I/O this command needs (kept as a name for callers that used it). */
export type TestIo = CliIo;

/** `flint test`: run the scenarios of .flint files and report failures and coverage. */
export const testCommand: Command = {
  name: 'test',
  summary: 'run the scenarios in .flint files, with coverage',
  help: HELP,
  async run(args, io: TestIo) {
    const parsed = parseCommandArgs(args, {
      format: { type: 'string', short: 'f' },
      'no-coverage': { type: 'boolean' },
      lang: { type: 'string' },
    });
    if (!parsed.ok) return usageError(io, 'test', parsed.message);
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const format = oneOf(parsed.values.format, ['text', 'json'] as const, 'format', 'text');
    if (typeof format === 'object') return usageError(io, 'test', format.error);
    const langOption = parsed.values.lang === undefined ? undefined : oneOf(parsed.values.lang, LANGS, 'lang', 'en');
    if (typeof langOption === 'object') return usageError(io, 'test', langOption.error);
    /** The report language of a file: --lang, else its model header's language, else English. */
    const langOf = (header: string | null | undefined): Lang =>
      langOption ?? (header === 'nl' || header === 'en' ? header : 'en');
    /** The languages of the files reported on (the last line follows them when they agree). */
    const langs = new Set<Lang>();
    if (parsed.positionals.length === 0) return usageError(io, 'test', 'no PATH given.');
    const coverage = parsed.values['no-coverage'] !== true;

    let failed = false;
    const files: string[] = [];
    for (const p of parsed.positionals) {
      const found = flintFiles(io, p);
      if (found === undefined) {
        io.stderr(`${p}: error file-not-found: no such file or directory.\n`);
        failed = true;
      } else files.push(...found);
    }
    const seen = new Set<string>();
    const results: { file: string; report: ScenarioReport }[] = [];
    const problems: { file: string; diagnostics: unknown[] }[] = [];
    let passed = 0;
    let failedChecks = 0;
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const loaded = loadModelFile(file, io);
      const model = loaded.model;
      const lang = langOf(model?.header?.language);
      const w = scenarioWords(lang);
      if (!model || scenariosOf(model, { file }).length === 0) {
        const own = loaded.diagnostics.filter((d) => d.severity === 'error' && d.span?.file === file);
        if (own.length > 0 && /\bscenario\b/.test(loaded.texts[file] ?? '')) {
          // A scenario file that does not parse may have lost its scenarios: report it rather than skip it.
          failed = true;
          problems.push({ file, diagnostics: sortDiagnostics(loaded.diagnostics) });
          langs.add(lang);
          if (format === 'text') io.stdout(renderLoaded(sortDiagnostics(loaded.diagnostics), loaded.texts, io) + '\n');
        }
        continue;
      }
      const errors = sortDiagnostics(loaded.diagnostics.filter((d) => d.severity === 'error'));
      if (errors.length > 0) {
        failed = true;
        problems.push({ file, diagnostics: errors });
        langs.add(lang);
        if (format === 'text') io.stdout(`${file}: ${w.modelErrors}\n${renderLoaded(errors, loaded.texts, io)}\n`);
        continue;
      }
      const report = runScenarios(model, { file, lang });
      if (report.diagnostics.length > 0) {
        failed = true;
        problems.push({ file, diagnostics: [...report.diagnostics] });
        langs.add(lang);
        if (format === 'text')
          io.stdout(`${file}: ${w.notCompiled}\n${renderLoaded(report.diagnostics, loaded.texts, io)}\n`);
        continue;
      }
      passed += report.passed;
      failedChecks += report.failed;
      results.push({ file, report });
      langs.add(lang);
      if (format === 'text')
        io.stdout(`${file}\n${renderScenarioReport(report, { coverage, summary: false, lang })}\n`);
    }
    if (failedChecks > 0) failed = true;
    if (results.length === 0 && problems.length === 0) {
      io.stderr(`flint test: no scenarios found in ${parsed.positionals.join(', ')}.\n`);
      failed = true;
    }
    if (format === 'json') {
      const out = results.map(({ file, report }) => ({
        file,
        passed: report.passed,
        failed: report.failed,
        scenarios: report.scenarios,
        ...(coverage ? { coverage: report.coverage } : {}),
      }));
      io.stdout(canonicalJson({ files: out, problems, passed, failed: failedChecks }));
    } else {
      const last = langOption ?? (langs.size === 1 ? [...langs][0] : undefined) ?? 'en';
      io.stdout(`${scenarioWords(last).summary(passed, failedChecks)}\n`);
    }
    return failed ? EXIT_ERRORS : EXIT_OK;
  },
};
