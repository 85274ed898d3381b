/**
 * One spelling of ids and instances across renderings: the trace root of a fact evaluation, derived
 * fact nodes and the public src/trace exports all print arguments with `idText`.
 */
import { describe, expect, it } from 'vitest';
import { compile, createCase, evaluateFact } from '../../src/run/index.js';
import { parse } from '../../src/syntax/index.js';
import { idText, instanceText } from '../../src/trace/index.js';

const TEXT = `
fact [persoon]: actor
fact [ingeschreven](p: [persoon], jaar: integer)
fact [mag](p: [persoon], jaar: integer) {
  holds when: [ingeschreven](p, jaar)
}
`;
const cm = compile(parse(TEXT, 'ids.flint').value).value;
const s = createCase(cm, {
  asOf: '2024-01-01',
  actors: { anna: { roles: ['persoon'] }, 'Jan de Vries': { roles: ['persoon'] } },
  facts: [{ fact: 'ingeschreven', args: ['anna', 2019] }],
});

describe('idText and instanceText from src/trace', () => {
  it('print identifier-like strings bare and everything else as JSON', () => {
    expect(instanceText('mag', ['anna', '2019'])).toBe('[mag](anna, "2019")');
    expect(instanceText('mag', ['Jan de Vries', 2019])).toBe('[mag]("Jan de Vries", 2019)');
    expect(idText('true')).toBe('"true"');
  });

  it('label the root of a fact evaluation and its derived node like every other instance', () => {
    const ev = evaluateFact(cm, s, 'mag', ['anna', 2019], { trace: true });
    expect(ev.value).toEqual({ type: 'boolean', value: true });
    // The argument is shown in its canonical form ("2019"), quoted because it is not an identifier.
    expect(ev.trace?.expr).toBe('[mag](anna, "2019")');
    expect(ev.trace?.children[0]?.expr).toBe('[mag](anna, "2019")');
    const other = evaluateFact(cm, s, 'ingeschreven', ['Jan de Vries', '2019'], { trace: true });
    expect(other.trace?.expr).toBe('[ingeschreven]("Jan de Vries", "2019")');
  });
});
