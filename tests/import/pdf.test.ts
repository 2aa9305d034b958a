import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { importFile, type ImportResult } from '../../src/import/index.ts';
import { mustLoad, sharedDir } from '../shared.ts';

/**
 * The published figures of 淮安市人民政府 2024, typed from the rendered PDF pages 3–5,
 * row by row in the order the tables print them.
 */
const SECTION2: Record<string, number> = {
  '二/第二十条第（一）项/规章/本年制发件数': 1,
  '二/第二十条第（一）项/规章/本年废止件数': 0,
  '二/第二十条第（一）项/规章/现行有效件数': 11,
  '二/第二十条第（一）项/行政规范性文件/本年制发件数': 8,
  '二/第二十条第（一）项/行政规范性文件/本年废止件数': 26,
  '二/第二十条第（一）项/行政规范性文件/现行有效件数': 66,
  '二/第二十条第（五）项/行政许可/本年处理决定数量': 447228,
  '二/第二十条第（六）项/行政处罚/本年处理决定数量': 3985758,
  '二/第二十条第（六）项/行政强制/本年处理决定数量': 88283,
  '二/第二十条第（八）项/行政事业性收费/本年收费金额': 96171.6,
};

/** Section 三: row → 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
const SECTION3: [string, number[]][] = [
  ['本年新收政府信息公开申请数量', [3001, 53, 0, 0, 61, 4, 3119]],
  ['上年结转政府信息公开申请数量', [34, 0, 0, 0, 0, 0, 34]],
  ['本年度办理结果/予以公开', [1288, 21, 0, 0, 50, 3, 1362]],
  ['本年度办理结果/部分公开', [447, 7, 0, 0, 0, 0, 454]],
  ['本年度办理结果/不予公开/属于国家秘密', [2, 0, 0, 0, 0, 0, 2]],
  ['本年度办理结果/不予公开/其他法律行政法规禁止公开', [30, 1, 0, 0, 0, 0, 31]],
  ['本年度办理结果/不予公开/危及“三安全一稳定”', [5, 0, 0, 0, 0, 0, 5]],
  ['本年度办理结果/不予公开/保护第三方合法权益', [6, 0, 0, 0, 0, 0, 6]],
  ['本年度办理结果/不予公开/属于三类内部事务信息', [7, 1, 0, 0, 0, 0, 8]],
  ['本年度办理结果/不予公开/属于四类过程性信息', [12, 0, 0, 0, 0, 0, 12]],
  ['本年度办理结果/不予公开/属于行政执法案卷', [9, 0, 0, 0, 0, 0, 9]],
  ['本年度办理结果/不予公开/属于行政查询事项', [105, 0, 0, 0, 0, 0, 105]],
  ['本年度办理结果/无法提供/本机关不掌握相关政府信息', [746, 12, 0, 0, 10, 1, 769]],
  ['本年度办理结果/无法提供/没有现成信息需要另行制作', [11, 0, 0, 0, 0, 0, 11]],
  ['本年度办理结果/无法提供/补正后申请内容仍不明确', [1, 0, 0, 0, 0, 0, 1]],
  ['本年度办理结果/不予处理/信访举报投诉类申请', [56, 6, 0, 0, 0, 0, 62]],
  ['本年度办理结果/不予处理/重复申请', [25, 0, 0, 0, 0, 0, 25]],
  ['本年度办理结果/不予处理/要求提供公开出版物', [0, 0, 0, 0, 0, 0, 0]],
  ['本年度办理结果/不予处理/无正当理由大量反复申请', [0, 0, 0, 0, 0, 0, 0]],
  ['本年度办理结果/不予处理/要求行政机关确认或重新出具已获取信息', [1, 0, 0, 0, 0, 0, 1]],
  ['本年度办理结果/其他处理/逾期不补正', [67, 3, 0, 0, 1, 0, 71]],
  ['本年度办理结果/其他处理/逾期未缴费', [6, 0, 0, 0, 0, 0, 6]],
  ['本年度办理结果/其他处理/其他', [108, 2, 0, 0, 0, 0, 110]],
  ['本年度办理结果/总计', [2932, 53, 0, 0, 61, 4, 3050]],
  ['结转下年度继续办理', [103, 0, 0, 0, 0, 0, 103]],
];
const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** Section 四: 行政复议, 未经复议直接起诉, 复议后起诉 × 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
const SECTION4: [string, number[]][] = [
  ['行政复议', [72, 64, 178, 37, 351]],
  ['行政诉讼/未经复议直接起诉', [13, 4, 8, 1, 26]],
  ['行政诉讼/复议后起诉', [12, 1, 1, 6, 20]],
];
const OUTCOMES = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

describe('importing 淮安市人民政府 2024 (PDF)', () => {
  let r: ImportResult;
  before(async () => {
    r = await importFile(path.join(sharedDir(), 'corpus', 'huaian-2024.pdf'), { id: 'huaian', region: ['江苏省', '淮安市'], level: '市级' });
  });

  it('puts every published number of sections 二, 三 and 四 in its cell', () => {
    assert.deepEqual(r.issues.filter((i) => i.severity === 'error'), []);
    const expected = new Map<string, number>(Object.entries(SECTION2));
    for (const [row, nums] of SECTION3) nums.forEach((n, i) => expected.set(`三/${row}/${APPLICANTS[i]}`, n));
    for (const [group, nums] of SECTION4) nums.forEach((n, i) => expected.set(`四/${group}/${OUTCOMES[i]}`, n));
    const cells = cellsOf(EDITIONS[2021]);
    assert.equal(expected.size, cells.length);
    const loaded = mustLoad(r.yaml!, 'reports/2024/huaian.yaml');
    assert.equal(loaded.edition.id, 2021);
    for (const cell of cells) assert.equal(loaded.values.get(cell.id), expected.get(cell.id), cell.id);
    assert.deepEqual([...loaded.computed], []);
    // The published report is consistent: nothing to acknowledge, nothing wrong.
    assert.deepEqual(r.acknowledgements, []);
    assert.deepEqual(loaded.diagnostics, []);
  });

  it('rejoins the prose wrapped across lines and pages, and reads the title and contact', () => {
    const loaded = mustLoad(r.yaml!, 'reports/2024/huaian.yaml');
    const report = loaded.report as Record<string, unknown> & typeof loaded.report;
    assert.equal(report.标题, '淮安市人民政府2024年政府信息公开工作年度报告');
    assert.equal(report.年度, 2024);
    assert.equal(report.机关.联系方式?.邮编, '223001');
    assert.equal(report.机关.联系方式?.电话, '0517-83605210');
    const five = report['五、存在的主要问题及改进情况'] as string;
    assert.equal(five.split('\n\n').length, 2);
    assert.match(five, /^对照上级新要求和公众新期待，还有一些需要加强和改进的地方。/);
    assert.match(report['六、其他需要报告的事项'] as string, /全年收取政府信息公开信息处理费3940元。$/);
  });
});
