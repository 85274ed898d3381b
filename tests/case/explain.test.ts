/** src/case/explain.ts: the answers of `flint explain` as data, computed on a replayed case. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseFile, replayCase, whyInCase, whyNotInCase } from '../../src/case/index.js';
import { compile } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { projectRoot } from '../helpers/shared.js';

const fixture = (f: string): string => readFileSync(join(projectRoot, 'tests/cli-run/fixtures', f), 'utf8');
const cm = compile(parse(fixture('vergunning.flint'), 'vergunning.flint').value).value;
const c = parseCaseFile(fixture('verleend.json'), 'verleend.json').value.case;
if (!c) throw new Error('fixture case does not parse');
const replayed = replayCase(cm, c);
const scope = { compiled: cm, state: replayed.state, steps: replayed.steps };

describe('whyInCase', () => {
  it('explains a created fact by the step that created it, with the sources of both', () => {
    const w = whyInCase(scope, 'fact', 'vergunning', ['anna']);
    expect(w.subject).toBe('[vergunning](anna)');
    expect(w.answer.value).toEqual({ type: 'boolean', value: true });
    expect(w.entries.map((e) => e.act)).toEqual(['verlenen vergunning']);
    for (const s of w.entries[0]?.sources ?? []) expect(w.sources.map((x) => x.id)).toContain(s.id);
    expect(w.wrapped).toMatchObject({ act: '[vergunning](anna)', record: null, at: replayed.state.asOf });
  });

  it('answers for an act and a duty with the steps that caused them', () => {
    expect(whyInCase(scope, 'act', 'aanvragen vergunning').entries).toHaveLength(1);
    const d = whyInCase(scope, 'duty', 'beslissen');
    expect(d.subject).toBe('<beslissen>');
    expect(d.wrapped.check.children).toEqual([]);
  });
});

describe('whyNotInCase', () => {
  it('gives one answer per binding the case allows when no parameters are given', () => {
    const answers = whyNotInCase(scope, 'weigeren vergunning', 'gemeente', {});
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.entry.act).toBe('weigeren vergunning');
      expect(a.answer.params).toEqual(a.params);
    }
  });

  it('answers for exactly the binding given', () => {
    const [a, ...rest] = whyNotInCase(scope, 'weigeren vergunning', 'gemeente', { aanvrager: 'anna' });
    expect(rest).toEqual([]);
    expect(a?.params).toEqual({ aanvrager: 'anna' });
  });
});
