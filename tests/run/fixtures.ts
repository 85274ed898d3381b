/** A small benefit-application model used across run and trace tests. */
import type { Model } from '../../src/model/ast.js';
import { act, and, cmp, dec, dur, duty, eff, fact, ft, model, not, param, ref, source, t, v } from './helpers.js';

/** `[aanvraag]` → `<<toekennen>>` with a decision duty, a role, a decimal threshold and two source versions. */
export function benefitModel(): Model {
  const p = (n: string) => param(n, ft('persoon'));
  return model(
    source('awb-4:1', {
      citation: 'art. 4:1 Awb',
      validFrom: '1994-01-01',
      juriconnect: 'jci1.3:c:BWBR0005537&artikel=4:1',
      text: 'De aanvraag wordt ingediend bij het bestuursorgaan.',
    }),
    source('wet-2-old', { citation: 'art. 2 Wet toeslag (oud)', validFrom: '2020-01-01', validTo: '2022-12-31' }),
    source('wet-2', {
      citation: 'art. 2 Wet toeslag',
      validFrom: '2023-01-01',
      text: 'Een persoon met een laag inkomen heeft recht op toeslag.',
    }),
    source('awb-4:13', { citation: 'art. 4:13 Awb', validFrom: '1994-01-01' }),
    fact('bestuursorgaan', { type: t('actor'), sources: ['awb-4:1'] }),
    fact('persoon', { type: t('actor') }),
    fact('aanvraag', { params: [p('aanvrager')], closed: true, sources: ['awb-4:1'] }),
    fact('toegekend', { params: [p('aanvrager')], closed: true }),
    fact('inkomen', { params: [p('p')], type: t('decimal'), sources: ['wet-2-old', 'wet-2'] }),
    fact('laag inkomen', {
      params: [p('p')],
      definition: cmp('le', ref('inkomen', v('p')), dec('30000.00')),
      sources: ['wet-2-old', 'wet-2'],
      explanation: 'Laag is ten hoogste 30000 euro per jaar.',
    }),
    fact('ingezetene', { params: [p('p')] }),
    act('indienen', {
      params: [p('aanvrager')],
      actor: v('aanvrager'),
      preconditions: not(ref('aanvraag', v('aanvrager'))),
      creates: [eff('fact', 'aanvraag', v('aanvrager')), eff('duty', 'beslissen', v('aanvrager'))],
      sources: ['awb-4:1'],
    }),
    act('toekennen', {
      params: [p('aanvrager')],
      actor: ref('bestuursorgaan'),
      object: ref('aanvraag', v('aanvrager')),
      preconditions: and(ref('laag inkomen', v('aanvrager')), ref('ingezetene', v('aanvrager'))),
      creates: [eff('fact', 'toegekend', v('aanvrager'))],
      terminates: [eff('duty', 'beslissen', v('aanvrager'))],
      sources: ['wet-2-old', 'wet-2'],
      explanation: 'Toekennen bij laag inkomen.',
    }),
    act('afwijzen', {
      params: [p('aanvrager')],
      actor: ref('bestuursorgaan'),
      object: ref('aanvraag', v('aanvrager')),
      preconditions: not(ref('laag inkomen', v('aanvrager'))),
      terminates: [eff('duty', 'beslissen', v('aanvrager')), eff('fact', 'aanvraag', v('aanvrager'))],
      sources: ['wet-2'],
    }),
    duty('beslissen', {
      params: [p('aanvrager')],
      holder: ref('bestuursorgaan'),
      deadline: { form: 'within', value: dur('P8W') },
      sources: ['awb-4:13'],
    }),
  );
}

/** The actors of the benefit case. */
export const benefitActors = {
  gemeente: { roles: ['bestuursorgaan'] },
  alice: { roles: ['persoon'] },
  bob: { roles: ['persoon'] },
};
