/** The fast loader and the cached, threaded corpus loader give exactly what the plain loader gives. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { corpus } from '../../bench/generate.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { loadReportFast } from '../../src/load/fast.ts';
import { loadReportText } from '../../src/load/report.ts';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'nianbao-cache-'));
process.env.NIANBAO_CACHE_DIR = cacheDir;
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/** The fast loader must give exactly the full loader's result, whatever the input; true when it took the fast path. */
function same(text: string, file: string): boolean {
  const counts = { full: 0 };
  assert.deepEqual(loadReportFast(text, file, counts), loadReportText(text, file), `${file}: fast path differs`);
  return counts.full === 0;
}

const seedFiles = readdirSync('reports/2020').map((f) => `reports/2020/${f}`);
const base = readFileSync(seedFiles[0]!, 'utf8');
const baseFile = seedFiles[0]!;

/** Ways a clerk's file goes wrong, or is written unusually, applied to a valid seed report. */
const VARIANTS: Record<string, (t: string) => string> = {
  'syntax error': (t) => t.replace('标题: ', '标题: "未闭合'),
  'duplicate key': (t) => t.replace(/^(年度: .*)$/m, '$1\n年度: 2020'),
  'anchor and alias': (t) => t.replace(/^(标题: )(.*)$/m, '$1&t $2\n前言x: *t'),
  'few aliases only': (t) => t.replace(/^  名称: (.*)$/m, '  名称: &n $1').replace(/^(标题: ).*$/m, '$1*n'),
  'explicit tag': (t) => t.replace(/^(年度: )(\d+)/m, '$1!!str $2'),
  directive: (t) => `%YAML 1.2\n---\n${t}`,
  'unknown key': (t) => t.replace('规章:', '规 章:'),
  'negative count': (t) => t.replace(/自然人: 0/, '自然人: -3'),
  'full-width digits': (t) => t.replace(/自然人: 0/, '自然人: "１２"'),
  'approximate number': (t) => t.replace(/自然人: 0/, '自然人: 约10'),
  'unfilled cell': (t) => t.replace(/自然人: 0/, '自然人: '),
  'tilde null': (t) => t.replace(/自然人: 0/, '自然人: ~'),
  'Null spelled': (t) => t.replace(/自然人: 0/, '自然人: Null'),
  hex: (t) => t.replace(/自然人: 0/, '自然人: 0x10'),
  octal: (t) => t.replace(/自然人: 0/, '自然人: 0o17'),
  exponent: (t) => t.replace(/自然人: 0/, '自然人: 1e3'),
  infinity: (t) => t.replace(/自然人: 0/, '自然人: .inf'),
  'leading zero': (t) => t.replace(/自然人: 0/, '自然人: 012'),
  'plus sign': (t) => t.replace(/自然人: 0/, '自然人: +0'),
  'fraction in a count': (t) => t.replace(/自然人: 0/, '自然人: 1.5'),
  'quoted number': (t) => t.replace(/自然人: 0/, '自然人: "0"'),
  'yes as text': (t) => t.replace(/^(标题: ).*$/m, '$1yes'),
  'boolean title': (t) => t.replace(/^(标题: ).*$/m, '$1true'),
  'number as title': (t) => t.replace(/^(标题: ).*$/m, '$12020'),
  'Chinese date': (t) => t.replace(/^发布日期: .*$/m, '发布日期: 2021年1月26日'),
  'impossible date': (t) => t.replace(/^发布日期: .*$/m, '发布日期: 2021-02-30'),
  'date with time': (t) => t.replace(/^发布日期: .*$/m, '发布日期: 2021-01-26T10:00:00Z'),
  bom: (t) => `\ufeff${t}`,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  tab: (t) => t.replace('  标识:', '\t标识:'),
  'wrong edition': (t) => t.replace(/^版本: 2019/m, '版本: 2020'),
  'no edition': (t) => t.replace(/^版本: .*$/m, ''),
  'other edition': (t) => t.replace(/^版本: 2019/m, '版本: 2021'),
  'empty document': () => '',
  'comment only': () => '# 空\n',
  'a list': () => '- 1\n- 2\n',
  'a scalar': () => '报告\n',
  imbalance: (t) => t.replace(/(本年新收政府信息公开申请数量: \{自然人: )0/, '$15'),
  'wrong total': (t) => t.replace(/(结转下年度继续办理: \{.*总计: )0/, '$19'),
  acknowledgement: (t) => `${t}\n确认偏差:\n  - 规则: R3\n    单元格: 三/本年度办理结果/总计/自然人\n    说明: 原报告如此\n`,
  'unknown acknowledged cell': (t) => `${t}\n确认偏差:\n  - 规则: R3\n    单元格: 三/不存在\n    说明: 原报告如此\n`,
  'flow mapping broken': (t) => t.replace('{自然人: 0,', '{自然人: 0,,'),
  'null key': (t) => t.replace(/^(标题: .*)$/m, '$1\nnull: 1'),
  'number key': (t) => t.replace(/^(标题: .*)$/m, '$1\n1: 1'),
  'merge key': (t) => t.replace(/^(标题: .*)$/m, '$1\n<<: {a: 1}'),
  'long text block': (t) => t.replace(/^(标题: .*)$/m, '$1\n前言: >\n  折叠\n  的文字\n\n  第二段'),
  'quoted escapes': (t) => t.replace(/^(标题: ).*$/m, '$1"报告\\t\\u4e00 \\"引号\\""'),
  'single quotes': (t) => t.replace(/^(标题: ).*$/m, "$1'报告''s'"),
  'multi-line plain': (t) => t.replace(/^(标题: )(.*)$/m, '$1$2\n  续行'),
  'two documents': (t) => `${t}\n---\n版本: 2019\n`,
  'email and url': (t) => t.replace(/^(  层级: .*)$/m, '$1\n  联系方式:\n    电子邮箱: not-an-email\n    网址: https://example.gov.cn\n    邮编: 063705'),
  'file in the wrong folder': (t) => t,
};

test('the fast loader gives the full loader\'s result on seeds and every kind of bad or unusual input', () => {
  for (const file of seedFiles) same(readFileSync(file, 'utf8'), file);
  for (const [name, change] of Object.entries(VARIANTS)) {
    const file = name === 'file in the wrong folder' ? 'reports/2019/x.yaml' : baseFile;
    same(change(base), file);
  }
});

test('the fast loader gives the full loader\'s result on a generated corpus, and takes the fast path for clean reports', () => {
  let fast = 0;
  let clean = 0;
  for (const r of corpus(150, 11)) {
    const file = `reports/${r.year}/${r.agency.id}.yaml`;
    if (same(r.text, file)) fast++;
    if (r.quirk === null || r.quirk === 'nulls') clean++;
  }
  assert.ok(clean > 100);
  assert.equal(fast, clean, 'every report without warnings is loaded without the full reader');
});

test('a corpus loaded on worker threads and from the cache is the corpus loaded plainly', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-corpus-'));
  try {
    for (const r of corpus(400, 5)) {
      mkdirSync(path.join(dir, String(r.year)), { recursive: true });
      writeFileSync(path.join(dir, String(r.year), `${r.agency.id}.yaml`), r.text);
    }
    // Bad files among good ones, and one report twice under another name.
    writeFileSync(path.join(dir, '2020', 'broken.yaml'), VARIANTS['syntax error']!(base));
    writeFileSync(path.join(dir, '2020', 'laizhou-zhuqiao.yaml'), VARIANTS['negative count']!(base));
    const first = readdirSync(path.join(dir, '2021'))[0]!;
    writeFileSync(path.join(dir, '2021', 'zz-copy.yaml'), readFileSync(path.join(dir, '2021', first)));
    const plain = await loadCorpus([dir], { workers: 1 });
    assert.ok(plain.diagnostics.some((d) => d.rule === 'DUPLICATE-REPORT'));
    assert.ok(plain.diagnostics.some((d) => d.rule === 'R5'), 'cross-year findings');
    assert.deepEqual(await loadCorpus([dir], { workers: 2 }), plain);
    // First run fills the cache, the second reads from it: both equal the plain result.
    assert.deepEqual(await loadCorpus([dir], { workers: 2, cache: true }), plain);
    assert.deepEqual(await loadCorpus([dir], { cache: true }), plain);
    // An edited file is validated afresh, even with its old size and modification time.
    const broken = path.join(dir, '2020', 'broken.yaml');
    const before = readFileSync(broken);
    const fixed = Buffer.alloc(before.length, ' ');
    Buffer.from(base).copy(fixed);
    writeFileSync(broken, fixed.subarray(0, Math.max(before.length, Buffer.byteLength(base))));
    const mtime = new Date('2020-01-01T00:00:00Z');
    utimesSync(broken, mtime, mtime);
    const edited = await loadCorpus([dir], { cache: true });
    assert.ok(!edited.diagnostics.some((d) => d.file.endsWith('broken.yaml') && d.rule === 'YAML-SYNTAX'));
    assert.deepEqual(edited, await loadCorpus([dir], { workers: 1 }));
    // Touched without a change: still from the cache, still the same.
    utimesSync(broken, new Date(), new Date());
    assert.deepEqual(await loadCorpus([dir], { cache: true }), edited);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('number forms of programming languages are refused in a cell, not read as another figure', () => {
  for (const [written, advice] of [['0x10', /十六进制或八进制/], ['0o17', /十六进制或八进制/], ['1e3', /科学计数法/], ['.inf', /不是数字/]] as const) {
    const text = base.replace(/自然人: 0/, `自然人: ${written}`);
    const line = text.split('\n').findIndex((l) => l.includes(`自然人: ${written}`)) + 1;
    const found = loadReportText(text, baseFile).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(found.map((d) => [d.rule, d.line]), [['SCHEMA-NUMBER-FORMAT', line]], written);
    assert.match(found[0]!.message, advice, written);
    assert.ok(found[0]!.message.includes(`“${written}”`), `${written}: the message quotes what was written`);
  }
});
