import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { cellColumns, META_COLUMNS, wideRow, type WideColumn } from '../../src/export/record.ts';
import { columnName, excelDate, MAX_CELL_TEXT, writeWorkbook, xmlText, type Cell } from '../../src/export/spreadsheet.ts';
import { FIXED_DATE, yearXlsx } from '../../src/export/xlsx.ts';
import { ZipWriter } from '../../src/export/zip.ts';
import type { ReportEntry } from '../../src/load/entry.ts';
import { loadTwoYears } from '../summary/fixture.ts';

const load = async (buffer: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
};

/** A row as exceljs reads it back: null for a cell that is not there. */
const readRow = (sheet: ExcelJS.Worksheet, n: number, width: number): unknown[] =>
  Array.from({ length: width }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);

const has = (cmd: string): boolean => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0 || spawnSync(cmd, ['-v'], { stdio: 'ignore' }).status === 0;

let y2020: ReportEntry[];
before(async () => {
  y2020 = (await loadTwoYears()).reports.filter((r) => r.year === 2020);
});

describe('spreadsheet column names', () => {
  it('counts A–Z, AA–ZZ, AAA… up to Excel’s last column XFD', () => {
    const cases: [number, string][] = [[0, 'A'], [25, 'Z'], [26, 'AA'], [51, 'AZ'], [52, 'BA'], [701, 'ZZ'], [702, 'AAA'], [703, 'AAB'], [1377, 'AZZ'], [1378, 'BAA'], [16383, 'XFD']];
    for (const [i, name] of cases) assert.equal(columnName(i), name, String(i));
    assert.throws(() => columnName(16384), RangeError);
    assert.throws(() => columnName(-1), RangeError);
  });
});

describe('XML text', () => {
  it('escapes markup, drops what XML 1.0 forbids, keeps emoji and carriage returns', () => {
    assert.equal(xmlText('a<b>&"c\''), 'a&lt;b&gt;&amp;&quot;c\'');
    assert.equal(xmlText('x\u0000\u0001\u0008\u000B\u000C\u000E\u001F\uFFFE\uFFFFy'), 'xy');
    assert.equal(xmlText('\t\n\r'), '\t\n&#13;');
    assert.equal(xmlText('🏛️政府'), '🏛️政府');
    assert.equal(xmlText('lone \uD800 and \uDC00 halves'), 'lone  and  halves');
    assert.equal(xmlText('_x0041_ and _xZZZZ_'), '_x005F_x0041_ and _xZZZZ_');
  });
});

describe('zip writer', () => {
  it('writes entries that read back whole, checksums verified, dated as asked', async () => {
    const zip = new ZipWriter(FIXED_DATE);
    const long = Array.from({ length: 5000 }, (_, i) => `第${i}行，含“引号”。\n`);
    await zip.add('a/long.txt', long);
    await zip.add('empty.txt', []);
    const bytes = zip.finish();
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    assert.deepEqual(Object.keys(read.files), ['a/long.txt', 'empty.txt']);
    assert.equal(await read.file('a/long.txt')!.async('string'), long.join(''));
    assert.equal(await read.file('empty.txt')!.async('string'), '');
    for (const f of Object.values(read.files)) assert.equal(f.date.getTime(), FIXED_DATE.getTime());
  });

  it('writes an entry deflated in several segments as one stream that reads back whole, the same bytes every time', async () => {
    // About 16 MB of UTF-8 in pieces of uneven length: four segments, the last a short one.
    const pieces = Array.from({ length: 40_000 }, (_, i) => `<row r="${i}">第${i}行：${'政府信息公开'.repeat(i % 40)}${i * 7919}</row>\n`);
    const text = pieces.join('');
    assert.ok(Buffer.byteLength(text) > 12 * 2 ** 20, 'more than three segments of text');
    const write = async () => {
      const zip = new ZipWriter(FIXED_DATE);
      await zip.add('big.xml', pieces);
      await zip.add('small.txt', ['after']);
      return zip.finish();
    };
    const bytes = await write();
    assert.deepEqual(bytes, await write());
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    assert.equal(await read.file('big.xml')!.async('string'), text);
    assert.equal(await read.file('small.txt')!.async('string'), 'after');
  });

  it('rejects, leaving nothing unhandled, when the text fails part way', async () => {
    function* failing(): Generator<string> {
      for (let i = 0; i < 3000; i++) yield 'x'.repeat(4096);
      throw new Error('row 3001 is wrong');
    }
    await assert.rejects(new ZipWriter(FIXED_DATE).add('a.txt', failing()), /row 3001 is wrong/);
  });
});

describe('year XLSX', () => {
  const columns = (): WideColumn[] => [...META_COLUMNS, ...cellColumns([2019, 2021])];

  it('holds both editions of a year: every cell equal to the data, blanks empty, up to the last column', async () => {
    const editions = new Set(y2020.map((r) => r.edition.id));
    assert.deepEqual([...editions].sort(), [2019, 2021]);
    // One report with blank cells, to see that null is an empty cell and not a 0 or "".
    const blanks = cellsOf(y2020[0]!.edition).slice(0, 5).map((c) => c.id);
    const withBlanks: ReportEntry = { ...y2020[0]!, published: null, values: new Map([...y2020[0]!.values].map(([id, v]) => [id, blanks.includes(id) ? null : v])) };
    const reports = [...y2020, withBlanks];
    const wb = await load(await yearXlsx(2020, reports));
    const sheet = wb.getWorksheet('2020年度')!;
    const cols = columns();
    assert.deepEqual(readRow(sheet, 1, cols.length), cols.map((c) => c.header));
    const published = cols.findIndex((c) => c.header === '发布日期');
    reports.forEach((r, i) => {
      const expected: unknown[] = wideRow(r, cols);
      if (r.published) expected[published] = new Date(`${r.published}T00:00:00Z`);
      assert.deepEqual(readRow(sheet, i + 2, cols.length), expected, `row ${i + 2}`);
    });
    const blankRow = sheet.getRow(reports.length + 1);
    const firstBlank = cols.findIndex((c) => c.cell?.id === blanks[0]);
    assert.equal(blankRow.getCell(firstBlank + 1).type, ExcelJS.ValueType.Null);
    assert.equal(typeof sheet.getRow(2).getCell(cols.length).value, 'number');
    // Nothing past the last column, and the last header sits where its letters say.
    assert.equal(sheet.getRow(1).cellCount, cols.length);
    assert.equal(sheet.getCell(`${columnName(cols.length - 1)}1`).value, cols.at(-1)!.header);
    assert.equal(sheet.rowCount, 1 + reports.length);
  });

  it('has a bold header, frozen agency columns, column widths and a sheet describing every column', async () => {
    const buffer = await yearXlsx(2020, y2020);
    const xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
    assert.match(xml, /<pane xSplit="3" ySplit="1" topLeftCell="D2" activePane="bottomRight" state="frozen"\/>/);
    const wb = await load(buffer);
    assert.equal(wb.creator, '政府信息公开工作年度报告');
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['2020年度', '栏目说明']);
    const sheet = wb.getWorksheet('2020年度')!;
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.equal(sheet.getRow(1).getCell(columns().length).font?.bold, true);
    assert.notEqual(sheet.getRow(2).getCell(2).font?.bold, true);
    const view = sheet.views[0]!;
    assert.equal(view.state, 'frozen');
    assert.equal((view as ExcelJS.WorksheetViewFrozen).xSplit, 3);
    assert.equal((view as ExcelJS.WorksheetViewFrozen).ySplit, 1);
    assert.equal((view as ExcelJS.WorksheetViewFrozen).topLeftCell, 'D2');
    assert.equal(sheet.getColumn(META_COLUMNS.length).width, 16);
    assert.equal(sheet.getColumn(META_COLUMNS.length + 1).width, 12);
    const doc = wb.getWorksheet('栏目说明')!;
    assert.deepEqual(readRow(doc, 1, 3), ['列名', '适用格式版本', '说明']);
    assert.equal(doc.getRow(1).getCell(1).font?.bold, true);
    columns().forEach((c, i) => assert.deepEqual(readRow(doc, i + 2, 3), [c.header, c.editions.join('、'), c.description]));
    assert.equal(doc.getColumn(1).width, 60);
  });

  it('writes 发布日期 as date cells shown yyyy-mm-dd, and a blank date as an empty cell', async () => {
    const dated = y2020.filter((r) => r.published);
    assert.ok(dated.length > 0, 'the fixture has a dated report');
    const undated: ReportEntry = { ...y2020[0]!, published: null };
    const sheet = (await load(await yearXlsx(2020, [...dated, undated]))).getWorksheet('2020年度')!;
    const col = META_COLUMNS.findIndex((c) => c.header === '发布日期') + 1;
    dated.forEach((r, i) => {
      const cell = sheet.getRow(i + 2).getCell(col);
      assert.equal(cell.type, ExcelJS.ValueType.Date, `row ${i + 2}`);
      assert.equal((cell.value as Date).toISOString().slice(0, 10), r.published);
      assert.equal(cell.numFmt, 'yyyy-mm-dd');
    });
    assert.equal(sheet.getRow(dated.length + 2).getCell(col).type, ExcelJS.ValueType.Null);
    // Day 1 of Excel's calendar after its 1900 leap-year slot, and a leap day.
    assert.equal(excelDate(new Date(Date.UTC(1900, 2, 1))), 61);
    assert.equal(excelDate(new Date(Date.UTC(2020, 1, 29))), 43890);
  });

  it('keeps text that starts like a formula as text: the cell carries quotePrefix, its value unchanged', async () => {
    const hostile = ['=HYPERLINK("http://x","点此")', '+86-10-12345678', '-1', '@SUM(A1)'];
    const rows: Cell[][] = [[...hostile, '普通文字', 5]];
    const header = ['a', 'b', 'c', 'd', 'e', 'f'];
    const buffer = await writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ name: 's', header, widths: header.map(() => 9), rowCount: 1, rows }] });
    const sheet = (await load(buffer)).getWorksheet('s')!;
    assert.deepEqual(readRow(sheet, 2, 6), [...hostile, '普通文字', 5]);
    for (let i = 1; i <= 4; i++) assert.equal(sheet.getRow(2).getCell(i).type, ExcelJS.ValueType.String);
    // exceljs does not read quotePrefix: the style each cell points at is read from the file itself.
    const zip = await JSZip.loadAsync(buffer);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [...styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)![1]!.matchAll(/<xf [^>]*\/>/g)].map((m) => m[0]);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styleOf = (ref: string) => xfs[Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(xml)![1] ?? 0)]!;
    for (const ref of ['A2', 'B2', 'C2', 'D2']) assert.match(styleOf(ref), /quotePrefix="1"/, ref);
    for (const ref of ['E2', 'F2', 'A1']) assert.doesNotMatch(styleOf(ref), /quotePrefix/, ref);
    // A year file: an agency name written like a formula is quoted too.
    const odd: ReportEntry = { ...y2020[0]!, agency: { ...y2020[0]!.agency, name: '=1+1' } };
    const yearZip = await JSZip.loadAsync(await yearXlsx(2020, [odd]));
    const yearXml = await yearZip.file('xl/worksheets/sheet1.xml')!.async('string');
    assert.match(yearXml, /<c r="C2" s="3" t="inlineStr"><is><t xml:space="preserve">=1\+1<\/t>/);
  });

  it('keeps hostile text readable: markup, control characters, emoji, text longer than a cell holds', async () => {
    const long = `开${'长'.repeat(MAX_CELL_TEXT + 100)}`;
    const odd: ReportEntry = {
      ...y2020[0]!,
      agency: { ...y2020[0]!.agency, name: '<甲&乙>"镇"\'\u0001\u000B\u001F\uD800\r\n🏛️</c></row>' },
      title: long,
      published: ']]><![CDATA[',
    };
    const buffer = await yearXlsx(2020, [odd]);
    assert.ok(buffer.equals(await yearXlsx(2020, [odd])));
    const sheet = (await load(buffer)).getWorksheet('2020年度')!;
    const cols = [...META_COLUMNS, ...cellColumns([odd.edition.id as 2019 | 2021])];
    const expected = wideRow(odd, cols);
    expected[2] = '<甲&乙>"镇"\'\r\n🏛️</c></row>';
    expected[6] = `${long.slice(0, MAX_CELL_TEXT - 1)}…`;
    assert.deepEqual(readRow(sheet, 2, cols.length), expected);
    assert.equal((expected[6] as string).length, MAX_CELL_TEXT);
  });

  it('puts every column where its letters say, past AAA', async () => {
    const width = 800;
    const header = Array.from({ length: width }, (_, i) => `h${i}`);
    const rows: Cell[][] = [Array.from({ length: width }, (_, i) => i), Array.from({ length: width }, (_, i) => (i % 2 ? null : `t${i}`))];
    const wb = await load(await writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ name: 's', header, widths: header.map(() => 9), rowCount: 2, rows }] }));
    const sheet = wb.getWorksheet('s')!;
    for (const i of [0, 25, 26, 701, 702, 703, width - 1]) {
      assert.equal(sheet.getCell(`${columnName(i)}1`).value, `h${i}`);
      assert.equal(sheet.getCell(`${columnName(i)}2`).value, i);
      assert.equal(sheet.getCell(`${columnName(i)}3`).value, i % 2 ? null : `t${i}`);
    }
    assert.equal(sheet.getRow(1).cellCount, width);
  });

  it('writes a year without reports as its header row alone', async () => {
    const sheet = (await load(await yearXlsx(2020, []))).getWorksheet('2020年度')!;
    assert.equal(sheet.rowCount, 1);
    assert.equal(sheet.getRow(1).getCell(1).value, META_COLUMNS[0]!.header);
  });

  it('writes every number as JavaScript prints it, and rows across many buffers whole', async () => {
    const numbers = [0, -0, 7, -12, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 1e21, 0.1, -3.5, 1e-7, 123456789.25];
    // Some 25 MB of rows, long text in each, so that rows and cells fall across the writer's buffers.
    const rows: Cell[][] = [numbers, ...Array.from({ length: 3000 }, (_, i) => [`${'公开'.repeat(1000 + (i % 700))}${i}`, i * 13 - 5000, null, i % 3 ? 0.5 : -i])];
    const header = numbers.map((_, i) => `h${i}`);
    const bytes = await writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ name: 's', header, widths: header.map(() => 9), rowCount: rows.length, rows }] });
    const xml = await (await JSZip.loadAsync(bytes, { checkCRC32: true })).file('xl/worksheets/sheet1.xml')!.async('string');
    const cell = (ref: string, v: Cell) => (v === null ? '' : typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${v}</t></is></c>`);
    const expected = rows.map((row, r) => `<row r="${r + 2}">${row.map((v, i) => cell(`${columnName(i)}${r + 2}`, v)).join('')}</row>`).join('');
    const start = xml.indexOf('<row r="2">');
    assert.equal(xml.slice(start, xml.indexOf('</sheetData>')), expected);
  });

  it('refuses rows that do not fit the sheet it was told about', async () => {
    const sheet = { name: 's', header: ['a'], widths: [9] };
    await assert.rejects(writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ ...sheet, rowCount: 2, rows: [[1]] }] }), /2 rows but has 1/);
    await assert.rejects(writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ ...sheet, rowCount: 1, rows: [[1, 2]] }] }), /2 cells for 1 columns/);
    await assert.rejects(writeWorkbook({ creator: 'x', date: FIXED_DATE, sheets: [{ ...sheet, name: 'a/b', rowCount: 0, rows: [] }] }), /sheet name/);
  });

  it('passes strict zip and XML readers (unzip -t; python3 zipfile and expat)', async (t) => {
    const odd: ReportEntry = { ...y2020[0]!, agency: { ...y2020[0]!.agency, name: '<&"\u0001\uD800\r🏛️' } };
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-xlsx-'));
    try {
      const file = path.join(dir, 'year.xlsx');
      await writeFile(file, await yearXlsx(2020, [...y2020, odd]));
      let checked = 0;
      if (has('unzip')) {
        const r = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /No errors detected/);
        checked++;
      }
      if (has('python3')) {
        const script = 'import sys, zipfile, xml.etree.ElementTree as ET\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor n in z.namelist(): ET.fromstring(z.read(n))\nprint(len(z.namelist()))';
        const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout.trim(), '8');
        checked++;
      }
      if (!checked) t.skip('neither unzip nor python3 is installed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
