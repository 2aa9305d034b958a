/**
 * Printing a report: A4 pages, and no statutory table row cut across a page break. Each
 * body row gets two invisible-size markers, one at its top and one at its bottom edge
 * (absolutely positioned, so the layout is unchanged); pdfjs then reads on which page
 * each marker landed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pathsOfType, useSiteAndBrowser } from './harness.ts';

const ctx = useSiteAndBrowser();

/** The printed reports are kept as test artifacts. */
const PRINT_DIR = path.resolve('test-results/print');
const A4 = { width: 595.28, height: 841.89 }; // points

/** Text items of each PDF page, by page number from 1. */
async function pdfText(data: Uint8Array): Promise<{ pages: { width: number; height: number }[]; items: Map<string, number[]> }> {
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { width: number; height: number }[] = [];
  const items = new Map<string, number[]>();
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const vp = p.getViewport({ scale: 1 });
    pages.push({ width: vp.width, height: vp.height });
    const content = await p.getTextContent();
    for (const it of content.items) {
      if (!('str' in it)) continue;
      for (const m of it.str.matchAll(/[TB]\d+x/g)) items.set(m[0], [...(items.get(m[0]) ?? []), n]);
    }
  }
  await doc.destroy();
  return { pages, items };
}

/** Print a report to A4 PDF and list the table rows whose top and bottom land on different pages. */
async function printSplits(reportPath: string, extraCss = ''): Promise<{ rows: number; pages: { width: number; height: number }[]; split: string[] }> {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.origin + reportPath);
  if (extraCss) await page.addStyleTag({ content: extraCss });
  const rows = await page.evaluate(() => {
    const trs = [...document.querySelectorAll('table.statutory tbody tr')];
    trs.forEach((tr, i) => {
      // The last cell spans only this row, so its box is the row's height.
      const cell = tr.lastElementChild as HTMLElement;
      cell.style.position = 'relative';
      for (const [edge, mark] of [['top', 'T'], ['bottom', 'B']] as const) {
        const s = document.createElement('span');
        s.textContent = `${mark}${i}x`;
        s.style.cssText = `position:absolute;${edge}:0;left:0;font-size:3px;line-height:1;color:#000;`;
        cell.append(s);
      }
    });
    return trs.length;
  });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.close();
  if (!extraCss) {
    mkdirSync(PRINT_DIR, { recursive: true });
    writeFileSync(path.join(PRINT_DIR, `${reportPath.split('/').filter(Boolean).join('-')}.pdf`), pdf);
  }
  const { pages, items } = await pdfText(new Uint8Array(pdf));
  const split: string[] = [];
  for (let i = 0; i < rows; i++) {
    const top = items.get(`T${i}x`);
    const bottom = items.get(`B${i}x`);
    assert.ok(top?.length === 1 && bottom?.length === 1, `row ${i} markers found once each (top ${top}, bottom ${bottom})`);
    if (top[0] !== bottom[0]) split.push(`row ${i}: starts on page ${top[0]}, ends on page ${bottom[0]}`);
  }
  return { rows, pages, split };
}

describe('print', () => {
  const reports = pathsOfType('report');

  for (const reportPath of reports) {
    it(`${reportPath} prints on A4 with no table row split between pages`, async () => {
      const { rows, pages, split } = await printSplits(reportPath);
      assert.ok(rows > 30, `statutory rows found: ${rows}`);
      assert.ok(pages.length >= 2, `the report takes ${pages.length} pages`);
      for (const p of pages) {
        assert.ok(Math.abs(p.width - A4.width) < 1 && Math.abs(p.height - A4.height) < 1, `page is ${p.width}×${p.height}pt, not A4`);
      }
      assert.deepEqual(split, [], 'rows cut by a page break');
    });
  }

  it('the check does see cut rows when tall rows are allowed to break', async () => {
    const css = '@media print { table.statutory tr, table.statutory th, table.statutory td { break-inside: auto !important; page-break-inside: auto !important; height: 90pt; } }';
    const { split } = await printSplits(reports[0]!, css);
    assert.ok(split.length > 0, 'tall breakable rows must be reported as cut');
  });
});
