/**
 * Listings longer than a page holds are split by region: every agency is still listed exactly
 * once, every split page is linked from the page above it, every link to a listing finds its
 * entry there, and a rebuild of a split site equals a clean build.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { writeCorpus } from '../../bench/generate.ts';
import { build, type BuildResult } from '../../src/build.ts';
import { outputFile } from '../../src/site/pages-task.ts';
import { splitByRegion } from '../../src/summary/split.ts';
import { snapshot } from '../shared.ts';

describe('splitByRegion', () => {
  const items = [
    ['甲省', '一市', 'a'],
    ['甲省', '一市', 'b'],
    ['甲省', '二市', 'c'],
    ['甲省', 'd'],
    ['乙省', '三市', 'e'],
  ].map((p) => ({ region: p.slice(0, -1), id: p.at(-1)! }));

  it('keeps a listing whole while it fits', () => {
    const split = splitByRegion(items, (i) => i.region, 5);
    assert.equal(split.parts.length, 1);
    assert.deepEqual(split.parts[0]!.items, items);
    assert.equal(split.partOf(['甲省', '一市']), split.parts[0]);
  });

  it('splits by region until every part fits, each item in exactly one part', () => {
    const split = splitByRegion(items, (i) => i.region, 2);
    const listed = split.parts.flatMap((p) => p.items.map((i) => i.id)).sort();
    assert.deepEqual(listed, ['a', 'b', 'c', 'd', 'e']);
    for (const p of split.parts) assert.ok(p.items.length <= 2, `${p.path.join('/')} lists ${p.items.length}`);
    const root = split.partOf([]);
    assert.deepEqual(root.regions.map((r) => [r.name, r.count]), [['甲省', 4], ['乙省', 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN')));
    // 甲省 holds four: split again; its own agency d stays on its page.
    const jia = split.partOf(['甲省']);
    assert.deepEqual(jia.path, ['甲省']);
    assert.deepEqual(jia.items.map((i) => i.id), ['d']);
    assert.deepEqual(split.partOf(['甲省', '一市', '某县']).items.map((i) => i.id), ['a', 'b']);
    assert.deepEqual(split.partOf(['乙省', '三市']).path, ['乙省']);
  });

  it('passes over a level where every entry lies in the same region', () => {
    const jia = items.filter((i) => i.region[0] === '甲省');
    const split = splitByRegion(jia, (i) => i.region, 2);
    const root = split.partOf([]);
    assert.deepEqual(root.items.map((i) => i.id), ['d'], '甲省 itself is listed on the first page');
    assert.deepEqual(root.regions.map((r) => r.name).sort(), ['甲省 一市', '甲省 二市'].sort());
    assert.equal(split.partOf(['甲省']), root, '甲省 has no page of its own');
    assert.deepEqual(split.partOf(['甲省', '二市']).above, [[]]);
  });

  it('lists entries it cannot split further on one page, however many', () => {
    const same = [1, 2, 3].map((id) => ({ region: ['甲省'], id }));
    const split = splitByRegion(same, (i) => i.region, 1);
    assert.deepEqual(split.partOf(['甲省']).items.map((i) => i.id), [1, 2, 3]);
  });
});

describe('a site whose listings are split by region', () => {
  const LIMIT = 6;
  let tmp: string;
  let reports: string;
  let site: string;
  let result: BuildResult;
  const html = async (sitePath: string) => cheerio.load(await readFile(outputFile(site, sitePath), 'utf8'));
  const links = ($: cheerio.CheerioAPI, selector: string) => $(selector).map((_, a) => $(a).attr('href')!).get();

  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-split-'));
    process.env.NIANBAO_CACHE_DIR = path.join(tmp, 'cache');
    reports = path.join(tmp, 'reports');
    site = path.join(tmp, 'site');
    writeCorpus(reports, 60, 3);
    result = await build({ reportsDir: reports, outDir: site, listLimit: LIMIT });
    assert.ok(result.built);
  });
  after(async () => {
    delete process.env.NIANBAO_CACHE_DIR;
    await rm(tmp, { recursive: true, force: true });
  });

  it('lists every agency of a year in exactly one comparison table, each table linked from the one above', async () => {
    const summary = result.summary!;
    for (const year of [2020, 2021]) {
      const pages = summary.comparisons.filter((p) => p.year === year);
      assert.ok(pages.length > 1, `${year}: the comparison is split`);
      const rows = pages.flatMap((p) => p.rows.map((r) => r.url)).sort();
      const expected = result.corpus.reports.filter((r) => r.year === year).map((r) => `/${year}/${r.agency.id}/`).sort();
      assert.deepEqual(rows, expected);
      for (const p of pages) {
        const $ = await html(p.url);
        assert.equal($('#compare-table tbody tr').length, p.rows.length, `${p.url} prints its rows`);
        for (const sub of p.subRegions) {
          assert.ok(links($, '.subregions a').includes(sub.url), `${p.url} links ${sub.url}`);
          assert.ok(existsSync(outputFile(site, sub.url)), `${sub.url} was written`);
        }
      }
      assert.ok(pages.some((p) => p.rows.length <= LIMIT && p.subRegions.length === 0), 'the split ends in tables');
    }
  });

  it('links each report page to the comparison table that lists it', async () => {
    for (const r of result.corpus.reports.slice(0, 12)) {
      const page = `/${r.year}/${r.agency.id}/`;
      const compare = result.summary!.reportLinks[page]!.compareUrl;
      assert.ok(links(await html(page), 'a').includes(compare), `${page} links ${compare}`);
      assert.ok(links(await html(compare), '#compare-table a').includes(page), `${compare} lists ${page}`);
    }
  });

  it('splits the data-quality notes by region, each note still on exactly one page', async () => {
    const pages = result.summary!.quality;
    assert.ok(pages.length > 1, 'the quality list is split');
    const listed = pages.flatMap((p) => p.years.flatMap((y) => y.reports.flatMap((r) => r.notes.map((n) => `${r.url} ${n.rule} ${n.location}`)))).sort();
    const expected = result.corpus.reports.flatMap((r) => r.diagnostics.filter((d) => d.severity !== 'error').map((d) => `/${r.year}/${r.agency.id}/ ${d.rule} ${d.file}:${d.line}:${d.column}`)).sort();
    assert.deepEqual(listed, expected);
    assert.equal(pages[0]!.total, expected.length);
    for (const p of pages) {
      const $ = await html(p.url);
      for (const y of p.years) for (const sub of y.subRegions) assert.ok(links($, '.subregions a').includes(sub.url) && existsSync(outputFile(site, sub.url)), `${p.url} links ${sub.url}`);
    }
  });

  it('lists regions, not reports, on the index and the year summaries, and gives the data files\' address pattern', async () => {
    const index = await html('/');
    assert.equal(index('.report-list').length, 0);
    const regions = index('.region-list li').length;
    assert.ok(regions > 0 && regions <= LIMIT, `${regions} regions listed`);
    const summaries = links(index, '.region-list a');
    assert.ok(summaries.length >= regions, 'each region links its summaries');
    for (const url of summaries) assert.ok(existsSync(outputFile(site, url)), `${url} was written`);
    const year = await html('/2020/');
    assert.equal(year('details.members').length, 0);
    const data = await html('/data/');
    assert.match(data('main').text(), /\/data\/2020\/机关标识\.json/);
  });

  it('is remade after a change exactly as a clean build makes it', async () => {
    const file = path.join(reports, '2020', (await import('node:fs')).readdirSync(path.join(reports, '2020')).sort()[0]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^(标题: .*)$/m, '$1（更正）'));
    assert.ok((await build({ reportsDir: reports, outDir: site, listLimit: LIMIT })).built);
    const out = path.join(tmp, 'clean');
    assert.ok((await build({ reportsDir: reports, outDir: out, listLimit: LIMIT, clean: true })).built);
    assert.deepEqual(await snapshot(site), await snapshot(out));
  });
});
