import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { JURICONNECT_KEYS, isIsoDate, juriconnectProblem } from '../../src/check/index.js';

describe('juriconnectProblem', () => {
  test('accepts the discipl-style ids', () => {
    expect(
      juriconnectProblem('jci1.3:c:BWBR0005537&hoofdstuk=1&titeldeel=1.1&artikel=1:3&lid=3&z=2017-03-01&g=2017-03-01'),
    ).toBeNull();
    expect(
      juriconnectProblem(
        'jci1.3:c:BWBR0011825&hoofdstuk=3&afdeling=2&paragraaf=1&' +
          'sub-paragraaf=1&artikel=3.4&lid=1&z=2014-03-21&g=2013-07-01',
      ),
    ).toBeNull();
  });

  test('names the first problem', () => {
    expect(juriconnectProblem('BWBR0005537')).toBe('does not start with "jci"');
    expect(juriconnectProblem('jci1.3:x:BWBR0005537')).toBe(
      'has no collection marker ":c:" or ":v:" after the version',
    );
    expect(juriconnectProblem('jci1.3:c:BWBR0005537artikel=1')).toBe(
      'has unexpected text "artikel=1" after the BWB id',
    );
    expect(juriconnectProblem('jci1.3:c:BWBR0005537&artikel')).toBe('has a parameter "artikel" without key=value form');
    expect(juriconnectProblem('jci1.3:c:BWBR0005537&g=2017-02-30')).toBe(
      'has key "g" with "2017-02-30", which is not a date YYYY-MM-DD',
    );
  });

  test('every well-formed id built from the documented parts is accepted', () => {
    const part = fc.tuple(
      fc.constantFrom(...JURICONNECT_KEYS.filter((k) => k !== 'z' && k !== 'g')),
      fc.stringMatching(/^[0-9a-z.:]{1,5}$/),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('1.0', '1.3', '1.31'),
        fc.constantFrom('c', 'v'),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.array(part, { maxLength: 5 }),
        (v, c, n, parts) => {
          const id =
            `jci${v}:${c}:BWBR${String(n).padStart(7, '0')}` +
            `${parts.map(([k, x]) => `&${k}=${x}`).join('')}&z=2024-02-29`;
          expect(juriconnectProblem(id)).toBeNull();
        },
      ),
    );
  });

  test('isIsoDate knows month lengths and leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('01-03-2017')).toBe(false);
  });
});
