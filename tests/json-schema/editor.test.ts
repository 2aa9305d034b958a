/**
 * What a clerk sees in VS Code: the real yaml-language-server (the server of the YAML extension),
 * driven over stdio with the Language Server Protocol and configured from .vscode/settings.json,
 * on a seed report (2019 edition, schema named in its first line) and a 2021 report (schema found
 * through the settings' `yaml.schemas`). Hover over a cell shows its statutory path and what to
 * fill in; completion inside a row's `{ }` offers its column keys and under a table its row
 * keys; an unknown key or a wrong value is reported in Chinese with the statutory label.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, type Position, YamlLanguageServer } from './lsp.ts';

const SEED = readFileSync('reports/2020/luanzhou-leizhuang.yaml', 'utf8');
// Without its first line the file is matched by the workspace settings alone.
const FILLED_2021 = readFileSync('tests/fixtures/valid/2021-edition-filled.yaml', 'utf8').replace(/^# yaml-language-server:.*\n/, '');

/** Position of the `nth` occurrence of `needle` in `text`, plus `offset` characters. */
function at(text: string, needle: string, offset = 0, nth = 1): Position {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `“${needle}” not in the text`);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** Replace exactly one occurrence. */
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  assert.notEqual(out, text, `nothing replaced for ${String(from)}`);
  return out;
}

let server: YamlLanguageServer;
let files = 0;
/** Open `text` as a new report file of the workspace, as the editor does when a file is opened. */
const open = (text: string, year = 2020) => server.open(`reports/${year}/editor-test-${++files}.yaml`, text);

describe('VS Code with the YAML extension (yaml-language-server over stdio)', { timeout: 120_000 }, () => {
  before(async () => {
    server = await YamlLanguageServer.start('.');
  });
  after(() => server.stop());

  it('reports nothing in a valid report of either edition', async () => {
    for (const [text, year] of [[SEED, 2020], [FILLED_2021, 2022]] as const) {
      const uri = open(text, year);
      assert.deepEqual(await server.waitForDiagnostics(uri, () => true), []);
    }
  });

  it('shows a cell’s statutory path and what to fill in on hover (2019 edition)', async () => {
    const uri = open(SEED);
    const hover = await server.hover(uri, at(SEED, '属于国家秘密: {自然人: 0, 商业企业', '属于国家秘密: {自然人: 0, 商'.length));
    assert.match(hover, /^#### 商业企业\n/);
    assert.ok(hover.includes('**「表三：三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 · 商业企业」**'), hover);
    assert.ok(hover.includes('- 三、收到和处理政府信息公开申请情况（表三）'), hover);
    assert.ok(hover.includes('- 行：三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密'), hover);
    assert.ok(hover.includes('- 列：申请人情况 › 法人或其他组织 › 商业企业'), hover);
    assert.ok(hover.includes('填写件数：0 或正整数。'), hover);
    assert.ok(hover.includes('填写 `null`（空白不等于 0）'), hover);
    assert.ok(!hover.includes('||'), hover);
  });

  it('shows a money cell’s unit and a total’s rule on hover (2021 edition, schema from the settings)', async () => {
    const uri = open(FILLED_2021, 2022);
    const money = await server.hover(uri, at(FILLED_2021, '本年收费金额: 12.5', 2));
    assert.ok(money.includes('**「表二：第二十条第（八）项 / 行政事业性收费 · 本年收费金额（单位：万元）」**'), money);
    assert.ok(money.includes('填写金额，单位：万元，最多 6 位小数。'), money);
    const total = await server.hover(uri, at(FILLED_2021, '总计: }', 1, 1));
    assert.ok(total.includes('这是总计，可以不填'), total);
  });

  it('offers the column keys inside a row’s { } and the row keys under a table', async () => {
    // The clerk has typed the first character of the next column.
    const row = edit(SEED, /部分公开: \{[^}]*\}/, '部分公开: {自然人: 0, 商}');
    const uri = open(row);
    const columns = (await server.completion(uri, at(row, '部分公开: {自然人: 0, 商}', '部分公开: {自然人: 0, 商'.length))).map((i) => i.label);
    for (const key of ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']) assert.ok(columns.includes(key), `${key} in ${columns.join(' ')}`);
    assert.ok(!columns.includes('自然人'), 'a column already written is not offered again');

    const table = edit(SEED, /\n {4}部分公开: \{[^\n]*/, '\n    部');
    const uri2 = open(table);
    const rows = (await server.completion(uri2, at(table, '\n    部\n', '\n    部'.length))).map((i) => i.label);
    assert.ok(rows.includes('部分公开'), rows.join(' '));
    assert.ok(!rows.includes('予以公开'), 'a row already written is not offered again');
  });

  const ROW_MESSAGE =
    '「表三：三、本年度办理结果 / （一）予以公开」下的栏目只能是：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计（总计可以不写）。名称须与法定表格一字不差。原报告空白的格子写 null，不要删去。';

  it('reports an unknown key with the row’s statutory label and its columns, in Chinese', async () => {
    // 合计 for 总计: the one key is wrong, nothing is missing.
    const text = edit(SEED, /予以公开: \{([^}]*), 总计: 0\}/, '予以公开: {$1, 合计: 0}');
    const uri = open(text);
    const key = at(text, '合计: 0');
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start, d.range.end, d.message]),
      [[key, { line: key.line, character: key.character + '合计'.length }, ROW_MESSAGE]],
    );
  });

  it('reports a misspelt column (unknown, and the right one missing) once, from the row to the key', async () => {
    const text = edit(SEED, '予以公开: {自然人: 0, 商业企业: 0,', '予以公开: {自然人: 0, 商业企: 0,');
    const uri = open(text);
    const row = at(text, '予以公开: {自然人: 0, 商业企');
    const key = at(text, '商业企: 0');
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    // The editor joins the two findings of one message on one line into one underline.
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start, d.range.end, d.message]),
      [[row, { line: key.line, character: key.character + '商业企'.length }, ROW_MESSAGE]],
    );
    for (const d of diagnostics) assert.doesNotMatch(d.message, /not allowed|Missing property|Incorrect type/);
  });

  it('reports a value with a unit in Chinese, at the cell', async () => {
    const text = edit(SEED, '行政处罚: {上一年项目数量: 0, 本年增/减: 9, 处理决定数量: 8}', '行政处罚: {上一年项目数量: 0, 本年增/减: 9, 处理决定数量: 8件}');
    const uri = open(text);
    const value = at(text, '8件');
    const diagnostics = await server.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [[value.line, value.character, '此格只填数字：件数（0 或正整数），不带单位或文字；原报告此格为空白、“/”或“不适用”时填写 null。']],
    );
  });
});
