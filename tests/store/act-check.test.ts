/**
 * The quick check of a take-act request (src/store/act-check.ts) against the full one it stands in
 * for (the case-file schema, then checkCaseFile with its probe case): whenever the quick check says
 * "valid", the full check finds no error and builds the same take request; valid requests of every
 * form are recognised by it (else the fast path would never be taken).
 */
import { describe, expect, it } from 'vitest';
import { checkCaseFile, checkCaseValue, startCase, toTakeRequest } from '../../src/case/index.js';
import type { CaseFile } from '../../src/case/index.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { Decisions } from '../../src/store/cases.js';
import { quickTakeRequest } from '../../src/store/act-check.js';
import { openStore } from '../../src/store/open.js';
import { aanvragen, toeslagCase, toeslagUpload } from './backends.js';

describe('the quick check of a take-act request', async () => {
  const store = await openStore({ backend: 'sqlite', file: ':memory:', synchronous: 'normal' });
  const svc = new Decisions(store);
  const built = svc.buildModel(toeslagUpload());
  if ('ok' in built) throw new Error(built.detail);
  const compiled = built.model.compiled;
  const started = startCase(compiled, toeslagCase as CaseFile);
  const state = started.state;

  /** The full check as the service ran it before: the take request, or null when it finds an error. */
  const full = (input: Record<string, unknown>) => {
    const shape = checkCaseValue({ asOf: state.asOf, acts: [input] });
    if (shape.value === null || hasErrors(shape.diagnostics)) return null;
    const actors = Object.fromEntries(Object.entries(state.actors).map(([k, v]) => [k, { roles: [...v.roles] }]));
    const cf: CaseFile = { ...shape.value, actors };
    if (hasErrors(checkCaseFile(compiled, cf))) return null;
    const a = cf.acts?.[0];
    return a === undefined ? null : toTakeRequest(a);
  };

  const valid: Record<string, unknown>[] = [
    aanvragen,
    { act: 'aanvragen toeslag', actor: 'alice' },
    { ...aanvragen, at: '2024-03-05' },
    { ...aanvragen, params: {} },
    { ...aanvragen, facts: [] },
    { ...aanvragen, facts: [{ fact: '[uitgesloten]', args: ['alice'], value: false, by: 'alice', at: '2024-03-01' }] },
    { ...aanvragen, facts: [{ fact: 'uren', args: ['kees'], value: 12.5 }] },
    { ...aanvragen, facts: [{ fact: 'kosten', args: ['alice'], value: '400' }] },
    { ...aanvragen, facts: [{ fact: 'geboortedatum', args: ['kees'], value: '2022-02-01' }] },
    // A role fact given with the act declares its actor.
    { act: 'aanvragen toeslag', actor: 'bob', params: { ouder: 'bob' }, facts: [{ fact: 'ouder', args: ['bob'] }] },
  ];
  const junk: unknown[] = [
    null,
    [],
    'act',
    {},
    { act: '', actor: 'alice' },
    { act: 'aanvragen toeslag', actor: '' },
    { act: 'aanvragen toeslag', actor: 'nobody' },
    { act: 'vliegen', actor: 'alice' },
    { ...aanvragen, extra: 1 },
    { ...aanvragen, at: '2024-02-30' },
    { ...aanvragen, at: 20240301 },
    { ...aanvragen, params: { ouder: 'alice', kind: 'kees' } },
    { ...aanvragen, params: { ouder: { x: 1 } } },
    { ...aanvragen, params: [] },
    { ...aanvragen, facts: {} },
    { ...aanvragen, facts: [null] },
    { ...aanvragen, facts: [{ fact: 'onbekend', args: ['alice'] }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice', 'kees'] }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], value: 'ja' }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], value: null }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: [{}] }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], when: 1 }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], at: 'gisteren' }] },
    { ...aanvragen, facts: [{ fact: 'uitgesloten', args: ['alice'], by: 7 }] },
    { ...aanvragen, facts: [{ fact: 'recht op toeslag', args: ['alice'] }] },
    { ...aanvragen, facts: [{ fact: 'geboortedatum', args: ['kees'], value: '2022-13-01' }] },
    { ...aanvragen, facts: [{ fact: 'uren', args: ['kees'], value: Number.POSITIVE_INFINITY }] },
    { ...aanvragen, facts: [{ fact: '', args: ['kees'] }] },
  ];

  it('recognises every valid request, and builds the take request the full check builds', () => {
    for (const input of valid) {
      const quick = quickTakeRequest(compiled, state, input);
      expect(quick, JSON.stringify(input)).not.toBeNull();
      expect(quick).toEqual(full(input));
    }
  });

  // Valid for the full check, but left to it: a case file's `expect`, a parameter named __proto__.
  const leftToFullCheck: Record<string, unknown>[] = [
    { ...aanvragen, expect: 'taken' },
    { ...aanvragen, params: JSON.parse('{"__proto__": "alice"}') },
  ];

  it('leaves the unusual to the full check', () => {
    for (const input of leftToFullCheck) expect(quickTakeRequest(compiled, state, input)).toBeNull();
  });

  it('never says valid where the full check finds an error', () => {
    for (const input of junk) {
      const quick = quickTakeRequest(compiled, state, input as Record<string, unknown>);
      const expected =
        typeof input === 'object' && input !== null && !Array.isArray(input) ? full(input as never) : null;
      if (quick !== null) expect(quick).toEqual(expected);
      if (expected === null) expect(quick, JSON.stringify(input)).toBeNull();
    }
    // And the junk is junk: the full check refuses all but none.
    expect(junk.filter((j) => typeof j === 'object' && j !== null && !Array.isArray(j) && full(j as never))).toEqual(
      [],
    );
  });
});
