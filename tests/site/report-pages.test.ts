import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { build } from '../../src/build.ts';
import type { ReportEntry } from '../../src/load/entry.ts';
import { formatValue } from '../../src/site/table-view.ts';
import { SEEDS, sharedDir } from '../shared.ts';
import { cellAttribute } from '../../src/site/table-view.ts';

/** Seed text file → the site path of its report. */
const SEED_PAGES = Object.fromEntries(Object.entries(SEEDS).map(([seed, id]) => [seed, `2020/${id}`]));

/** Every number printed in sections 二 to 四 of a published seed, in reading order. */
function publishedNumbers(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith('二、主动公开'));
  const end = lines.findIndex((l, i) => i > start && /^\s*五、/.test(l));
  return lines
    .slice(start + 1, end)
    .flatMap((l) => l.split('\t'))
    .map((c) => c.trim())
    .filter((c) => /^[+-]?\d+(\.\d+)?$/.test(c));
}

describe('report pages', () => {
  let out: string;
  let reports: readonly ReportEntry[];
  const page = async (p: string) => cheerio.load(await readFile(path.join(out, p, 'index.html'), 'utf8'));

  before(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'nianbao-site-'));
    const result = await build({ outDir: out });
    assert.ok(result.built);
    reports = result.corpus.reports;
  });
  after(() => rm(out, { recursive: true, force: true }));

  for (const [seed, url] of Object.entries(SEED_PAGES)) {
    it(`${url} holds every published number of ${seed} in published order`, async () => {
      const $ = await page(url);
      const printed = $('#s二 td[data-cell], #s三 td[data-cell], #s四 td[data-cell]')
        .map((_, td) => $(td).text().replace('空白', '').trim())
        .get()
        .filter((t) => t !== '');
      const published = publishedNumbers(await readFile(path.join(sharedDir(), 'seeds', seed), 'utf8'));
      assert.ok(published.length >= 197, `seed has ${published.length} numbers`);
      assert.deepEqual(printed, published);
    });

    it(`${url} shows each cell's value in the cell it belongs to`, async () => {
      const $ = await page(url);
      const r = reports.find((x) => x.file.endsWith(`${url.split('/')[1]}.yaml`))!;
      for (const [id, value] of r.values) {
        const td = $(`td[data-cell="${cellAttribute(r.edition.id, id)}"]`);
        assert.equal(td.length, 1, id);
        assert.equal(td.text().replace('空白', '').trim(), formatValue(value), id);
      }
    });
  }

  it('prints a blank cell blank, and says so to screen readers', async () => {
    const $ = await page('2020/laizhou-zhuqiao');
    const td = $(`td[data-cell="${cellAttribute(2019, '二/第二十条第（九）项/政府集中采购/采购总金额')}"]`);
    assert.equal(td.find('.visually-hidden').text(), '空白');
    assert.equal(td.text(), '空白');
    assert.ok(td.hasClass('blank'));
  });

  it('reproduces the statutory header spans of section 三 and 四', async () => {
    const $ = await page('2020/luanzhou-leizhuang');
    const spans = (sel: string) => $(sel).find('thead tr').map((_, tr) => [$(tr).find('th').map((__, th) => `${$(th).text().trim()}:${$(th).attr('rowspan') ?? 1}x${$(th).attr('colspan') ?? 1}`).get()]).get();
    const t3 = spans('table.t3');
    assert.equal(t3.length, 3);
    assert.deepEqual(t3[0], ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）:3x3', '申请人情况:1x7']);
    assert.deepEqual(t3[1], ['自然人:2x1', '法人或其他组织:1x5', '总计:2x1']);
    assert.deepEqual(t3[2], ['商业企业:1x1', '科研机构:1x1', '社会公益组织:1x1', '法律服务机构:1x1', '其他:1x1']);
    const t4 = spans('table.t4');
    assert.deepEqual(t4[0], ['行政复议:1x5', '行政诉讼:1x10']);
    assert.deepEqual(t4[1], ['结果维持:2x1', '结果纠正:2x1', '其他结果:2x1', '尚未审结:2x1', '总计:2x1', '未经复议直接起诉:1x5', '复议后起诉:1x5']);
    assert.equal(t4[2]!.length, 10);
    // Row labels of section 三: the outcome group spans all its 20 rows (2019).
    assert.equal($('table.t3 th.row-group').first().attr('rowspan'), '20');
    assert.equal($('table.t3 tbody tr').length, 23);
  });

  it('ties every data cell to existing header cells', async () => {
    for (const url of Object.values(SEED_PAGES)) {
      const $ = await page(url);
      $('td[data-cell]').each((_, td) => {
        const ids = ($(td).attr('headers') ?? '').split(' ').filter(Boolean);
        assert.ok(ids.length >= 1, `${url} ${$(td).attr('data-cell')}`);
        for (const id of ids) assert.equal($(`#${id}`).prop('tagName'), 'TH', `${url} ${id}`);
      });
    }
  });

  it('is a Chinese page with the date formatted and the edition named', async () => {
    const $ = await page('2020/laizhou-zhuqiao');
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.equal($('.meta time').text(), '2021年1月26日');
    assert.match($('.meta').text(), /2019年版（国办公开办函〔2019〕60号）/);
    assert.equal($('h2').map((_, h) => $(h).text()).get().filter((t) => /^[一二三四五六]、/.test(t)).length, 6);
    const noSix = await page('2020/dingzhou-haotouzhuang');
    assert.equal(noSix('#s六').length, 0, 'a report without section 六 shows none');
  });

  it('tells the public what is unusual about a report, without the advice meant for clerks', async () => {
    const $ = await page('2020/huoshan-hengshan');
    const notes = $('.notes').text();
    assert.match(notes, /按规定应使用2019年版格式（国办公开办函〔2019〕60号），而报告使用的是2021年版格式/);
    assert.match(notes, /本页按原报告的格式展示/);
    assert.doesNotMatch(notes, /请把|请核对|请逐格/);
  });

  it('lists every report on the index page by region', async () => {
    const $ = cheerio.load(await readFile(path.join(out, 'index.html'), 'utf8'));
    const links = $('.report-list a').map((_, a) => $(a).attr('href')).get();
    assert.deepEqual(links.sort(), Object.values(SEED_PAGES).map((u) => `/${u}/`).sort());
    assert.match($('.region-list').text(), /河北省[\s\S]*保定市[\s\S]*定州市/);
  });
});
