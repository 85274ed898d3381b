/**
 * Embedding Calculemus: load a norm, check it, decide a kinderopvangtoeslag case, and print the
 * recovery decision with its legal trail and the questions still open.
 *
 * Run: `npx tsx examples/embed-kinderopvangtoeslag.ts [--lang en]` (this is `npm run demo`).
 * Only the public API (src/index.ts) is used; the file system is touched here, never by the library.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  check,
  compile,
  createCase,
  decisionSources,
  evaluateFact,
  explainText,
  hasErrors,
  loadModel,
  potentialActs,
  reasonText,
  renderDiagnostics,
  take,
  type CaseState,
  type GivenFact,
  type TraceEntry,
  valueText,
} from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lang = process.argv.includes('--lang') && process.argv[process.argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'nl';

// 1. Load the norm (with its import of the Awb) and check it.
const entry = relative(process.cwd(), join(root, 'norms/kinderopvangtoeslag/kinderopvangtoeslag.flint'));
const texts: Record<string, string> = {};
const loaded = loadModel(
  entry,
  {
    readFile(path) {
      try {
        return (texts[path] = readFileSync(path, 'utf8'));
      } catch {
        return undefined;
      }
    },
    resolve: (from, imported) => join(dirname(from), imported),
  },
  { root: relative(process.cwd(), join(root, 'norms')) || '.' },
); // it imports ../awb/awb.flint
const checked = check(loaded.value.model, { origin: 'flint' });
const diagnostics = [...loaded.diagnostics, ...checked.diagnostics];
if (hasErrors(diagnostics)) {
  process.stderr.write(renderDiagnostics(diagnostics, texts));
  process.exit(1);
}
const m = loaded.value.model;
const count = (kind: string): number => m.declarations.filter((d) => d.kind === kind).length;
console.log(
  `Model: ${m.header?.title ?? entry} — ${loaded.value.files.length} ` +
    `files, ${count('Act')} acts, ${count('Fact')} facts, ${count('Duty')} ` +
    `duties, ${count('Source')} sources: no errors, ${diagnostics.length} warnings.\n`,
);

// 2. Create the case: the actors, their roles, and the facts known at the start.
const compiled = compile(m).value;
interface CaseFile {
  readonly description: string;
  readonly asOf: string;
  readonly actors: Record<string, { roles: string[] }>;
  readonly facts: GivenFact[];
  readonly acts: {
    act: string;
    actor: string;
    params?: Record<string, string>;
    facts?: GivenFact[];
    at?: string;
    expect?: 'taken' | 'refused';
  }[];
}
const scenario = JSON.parse(
  readFileSync(join(root, 'examples/cases/kinderopvangtoeslag.case.json'), 'utf8'),
) as CaseFile;
const bare = (name: string): string =>
  name.replace(/^<<(.*)>>$|^\[(.*)\]$/, (_m, a?: string, f?: string) => a ?? f ?? name);
const given = (facts: readonly GivenFact[]): GivenFact[] => facts.map((f) => ({ ...f, fact: bare(f.fact) }));
let state: CaseState = createCase(compiled, {
  asOf: scenario.asOf,
  actors: scenario.actors,
  facts: given(scenario.facts),
});
console.log(`Case: ${scenario.description}\n`);

// 3. Take the acts in order. A refusal is a result, not an exception: it names the minimal failing
//    conditions (Reason.conditions), each with its value, provenance and article, in the chosen
//    language. This case includes one refusal on purpose.
const decisions: TraceEntry[] = [];
const by = lang === 'nl' ? 'door' : 'by';
for (const step of scenario.acts) {
  const result = take(compiled, state, {
    act: bare(step.act),
    actor: step.actor,
    params: step.params ?? {},
    facts: given(step.facts ?? []),
    ...(step.at ? { at: step.at } : {}),
  });
  const date = step.at ?? state.asOf;
  if (!result.ok) {
    const { act, actor } = result.trace;
    const reasons = result.trace.reasons.map((r) => reasonText(r, act, actor, lang)).join(' ');
    const refused = lang === 'nl' ? 'geweigerd' : 'refused';
    console.log(`  ${date}  <<${bare(step.act)}>> ${by} ${step.actor}: ${refused} — ${reasons}`);
    if (step.expect !== 'refused') process.exit(1);
    continue;
  }
  state = result.state;
  decisions.push(result.trace);
  console.log(`  ${date}  <<${bare(step.act)}>> ${by} ${step.actor}: ${lang === 'nl' ? 'genomen' : 'taken'}`);
}

// 4. The recovery decision, with every article it rests on, in the version applied on its date.
//    `--full` prints the whole derivation tree (what `flint explain --why` shows).
const recovery = decisions.find((d) => d.act === 'terugvorderen tegemoetkoming');
if (recovery) {
  const nl = lang === 'nl';
  const amount = evaluateFact(compiled, state, 'vast te stellen terugvordering', ['alice']).value;
  console.log(
    `\n${nl ? 'Terugvorderingsbesluit' : 'Recovery decision'} ${recovery.record} ` +
      `(${recovery.at}, ${recovery.actor}): ${nl ? 'terug te vorderen' : 'to recover'} € ${valueText(amount, lang)}`,
  );
  for (const e of recovery.effects) {
    const name = e.frame === 'duty' ? `<${e.name}>` : e.frame === 'act' ? `<<${e.name}>>` : `[${e.name}]`;
    console.log(`  ${e.op === 'create' ? '+' : '-'} ${name}(${e.args.join(', ')})`);
  }
  if (process.argv.includes('--full')) console.log(`\n${explainText(recovery, { lang })}`);
  const sources = decisionSources(recovery);
  const restsOn = nl
    ? `Het besluit rust op ${sources.length} bepalingen`
    : `The decision rests on ${sources.length} provisions`;
  console.log(`\n${restsOn}:`);
  for (const s of sources) {
    const text = (s.text ?? '').replace(/\s+/g, ' ').trim();
    console.log(
      `  - ${s.citation ?? s.id}${s.validFrom ? ` (${nl ? 'versie' : 'version'} ${s.validFrom})` : ''}` +
        `${text ? `: “${text.length > 90 ? `${text.slice(0, 90)}…` : text}”` : ''}`,
    );
  }
}

// 5. The questions still open: input facts that would decide acts that may yet become possible.
const open = new Set<string>();
for (const actor of Object.keys(scenario.actors)) {
  for (const p of potentialActs(compiled, state, actor)) {
    for (const q of p.questions) open.add(`[${q.fact}](${q.args.join(', ')}) → <<${p.act}>> (${actor})`);
  }
}
console.log(
  `\n${lang === 'nl' ? 'Open vragen' : 'Open questions'}: ${open.size === 0 ? (lang === 'nl' ? 'geen' : 'none') : ''}`,
);
for (const q of [...open].sort()) console.log(`  - ${q}`);
