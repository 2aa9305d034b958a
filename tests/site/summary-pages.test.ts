import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CheerioAPI, load } from 'cheerio';
import type { EditionId } from '../../schema/editions/index.ts';
import { build } from '../../src/build.ts';
import { INDICATORS, indicatorText, OUTCOME_GROUPS } from '../../src/summary/indicators.ts';
import { TWO_YEARS } from '../summary/fixture.ts';
import { cellOfAttribute } from '../../src/site/table-view.ts';

let out: string;
const page = async (url: string): Promise<CheerioAPI> => load(await readFile(path.join(out, decodeURIComponent(url), 'index.html'), 'utf8'));

interface ReportPage {
  readonly url: string;
  readonly region: readonly string[];
  readonly edition: EditionId;
  /** Cell id → number, or null when the page shows the cell blank. */
  readonly cells: Map<string, number | null>;
}
const reports = new Map<number, ReportPage[]>();

/** A report page's figures, read from its statutory tables. */
async function readReport(url: string): Promise<ReportPage> {
  const $ = await page(url);
  const cells = new Map<string, number | null>();
  const edition = $('dt:contains("表格格式")').next('dd').text().startsWith('2019') ? 2019 : 2021;
  $('table.statutory td[data-cell]').each((_, td) => {
    const own = $(td).clone().children().remove().end().text().trim();
    cells.set(cellOfAttribute(edition, $(td).attr('data-cell')!), own === '' ? null : Number(own));
  });
  const region = $('dt:contains("所在地区")').next('dd').text().trim().split(' ');
  return { url, region, edition, cells };
}

before(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'nianbao-site-'));
  const result = await build({ reportsDir: TWO_YEARS, outDir: path.join(out, 'site') });
  assert.ok(result.built);
  out = path.join(out, 'site');
  for (const year of ['2019', '2020', '2021', '2022']) {
    const ids = (await readdir(path.join(out, year), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    reports.set(Number(year), await Promise.all(ids.map((id) => readReport(`/${year}/${id}/`))));
  }
});
after(async () => {
  await rm(path.dirname(out), { recursive: true, force: true });
});

/** Sum and blank count of one cell over report pages, as the summary should print them. */
function expected(pages: readonly ReportPage[], cell: string): { sum: number; blank: number; reported: number } {
  let sum = 0;
  let blank = 0;
  let reported = 0;
  for (const p of pages) {
    if (!p.cells.has(cell)) continue;
    const v = p.cells.get(cell)!;
    if (v === null) blank++;
    else {
      sum += v;
      reported++;
    }
  }
  return { sum, blank, reported };
}

/** Every total on a summary page ties out with the report pages it covers. */
function tieOut($: CheerioAPI, pages: readonly ReportPage[]): number {
  let checked = 0;
  $('table.sum-table td[data-cell]').each((_, td) => {
    const cell = $(td).attr('data-cell')!;
    const e = expected(pages, cell);
    const shown = $(td).find('.v').text();
    const blank = Number($(td).find('.blank-count').text().replace(/\D/g, '') || 0);
    assert.equal(blank, e.blank, `${cell} blanks`);
    if (e.reported === 0) assert.equal(shown, '', cell);
    else assert.ok(Math.abs(Number(shown) - e.sum) < 1e-6, `${cell}: page ${shown}, reports ${e.sum}`);
    checked++;
  });
  return checked;
}

describe('summary pages tie out with the report pages', () => {
  it('year summary: every total equals the sum over that year’s report pages', async () => {
    for (const [year, pages] of reports) {
      const $ = await page(`/${year}/`);
      assert.equal(Number($('.coverage-reports').text()), pages.length);
      const checked = tieOut($, pages);
      assert.ok(checked >= 169, `${year}: ${checked} cells checked`);
    }
  });

  it('region pages: every total equals the sum over the report pages below the region', async () => {
    const regionsDir = path.join(out, 'regions');
    const dirs = (await readdir(regionsDir, { recursive: true })).filter((f) => f.endsWith('index.html')).map((f) => path.dirname(f));
    assert.equal(dirs.length, 22);
    let summaries = 0;
    for (const dir of dirs) {
      const [year, ...regionPath] = dir.split(path.sep);
      const below = reports.get(Number(year))!.filter((p) => regionPath.every((name, i) => p.region[i] === name));
      assert.ok(below.length > 0, dir);
      const $ = await page(`/regions/${dir.split(path.sep).join('/')}/`);
      const refresh = $('meta[http-equiv=refresh]').attr('content');
      if (refresh) {
        // Folded: it leads to the only report below it, or to the summary of its only sub-region.
        const to = decodeURI(/url=(.*)$/.exec(refresh)![1]!);
        if (below.length === 1) assert.equal(to, below[0]!.url, dir);
        else assert.ok(to.startsWith(`/regions/${dir.split(path.sep).join('/')}/`) && to.length > dir.length + 10, `${dir} → ${to}`);
        continue;
      }
      summaries++;
      assert.equal(Number($('.coverage-reports').text()), below.length, dir);
      tieOut($, below);
    }
    // 河北省 and 甲县 of 2020; the rest are one report each, or 保定市 of 甲县 alone.
    assert.equal(summaries, 2);
  });

  it('indicators and chart tables use the same numbers as the report pages', async () => {
    const pages = reports.get(2020)!;
    const $ = await page('/2020/');
    const applications = expected(pages, '三/本年新收政府信息公开申请数量/总计').sum;
    assert.equal($('tr[data-indicator="applications"] td.num').text(), String(applications));
    const disclosed = pages.filter((p) => p.cells.get('三/本年度办理结果/总计/总计') !== null);
    const num = expected(disclosed, '三/本年度办理结果/予以公开/总计').sum + expected(disclosed, '三/本年度办理结果/部分公开/总计').sum;
    const den = expected(disclosed, '三/本年度办理结果/总计/总计').sum;
    assert.equal($('tr[data-indicator="disclosure-rate"] td.num').text(), `${((num / den) * 100).toFixed(1)}%（${num} / ${den}）`);
    const chartRow = $('#y-outcomes-table-caption').closest('table').find('tbody tr').first();
    assert.equal(chartRow.find('td').text(), String(expected(pages, '三/本年度办理结果/予以公开/总计').sum));
    assert.equal($('svg[role="img"]').length, 2);
    assert.equal($('#y-appeals svg rect').length > 0, true);
  });
});

/** Sum of cells on one report page; null when any is blank. */
const sumOn = (p: ReportPage, ids: readonly string[]): number | null => {
  let s = 0;
  for (const id of ids) {
    const v = p.cells.get(id);
    if (v === null || v === undefined) return null;
    s += v;
  }
  return s;
};

describe('every indicator and chart figure ties out', () => {
  it('indicators on each year page equal their formula applied to the report pages', async () => {
    for (const [year, pages] of reports) {
      const $ = await page(`/${year}/`);
      for (const ind of INDICATORS) {
        let num = 0;
        let den = 0;
        let used = 0;
        for (const p of pages) {
          const n = sumOn(p, ind.numerator[p.edition]);
          const plus = ind.denominator ? sumOn(p, ind.denominator.plus[p.edition]) : 0;
          const minus = ind.denominator ? sumOn(p, ind.denominator.minus[p.edition]) : 0;
          if (n === null || plus === null || minus === null) continue;
          num += n;
          den += plus - minus;
          used++;
        }
        const text = used === 0 ? '无数据' : indicatorText(ind, num, ind.denominator ? den : null);
        const shown = $(`tr[data-indicator="${ind.id}"] td.num`).contents().first().text();
        assert.equal(shown, text, `${year} ${ind.id}`);
      }
    }
  });

  it('chart tables on each year page equal the report pages', async () => {
    for (const [year, pages] of reports) {
      const $ = await page(`/${year}/`);
      const outcomes = $('#y-outcomes-table-caption').closest('table').find('tbody tr');
      OUTCOME_GROUPS.forEach((g, i) => {
        const expectedSum = pages.reduce((s, p) => s + (sumOn(p, g.ids[p.edition]) ?? 0), 0);
        assert.equal(outcomes.eq(i).find('td').text(), String(expectedSum), `${year} ${g.label}`);
      });
      const appeals = $('#y-appeals-table-caption').closest('table');
      const series = appeals.find('thead th').map((_, th) => $(th).text()).get();
      appeals.find('tbody tr').each((_, tr) => {
        const [group, ...kind] = $(tr).find('th').text().split(' · ');
        $(tr).find('td').each((j, td) => {
          const result = series[j]!;
          const id = result === '合计' ? ['四', group, ...kind, '总计'].join('/') : ['四', group, ...kind, result].join('/');
          assert.equal($(td).text(), String(expected(pages, id).sum), `${year} ${id}`);
        });
      });
    }
  });
});

describe('other pages', () => {
  it('comparison table has one row per report of the year, readable without JavaScript', async () => {
    const $ = await page('/compare/2020/');
    const links = $('#compare-table tbody th a').map((_, a) => $(a).attr('href')).get().sort();
    assert.deepEqual(links, reports.get(2020)!.map((p) => p.url).sort());
    assert.equal($('#compare-table thead th[scope="col"]').length, 4 + 10 + 1);
  });

  it('data-quality page, report notes and agency history show the cross-year warnings', async () => {
    const q = await page('/quality/');
    assert.ok(q('a[href="/2020/jia-yizhen/#notes-heading"]').length === 1);
    assert.match(q('main').text(), /R5/);
    const report = await page('/2020/jia-yizhen/');
    assert.match(report('.notes').text(), /上年结转与上一年度的结转下年度不符/);
    const history = await page('/agencies/hengshan-zhen/');
    assert.match(history('main').text(), /R8/);
    assert.deepEqual(history('table.history tbody th a').map((_, a) => history(a).text()).get(), ['2022年度', '2021年度', '2020年度']);
  });

  it('every link on the summary, data and report pages leads to a file of the site', async () => {
    const htmlFiles = (await readdir(out, { recursive: true })).filter((f) => f.endsWith('.html'));
    let links = 0;
    for (const f of htmlFiles) {
      const $ = load(await readFile(path.join(out, f), 'utf8'));
      $('a[href^="/"]').each((_, a) => {
        const href = decodeURIComponent($(a).attr('href')!.split('#')[0]!);
        const target = path.join(out, href, href.endsWith('/') ? 'index.html' : '');
        assert.ok(existsSync(target), `${f} → ${href}`);
        links++;
      });
    }
    assert.ok(links > 100);
  });
});
