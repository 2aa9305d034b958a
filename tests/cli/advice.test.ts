/**
 * Advice is data: every message that proposes a text carries it as a `fix` (the exact text for
 * a range of the file). Each case below is a mistake a clerk makes on a Chinese keyboard, typed
 * into a valid report; `nianbao validate` is run on the file as the clerk runs it, every fix it
 * proposes is applied, and the file must then validate AND mean what the clerk typed: the same
 * figures in every cell (5000元 in a 万元 column is 0.5, 1.2万 is 12000, “—” is blank, never 0),
 * the same fields everywhere else.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { EDITIONS } from '../../schema/editions/index.ts';
import type { Diagnostic, Fix } from '../../src/load/diagnostic.ts';
import { loadReportText } from '../../src/load/report.ts';
import { run } from './run.ts';

const BASE = readFileSync('tests/fixtures/valid/2021-edition-filled.yaml', 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-advice-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'reports', '2022'), { recursive: true });
let n = 0;

/** A fresh copy of the report folder with the clerk's text in it; returns the file's path. */
function write(text: string): string {
  const folder = path.join(dir, `case-${++n}`, 'reports', '2022');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'filled-2021.yaml');
  writeFileSync(file, text);
  return file;
}

/** `nianbao validate --format json FILE` → its diagnostics. */
async function validate(file: string): Promise<Diagnostic[]> {
  const r = await run(['validate', '--format', 'json', file], { NIANBAO_CACHE: '0' });
  assert.ok(r.code === 0 || r.code === 1, r.err);
  return (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics;
}

/** The text with the fixes applied (they must not overlap). */
function applyFixes(text: string, fixes: readonly Fix[]): string {
  const sorted = [...fixes].sort((a, b) => b.start - a.start);
  sorted.forEach((f, i) => assert.ok(i === 0 || f.end <= sorted[i - 1]!.start, 'fixes overlap'));
  for (const f of sorted) text = text.slice(0, f.start) + f.text + text.slice(f.end);
  return text;
}

/** What a report means: every cell's value, and every field outside the tables. */
function meaning(text: string) {
  const r = loadReportText(text, 'reports/2022/filled-2021.yaml');
  assert.ok(r.loaded, `does not load: ${r.diagnostics.map((d) => d.message).join('\n')}`);
  const tables = new Set(EDITIONS[2021].sections.filter((s) => s.kind === 'table').map((s) => s.key));
  const fields = Object.fromEntries(Object.entries(r.loaded.report).filter(([k]) => !tables.has(k)));
  return { values: Object.fromEntries(r.loaded.values), fields };
}

const base = meaning(BASE);

interface Case {
  readonly name: string;
  /** The clerk's text: the valid report with `from` replaced by `to`. */
  readonly from: string;
  readonly to: string;
  /** Further replacements typed into the same file. */
  readonly also?: readonly (readonly [string, string])[];
  /** What the first run says: rule, line, and words that name the mistake. */
  readonly rule: string;
  readonly line: number;
  readonly says: RegExp;
  /** What the clerk meant, where it differs from the valid report: cell values by id, or fields. */
  readonly cells?: Record<string, number | null>;
  readonly fields?: Record<string, unknown>;
}

const FEE = '二/第二十条第（八）项/行政事业性收费/本年收费金额';
const PENALTY = '二/第二十条第（六）项/行政处罚/本年处理决定数量';
const LICENCE = '二/第二十条第（五）项/行政许可/本年处理决定数量';
const FEE_ROW = '行政事业性收费: {本年收费金额: 12.5}';
const PENALTY_ROW = '行政处罚: {本年处理决定数量: 2}';
const LICENCE_ROW = '行政许可: {本年处理决定数量: 8}';
const REVIEW_ROW = '行政复议: {结果维持: 2, 结果纠正: 3';
const NEW_ROW = '本年新收政府信息公开申请数量: {自然人: 104, 商业企业: 104,';
const penalty = (v: string) => `行政处罚: {本年处理决定数量: ${v}}`;

const CASES: Case[] = [
  // Units: the figure is converted to the column's own unit, never just stripped of it.
  { name: '12345.67元 in the 万元 column, exact to the fen', from: FEE_ROW, to: '行政事业性收费: {本年收费金额: 12345.67元}', rule: 'SCHEMA-NUMBER-FORMAT', line: 32, says: /应写作 1\.234567/, cells: { [FEE]: 1.234567 } },
  { name: '5000元 in the 万元 column', from: FEE_ROW, to: '行政事业性收费: {本年收费金额: 5000元}', rule: 'SCHEMA-NUMBER-FORMAT', line: 32, says: /“5000元”是 5000 元，即 0\.5 万元，应写作 0\.5/, cells: { [FEE]: 0.5 } },
  { name: '1,250元 in the 万元 column', from: FEE_ROW, to: '行政事业性收费: {本年收费金额: "1,250元"}', rule: 'SCHEMA-NUMBER-FORMAT', line: 32, says: /千位分隔符.*应写作 0\.125/, cells: { [FEE]: 0.125 } },
  { name: '3万 in the 万元 column', from: FEE_ROW, to: '行政事业性收费: {本年收费金额: 3万}', rule: 'SCHEMA-NUMBER-FORMAT', line: 32, says: /即 3 万元，应写作 3/, cells: { [FEE]: 3 } },
  { name: '1.2万 in a count', from: LICENCE_ROW, to: '行政许可: {本年处理决定数量: 1.2万}', rule: 'SCHEMA-NUMBER-FORMAT', line: 25, says: /“1\.2万”是 1\.2 万，即 12000，应写作 12000/, cells: { [LICENCE]: 12000 } },
  { name: '12件 in a count', from: PENALTY_ROW, to: penalty('12件'), rule: 'SCHEMA-NUMBER-FORMAT', line: 28, says: /不带单位：“12件”应写作 12/, cells: { [PENALTY]: 12 } },
  { name: 'full-width digits with a unit', from: PENALTY_ROW, to: penalty('１２件'), rule: 'SCHEMA-NUMBER-FORMAT', line: 28, says: /应写作 12/, cells: { [PENALTY]: 12 } },
  { name: 'a full-width thousands separator', from: PENALTY_ROW, to: penalty('1，234'), rule: 'SCHEMA-NUMBER-FORMAT', line: 28, says: /不要使用千位分隔符：“1,234”应写作 1234/, cells: { [PENALTY]: 1234 } },
  { name: 'a thousands separator splitting a cell in two', from: PENALTY_ROW, to: penalty('1,234'), rule: 'SCHEMA-UNKNOWN-KEY', line: 28, says: /多出了一个名为「234」的栏目.*写作 1234/, cells: { [PENALTY]: 1234 } },
  { name: 'a full-width comma after the last cell', from: PENALTY_ROW, to: penalty('2，'), rule: 'SCHEMA-NUMBER-FORMAT', line: 28, says: /“2，”的数字后面多了标点，应写作 2/ },
  { name: 'a year written with 年', from: '年度: 2022', to: '年度: ２０２２年', rule: 'SCHEMA-NUMBER-FORMAT', line: 5, says: /「年度」只填数字：“2022年”应写作 2022/ },
  // Blanks: null, never 0.
  ...['-', '--', '—', '——', '无', '空'].map((typed): Case => ({
    name: `“${typed}” for a blank`, from: PENALTY_ROW, to: penalty(typed), rule: typed === '-' ? 'YAML-SYNTAX' : 'SCHEMA-NUMBER-FORMAT', line: 28,
    says: /应写作 null.*(不要改填 0|不等于 0)|不等于 0.*应写作 null/, cells: { [PENALTY]: null },
  })),
  // Punctuation typed with a Chinese input method.
  { name: 'a full-width colon after a row key', from: PENALTY_ROW, to: '行政处罚：{本年处理决定数量: 3}', rule: 'SCHEMA-UNKNOWN-KEY', line: 28, says: /中文冒号“：”.*应写作：行政处罚: \{本年处理决定数量: 3\}/, cells: { [PENALTY]: 3 } },
  { name: 'a full-width colon inside { }', from: PENALTY_ROW, to: '行政处罚: {本年处理决定数量：3}', rule: 'SCHEMA-UNKNOWN-KEY', line: 28, says: /中文冒号“：”/, cells: { [PENALTY]: 3 } },
  { name: 'a full-width colon after a top-level key', from: '年度: 2022', to: '年度：2022', rule: 'YAML-SYNTAX', line: 5, says: /第 5 行的栏目名「年度」后面用了中文冒号“：”.*写作“年度: 2022”/ },
  { name: 'a full-width colon after a section key', from: '  第二十条第（六）项:', to: '  第二十条第（六）项：', rule: 'YAML-SYNTAX', line: 26, says: /中文冒号“：”/ },
  { name: 'no space after a colon inside { }', from: PENALTY_ROW, to: '行政处罚: {本年处理决定数量:3}', rule: 'SCHEMA-UNKNOWN-KEY', line: 28, says: /冒号后面缺少空格/, cells: { [PENALTY]: 3 } },
  { name: 'no space after a top-level colon', from: '年度: 2022', to: '年度:2022', rule: 'YAML-SYNTAX', line: 5, says: /「年度」的冒号后面缺少空格.*写作“年度: 2022”/ },
  { name: 'a full-width space after a colon', from: REVIEW_ROW, to: '行政复议: {结果维持:　2, 结果纠正: 3', rule: 'SCHEMA-UNKNOWN-KEY', line: 69, says: /全角空格/ },
  { name: 'a full-width space before a key', from: REVIEW_ROW, to: '行政复议: {结果维持: 2,　结果纠正: 3', rule: 'SCHEMA-UNKNOWN-KEY', line: 69, says: /全角空格.*应为「结果纠正」/ },
  { name: 'a full-width comma between cells', from: NEW_ROW, to: '本年新收政府信息公开申请数量: {自然人: 104，商业企业: 104，', rule: 'YAML-SYNTAX', line: 36, says: /中文逗号“，”/ },
  { name: 'a semicolon between cells', from: REVIEW_ROW, to: '行政复议: {结果维持: 2；结果纠正: 3', rule: 'YAML-SYNTAX', line: 69, says: /用了分号“；”分隔各栏/ },
  { name: 'a full-width colon after a nested key', from: '  标识: filled-2021', to: '  标识：filled-2021', rule: 'YAML-SYNTAX', line: 7, says: /第 7 行的栏目名「标识」后面用了中文冒号“：”/ },
  { name: 'no comma between cells', from: NEW_ROW, to: '本年新收政府信息公开申请数量: {自然人: 104 商业企业: 104,', rule: 'YAML-SYNTAX', line: 36, says: /两栏之间缺少逗号/ },
  { name: 'full-width braces around a row', from: PENALTY_ROW, to: '行政处罚: ｛本年处理决定数量: 2｝', rule: 'YAML-SYNTAX', line: 28, says: /括号用了“｛｝”/ },
  { name: 'full-width parentheses around a row', from: PENALTY_ROW, to: '行政处罚: （本年处理决定数量: 2）', rule: 'YAML-SYNTAX', line: 28, says: /括号用了“（）”/ },
  { name: 'a space inside a key', from: REVIEW_ROW, to: '行政复议: {结果 维持: 2, 结果纠正: 3', rule: 'SCHEMA-UNKNOWN-KEY', line: 69, says: /栏目名里多了空格.*应为「结果维持」/ },
  { name: 'a unit, in a file saved with a byte-order mark', from: '# yaml-language-server', to: '\ufeff# yaml-language-server', also: [[FEE_ROW, '行政事业性收费: {本年收费金额: 5000元}']], rule: 'SCHEMA-NUMBER-FORMAT', line: 32, says: /应写作 0\.5/, cells: { [FEE]: 0.5 } },
  { name: 'half-width brackets in a key', from: '  第二十条第（六）项:', to: '  第二十条第(六)项:', rule: 'SCHEMA-UNKNOWN-KEY', line: 26, says: /括号或数字用了另一种宽度.*应为「第二十条第（六）项」/ },
  { name: 'a misspelt row key', from: '行政强制:', to: '行政强迫:', rule: 'SCHEMA-UNKNOWN-KEY', line: 29, says: /您是否想写「行政强制」/ },
  { name: 'a Tab indenting a row', from: `    ${PENALTY_ROW}`, to: `\t${PENALTY_ROW}`, rule: 'YAML-SYNTAX', line: 28, says: /Tab 键缩进.*应缩进 4 个空格/ },
  { name: 'a { left open', from: PENALTY_ROW, to: '行政处罚: {本年处理决定数量: 2', rule: 'YAML-SYNTAX', line: 28, says: /第 28 行的“\{”没有对应的“\}”/ },
  { name: 'a } written twice', from: PENALTY_ROW, to: '行政处罚: {本年处理决定数量: 2}}', rule: 'YAML-SYNTAX', line: 28, says: /多了一个“\}”/ },
  // Text fields: a number where text is asked keeps its leading zero when quoted.
  { name: 'a postcode written as a number', from: '  层级: 乡级', to: '  层级: 乡级\n  联系方式: {邮编: 063700}', rule: 'SCHEMA-TYPE', line: 11, says: /请用英文引号括起来："063700"/, fields: { 机关: { ...(base.fields.机关 as object), 联系方式: { 邮编: '063700' } } } },
];

describe('advice that rewrites a value keeps its meaning', () => {
  for (const c of CASES) {
    it(`${c.name}: located, names the mistake, and the fix validates to what was typed`, async () => {
      assert.ok(BASE.includes(c.from), c.from);
      let text = BASE.replace(c.from, c.to);
      for (const [from, to] of c.also ?? []) text = text.replace(from, to);
      const file = write(text);
      const first = await validate(file);
      const named = first.find((d) => d.rule === c.rule && d.line === c.line && c.says.test(d.message));
      assert.ok(named, `expected ${c.rule} at line ${c.line} saying ${c.says}, got:\n${first.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n')}`);
      assert.ok(first.some((d) => d.fix), 'the advice carries its fix');
      // Apply every proposed fix, run again, until nothing is proposed.
      for (let round = 0; round < 4; round++) {
        const ds = await validate(file);
        const fixes = ds.flatMap((d) => (d.fix ? [d.fix] : []));
        if (!fixes.length) break;
        text = applyFixes(readFileSync(file, 'utf8'), fixes);
        writeFileSync(file, text);
      }
      const last = await validate(file);
      assert.deepEqual(last.filter((d) => d.severity === 'error').map((d) => d.message), [], `the fixed file still has errors:\n${text}`);
      const meant = meaning(text);
      assert.deepEqual(meant.values, { ...base.values, ...c.cells });
      assert.deepEqual(meant.fields, { ...base.fields, ...c.fields });
    });
  }
});

describe('advice with no certain fix proposes none', () => {
  const cases: [string, string, RegExp][] = [
    ['12345.678元', FEE_ROW.replace('12.5', '12345.678元'), /折合 1\.2345678 万元，超过本栏最多 6 位小数/],
    ['12万元 in a count', penalty('12万元'), /这一格是件数或项数，不是金额：“12万元”无法填入/],
    ['3.5件 in a count', penalty('3.5件'), /“3\.5件”不是整数/],
    ['约10', penalty('约10'), /不能写“约10”这样的约数/],
  ];
  for (const [name, row, says] of cases) {
    it(`${name}: says why, and offers no rewrite`, async () => {
      const from = row.startsWith('行政事业性收费') ? FEE_ROW : PENALTY_ROW;
      const ds = await validate(write(BASE.replace(from, row)));
      const d = ds.find((x) => says.test(x.message));
      assert.ok(d, ds.map((x) => x.message).join('\n'));
      assert.equal(d.fix, undefined);
    });
  }

  it('accepts a Tab between cells and after a colon, and “/” for a blank', async () => {
    const text = BASE.replace(REVIEW_ROW, '行政复议: {结果维持:\t2,\t结果纠正: 3').replace(PENALTY_ROW, penalty('/'));
    assert.deepEqual(await validate(write(text)), []);
    assert.equal(meaning(text).values[PENALTY], null);
  });
});

describe('nianbao validate as a clerk runs it', () => {
  it('prints the converted figure for 5000元 in a 万元 column', () => {
    const file = write(BASE.replace(FEE_ROW, '行政事业性收费: {本年收费金额: 5000元}'));
    let out = '';
    try {
      execFileSync(process.execPath, [path.resolve('bin/nianbao.js'), 'validate', 'reports/2022/filled-2021.yaml'], { cwd: path.dirname(path.dirname(path.dirname(file))), env: { ...process.env, NIANBAO_CACHE: '0' }, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    assert.match(out, /^reports\/2022\/filled-2021\.yaml:32:23 {2}SCHEMA-NUMBER-FORMAT {2}错误 {2}「表二：第二十条第（八）项 \/ 行政事业性收费 · 本年收费金额（单位：万元）」：本栏单位是万元，只填数字：“5000元”是 5000 元，即 0\.5 万元，应写作 0\.5。$/m);
  });
});

describe('all mistakes in one run', () => {
  /** Text lines of `nianbao validate FILE`, as the clerk reads them. */
  async function printed(text: string): Promise<string> {
    const r = await run(['validate', write(text)], { NIANBAO_CACHE: '0' });
    return r.out;
  }
  const others = (text: string) =>
    text
      .replace('行政强制:', '行政强迫:')
      .replace(FEE_ROW, '行政事业性收费: {本年收费金额: 5000元}')
      .replace('  本年度依法做好政府信息公开工作。\n', '');

  it('a key written twice: its error, and every other finding of the file', async () => {
    const out = await printed(others(BASE.replace(LICENCE_ROW, '行政许可: {本年处理决定数量: 8, 本年处理决定数量: 9}').replace('年度: 2022', '年度: 2022\n年度: 2023')));
    assert.match(out, /:6:1 {2}YAML-DUPLICATE-KEY {2}错误 {2}「年度」在同一层填写了两次/);
    assert.match(out, /:25:25 {2}YAML-DUPLICATE-KEY {2}错误 {2}「本年处理决定数量」在同一层填写了两次/);
    assert.match(out, /:29:5 {2}SCHEMA-UNKNOWN-KEY {2}错误 {2}.*没有「行政强迫」这一栏目/);
    assert.match(out, /:32:23 {2}SCHEMA-NUMBER-FORMAT {2}错误 {2}.*应写作 0\.5/);
    assert.match(out, /:16:1 {2}PROSE-EMPTY {2}警告/);
    // What was written twice is not also reported as missing.
    assert.doesNotMatch(out, /SCHEMA-MISSING/);
    assert.match(out, /共 1 份报告：4 个错误，1 个警告。/);
  });

  it('one bad row: its error, and every other finding of the file', async () => {
    const out = await printed(others(BASE.replace(PENALTY_ROW, '行政处罚: {本年处理决定数量: @2}')));
    assert.match(out, /:27:22 {2}YAML-SYNTAX {2}错误 {2}文件的格式有误，无法读取：第 27 行的内容以 @、` 等特殊符号开头/);
    assert.match(out, /:28:5 {2}SCHEMA-UNKNOWN-KEY {2}错误 {2}.*没有「行政强迫」这一栏目/);
    assert.match(out, /:31:23 {2}SCHEMA-NUMBER-FORMAT/);
    assert.match(out, /:15:1 {2}PROSE-EMPTY {2}警告/);
    assert.doesNotMatch(out, /SCHEMA-MISSING/);
  });

  it('a Tab and a full-width colon: both named, and the rest of the file checked', async () => {
    const out = await printed(others(BASE.replace(`    ${PENALTY_ROW}`, `\t${PENALTY_ROW}`).replace('年度: 2022', '年度：2022')));
    assert.match(out, /:5:3 {2}YAML-SYNTAX {2}错误 {2}.*中文冒号/);
    assert.match(out, /:27:1 {2}YAML-SYNTAX {2}错误 {2}.*Tab 键缩进/);
    assert.match(out, /:28:5 {2}SCHEMA-UNKNOWN-KEY/);
    assert.match(out, /共 1 份报告：4 个错误，1 个警告。/);
  });

  it('a quote left open, after which nothing can be read: only that', async () => {
    const out = await printed(others(BASE.replace('标题: 某镇', '标题: "某镇')));
    assert.match(out, /YAML-SYNTAX {2}错误 {2}.*引号没有配对/);
    assert.doesNotMatch(out, / {2}(SCHEMA-[A-Z-]+|PROSE-EMPTY|R\d+) {2}/);
  });
});

describe('required prose left empty', () => {
  const PROSE = '一、总体情况: |-\n  本年度依法做好政府信息公开工作。';
  for (const [name, typed] of [
    ['nothing after the colon', '一、总体情况:'],
    ['an empty block', '一、总体情况: |-'],
    ['only full-width spaces', '一、总体情况: |-\n  　　'],
    ['an empty quoted text', '一、总体情况: ""'],
  ] as const) {
    it(`${name}: a located warning, and the file still validates`, async () => {
      const r = await run(['validate', write(BASE.replace(PROSE, typed))], { NIANBAO_CACHE: '0' });
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /filled-2021\.yaml:15:1 {2}PROSE-EMPTY {2}警告 {2}「一、总体情况」还没有填写。/);
      assert.match(r.out, /共 1 份报告：0 个错误，1 个警告。/);
    });
  }
});

describe('advice on a total that does not add up', () => {
  // The advice “若各项无误，把总计改为 N” depends on the parts being right, which only the clerk
  // can check against the ledger, so it is not a fix; followed, it gives the file the clerk meant.
  for (const [rule, from, to] of [
    ['R4', '行政复议: {结果维持: 2, 结果纠正: 3, 其他结果: 4, 尚未审结: 5, 总计: }', '行政复议: {结果维持: 2, 结果纠正: 3, 其他结果: 4, 尚未审结: 5, 总计: 13}'],
    ['R2', '予以公开: {自然人: 3, 商业企业: 4, 科研机构: 5, 社会公益组织: 6, 法律服务机构: 7, 其他: 8, 总计: }', '予以公开: {自然人: 3, 商业企业: 4, 科研机构: 5, 社会公益组织: 6, 法律服务机构: 7, 其他: 8, 总计: 30}'],
  ] as const) {
    it(`${rule}: writing the total it names makes the file validate with the parts as typed`, async () => {
      const file = write(BASE.replace(from, to));
      const [d, ...rest] = (await validate(file)).filter((x) => x.rule === rule);
      assert.ok(d && !rest.length);
      assert.equal(d.fix, undefined);
      const proposed = /把总计改为 (\d+)/.exec(d.message)![1]!;
      const lines = readFileSync(file, 'utf8').split('\n');
      const line = lines[d.line - 1]!;
      lines[d.line - 1] = line.slice(0, d.column - 1) + line.slice(d.column - 1).replace(/^\d+/, proposed);
      writeFileSync(file, lines.join('\n'));
      assert.deepEqual(await validate(file), []);
      assert.deepEqual(meaning(lines.join('\n')).values, base.values);
    });
  }
});

describe('a report whose tables are all of the other edition', () => {
  it('gets one message at 版本 whose fix names that edition, keeping every figure', async () => {
    const seed = readFileSync('tests/fixtures/valid/2019-edition-seed.yaml', 'utf8');
    const folder = path.join(dir, 'edition', 'reports', '2020');
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'luanzhou-leizhuang.yaml');
    writeFileSync(file, seed.replace('版本: 2019', '版本: 2021'));
    const ds = await validate(file);
    assert.deepEqual(ds.map((d) => [d.line, d.rule]), [[4, 'SCHEMA-EDITION-SHAPE']]);
    assert.match(ds[0]!.message, /请把“版本”改为 2019/);
    const fixed = applyFixes(readFileSync(file, 'utf8'), [ds[0]!.fix!]);
    assert.equal(fixed, seed);
  });
});
