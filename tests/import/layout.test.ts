import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutPage, type Item, type Segment } from '../../src/import/pdf.ts';
import { labelKey, isHeading, sameLabel } from '../../src/import/labels.ts';
import { EDITIONS } from '../../schema/editions/index.ts';

const item = (str: string, x: number, y: number, w = 8, h = 10): Item => ({ str, x, y, w, h });
const h = (y: number, x1: number, x2: number): Segment => ({ x1, x2, y1: y, y2: y });
const v = (x: number, y1: number, y2: number): Segment => ({ x1: x, x2: x, y1, y2 });
const rows = (blocks: ReturnType<typeof layoutPage>) => blocks.flatMap((b) => (b.block.kind === 'row' ? [b.block.cells] : []));
const lines = (blocks: ReturnType<typeof layoutPage>) => blocks.flatMap((b) => (b.block.kind === 'line' ? [b.block.text] : []));

describe('PDF tables rebuilt from positions', () => {
  it('cuts a ruled table into rows and cells; a missing line is a merged cell shown in its first row', () => {
    // Three rows; the first column's line between rows 2 and 3 is missing (rowspan 2).
    const hs = [h(100, 0, 300), h(80, 0, 300), h(60, 100, 300), h(40, 0, 300)];
    const vs = [v(0, 40, 100), v(100, 40, 100), v(200, 40, 100), v(300, 40, 100)];
    const items = [
      item('A', 10, 85), item('1', 110, 85), item('2', 210, 85),
      item('B', 10, 55), item('3', 110, 65), item('4', 210, 65),
      item('5', 110, 45), item('6', 210, 45),
      item('正文', 10, 120, 20),
    ];
    const blocks = layoutPage(items, hs, vs);
    assert.deepEqual(rows(blocks), [['A', '1', '2'], ['B', '3', '4'], ['5', '6']]);
    assert.deepEqual(lines(blocks), ['正文']);
  });

  it('joins a label wrapped over two lines inside its cell, and digits split into two items', () => {
    const hs = [h(100, 0, 300), h(60, 0, 300)];
    const vs = [v(0, 60, 100), v(150, 60, 100), v(300, 60, 100)];
    const items = [item('（二）部分公开（区分处理的，', 5, 85, 120), item('只计这一情形）', 5, 70, 60), item('1', 160, 78, 7), item('1', 167, 78, 7)];
    assert.deepEqual(rows(layoutPage(items, hs, vs)), [['（二）部分公开（区分处理的，\n只计这一情形）', '11']]);
  });

  it('without ruling lines, splits a line with numbers at wide gaps and keeps prose lines whole', () => {
    const items = [
      item('规章', 79, 280, 20), item('1', 249, 280, 7), item('0', 342, 280, 7), item('1', 421, 280, 7), item('1', 428, 280, 7),
      item('本报告由', 74, 300, 40), item('2024', 114, 300, 20), item('年编制', 134, 300, 30),
    ];
    const blocks = layoutPage(items, [], []);
    assert.deepEqual(rows(blocks), [['规章', '1', '0', '11']]);
    assert.deepEqual(lines(blocks), ['本报告由2024年编制']);
  });
});

describe('tolerant labels', () => {
  it('matches the variants published reports print', () => {
    assert.ok(sameLabel('政府集中釆购', '政府集中采购'));
    assert.ok(sameLabel('商 业 企 业', '商业企业'));
    assert.ok(sameLabel('(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
    assert.ok(sameLabel('1、属于国家秘密', '1.属于国家秘密'));
    assert.ok(sameLabel('１．属于国家秘密', '1.属于国家秘密'));
    assert.ok(sameLabel('本年新', '本年新制作数量'), 'header whose second line was lost');
    assert.ok(sameLabel('（二）部分公开（区分处理的，只计这一情', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'), 'note cut at a line break');
    assert.ok(!sameLabel('规范性文件', '行政规范性文件'));
    assert.ok(!sameLabel('行政许可', '行政处罚'));
    assert.equal(labelKey('\u200b（七）总计 '), '总计');
  });

  it('finds renamed and unnumbered section headings, and not sub-headings of the prose', () => {
    const [one, two, , four, five] = EDITIONS[2019].sections;
    assert.ok(isHeading('四、因政府信息公开工作被申请行政复议和提起行政诉讼情况', four!));
    assert.ok(isHeading('五、信息公开工作存在的主要问题及改进情况', five!));
    assert.ok(isHeading('五、政府信息公开工作存在的主要问题及改进情况', five!));
    assert.ok(isHeading('、主动公开政府信息情况', two!));
    assert.ok(isHeading('　　一、总体情况', one!));
    assert.ok(!isHeading('（一）主动公开情况', two!));
    assert.ok(!isHeading('二、依申请公开情况', two!));
    assert.ok(!isHeading('四、结转下年度继续办理', four!));
  });
});
