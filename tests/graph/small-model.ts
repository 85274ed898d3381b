/**
 * A small hand-built model shared by the graph tests, with the facts the tests reason from.
 *
 * Sources s1, s2, s3. Facts: [persoon] (input, s1), [aanvraag] (created, s2), [besluit]
 * (created), [volledig] = [aanvraag] and [gegevens] (s3; [gegevens] is never declared).
 * Acts: <<indienen>> (actor [persoon]; creates [aanvraag] and <beslissen>; s2),
 * <<besluiten>> (preconditions [volledig]; creates [besluit]; terminates <beslissen>; s1),
 * <<bezwaar>> (preconditions <beslissen>). Duty <beslissen> (created by <<indienen>>,
 * terminated by <<besluiten>>, enforced by <<bezwaar>>; s3).
 */
import { check } from '../../src/check/index.js';
import type { CheckedModel } from '../../src/check/index.js';
import {
  actDecl,
  and,
  dutyDecl,
  dutyRef,
  effect,
  fact,
  factDecl,
  created,
  model,
  sourceDecl,
} from '../helpers/ast-builder.js';

/** The checked small model. */
export function smallModel(): CheckedModel {
  const m = model([
    sourceDecl('s1', { citation: 'art. 1' }),
    sourceDecl('s2', { citation: 'art. 2' }),
    sourceDecl('s3', { citation: 'art. "3" <x>' }),
    factDecl('persoon', { sources: ['s1'] }),
    factDecl('aanvraag', { definition: created(), sources: ['s2'] }),
    factDecl('besluit', { definition: created() }),
    factDecl('volledig', { definition: and(fact('aanvraag'), fact('gegevens')), sources: ['s3'] }),
    actDecl('indienen', {
      actor: fact('persoon'),
      creates: [effect('fact', 'aanvraag'), effect('duty', 'beslissen')],
      sources: ['s2'],
    }),
    actDecl('besluiten', {
      preconditions: fact('volledig'),
      creates: [effect('fact', 'besluit')],
      terminates: [effect('duty', 'beslissen')],
      sources: ['s1'],
    }),
    actDecl('bezwaar', { preconditions: dutyRef('beslissen') }),
    dutyDecl('beslissen', {
      createdBy: ['indienen'],
      terminatedBy: ['besluiten'],
      enforcedBy: ['bezwaar'],
      sources: ['s3'],
    }),
  ]);
  return check(m).value;
}
