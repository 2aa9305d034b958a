/**
 * Search in a real browser: every seed agency is found by its full name and by a short place
 * name; over an index in several parts, filters and a rebuild after a title change.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { build } from '../../src/build.ts';
import { loadCorpus, reloadReport } from '../../src/load/corpus.ts';
import { SITE_POST_BUILD } from '../../src/site/post-build.ts';
import { reportView, type ReportView } from '../../src/site/report-view.ts';
import { partCount, partOf, shortPlaceName } from '../../src/site/search-index.ts';
import { TWO_YEARS } from '../summary/fixture.ts';
import { serveSite, SHOTS_DIR, useSiteAndBrowser, WIDTHS } from './harness.ts';

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

/**
 * The index in parts, as a large site has it: the seed reports and a corpus of four years,
 * built with parts of about two reports, so that most reports are in a part other than the
 * one the search page loads first. Then a title is changed and the site rebuilt.
 */
describe('search over an index in parts', () => {
  const SIZE = 2;
  let tmp: string;
  let reportsDir: string;
  let siteDir: string;
  let served: Awaited<ReturnType<typeof serveSite>>;
  let all: ReportView[];
  let cacheBefore: string | undefined;
  const edited = () => path.join(reportsDir, '2022', 'hengshan-zhen.yaml');
  const rebuild = async () => assert.ok((await build({ reportsDir, outDir: siteDir, postBuild: SITE_POST_BUILD, searchPartSize: SIZE })).built);
  const retitle = async (from: RegExp, to: string) => {
    const text = await readFile(edited(), 'utf8');
    assert.match(text, from);
    await writeFile(edited(), text.replace(from, to));
  };
  /** Results of a query on the parted site, in a fresh page (no cached index). */
  const search = async (query: Record<string, string>) => {
    const page = await ctx.browser.newPage();
    try {
      await page.goto(`${served.origin}/search/?${new URLSearchParams(query)}`);
      await page.locator('[data-search-status]').filter({ hasText: /找到|没有找到/ }).waitFor({ timeout: 20_000 });
      return await page.$$eval('[data-search-results] li', (lis) => lis.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, meta: li.querySelector('.result-meta')!.textContent! })));
    } finally {
      await page.close();
    }
  };

  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-search-parts-'));
    cacheBefore = process.env.NIANBAO_CACHE_DIR;
    process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
    reportsDir = path.join(tmp, 'reports');
    siteDir = path.join(tmp, 'site');
    await cp('reports', reportsDir, { recursive: true });
    await cp(TWO_YEARS, reportsDir, { recursive: true });
    await retitle(/^标题: (.*)年度报告$/m, '标题: $1年度报告（枇杷）');
    await rebuild();
    all = (await Promise.all((await loadCorpus([reportsDir])).reports.map(reloadReport))).map((r) => reportView(r));
    served = await serveSite(siteDir);
  });
  after(async () => {
    await served?.close();
    if (cacheBefore === undefined) delete process.env.NIANBAO_CACHE_DIR;
    else process.env.NIANBAO_CACHE_DIR = cacheBefore;
    await rm(tmp, { recursive: true, force: true });
  });

  it('finds every report, whichever part it is in, and lists filtered results newest year first', async () => {
    const count = partCount(all.length, SIZE);
    const partsOf = new Set(all.map((r) => partOf(r.agencyId, count)));
    const first = Math.min(...partsOf);
    assert.ok(partsOf.size >= 4 && all.some((r) => partOf(r.agencyId, count) !== first && r.year !== 2020), 'reports of other years in other parts than the first');
    for (const r of all) {
      const found = await search({ q: r.agencyName });
      assert.ok(found.some((f) => f.href === r.url), `search for ${r.agencyName} (part ${partOf(r.agencyId, count)}) did not list ${r.url}: ${JSON.stringify(found)}`);
    }
    const shown = await search({ region: '河北省' });
    const expected = all.filter((r) => r.region[0] === '河北省');
    assert.deepEqual(shown.map((f) => f.href).sort(), expected.map((r) => r.url).sort());
    const years = shown.map((f) => Number(/(\d{4})年度/.exec(f.meta)![1]));
    assert.deepEqual(years, [...years].sort((a, b) => b - a), 'newest year first');
  });

  it('filters by year, region and level across parts', async () => {
    for (const [key, value, pick] of [
      ['year', '2021', (r: ReportView) => r.year === 2021],
      ['region', '安徽省', (r: ReportView) => r.region[0] === '安徽省'],
      ['level', '市级', (r: ReportView) => r.level === '市级'],
    ] as const) {
      const found = await search({ [key]: value });
      assert.deepEqual(found.map((f) => f.href).sort(), all.filter(pick).map((r) => r.url).sort(), `${key} = ${value}`);
    }
    const both = await search({ q: '衡山镇', year: '2022' });
    assert.deepEqual(both.map((f) => f.href), ['/2022/hengshan-zhen/']);
  });

  it('after a title was changed and the site rebuilt, finds the new title and not the old', async () => {
    assert.deepEqual((await search({ q: '枇杷' })).map((f) => f.href), ['/2022/hengshan-zhen/']);
    await retitle(/（枇杷）$/m, '（荔枝）');
    await rebuild();
    assert.deepEqual((await search({ q: '荔枝' })).map((f) => f.href), ['/2022/hengshan-zhen/']);
    assert.deepEqual(await search({ q: '枇杷' }), []);
    for (const width of WIDTHS) {
      const page = await ctx.browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${served.origin}/search/?${new URLSearchParams({ q: '衡山镇' })}`);
      await page.locator('[data-search-status]').filter({ hasText: /找到/ }).waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(SHOTS_DIR, `search-parts-${width}.png`), fullPage: true });
      await page.close();
    }
  });
});
