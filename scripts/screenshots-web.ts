/**
 * `npm run screenshots:web`: build the explorer, serve it with the kinderopvangtoeslag demo case
 * (tests/web/harness.ts), and write docs/images/explorer-graph.png, explorer-frame.png and
 * explorer-trace.png from Chromium (/usr/bin/chromium). The README shows them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildExplorer, hasChromium, launch, ROOT, startExplorerServer } from '../tests/web/harness.js';

if (!hasChromium()) {
  console.error('screenshots:web needs Chromium at /usr/bin/chromium (apt-get install -y chromium)');
  process.exit(1);
}
const out = join(ROOT, 'docs', 'images');
mkdirSync(out, { recursive: true });
const build = await buildExplorer();
const server = await startExplorerServer(build.dir);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  const model = `${server.url}/#/model/${encodeURIComponent(server.modelId)}`;

  await page.goto(model);
  await page.getByRole('application', { name: /^Graph of/ }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'explorer-graph.png') });

  await page.getByRole('searchbox', { name: 'Search a frame' }).fill('terugvorderen');
  await page
    .getByRole('navigation', { name: 'Frame' })
    .getByRole('link', { name: '<<terugvorderen tegemoetkoming>>' })
    .click();
  const panel = page.getByRole('region', { name: '<<terugvorderen tegemoetkoming>>' });
  await panel.waitFor();
  await panel.getByRole('heading', { name: 'Explanation' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(1000);
  await page.screenshot({ path: join(out, 'explorer-frame.png') });

  const recovery = server.seeded.decisions.find(
    (d) => d.act === '<<terugvorderen tegemoetkoming>>' && d.outcome === 'taken',
  )?.id;
  await page.goto(`${server.url}/#/decision/${recovery}`);
  const tree = page.getByRole('tree', { name: 'Derivation' });
  await tree.waitFor();
  await tree
    .getByRole('treeitem', { name: /^preconditions / })
    .locator('.tn-row')
    .first()
    .click();
  const compare = tree.getByRole('treeitem', { name: /^Compare \[vast te stellen terugvordering\]/ });
  await compare.locator('.tn-row').first().click();
  await compare.getByRole('treeitem').first().locator('.tn-row').first().click();
  await compare
    .getByRole('treeitem', { name: /^Fact / })
    .first()
    .locator('.tn-row')
    .first()
    .click();
  await page.getByRole('heading', { name: 'Derivation' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(out, 'explorer-trace.png') });
  console.log(`wrote ${out}/explorer-{graph,frame,trace}.png`);
} finally {
  await browser.close();
  await server.close();
  build.remove();
}
