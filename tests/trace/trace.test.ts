import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, createCase, give, take } from '../../src/run/index.js';
import type { CaseState, TakeResult } from '../../src/run/index.js';
import { traceSchemaText } from '../../src/trace/generate-json-schema.js';
import {
  counterfactual,
  explainText,
  frameOf,
  parseTraceEntry,
  decisionSources,
  toMarkdown,
  traceToDot,
  traceToMermaid,
  why,
  whyNot,
} from '../../src/trace/index.js';
import { idText, instanceText } from '../../src/trace/render.js';
import { projectRoot } from '../helpers/shared.js';
import { benefitActors, benefitModel } from '../run/fixtures.js';

const cm = compile(benefitModel()).value;
const s0 = createCase(cm, { asOf: '2024-03-01', actors: benefitActors });

function ok(r: TakeResult): Extract<TakeResult, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r;
}

const submit = ok(take(cm, s0, { act: 'indienen', actor: 'alice', params: { aanvrager: 'alice' } }));
const withIncome: CaseState = give(cm, submit.state, [{ fact: 'inkomen', args: ['alice'], value: '20000.00' }], {
  by: 'belastingdienst',
  at: '2024-03-02',
}).value;
const grant = ok(
  take(cm, withIncome, {
    act: 'toekennen',
    actor: 'gemeente',
    params: { aanvrager: 'alice' },
    facts: [{ fact: 'ingezetene', args: ['alice'] }],
    at: '2024-03-05',
  }),
);
const refused = take(cm, submit.state, { act: 'toekennen', actor: 'alice', params: { aanvrager: 'alice' } });

describe('trace schema', () => {
  it('every trace produced validates against the zod schema', () => {
    for (const e of [submit.trace, grant.trace, refused.trace]) {
      expect(parseTraceEntry(JSON.parse(JSON.stringify(e)))).toEqual({ ok: true, value: e });
    }
    expect(parseTraceEntry({ traceVersion: 2 }).ok).toBe(false);
  });
  it('schemas/trace.schema.json is up to date with the zod schema', () => {
    const file = readFileSync(join(projectRoot, 'schemas', 'trace.schema.json'), 'utf8');
    expect(file).toBe(traceSchemaText());
    expect(JSON.parse(file).properties.traceVersion.const).toBe(2);
  });
});

describe('why', () => {
  it('explains a derived fact from the case, with the provenance of what it read', () => {
    const a = why({ compiled: cm, state: grant.state }, { fact: 'laag inkomen', args: ['alice'] });
    expect(a.value).toEqual({ type: 'boolean', value: true });
    const reads = JSON.stringify(a.nodes);
    expect(reads).toContain('"provenance":{"kind":"given","by":"belastingdienst","at":"2024-03-02"}');
    const child = a.nodes[0]?.children[0];
    expect(child && frameOf(a, child)?.name).toBe('laag inkomen');
    expect(a.provenance).toEqual([
      { kind: 'derived', frame: 'laag inkomen', from: [{ fact: 'inkomen', args: ['alice'] }] },
    ]);
  });
  it('explains a created fact by the act record that created it', () => {
    const a = why({ compiled: cm, state: grant.state }, { fact: 'toegekend', args: ['alice'] });
    expect(a.provenance).toEqual([{ kind: 'created', record: 'r2', at: '2024-03-05' }]);
    expect(a.records.map((r) => r.act)).toEqual(['toekennen']);
  });
  it('explains a duty by the records that created and ended it', () => {
    const a = why({ compiled: cm, state: grant.state }, { duty: 'beslissen', args: ['alice'] });
    expect(a.value).toEqual({ type: 'boolean', value: false });
    expect(a.records.map((r) => r.id)).toEqual(['r1', 'r2']);
  });
  it('finds the subtrees of a trace that concern a fact', () => {
    const a = why(grant.trace, { fact: 'inkomen' });
    expect(a.nodes.length).toBeGreaterThan(0);
    expect(a.provenance).toEqual([{ kind: 'given', by: 'belastingdienst', at: '2024-03-02' }]);
  });
});

describe('whyNot', () => {
  it('names the failing items and the missing facts', () => {
    const a = whyNot(cm, submit.state, 'toekennen', 'gemeente', { aanvrager: 'alice' });
    expect(a.status).toBe('undecided');
    expect(a.reasons.map((r) => [r.item, r.status])).toEqual([['precondition', 'unknown']]);
    expect(a.questions).toEqual([
      { fact: 'ingezetene', args: ['alice'] },
      { fact: 'inkomen', args: ['alice'] },
    ]);
    const b = whyNot(cm, submit.state, 'toekennen', 'alice', { aanvrager: 'alice' });
    expect(b.reasons.map((r) => r.item)).toEqual(['actor', 'precondition']);
  });
});

describe('decisionSources', () => {
  it('lists every source once, in the version in force on the act date', () => {
    const ids = decisionSources(grant.trace).map((s) => s.id);
    expect(ids).toEqual(['wet-2', 'awb-4:1', 'awb-4:13']);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('uses the older version for an act taken while it was in force', () => {
    const old = createCase(cm, { asOf: '2021-05-01', actors: benefitActors });
    const r = ok(take(cm, old, { act: 'indienen', actor: 'bob', params: { aanvrager: 'bob' } }));
    const s = give(cm, r.state, [
      { fact: 'inkomen', args: ['bob'], value: '1' },
      { fact: 'ingezetene', args: ['bob'] },
    ]).value;
    const g = ok(take(cm, s, { act: 'toekennen', actor: 'gemeente', params: { aanvrager: 'bob' } }));
    expect(decisionSources(g.trace).map((x) => x.id)).toContain('wet-2-old');
    expect(decisionSources(g.trace).map((x) => x.id)).not.toContain('wet-2');
  });
});

describe('counterfactual', () => {
  it('finds the single missing input that enables an act', () => {
    expect(counterfactual(cm, withIncome, 'toekennen', 'gemeente', { aanvrager: 'alice' })).toEqual({
      from: 'undecided',
      to: 'enabled',
      changes: [{ fact: 'ingezetene', args: ['alice'], value: true }],
      duties: [],
    });
  });
  it('finds the input whose change disables an enabled act', () => {
    const s = give(cm, withIncome, [{ fact: 'ingezetene', args: ['alice'] }]).value;
    const c = counterfactual(cm, s, 'toekennen', 'gemeente', { aanvrager: 'alice' });
    expect(c?.from).toBe('enabled');
    expect(c?.changes).toEqual([{ fact: 'aanvraag', args: ['alice'], value: false }]);
  });
  it('returns null when no boolean input can flip it', () => {
    expect(counterfactual(cm, submit.state, 'toekennen', 'alice', { aanvrager: 'alice' })).toBeNull();
  });
});

describe('renderings (golden)', () => {
  it('explains in Dutch and English', async () => {
    await expect(explainText(grant.trace, { lang: 'nl' })).toMatchFileSnapshot('golden/grant.nl.txt');
    await expect(explainText(grant.trace, { lang: 'en' })).toMatchFileSnapshot('golden/grant.en.txt');
    if (refused.ok) throw new Error('expected refusal');
    await expect(explainText(refused.trace, { lang: 'en' })).toMatchFileSnapshot('golden/refused.en.txt');
    await expect(explainText(refused.trace, { lang: 'nl' })).toMatchFileSnapshot('golden/refused.nl.txt');
  });
  it('renders Markdown, DOT and Mermaid', async () => {
    await expect(toMarkdown(grant.trace)).toMatchFileSnapshot('golden/grant.md');
    await expect(traceToDot(grant.trace)).toMatchFileSnapshot('golden/grant.dot');
    await expect(traceToMermaid(refused.trace)).toMatchFileSnapshot('golden/refused.mmd');
  });
  it('renderings cite every source of the decision', () => {
    for (const text of [explainText(grant.trace, { lang: 'nl' }), toMarkdown(grant.trace)]) {
      for (const s of decisionSources(grant.trace)) expect(text).toContain(s.citation ?? s.id);
    }
  });
});

describe('ids in renderings', () => {
  it('prints identifier-like ids bare and every other string quoted', () => {
    expect(
      [
        'anna',
        'did:alice',
        'rec-1',
        'gemeente_a',
        'Jan de Vries',
        '12',
        '2024-01-01',
        'true',
        'null',
        '',
        12,
        true,
        null,
      ].map(idText),
    ).toEqual([
      'anna',
      'did:alice',
      'rec-1',
      'gemeente_a',
      '"Jan de Vries"',
      '"12"',
      '"2024-01-01"',
      '"true"',
      '"null"',
      '""',
      '12',
      'true',
      'null',
    ]);
    expect(instanceText('kind van', ['bob', 'anna'])).toBe('[kind van](bob, anna)');
    expect(instanceText('minister', [])).toBe('[minister]');
  });

  it('never prints two different scalars the same way, and a quoted id reads back as the id', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[a-z][a-z0-9:-]{0,8}$/),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        if (!Object.is(a, b) && JSON.stringify(a) !== JSON.stringify(b)) expect(idText(a)).not.toBe(idText(b));
        const t = idText(a);
        if (typeof a === 'string') expect(t === a || JSON.parse(t) === a).toBe(true);
      }),
    );
  });

  it('why names the fact asked about like every other instance: [f](anna), not [f]("anna")', () => {
    const a = why({ compiled: cm, state: grant.state }, { fact: 'laag inkomen', args: ['alice'] });
    expect(a.nodes[0]?.expr).toBe('[laag inkomen](alice)');
    const b = why({ compiled: cm, state: grant.state }, { fact: 'laag inkomen', args: ['Jan de Vries'] });
    expect(b.nodes[0]?.expr).toBe('[laag inkomen]("Jan de Vries")');
  });

  it('a given fact without a supplier is "given on" / "gegeven op", never "by ?"', () => {
    const anonymous = give(cm, submit.state, [{ fact: 'inkomen', args: ['alice'], value: '20000.00' }], {
      at: '2024-03-02',
    }).value;
    const g = ok(
      take(cm, anonymous, {
        act: 'toekennen',
        actor: 'gemeente',
        params: { aanvrager: 'alice' },
        facts: [{ fact: 'ingezetene', args: ['alice'] }],
        at: '2024-03-05',
      }),
    );
    const en = explainText(g.trace, { lang: 'en' });
    const nl = explainText(g.trace, { lang: 'nl' });
    expect(en).toContain('[inkomen](alice) = 20000, given on 2024-03-02');
    expect(nl).toContain('[inkomen](alice) = 20000, gegeven op 2024-03-02');
    expect(`${en}${nl}${toMarkdown(g.trace)}`).not.toMatch(/ \? /);
    expect(explainText(grant.trace, { lang: 'en' })).toContain(
      '[inkomen](alice) = 20000, given by belastingdienst on 2024-03-02',
    );
  });
});

describe('refusal reasons in the rendering language', () => {
  it("Dutch renderings state each reason in Dutch, English ones keep the interpreter's sentence", () => {
    if (refused.ok) throw new Error('expected refusal');
    const item = refused.trace.reasons[0]?.item;
    expect(item).toBe('actor');
    const nl = explainText(refused.trace, { lang: 'nl' });
    const en = explainText(refused.trace, { lang: 'en' });
    expect(nl).toContain('alice vervult niet de rol');
    expect(nl).not.toContain(refused.trace.reasons[0]?.message as string);
    expect(en).toContain(refused.trace.reasons[0]?.message as string);
  });
});
