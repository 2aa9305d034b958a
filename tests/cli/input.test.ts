/** What a clerk types into a cell or date: unambiguous forms are normalised, others explained. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadReportText } from '../../src/load/report.ts';

const FIXTURE = 'tests/fixtures/valid/normalised-input.yaml';
const base = readFileSync(FIXTURE, 'utf8');
const ROW = '行政处罚: {上一年项目数量: 5, 本年增/减: －2, 处理决定数量: /}';
const CELL = '「表二：第二十条第（六）项 / 行政处罚 · 处理决定数量」';

describe('input a clerk types that is unambiguous', () => {
  const loaded = loadReportText(base, FIXTURE);
  const v = (id: string) => loaded.loaded!.values.get(id);

  it('is accepted without any diagnostic', () => {
    assert.deepEqual(loaded.diagnostics, []);
  });
  it('full-width digits, quoted or not, become numbers', () => {
    assert.equal(v('二/第二十条第（五）项/行政许可/上一年项目数量'), 12);
    assert.equal(v('二/第二十条第（五）项/行政许可/处理决定数量'), 10);
  });
  it('a "+" or a full-width minus on a signed change is read as the sign', () => {
    assert.equal(v('二/第二十条第（五）项/行政许可/本年增/减'), 3);
    assert.equal(v('二/第二十条第（六）项/行政处罚/本年增/减'), -2);
  });
  it('"/" and 不适用 are blank (null), not zero; spaces around a number are ignored', () => {
    assert.equal(v('二/第二十条第（六）项/行政处罚/处理决定数量'), null);
    assert.equal(v('二/第二十条第（六）项/行政强制/上一年项目数量'), null);
    assert.equal(v('二/第二十条第（六）项/行政强制/处理决定数量'), 7);
  });
  it('a money amount followed by its own column unit drops the unit', () => {
    assert.equal(v('二/第二十条第（九）项/政府集中采购/采购总金额'), 3805463.74);
  });
  it('a year in full-width digits is read as that year', () => {
    const r = loadReportText(base.replace('年度: 2020', '年度: ２０２０'), FIXTURE);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.loaded!.report.年度, 2020);
  });
  it('2021年1月26日 is read as the date 2021-01-26', () => {
    assert.equal(loaded.loaded!.report.发布日期, '2021-01-26');
  });
});

describe('input a clerk types that is ambiguous', () => {
  const cases: [string, RegExp][] = [
    ['"1,234"', /SCHEMA-NUMBER-FORMAT: .*不要使用千位分隔符：“1,234”应写作 1234。/],
    ['"1，234"', /SCHEMA-NUMBER-FORMAT: .*不要使用千位分隔符：“1,234”应写作 1234。/],
    ['12件', /SCHEMA-NUMBER-FORMAT: .*只填数字，不带单位：“12件”应写作 12。/],
    ['约10', /SCHEMA-NUMBER-FORMAT: .*须填写确切的数字，不能写“约10”这样的约数。/],
    ['10余', /SCHEMA-NUMBER-FORMAT: .*不能写“10余”这样的约数。/],
    ['一百', /SCHEMA-NUMBER-FORMAT: .*“一百”不是数字。请只填写阿拉伯数字/],
    ['—', /SCHEMA-NUMBER-FORMAT: .*“—”表示此格空白（原报告未填或不适用），应写作 null。空白不等于 0/],
    ['+3.5', /SCHEMA-INTEGER: .*只能是整数，不能有小数/],
    ['-2', /SCHEMA-NEGATIVE: .*填写为 -2，但件数、项数不能为负数/],
    ['12万元', /SCHEMA-NUMBER-FORMAT: .*这一格是件数或项数，不是金额：“12万元”无法填入。/],
  ];
  for (const [typed, expected] of cases) {
    it(`rejects ${typed} in a count cell, saying how to write it`, () => {
      const text = base.replace(ROW, ROW.replace('处理决定数量: /', `处理决定数量: ${typed}`));
      assert.notEqual(text, base);
      const ds = loadReportText(text, FIXTURE).diagnostics;
      assert.equal(ds.length, 1, JSON.stringify(ds));
      assert.equal(ds[0]!.line, 29);
      assert.match(`${ds[0]!.rule}: ${ds[0]!.message}`, expected);
      assert.ok(ds[0]!.message.startsWith(CELL), ds[0]!.message);
    });
  }

  it('rejects 1,234 typed inside { }, where the comma splits it into two cells, instead of keeping 1', () => {
    const text = base.replace(ROW, ROW.replace('处理决定数量: /', '处理决定数量: 1,234'));
    const ds = loadReportText(text, FIXTURE).diagnostics;
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.rule, 'SCHEMA-UNKNOWN-KEY');
    assert.match(ds[0]!.message, /「234」.*1,234 会被拆成“1”和“234”两栏.*写作 1234/);
  });

  it('rejects a date that does not exist and a date without a year', () => {
    for (const typed of ['2021-02-30', '1月26日']) {
      const ds = loadReportText(base.replace('发布日期: 2021年1月26日', `发布日期: ${typed}`), FIXTURE).diagnostics;
      assert.equal(ds.length, 1);
      assert.equal(ds[0]!.rule, 'SCHEMA-DATE');
      assert.match(ds[0]!.message, new RegExp(`“${typed}”不是有效的日期。.*如 2021-01-26 或 2021年1月26日`));
    }
  });

  it('points at a Chinese colon, a missing space after the colon and a Tab, by line', () => {
    const msg = (text: string) => loadReportText(text, FIXTURE).diagnostics[0]!.message;
    assert.match(msg(base.replace('年度: 2020', '年度：2020')), /第 5 行的栏目名「年度」后面用了中文冒号“：”/);
    assert.match(msg(base.replace('  层级: 乡级', '  层级:乡级')), /第 10 行「层级」的冒号后面缺少空格/);
    assert.match(msg(base.replace('  名称: 某镇人民政府', '\t名称: 某镇人民政府')), /第 8 行用 Tab 键缩进了/);
  });

  it('states the allowed range with the number typed when a year is out of range', () => {
    const ds = loadReportText(base.replace('年度: 2020', '年度: 20200'), FIXTURE).diagnostics;
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.rule, 'SCHEMA-VALUE');
    assert.match(ds[0]!.message, /「年度」填写为 20200，大于允许的最大值 2100。/);
  });
});
