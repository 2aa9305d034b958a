import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { build } from '../../src/build.ts';
import { TWO_YEARS } from '../summary/fixture.ts';

let dir: string;
let server: http.Server;
let browser: Browser;
let base: string;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-browser-'));
  assert.ok((await build({ reportsDir: TWO_YEARS, outDir: path.join(dir, 'site') })).built);
  server = http.createServer(async (req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    try {
      const body = await readFile(path.join(dir, 'site', p));
      res.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});
after(async () => {
  await browser?.close();
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('comparison table in the browser', () => {
  it('filters by region and sorts by a column, blanks last', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/compare/2020/`);
    const visible = () => page.$$eval('#compare-table tbody tr:not([hidden]) th a', (as) => as.map((a) => a.textContent));
    assert.equal((await visible()).length, 4);
    await page.selectOption('#region-filter', '河北省/保定市');
    assert.deepEqual((await visible()).sort(), ['甲县一镇人民政府', '甲县二镇人民政府'].sort());
    assert.equal(await page.textContent('#compare-count'), '显示 2 个机关');
    await page.selectOption('#region-filter', '');
    // Column 6 is 本年办结申请: 28, 3, 11 and one blank.
    await page.click('#compare-table thead th:nth-child(6) button');
    const column = () => page.$$eval('#compare-table tbody td:nth-child(6)', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(await column(), ['3', '11', '28', '空白']);
    await page.click('#compare-table thead th:nth-child(6) button');
    assert.deepEqual(await column(), ['28', '11', '3', '空白']);
    assert.equal(await page.getAttribute('#compare-table thead th:nth-child(6)', 'aria-sort'), 'descending');
    await page.close();
  });

  it('a folded page\'s old address takes the reader to the page it was folded into', async () => {
    const page = await browser.newPage();
    for (const [from, to] of [
      ['/regions/2020/河北省/保定市/', '/regions/2020/河北省/保定市/甲县/'],
      ['/regions/2020/河北省/保定市/甲县/一镇/', '/2020/jia-yizhen/'],
      ['/agencies/shijiazhuang-shi/', '/2020/shijiazhuang-shi/'],
    ]) {
      await page.goto(`${base}${encodeURI(from!)}`);
      await page.waitForURL(`${base}${encodeURI(to!)}`);
      assert.ok(await page.locator('h1').count(), `${from} → ${to}`);
    }
    await page.close();
  });

  it('summary pages have no axe violations', async () => {
    const axe = await readFile(path.join('node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    for (const url of ['/2020/', '/regions/2020/河北省/保定市/甲县/', '/compare/2020/', '/agencies/hengshan-zhen/', '/quality/', '/data/']) {
      const page = await browser.newPage();
      await page.goto(`${base}${encodeURI(url)}`);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const w = window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string }[] }> } };
        return (await w.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations.map((v) => v.id);
      });
      assert.deepEqual(violations, [], url);
      await page.close();
    }
  });
});
