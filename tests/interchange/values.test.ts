import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import { renderDiagnostics } from '../../src/report/index.js';

const model = (operand: string): string =>
  `{"acts":[],"facts":[{"fact":"[x]","function":{"expression":"LITERAL","operand":${operand}}}],"duties":[]}`;

describe('FLINT JSON numbers go through the one number parser', () => {
  it('an absurd exponent is one invalid-number error, found quickly', () => {
    const started = performance.now();
    const r = importFlintJson(model('1e-999999999'), 'm.json');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['invalid-number', '/facts/0/function/operand']]);
  });

  it('too many digits and too large magnitudes are reported; ordinary numbers are kept as written', () => {
    expect(importFlintJson(model('1'.repeat(60)), 'm.json').diagnostics.map((d) => d.code)).toEqual(['invalid-number']);
    expect(importFlintJson(model('1e400'), 'm.json').diagnostics.map((d) => d.code)).toEqual(['invalid-number']);
    const ok = importFlintJson(model('12.50'), 'm.json');
    expect(ok.diagnostics).toEqual([]);
    expect(JSON.stringify(ok.value)).toContain('"value":"12.50"');
    const exp = importFlintJson(model('1.5e3'), 'm.json');
    expect(JSON.stringify(exp.value)).toContain('"type":"integer","value":"1500"');
  });
});

describe('FLINT JSON messages', () => {
  it('a UTF-16 file is one invalid-encoding error, without raw NUL characters', () => {
    const bytes = Buffer.from(`\uFEFF${model('1')}`, 'utf16le');
    const r = importFlintJson(bytes.toString('utf8'), 'm.json');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'invalid-encoding', message: expect.stringMatching(/UTF-16/) });
    expect(r.diagnostics[0]?.message).not.toContain('\u0000');
    const be = importFlintJson(Buffer.from(model('1'), 'utf16le').swap16().toString('utf8'), 'm.json');
    expect(be.diagnostics.map((d) => d.code)).toEqual(['invalid-encoding']);
  });

  it('a diagnostic at the root JSON path does not print an empty path', () => {
    const text = '[1]';
    const r = importFlintJson(text, 'm.json');
    expect(r.diagnostics[0]?.path).toBe('');
    const out = renderDiagnostics(r.diagnostics, { 'm.json': text }, { color: false });
    expect(out).not.toContain(': :');
    expect(out).toMatch(/^m\.json:1:1: error invalid-type:/m);
  });

  it('an unknown operator is one error, not also an unknown function', () => {
    const text = model('1').replace('{"expression":"LITERAL","operand":1}', '{"expression":"FOO","operands":[]}');
    const imported = importFlintJson(text, 'm.json');
    const checked = check(imported.value, { origin: 'flint-json' });
    const errors = [...imported.diagnostics, ...checked.diagnostics].filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['unknown-operator']);
  });

  it('a source date 29-02-0000 or 31-04-2024 is not a date (one parser, years 1..9999)', () => {
    const text = `{"acts":[{"act":"<<a>>","actor":"[a]","action":"[b]","object":"[c]","recipient":"[d]",
      "preconditions":"","create":[],"terminate":[],
      "sources":[{"validFrom":"29-02-0000","validTo":"31-04-2024","citation":"art. 1"}]}],"facts":[],"duties":[]}`;
    const r = importFlintJson(text, 'm.json');
    expect(r.diagnostics.filter((d) => d.code === 'invalid-date').map((d) => d.path)).toEqual([
      '/acts/0/sources/0/validFrom',
      '/acts/0/sources/0/validTo',
    ]);
  });
});

describe('FLINT JSON reference-dialect version dates', () => {
  it('an impossible yyyymmdd in `version` is one invalid-date warning at its path', () => {
    const text = `{"acts":[{"act":"<<a>>","actor":"[a]","action":"[b]","object":"[c]","recipient":"[d]",
      "preconditions":"","create":[],"terminate":[],"reference":"art. 1","version":"2-[20241345]-[jjjjmmdd]"}],
      "facts":[],"duties":[]}`;
    const r = importFlintJson(text, 'm.json');
    expect(r.diagnostics.filter((d) => d.code === 'invalid-date').map((d) => [d.path, d.severity])).toEqual([
      ['/acts/0/version', 'warning'],
    ]);
  });
});
