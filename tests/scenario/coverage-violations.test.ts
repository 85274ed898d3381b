/**
 * Scenario coverage counts every violation the case records, not only those of `advance` steps: a duty violated
 * when an act makes its `violated when` hold, and a deadline passed when an act's `at` moves the clock.
 */
import { describe, expect, it } from 'vitest';
import { parse, runScenarios } from '../../src/index.js';

const model = `
fact [persoon]: actor
fact [gemeente]: actor
fact [verzuimd](p: [persoon])
act <<aanvragen>>(p: [persoon]) { actor: [persoon]  creates: <beslissen>(p) }
act <<verzuimen>>(p: [persoon]) { actor: [gemeente]  creates: [verzuimd](p) }
act <<melden>>(p: [persoon]) { actor: [persoon]  creates: <reageren>(p) }
act <<beslissen>>(p: [persoon]) { actor: [gemeente]  terminates: <beslissen>(p) }
act <<reageren>>(p: [persoon]) { actor: [gemeente]  terminates: <reageren>(p) }
duty <beslissen>(p: [persoon]) {
  holder: [gemeente]  claimant: p  terminated by: <<beslissen>>  violated when: [verzuimd](p)
}
duty <reageren>(p: [persoon]) {
  holder: [gemeente]  claimant: p  terminated by: <<reageren>>  deadline: within 2 weeks
}
scenario "violated by an act, and a deadline passed by an act's date" {
  as of 2025-01-06
  actors: alice: [persoon], g: [gemeente]
  alice does <<aanvragen>>(alice)
  g does <<verzuimen>>(alice)
  alice does <<melden>>(alice)
  g does <<beslissen>>(alice) at 2025-02-03
  g does <<reageren>>(alice) at 2025-02-03
}
`;

describe('coverage of violations', () => {
  it('counts violations recorded by acts, without an advance step', () => {
    const report = runScenarios(parse(model, 'v.flint').value);
    expect(report.diagnostics).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.coverage.duties.violated).toEqual(['beslissen', 'reageren']);
  });
});
