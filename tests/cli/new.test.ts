import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { loadReportText } from '../../src/load/report.ts';
import { fillCells, numbersFor } from './fill.ts';
import { run } from './run.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-new-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const newArgs = (year: number, file: string, extra: string[] = []) => [
  'new', '--year', String(year), '--id', 'luanzhou-leizhuang', '--name', '雷庄镇人民政府',
  '--region', '河北省/唐山市/滦州市/雷庄镇', '-o', file, ...extra,
];

const unfilledCells = (text: string, file: string) =>
  loadReportText(text, file).diagnostics.filter((d) => d.rule === 'SCHEMA-UNFILLED').map((d) => d.cell);

for (const [year, editionId] of [[2020, 2019], [2022, 2021]] as const) {
  describe(`nianbao new for a ${year} report (${editionId} edition)`, () => {
    const file = () => path.join(dir, String(year), 'luanzhou-leizhuang.yaml');

    it('writes a scaffold whose untouched cells validate lists as unfilled, every non-total cell exactly once', async () => {
      const r = await run(newArgs(year, file()));
      assert.equal(r.code, 0, r.err);
      const text = await readFile(file(), 'utf8');
      const expected = cellsOf(EDITIONS[editionId as EditionId]).filter((c) => !c.total).map((c) => c.id);
      assert.deepEqual(unfilledCells(text, file()), expected);
      const v = await run(['validate', file()]);
      assert.equal(v.code, 1);
      assert.match(v.out, new RegExp(`${expected.length} 个错误`));
      assert.match(v.out, new RegExp(`其中 ${expected.length} 处尚未填写`));
    });

    it('becomes a valid report once numbers only are filled into the unfilled cells', async () => {
      const text = await readFile(file(), 'utf8');
      const edition = EDITIONS[editionId as EditionId];
      const ids = new Set(unfilledCells(text, file()).filter((c): c is string => c !== undefined));
      const filled = fillCells(text, edition, numbersFor(edition, ids));
      await writeFile(file(), filled);
      const v = await run(['validate', file()]);
      assert.equal(v.code, 0, v.out);
      // Codes are matched as the report's code column: a temporary folder's random name may itself hold "R2".
      assert.doesNotMatch(v.out, / {2}(SCHEMA-[A-Z-]+|R\d+) {2}/);
      // The prose the clerk has not written yet is pointed out, without failing.
      assert.match(v.out, /PROSE-EMPTY {2}警告 {2}「一、总体情况」还没有填写/);
      const loaded = loadReportText(filled, file()).loaded!;
      assert.equal(loaded.edition.id, editionId);
      assert.equal(loaded.report.年度, year);
      assert.deepEqual(loaded.report.机关.地区, ['河北省', '唐山市', '滦州市', '雷庄镇']);
      assert.equal(loaded.report.机关.层级, '乡级');
    });

    it('refuses to overwrite the existing file', async () => {
      const before = await readFile(file(), 'utf8');
      const r = await run(newArgs(year, file()));
      assert.equal(r.code, 1);
      assert.match(r.err, /已经存在，未作改动/);
      assert.equal(await readFile(file(), 'utf8'), before);
    });
  });
}

describe('nianbao new options', () => {
  it('starts the file with the editor modeline pointing at the committed JSON Schema', async () => {
    const file = path.join('reports', '2099', 'modeline-check.yaml');
    const { scaffoldText } = await import('../../src/cli/new.ts');
    const text = scaffoldText(
      { year: 2099, edition: 2021, id: 'modeline-check', name: '某机关', region: ['某省'], level: '省级', title: 't', published: null },
      file,
    );
    assert.equal(text.split('\n')[0], '# yaml-language-server: $schema=../../schema/report.schema.json');
  });

  it('takes the level from --level, the title and publication date as given', async () => {
    const file = path.join(dir, 'level.yaml');
    const r = await run(['new', '--year', '2021', '--id', 'tangshan-jyj', '--name', '唐山市教育局', '--region', '河北省／唐山市', '--level', '市级', '--published', '2022年1月20日', '-o', file]);
    assert.equal(r.code, 0, r.err);
    const text = await readFile(file, 'utf8');
    assert.match(text, /^ {2}地区: \[河北省, 唐山市\]/m);
    assert.match(text, /^ {2}层级: 市级/m);
    assert.match(text, /^发布日期: 2022-01-20/m);
    assert.match(text, /^标题: 唐山市教育局2021年度政府信息公开工作年度报告/m);
  });

  for (const [args, message] of [
    [['--year', '2021'], /缺少选项：--id、--name、--region/],
    [['--year', '二〇二一', '--id', 'a', '--name', 'n', '--region', 'r'], /--year 应为报告所属年度/],
    [['--year', '2021', '--id', 'Leizhuang_Town', '--name', 'n', '--region', 'r'], /--id 是机关标识/],
    [['--year', '2021', '--id', 'a', '--name', 'n', '--region', 'r', '--level', '镇级'], /--level 只能是 省级、市级、县级、乡级/],
    [['--year', '2021', '--id', 'a', '--name', 'n', '--region', 'r', '--edition', '2020'], /--edition 只能是 2019/],
    [['--year', '2021', '--id', 'a', '--name', 'n', '--region', 'a/b/c/d/e'], /最多 4 级/],
    [['--year', '2021', '--id', 'a', '--name', 'n', '--region', '河北省/../x'], /--region 中的“\.\.”不能用作地区名称/],
    [['--year', '2021', '--id', 'a', '--name', 'n', '--region', 'r', '--published', '2021-02-30'], /--published 应为日期/],
    [['--year', '2021', '--bogus', 'x'], /不认识的选项 --bogus/],
  ] as const) {
    it(`rejects ${args.join(' ')} with exit code 2 and says how to call it`, async () => {
      const r = await run(['new', ...args, '-o', path.join(dir, 'never.yaml')]);
      assert.equal(r.code, 2);
      assert.match(r.err, message);
      assert.match(r.err, /用法：nianbao new/);
    });
  }
});

describe('nianbao new and 机关 › 类型', () => {
  it('writes the kind told by the name, takes --kind, and asks for it when the name does not tell', async () => {
    const told = path.join(dir, 'kind', 'a.yaml');
    assert.equal((await run(newArgs(2022, told))).code, 0);
    assert.match(await readFile(told, 'utf8'), /^ {2}类型: 人民政府 {2}#/m);

    const given = path.join(dir, 'kind', 'b.yaml');
    assert.equal((await run(['new', '--year', '2022', '--id', 'x-ju', '--name', '某县教育局', '--region', '河北省/唐山市/滦州市', '--kind', '其他', '-o', given])).code, 0);
    assert.match(await readFile(given, 'utf8'), /^ {2}类型: 其他 {2}#/m);

    const bad = await run(['new', '--year', '2022', '--id', 'x-ju', '--name', '某县教育局', '--region', '河北省/唐山市/滦州市', '--kind', '部门', '-o', path.join(dir, 'kind', 'c.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--kind 只能是 人民政府、政府部门、其他，不能是“部门”/);

    const unknown = path.join(dir, 'kind', 'd.yaml');
    const r = await run(['new', '--year', '2022', '--id', 'x-zd', '--name', '雷塬综合服务站点', '--region', '河北省/唐山市/滦州市', '-o', unknown]);
    assert.match(r.out, /请在“机关 › 类型”填写 人民政府、政府部门、其他 之一/);
    const text = await readFile(unknown, 'utf8');
    assert.match(text, /^ {2}类型: {2}#/m);
    // The advice applied: the value written after the key is read as the kind.
    const filled = text.replace(/^ {2}类型: {2}#/m, '  类型: 其他  #');
    const kindErrors = (t: string) => loadReportText(t, unknown).diagnostics.filter((d) => d.line === t.split('\n').findIndex((l) => l.startsWith('  类型:')) + 1);
    assert.deepEqual(kindErrors(filled), []);
    assert.equal(kindErrors(filled.replace('类型: 其他', '类型: 部门'))[0]?.rule, 'SCHEMA-VALUE');
  });
});
