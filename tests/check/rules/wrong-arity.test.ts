import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('wrong-arity', () => {
  test('references with all arguments or none are accepted', () => {
    expectValid(VALID, { codes: ['wrong-arity'] });
    expectValid(
      `fact [persoon]: actor\nfact [aanvraag](p: [persoon])\nfact [iemand] { holds when: [aanvraag] }\n` +
        `fact [hoog] { holds when: round(1.25, 1) > 1 }`,
      { codes: ['wrong-arity'] },
    );
  });

  test('a fact given too many arguments is reported', () => {
    expectErrors(
      `${HEADER}fact [persoon]: actor
fact [aanvraag](p: [persoon]) { holds when: created }
act <<a>>(x: [persoon]) { preconditions: <|[aanvraag](x, x)|>  creates: [aanvraag](x)  sources: awb-4:1 }`,
      [{ code: 'wrong-arity', message: 'Fact «aanvraag» takes 1 argument, but 2 are given.', hint: 'p: [persoon]' }],
    );
  });

  test('an effect and a function with the wrong number of arguments are reported', () => {
    expectErrors(
      `${HEADER}fact [persoon]: actor
fact [aanvraag](p: [persoon], q: [persoon]) { holds when: created }
act <<a>>(x: [persoon]) { preconditions: <|year(today, today)|> > 2000  creates: <|[aanvraag](x)|>  sources: awb-4:1 }`,
      [
        { code: 'wrong-arity', message: 'Function «year» takes 1 argument, but 2 are given.' },
        { code: 'wrong-arity', message: 'Fact «aanvraag» takes 2 arguments, but 1 is given.' },
      ],
    );
  });
});
