/** Every page type at phone and desktop width: no errors, no axe violations, screenshots, keyboard use. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { axeViolations, collectErrors, describeViolations, pageTypes, SHOTS_DIR, WIDTHS, useSiteAndBrowser } from './harness.ts';
import { cellOfAttribute } from '../../src/site/table-view.ts';

const ctx = useSiteAndBrowser();
const types = pageTypes();

before(() => {
  mkdirSync(SHOTS_DIR, { recursive: true });
});

describe('every page type', () => {
  it('includes the home page, a report page, the search page and the 404 page', () => {
    const names = types.map((t) => t.name);
    for (const n of ['home', 'report', 'search', '404']) assert.ok(names.includes(n), `page type ${n} missing from ${names.join(', ')}`);
  });

  for (const type of types) {
    for (const width of WIDTHS) {
      it(`${type.name} (${type.path}) at ${width}px: loads cleanly, passes axe, fits the screen`, async () => {
        const page = await ctx.browser.newPage({ viewport: { width, height: 900 } });
        const errors = collectErrors(page);
        const response = await page.goto(ctx.origin + type.path, { waitUntil: 'load' });
        assert.equal(response?.status(), 200);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(SHOTS_DIR, `${type.name}-${width}.png`), fullPage: true });
        assert.deepEqual(errors, [], `errors on ${type.path}`);

        const violations = await axeViolations(page);
        assert.equal(violations.length, 0, `axe on ${type.path} at ${width}px:\n${describeViolations(violations)}`);

        // Wide tables scroll inside their own box; the page itself never scrolls sideways.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${type.path} is ${overflow}px wider than a ${width}px screen`);

        const meta = await page.evaluate(() => ({
          title: document.title,
          description: document.querySelector('meta[name=description]')?.getAttribute('content') ?? '',
          h1: document.querySelectorAll('h1').length,
          levels: [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')].map((h) => Number(h.tagName[1])),
        }));
        assert.ok(meta.title.length > 0 && meta.description.length > 0, 'title and description');
        assert.equal(meta.h1, 1, 'exactly one h1');
        meta.levels.forEach((l, i) => {
          if (i > 0) assert.ok(l <= meta.levels[i - 1]! + 1, `heading levels skip from h${meta.levels[i - 1]} to h${l} on ${type.path}`);
        });
        await page.close();
      });
    }
  }
});

describe('keyboard', () => {
  it('the first Tab shows the skip link, which moves focus to the main content', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(ctx.origin + types.find((t) => t.name === 'report')!.path);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const box = a.getBoundingClientRect();
      return { text: a.textContent, href: a.getAttribute('href'), visible: box.left >= 0 && box.width > 0, outline: getComputedStyle(a).outlineStyle };
    });
    assert.equal(skip.href, '#main');
    assert.ok(skip.visible, 'skip link is on screen when focused');
    assert.notEqual(skip.outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.close();
  });

  it('every control of the search page shows where the focus is', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(ctx.origin + '/search/', { waitUntil: 'networkidle' });
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName, name: el.getAttribute('name') ?? el.textContent?.trim() ?? '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      if (f.tag === 'BODY') break;
      seen.push(`${f.tag}:${f.name}`);
      assert.ok(f.outline !== 'none' && f.width >= 2, `focus on ${f.tag} ${f.name} is not visible`);
    }
    for (const control of ['INPUT:q', 'BUTTON:搜索', 'SELECT:year', 'SELECT:region', 'SELECT:level']) assert.ok(seen.includes(control), `${control} reachable by Tab: ${seen.join(', ')}`);
    await page.close();
  });

  it('every statutory table can be reached with Tab and scrolled with the arrow keys at 375px', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(ctx.origin + types.find((t) => t.name === 'report')!.path);
    const regions = page.locator('.table-scroll');
    const n = await regions.count();
    assert.ok(n >= 3, 'three statutory tables');
    let scrolled = 0;
    for (let i = 0; i < n; i++) {
      const r = regions.nth(i);
      assert.equal(await r.getAttribute('tabindex'), '0');
      assert.ok(await r.getAttribute('aria-labelledby'), 'the scroll region is named by its caption');
      await r.focus();
      const outline = await r.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'focused table region shows its focus');
      const wide = await r.evaluate((el) => el.scrollWidth > el.clientWidth);
      if (!wide) continue;
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((el) => (el as HTMLElement).scrollLeft > 0, await r.elementHandle(), { timeout: 2000 });
      scrolled++;
    }
    assert.ok(scrolled > 0, 'at least one table is wider than a phone and scrolls by keyboard');
    await page.close();
  });
});

describe('statutory table headers', () => {
  it('each data cell announces every row and column label the template gives it', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(ctx.origin + types.find((t) => t.name === 'report')!.path);
    const edition = (await page.evaluate(() => [...document.querySelectorAll('dt')].find((dt) => dt.textContent?.includes('表格格式'))?.nextElementSibling?.textContent ?? '')).startsWith('2019') ? 2019 : 2021;
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('td[data-cell]')].map((td) => ({
        attribute: td.getAttribute('data-cell')!,
        headers: (td.getAttribute('headers') ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((h) => {
            const th = document.getElementById(h);
            return th?.tagName === 'TH' ? (th.textContent ?? '').replace(/\s+/g, '') : `<missing ${h}>`;
          }),
      })),
    );
    const cells = shown.map(({ attribute, headers }) => ({ id: cellOfAttribute(edition, attribute), headers }));
    assert.ok(cells.length > 100, 'the page has its statutory cells');
    const defs = new Map(Object.values(EDITIONS).flatMap((e) => cellsOf(e)).map((c) => [c.id, c]));
    for (const c of cells) {
      const def = defs.get(c.id);
      assert.ok(def, `unknown cell ${c.id}`);
      const announced = c.headers.join('|');
      for (const label of [...def.rowLabels, ...def.colLabels]) {
        const bare = label.replace(/\s+/g, '');
        assert.ok(c.headers.some((h) => h.includes(bare)), `cell ${c.id}: label 「${label}」 not among its headers ${announced}`);
      }
    }
    await page.close();
  });
});
