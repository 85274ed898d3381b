import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/compat/index.js';
import type { DisciplResolver } from '../../src/compat/index.js';
import { engineFor, evaluate, logResolver, ok } from './helpers.js';

const ME = 'did:test:me';
const OTHER = 'did:test:other';
const isMe = { expression: 'IS', operand: ME };

describe('answer memo (SEMANTICS §2.3)', () => {
  const twoActs = engineFor({
    acts: [
      { act: '<<een>>', actor: '[rol]', object: '[x]', recipient: '[r]' },
      { act: '<<twee>>', actor: '[rol]', object: '[x]', recipient: '[r]' },
    ],
    facts: [{ fact: '[rol]', function: isMe }],
  });
  const count = (asked: unknown[], q: string): number => asked.filter((a) => a === q).length;

  it('re-asks a falsy answer although the memo is shared by all acts', () => {
    const { resolver, asked } = logResolver({ '[x]': false, '[r]': true });
    const c = twoActs.newCase();
    expect(ok(twoActs.availableActs(c, ME, resolver))).toEqual([]);
    expect(count(asked, '[x]')).toBe(2);
  });

  it('reuses a truthy answer across acts for available acts, but not for potential acts', () => {
    const c = twoActs.newCase();
    const avail = logResolver({ '[x]': true, '[r]': true });
    expect(ok(twoActs.availableActs(c, ME, avail.resolver)).map((a) => a.act)).toEqual(['<<een>>', '<<twee>>']);
    expect(count(avail.asked, '[x]')).toBe(1);
    const pot = logResolver({ '[x]': true });
    expect(ok(twoActs.potentialActs(c, ME, pot.resolver)).map((a) => a.act)).toEqual(['<<een>>', '<<twee>>']);
    expect(count(pot.asked, '[x]')).toBe(2);
  });

  it('treats a resolver 0 as a truthy decimal but still re-asks it (the stored answer is the plain 0)', () => {
    const { resolver, asked } = logResolver({ '[x]': 0, '[r]': true });
    const c = twoActs.newCase();
    expect(ok(twoActs.availableActs(c, ME, resolver))).toHaveLength(2);
    expect(count(asked, '[x]')).toBe(2);
  });
});

describe('created facts, auto-choice and termination (SEMANTICS §3.2, §4.10)', () => {
  const model = engineFor({
    acts: [
      { act: '<<maak>>', actor: '[rol]', object: '[grondstof]', recipient: '[r]', create: ['[ding]'] },
      { act: '<<gebruik>>', actor: '[rol]', object: '[ding]', recipient: '[r]', terminate: ['[ding]'] },
      { act: '<<zwaai>>', actor: '[rol]', object: '[hand]', recipient: '[r]', terminate: ['[ding]'] },
    ],
    facts: [
      { fact: '[rol]', function: isMe },
      { fact: '[ding]', function: { expression: 'CREATE', operands: ['[grondstof]'] } },
    ],
  });
  const yes: DisciplResolver = () => true;
  const noChoice: DisciplResolver = (q) => q !== '[ding]';

  it('chooses the only creating record without asking and stores it as the fact supplied', () => {
    const c = model.newCase();
    const t1 = ok(model.take(ME, c, '<<maak>>', yes));
    const { resolver, asked } = logResolver({ '[r]': true }, false);
    const t2 = ok(model.take(ME, t1, '<<gebruik>>', resolver));
    expect(asked).not.toContain('[ding]');
    expect(model.record(t2)?.factsSupplied['[ding]']).toBe(t1);
    expect(model.record(t2)?.factsSupplied['[rol]']).toEqual({ expression: 'IS', operand: ME });
    // The only instance is gone: the object is now false.
    expect(model.take(ME, t2, '<<gebruik>>', yes)).toEqual({
      ok: false,
      error: 'Action <<gebruik>> is not allowed due to object',
    });
  });

  it('fails on an invalid choice between several instances and terminates only the chosen one', () => {
    const c = model.newCase();
    const t1 = ok(model.take(ME, c, '<<maak>>', yes));
    const t2 = ok(model.take(ME, t1, '<<maak>>', yes));
    expect(model.take(ME, t2, '<<gebruik>>', noChoice)).toEqual({
      ok: false,
      error: 'Invalid choice for creating action: false',
    });
    const candidatesSeen: (readonly string[])[] = [];
    const pickOldest: DisciplResolver = (_q, _n, _i, cands) => {
      candidatesSeen.push(cands);
      return cands.length > 1 ? cands[cands.length - 1] : true;
    };
    const t3 = ok(model.take(ME, t2, '<<gebruik>>', pickOldest));
    expect(candidatesSeen).toContainEqual([t2, t1]);
    expect(model.record(t3)?.factsSupplied['[ding]']).toBe(t1);
    // One instance (t2) is left: auto-chosen now.
    const t4 = ok(model.take(ME, t3, '<<gebruik>>', noChoice));
    expect(model.record(t4)?.factsSupplied['[ding]']).toBe(t2);
  });

  it('does not terminate anything when the terminating act never asked about the fact', () => {
    const c = model.newCase();
    const t1 = ok(model.take(ME, c, '<<maak>>', yes));
    const t2 = ok(model.take(ME, t1, '<<zwaai>>', yes));
    const t3 = ok(model.take(ME, t2, '<<gebruik>>', noChoice));
    expect(model.record(t3)?.factsSupplied['[ding]']).toBe(t1);
  });

  it('lists the acts taken oldest first', () => {
    const c = model.newCase();
    const t1 = ok(model.take(ME, c, '<<maak>>', yes));
    const t2 = ok(model.take(ME, t1, '<<zwaai>>', yes));
    expect(ok(model.actions(t2))).toEqual([
      { act: '<<maak>>', link: t1 },
      { act: '<<zwaai>>', link: t2 },
    ]);
  });
});

describe('identity (SEMANTICS §4.12)', () => {
  const model = engineFor({
    acts: [{ act: '<<doe>>', actor: '[rol]', object: '[rol]', recipient: '[iedereen]' }],
    facts: [
      { fact: '[rol]', function: { expression: 'OR', operands: [isMe] } },
      { fact: '[iedereen]', function: { expression: 'IS', operand: 'ANYONE' } },
    ],
  });

  it('tests IS only as myself (actor): the same role fact is true as object for anyone', () => {
    const c = model.newCase();
    expect(ok(model.take(ME, c, '<<doe>>'))).toMatch(/.+/);
    expect(model.take(OTHER, c, '<<doe>>')).toEqual({ ok: false, error: 'Action <<doe>> is not allowed due to actor' });
  });

  it('reports unknown acts with the peer message', () => {
    expect(model.take(ME, model.newCase(), '<<bestaat niet>>')).toEqual({
      ok: false,
      error: 'Act not found <<bestaat niet>>',
    });
  });
});

describe('operators (SEMANTICS §4)', () => {
  const lit = (operand: unknown) => ({ expression: 'LITERAL', operand });
  const lt = (...operands: unknown[]) => ({ expression: 'LESS_THAN', operands });

  it('LESS_THAN is non-strict, three-valued, and order-sensitive on unknown vs text', () => {
    expect(evaluate(lt(lit(5), lit(5)), {})).toBe(true);
    expect(evaluate(lt(lit(5), lit(6), lit(6)), {})).toBe(true);
    expect(evaluate(lt(lit(6), lit(5)), {})).toBe(false);
    expect(evaluate(lt(lit('tekst'), '[onbekend]'), {})).toBe(false);
    expect(evaluate(lt('[onbekend]', lit('tekst')), {})).toBeUndefined();
  });

  it('AND fails only on exact false; OR succeeds on any truthy value; NOT maps booleans only', () => {
    const and = (...operands: unknown[]) => ({ expression: 'AND', operands });
    const or = (...operands: unknown[]) => ({ expression: 'OR', operands });
    expect(evaluate(and('[u]', lit(false)), {})).toBe(false);
    expect(evaluate(and('[u]', lit(true)), {})).toBeUndefined();
    expect(evaluate(and(lit(''), lit(true)), {})).toBe(true);
    expect(evaluate(or('[nul]'), { '[nul]': 0 })).toBe(true);
    expect(evaluate({ expression: 'NOT', operand: '[n]' }, { '[n]': 3 })).toBeUndefined();
  });

  it('computes with exact decimals', () => {
    const sum = evaluate({ expression: 'SUM', operands: [lit(0.1), lit(0.2)] }, {});
    expect(sum instanceof Decimal && sum.eq('0.3')).toBe(true);
    const product = evaluate(
      { expression: 'PRODUCT', operands: [lit(1.15), '[a]', '[b]'] },
      { '[a]': 400, '[b]': 100 },
    );
    expect(toPlain(product as Decimal)).toBe(46000);
  });

  it('SUM concatenates numeric texts when no decimal is involved, like the peer', () => {
    expect(evaluate({ expression: 'SUM', operands: ['[a]', '[b]'] }, { '[a]': '2', '[b]': '3' })).toBe('023');
    expect(
      toPlain(evaluate({ expression: 'SUM', operands: ['[a]', '[b]'] }, { '[a]': 2, '[b]': '3' }) as Decimal),
    ).toBe(5);
    expect(evaluate({ expression: 'SUM', operands: [] }, {})).toBe(0);
  });

  it('reports an unknown operator with the peer message', () => {
    expect(evaluate({ expression: 'BANANAS', operands: [] }, {})).toEqual({ error: 'Unknown expression type BANANAS' });
    expect(evaluate({ expression: 'IS' }, {})).toEqual({ error: 'A operand must be given for the IS expression' });
  });
});

describe('LIST (SEMANTICS §4.9) and SUM flattening vs MIN/MAX', () => {
  const listOf = (fn: string) => ({
    expression: fn,
    operands: [{ expression: 'LIST', name: 'getallen', items: '[getal]' }],
  });
  const model = engineFor({
    acts: [
      {
        act: '<<som>>',
        actor: '[rol]',
        preconditions: { expression: 'EQUAL', operands: [listOf('SUM'), { expression: 'LITERAL', operand: 8 }] },
      },
      { act: '<<max>>', actor: '[rol]', preconditions: listOf('MAX') },
    ],
    facts: [{ fact: '[rol]', function: isMe }],
  });
  const byIndex =
    (values: unknown[]): DisciplResolver =>
    (q, names, indices) => {
      if (q !== '[getal]') return true;
      expect(names).toEqual(['getallen']);
      const v = values[indices[0] ?? 0];
      return v === undefined ? false : (v as number);
    };

  it('SUM flattens the list; the record nests the answers per index, ending with the false one', () => {
    const t = ok(model.take(ME, model.newCase(), '<<som>>', byIndex([3, 5])));
    expect(toPlain(model.record(t)?.factsSupplied)).toMatchObject({
      getallen: [{ '[getal]': 3 }, { '[getal]': 5 }, { '[getal]': false }],
    });
  });

  it('MAX does not flatten: a list of two numbers is non-numeric, so MAX is false', () => {
    expect(model.take(ME, model.newCase(), '<<max>>', byIndex([3, 5]))).toEqual({
      ok: false,
      error: 'Action <<max>> is not allowed due to preconditions',
    });
  });

  it('an empty list is false and an unknown item makes the list unknown', () => {
    const c = model.newCase();
    expect(model.take(ME, c, '<<max>>', byIndex([]))).toEqual({
      ok: false,
      error: 'Action <<max>> is not allowed due to preconditions',
    });
    // SUM of the false list is false, and EQUAL then compares false with a decimal: big.js rejects it.
    expect(model.take(ME, c, '<<som>>', byIndex([]))).toEqual({ ok: false, error: '[big.js] Invalid number' });
    const unknownItem: DisciplResolver = (q) => (q === '[getal]' ? undefined : true);
    expect(ok(model.potentialActs(c, ME, unknownItem)).map((a) => a.act)).toEqual(['<<som>>', '<<max>>']);
  });
});

describe('PROJECTION (SEMANTICS §4.11)', () => {
  const proj = (scope: string) => ({ expression: 'PROJECTION', scope, context: ['[aanvraag]'], operand: '[bedrag]' });
  const model = engineFor({
    acts: [
      { act: '<<aanvragen>>', actor: '[aanvrager]', object: '[bedrag]', recipient: '[r]', create: ['[aanvraag]'] },
      {
        act: '<<intrekken>>',
        actor: '[aanvrager van aanvraag]',
        object: '[aanvraag]',
        recipient: '[r]',
        terminate: ['[aanvraag]'],
      },
      {
        act: '<<som>>',
        actor: '[rol]',
        object: '[r]',
        recipient: '[r]',
        preconditions: {
          expression: 'LESS_THAN',
          operands: [
            { expression: 'LITERAL', operand: 10 },
            { expression: 'SUM', operands: [proj('some')] },
          ],
        },
      },
      {
        act: '<<alle>>',
        actor: '[rol]',
        object: '[r]',
        recipient: '[r]',
        preconditions: {
          expression: 'LESS_THAN',
          operands: [
            { expression: 'LITERAL', operand: 10 },
            { expression: 'SUM', operands: [proj('all')] },
          ],
        },
      },
    ],
    facts: [
      { fact: '[aanvrager]', function: { expression: 'OR', operands: [isMe, { expression: 'IS', operand: OTHER }] } },
      { fact: '[rol]', function: { expression: 'IS', operand: 'ANYONE' } },
      { fact: '[aanvraag]', function: { expression: 'CREATE', operands: [] } },
      {
        fact: '[aanvrager van aanvraag]',
        function: { expression: 'PROJECTION', context: ['[aanvraag]'], operand: '[aanvrager]' },
      },
    ],
  });
  const amount =
    (n: number): DisciplResolver =>
    (q) =>
      q === '[bedrag]' ? n : true;

  it('lets only the identity stored in the creating record act through a projected actor', () => {
    const t1 = ok(model.take(ME, model.newCase(), '<<aanvragen>>', amount(4)));
    expect(model.take(OTHER, t1, '<<intrekken>>', () => true)).toEqual({
      ok: false,
      error: 'Action <<intrekken>> is not allowed due to actor',
    });
    expect(model.take(ME, t1, '<<intrekken>>', () => true).ok).toBe(true);
  });

  it('"some" with a single candidate selects nothing (false); with two it reads the chosen records', () => {
    const t1 = ok(model.take(ME, model.newCase(), '<<aanvragen>>', amount(4)));
    const chooseAll: DisciplResolver = (q, _n, _i, cands) => (q === '[aanvraag]' ? [...cands] : true);
    expect(model.take(ME, t1, '<<som>>', chooseAll)).toEqual({
      ok: false,
      error: 'Action <<som>> is not allowed due to preconditions',
    });
    const t2 = ok(model.take(OTHER, t1, '<<aanvragen>>', amount(7)));
    expect(model.take(ME, t2, '<<som>>', chooseAll).ok).toBe(true);
  });

  it('asks the resolver first with the operand expression object itself, as written in the model', () => {
    const operand = { expression: 'LITERAL', operand: 5 };
    const m = engineFor({
      acts: [
        { act: '<<aanvragen>>', actor: '[rol]', object: '[r]', recipient: '[r]', create: ['[aanvraag]'] },
        { act: '<<lezen>>', actor: '[rol]', object: '[r]', recipient: '[r]', preconditions: '[p]' },
      ],
      facts: [
        { fact: '[rol]', function: { expression: 'IS', operand: 'ANYONE' } },
        { fact: '[aanvraag]', function: { expression: 'CREATE', operands: [] } },
        { fact: '[p]', function: { expression: 'PROJECTION', context: ['[aanvraag]'], operand } },
      ],
    });
    const t1 = ok(m.take(ME, m.newCase(), '<<aanvragen>>', () => true));
    const asked: unknown[] = [];
    // Unknown for the object question: the operand is then evaluated (LITERAL 5, truthy).
    expect(
      m.take(ME, t1, '<<lezen>>', (q) => {
        asked.push(q);
        return typeof q === 'string' ? true : undefined;
      }).ok,
    ).toBe(true);
    expect(asked.filter((q) => typeof q !== 'string')).toEqual([operand]);
    // A falsy answer to the object question is the projection's value (only unknown falls back to the operand).
    expect(m.take(ME, t1, '<<lezen>>', (q) => typeof q === 'string')).toEqual({
      ok: false,
      error: 'Action <<lezen>> is not allowed due to preconditions',
    });
  });

  it('"all" reads every live creating record (4 + 7 >= 10, but 4 alone is not)', () => {
    const t1 = ok(model.take(ME, model.newCase(), '<<aanvragen>>', amount(4)));
    expect(model.take(ME, t1, '<<alle>>', () => true).ok).toBe(false);
    const t2 = ok(model.take(OTHER, t1, '<<aanvragen>>', amount(7)));
    expect(model.take(ME, t2, '<<alle>>', () => true).ok).toBe(true);
  });
});

describe('active duties (SEMANTICS §6)', () => {
  const model = engineFor({
    acts: [
      { act: '<<tekst>>', actor: '[rol]', create: 'maakt <plicht> en <onbekend>' },
      { act: '<<lijst>>', actor: '[rol]', create: ['<plicht>'] },
      { act: '<<einde>>', actor: '[rol]', terminate: '<plicht>' },
    ],
    facts: [
      { fact: '[rol]', function: { expression: 'IS', operand: 'ANYONE' } },
      { fact: '[houder]', function: isMe },
    ],
    duties: [{ duty: '<plicht>', 'duty-holder': '[houder]' }],
  });
  const yes: DisciplResolver = () => true;

  it('activates duties only from a string create, for the duty-holder only, newest first', () => {
    const c = model.newCase();
    const t1 = ok(model.take(ME, c, '<<lijst>>', yes));
    expect(ok(model.activeDuties(t1, ME))).toEqual([]);
    const t2 = ok(model.take(ME, t1, '<<tekst>>', yes));
    const t3 = ok(model.take(ME, t2, '<<tekst>>', yes));
    expect(ok(model.activeDuties(t3, ME))).toEqual([
      { duty: '<plicht>', link: t3 },
      { duty: '<plicht>', link: t2 },
    ]);
    expect(ok(model.activeDuties(t3, OTHER))).toEqual([]);
    const t4 = ok(model.take(ME, t3, '<<einde>>', yes));
    expect(ok(model.activeDuties(t4, ME))).toEqual([]);
  });
});

describe('no crash, no hang (docs/conformance.md, behaviour deviations)', () => {
  it('returns an error value for a cyclic definition', () => {
    const model = engineFor({
      acts: [{ act: '<<doe>>', actor: '[a]' }],
      facts: [
        { fact: '[a]', function: '[b]' },
        { fact: '[b]', function: { expression: 'AND', operands: ['[a]'] } },
      ],
    });
    expect(model.take(ME, model.newCase(), '<<doe>>')).toEqual({
      ok: false,
      error: 'Maximum call stack size exceeded',
    });
  });

  it('stops a list that never ends', () => {
    const out = evaluate({ expression: 'LIST', name: 'eindeloos', items: '[x]' }, { '[x]': true });
    expect(out).toEqual({ error: 'LIST eindeloos did not end after 10000 items' });
  });
});
