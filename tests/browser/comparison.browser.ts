/** The comparison table, wherever the site has one, checked against the contract in comparison-contract.ts. */
import { describe, it } from 'node:test';
import { checkComparisonTable, SORTABLE } from './comparison-contract.ts';
import { pageTypes, useSiteAndBrowser } from './harness.ts';

const ctx = useSiteAndBrowser();

describe('comparison table', () => {
  it('sorts by its columns and filters by region', async (t) => {
    // Sort buttons may be added by script, so each page type is looked at in the browser.
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    let found: string | undefined;
    for (const type of pageTypes()) {
      await page.goto(ctx.origin + type.path, { waitUntil: 'load' });
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
