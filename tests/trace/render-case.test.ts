/** The case renderers: one provenance wording, renderings headed by a subject (a fact or duty) instead of an act. */
import { describe, expect, it } from 'vitest';
import type { Provenance, TraceEntry } from '../../src/model/trace.js';
import { provenanceText, toMarkdown, traceToDot } from '../../src/trace/index.js';

describe('provenanceText', () => {
  const created: Provenance = { kind: 'created', record: 'r1', at: '2024-02-05' };
  const derived: Provenance = { kind: 'derived', frame: 'vergunbaar', from: [{ fact: 'bouwplan', args: ['anna'] }] };

  it('words a created instance the same way in the outcome list and in explanations', () => {
    expect(provenanceText(created, 'nl', 'short')).toBe('ontstaan door handeling r1 op 2024-02-05');
    expect(provenanceText(created, 'nl')).toBe(provenanceText(created, 'nl', 'short'));
    expect(provenanceText(created, 'en')).toBe('created by r1 on 2024-02-05');
  });

  it('names the inputs of a derived instance, except in the short form', () => {
    expect(provenanceText(derived, 'en')).toBe('derived from [bouwplan](anna)');
    expect(provenanceText(derived, 'nl', 'short')).toBe('afgeleid');
    expect(provenanceText({ kind: 'role', actor: 'anna' }, 'en')).toBe('role of anna');
    expect(provenanceText({ kind: 'given', by: null, at: '2024-01-01' }, 'en')).toBe('given on 2024-01-01');
  });
});

describe('renderings with a subject', () => {
  const entry = {
    traceVersion: 2,
    act: '[vergunning](anna)',
    actor: '',
    params: {},
    at: '2024-06-01',
    outcome: 'taken',
    record: null,
    check: { kind: 'root', expr: '[vergunning](anna)', value: { type: 'boolean', value: true }, children: [] },
    frames: [],
    reasons: [],
    effects: [],
    dutiesActivated: [],
    dutiesEnded: [],
    sources: [],
  } as unknown as TraceEntry;

  it('head Markdown with the subject and leave out the actor', () => {
    const md = toMarkdown(entry, { subject: '[vergunning](anna)' });
    expect(md.startsWith('## \\[vergunning\\](anna)\n\n- date: 2024-06-01\n')).toBe(true);
    expect(md).not.toContain('- actor:');
  });

  it('name the DOT graph after the subject', () => {
    expect(traceToDot(entry, { subject: '<duty> "x"' }).split('\n')[0]).toBe('digraph "<duty> \\"x\\"" {');
  });
});
