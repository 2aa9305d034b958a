import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { entryOf } from '../../src/load/entry.ts';
import { addReport, emptyAggregate } from '../../src/summary/aggregate.ts';
import { reportStats } from '../../src/summary/index.ts';
import { aggregateView } from '../../src/summary/views.ts';
import { mustLoad } from '../shared.ts';

const seed = readFileSync('reports/2020/huoshan-hengshan.yaml', 'utf8');
/** The seed as a county department's report published on `date` (null: no date stated). */
const county = (id: string, date: string | null, kind = '政府部门') =>
  entryOf(mustLoad(seed.replaceAll('huoshan-hengshan', id).replace('层级: 乡级', '层级: 县级').replace(/类型: \S+/, `类型: ${kind}`).replace('发布日期: null', `发布日期: ${date ?? 'null'}`), `reports/2020/${id}.yaml`), id);

describe('share published on time (条例第四十九条) on year and region summaries', () => {
  it('counts reports without a date or without a statutory date apart, never as late', () => {
    const agg = emptyAggregate();
    for (const e of [county('a', '2021-01-20'), county('b', '2021-02-10'), county('c', null), county('d', '2021-03-30', '人民政府'), county('e', '2021-06-01', '其他')]) addReport(agg, reportStats(e));
    const t = aggregateView(agg, 'y', 500).coverage.timeliness;
    assert.deepEqual([t.onTime, t.late, t.unknown], [2, 1, 2]);
    assert.match(t.text, /^按时发布 2 份，占可判断的 3 份的 66\.7%；逾期 1 份。另有 2 份无法判断/);
  });
  it('says so when no report can be told', () => {
    const agg = emptyAggregate();
    addReport(agg, reportStats(entryOf(mustLoad(seed, 'reports/2020/huoshan-hengshan.yaml'), 'x')));
    assert.match(aggregateView(agg, 'y', 500).coverage.timeliness.text, /^无法判断是否按时发布：这 1 份报告/);
  });
});
