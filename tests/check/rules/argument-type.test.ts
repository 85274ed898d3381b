import { describe, test } from 'vitest';
import { expectErrors, expectValid } from '../../helpers/check-harness.js';
import { HEADER, VALID } from '../fixtures.js';

describe('argument-type', () => {
  test('arguments of the parameter types are accepted (integer where decimal is expected too)', () => {
    expectValid(VALID, { codes: ['argument-type'] });
    expectValid(`fact [tarief](bedrag: decimal): decimal\nfact [hoog] { holds when: [tarief](12) > 1 }`, {
      codes: ['argument-type'],
    });
  });

  test('text passed for a person is reported', () => {
    expectErrors(
      `fact [persoon]: actor\nfact [inkomen](p: [persoon]): decimal\n` +
        `fact [rijk] { holds when: [inkomen](<|"Jan"|>) > 100000 }`,
      [
        {
          code: 'argument-type',
          message: 'Argument 1 of Fact «inkomen» must be [persoon] (parameter «p»), but the text "Jan" is text.',
        },
      ],
    );
  });

  test('an instance of another fact type, and a wrong built-in argument, are reported', () => {
    expectErrors(
      `fact [persoon]: actor
fact [bedrijf]: actor
fact [werknemer](p: [persoon])
fact [in dienst](b: [bedrijf]) { holds when: exists w: [werknemer] where [werknemer](<|b|>) }
fact [oud] { holds when: year(<|12|>) > 2000 }`,
      [
        { code: 'argument-type', message: 'must be [persoon]' },
        {
          code: 'argument-type',
          message: 'Argument 1 of «year» must be a date or a month, but the integer 12 is integer.',
        },
      ],
    );
  });
});

describe('argument-type with sub-roles', () => {
  const roles = `${HEADER}fact [persoon]: actor
fact [belanghebbende]: [persoon]
fact [aanvrager]: [belanghebbende]
fact [bedrijf]: actor
fact [berekend]: [persoon] { value: [aanvrager] }
fact [rechthebbend](b: [belanghebbende])
fact [ingeschreven](p: [persoon])
fact [partij](a: actor)
`;

  test('a sub-role fits its parent role, its grandparent role and actor', () => {
    expectValid(
      `${roles}act <<aanvragen>>(aanvrager: [aanvrager]) {
  actor: aanvrager
  preconditions: [rechthebbend](aanvrager) and [ingeschreven](aanvrager) and [partij](aanvrager)
  creates: [rechthebbend](aanvrager)
  sources: awb-4:1
}`,
      { codes: ['argument-type', 'type-mismatch', 'actor-not-actor-type'] },
    );
  });

  test('a parent role does not fit a sub-role, and an unrelated role is rejected', () => {
    expectErrors(
      `${roles}fact [aanvragend](a: [aanvrager])
act <<a>>(p: [persoon], b: [bedrijf]) {
  actor: p
  preconditions: [aanvragend](<|p|>) and [rechthebbend](<|b|>)
  sources: awb-4:1
}`,
      [
        {
          code: 'argument-type',
          message: 'Argument 1 of Fact «aanvragend» must be [aanvrager] (parameter «a»), but «p» is [persoon].',
        },
        {
          code: 'argument-type',
          message: 'Argument 1 of Fact «rechthebbend» must be [belanghebbende] (parameter «b»), but «b» is [bedrijf].',
        },
      ],
    );
  });

  test('a derived fact typed with a fact type is a value, not a sub-role', () => {
    expectErrors(`${roles}fact [y](v: [berekend]) { holds when: [ingeschreven](<|v|>) }`, [
      {
        code: 'argument-type',
        message: 'Argument 1 of Fact «ingeschreven» must be [persoon] (parameter «p»), but «v» is [berekend].',
      },
    ]);
  });

  test('sub-role cycles do not loop and do not make unrelated roles compatible', () => {
    expectErrors(
      `${HEADER}fact [a]: [b]\nfact [b]: [a]\nfact [c]: actor\n` +
        `fact [f](x: [c])\nfact [g](y: [a]) { holds when: [f](<|y|>) }`,
      [{ code: 'argument-type', message: 'must be [c]' }],
      { codes: ['argument-type'] },
    );
  });

  test('comparing a sub-role with its parent role is allowed', () => {
    expectValid(`${roles}fact [zelfde](a: [aanvrager], p: [persoon]) { holds when: a = p }`, {
      codes: ['type-mismatch'],
    });
  });
});
