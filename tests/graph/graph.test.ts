import { describe, expect, test } from 'vitest';
import { creatorsOf, frameSources, impactOf, planActs, toGraph } from '../../src/graph/index.js';
import { check } from '../../src/check/index.js';
import { actDecl, and, created, effect, fact, factDecl, model, not } from '../helpers/ast-builder.js';
import { smallModel } from './small-model.js';

describe('The model graph of a small model', () => {
  const checked = smallModel();
  const g = toGraph(checked);

  test('has one node per declared frame and source, plus the undeclared fact', () => {
    expect(g.order).toBe(3 + 4 + 1 + 3 + 1);
    expect(g.getNodeAttributes('fact:gegevens')).toMatchObject({ kind: 'fact', declared: false, span: null });
    expect(g.getNodeAttributes('act:indienen')).toMatchObject({
      kind: 'act',
      name: 'indienen',
      label: '<<indienen>>',
      declared: true,
    });
    expect(g.getNodeAttribute('source:s1', 'label')).toBe('art. 1');
  });

  test('has the edges the frames imply, each once', () => {
    const edges = g.mapEdges((_k, a, s, t) => `${s} ${a.type} ${t}`).sort();
    expect(edges).toEqual(
      [
        'act:besluiten creates fact:besluit',
        'act:besluiten requires fact:volledig',
        'act:besluiten rests-on source:s1',
        'act:besluiten terminates duty:beslissen',
        'act:bezwaar enforces duty:beslissen',
        'act:bezwaar requires duty:beslissen',
        'act:indienen creates duty:beslissen',
        'act:indienen creates fact:aanvraag',
        'act:indienen requires fact:persoon',
        'act:indienen rests-on source:s2',
        'duty:beslissen rests-on source:s3',
        'fact:aanvraag rests-on source:s2',
        'fact:persoon rests-on source:s1',
        'fact:volledig derives fact:aanvraag',
        'fact:volledig derives fact:gegevens',
        'fact:volledig rests-on source:s3',
      ].sort(),
    );
    expect(g.type).toBe('directed');
    expect(g.multi).toBe(true);
  });

  test('frameSources gives direct sources, and with transitive also those of everything depended on', () => {
    expect(frameSources(g, 'act:besluiten')).toEqual(['s1']);
    // besluiten requires [volledig] (s3), which derives from [aanvraag] (s2) and [gegevens] (none).
    expect(frameSources(g, 'act:besluiten', { transitive: true })).toEqual(['s1', 's2', 's3']);
    expect(frameSources(g, 'act:bezwaar', { transitive: true })).toEqual(['s3']);
    expect(frameSources(g, 'act:nope')).toEqual([]);
  });

  test('creatorsOf names the acts that create a fact or duty', () => {
    expect(creatorsOf(g, 'fact:besluit')).toEqual(['besluiten']);
    expect(creatorsOf(g, 'duty:beslissen')).toEqual(['indienen']);
    expect(creatorsOf(g, 'fact:persoon')).toEqual([]);
  });

  test('impactOf follows dependants of the frames resting on a source', () => {
    expect(impactOf(g, 's3')).toEqual(['act:besluiten', 'act:bezwaar', 'duty:beslissen', 'fact:volledig']);
    expect(impactOf(g, 's2')).toEqual(['act:besluiten', 'act:indienen', 'fact:aanvraag', 'fact:volledig']);
    expect(impactOf(g, 'missing')).toEqual([]);
  });

  test('plan finds the shortest act sequence and the inputs it needs', () => {
    expect(planActs(checked, 'besluit')).toEqual({
      found: true,
      acts: ['indienen', 'besluiten'],
      inputs: ['persoon', 'gegevens'],
    });
    expect(planActs(checked, 'aanvraag')).toEqual({ found: true, acts: ['indienen'], inputs: ['persoon'] });
    expect(planActs(checked, 'persoon')).toEqual({ found: true, acts: [], inputs: ['persoon'] });
    expect(planActs(checked, 'bestaat niet')).toEqual({ found: false, acts: [], inputs: [] });
  });
});

describe('plan on models built for the purpose', () => {
  test('a goal nobody can create is not found', () => {
    const checked = check(
      model([
        factDecl('x', { definition: created() }),
        actDecl('a', { preconditions: fact('x'), creates: [effect('fact', 'y')] }),
        factDecl('y', { definition: created() }),
      ]),
    ).value;
    expect(planActs(checked, 'y')).toEqual({ found: false, acts: [], inputs: [] });
  });

  test('an act that needs a fact not yet created must come before the act that creates it', () => {
    // <<eerst>> needs [gesloten] absent and creates [open]; <<sluiten>> creates [gesloten].
    const checked = check(
      model([
        factDecl('open', { definition: created() }),
        factDecl('gesloten', { definition: created() }),
        factDecl('klaar', { definition: and(fact('open'), fact('gesloten')) }),
        actDecl('sluiten', { creates: [effect('fact', 'gesloten')] }),
        actDecl('eerst', { preconditions: not(fact('gesloten')), creates: [effect('fact', 'open')] }),
      ]),
    ).value;
    expect(planActs(checked, 'klaar')).toEqual({ found: true, acts: ['eerst', 'sluiten'], inputs: [] });
  });

  test('an act whose object is the fact it creates is applicable before that fact exists', () => {
    // <<indienen>> files the application it is about: object [aanvraag], creates [aanvraag].
    const checked = check(
      model([
        factDecl('aanvraag', { definition: created() }),
        actDecl('indienen', {
          object: fact('aanvraag'),
          preconditions: not(fact('aanvraag')),
          creates: [effect('fact', 'aanvraag')],
        }),
      ]),
    ).value;
    expect(planActs(checked, 'aanvraag')).toEqual({ found: true, acts: ['indienen'], inputs: [] });
  });

  test('the search gives up after maxStates', () => {
    const decls = Array.from({ length: 12 }, (_, i) => [
      factDecl(`f${i}`, { definition: created() }),
      actDecl(`a${i}`, { creates: [effect('fact', `f${i}`)] }),
    ]).flat();
    const goal = factDecl('alles', { definition: and(...Array.from({ length: 12 }, (_, i) => fact(`f${i}`))) });
    const checked = check(model([...decls, goal])).value;
    expect(planActs(checked, 'alles', { maxStates: 50 }).found).toBe(false);
    expect(planActs(checked, 'alles').acts).toHaveLength(12);
  });
});
