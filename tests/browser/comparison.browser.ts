/** The comparison table, wherever the site has one, checked against the contract in comparison-contract.ts. */
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkComparisonTable, SORTABLE } from './comparison-contract.ts';
import { launchBrowser, pageTypes, serveSite } from './harness.ts';

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

describe('comparison table', () => {
  it('sorts by its columns and filters by region', async (t) => {
    // Sort buttons may be added by script, so each page type is looked at in the browser.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let found: string | undefined;
    for (const type of pageTypes()) {
      await page.goto(site.origin + type.path, { waitUntil: 'load' });
      if (await page.locator(SORTABLE).count()) {
        found = type.path;
        break;
      }
    }
    if (!found) {
      await page.close();
      t.skip(`the site has no comparison table yet (no page with ${SORTABLE})`);
      return;
    }
    await checkComparisonTable(page);
    await page.close();
  });
});
