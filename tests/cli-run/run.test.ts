import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/commands/run.js';
import { englishWords } from '../helpers/english.js';
import { FIX, fixtureIo, runIn } from './helpers.js';
import { canonicalJson } from '../../src/model/canonical.js';

const run = (args: readonly string[], io = fixtureIo()) => runIn(runCommand, args, io);
const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

interface RunJson {
  status: string;
  asOf: string;
  acts: {
    index: number;
    asExpected: boolean;
    trace: { act: string; outcome: string; record: string | null; check: unknown; reasons: unknown[] };
  }[];
  facts: { fact: string; args: unknown[]; value: { type: string; value?: unknown }; provenance: { kind: string } }[];
  duties: { duty: string; status: string; deadline: string | null; violatedAt: string | null }[];
  violations: { kind: string; frame: string }[];
  available: Record<string, { act: string; params: Record<string, unknown> }[]>;
  questions: { fact: string; args: unknown[]; decides: { act: string; actor: string }[] }[];
}

describe('flint run: a granted case', () => {
  const takesTheActsCites =
    'takes the acts, cites the articles in the version applied and ' +
    'prints the outcome (golden, Dutch from the model header)';
  it(takesTheActsCites, async () => {
    const r = await run(['--case', `${FIX}/verleend.json`]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    await expect(r.out).toMatchFileSnapshot('golden/run-verleend.nl.txt');
  });

  it('writes English with --lang en (golden)', async () => {
    const r = await run(['--case', `${FIX}/verleend.json`, '--lang', 'en']);
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot('golden/run-verleend.en.txt');
  });

  it('cites only the article version in force on the act date', async () => {
    const r = await run(['--case', `${FIX}/verleend.json`, '--lang', 'en']);
    // wabo-2:1 (valid until 2023-12-31) is cited by the frames but not in force in 2024.
    expect(r.out).toContain('Rests on: art. 5.1 Omgevingswet; art. 4:1 Awb; art. 4:13 Awb.');
    expect(r.out).not.toContain('Wabo');
  });

  it('gives the same content as one stable JSON document', async () => {
    const r = await run(['--case', `${FIX}/verleend.json`, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as RunJson;
    expect(j.status).toBe('ok');
    expect(j.asOf).toBe('2024-06-01');
    expect(j.acts.map((a) => [a.trace.act, a.trace.outcome, a.trace.record])).toEqual([
      ['aanvragen vergunning', 'taken', 'r1'],
      ['verlenen vergunning', 'taken', 'r2'],
    ]);
    expect(j.acts[1]?.trace.check).toBeDefined();
    const holding = j.facts.map((f) => `${f.fact}(${f.args.join(',')}):${f.provenance.kind}`);
    expect(holding).toContain('vergunning(anna):created');
    expect(holding).toContain('vergunbaar(anna):derived');
    expect(holding).toContain('leges betaald(anna):given');
    expect(j.duties).toEqual([]);
    expect(j.violations).toEqual([]);
    expect(j.available).toEqual({ anna: [], gemeente: [] });
    expect(j.questions).toEqual([]);
    // Sorted keys at every level, no whitespace, one LF: the serialisation is canonical.
    expect(r.out).toBe(`${JSON.stringify(sortDeep(j))}\n`);
    expect(r.out).toBe(canonicalJson(j));
  });

  it('is deterministic', async () => {
    const a = await run(['--case', `${FIX}/verleend.json`, '--format', 'json']);
    const b = await run(['--case', `${FIX}/verleend.json`, '--format', 'json']);
    expect(a.out).toBe(b.out);
  });

  it('takes an absolute model path in the case file as is', async () => {
    const model = fixtureIo().files[`${FIX}/vergunning.flint`] as string;
    const c = (fixtureIo().files[`${FIX}/verleend.json`] as string).replace(
      '"model": "vergunning.flint"',
      '"model": "/abs/m.flint"',
    );
    // Outside the root (the current directory): only read when the caller allows it (--allow-outside-root).
    const io = Object.assign(fixtureIo({ '/abs/m.flint': model, 'cases/c.json': c }), { allowOutsideRoot: true });
    const r = await run(['--case', 'cases/c.json', '--lang', 'en'], io);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Model: /abs/m.flint');
  });

  it('accepts the model as a positional argument, overriding the case file', async () => {
    const io = fixtureIo({ 'elsewhere/m.flint': fixtureIo().files[`${FIX}/vergunning.flint`] as string });
    const r = await run(['elsewhere/m.flint', '--case', `${FIX}/verleend.json`, '--lang', 'en'], io);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Model: elsewhere/m.flint');
  });
});

describe('flint run: refused acts', () => {
  it('prints why an act was refused, each failing precondition with its sources, and exits 1', async () => {
    const r = await run(['--case', `${FIX}/geweigerd.json`, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${FIX}/geweigerd.json: act 2 <<verlenen vergunning>> by gemeente was refused.\n`);
    expect(r.out).toContain('<<verlenen vergunning>> by gemeente on 2024-02-20 (aanvrager = bram): refused.');
    expect(r.out).toContain(
      // Only the failing conjunct, bound to the case's arguments, with its article.
      '- The preconditions of <<verlenen vergunning>> do not hold: [vergunbaar](bram): that fact does not hold ' +
        '(art. 5.1 Omgevingswet). [art. 5.1 Omgevingswet]',
    );
    expect(r.out).toContain('· [leges betaald](bram) = false, given on 2024-02-01');
    await expect(r.out).toMatchFileSnapshot('golden/run-geweigerd.en.txt');
  });

  it('words the failure in the language of the model', async () => {
    const r = await run(['--case', `${FIX}/geweigerd.json`]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${FIX}/geweigerd.json: handeling 2 <<verlenen vergunning>> door gemeente werd geweigerd.\n`);
    expect(r.out).toContain('<<verlenen vergunning>> door gemeente op 2024-02-20 (aanvrager = bram): geweigerd.');
  });

  it('reports the failure in JSON too', async () => {
    const r = await run(['--case', `${FIX}/geweigerd.json`, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as RunJson;
    expect(j.status).toBe('unexpected-outcome');
    expect(j.acts[1]).toMatchObject({ asExpected: false, trace: { outcome: 'refused', record: null } });
    expect(j.acts[1]?.trace.reasons).toHaveLength(1);
  });

  const acceptsARefusalThe =
    'accepts a refusal the case expects, moves the clock and reports the missed deadline and open questions';
  it(acceptsARefusalThe, async () => {
    const r = await run(['--case', `${FIX}/termijn.json`, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as RunJson;
    expect(j.status).toBe('ok');
    expect(j.acts.map((a) => [a.trace.outcome, a.asExpected])).toEqual([
      ['taken', true],
      ['refused', true],
    ]);
    expect(j.duties).toMatchObject([
      { duty: 'beslissen', deadline: '2024-03-28', violatedAt: '2024-05-01', status: 'active' },
    ]);
    expect(j.violations).toMatchObject([{ kind: 'duty-deadline', frame: 'beslissen' }]);
    expect(j.questions.map((q) => [q.fact, q.args, q.decides.map((d) => `${d.act}/${d.actor}`)])).toEqual([
      ['leges betaald', ['cees'], ['verlenen vergunning/gemeente', 'weigeren vergunning/gemeente']],
      ['past in omgevingsplan', ['cees'], ['verlenen vergunning/gemeente', 'weigeren vergunning/gemeente']],
    ]);
  });

  it('text output of the expected refusal and the violation (golden)', async () => {
    const r = await run(['--case', `${FIX}/termijn.json`, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(refused, as the case expects)');
    await expect(r.out).toMatchFileSnapshot('golden/run-termijn.en.txt');
  });

  it('fails when an act the case expects to be refused is taken', async () => {
    const text = (fixtureIo().files[`${FIX}/verleend.json`] as string).replace(
      '"at": "2024-02-05" }',
      '"at": "2024-02-05", "expect": "refused" }',
    );
    const io = fixtureIo({ [`${FIX}/x.json`]: text });
    const r = await run(['--case', `${FIX}/x.json`, '--lang', 'en'], io);
    expect(r.code).toBe(1);
    expect(r.err).toContain('act 1 <<aanvragen vergunning>> by anna was taken, but the case expects it to be refused.');
  });

  it('--at moves the clock instead of "advance"; a forced act is recorded as a violation', async () => {
    const text = JSON.stringify({
      model: 'vergunning.flint',
      asOf: '2024-02-01',
      actors: { bram: { roles: ['aanvrager'] }, gemeente: { roles: ['bevoegd gezag'] } },
      facts: [{ fact: 'bouwplan', args: ['bram'] }],
      acts: [
        { act: 'aanvragen vergunning', actor: 'bram' },
        { act: 'verlenen vergunning', actor: 'gemeente', params: { aanvrager: 'bram' }, force: true },
      ],
      advance: '2030-01-01',
    });
    const r = await run(
      ['--case', `${FIX}/f.json`, '--at', '2024-02-15', '--format', 'json'],
      fixtureIo({ [`${FIX}/f.json`]: text }),
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as RunJson;
    expect(j.asOf).toBe('2024-02-15');
    expect(j.acts.map((a) => a.trace.outcome)).toEqual(['taken', 'forced']);
    expect(j.violations.map((v) => v.kind)).toEqual(['forced-act']);
  });
});

describe('flint run: the clock', () => {
  it('never moves back: an --at before the clock leaves it and says so', async () => {
    const r = await run(['--case', `${FIX}/verleend.json`, '--at', '2024-01-01', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'flint run: note: 2024-01-01 lies before the case clock 2024-03-01; the clock stays (it never moves back).\n',
    );
    expect((JSON.parse(r.out) as RunJson).asOf).toBe('2024-03-01');
  });
});

describe('flint run: bad input', () => {
  const bad = async (args: readonly string[], files: Record<string, string> = {}) => {
    const r = await run(args, fixtureIo(files));
    noStack(r.err);
    return r;
  };

  it('usage errors exit 2', async () => {
    for (const args of [
      [],
      [`${FIX}/vergunning.flint`],
      ['--case', `${FIX}/verleend.json`, '--format', 'xml'],
      ['--case', `${FIX}/verleend.json`, '--lang', 'de'],
      ['--case', `${FIX}/verleend.json`, '--at', '1 mei'],
      ['--case', `${FIX}/verleend.json`, '--bogus'],
      ['a.flint', 'b.flint', '--case', `${FIX}/verleend.json`],
    ]) {
      const r = await bad(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^flint run: .+\nRun 'flint run --help' for usage\.\n$/);
    }
  });

  it('a case without a model and no MODEL argument is a usage error', async () => {
    const r = await bad(['--case', 'c.json'], { 'c.json': '{"asOf":"2024-01-01"}' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('no MODEL given');
  });

  it('--help prints the help', async () => {
    const r = await bad(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: flint run');
  });

  it('a missing case file', async () => {
    const r = await bad(['--case', 'nope.json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('file-not-found');
    expect(r.err).toContain('Cannot read the case file «nope.json»');
  });

  it('a missing model file', async () => {
    const r = await bad(['--case', 'c.json'], { 'c.json': '{"model": "absent.flint", "asOf": "2024-01-01"}' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('Cannot read «absent.flint»');
  });

  it('invalid JSON, pointing at line and column', async () => {
    const r = await bad(['--case', 'c.json'], { 'c.json': '{\n  "asOf": "2024-01-01"\n  "acts": []\n}' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/c\.json:3:3: error case-json-syntax/);
  });

  it('a case that does not fit the format', async () => {
    const r = await bad(['--case', 'c.json'], { 'c.json': '{"model": "m.flint", "asOf": "2024-13-01", "actorz": {}}' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('case-invalid');
    expect(r.err).toContain('«/asOf» must be a calendar date that exists');
    expect(r.err).toContain('has unknown field "actorz"');
  });

  it('a model with errors', async () => {
    const r = await bad(['--case', 'c.json'], {
      'c.json': '{"model": "m.flint", "asOf": "2024-01-01"}',
      'm.flint': 'act <<a>> { preconditions: [onbekend] and }',
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/m\.flint:1:\d+: error/);
    expect(r.err).toContain('the model «m.flint» has errors');
  });

  const withCase = (c: object) => ({
    [`${FIX}/c.json`]: JSON.stringify(
      { model: 'vergunning.flint', asOf: '2024-02-01', actors: { anna: { roles: ['aanvrager'] } }, ...c },
      null,
      2,
    ),
  });

  it('unknown act, actor, fact, role and parameter, wrong arity and type', async () => {
    const cases: [object, string][] = [
      [{ acts: [{ act: 'bouwen', actor: 'anna' }] }, 'case-unknown-act'],
      [{ acts: [{ act: 'aanvragen vergunning', actor: 'piet' }] }, 'case-unknown-actor'],
      [{ facts: [{ fact: 'bestemmingsplan', args: ['anna'] }] }, 'run-unknown-fact'],
      [{ actors: { anna: { roles: ['burger'] } } }, 'case-unknown-role'],
      [{ acts: [{ act: 'aanvragen vergunning', actor: 'anna', params: { wie: 'anna' } }] }, 'case-unknown-param'],
      [{ facts: [{ fact: 'bouwplan' }] }, 'run-wrong-arity'],
      [{ facts: [{ fact: 'bouwplan', args: ['anna'], value: 3 }] }, 'run-wrong-type'],
    ];
    for (const [c, code] of cases) {
      const r = await bad(['--case', `${FIX}/c.json`], withCase(c));
      expect(r.code, code).toBe(1);
      expect(r.err).toMatch(new RegExp(`c\\.json:\\d+:\\d+: (/\\S+: )?error ${code}:`));
      expect(r.out).toBe('');
    }
  });
});

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

describe('flint run in Dutch', () => {
  it('writes refusals, taken acts, duties and violations without English words', async () => {
    for (const c of ['termijn.json', 'geweigerd.json', 'verleend.json']) {
      const r = await run(['--case', `${FIX}/${c}`]);
      expect(englishWords(r.out), r.out).toEqual([]);
    }
    const t = await run(['--case', `${FIX}/termijn.json`]);
    expect(t.out).toContain(
      '2024-05-01: De plicht <beslissen> (d1) is niet vervuld vóór de uiterste datum 2024-03-28.',
    );
  });
});
