/**
 * Hostile and broken report files, one fixture per kind (tests/fixtures/invalid/), read the way
 * `validate` reads them (bytes → encoding → YAML → schema): each gets its diagnostic at the line
 * and column the clerk must change, in Chinese, and doing what the message says makes the file valid.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { segmentProblem } from '../../schema/segment.ts';
import { loadCorpus } from '../../src/load/corpus.ts';
import { validateFile } from '../../src/load/load-task.ts';
import { loadReportText } from '../../src/load/report.ts';
import { systemErrorMessage } from '../../src/load/system-error.ts';
import { outputFile, outputRel } from '../../src/site/pages-task.ts';

const DIR = 'tests/fixtures/invalid';

/** Every diagnostic of a fixture, as `validate` finds it. */
const diagnosticsOf = (name: string) => validateFile(path.join(DIR, `${name}.yaml`)).diagnostics;
const errorsOf = (text: string) => loadReportText(text, 'x.yaml').diagnostics.filter((d) => d.severity === 'error');

const CASES: readonly { fixture: string; rule: string; severity?: 'error' | 'warning'; at: readonly (readonly [number, number])[]; says?: RegExp }[] = [
  // Names that become folders.
  { fixture: 'region-dot-dot', rule: 'SCHEMA-VALUE', at: [[9, 13], [9, 19]], says: /只由“\.”组成/ },
  { fixture: 'region-dot', rule: 'SCHEMA-VALUE', at: [[9, 13]], says: /只由“\.”组成/ },
  { fixture: 'region-index-html', rule: 'SCHEMA-VALUE', at: [[9, 13]], says: /保留的文件名/ },
  { fixture: 'region-too-long', rule: 'SCHEMA-VALUE', at: [[9, 13]], says: /太长（100 个字）/ },
  { fixture: 'region-with-slash', rule: 'SCHEMA-VALUE', at: [[9, 13]], says: /斜杠.*\[河北省, 唐山市\]/ },
  { fixture: 'region-windows-symbols', rule: 'SCHEMA-VALUE', at: [[9, 13]], says: /< > : " \| \? \*/ },
  // Encodings.
  { fixture: 'encoding-utf16le-bom', rule: 'FILE-ENCODING', at: [[1, 1]], says: /UTF-16 LE（记事本中叫“Unicode”/ },
  { fixture: 'encoding-utf16be-bom', rule: 'FILE-ENCODING', at: [[1, 1]], says: /UTF-16 BE/ },
  { fixture: 'encoding-utf16le-no-bom', rule: 'FILE-ENCODING', at: [[1, 1]], says: /不带 BOM 的 UTF-16 LE/ },
  { fixture: 'encoding-gb18030', rule: 'FILE-ENCODING', at: [[2, 3]], says: /GB18030\/GBK/ },
  { fixture: 'encoding-invalid-bytes', rule: 'FILE-ENCODING', at: [[8, 7]], says: /第 8 行第 7 列有不是 UTF-8 文字的字节/ },
  // Control and invisible characters.
  { fixture: 'control-nul-in-name', rule: 'TEXT-CONTROL', at: [[8, 10]], says: /空字符 NUL（U\+0000）/ },
  { fixture: 'control-esc-in-title', rule: 'TEXT-CONTROL', at: [[15, 8]], says: /转义符 ESC（U\+001B）/ },
  { fixture: 'control-rtl-override-in-name', rule: 'TEXT-CONTROL', at: [[8, 10]], says: /从右到左强制/ },
  { fixture: 'control-escape-in-quotes', rule: 'TEXT-CONTROL', at: [[15, 5]], says: /转义写法/ },
  { fixture: 'invisible-zero-width-in-name', rule: 'TEXT-INVISIBLE', severity: 'warning', at: [[8, 11]], says: /零宽空格（U\+200B）/ },
  { fixture: 'invisible-nbsp-in-title', rule: 'TEXT-INVISIBLE', severity: 'warning', at: [[15, 8]], says: /不换行空格（U\+00A0）/ },
  // Reading errors at the line to fix, not where the reader gave up.
  { fixture: 'unknown-tag', rule: 'YAML-SYNTAX', at: [[15, 5]], says: /「!foo」是 YAML 标签/ },
  { fixture: 'unclosed-double-quote', rule: 'YAML-SYNTAX', at: [[15, 5]], says: /第 15 行的引号没有配对：以英文引号 " 开始/ },
  { fixture: 'unclosed-single-quote', rule: 'YAML-SYNTAX', at: [[15, 5]], says: /第 15 行的引号没有配对：以英文引号 ' 开始/ },
  { fixture: 'unclosed-brace', rule: 'YAML-SYNTAX', at: [[43, 9]], says: /第 43 行的“\{”没有对应的“\}”/ },
  { fixture: 'unclosed-bracket', rule: 'YAML-SYNTAX', at: [[9, 7]], says: /第 9 行的“\[”没有对应的“\]”/ },
  { fixture: 'deep-nesting-brackets', rule: 'YAML-SYNTAX', at: [[15, 5]], says: /从第 15 行起.*嵌套超过 64 层/ },
  { fixture: 'deep-nesting-dashes', rule: 'YAML-SYNTAX', at: [[16, 1]], says: /从第 16 行起.*嵌套超过 64 层/ },
  { fixture: 'ack-unknown-cell', rule: 'ACK-UNKNOWN-CELL', at: [[121, 10]], says: /“三\/不存在\/总计”不存在/ },
  // Old Mac line ends (CR alone) are line breaks: the report is read, not '文件内容不是一份报告' at 1:1.
  { fixture: 'cr-line-ends-negative-count', rule: 'SCHEMA-NEGATIVE', at: [[43, 19]], says: /填写为 -1/ },
  // A misspelt key left empty is reported once, as unknown, not also as a missing 规章.
  { fixture: 'misspelt-empty-key', rule: 'SCHEMA-UNKNOWN-KEY', at: [[43, 5]], says: /您是否想写「规章」/ },
];

describe('hostile and broken report files', () => {
  for (const c of CASES) {
    it(`${c.fixture}: ${c.rule} at ${c.at.map(([l, col]) => `${l}:${col}`).join(', ')}`, () => {
      const all = diagnosticsOf(c.fixture);
      const found = all.filter((d) => d.rule === c.rule);
      assert.deepEqual(found.map((d) => [d.line, d.column]), c.at, `got ${all.map((d) => `${d.rule}@${d.line}:${d.column}`).join(', ')}`);
      assert.ok(found.every((d) => d.severity === (c.severity ?? 'error')));
      assert.deepEqual(all.filter((d) => d.rule !== c.rule), [], 'no other diagnostic');
      for (const d of found) {
        if (c.says) assert.match(d.message, c.says);
        assert.match(d.message, /[\u4e00-\u9fff]/);
        assert.match(d.message, /请|填写|改为|删去|写作/, 'says what to do');
        assert.doesNotMatch(d.message, /\bat .+:\d+:\d+\)|Error:|undefined|\[object|E[A-Z]{3,}:/);
      }
    });
  }

  it('an encoding message names VS Code and Notepad, and the file saved as UTF-8 is valid', async () => {
    const decode: Record<string, (b: Buffer) => string> = {
      'encoding-utf16le-bom': (b) => new TextDecoder('utf-16le').decode(b),
      'encoding-utf16be-bom': (b) => new TextDecoder('utf-16be').decode(b),
      'encoding-utf16le-no-bom': (b) => new TextDecoder('utf-16le').decode(b),
      'encoding-gb18030': (b) => new TextDecoder('gb18030').decode(b),
    };
    for (const [name, read] of Object.entries(decode)) {
      const [d] = diagnosticsOf(name);
      assert.match(d!.message, /VS Code.*“UTF-8”/);
      assert.match(d!.message, /记事本中：选“文件 → 另存为”，在对话框下方的“编码”中选“UTF-8”/);
      // What the editor does when told to save as UTF-8.
      const utf8 = read(await readFile(path.join(DIR, `${name}.yaml`)));
      assert.deepEqual(errorsOf(utf8), [], name);
    }
  });

  it('deleting the character at the position a control-character message gives makes the file valid', async () => {
    for (const name of ['control-nul-in-name', 'control-esc-in-title', 'control-rtl-override-in-name', 'invisible-zero-width-in-name', 'invisible-nbsp-in-title']) {
      const [d] = diagnosticsOf(name);
      const lines = (await readFile(path.join(DIR, `${name}.yaml`), 'utf8')).split('\n');
      const line = [...lines[d!.line - 1]!];
      line.splice(d!.column - 1, 1);
      lines[d!.line - 1] = line.join('');
      const after = loadReportText(lines.join('\n'), 'x.yaml').diagnostics;
      assert.deepEqual(after, [], name);
    }
  });

  it('following the advice of the reading errors makes the file valid', async () => {
    const text = (name: string) => readFile(path.join(DIR, `${name}.yaml`), 'utf8');
    const fix = (t: string, line: number, change: (l: string) => string) => t.split('\n').map((l, i) => (i === line - 1 ? change(l) : l)).join('\n');
    // 请删去「!foo」
    assert.deepEqual(errorsOf(fix(await text('unknown-tag'), 15, (l) => l.replace('!foo ', ''))), []);
    // 请补上结尾的引号
    assert.deepEqual(errorsOf(fix(await text('unclosed-double-quote'), 15, (l) => `${l}"`)), []);
    assert.deepEqual(errorsOf(fix(await text('unclosed-single-quote'), 15, (l) => `${l}'`)), []);
    // 每个 { 要有一个 } 结束
    assert.deepEqual(errorsOf(fix(await text('unclosed-brace'), 43, (l) => `${l}}`)), []);
    assert.deepEqual(errorsOf(fix(await text('unclosed-bracket'), 9, (l) => l.replace('  #', ']  #'))), []);
    // 请删去这一项，或填写这一级地区的正式名称
    assert.deepEqual(errorsOf(fix(await text('region-dot-dot'), 9, (l) => l.replace('"..", "..", x', '唐山市, 滦州市, 雷庄镇'))), []);
    // 不要用斜杠连接
    assert.deepEqual(errorsOf(fix(await text('region-with-slash'), 9, (l) => l.replace('唐山市/滦州市', '唐山市, 滦州市'))), []);
  });

  it('region names: unsafe folder names are refused with a reason, real names pass', () => {
    for (const bad of ['.', '..', '...', 'a/b', 'a\\b', 'index.html', 'INDEX.HTM', 'CON', 'nul.txt', 'lpt1', '.hidden', '唐山市.', 'a<b', 'a:b', 'a|b', 'a?b', 'a*b', 'a"b', '唐\u200b山', '唐\u00a0山', '唐\u202e山', '唐\u0000山', '长'.repeat(41), '😀'.repeat(41)]) {
      assert.ok(segmentProblem(bad), JSON.stringify(bad));
    }
    for (const good of ['河北省', '唐山市', '新疆维吾尔自治区', '克孜勒苏柯尔克孜自治州', '雷庄镇', "a'b&c", '长'.repeat(40), '第一.二区']) {
      assert.equal(segmentProblem(good), undefined, good);
    }
  });

  it('no output path leaves the output folder, whatever the site path', () => {
    assert.equal(outputFile('/out', '/regions/2020/河北省/'), path.join('/out', 'regions/2020/河北省/index.html'));
    for (const bad of ['/regions/2020/../../../x/', '/regions/./x/', '/../index.html', '/a\\..\\..\\b/', `/${'x'.repeat(256)}/`, '', '/a\u0000b/', '/...x/.y/']) {
      assert.throws(() => outputFile('/out', bad), /不在输出文件夹/, JSON.stringify(bad));
      assert.throws(() => outputRel(bad), /不在输出文件夹/, JSON.stringify(bad));
    }
    // The path relative to the output folder, told without resolving paths, is outputFile's.
    for (const good of ['/', '//', '/regions/2020/河北省/', '/2020/jia-erzhen/', '/data/2020.csv', '/data/2020/jia-erzhen.json', '/a//b/', '/%E6%B2%B3%E5%8C%97/', '/x/...y/.z/', `/${'x'.repeat(255)}/`]) {
      assert.equal(outputRel(good), path.relative('/out', outputFile('/out', good)).split(path.sep).join('/'), good);
    }
  });

  describe('files and folders', () => {
    let tmp: string;
    before(async () => {
      tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-hostile-'));
    });
    after(async () => {
      await rm(tmp, { recursive: true, force: true });
    });

    it('a folder given as a report file gets a Chinese message, not EISDIR', async () => {
      const dir = path.join(tmp, 'a-folder.yaml');
      await mkdir(dir);
      const [d] = validateFile(dir).diagnostics;
      assert.equal(d!.rule, 'FILE-PATH');
      assert.match(d!.message, /^无法读取「.*a-folder\.yaml」：这是一个文件夹，不是文件/);
      assert.doesNotMatch(d!.message, /illegal operation/);
    });

    it('operating-system errors are said in Chinese with the path', async () => {
      const caught = async (f: () => Promise<unknown>) => f().then(() => assert.fail('expected an error'), (e: unknown) => e);
      const eisdir = await caught(() => readFile(tmp));
      assert.match(systemErrorMessage(eisdir, 'reports/2020')!, /^无法读取「reports\/2020」：这是一个文件夹，不是文件/);
      const enoent = await caught(() => readFile(path.join(tmp, 'none.yaml')));
      assert.match(systemErrorMessage(enoent)!, /^无法打开「.+none\.yaml」：文件或文件夹不存在/);
      const enotdir = await caught(async () => {
        await writeFile(path.join(tmp, 'file'), '');
        await mkdir(path.join(tmp, 'file', 'sub'));
      });
      assert.match(systemErrorMessage(enotdir)!, /^无法创建文件夹「.+」：路径中间的某一级是文件/);
      assert.equal(systemErrorMessage(new Error('x')), undefined);
    });

    it('a report at the root of reports/ (or below a year folder) is an error and is not published', async () => {
      const reports = path.join(tmp, 'reports');
      await mkdir(path.join(reports, '2020', 'sub'), { recursive: true });
      const seed = await readFile('reports/2020/luanzhou-leizhuang.yaml');
      await writeFile(path.join(reports, 'luanzhou-leizhuang.yaml'), seed);
      await writeFile(path.join(reports, '2020', 'sub', 'luanzhou-leizhuang.yaml'), seed);
      const corpus = await loadCorpus([reports], { reportsRoot: reports });
      assert.deepEqual(corpus.reports, []);
      const placed = corpus.diagnostics.filter((d) => d.rule === 'FILE-PATH');
      assert.equal(placed.length, 2);
      assert.match(placed[0]!.message, /须放在 .*reports\/<年度>\/ 文件夹中.*不会被发布/);
      // The same file in its year folder is published.
      await writeFile(path.join(reports, '2020', 'luanzhou-leizhuang.yaml'), seed);
      await rm(path.join(reports, 'luanzhou-leizhuang.yaml'));
      await rm(path.join(reports, '2020', 'sub'), { recursive: true });
      const ok = await loadCorpus([reports], { reportsRoot: reports });
      assert.equal(ok.reports.length, 1);
      assert.deepEqual(ok.diagnostics.filter((d) => d.severity === 'error'), []);
    });
  });
});
