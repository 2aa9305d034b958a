/**
 * The clerk's guide: the messages it quotes are what the tool prints today for the guide's own
 * example, and the built site publishes it with a link from every page's footer.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { githubCommand } from '../../src/cli/formats.ts';
import { formatDiagnostic, summarize } from '../../src/load/diagnostic.ts';
import { loadReportText } from '../../src/load/report.ts';
import { GUIDE_FILE } from '../../src/site/guide.ts';
import { scaffoldText } from '../../src/cli/new.ts';
import { run } from './run.ts';

const FILE = 'reports/2021/luanzhou-leizhuang.yaml';
const OPTIONS = { year: 2021, edition: 2021, id: 'luanzhou-leizhuang', name: '雷庄镇人民政府', region: ['河北省', '唐山市', '滦州市', '雷庄镇'], level: '乡级', title: '雷庄镇人民政府2021年度政府信息公开工作年度报告', published: null } as const;

/** What validate prints for a text, as the guide shows it (diagnostic lines, then the count). */
function printed(text: string): string[] {
  const ds = loadReportText(text, FILE).diagnostics;
  return [...ds.map(formatDiagnostic), `共 1 份报告：${summarize(ds)}。${ds.some((d) => d.severity === 'error') ? '请按提示改正错误后再次运行。' : ''}`, ...ds.map((d) => githubCommand(d) ?? '')];
}

/**
 * The guide's example, typed the way a clerk does into the scaffold: 0 in every cell of the
 * tables except the totals, 3 applications received, 2 made public, a sentence in each required
 * section; in step 2 one cell says “12件” and one is still empty.
 */
function example(step: 2 | 3): string {
  let text = scaffoldText(OPTIONS, FILE)
    .split('\n')
    .map((l) => (l.includes('{') && !/^\s*(#|总计:)/.test(l) ? l.replace(/(?<!总计): (?=[,}])/g, ': 0') : l))
    .join('\n')
    .replace('本年新收政府信息公开申请数量: {自然人: 0', '本年新收政府信息公开申请数量: {自然人: 3')
    .replace('予以公开: {自然人: 0', '予以公开: {自然人: 2')
    .replace('一、总体情况: |-', '一、总体情况: |-\n  本年度，雷庄镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。')
    .replace('五、存在的主要问题及改进情况: |-', '五、存在的主要问题及改进情况: |-\n  存在的问题：公开内容的及时性有待提高。');
  if (step === 2) text = text.replace('行政处罚: {本年处理决定数量: 0}', '行政处罚: {本年处理决定数量: 12件}').replace('行政强制: {本年处理决定数量: 0}', '行政强制: {本年处理决定数量: }');
  return text;
}

/** The mistakes the guide's questions and answers show, each typed into the example of step 3. */
const FAQ: readonly (readonly [string, string])[][] = [
  [['行政处罚: {本年处理决定数量: 0}', '行政处罚：{本年处理决定数量: 12}']],
  [['行政强制: {本年处理决定数量: 0}', '行政强制: {本年处理决定数量: -}']],
  [['行政事业性收费: {本年收费金额: 0}', '行政事业性收费: {本年收费金额: 5000元}']],
  [['    行政处罚: {本年处理决定数量: 0}', '\t行政处罚: {本年处理决定数量: 0}']],
  [['行政许可: {本年处理决定数量: 0}', '行政许可: {本年处理决定数量: 0}\n    行政许可: {本年处理决定数量: 1}'], ['行政强制: {', '行政强迫: {']],
];

function faqExample(mistakes: readonly (readonly [string, string])[]): string {
  let text = example(3);
  for (const [from, to] of mistakes) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
  }
  return text;
}

describe('the clerk’s guide', () => {
  it('quotes only messages the tool prints today for its example', () => {
    const guide = readFileSync(GUIDE_FILE, 'utf8');
    const quoted = guide.split('\n').map((l) => l.trim()).filter((l) => /^(reports\/\S+:\d+:\d+ {2}|::(error|warning) |共 \d+ 份报告)/.test(l));
    assert.ok(quoted.length >= 14, 'the guide pastes real output, in its steps and its questions and answers');
    const actual = new Set([...printed(scaffoldText(OPTIONS, FILE)), ...printed(example(2)), ...printed(example(3)), ...FAQ.flatMap((m) => printed(faqExample(m)))]);
    for (const line of quoted) assert.ok(actual.has(line), `the guide quotes a message the tool no longer prints:\n${line}`);
  });

  it('is published at /guide/ with the list of rules, and linked from every page’s footer', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-guide-'));
    try {
      const r = await run(['build', '--out', dir]);
      assert.equal(r.code, 0, r.err);
      const page = await readFile(path.join(dir, 'guide', 'index.html'), 'utf8');
      assert.match(page, /<h1>填报指南：用 YAML 文件填报政府信息公开工作年度报告<\/h1>/);
      assert.match(page, /<td><code>SCHEMA-UNFILLED<\/code><\/td><td>错误<\/td><td>尚未填写<\/td>/);
      for (const p of ['index.html', path.join('2020', 'luanzhou-leizhuang', 'index.html')]) {
        assert.match(await readFile(path.join(dir, p), 'utf8'), /<footer class="site-footer">[\s\S]*<a href="\/guide\/">填报指南<\/a>/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
