import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Corpus } from '../../src/load/corpus.ts';
import { agencyHistory } from '../../src/summary/history.ts';
import { reportStats, type SiteSummary, summarizeCorpus } from '../../src/summary/index.ts';
import { loadTwoYears } from './fixture.ts';

// Figures of the 2020 fixture reports (see tests/fixtures/corpora/make-two-years.ts), by hand:
//   jia-yizhen   2019 ed.: 自然人 予以公开12 部分公开3 国家秘密1 不掌握4 重复申请2 其他处理1 (=23), 商业企业 予以公开5;
//                          上年结转 自然人2, 结转下年 自然人1 → 新收 22+5 = 27; 办结 28. 复议 维持3 纠正2; 直接起诉 维持1.
//   jia-erzhen   2019 ed.: 自然人 予以公开2 部分公开1 → 新收 3, 办结 3. 复议 维持1 纠正1.
//   shijiazhuang 2019 ed.: 自然人 予以公开30 部分公开5 行政查询2 信访6, 商业企业 予以公开4, 科研机构 行政查询 blank
//                          → 新收 47, 办结 blank. 复议 4/3/1/2; 复议后起诉 all blank. 采购总金额 3805463.74.
//   hengshan     2021 ed.: 自然人 予以公开8 逾期不补正2, 商业企业 其他处理/其他 1; 结转下年 自然人1 → 新收 12, 办结 11.
let corpus: Corpus;
let summary: SiteSummary;
before(async () => {
  corpus = await loadTwoYears();
  summary = summarizeCorpus(corpus);
});

const year = (y: number) => summary.years.find((p) => p.year === y)!;
const cell = (page: ReturnType<typeof year>, id: string, group = 'shared') => {
  for (const t of page.body.tables) {
    if (!t.id.includes(`-${group}-`)) continue;
    for (const row of t.rows) for (const c of row.cells) if (c.cell === id) return c;
  }
  throw new Error(`no ${id} in ${group}`);
};
const indicator = (page: ReturnType<typeof year>, id: string) => page.body.indicators.find((i) => i.id === id)!;

describe('year totals', () => {
  it('adds every report of the year, cell by cell', () => {
    const p = year(2020);
    assert.equal(p.body.coverage.reports, 4);
    assert.equal(cell(p, '三/本年度办理结果/予以公开/自然人').text, String(12 + 2 + 30 + 8));
    assert.equal(cell(p, '三/本年度办理结果/予以公开/商业企业').text, String(5 + 4));
    assert.equal(cell(p, '三/本年新收政府信息公开申请数量/总计').text, String(27 + 3 + 47 + 12));
    assert.equal(cell(p, '四/行政复议/结果维持').text, String(3 + 1 + 4));
    assert.equal(cell(p, '四/行政复议/总计').text, String(5 + 2 + 10));
  });

  it('keeps cells that differ between editions apart, each over its own edition’s reports', () => {
    const p = year(2020);
    assert.equal(cell(p, '三/本年度办理结果/其他处理/自然人', '2019').text, '1');
    assert.equal(cell(p, '三/本年度办理结果/其他处理/逾期不补正/自然人', '2021').text, '2');
    assert.equal(cell(p, '二/第二十条第（九）项/政府集中采购/采购总金额', '2019').text, '3805463.74');
    const covers = p.body.tables.map((t) => t.covers);
    assert.ok(covers.some((c) => c.startsWith('全部 4 份报告')));
    assert.ok(covers.some((c) => c.includes('2019年版') && c.includes('3 份报告')));
    assert.ok(covers.some((c) => c.includes('2021年版') && c.includes('1 份报告')));
    assert.throws(() => cell(p, '三/本年度办理结果/其他处理/自然人', 'shared'));
  });

  it('counts a blank cell as missing, never as 0', () => {
    const p = year(2020);
    const c = cell(p, '三/本年度办理结果/总计/总计');
    assert.equal(c.blank, 1);
    assert.equal(c.text, String(28 + 3 + 11));
    const litigation = cell(p, '四/行政诉讼/复议后起诉/结果维持');
    assert.equal(litigation.blank, 1);
    assert.equal(litigation.text, '0');
    const blanks = p.body.coverage.blanks.map((b) => `${b.name}:${b.blank}/${b.of}`);
    assert.ok(blanks.includes('「表三：三、本年度办理结果 / （三）不予公开 / 8.属于行政查询事项 · 科研机构」:1/4'));
    assert.ok(blanks.includes('「表四：行政诉讼 / 复议后起诉 / 总计」:1/4'));
    assert.equal(blanks.length, 9);
  });

  it('computes indicators over the reports whose cells are filled, with the small-sample rule', () => {
    const p = year(2020);
    assert.equal(indicator(p, 'applications').text, '89');
    const handled = indicator(p, 'handled');
    assert.deepEqual([handled.text, handled.reported, handled.blank], ['42', 3, 1]);
    const rate = indicator(p, 'disclosure-rate');
    assert.deepEqual([rate.num, rate.den, rate.text], [17 + 3 + 3 + 8, 42, '73.8%']);
    assert.equal(indicator(p, 'withheld-share').text, '2.4%');
    assert.equal(indicator(p, 'reviews').text, '17');
    assert.equal(indicator(p, 'suits').text, '1');
    const correction = indicator(p, 'review-correction');
    assert.deepEqual([correction.num, correction.den, correction.text], [2 + 1 + 3, 17 - 2, '40.0%']);
    const suits = indicator(p, 'suit-correction');
    assert.deepEqual([suits.den, suits.text, suits.tooSmall], [1, '样本过少', true]);
  });

  it('draws the outcome chart from the same totals, （六） summed per edition', () => {
    const chart = year(2020).body.charts[0]!;
    const rows = Object.fromEntries(chart.table.rows.map((r) => [r[0], r[1]]));
    assert.equal(rows['（一）予以公开'], String(17 + 2 + 34 + 8));
    assert.equal(rows['（六）其他处理'], String(1 + 2 + 1));
    assert.equal(chart.bars.length, 6);
  });
});

describe('region tree', () => {
  it('has a page for every region of a year that does not repeat another, with breadcrumbs up and links down', () => {
    const urls = summary.regions.filter((r) => r.year === 2020).map((r) => r.url).sort();
    // 河北省 (two cities) and 甲县 (two townships) only: 保定市 has 甲县 alone, the rest one report each.
    assert.deepEqual(urls, ['/regions/2020/河北省/', '/regions/2020/河北省/保定市/甲县/']);
    const county = summary.regions.find((r) => r.url === '/regions/2020/河北省/保定市/甲县/')!.page();
    assert.equal(county.body.coverage.reports, 2);
    // Each township has one report: linked to it.
    assert.deepEqual(county.subRegions.map((s) => [s.name, s.reports, s.url]), [['二镇', 1, '/2020/jia-erzhen/'], ['一镇', 1, '/2020/jia-yizhen/']].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN')));
    // 保定市 is folded into the way here: named, not linked.
    assert.deepEqual(county.breadcrumbs, [{ name: '2020年度', url: '/2020/' }, { name: '河北省', url: '/regions/2020/河北省/' }, { name: '保定市' }]);
    const hebei = summary.regions.find((r) => r.url === '/regions/2020/河北省/')!.page();
    assert.deepEqual(hebei.subRegions.map((s) => [s.name, s.url]), [['保定市', '/regions/2020/河北省/保定市/甲县/'], ['石家庄市', '/2020/shijiazhuang-shi/']].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN')));
  });

  it('leaves a page leading on at every folded address, and links every region of every year where its page leads', () => {
    const moved = Object.fromEntries(summary.moved.map((m) => [m.url, m.to]));
    assert.equal(moved['/regions/2020/河北省/保定市/'], '/regions/2020/河北省/保定市/甲县/');
    assert.equal(moved['/regions/2020/河北省/保定市/甲县/一镇/'], '/2020/jia-yizhen/');
    assert.equal(moved['/regions/2020/安徽省/'], '/2020/hengshan-zhen/');
    assert.equal(moved['/regions/2022/安徽省/六安市/霍山县/衡山镇/'], '/2022/hengshan-zhen/');
    // One-year agencies: their history is their report.
    assert.equal(moved['/agencies/shijiazhuang-shi/'], '/2020/shijiazhuang-shi/');
    assert.equal(moved['/agencies/jia-erzhen/'], '/2020/jia-erzhen/');
    assert.ok(!('/agencies/hengshan-zhen/' in moved));
    assert.deepEqual(summary.agencies.map((a) => a.agencyId).sort(), ['hengshan-zhen', 'jia-yizhen']);
    // Folded and kept pages are apart, and every region of every year is linked somewhere that exists.
    const kept = new Set([...summary.regions.map((r) => r.url), ...summary.agencies.map((a) => a.url)]);
    for (const m of summary.moved) {
      assert.ok(!kept.has(m.url), m.url);
      assert.ok(kept.has(m.to) || m.to in summary.reportLinks, `${m.url} → ${m.to}`);
    }
    const regionCount = new Set(corpus.reports.flatMap((r) => r.agency.region.map((_, i) => `${r.year}/${r.agency.region.slice(0, i + 1).join('/')}`))).size;
    assert.equal(Object.keys(summary.regionLinks).length, regionCount);
    assert.equal(summary.moved.length + summary.regions.length + summary.agencies.length, regionCount + new Set(corpus.reports.map((r) => r.agency.id)).size);
  });

  it('gives a report page the region path the folded summary had, and the nearest summary that is a page', () => {
    const links = summary.reportLinks['/2020/jia-yizhen/']!;
    assert.deepEqual(links.regions, [
      { name: '河北省', url: '/regions/2020/河北省/' },
      { name: '保定市', url: '/regions/2020/河北省/保定市/甲县/' },
      { name: '甲县', url: '/regions/2020/河北省/保定市/甲县/' },
      { name: '一镇' },
    ]);
    assert.deepEqual(links.region, { name: '甲县', url: '/regions/2020/河北省/保定市/甲县/' });
    assert.equal(links.historyUrl, '/agencies/jia-yizhen/');
    // The only report of 安徽省 in 2020: every region on its path leads back to it.
    const alone = summary.reportLinks['/2020/hengshan-zhen/']!;
    assert.deepEqual(alone.regions.map((c) => c.url), [undefined, undefined, undefined, undefined]);
    assert.equal(alone.region, undefined);
    const sjz = summary.reportLinks['/2020/shijiazhuang-shi/']!;
    assert.deepEqual(sjz.region, { name: '河北省', url: '/regions/2020/河北省/' });
    assert.equal(sjz.historyUrl, undefined);
    // The comparison table links a one-year agency's history to its report.
    const row = summary.comparisons.find((c) => c.year === 2020)!.rows.find((r) => r.url === '/2020/shijiazhuang-shi/')!;
    assert.equal(row.historyUrl, '/2020/shijiazhuang-shi/');
  });

  it('totals a region over the reports below it only', () => {
    const hebei = summary.regions.find((r) => r.url === '/regions/2020/河北省/')!.page();
    assert.equal(hebei.body.coverage.reports, 3);
    const applications = hebei.body.indicators.find((i) => i.id === 'applications')!;
    assert.equal(applications.text, String(27 + 3 + 47));
    const province = summary.years.find((y) => y.year === 2020)!;
    assert.deepEqual(province.subRegions.map((s) => s.name).sort(), ['安徽省', '河北省']);
  });
});

describe('comparison and histories', () => {
  it('has one row per agency with its indicators', () => {
    const cmp = summary.comparisons.find((c) => c.year === 2020)!;
    assert.equal(cmp.rows.length, 4);
    const sjz = cmp.rows.find((r) => r.url === '/2020/shijiazhuang-shi/')!;
    const at = (id: string) => sjz.cells[cmp.columns.findIndex((c) => c.id === id)]!;
    assert.deepEqual(at('applications'), { text: '47', sort: '47' });
    assert.deepEqual(at('handled'), { text: '空白', sort: '' });
    assert.deepEqual(at('review-correction'), { text: '样本过少', sort: '' });
    assert.ok(cmp.regions.some((r) => r.value === '河北省/保定市'));
  });

  it('shows every year of an agency with changes from the year before and cross-year warnings', () => {
    const h = summary.agencies.find((a) => a.agencyId === 'hengshan-zhen')!.page();
    assert.deepEqual(h.years.map((y) => y.year), [2022, 2021, 2020]);
    const apps = h.columns.findIndex((c) => c.id === 'applications');
    assert.deepEqual(h.years.map((y) => [y.cells[apps]!.text, y.cells[apps]!.change]), [['7', '+3'], ['4', '−8'], ['12', '']]);
    assert.deepEqual(h.crossYear.map((n) => [n.year, n.rule]), [[2022, 'R8']]);
    const yizhen = summary.agencies.find((a) => a.agencyId === 'jia-yizhen')!.page();
    assert.deepEqual(yizhen.crossYear.map((n) => [n.year, n.rule]), [[2020, 'R5']]);
  });

  it('shows every row of both editions in the history table, （六）其他处理 included, "—" where a year’s edition has no such row', () => {
    // jia-yizhen's 2019 and 2020 reports (2019 edition) and, as its 2021 report, hengshan-zhen's of 2020 (2021 edition).
    const yizhen = corpus.reports.filter((r) => r.agency.id === 'jia-yizhen');
    const later = corpus.reports.find((r) => r.agency.id === 'hengshan-zhen' && r.year === 2020)!;
    const list = [...yizhen, { ...later, year: 2021, agency: yizhen[0]!.agency }];
    const h = agencyHistory('jia-yizhen', list.map((report) => ({ report, stats: reportStats(report) })));
    const editions = h.cellTable.years.map((y) => list.find((r) => r.year === y)!.edition.id);
    assert.deepEqual(editions, [2019, 2019, 2021]);
    const labels = h.cellTable.rows.map((r) => r.label);
    const other = labels.filter((l) => l.includes('（六）其他处理'));
    assert.equal(other.length, 4, labels.join('\n'));
    assert.match(other[0]!, /（六）其他处理（总计）（2019年版）$/);
    assert.ok(other.slice(1).every((l) => l.endsWith('（2021年版）')));
    // In the template's order: after （五）, before （七）总计.
    const at = (s: string) => labels.findIndex((l) => l.includes(s));
    assert.ok(at('（五）不予处理 › 5.') < labels.indexOf(other[0]!) && labels.indexOf(other.at(-1)!) < at('（七）总计'));
    // Every cell of either edition, section 三's 总计 column and all of section 四: 37 shared + 1 + 3.
    assert.equal(labels.length, 41);
    for (const row of h.cellTable.rows.filter((r) => r.label.includes('（六）其他处理'))) {
      const own = row.label.endsWith('（2019年版）') ? 2019 : 2021;
      row.values.forEach((v, i) => {
        if (editions[i] === own) assert.notEqual(v, '—', `${row.label} ${h.cellTable.years[i]}`);
        else assert.equal(v, '—', `${row.label} ${h.cellTable.years[i]}`);
      });
    }
    // jia-yizhen 2019: 其他处理 0, 2020: 1 (自然人); hengshan-zhen: 逾期不补正 2, 其他处理/其他 1.
    assert.deepEqual(h.cellTable.rows.find((r) => r.label.endsWith('（2019年版）'))!.values, ['0', '1', '—']);
    assert.deepEqual(h.cellTable.rows.find((r) => r.label.includes('（六）其他处理 › 1.'))!.values, ['—', '—', '2']);
    assert.deepEqual(h.cellTable.rows.find((r) => r.label.includes('（六）其他处理 › 3.'))!.values, ['—', '—', '1']);
    // An agency with one edition only gets that edition's rows alone.
    const one = summary.agencies.find((a) => a.agencyId === 'jia-yizhen')!.page();
    assert.equal(one.cellTable.rows.filter((r) => r.label.includes('（六）其他处理')).length, one.cellTable.rows.some((r) => r.label.endsWith('（2019年版）')) ? 1 : 3);
    assert.ok(one.cellTable.rows.every((r) => !r.values.includes('—')));
  });

  it('lists every warning and acknowledged deviation on the data-quality page', () => {
    const q = summary.quality[0]!;
    const all = corpus.reports.flatMap((r) => r.diagnostics.filter((d) => d.severity !== 'error'));
    assert.equal(q.total, all.length);
    assert.deepEqual(q.byRule.map((r) => r.rule), ['EDITION-YEAR', 'R5', 'R8']);
  });
});
