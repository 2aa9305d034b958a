import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from '../../bench/generate.ts';
import { checkCrossYear } from '../../schema/cross-year.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { crossYearDiagnostics } from '../../src/load/cross-year.ts';
import { loadTwoYears } from './fixture.ts';

const v = (entries: Record<string, number | null>) => new Map(Object.entries(entries));

describe('cross-year rules', () => {
  it('R5: flags each column whose carried-over count differs from last year’s, at this year’s cell, not again at 总计', async () => {
    const corpus = await loadTwoYears();
    const r5 = corpus.diagnostics.filter((d) => d.rule === 'R5');
    assert.deepEqual(r5.map((d) => [d.file.split('/').slice(-2).join('/'), d.severity, d.cell]), [
      ['2020/jia-yizhen.yaml', 'warning', '三/上年结转政府信息公开申请数量/自然人'],
    ]);
    assert.equal(r5[0]!.line, 41);
    assert.match(r5[0]!.message, /填写为 2，但 2019 年度报告的「表三：四、结转下年度继续办理 · 自然人」为 3/);
    // The same finding is among the report's own notes (shown on its page).
    const report = corpus.reports.find((r) => r.file.endsWith('2020/jia-yizhen.yaml'))!;
    assert.equal(report.diagnostics.filter((d) => d.rule === 'R5').length, 1);
  });

  it('R8: flags 现行有效件数 that does not follow from last year’s, only between 2021-edition reports', async () => {
    const corpus = await loadTwoYears();
    const r8 = corpus.diagnostics.filter((d) => d.rule === 'R8');
    assert.equal(r8.length, 1);
    assert.ok(r8[0]!.file.endsWith('2022/hengshan-zhen.yaml'));
    assert.equal(r8[0]!.cell, '二/第二十条第（一）项/规章/现行有效件数');
    assert.match(r8[0]!.message, /12 \+ 本年制发件数 1 − 本年废止件数 0 = 13，相差 2/);
  });

  it('says nothing when the years are not consecutive or a cell is blank', () => {
    const prev = { year: 2019, editionId: 2019 as const, values: v({ '三/结转下年度继续办理/自然人': 3 }) };
    const cur = { year: 2020, editionId: 2019 as const, values: v({ '三/上年结转政府信息公开申请数量/自然人': 2 }) };
    assert.equal(checkCrossYear(prev, cur).length, 1);
    assert.equal(checkCrossYear({ ...prev, year: 2018 }, cur).length, 0);
    assert.equal(checkCrossYear(prev, { ...cur, values: v({ '三/上年结转政府信息公开申请数量/自然人': null }) }).length, 0);
    assert.equal(checkCrossYear(prev, { ...cur, values: v({ '三/上年结转政府信息公开申请数量/自然人': 3 }) }).length, 0);
  });

  it('places many reports\u2019 findings on worker threads exactly as on one thread', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-cross-year-'));
    const saved = process.env.NIANBAO_WORKERS;
    try {
      writeCorpus(dir, 520, 5);
      const { reports } = await loadCorpus([dir], { cache: false });
      process.env.NIANBAO_WORKERS = '1';
      const one = await crossYearDiagnostics(reports);
      process.env.NIANBAO_WORKERS = '2';
      const two = await crossYearDiagnostics(reports);
      // Enough reports with findings that the second run used its two workers.
      assert.ok(one.size >= 200, `${one.size} reports with findings`);
      assert.deepEqual([...two.entries()], [...one.entries()]);
    } finally {
      if (saved === undefined) delete process.env.NIANBAO_WORKERS;
      else process.env.NIANBAO_WORKERS = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
