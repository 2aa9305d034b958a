import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchFacets } from '../../src/site/search-facets.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { reportView } from '../../src/site/report-view.ts';
import { reloadReport } from '../../src/load/corpus.ts';
import { searchFields, searchRecord, shortPlaceName, splitAtPlaces } from '../../src/site/search-index.ts';

const report = {
  url: '/2020/dingzhou-haotouzhuang/',
  year: 2020,
  agencyName: '定州市号头庄回族乡人民政府',
  region: ['河北省', '保定市', '定州市', '号头庄回族乡'],
  level: '乡级',
  title: '定州市号头庄回族乡2020年度政府信息公开年度报告',
};

describe('search records', () => {
  it('hold agency, places and year as text, meta for the result line, and the three filters', () => {
    const r = searchRecord(report);
    assert.equal(r.url, report.url);
    assert.equal(r.language, 'zh');
    for (const word of ['定州市号头庄回族乡人民政府', '定州市 号头庄回族乡 人民政府', '号头庄', '保定', '2020年', '乡级']) {
      assert.ok(r.content.includes(word), `content lacks ${word}: ${r.content}`);
    }
    assert.deepEqual(r.meta, { title: report.title, agency: report.agencyName, year: '2020', region: '河北省 › 保定市 › 定州市 › 号头庄回族乡', level: '乡级' });
    assert.deepEqual(r.filters, { year: ['2020'], region: ['河北省'], level: ['乡级'] });
  });

  it('cut a name at the places it contains, longest first', () => {
    assert.equal(splitAtPlaces('莱州市朱桥镇人民政府', ['山东省', '烟台市', '莱州市', '朱桥镇']), '莱州市 朱桥镇 人民政府');
    assert.equal(splitAtPlaces('雷庄镇人民政府', ['河北省', '唐山市', '滦州市', '雷庄镇']), '雷庄镇 人民政府');
    assert.equal(splitAtPlaces('某某办公室', ['北京市']), '某某办公室');
  });

  it('drop administrative suffixes but never leave a single character', () => {
    assert.equal(shortPlaceName('朱桥镇'), '朱桥');
    assert.equal(shortPlaceName('号头庄回族乡'), '号头庄回族');
    assert.equal(shortPlaceName('广西壮族自治区'), '广西壮族');
    assert.equal(shortPlaceName('沙市'), '沙市');
    assert.equal(shortPlaceName('衡山'), '衡山');
  });
});

describe('search facets', () => {
  it('list years newest first, provinces in pinyin order and levels in statutory order', () => {
    const f = searchFacets([
      { year: 2020, region: ['山东省', '烟台市'], level: '乡级' },
      { year: 2021, region: ['安徽省'], level: '县级' },
      { year: 2020, region: ['河北省'], level: '乡级' },
    ]);
    assert.deepEqual(f, { year: ['2021', '2020'], region: ['安徽省', '河北省', '山东省'], level: ['县级', '乡级'] });
  });
});

describe('search fields', () => {
  it('are read from each seed report as its page shows them', async () => {
    const corpus = await loadCorpus(['reports']);
    assert.ok(corpus.reports.length >= 5);
    for (const r of corpus.reports) {
      const v = reportView(await reloadReport(r));
      assert.deepEqual(searchFields(r), { url: v.url, year: v.year, agencyName: v.agencyName, region: v.region, level: v.level, title: v.title });
    }
  });
});
