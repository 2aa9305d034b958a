/**
 * Tables and charts on a phone (375 px): 表三's row labels stay beside its last column once
 * the table is scrolled to its end; the comparison table keeps its agency column and shows
 * every column at 1280 px; the year charts fit; a long web address in a report's prose
 * wraps instead of widening the page. Screenshots go to test-results/screenshots/phone-*.png.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { build } from '../../src/build.ts';
import { TWO_YEARS } from '../summary/fixture.ts';
import { launchBrowser, serveSite, SHOTS_DIR } from './harness.ts';

const LONG_URL = `https://www.example.gov.cn/xxgk/${'zfxxgkndbg/'.repeat(12)}index.html?id=${'0123456789'.repeat(8)}`;

let dir: string;
let site: { origin: string; close: () => Promise<void> };
let browser: Browser;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-phone-'));
  process.env.NIANBAO_CACHE_DIR = path.join(dir, 'cache');
  // The fixture reports, one with a long unbroken address in its prose.
  const reports = path.join(dir, 'reports');
  await cp(TWO_YEARS, reports, { recursive: true });
  const file = path.join(reports, '2020', 'hengshan-zhen.yaml');
  const text = await readFile(file, 'utf8');
  const withUrl = text.replace(/^(一、总体情况: *[|>][-+]?\n {2})(.*)$/m, `$1$2本报告全文见 ${LONG_URL} 。`);
  assert.notEqual(withUrl, text, 'the fixture has prose to add an address to');
  await writeFile(file, withUrl);
  assert.ok((await build({ reportsDir: reports, outDir: path.join(dir, 'site') })).built);
  site = await serveSite(path.join(dir, 'site'));
  browser = await launchBrowser();
  await mkdir(SHOTS_DIR, { recursive: true });
});
after(async () => {
  await browser?.close();
  await site?.close();
  delete process.env.NIANBAO_CACHE_DIR;
  await rm(dir, { recursive: true, force: true });
});

async function open(url: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 740 } });
  await page.goto(`${site.origin}${url}`);
  return page;
}

/** How far the page is wider than the window, in px. */
const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Scroll a table's box to its right end and bring it to the top of the window. */
const scrollToEnd = (box: Locator) =>
  box.evaluate((el) => {
    el.scrollIntoView({ block: 'start' });
    el.scrollLeft = el.scrollWidth;
  });

type Rect = { left: number; right: number; top: number; bottom: number };
const rect = (l: Locator): Promise<Rect> => l.evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);

/** Whether a box lies wholly inside the window's width, and on screen vertically. */
const onScreen = (r: Rect, width: number, height = 740) => r.left >= -0.5 && r.right <= width + 0.5 && r.bottom > 0 && r.top < height;

describe('at 375 px', () => {
  it('表三 scrolled to its end shows each row’s label beside the last column’s number', async () => {
    const page = await open('/2020/hengshan-zhen/', 375);
    const box = page.locator('.table-scroll:has(table.t3)');
    await scrollToEnd(box);
    assert.ok(await box.evaluate((el) => el.scrollLeft > 0 && el.scrollWidth > el.clientWidth), 'the table is wider than the screen and was scrolled');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-t3-end-375.png') });
    const rows = page.locator('table.t3 tbody tr');
    let checked = 0;
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const last = row.locator('td').last();
      const lastBox = await rect(last);
      if (!(lastBox.bottom > 0 && lastBox.top < 740)) continue;
      // The row's own label: its last th (a leaf under its groups), or the group label of a row starting a group.
      const label = row.locator('th').last();
      const labelBox = await rect(label);
      assert.ok(onScreen(labelBox, 375), `row ${i} label “${await label.innerText()}” on screen: ${JSON.stringify(labelBox)}`);
      assert.ok(onScreen(lastBox, 375), `row ${i} last number on screen: ${JSON.stringify(lastBox)}`);
      assert.ok(labelBox.right <= lastBox.left + 0.5, `row ${i}: the number is beside the label, not under it`);
      // Nothing covers the number: the element at its centre is the cell itself.
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('td')?.getAttribute('data-cell') ?? null, { x: (lastBox.left + lastBox.right) / 2, y: (lastBox.top + lastBox.bottom) / 2 });
      assert.equal(hit, await last.getAttribute('data-cell'));
      checked++;
    }
    assert.ok(checked >= 5, `${checked} rows checked`);
    assert.equal(await pageOverflow(page), 0);
    await page.close();
  });

  it('a long web address in the prose wraps: the page is no wider than the screen', async () => {
    const page = await open('/2020/hengshan-zhen/', 375);
    assert.ok((await page.locator('.prose').first().innerText()).replace(/\s/g, '').includes(LONG_URL), 'the address is on the page');
    assert.equal(await pageOverflow(page), 0);
    const p = page.locator('.prose p', { hasText: 'zfxxgkndbg' }).first();
    const r = await rect(p);
    assert.ok(r.right <= 375, JSON.stringify(r));
    await p.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-long-url-375.png') });
    await page.close();
  });

  it('the comparison table keeps its agency column beside the last column', async () => {
    const page = await open('/compare/2020/', 375);
    const box = page.locator('.table-scroll:has(table.compare)');
    await scrollToEnd(box);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-compare-end-375.png') });
    const row = page.locator('table.compare tbody tr').first();
    const agency = await rect(row.locator('th'));
    const last = await rect(row.locator('td').last());
    assert.ok(onScreen(agency, 375) && onScreen(last, 375) && agency.right <= last.left + 0.5, JSON.stringify({ agency, last }));
    assert.equal(await pageOverflow(page), 0);
    await page.close();
  });

  it('the year charts fit the screen, the longest bar and its number included', async () => {
    const page = await open('/2020/', 375);
    const charts = page.locator('figure.chart');
    assert.ok((await charts.count()) >= 2);
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      const scroll = chart.locator('.chart-scroll');
      assert.ok(await scroll.evaluate((el) => el.scrollWidth <= el.clientWidth), `chart ${i} needs no scrolling`);
      const svg = await rect(chart.locator('svg'));
      assert.ok(svg.left >= 0 && svg.right <= 375, `chart ${i}: ${JSON.stringify(svg)}`);
      for (const part of ['rect', 'g.values text', 'g.labels text']) {
        const boxes = await chart.locator(`svg ${part}`).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Rect));
        for (const b of boxes) assert.ok(b.left >= svg.left - 0.5 && b.right <= svg.right + 0.5, `chart ${i} ${part} inside: ${JSON.stringify(b)}`);
      }
      // Its text is legible: at least 10 px tall on screen.
      const text = await rect(chart.locator('g.labels text').first());
      assert.ok(text.bottom - text.top >= 10, `label height ${text.bottom - text.top}`);
    }
    await charts.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-year-chart-375.png') });
    assert.equal(await pageOverflow(page), 0);
    await page.close();
  });
});

describe('at 1280 px', () => {
  it('the comparison table shows every column without scrolling', async () => {
    const page = await open('/compare/2020/', 1280);
    const box = page.locator('.table-scroll:has(table.compare)');
    assert.ok(await box.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'nothing cut off');
    const last = await rect(page.locator('table.compare thead th').last());
    assert.ok(last.right <= 1280, JSON.stringify(last));
    await box.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-compare-1280.png') });
    await page.close();
  });
});
