/**
 * The explorer in a real browser (Debian's Chromium driven by playwright-core): served by the
 * decision service over a temporary SQLite store with the kinderopvangtoeslag norm and its demo
 * case, and as static files opened from disk with a trace and a model dropped on the page.
 * Assertions are on the DOM and the accessible tree (roles and names), never on pixels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerServer } from './harness.js';
import { buildExplorer, CHROMIUM, hasChromium, launch, ROOT, startExplorerServer } from './harness.js';

// Page-side code as text: this file is compiled without the DOM library.
// (A function, not a string: a locator evaluates a string as an expression, and a function
// expression in a string comes back undefined, which a loop condition takes for "not focused".)
const IS_FOCUSED = (el: unknown): boolean =>
  el === (globalThis as { document?: { activeElement?: unknown } }).document?.activeElement;
const UNNAMED_CONTROLS = `[...document.querySelectorAll('input, select, button')].filter(
  (el) => !el.getAttribute('aria-label') && !(el.labels && el.labels.length) && !el.textContent.trim()).length`;

if (!hasChromium()) {
  console.warn(`tests/web: SKIPPED, no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does)`);
}

describe.skipIf(!hasChromium())('the explorer', () => {
  let build: Awaited<ReturnType<typeof buildExplorer>>;
  let server: ExplorerServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let recovery = '';
  let earlyRecovery = '';

  beforeAll(async () => {
    build = await buildExplorer();
    [server, browser] = await Promise.all([startExplorerServer(build.dir), launch()]);
    const recoveries = server.seeded.decisions.filter((d) => d.act === '<<terugvorderen tegemoetkoming>>');
    earlyRecovery = recoveries.find((d) => d.outcome === 'refused')?.id ?? '';
    recovery = recoveries.find((d) => d.outcome === 'taken')?.id ?? '';
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    build?.remove();
  });

  describe('served by the decision service', () => {
    it('lists the served model and finds a frame by search, with its article text and Juriconnect link', async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: 'Kinderopvangtoeslag (Wko, Bko, Awir)' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Model graph');
      // The graph has a name; the arrow keys move through it (below), the frame list is the other way in.
      const graph = page.getByRole('application', { name: /^Graph of \d+ frames and sources with \d+ relations$/ });
      expect(await graph.count()).toBe(1);
      await page.getByRole('searchbox', { name: 'Search a frame' }).fill('terugvorderen tegemoet');
      const list = page.getByRole('navigation', { name: 'Frame' });
      await expect.poll(() => list.getByRole('link').allTextContents()).toEqual(['<<terugvorderen tegemoetkoming>>']);
      await list.getByRole('link', { name: '<<terugvorderen tegemoetkoming>>' }).click();

      const panel = page.getByRole('region', { name: '<<terugvorderen tegemoetkoming>>' });
      await panel.waitFor();
      expect(page.url()).toContain('/frame/act%3Aterugvorderen%20tegemoetkoming');
      expect(await panel.locator('pre code').textContent()).toMatch(/^act <<terugvorderen tegemoetkoming>>/);
      const article = panel.getByRole('article', { name: 'art. 26 lid 1 Awir' });
      expect(await article.locator('blockquote').textContent()).toContain('is de belanghebbende het bedrag');
      const jci = article.getByRole('link', { name: /jci1\.3:c:BWBR0018472/ });
      expect(await jci.getAttribute('href')).toBe(
        'https://wetten.overheid.nl/jci1.3:c:BWBR0018472&hoofdstuk=2&paragraaf=3&artikel=26&lid=1',
      );
      expect(await article.textContent()).toContain('Valid from 2024-01-01');
      // What it depends on and what depends on it, as links to those frames.
      expect(await panel.getByRole('link', { name: '[vast te stellen terugvordering]' }).count()).toBeGreaterThan(0);
      const snapshot = await panel.ariaSnapshot();
      expect(snapshot).toContain('heading "<<terugvorderen tegemoetkoming>>" [level=2]');
      expect(snapshot).toContain('heading "Depended on by (impact)"');

      // A source frame lists its impact: the frames resting on it, transitively.
      await page.goto(`${server.url}/#/model/${encodeURIComponent(server.modelId)}/frame/source%3Aawir-26a-lid-1`);
      const source = page.getByRole('region', { name: 'art. 26a lid 1 Awir' });
      await source.waitFor();
      expect(await source.getByRole('link', { name: '<<terugvorderen tegemoetkoming>>' }).count()).toBeGreaterThan(0);
      expect(await source.getByRole('group', { name: /Versions/ }).count()).toBe(0);
      expect(await source.locator('summary').textContent()).toMatch(/^Versions \(\d+\)$/);
    });

    it('moves through the graph with the arrow keys, opening each frame and saying which it is', async () => {
      await page.goto(`${server.url}/#/model/${encodeURIComponent(server.modelId)}`);
      const graph = page.getByRole('application', { name: /^Graph of/ });
      await graph.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.url()).toContain('/frame/');
      const said = page.getByTestId('graph-said');
      await expect.poll(() => said.textContent()).toMatch(/, (act|fact|duty|source), \d+ relations$/);
      const label = ((await said.textContent()) ?? '').replace(/, [^,]+, \d+ relations$/, '');
      await expect.poll(() => page.getByRole('region', { name: label }).count()).toBe(1);
      // Each arrow goes to another frame, as drawn; the focus stays on the graph.
      const seen = new Set([page.url()]);
      for (const key of ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown']) {
        await page.keyboard.press(key);
        seen.add(page.url());
      }
      expect(seen.size).toBeGreaterThan(2);
      expect(await graph.evaluate(IS_FOCUSED)).toBe(true);
    });

    it('filters the graph by kind and by article', async () => {
      await page.goto(`${server.url}/#/model/${encodeURIComponent(server.modelId)}`);
      await page.getByRole('searchbox', { name: 'Search a frame' }).fill('');
      const count = page.locator('[aria-live="polite"]').filter({ hasText: 'frames' });
      await count.waitFor();
      const all = Number((await count.textContent())?.split(' ')[0]);
      await page.getByRole('checkbox', { name: 'sources' }).uncheck();
      await expect.poll(async () => Number((await count.textContent())?.split(' ')[0])).toBeLessThan(all);
      const noSources = Number((await count.textContent())?.split(' ')[0]);
      await page.getByRole('combobox', { name: 'Article' }).selectOption('art. 26 Awir');
      await expect.poll(async () => Number((await count.textContent())?.split(' ')[0])).toBeLessThan(noSources);
      const links = await page.getByRole('navigation', { name: 'Frame' }).getByRole('link').allTextContents();
      expect(links).toContain('<<terugvorderen tegemoetkoming>>');
      expect(links.length).toBeLessThan(noSources / 5);
    });

    it('shows the demo case timeline and the state after any event', async () => {
      await page.goto(`${server.url}/`);
      // The cases listed by the service (GET /v1/cases), with their model and revision.
      const cases = page.getByRole('region', { name: 'Cases' });
      await expect
        .poll(() => cases.getByRole('listitem').first().textContent())
        .toMatch(/^Case c1 Kinderopvangtoeslag \(Wko, Bko, Awir\) · revision \d+/);
      await page.getByRole('link', { name: 'Case c1' }).click();
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await timeline.waitFor();
      expect(await timeline.getByRole('listitem').count()).toBeGreaterThan(30);
      await timeline
        .getByRole('link', { name: /act refused: <<terugvorderen tegemoetkoming>> by dt at 2026-09-10/ })
        .click();
      // A refusal changes nothing: the state after it is the state it was refused on, with the
      // revision pending (the duty that blocks the recovery).
      await expect.poll(() => page.url()).toMatch(/#\/case\/c1\/event\/\d+$/);
      const seq = Number(page.url().split('/').pop());
      const state = page.getByRole('region', { name: `State after event ${seq}` });
      await expect.poll(() => state.textContent()).toContain('Clock: 2026-09-01');
      expect(await state.getByRole('listitem').allTextContents()).toContain(
        '<herzien tegemoetkoming>(alice) · deadline 2026-10-27',
      );
      // The state after the recovery: the duty to pay it is active.
      await timeline.getByRole('link', { name: /act taken: <<terugvorderen tegemoetkoming>>/ }).click();
      await expect
        .poll(() => page.getByRole('region', { name: /^State after event/ }).textContent())
        .toContain('<betalen terugvordering>(alice)');
    });

    it('opens the recovery decision of the demo case and expands its trace with the keyboard', async () => {
      await page.goto(`${server.url}/#/case/c1`);
      await page.getByRole('link', { name: `Open decision ${recovery}` }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`Decision ${recovery}: <<terugvorderen tegemoetkoming>> taken`);
      const tree = page.getByRole('tree', { name: 'Derivation' });
      const root = tree.getByRole('treeitem').first();
      expect(await root.getAttribute('aria-expanded')).toBe('true');
      const pre = tree.getByRole('treeitem', { name: /^preconditions / });
      expect(await pre.getAttribute('aria-expanded')).toBe('false');
      const before = await tree.getByRole('treeitem').count();
      // Keyboard: focus the root, go down to the preconditions, open them, step into the first child.
      await root.focus();
      for (let i = 0; i < 10 && !(await pre.evaluate(IS_FOCUSED)); i++) await page.keyboard.press('ArrowDown');
      expect(await pre.evaluate(IS_FOCUSED)).toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => pre.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(before);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toMatch(/\/node\/0\.\d+\.0$/);
      await expect.poll(() => tree.locator('[aria-selected="true"]').count()).toBe(1);
      // Values, provenance and articles on the nodes.
      const items = await tree.getByRole('treeitem').count();
      await page.getByRole('button', { name: 'Expand all' }).click();
      await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(items);
      const text = (await tree.textContent()) ?? '';
      expect(text).toContain('[vast te stellen terugvordering](alice)');
      expect(text).toContain('5570');
      expect(text).toMatch(/given (by \w+ )?at 20\d\d-\d\d-\d\d/);
      expect(text).toContain('art. 26a lid 1 Awir');
      // The articles it rests on, in the version applied.
      const rests = page.getByRole('region', { name: 'Articles the decision rests on' });
      expect(await rests.getByRole('article', { name: 'art. 26 lid 1 Awir' }).count()).toBe(1);
      expect(await rests.textContent()).toContain('version applied');
      // The deep link to the node opens the same node again.
      const url = page.url();
      await page.goto(`${server.url}/`);
      await page.goto(url);
      await expect.poll(() => tree.locator('[aria-selected="true"]').count()).toBe(1);
    });

    it('asks why-not for the early recovery and shows the failing condition', async () => {
      await page.goto(`${server.url}/#/decision/${earlyRecovery}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(`Decision ${earlyRecovery}: <<terugvorderen tegemoetkoming>> refused`);
      // The refusal's own minimal failing conditions.
      const failing = page.getByRole('region', { name: 'Minimal failing conditions' });
      expect(await failing.locator('mark').allTextContents()).toEqual(['not <herzien tegemoetkoming>(alice)']);
      // The tree opens where the check failed: the preconditions, down to the failing condition.
      const tree = page.getByRole('tree', { name: 'Derivation' });
      expect(await tree.getByRole('treeitem', { name: /^preconditions / }).getAttribute('aria-expanded')).toBe('true');
      expect(await tree.getByRole('treeitem', { name: /^Unary not <herzien tegemoetkoming>/ }).count()).toBe(1);
      // Why not, asked of the service for the state the decision was made on.
      const whyNot = page.getByRole('region', { name: 'Why not?' });
      expect(await whyNot.getByRole('combobox', { name: 'Act' }).inputValue()).toBe('terugvorderen tegemoetkoming');
      await whyNot.getByRole('button', { name: 'Ask' }).click();
      const answer = whyNot.getByTestId('why-not-answer');
      await expect
        .poll(() => answer.locator('mark').allTextContents())
        .toEqual(['not <herzien tegemoetkoming>(alice)']);
      expect(await answer.textContent()).toContain('not available');
      expect(await answer.textContent()).toContain('that duty is still active');
    });

    it('switches to Dutch and back', async () => {
      await page.goto(`${server.url}/#/decision/${earlyRecovery}`);
      await page.getByRole('heading', { name: 'Why', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Nederlands' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed'))
        .toBe('true');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
      await page.getByRole('heading', { name: 'Waarom', exact: true }).waitFor();
      expect(await page.getByRole('tree', { name: 'Afleiding' }).count()).toBe(1);
      // The explanation comes from the service in Dutch.
      await expect.poll(() => page.locator('pre.explanation').textContent()).toContain('geweigerd');
      expect(await page.getByRole('region', { name: 'Minimale falende voorwaarden' }).textContent()).toContain(
        'nog actief',
      );
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Why', exact: true }).waitFor();
    });

    it('has a skip link and labelled controls', async () => {
      await page.goto('about:blank');
      await page.goto(`${server.url}/#/model/${encodeURIComponent(server.modelId)}`);
      await page.getByRole('searchbox', { name: 'Search a frame' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
      // Every form control has an accessible name.
      expect(await page.evaluate(UNNAMED_CONTROLS)).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  describe('an axe-core audit (WCAG 2.1 A and AA)', () => {
    // axe-core's rules, run in the page on each view; the page's CSP allows only its own scripts, so
    // this context lets the test inject axe's.
    const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    // One rule is left out on the trace tree's items only: 'label-content-name-mismatch' (WCAG 2.5.3,
    // Label in Name) takes all the text inside an element for its label. A tree item is named by its
    // row (the node's kind, expression and value) and described by its frame line and reads
    // (aria-describedby); its children are items of their own (WAI-ARIA tree pattern). The rule still
    // runs on every other element.
    const RULES = "runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }";
    const AUDIT = `axe.run({ exclude: [['[role=treeitem]']] }, { ${RULES} })
      .then((a) => axe.run(document, { ${RULES}, rules: { 'label-content-name-mismatch': { enabled: false } } })
        .then((b) => [a, b]))
      .then((rs) => rs.flatMap((r) => r.violations).map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`;

    it('finds no violation on any view of the served explorer', async () => {
      const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 900 } });
      const audit = await context.newPage();
      const model = `${server.url}/#/model/${encodeURIComponent(server.modelId)}`;
      const views: [string, string, () => Promise<unknown>][] = [
        ['home', `${server.url}/`, () => audit.getByRole('link', { name: 'Case c1' }).waitFor()],
        ['model graph', model, () => audit.getByRole('searchbox', { name: 'Search a frame' }).waitFor()],
        [
          'frame',
          `${model}/frame/act%3Aterugvorderen%20tegemoetkoming`,
          () => audit.getByRole('region', { name: '<<terugvorderen tegemoetkoming>>' }).waitFor(),
        ],
        ['case', `${server.url}/#/case/c1`, () => audit.getByRole('region', { name: 'Timeline' }).waitFor()],
        [
          'decision',
          `${server.url}/#/decision/${earlyRecovery}`,
          () => audit.getByRole('region', { name: 'Why not?' }).waitFor(),
        ],
      ];
      const found: Record<string, unknown> = {};
      try {
        for (const [name, url, ready] of views) {
          await audit.goto('about:blank');
          await audit.goto(url);
          await ready();
          if (name === 'decision') {
            await audit.getByRole('button', { name: 'Expand all' }).click();
            await audit.getByRole('region', { name: 'Why not?' }).getByRole('button', { name: 'Ask' }).click();
            await audit.getByTestId('why-not-answer').waitFor();
          }
          await audit.addScriptTag({ content: AXE });
          const violations = await audit.evaluate(AUDIT);
          if ((violations as unknown[]).length > 0) found[name] = violations;
        }
      } finally {
        await context.close();
      }
      expect(found).toEqual({});
    });
  });

  describe('as static files opened from disk', () => {
    it('opens a dropped trace JSON without a service', async () => {
      const res = await fetch(`${server.url}/v1/decisions/${recovery}`, { headers: { authorization: 'Bearer demo' } });
      const traceJson = await res.text();
      const local = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
      local.on('pageerror', (e) => errors.push(e.message));
      await local.goto(pathToFileURL(join(build.dir, 'index.html')).href);
      await local.getByRole('heading', { name: 'Open a file' }).waitFor();
      expect(await local.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
      // Drop the file on the page, as a user drags it from the file manager.
      const file = `new File([${JSON.stringify(traceJson)}], 'recovery.json', { type: 'application/json' })`;
      const data = await local.evaluateHandle(
        `(() => { const dt = new DataTransfer(); dt.items.add(${file}); return dt; })()`,
      );
      await local.locator('.shell').dispatchEvent('drop', { dataTransfer: data });
      await expect
        .poll(() => local.getByRole('heading', { level: 1 }).textContent())
        .toBe('Decision local-1: <<terugvorderen tegemoetkoming>> taken');
      expect(local.url()).toMatch(/^file:.*#\/decision\/local-1$/);
      const tree = local.getByRole('tree', { name: 'Derivation' });
      expect(await tree.getByRole('treeitem').count()).toBeGreaterThan(3);
      // The explanation is rendered in the page by the engine; why-not needs the service.
      expect(await local.locator('pre.explanation').textContent()).toContain('<<terugvorderen tegemoetkoming>> by dt');
      expect(await local.getByRole('region', { name: 'Why not?' }).textContent()).toContain(
        'Needs the decision service',
      );
      await local.close();
    });

    it('opens a model from its .flint files and shows a frame', async () => {
      const local = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
      local.on('pageerror', (e) => errors.push(e.message));
      await local.goto(pathToFileURL(join(build.dir, 'index.html')).href);
      const files = ['kinderopvangtoeslag/kinderopvangtoeslag.flint', 'awir/awir.flint', 'awb/awb.flint'].map((f) => ({
        name: f.split('/')[1] as string,
        mimeType: 'text/plain',
        buffer: readFileSync(join(ROOT, 'norms', f)),
      }));
      const imports =
        readFileSync(join(ROOT, 'norms', 'awir', 'awir.flint'), 'utf8').match(/^import "([^"]+)"/gm) ?? [];
      for (const line of imports) {
        const rel = /"([^"]+)"/.exec(line)?.[1] ?? '';
        const name = rel.split('/').pop() as string;
        if (!files.some((f) => f.name === name))
          files.push({ name, mimeType: 'text/plain', buffer: readFileSync(join(ROOT, 'norms', 'awir', rel)) });
      }
      await local.getByLabel('Choose files').setInputFiles(files);
      await expect.poll(() => local.getByRole('heading', { level: 1 }).textContent()).toContain('Model graph');
      await local.getByRole('searchbox', { name: 'Search a frame' }).fill('drempelbedrag');
      await local.getByRole('navigation', { name: 'Frame' }).getByRole('link').first().click();
      const panel = local.getByRole('region', { name: '[drempelbedrag terugvordering]' });
      await panel.waitFor();
      expect(await panel.locator('pre code').textContent()).toContain('fact [drempelbedrag terugvordering]');
      await local.close();
      expect(errors).toEqual([]);
    });
  });
});
