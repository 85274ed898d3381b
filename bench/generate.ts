/**
 * Generators of synthetic FLINT models (as .flint text) for the benchmarks: a chain of derived
 * facts, and large realistic models of a chosen size. Deterministic: the same arguments always
 * give the same text.
 */

/** A chain of `n` derived facts: `[d0]` holds when `[x0]`, `[d<i>]` when `[d<i-1>]` and `[x<i>]`. */
export function chainModel(n: number): string {
  const lines: string[] = ['model "Synthetic chain" { language: en }', ''];
  for (let i = 0; i < n; i++) lines.push(`fact [x${i}]`);
  lines.push('fact [d0] { holds when: [x0] }');
  for (let i = 1; i < n; i++) lines.push(`fact [d${i}] { holds when: [d${i - 1}] and [x${i}] }`);
  lines.push(
    '',
    'fact [clerk]: actor { closed }',
    '',
    `act <<conclude>> {`,
    '  actor: [clerk]',
    `  preconditions: [d${n - 1}]`,
    '}',
  );
  return lines.join('\n') + '\n';
}

/** The input facts of {@link chainModel} all given true (the top of the chain then holds). */
export function chainFacts(n: number): { fact: string; value: boolean }[] {
  return Array.from({ length: n }, (_, i) => ({ fact: `x${i}`, value: true }));
}

/** Lines one module of {@link largeModel} takes. */
const MODULE_LINES = 34;

/**
 * A large model of about `lines` lines, built from repeated modules that each use every kind of
 * declaration: a source, input facts (some typed), derived facts with arithmetic and comparisons,
 * an act with actor, object, recipient, preconditions and effects, and a duty with a deadline.
 * Module `k` reads a fact of module `k-1`, so the frames form one connected model.
 */
export function largeModel(lines: number): string {
  const modules = Math.max(1, Math.ceil(lines / MODULE_LINES));
  const out: string[] = [
    'model "Synthetic large model" {',
    '  language: nl',
    '  version: 2024-01-01',
    '}',
    '',
    'fact [ambtenaar]: actor { closed }',
    'fact [burger]: actor { closed }',
  ];
  for (let k = 0; k < modules; k++) {
    const prev = k === 0 ? 'true' : `[besluit ${k - 1}]`;
    out.push(
      '',
      `source art-${k} {`,
      `  citation: "art. ${k} Synthetische wet"`,
      '  valid: 2000-01-01 ..',
      '}',
      `fact [aanvraag ${k}] { holds when: created  sources: art-${k} }`,
      `fact [besluit ${k}] { holds when: created  sources: art-${k} }`,
      `fact [inkomen ${k}]: decimal`,
      `fact [grens ${k}]: decimal { value: 30000.00 }`,
      `fact [woont in nederland ${k}]`,
      `fact [uitgesloten ${k}]`,
      `fact [recht ${k}] {`,
      `  holds when: [woont in nederland ${k}] and not ` +
        `[uitgesloten ${k}] and [inkomen ${k}] <= [grens ${k}] and ${prev}`,
      `  sources: art-${k}`,
      '}',
      `act <<aanvragen ${k}>> {`,
      '  actor: [burger]',
      `  object: [aanvraag ${k}]`,
      '  recipient: [ambtenaar]',
      `  preconditions: [woont in nederland ${k}] and not [uitgesloten ${k}]`,
      `  creates: [aanvraag ${k}], <beslissen ${k}>`,
      `  sources: art-${k}`,
      '}',
      `act <<beslissen ${k}>> {`,
      '  actor: [ambtenaar]',
      `  preconditions: [aanvraag ${k}] and [recht ${k}]`,
      `  creates: [besluit ${k}]`,
      `  terminates: <beslissen ${k}>`,
      `  sources: art-${k}`,
      '}',
      `duty <beslissen ${k}> {`,
      '  holder: [ambtenaar]',
      `  terminated by: <<beslissen ${k}>>`,
      '  deadline: within 8 weeks',
      '}',
    );
  }
  return out.join('\n') + '\n';
}

/**
 * Input facts that make every `<<aanvragen k>>` and `<<beslissen k>>` of {@link largeModel} enabled once applied for.
 */
export function largeModelFacts(lines: number): { fact: string; value: boolean | string }[] {
  const modules = Math.max(1, Math.ceil(lines / MODULE_LINES));
  const out: { fact: string; value: boolean | string }[] = [];
  for (let k = 0; k < modules; k++) {
    out.push(
      { fact: `inkomen ${k}`, value: '25000.00' },
      { fact: `woont in nederland ${k}`, value: true },
      { fact: `uitgesloten ${k}`, value: false },
    );
  }
  return out;
}
