import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { englishWords } from '../helpers/english.js';
import { FIX, fixtureIo, runIn } from './helpers.js';

const explain = (args: readonly string[], io = fixtureIo()) => runIn(explainCommand, args, io);
const verleend = ['--case', `${FIX}/verleend.json`];
const termijn = ['--case', `${FIX}/termijn.json`];

describe('flint explain --why', () => {
  it('explains a derived fact: derivation, inputs with provenance, sources (golden)', async () => {
    const r = await explain([...verleend, '--why', '[vergunbaar](anna)', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\[vergunbaar\]\(anna\) holds \(2024-06-01\)\.\nRests on: art\. 5\.1 Omgevingswet\.\n/);
    expect(r.out).toContain('- derived from [past in omgevingsplan](anna), [leges betaald](anna)');
    await expect(r.out).toMatchFileSnapshot('golden/why-vergunbaar.en.txt');
  });

  it('explains a created fact by the act that created it, in Dutch by default', async () => {
    const r = await explain([...verleend, '--why', 'vergunning(anna)']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[vergunning](anna) geldt (2024-06-01).');
    expect(r.out).toContain('- ontstaan door handeling r2 op 2024-03-01');
    expect(r.out).toContain('<<verlenen vergunning>> door gemeente op 2024-03-01 (aanvrager = anna): genomen (r2).');
  });

  it('says when a fact does not hold', async () => {
    const r = await explain([...termijn, '--why', '[vergunning](cees)', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('[vergunning](cees) does not hold (2024-05-01).');
  });

  it('explains an act taken, with its legal trail', async () => {
    const r = await explain([...verleend, '--why', '<<aanvragen vergunning>>', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      '<<aanvragen vergunning>> was taken (1×).',
      '<<aanvragen vergunning>> by anna on 2024-02-05 (aanvrager = anna): taken (r1).',
      'Rests on: art. 4:1 Awb; art. 4:13 Awb.',
    ]);
  });

  it('says an act was not taken and points to --why-not', async () => {
    const r = await explain([...termijn, '--why', '<<weigeren vergunning>>', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "<<weigeren vergunning>> was not taken in this case. Ask why not with --why-not '<<weigeren vergunning>>'.\n",
    );
  });

  it('explains an active duty: instances, deadline, violation, the act that created it (golden)', async () => {
    const r = await explain([...termijn, '--why', '<beslissen>', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('<beslissen> is active (2024-05-01).\nRests on: art. 4:13 Awb.');
    expect(r.out).toContain(
      '- <beslissen>(cees) d1: active, created by r1 on 2024-02-01, deadline 2024-03-28, violated on 2024-05-01',
    );
    await expect(r.out).toMatchFileSnapshot('golden/why-beslissen.en.txt');
  });

  it('answers in JSON with the derivation and the traces of the acts involved', async () => {
    const r = await explain([...verleend, '--why', '[vergunning](anna)', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      question: string;
      answer: { value: unknown; records: { id: string }[] };
      traces: { record: string }[];
    };
    expect(j.question).toBe('why');
    expect(j.answer.value).toEqual({ type: 'boolean', value: true });
    expect(j.answer.records.map((x) => x.id)).toEqual(['r2']);
    expect(j.traces.map((t) => t.record)).toEqual(['r2']);
  });

  it('renders Markdown, DOT and Mermaid', async () => {
    const md = await explain([...verleend, '--why', '<<verlenen vergunning>>', '--format', 'markdown', '--lang', 'en']);
    expect(md.out).toMatch(/^## \\<\\<verlenen vergunning\\>\\>: taken\n/);
    expect(md.out).toContain('| ow-5:1 | art. 5.1 Omgevingswet |');
    const factMd = await explain([...verleend, '--why', '[vergunbaar](anna)', '--format', 'markdown', '--lang', 'en']);
    expect(factMd.out).toMatch(/^## \\\[vergunbaar\\\]\(anna\)\n\n- date: 2024-06-01\n/);
    expect(factMd.out).not.toContain('taken');
    const dot = await explain([...verleend, '--why', '[vergunbaar](anna)', '--format', 'dot', '--lang', 'en']);
    expect(dot.out).toMatch(/^digraph "\[vergunbaar\]\(anna\)" \{\n/);
    expect(dot.out).toContain('n0 [label="[vergunbaar](anna)\\n= true", fillcolor=palegreen];');
    expect(dot.out).toContain('art. 5.1 Omgevingswet');
    const mer = await explain([
      ...termijn,
      '--why-not',
      '<<verlenen vergunning>>',
      '--actor',
      'gemeente',
      '--format',
      'mermaid',
    ]);
    expect(mer.out).toMatch(/^flowchart TD\n/);
    expect(mer.out).toContain(':::unknown');
    // The labels follow the language of the model (or --lang).
    expect(mer.out).toContain('= onbekend');
    const dotNl = await explain([...verleend, '--why', '[vergunbaar](anna)', '--format', 'dot']);
    expect(dotNl.out).toContain('n0 [label="[vergunbaar](anna)\\n= waar", fillcolor=palegreen];');
  });
});

describe('flint explain --why-not', () => {
  it('lists the undecided preconditions, the facts still unknown and a counterfactual (golden)', async () => {
    const r = await explain([
      ...termijn,
      '--why-not',
      '<<verlenen vergunning>>',
      '--actor',
      'gemeente',
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'gemeente may be able to take (not decided yet) <<verlenen vergunning>> (aanvrager = cees) (2024-05-01).',
    );
    expect(r.out).toContain('Facts still unknown:\n');
    expect(r.out).toContain('  · [leges betaald](cees)\n  · [past in omgevingsplan](cees)\n');
    expect(r.out).toContain('Counterfactual:\n- it would become enabled if:\n');
    await expect(r.out).toMatchFileSnapshot('golden/why-not-verlenen.en.txt');
  });

  it('lists failing preconditions with their sources, and the smallest change that enables the act', async () => {
    const r = await explain(
      ['--case', `${FIX}/geweigerd.json`, '--why-not', 'aanvragen vergunning', '--actor', 'bram', '--lang', 'en'],
      fixtureIo({
        [`${FIX}/geweigerd.json`]: JSON.stringify({
          model: 'vergunning.flint',
          asOf: '2024-02-01',
          actors: { bram: { roles: ['aanvrager'] }, gemeente: { roles: ['bevoegd gezag'] } },
          facts: [{ fact: 'bouwplan', args: ['bram'], value: false }],
        }),
      }),
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('bram cannot take <<aanvragen vergunning>> (aanvrager = bram) now (2024-02-01).');
    expect(r.out).toContain('Failing conditions:\n- ');
    expect(r.out).toContain('[art. 4:1 Awb]');
    expect(r.out).toContain('- it would become enabled if:\n  · [bouwplan](bram) were true\n');
  });

  it('answers in JSON: status, reasons, counterfactual and the refused trace entry', async () => {
    const r = await explain([
      ...termijn,
      '--why-not',
      '<<aanvragen vergunning>>',
      '--actor',
      'cees',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      answer: { status: string; reasons: unknown[] };
      counterfactual: { to: string } | null;
      trace: { outcome: string };
    };
    expect(j.answer.status).toBe('disabled');
    expect(j.answer.reasons).toHaveLength(1);
    expect(j.trace.outcome).toBe('refused');
  });

  it('says when the act is available, with the binding found', async () => {
    const io = fixtureIo({
      [`${FIX}/one.json`]: JSON.stringify({
        model: 'vergunning.flint',
        asOf: '2024-02-01',
        actors: { zoe: { roles: ['aanvrager'] }, gem: { roles: ['bevoegd gezag'] } },
        facts: [{ fact: 'bouwplan', args: ['zoe'] }],
      }),
    });
    const r = await explain(
      ['--case', `${FIX}/one.json`, '--why-not', '<<aanvragen vergunning>>', '--actor', 'zoe', '--lang', 'en'],
      io,
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('zoe can take <<aanvragen vergunning>> (aanvrager = zoe) now (2024-02-01).');
    expect(r.out).not.toContain('Failing conditions');
  });

  it('finds the bindings itself without --param: one answer per binding', async () => {
    const io = (): ReturnType<typeof fixtureIo> =>
      fixtureIo({
        [`${FIX}/two.json`]: JSON.stringify({
          model: 'vergunning.flint',
          asOf: '2024-02-01',
          actors: { zoe: { roles: ['aanvrager'] }, yara: { roles: ['aanvrager'] }, gem: { roles: ['bevoegd gezag'] } },
          facts: [
            { fact: 'bouwplan', args: ['zoe'] },
            { fact: 'bouwplan', args: ['yara'] },
          ],
          acts: [{ act: 'aanvragen vergunning', actor: 'zoe', params: { aanvrager: 'zoe' } }],
        }),
      });
    const r = await explain(
      ['--case', `${FIX}/two.json`, '--why-not', '<<verlenen vergunning>>', '--actor', 'gem', '--lang', 'en'],
      io(),
    );
    expect(r.code).toBe(0);
    const heads = r.out.split('\n').filter((l) => l.startsWith('gem '));
    expect(heads).toEqual([
      'gem may be able to take (not decided yet) <<verlenen vergunning>> (aanvrager = zoe) (2024-02-01).',
      'gem cannot take <<verlenen vergunning>> (aanvrager = yara) now (2024-02-01).',
    ]);
    // The failing condition of yara's binding is named with its argument.
    expect(r.out).toContain('[aanvraag](yara): that fact does not hold (art. 4:1 Awb)');
    const j = await explain(
      ['--case', `${FIX}/two.json`, '--why-not', '<<verlenen vergunning>>', '--actor', 'gem', '--format', 'json'],
      io(),
    );
    const answers = (JSON.parse(j.out) as { answers: { params: Record<string, string> }[] }).answers;
    expect(answers.map((a) => a.params)).toEqual([{ aanvrager: 'zoe' }, { aanvrager: 'yara' }]);
  });

  it('takes the only actor of a case when --actor is left out', async () => {
    const io = fixtureIo({
      [`${FIX}/one.json`]: JSON.stringify({
        model: 'vergunning.flint',
        asOf: '2024-02-01',
        actors: { zoe: { roles: ['aanvrager'] } },
      }),
    });
    const r = await explain(['--case', `${FIX}/one.json`, '--why-not', '<<aanvragen vergunning>>', '--lang', 'en'], io);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^zoe /);
    expect(r.out).toContain('[bouwplan](zoe)');
  });
});

describe('flint explain: bad input', () => {
  it('usage errors exit 2', async () => {
    for (const args of [
      [...verleend],
      [...verleend, '--why', 'x', '--why-not', 'y'],
      ['--why', '[vergunning]'],
      [...verleend, '--why', '[vergunning]', '--format', 'pdf'],
      [...verleend, '--why-not', '<<verlenen vergunning>>'],
      [...verleend, '--why-not', '<<verlenen vergunning>>', '--actor', 'gemeente', '--param', 'aanvrager'],
    ]) {
      const r = await explain(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^flint explain: .+\nRun 'flint explain --help' for usage\.\n$/s);
    }
  });

  it('unknown names, wrong frame kinds, unknown actors and wrong arity exit 1 with a sentence', async () => {
    const cases: [string[], string][] = [
      [['--why', '[bestaat niet]'], 'No act, fact or duty named «[bestaat niet]»'],
      [['--why-not', '[vergunning]', '--actor', 'anna'], '--why-not takes an act'],
      [['--why-not', '<<verlenen vergunning>>', '--actor', 'piet'], 'the actor piet is not declared in the case'],
      [['--why', '[vergunning](anna, 2)'], 'takes 1 argument(s) but 2 were given'],
    ];
    for (const [args, message] of cases) {
      const r = await explain([...verleend, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain(message);
      expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });

  it('errors in the case stop before answering', async () => {
    const r = await explain(['--case', 'missing.json', '--why', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('file-not-found');
    const refused = await explain(['--case', `${FIX}/geweigerd.json`, '--why', '[aanvraag](bram)', '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('act 2 <<verlenen vergunning>> by gemeente was refused.');
    expect(refused.out).toContain('Reasons:');
  });
});

describe('flint explain in Dutch', () => {
  it('why (fact, duty, act) and why-not have no English words', async () => {
    const outs = [
      await explain([...verleend, '--why', '[vergunbaar](anna)']),
      await explain([...verleend, '--why', '<beslissen>']),
      await explain([...termijn, '--why', '<beslissen>']),
      await explain([...verleend, '--why', '<<verlenen vergunning>>']),
      await explain([...verleend, '--why', '<<verlenen vergunning>>', '--format', 'markdown']),
      await explain([...termijn, '--why-not', '<<verlenen vergunning>>', '--actor', 'gemeente']),
      await explain([...verleend, '--why-not', '<<aanvragen vergunning>>', '--actor', 'anna']),
    ];
    for (const r of outs) {
      expect(r.code).toBe(0);
      expect(englishWords(r.out), r.out).toEqual([]);
    }
    expect(outs[5]?.out).toContain('- het zou mogelijk worden als:');
  });
});
