import { describe, expect, it } from 'vitest';
import { compile, createCase, give, take } from '../../src/run/index.js';
import type { CaseState, TakeResult } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import {
  conditionText,
  durationText,
  explainText,
  reasonText,
  statusText,
  counterfactual,
  toMarkdown,
  traceToDot,
  valueText,
  whyNot,
} from '../../src/trace/index.js';
import type { Reason, TraceEntry } from '../../src/trace/index.js';
import { englishWords } from '../helpers/english.js';

const MODEL = `model "Reasons" { language: nl }
source s-a { citation: "art. 1 Wet" valid: 2020-01-01 .. }
source s-b { citation: "art. 2 Wet" valid: 2020-01-01 .. }
source s-d { citation: "art. 3 Wet" valid: 2020-01-01 .. }
fact [burger]: actor { closed }
fact [ambt]: actor { closed }
fact [a](p: [burger]) { sources: s-a }
fact [b](p: [burger]) { sources: s-b }
fact [c](p: [burger]) { sources: s-b }
fact [bedrag](p: [burger]): decimal
fact [termijn]: duration
fact [datum](p: [burger]): date
act <<nooit>>(p: [burger]) {
  actor: [ambt]
  action: nooit
  recipient: p
  preconditions: false
}
act <<tijdig>>(p: [burger]) {
  actor: [ambt]
  action: beoordelen
  recipient: p
  preconditions: [datum](p) <= 2024-06-30
}
act <<melden>>(p: [burger]) {
  actor: p
  action: melden
  creates: <afhandelen>(p)
}
duty <afhandelen>(p: [burger]) {
  holder: [ambt]
  claimant: p
  created by: <<melden>>
  terminated by: <<afhandelen melding>>
  sources: s-d
}
act <<afhandelen melding>>(p: [burger]) {
  actor: [ambt]
  action: afhandelen
  recipient: p
  preconditions: <afhandelen>(p)
}
act <<besluiten>>(p: [burger]) {
  actor: [ambt]
  action: besluiten
  recipient: p
  preconditions: [a](p) and ([b](p) or [c](p)) and not <afhandelen>(p)
}
act <<toekennen>>(p: [burger]) {
  actor: [ambt]
  action: toekennen
  recipient: p
  preconditions: [a](p) and [bedrag](p) > 100
}
`;

const parsed = parse(MODEL, 'reasons.flint');
const cm = compile(parsed.value).value;
const actors = { ann: { roles: ['burger'] }, amb: { roles: ['ambt'] } };

function after(r: TakeResult): CaseState {
  if (!r.ok) throw new Error(`refused: ${r.trace.reasons.map((x) => x.message).join(' ')}`);
  return r.state;
}

// ann reported (duty <afhandelen>(ann) active since r1), [a] holds, [b] and [c] are false, the amount is unknown.
const s0 = createCase(cm, { asOf: '2024-01-01', actors });
const s1 = after(take(cm, s0, { act: 'melden', actor: 'ann', params: { p: 'ann' }, at: '2024-01-02' }));
const s2 = give(
  cm,
  s1,
  [
    { fact: 'a', args: ['ann'], value: true },
    { fact: 'b', args: ['ann'], value: false },
    { fact: 'c', args: ['ann'], value: false },
  ],
  { by: 'amb', at: '2024-01-03' },
).value;

function refusal(state: CaseState, act: string): TraceEntry {
  const r = take(cm, state, { act, actor: 'amb', params: { p: 'ann' } });
  expect(r.ok).toBe(false);
  return r.trace;
}

function preconditionReason(entry: TraceEntry): Reason {
  const r = entry.reasons.find((x) => x.item === 'precondition');
  expect(r).toBeDefined();
  return r as Reason;
}

describe('minimal failing conditions', () => {
  const namesOnlyTheFailing =
    'names only the failing conjuncts and every disjunct of a failing or, with value, frame, article, provenance';
  it(namesOnlyTheFailing, () => {
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = preconditionReason(refusal(s2, 'besluiten'));
    expect(r.status).toBe('false');
    expect(r.conditions?.map((c) => [c.expr, c.value])).toEqual([
      ['[b](ann)', { type: 'boolean', value: false }],
      ['[c](ann)', { type: 'boolean', value: false }],
    ]);
    const [b] = r.conditions ?? [];
    expect(b).toMatchObject({
      negated: false,
      citation: 'art. 2 Wet',
      provenance: { kind: 'given', by: 'amb', at: '2024-01-03' },
    });
    expect(b?.frame?.name).toBe('b');
    // The holding conjunct [a](ann) is not named.
    expect(r.message).toBe(
      'The preconditions of <<besluiten>> do not hold: [b](ann): that fact ' +
        'does not hold (given by amb on 2024-01-03, art. 2 Wet); ' +
        '[c](ann): that fact does not hold (given by amb on 2024-01-03, art. 2 Wet).',
    );
  });

  it('names a failing not by the active duty that makes it fail, with the record that created it', () => {
    const s3 = give(cm, s2, [{ fact: 'c', args: ['ann'], value: true }], { by: 'amb', at: '2024-01-04' }).value;
    const r = preconditionReason(refusal(s3, 'besluiten'));
    expect(r.conditions).toHaveLength(1);
    const [duty] = r.conditions ?? [];
    expect(duty).toMatchObject({
      expr: 'not <afhandelen>(ann)',
      value: { type: 'boolean', value: false },
      negated: true,
      citation: 'art. 3 Wet',
      provenance: { kind: 'created', record: 'r1', at: '2024-01-02' },
    });
    expect(duty?.frame).toMatchObject({ kind: 'duty', name: 'afhandelen' });
    expect(r.message).toBe(
      'The preconditions of <<besluiten>> do not hold: ' +
        'not <afhandelen>(ann): that duty is still active (created by r1 on 2024-01-02, art. 3 Wet).',
    );
    expect(reasonText(r, 'besluiten', 'amb', 'nl')).toBe(
      'De voorwaarden van <<besluiten>> zijn niet vervuld: ' +
        'niet <afhandelen>(ann): die plicht is nog actief (ontstaan door handeling r1 op 2024-01-02, art. 3 Wet).',
    );
  });

  it('names the unknown leaves of an undecided item (the questions)', () => {
    const r = preconditionReason(refusal(s2, 'toekennen'));
    expect(r.status).toBe('unknown');
    expect(r.conditions?.map((c) => [c.expr, c.value.type])).toEqual([['[bedrag](ann) > 100', 'unknown']]);
    expect(r.message).toContain('cannot be decided yet: [bedrag](ann) > 100: not known yet.');
  });

  it('names a comparison that is false, and the reasons are the same with and without a derivation tree', () => {
    const s3 = give(cm, s2, [{ fact: 'bedrag', args: ['ann'], value: '50.00' }], { by: 'amb', at: '2024-01-04' }).value;
    const traced = refusal(s3, 'toekennen');
    expect(preconditionReason(traced).conditions?.map((c) => c.expr)).toEqual(['[bedrag](ann) > 100']);
    const bare = take(cm, s3, { act: 'toekennen', actor: 'amb', params: { p: 'ann' } }, { trace: false });
    expect(bare.trace.reasons).toEqual(traced.reasons);
  });

  it('a literal condition has no derivation: the reason keeps its expression; the item gets its own node', () => {
    const entry = refusal(s2, 'nooit');
    const r = preconditionReason(entry);
    expect(r.conditions).toBeUndefined();
    expect(r.message).toBe('The preconditions of <<nooit>> do not hold: false.');
    expect(entry.check.children.map((c) => c.kind)).toEqual(['in-force', 'actor', 'recipient', 'preconditions']);
    expect(entry.check.children[3]).toMatchObject({ expr: 'false', value: { type: 'boolean', value: false } });
  });

  it('whyNot gives the same conditions as the refusal', () => {
    const ans = whyNot(cm, s2, 'besluiten', 'amb', { p: 'ann' });
    expect(ans.reasons).toEqual(refusal(s2, 'besluiten').reasons);
    expect(ans.params).toEqual({ p: 'ann' });
  });
});

describe('Dutch renderings', () => {
  const refused = refusal(s2, 'besluiten');
  const taken = take(cm, s1, { act: 'afhandelen melding', actor: 'amb', params: { p: 'ann' } });

  it('a refusal in Dutch names the failing conditions in Dutch, with provenance and article', () => {
    const text = reasonText(preconditionReason(refused), refused.act, refused.actor, 'nl');
    expect(text).toBe(
      'De voorwaarden van <<besluiten>> zijn niet vervuld: [b](ann): dat feit ' +
        'geldt niet (gegeven door amb op 2024-01-03, art. 2 Wet); ' +
        '[c](ann): dat feit geldt niet (gegeven door amb op 2024-01-03, art. 2 Wet).',
    );
  });

  it('explainText, toMarkdown, whyNot reasons and values contain no English words in Dutch', () => {
    expect(taken.ok).toBe(true);
    const ans = whyNot(cm, s2, 'toekennen', 'amb', { p: 'ann' });
    const texts = [
      explainText(refused, { lang: 'nl' }),
      explainText(taken.trace, { lang: 'nl' }),
      toMarkdown(refused, { lang: 'nl' }),
      toMarkdown(taken.trace, { lang: 'nl' }),
      traceToDot(refused, { lang: 'nl' }),
      ...ans.reasons.map((r) => reasonText(r, 'toekennen', 'amb', 'nl')),
      ...(preconditionReason(refused).conditions ?? []).map((c) => conditionText(c, 'nl')),
      statusText('enabled', 'nl'),
      statusText('disabled', 'nl'),
      statusText('undecided', 'nl'),
      valueText({ type: 'duration', value: 'P6W' }, 'nl'),
    ];
    for (const t of texts) expect(englishWords(t), t).toEqual([]);
    // The list catches English: the same renderings in English are caught.
    expect(englishWords(explainText(refused, { lang: 'en' }))).not.toEqual([]);
  });

  it('toMarkdown takes a language', () => {
    expect(toMarkdown(refused, { lang: 'nl' })).toMatch(/^## \\<\\<besluiten\\>\\>: geweigerd\n/);
    expect(toMarkdown(refused)).toMatch(/^## \\<\\<besluiten\\>\\>: refused\n/);
    expect(toMarkdown(refused, { lang: 'nl' })).toContain('### Redenen');
  });
});

describe('durations in words', () => {
  it('one-unit durations and sums or differences of them', () => {
    expect(durationText('P6W', 'nl')).toBe('6 weken');
    expect(durationText('P1D', 'nl')).toBe('1 dag');
    expect(durationText('P6W - P1D', 'nl')).toBe('6 weken min 1 dag');
    expect(durationText('P6W-P1D', 'en')).toBe('6 weeks minus 1 day');
    expect(durationText('P1Y+P2M', 'en')).toBe('1 year + 2 months');
    expect(durationText('not a duration', 'nl')).toBe('not a duration');
    expect(valueText({ type: 'duration', value: 'P30D' }, 'nl')).toBe('30 dagen');
    expect(valueText({ type: 'duration', value: 'P1M' }, 'en')).toBe('1 month');
  });
});

describe('counterfactual: numbers, dates and duties', () => {
  it('a number compared with a constant: the nearest value across the threshold', () => {
    const s3 = give(cm, s2, [{ fact: 'bedrag', args: ['ann'], value: '50.00' }], { by: 'amb', at: '2024-01-04' }).value;
    expect(counterfactual(cm, s3, 'toekennen', 'amb', { p: 'ann' })).toEqual({
      from: 'disabled',
      to: 'enabled',
      changes: [{ fact: 'bedrag', args: ['ann'], value: '100.01' }],
      duties: [],
    });
    // And back: from enabled, the nearest value that disables it.
    const s4 = give(cm, s2, [{ fact: 'bedrag', args: ['ann'], value: '250.00' }], {
      by: 'amb',
      at: '2024-01-04',
    }).value;
    const back = counterfactual(cm, s4, 'toekennen', 'amb', { p: 'ann' });
    expect(back?.to).toBe('disabled');
    expect(back?.changes).toEqual([{ fact: 'a', args: ['ann'], value: false }]);
  });

  it('a date compared with a constant: the nearest date across it', () => {
    const s3 = give(cm, s2, [{ fact: 'datum', args: ['ann'], value: '2024-07-15' }], {
      by: 'amb',
      at: '2024-01-04',
    }).value;
    expect(counterfactual(cm, s3, 'tijdig', 'amb', { p: 'ann' })?.changes).toEqual([
      { fact: 'datum', args: ['ann'], value: '2024-06-30' },
    ]);
  });

  it('a duty: ending the active instance that blocks the act', () => {
    const s3 = give(cm, s2, [{ fact: 'c', args: ['ann'], value: true }], { by: 'amb', at: '2024-01-04' }).value;
    expect(counterfactual(cm, s3, 'besluiten', 'amb', { p: 'ann' })).toEqual({
      from: 'disabled',
      to: 'enabled',
      changes: [],
      duties: [{ duty: 'afhandelen', args: ['ann'], active: false }],
    });
  });

  it('an unknown number: a value across the threshold', () => {
    const cf = counterfactual(cm, s2, 'toekennen', 'amb', { p: 'ann' });
    expect(cf?.to).toBe('enabled');
    expect(cf?.changes).toEqual([{ fact: 'bedrag', args: ['ann'], value: '100.01' }]);
  });

  it('null when no change within the bound flips it', () => {
    const s3 = give(cm, s2, [{ fact: 'bedrag', args: ['ann'], value: '50.00' }], { by: 'amb', at: '2024-01-04' }).value;
    expect(counterfactual(cm, s3, 'toekennen', 'amb', { p: 'ann' }, { maxTries: 2 })).toBeNull();
  });
});
