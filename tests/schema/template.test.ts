import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellName, cellsOf } from '../../schema/cells.ts';
import { EDITIONS, editionForYear } from '../../schema/editions/index.ts';
import { checkValues } from '../../schema/rules.ts';

const bySection = (edition: 2019 | 2021) => {
  const counts: Record<string, number> = {};
  for (const c of cellsOf(EDITIONS[edition])) counts[c.section.id] = (counts[c.section.id] ?? 0) + 1;
  return counts;
};

describe('the template description', () => {
  it('has the statutory number of cells per section', () => {
    assert.deepEqual(bySection(2019), { 二: 22, 三: 23 * 7, 四: 15 });
    assert.deepEqual(bySection(2021), { 二: 10, 三: 25 * 7, 四: 15 });
  });

  it('gives every cell a unique id', () => {
    for (const e of [2019, 2021] as const) {
      const ids = cellsOf(EDITIONS[e]).map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
    }
  });

  it('marks 本年增/减 as signed and the money cells with their units', () => {
    const kinds = (e: 2019 | 2021) => cellsOf(EDITIONS[e]).filter((c) => c.kind !== 'count').map((c) => `${c.id}:${c.kind}:${c.unit ?? ''}`);
    assert.deepEqual(kinds(2019), [
      '二/第二十条第（五）项/行政许可/本年增/减:delta:',
      '二/第二十条第（五）项/其他对外管理服务事项/本年增/减:delta:',
      '二/第二十条第（六）项/行政处罚/本年增/减:delta:',
      '二/第二十条第（六）项/行政强制/本年增/减:delta:',
      '二/第二十条第（八）项/行政事业性收费/本年增/减:delta:',
      '二/第二十条第（九）项/政府集中采购/采购总金额:money:元',
    ]);
    assert.deepEqual(kinds(2021), ['二/第二十条第（八）项/行政事业性收费/本年收费金额:money:万元']);
  });

  it('knows which cells are totals of which', () => {
    const cells = new Map(cellsOf(EDITIONS[2021]).map((c) => [c.id, c]));
    assert.equal(cells.get('三/本年度办理结果/总计/自然人')!.total!.of.length, 2 + 8 + 3 + 5 + 3);
    assert.deepEqual(cells.get('四/行政复议/总计')!.total!.of, ['四/行政复议/结果维持', '四/行政复议/结果纠正', '四/行政复议/其他结果', '四/行政复议/尚未审结']);
    assert.equal(cells.get('三/本年新收政府信息公开申请数量/总计')!.total!.of.length, 6);
  });

  it('names a cell by its statutory labels', () => {
    const c = cellsOf(EDITIONS[2019]).find((x) => x.id === '三/本年度办理结果/不予公开/属于国家秘密/自然人')!;
    assert.equal(cellName(c), '「表三：三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 · 自然人」');
  });

  it('maps report years to editions', () => {
    assert.equal(editionForYear(2019), 2019);
    assert.equal(editionForYear(2020), 2019);
    assert.equal(editionForYear(2021), 2021);
    assert.equal(editionForYear(2024), 2021);
  });

  it('R6 and R7 warn on impossible item counts', () => {
    const values = new Map(cellsOf(EDITIONS[2019]).map((c) => [c.id, 0 as number | null]));
    values.set('二/第二十条第（五）项/行政许可/上一年项目数量', 2);
    values.set('二/第二十条第（五）项/行政许可/本年增/减', -3);
    values.set('二/第二十条第（一）项/规章/本年新公开数量', 5);
    values.set('二/第二十条第（一）项/规章/对外公开总数量', 4);
    const rules = checkValues(2019, values, new Set()).map((f) => `${f.rule}:${f.cell}`).sort();
    assert.deepEqual(rules, ['R6:二/第二十条第（五）项/行政许可/本年增/减', 'R7:二/第二十条第（一）项/规章/本年新公开数量']);
  });

  it('does not check a total that has a blank part', () => {
    const values = new Map(cellsOf(EDITIONS[2019]).map((c) => [c.id, 0 as number | null]));
    values.set('四/行政复议/结果维持', null);
    values.set('四/行政复议/总计', 3);
    assert.deepEqual(checkValues(2019, values, new Set(['四/行政复议/总计'])), []);
  });
});
