/**
 * The contract the comparison table is tested against: a `<table>` whose sortable column
 * headers are `th` elements holding a `<button>` (marked `data-sortable`, or buttons put
 * into the header row by script); a click sorts the body rows by that column — by each
 * cell's `data-sort` when it has one, else its text; empty values last — and sets
 * `aria-sort` on the header; a second click reverses the order. A region `<select>`
 * (`name="region"` or an id containing "region") filters the rows: only rows whose
 * `data-region` holds the chosen value stay visible; the empty choice shows every row.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Selector of the sortable column headers. */
export const SORTABLE = 'th[data-sortable], thead th:has(> button)';
/** Selector of the region filter. */
export const REGION_FILTER = 'select[name="region"], select[id*="region"]';

/** Texts of the visible body rows in the column under the header `th`, matched by position. */
async function columnTexts(page: Page, thIndex: number): Promise<string[]> {
  return page.evaluate(({ i, sel }) => {
    const th = document.querySelectorAll(sel)[i]!;
    const table = th.closest('table')!;
    const { left, right } = th.getBoundingClientRect();
    return [...table.tBodies]
      .flatMap((b) => [...b.rows])
      .filter((tr) => tr.getClientRects().length > 0)
      .map((tr) => {
        const cell = [...tr.cells].find((c) => {
          const r = c.getBoundingClientRect();
          const mid = (r.left + r.right) / 2;
          return mid >= left && mid <= right;
        });
        return (cell?.getAttribute('data-sort') ?? cell?.textContent ?? '').trim();
      });
  }, { i: thIndex, sel: SORTABLE });
}

/** -1, 0 or 1: numbers by value (blanks last), other text in Chinese collation order. */
function compare(a: string, b: string): number {
  const na = Number(a.replace(/[,，\s%]/g, ''));
  const nb = Number(b.replace(/[,，\s%]/g, ''));
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return Math.sign(na - nb);
  return Math.sign(a.localeCompare(b, 'zh-CN'));
}

const sortedBy = (xs: string[], dir: 1 | -1) => xs.every((x, i) => i === 0 || (x === '' ? true : dir * compare(xs[i - 1]!, x) <= 0));

/** Check sorting and filtering on the page that holds the comparison table. */
export async function checkComparisonTable(page: Page): Promise<void> {
  const headers = page.locator(SORTABLE);
  const n = await headers.count();
  assert.ok(n >= 2, 'at least two sortable columns');
  for (let i = 0; i < n; i++) assert.equal(await headers.nth(i).locator('button').count(), 1, `sortable header ${i} holds one button`);

  // Sort by the last sortable column (a number) and by the first, each both ways.
  for (const i of [n - 1, 0]) {
    const button = headers.nth(i).locator('button');
    await button.click();
    const first = (await headers.nth(i).getAttribute('aria-sort')) ?? '';
    assert.match(first, /^(ascending|descending)$/, `aria-sort after one click on header ${i}`);
    const dir1 = first === 'ascending' ? 1 : -1;
    const once = await columnTexts(page, i);
    assert.ok(once.length >= 2, 'the table has rows to sort');
    assert.ok(sortedBy(once, dir1), `column ${i} is not ${first}: ${once.join(' | ')}`);
    await button.click();
    const second = await headers.nth(i).getAttribute('aria-sort');
    assert.equal(second, first === 'ascending' ? 'descending' : 'ascending', `a second click on header ${i} reverses`);
    const twice = await columnTexts(page, i);
    assert.ok(sortedBy(twice, dir1 === 1 ? -1 : 1), `column ${i} is not ${second}: ${twice.join(' | ')}`);
    for (let j = 0; j < n; j++) if (j !== i) assert.ok([null, 'none'].includes(await headers.nth(j).getAttribute('aria-sort')), `only header ${i} is marked sorted`);
  }

  const select = page.locator(REGION_FILTER);
  assert.equal(await select.count(), 1, 'one region filter <select>');
  const rows = page.locator(SORTABLE.split(', ').map((h) => `table:has(${h}) tbody tr`).join(', '));
  const visible = () => rows.evaluateAll((trs) => trs.filter((tr) => tr.getClientRects().length > 0).map((tr) => tr.getAttribute('data-region') ?? ''));
  const all = await visible();
  const values = (await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
  assert.ok(values.length >= 1, 'the region filter offers regions');
  for (const v of values) {
    await select.selectOption(v);
    const shown = await visible();
    assert.ok(shown.length >= 1, `region ${v} shows its rows`);
    assert.ok(shown.every((r) => r.includes(v)), `region ${v} shows only its rows: ${shown.join(' | ')}`);
    assert.equal(shown.length, all.filter((r) => r.includes(v)).length, `region ${v} shows all of its rows`);
  }
  await select.selectOption('');
  assert.equal((await visible()).length, all.length, 'the empty choice shows every row again');
}
