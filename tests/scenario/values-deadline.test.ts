import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../src/scenario/index.js';
import { parse } from '../../src/syntax/index.js';

const text = (within: string, advance: string): string => `
fact [persoon]
act <<aanvragen>> {
  actor: [persoon]
  creates: <beslissen>
}
duty <beslissen> {
  holder: [persoon]
  claimant: [persoon]
  deadline: within ${within}
}
scenario "termijn" {
  as of 2024-01-01
  actors: alice: [persoon]
  alice does <<aanvragen>>
  advance to ${advance}
  expect no violation <beslissen>
}
`;

describe('deadlines beyond the date range', () => {
  it('within 8000 years is no deadline: not violated the next day (no year-10024 date)', () => {
    const parsed = parse(text('8000 years', '2024-01-02'), 't.flint');
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const report = runScenarios(parsed.value);
    expect(report.diagnostics).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(0);
  });

  it('an ordinary deadline is still violated (the scenario above can fail)', () => {
    const report = runScenarios(parse(text('6 weken', '2024-03-01'), 't.flint').value);
    expect(report.failed).toBe(1);
  });
});
