/** The comparison table, wherever the site has one, checked against the contract in comparison-contract.ts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkComparisonTable } from './comparison-contract.ts';
import { launchBrowser, pageTypes, serveSite, SITE_DIR } from './harness.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveSite>>;

before(async () => {
  site = await serveSite();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** The first page type whose page holds a sortable table, read from the built files. */
function comparisonPage(): string | undefined {
  return pageTypes()
    .map((t) => t.path)
    .find((p) => {
      const file = path.join(SITE_DIR, p.endsWith('/') ? `${p}index.html` : p);
      try {
        return /<th[^>]*\sdata-sortable/.test(readFileSync(file, 'utf8'));
      } catch {
        return false;
      }
    });
}

describe('comparison table', () => {
  it('sorts by its columns and filters by region', async (t) => {
    const p = comparisonPage();
    if (!p) {
      t.skip('the site has no comparison table yet (no page with th[data-sortable])');
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.origin + p);
    await checkComparisonTable(page);
    await page.close();
  });
});
