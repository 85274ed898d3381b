import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../../src/case/index.js';

const messages = (text: string): string[] => parseCaseFile(text, 'c.json').diagnostics.map((d) => d.message);

describe('case file messages', () => {
  it('a field of the wrong type is reported as the wrong type, not as missing', () => {
    expect(messages('{"asOf": 5, "facts": [{"fact": 7}]}')).toEqual([
      'The case field «/asOf» must be a string, not a number.',
      'The case field «/facts/0/fact» must be a string, not a number.',
    ]);
  });

  it('an absent required field is still reported as missing', () => {
    expect(messages('{"facts": [{}]}').join('\n')).toMatch(/«\/facts\/0\/fact» is missing/);
  });

  it('an impossible asOf date is refused', () => {
    expect(messages('{"asOf": "2024-02-30"}').join('\n')).toMatch(/asOf/);
    expect(messages('{"asOf": "0000-01-01"}').join('\n')).toMatch(/asOf/);
  });
});
