/**
 * A report page with a revision history (built from a temporary git repository: published,
 * corrected twice, reformatted once) at phone and desktop width: passes axe, fits the
 * screen, and the history is reached and opened with the keyboard. Screenshots of the page
 * and of its history go to test-results/screenshots/report-history-<width>(-section).png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { build } from '../../src/build.ts';
import { correctedRepo, type CorrectedRepo } from '../history/repo.ts';
import { axeViolations, collectErrors, describeViolations, launchBrowser, serveSite, SHOTS_DIR, WIDTHS } from './harness.ts';

const PAGE = '/2020/laizhou-zhuqiao/';
let tmp: string;
let repo: CorrectedRepo;
let site: Awaited<ReturnType<typeof serveSite>>;
let browser: Browser;

before(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-history-browser-'));
  process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
  process.env.NIANBAO_SOURCE_URL = 'https://git.example.org/nianbao/blob/{commit}/{path}#L{line}';
  repo = correctedRepo(path.join(tmp, 'repo'));
  const out = path.join(tmp, 'site');
  try {
    assert.ok((await build({ reportsDir: path.join(repo.repo, 'reports'), outDir: out })).built);
  } finally {
    delete process.env.NIANBAO_SOURCE_URL;
  }
  site = await serveSite(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('a report page with its revision history', () => {
  for (const width of WIDTHS) {
    it(`at ${width}px: the history is reached and opened by keyboard, passes axe and fits the screen`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = collectErrors(page);
      assert.equal((await page.goto(site.origin + PAGE, { waitUntil: 'load' }))?.status(), 200);
      await page.screenshot({ path: path.join(SHOTS_DIR, `report-history-${width}-top.png`) });
      // Tab from the top of the page to the 修订 link of the report's details, then follow it.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.getAttribute('href') === '#history');
      }
      assert.ok(found, 'the 修订 link is among the first 40 Tab stops');
      assert.match(await page.evaluate(() => document.activeElement!.textContent!), /发布后更正 2 次/);
      await page.keyboard.press('Enter');
      // The next Tab lands on the newest correction, which Enter opens.
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { tag: el.tagName, text: el.textContent, outline: getComputedStyle(el).outlineStyle, inView: box.top >= 0 && box.bottom <= window.innerHeight };
      });
      assert.equal(focused.tag, 'SUMMARY');
      assert.match(focused.text!, /更正 1 处文字/);
      assert.notEqual(focused.outline, 'none', 'focus is visible');
      assert.ok(focused.inView, 'the focused correction is on screen');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => (document.activeElement!.parentElement as HTMLDetailsElement).open), true);
      // The second correction opens the same way.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.match(await page.evaluate(() => document.activeElement!.textContent!), /更正 1 个数字/);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.querySelectorAll('#history details[open]').length), 2);
      assert.match(await page.locator('#history table.revision-cells').innerText(), /规章 · 本年新制作数量\s+0\s+3/);

      await page.screenshot({ path: path.join(SHOTS_DIR, `report-history-${width}.png`), fullPage: true });
      await page.locator('#history').screenshot({ path: path.join(SHOTS_DIR, `report-history-${width}-section.png`) });
      assert.deepEqual(errors, []);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe at ${width}px:\n${describeViolations(violations)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
      await page.close();
    });
  }
});
