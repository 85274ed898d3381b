import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFlintJson } from '../../src/interchange/index.js';
import { actsOf, frameExpressions, framesOf, walkExpr } from '../../src/model/walk.js';
import { availableActs, checkAct, compile, createCase, force, give, potentialActs, take } from '../../src/run/index.js';
import { parseTraceEntry } from '../../src/trace/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const models = [
  'flint-example-lerarenbeurs.json',
  'flint-example-awb.json',
  'flint-example-verwelkoming.json',
  'flint-example.json',
  'ANLb.flint.json',
  'Vreemdelingenwet.flint.json',
];

describe.skipIf(!hasShared)('the native interpreter on the shared FLINT JSON models', () => {
  for (const file of models) {
    it(`${file}: compiles, lists and takes acts without throwing, deterministically`, () => {
      const imported = importFlintJson(readFileSync(sharedPath('flint-models', 'discipl', file), 'utf8'), file);
      const cm = compile(imported.value);
      let hasList = false;
      for (const f of framesOf(imported.value))
        for (const e of frameExpressions(f)) walkExpr(e, (x) => (hasList ||= x.kind === 'List'));
      expect(cm.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
      const roles = [
        ...new Set(actsOf(imported.value).flatMap((a) => (a.actor?.kind === 'Ref' ? [a.actor.name] : []))),
      ].sort();
      const actors = Object.fromEntries(roles.map((r, i) => [`actor-${i}`, { roles: [r] }]));
      const state = createCase(cm.value, { asOf: '2024-01-01', actors });
      let taken = 0;
      for (const id of Object.keys(actors)) {
        const avail = availableActs(cm.value, state, id);
        const pot = potentialActs(cm.value, state, id);
        expect(availableActs(cm.value, state, id)).toEqual(avail);
        for (const p of pot)
          expect(avail.some((a) => a.act === p.act && JSON.stringify(a.params) === JSON.stringify(p.params))).toBe(
            false,
          );
        for (const a of avail) {
          const r = take(cm.value, state, { act: a.act, actor: id, params: a.params });
          expect(r.ok).toBe(true);
          expect(parseTraceEntry(JSON.parse(JSON.stringify(r.trace))).ok).toBe(true);
          taken++;
        }
        for (const p of pot.slice(0, 5)) {
          const r = force(cm.value, state, { act: p.act, actor: id, params: p.params });
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.state.violations.at(-1)?.kind).toBe('forced-act');
        }
        for (const p of pot) {
          // Answering the questions (all true) decides the act within a few rounds.
          let s = state;
          let c = checkAct(cm.value, s, p.act, id, p.params);
          for (let round = 0; round < 20 && c.status === 'undecided'; round++) {
            // Only a LIST (natively always unknown) leaves an act undecided with nothing to ask.
            if (c.questions.length === 0) break;
            s = give(
              cm.value,
              s,
              c.questions.map((q) => ({ fact: q.fact, args: q.args, value: true })),
            ).value;
            c = checkAct(cm.value, s, p.act, id, p.params);
          }
          if (!hasList) expect(c.status).not.toBe('undecided');
          if (c.status === 'enabled') {
            expect(take(cm.value, s, { act: p.act, actor: id, params: p.params }).ok).toBe(true);
            taken++;
          }
        }
      }
      if (!hasList) expect(taken).toBeGreaterThan(0);
    });
  }
});
