import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/shared.js';

describe('the package as a library', () => {
  it('imports as «calculemus» from the built JavaScript (npm install runs the build) and decides', () => {
    const script = `
      import { parse, compile, createCase, take, decisionSources } from 'calculemus';
      const text = 'source s { citation: "art. 1" }\\nfact [p]: actor { closed }\\nfact [klaar] { holds when: created }\\n' +
        'act <<doen>>(x: [p]) { actor: x  creates: [klaar]  sources: s }';
      const { value: model, diagnostics } = parse(text, 'm.flint');
      const cm = compile(model).value;
      const s0 = createCase(cm, { asOf: '2024-01-01', actors: { ann: { roles: ['p'] } } });
      const r = take(cm, s0, { act: 'doen', actor: 'ann', params: { x: 'ann' } });
      console.log(JSON.stringify({ diagnostics: diagnostics.length, ok: r.ok, sources: decisionSources(r.trace).map((s) => s.citation) }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: 0, ok: true, sources: ['art. 1'] });
  });
});
