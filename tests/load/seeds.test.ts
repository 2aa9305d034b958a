import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/load/corpus.ts';

describe('the five seed reports', async () => {
  const corpus = await loadCorpus(['reports/2020']);

  it('all validate without errors', () => {
    assert.equal(corpus.files, 5);
    assert.equal(corpus.reports.length, 5);
    assert.deepEqual(corpus.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('seed 004 (2020 report in the 2021 layout) carries the edition warning; 002 and 001 the prose findings evaluators deduct for', () => {
    assert.deepEqual(
      corpus.diagnostics.map((d) => [d.file, d.rule, d.line, d.column]),
      [
        ['reports/2020/huoshan-hengshan.yaml', 'EDITION-YEAR', 4, 5],
        // "2020 年，朱桥镇收到信息公开申请 1 次，已公开。" while 表三 is all zeros (template-spec §3.3).
        ['reports/2020/laizhou-zhuqiao.yaml', 'R9', 21, 13],
        // "2019年我中心虽然在政府信息公开上做了一些工作…" in the 2020 report (template-spec §3.2).
        ['reports/2020/yijun-yaosheng-leiyuan.yaml', 'PROSE-YEAR', 84, 3],
      ],
    );
  });

  it("seed 002's blank 采购总金额 stays blank, not zero", () => {
    const r = corpus.reports.find((x) => x.file.endsWith('laizhou-zhuqiao.yaml'))!;
    assert.equal(r.values.get('二/第二十条第（九）项/政府集中采购/采购总金额'), null);
    assert.equal(r.values.get('二/第二十条第（九）项/政府集中采购/采购项目数量'), 0);
  });

  it("seed 000's published figures are in their cells", () => {
    const r = corpus.reports.find((x) => x.file.endsWith('luanzhou-leizhuang.yaml'))!;
    assert.equal(r.values.get('二/第二十条第（五）项/行政许可/本年增/减'), 3);
    assert.equal(r.values.get('二/第二十条第（六）项/行政处罚/本年增/减'), 9);
    assert.equal(r.values.get('二/第二十条第（六）项/行政处罚/处理决定数量'), 8);
    assert.equal(r.values.get('二/第二十条第（九）项/政府集中采购/采购总金额'), 3805463.74);
  });
});
