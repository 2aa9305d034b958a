/** Search in a real browser: every seed agency is found by its full name and by a short place name. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCorpus, reloadReport } from '../../src/load/corpus.ts';
import { reportView, type ReportView } from '../../src/site/report-view.ts';
import { shortPlaceName } from '../../src/site/search-index.ts';
import { useSiteAndBrowser } from './harness.ts';

const ctx = useSiteAndBrowser();
let reports: ReportView[];

before(async () => {
  reports = (await Promise.all((await loadCorpus(['reports'])).reports.map(reloadReport))).map((r) => reportView(r));
  assert.ok(reports.length >= 5, 'the seed reports');
});

/** Open the search page with a query string and return the result links once the status is printed. */
async function results(page: Page, query: string): Promise<{ href: string; text: string; meta: string }[]> {
  await page.goto(`${ctx.origin}/search/?${query}`);
  await page.locator('[data-search-status]').filter({ hasText: /找到|没有找到/ }).waitFor({ timeout: 10_000 });
  return page.$$eval('[data-search-results] li', (lis) =>
    lis.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, text: li.querySelector('a')!.textContent!, meta: li.querySelector('.result-meta')!.textContent! })),
  );
}

describe('search', () => {
  it('finds each agency by its full name, with year, region and level in the result', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 375, height: 800 } });
    for (const r of reports) {
      const found = await results(page, new URLSearchParams({ q: r.agencyName }).toString());
      const hit = found.find((f) => f.href === r.url);
      assert.ok(hit, `search for ${r.agencyName} did not list ${r.url}: ${JSON.stringify(found)}`);
      assert.equal(hit.text, r.agencyName);
      assert.ok(hit.meta.includes(`${r.year}年度`) && hit.meta.includes(r.region.at(-1)!) && hit.meta.includes(r.level), hit.meta);
      assert.equal(found[0]!.href, r.url, `the agency itself comes first for ${r.agencyName}`);
    }
    await page.close();
  });

  it('finds each agency by the short name of its township', async () => {
    const page = await ctx.browser.newPage();
    for (const r of reports) {
      const short = shortPlaceName(r.region.at(-1)!);
      const found = await results(page, new URLSearchParams({ q: short }).toString());
      assert.ok(found.some((f) => f.href === r.url), `search for ${short} did not list ${r.url}: ${JSON.stringify(found)}`);
    }
    await page.close();
  });

  it('filters by year, region and level, and says so when nothing matches', async () => {
    const page = await ctx.browser.newPage();
    const r = reports[0]!;
    const province = r.region[0]!;
    const byRegion = await results(page, new URLSearchParams({ region: province }).toString());
    const expected = reports.filter((x) => x.region[0] === province).map((x) => x.url).sort();
    assert.deepEqual(byRegion.map((f) => f.href).sort(), expected);
    const byAll = await results(page, new URLSearchParams({ year: String(r.year), region: province, level: r.level }).toString());
    assert.ok(byAll.some((f) => f.href === r.url));
    assert.ok(byAll.every((f) => f.meta.includes(province) && f.meta.includes(r.level)));
    assert.equal(await page.locator('select[name=region]').inputValue(), province, 'the form shows the filter in use');
    const elsewhere = reports.find((x) => x.region[0] !== province)!.region[0]!;
    const none = await results(page, new URLSearchParams({ q: r.agencyName, region: elsewhere }).toString());
    assert.deepEqual(none, []);
    assert.match(await page.locator('[data-search-status]').innerText(), /没有找到/);
    await page.close();
  });

  it('typing into the box searches without a page load', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.origin}/search/`);
    const r = reports[1]!;
    await page.getByLabel('机关名称或地名').fill(r.agencyName);
    await page.locator(`[data-search-results] a[href="${r.url}"]`).waitFor({ timeout: 10_000 });
    assert.ok(page.url().includes('q='), 'the query is kept in the address for sharing');
    await page.close();
  });

  it('without JavaScript the search page points to browsing by region', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${ctx.origin}/search/`);
    assert.equal(await page.locator('[data-search]').isVisible(), false);
    const note = page.locator('[data-search-nojs]');
    assert.ok(await note.isVisible());
    assert.equal(await note.locator('a').getAttribute('href'), '/');
    await context.close();
  });
});
