/** The fast loader and the cached, threaded corpus loader give exactly what the plain loader gives. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { corpus } from '../../bench/generate.ts';
import { parseReportDirect } from '../../schema/direct.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { EDITION_SCHEMAS } from '../../schema/report.ts';
import { importFile } from '../../src/import/index.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { crossYearDiagnostics } from '../../src/load/cross-year.ts';
import { decodeReport } from '../../src/load/encoding.ts';
import { entryOf, entryRecord, recordOf } from '../../src/load/entry.ts';
import { proseSentences } from '../../schema/copying.ts';
import { loadReportFast } from '../../src/load/fast.ts';
import { quickYaml } from '../../src/load/quick-yaml.ts';
import { loadReportText } from '../../src/load/report.ts';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'nianbao-cache-'));
process.env.NIANBAO_CACHE_DIR = cacheDir;
after(() => rmSync(cacheDir, { recursive: true, force: true }));

/**
 * The fast loader must give exactly the full loader's result, whatever the input — the whole
 * LoadResult, and the report's keys in the same order; true when it took the fast path.
 */
function same(text: string, file: string): boolean {
  const counts = { full: 0 };
  const fast = loadReportFast(text, file, counts);
  const full = loadReportText(text, file);
  assert.deepEqual(fast, full, `${file}: fast path differs`);
  // Byte for byte as the cache and --format json write them: keys, their order, and what locate adds (exact, source).
  assert.equal(JSON.stringify(fast.diagnostics), JSON.stringify(full.diagnostics), `${file}: diagnostics differ as JSON`);
  if (full.loaded) {
    assert.equal(JSON.stringify(fast.loaded!.report), JSON.stringify(full.loaded.report), `${file}: key order differs`);
    assert.deepEqual([...fast.loaded!.values], [...full.loaded.values], `${file}: cell order differs`);
    assert.deepEqual([...fast.loaded!.computed], [...full.loaded.computed], `${file}: computed totals differ`);
  }
  sameSchema(text, file);
  return counts.full === 0;
}

/**
 * The direct check of schema/direct.ts accepts only what zod accepts, and returns what zod
 * returns (keys in the same order, -0 kept); true when it accepted the text's data.
 */
function sameSchema(text: string, file: string): boolean {
  const quick = quickYaml(text.replace(/\r(?!\n)/g, '\n'));
  const edition = (quick?.data as Record<string, unknown> | null | undefined)?.['版本'];
  if (!quick || !(typeof edition === 'number' && edition in EDITIONS)) return false;
  const editionId = edition as EditionId;
  const zod = EDITION_SCHEMAS[editionId].safeParse(structuredClone(quick.data));
  const direct = parseReportDirect(editionId, structuredClone(quick.data));
  if (direct === undefined) return false;
  assert.ok(zod.success, `${file}: the direct check accepted what zod refuses`);
  assert.deepEqual(direct, zod.data, `${file}: the direct check returns other data than zod`);
  assert.equal(JSON.stringify(direct), JSON.stringify(zod.data), `${file}: the direct check orders keys otherwise than zod`);
  return true;
}

/** Every file under a folder, recursively. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).sort();

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

test('the fast loader gives the full loader\'s result on a generated corpus, and takes the fast path for every report, those with warnings included', () => {
  let fast = 0;
  let clean = 0;
  let warned = 0;
  let direct = 0;
  const reports = [...corpus(300, 11)];
  for (const r of reports) {
    const file = `reports/${r.year}/${r.agency.id}.yaml`;
    if (same(r.text, file)) fast++;
    if (sameSchema(r.text, file)) direct++;
    if (r.quirk === null || r.quirk === 'nulls') clean++;
    if (loadReportText(r.text, file).diagnostics.length) warned++;
  }
  assert.ok(clean > 200);
  assert.ok(warned > 5, `${warned} reports with warnings of their own (R6, R7, EDITION-YEAR)`);
  assert.equal(fast, reports.length, 'every generated report is loaded without the full reader, its warnings placed from its lines');
  assert.ok(direct >= clean, 'the schema of every clean report is checked without zod');
});

test('reports whose findings can be placed from their lines take the fast path, with the full loader\'s result', () => {
  // One fixture per rule a schema-valid report can break; each is placed from the template's layout.
  const cases = ['r1', 'r2', 'r3', 'r4', 'r6', 'r7', 'r9', 'acknowledged', 'edition-year', '2021/file-path', 'timeliness', 'prose-year', 'leftover', 'section5-thin', 'agency-kind', 'fee-contradiction', 'pending-contradiction'];
  for (const name of cases) {
    const file = `tests/fixtures/golden/cases/${name}.yaml`;
    const text = readFileSync(file, 'utf8');
    assert.ok(loadReportText(text, file).diagnostics.length, `${name}: the fixture has findings`);
    assert.ok(same(text, file), `${name}: placed from its lines`);
  }
  // A finding the lines cannot place (an acknowledgement by its index, a prose section left empty) takes the full path.
  for (const name of ['ack-unused-and-unknown-cell', 'prose-empty']) {
    const file = `tests/fixtures/golden/cases/${name}.yaml`;
    assert.equal(same(readFileSync(file, 'utf8'), file), false, `${name}: the full path`);
  }
});

test('the fast loader gives the full loader\'s result on every report fixture, bad input of every kind included', async () => {
  let loaded = 0;
  for (const file of filesUnder('tests/fixtures').filter((f) => /\.ya?ml$/i.test(f))) {
    // As validateFile reads a file: a file in another encoding than UTF-8 is refused before either loader.
    const decoded = decodeReport(readFileSync(file), file);
    if (decoded.text === undefined) continue;
    same(decoded.text, file);
    loaded++;
  }
  assert.ok(loaded > 80, `${loaded} fixtures loaded`);
  // Drafts the importer writes from published reports: blanks, 表注, 确认偏差, cells left unfilled.
  let drafts = 0;
  for (const file of filesUnder('tests/fixtures/import').filter((f) => /\.(?:txt|html|md)$/.test(f))) {
    const result = await importFile(file);
    if (result.yaml === undefined) continue;
    same(result.yaml, 'reports/2021/draft.yaml');
    drafts++;
  }
  assert.ok(drafts > 20, `${drafts} import drafts loaded`);
});

test('the record a worker sends for a report is the record of its entry', () => {
  let compared = 0;
  const texts = [...[...corpus(200, 7)].map((r) => ({ text: r.text, file: `reports/${r.year}/${r.agency.id}.yaml` }))];
  for (const file of filesUnder('tests/fixtures').filter((f) => /\.ya?ml$/i.test(f))) {
    const decoded = decodeReport(readFileSync(file), file);
    if (decoded.text !== undefined) texts.push({ text: decoded.text, file });
  }
  for (const { text, file } of texts) {
    const loaded = loadReportFast(text, file).loaded;
    if (!loaded) continue;
    const sentences = proseSentences(loaded.edition.id as EditionId, loaded.report);
    const record = recordOf(loaded, 'hash', sentences);
    assert.deepEqual(record, entryRecord(entryOf(loaded, 'hash', sentences)), file);
    assert.equal(JSON.stringify(record), JSON.stringify(entryRecord(entryOf(loaded, 'hash', sentences))), file);
    compared++;
  }
  assert.ok(compared > 200, `${compared} records compared`);
});

test('the direct schema check returns what zod returns, or declines: cell forms, table notes, keys', () => {
  const report = [...corpus(40, 3)].find((r) => r.year === 2021 && r.quirk === null && r.text.includes('    电话: '))!;
  // The first cell of a row written in flow style, set to `value` as written in YAML.
  const cell = (row: string, value: string) => (t: string) => t.replace(new RegExp(`(${row}: \\{[^:]+: )[^,}]+`), `$1${value}`);
  const forms: Record<string, [change: (t: string) => string, accepted: boolean]> = {
    'as generated': [(t) => t, true],
    'full-width digits': [cell('规章', '"１２"'), true],
    'plus sign in text': [cell('规章', '"+3"'), true],
    'slash for blank': [cell('规章', '"/"'), true],
    '不适用 for blank': [cell('规章', '不适用'), true],
    'null': [cell('规章', 'null'), true],
    'minus zero': [cell('规章', '-0'), true],
    'money with its unit': [cell('行政事业性收费', '"1.5 万元"'), true],
    'money in another unit': [cell('行政事业性收费', '"5000元"'), false],
    'money, six decimals': [cell('行政事业性收费', '0.123456'), true],
    'money, seven decimals': [cell('行政事业性收费', '0.1234567'), false],
    'negative money': [cell('行政事业性收费', '-1'), false],
    'fraction in a count': [cell('规章', '1.5'), false],
    'negative count': [cell('规章', '-1'), false],
    'unsafe integer': [cell('规章', '9007199254740993'), false],
    'a word': [cell('规章', '若干'), false],
    'a boolean': [cell('规章', 'true'), false],
    'a list': [cell('规章', '[1]'), false],
    'unknown column': [(t) => t.replace('规章: {', '规章: {其他: 1, '), false],
    'total left out': [(t) => t.replace(/(行政复议: \{[^}]*), 总计: \d+\}/, '$1}'), true],
    'part left out': [(t) => t.replace(/(行政复议: \{)结果维持: \d+, /, '$1'), false],
    'row left out': [(t) => t.replace(/^ {4}行政强制: .*\n/m, ''), false],
    'row as a list': [(t) => t.replace(/^( {4}行政强制: ).*$/m, '$1[1, 2]'), false],
    'table note': [(t) => t.replace(/^(三、收到和处理政府信息公开申请情况:)$/m, '$1\n  表注: "  单位：件  "'), true],
    'empty table note': [(t) => t.replace(/^(三、收到和处理政府信息公开申请情况:)$/m, '$1\n  表注: "  "'), false],
    'table note in a row': [(t) => t.replace('规章: {', '规章: {表注: 说明, '), false],
    'section missing': [(t) => t.replace(/^四、[\s\S]*?(?=^五、)/m, ''), false],
    'e-mail address': [(t) => t.replace(/^( {4}电话: .*)$/m, '$1\n    电子邮箱: gk@example.gov.cn'), true],
    'bad e-mail address': [(t) => t.replace(/^( {4}电话: .*)$/m, '$1\n    电子邮箱: not-an-email'), false],
    'unknown top-level key': [(t) => `${t}\n附件: 无\n`, false],
    'title with spaces around': [(t) => t.replace(/^标题: (.*)$/m, '标题: "  $1  "'), true],
    'empty title': [(t) => t.replace(/^标题: .*$/m, '标题: "  "'), false],
    'region level with spaces around': [(t) => t.replace(/^( {2}地区: \[)([^,\]]+)/m, '$1" $2 "'), true],
    'region level with a slash': [(t) => t.replace(/^( {2}地区: \[)([^,\]]+)/m, '$1"$2/某区"'), false],
    'empty region list': [(t) => t.replace(/^( {2}地区: )\[.*$/m, '$1[]'), false],
    'unknown level': [(t) => t.replace(/^( {2}层级: )\S+/m, '$1村级'), false],
    'unknown kind': [(t) => t.replace(/^( {2}类型: )\S+/m, '$1机关'), false],
    'no kind': [(t) => t.replace(/^ {2}类型: .*\n/m, ''), true],
    'unknown agency key': [(t) => t.replace(/^( {2}层级: .*)$/m, '$1\n  简称: 某局'), false],
    'agency id with capitals': [(t) => t.replace(/^( {2}标识: )(\S+)/m, '$1X$2'), false],
    'postcode of five digits': [(t) => t.replace(/^( {4}邮编: ).*$/m, '$1"12345"'), false],
    'postcode as a number': [(t) => t.replace(/^( {4}邮编: ).*$/m, '$1123456'), false],
    'empty phone': [(t) => t.replace(/^( {4}电话: ).*$/m, '$1"  "'), false],
    'year out of range': [(t) => t.replace(/^年度: \d+/m, '年度: 2007'), false],
    'year in full-width digits': [(t) => t.replace(/^年度: \d+/m, '年度: "２０２１"'), true],
    'year with a fraction': [(t) => t.replace(/^年度: \d+/m, '年度: 2021.5'), false],
    'date left blank': [(t) => t.replace(/^发布日期: \S+/m, '发布日期: null'), true],
    'date written in Chinese': [(t) => t.replace(/^发布日期: \S+/m, '发布日期: 2022年1月20日'), true],
    'impossible date': [(t) => t.replace(/^发布日期: \S+/m, '发布日期: 2022-02-30'), false],
    'date left out': [(t) => t.replace(/^发布日期: .*\n/m, ''), false],
    'preamble left out': [(t) => t.replace(/^前言: \|-\n(?: {2}.*\n|\n)*/m, ''), true],
    'preamble as a number': [(t) => t.replace(/^前言: \|-\n(?: {2}.*\n|\n)*/m, '前言: 12\n'), false],
    'optional section left out': [(t) => t.replace(/^六、其他需要报告的事项: \|-\n(?: {2}.*\n?|\n)*/m, ''), true],
    'required section as a list': [(t) => t.replace(/^(一、总体情况: )\|-\n(?: {2}.*\n|\n)*/m, '$1[a]\n'), false],
    'an acknowledgement': [(t) => `${t}\n确认偏差:\n  - 规则: R3\n    单元格: 三/本年度办理结果/总计/自然人\n    说明: 原报告如此\n`, true],
  };
  for (const [name, [change, accepted]] of Object.entries(forms)) {
    const text = change(report.text);
    assert.ok(name === 'as generated' || text !== report.text, `${name}: the change applies`);
    assert.equal(sameSchema(text, name), accepted, `${name}: ${accepted ? 'accepted' : 'declined'} by the direct check`);
    same(text, `reports/2021/${report.agency.id}.yaml`);
  }
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
    // A report filed under another name than its 标识, its year before in place: no placement is
    // worked out for it while validating, and its findings are placed by reading it again.
    const moved = readdirSync(path.join(dir, '2021')).find((f) => f !== first && existsSync(path.join(dir, '2020', f)))!;
    renameSync(path.join(dir, '2021', moved), path.join(dir, '2021', 'zz-moved.yaml'));
    const plain = await loadCorpus([dir], { workers: 1 });
    assert.ok(plain.diagnostics.some((d) => d.file.endsWith('/2021/zz-moved.yaml') && ['R5', 'COPY-LAST-YEAR'].includes(d.rule)), 'the moved report is compared with its year before');
    assert.ok(plain.diagnostics.some((d) => d.rule === 'DUPLICATE-REPORT'));
    assert.ok(plain.diagnostics.some((d) => d.rule === 'R5'), 'cross-year findings');
    assert.ok(plain.diagnostics.some((d) => d.rule === 'COPY-LAST-YEAR'), 'reports that repeat last year\'s');
    // Findings placed from what validation kept are those placed by reading each file again.
    const again = await crossYearDiagnostics(plain.reports, undefined, 1);
    const crossYear = new Set(['R5', 'R8', 'COPY-LAST-YEAR']);
    for (const r of plain.reports) assert.deepEqual(r.diagnostics.filter((d) => crossYear.has(d.rule)), again.get(r) ?? [], r.file);
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
