import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellsOf } from '../../schema/cells.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { csvText, guardText, reportsCsv, yearCsv } from '../../src/export/csv.ts';
import { build } from '../../src/build.ts';
import { cellColumns, cellIdAt, META_COLUMNS, reportRecord, wideRow } from '../../src/export/record.ts';
import { recordJsonSchemaText } from '../../src/export/report-schema.ts';
import { FIXED_DATE, yearXlsx } from '../../src/export/xlsx.ts';
import { reloadReport } from '../../src/load/corpus.ts';
import { entryOf, type ReportEntry } from '../../src/load/entry.ts';
import { loadReportText, type LoadedReport } from '../../src/load/report.ts';
import { reportToYaml } from '../../src/write/report-yaml.ts';
import { loadTwoYears, TWO_YEARS } from '../summary/fixture.ts';
import { readCsv } from '../shared.ts';

/** A valid report whose texts carry commas, quotes, line breaks and a formula-like start. */
function hostileReport(): LoadedReport {
  const values = new Map(cellsOf(EDITIONS[2019]).filter((c) => !c.total).map((c) => [c.id, 0]));
  values.set('三/本年度办理结果/予以公开/自然人', 1);
  values.set('三/本年新收政府信息公开申请数量/自然人', 1);
  const text = reportToYaml({
    edition: 2019,
    year: 2020,
    agency: { id: 'odd-name', name: '=甲,"乙"镇', region: ['某省'], level: '乡级' },
    title: '标题,含"引号"',
    published: null,
    prose: { 一: '总体情况。', 五: '问题。' },
    values,
    omitTotals: true,
  });
  const result = loadReportText(text, 'odd-name.yaml');
  assert.ok(result.loaded, JSON.stringify(result.diagnostics));
  // A line break inside a name is valid in a report; set it on the loaded data directly.
  const report = { ...result.loaded.report, 机关: { ...result.loaded.report.机关, 名称: '=甲,"乙"\n镇' } };
  return { ...result.loaded, report };
}

/** The 2020 reports as the corpus holds them, and in full (with prose) as their own files are made from. */
let y2020: ReportEntry[];
let full2020: LoadedReport[];
before(async () => {
  const corpus = await loadTwoYears();
  y2020 = corpus.reports.filter((r) => r.year === 2020);
  full2020 = await Promise.all(y2020.map(reloadReport));
});

describe('JSON record', () => {
  it('gives each table its row and column labels once and its values row by row, null for blank', () => {
    const sjz = reportRecord(full2020.find((r) => r.report.机关.标识 === 'shijiazhuang-shi')!);
    assert.deepEqual(sjz.tables.map((t) => [t.table, t.heading, t.subtables.length]), [
      ['表二', '二、主动公开政府信息情况', 5],
      ['表三', '三、收到和处理政府信息公开申请情况', 1],
      ['表四', '四、政府信息公开行政复议、行政诉讼情况', 1],
    ]);
    const t3 = sjz.tables[1]!.subtables[0]!;
    const row = t3.rows.findIndex((r) => r.key === '本年度办理结果/不予公开/属于行政查询事项');
    const col = t3.columns.findIndex((c) => c.key === '科研机构');
    assert.deepEqual(t3.rows[row], { key: '本年度办理结果/不予公开/属于行政查询事项', label: ['三、本年度办理结果', '（三）不予公开', '8.属于行政查询事项'] });
    assert.deepEqual(t3.columns[col], { key: '科研机构', label: ['科研机构'], kind: 'count' });
    assert.equal(t3.values[row]![col], null);
    assert.equal(cellIdAt(t3, row, col), '三/本年度办理结果/不予公开/属于行政查询事项/科研机构');
    const buying = sjz.tables[0]!.subtables.find((s) => s.title === '第二十条第（九）项')!;
    assert.deepEqual(buying.columns[1], { key: '采购总金额', label: ['采购总金额'], kind: 'money', unit: '元' });
    assert.equal(buying.values[0]![1], 3805463.74);
    // The total of 一、本年新收 was left out and added up: marked by its [row, column].
    const total = t3.columns.findIndex((c) => c.key === '总计');
    assert.deepEqual(t3.columns[total]!.total, 'R2');
    assert.equal(t3.values[0]![total], 47);
    assert.ok(t3.computed.some(([r, c]) => r === 0 && c === total));
    assert.deepEqual(sjz.tables[2]!.subtables[0]!.rows, [{ key: '', label: [] }]);
    assert.equal(cellIdAt(sjz.tables[2]!.subtables[0]!, 0, 0), '四/行政复议/结果维持');
  });
});

describe('CSV', () => {
  it('writes the all-agency table with a BOM, Chinese headers and one column per cell', async () => {
    const text = yearCsv(y2020);
    assert.ok(text.startsWith('\ufeff年度,机关标识,'));
    const rows = await readCsv(text.slice(1));
    const columns = [...META_COLUMNS, ...cellColumns([2019, 2021])];
    assert.equal(rows.length, 1 + 4);
    assert.deepEqual(rows[0], columns.map((c) => c.header));
    assert.equal(new Set(rows[0]).size, rows[0]!.length, 'headers are unique');
    const sjz = rows.find((r) => r[1] === 'shijiazhuang-shi')!;
    const col = (h: string) => rows[0]!.indexOf(h);
    assert.equal(sjz[col('表三：三、本年度办理结果 / （一）予以公开 · 自然人')], '30');
    assert.equal(sjz[col('表三：三、本年度办理结果 / （三）不予公开 / 8.属于行政查询事项 · 科研机构')], '');
    assert.equal(sjz[col('表三：三、本年度办理结果 / （六）其他处理 / 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 · 自然人（仅2021年版）')], '');
    const hs = rows.find((r) => r[1] === 'hengshan-zhen')!;
    assert.equal(hs[col('表三：三、本年度办理结果 / （六）其他处理 / 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 · 自然人（仅2021年版）')], '2');
  });

  it('writes a year of more agencies than one piece holds as one text, row for row', async () => {
    // 1,234 agencies: the CSV is made a few hundred rows at a time; the pieces must join into the one table.
    // Every fifth the hostile report (commas, quotes, line breaks, formula-like text in its fields):
    // the text is quoted as csv-stringify quotes the whole row, whichever way the figures are joined.
    const hostile = entryOf(hostileReport(), 'hash');
    const many = Array.from({ length: 1234 }, (_, i) => {
      const r = i % 5 === 4 ? hostile : y2020[i % y2020.length]!;
      return { ...r, agency: { ...r.agency, id: `agency-${String(i).padStart(4, '0')}` } };
    });
    const columns = [...META_COLUMNS, ...cellColumns([2019, 2021])];
    const text = yearCsv(many);
    assert.equal(text, csvText([columns.map((c) => c.header), ...many.map((r) => wideRow(r, columns).map(guardText))]));
    const rows = await readCsv(text.slice(1));
    assert.equal(rows.length, 1 + 1234);
    assert.deepEqual(rows.slice(1).map((r) => r[1]), many.map((r) => r.agency.id));
  });

  it('quotes commas, quotes and line breaks and defuses formula-like text', async () => {
    const odd = hostileReport();
    const rows = await readCsv(yearCsv([entryOf(odd, 'hash')]).slice(1));
    assert.equal(rows[1]![2], '\'=甲,"乙"\n镇');
    assert.equal(rows[1]![6], '标题,含"引号"');
    const own = await readCsv(reportsCsv([odd]).slice(1));
    assert.deepEqual(own[2], ['机关名称', '\'=甲,"乙"\n镇']);
    assert.deepEqual(own[6], ['标题', '标题,含"引号"']);
  });

  it('writes RFC 4180: BOM, CRLF after every row, quoted fields read back as written', async () => {
    const rows = [['a', 'b,c', 'd"e', 'f\rg', 'h\r\ni', 'j|k'], [1.5, -2, null, '', ' 空格 ', 'x\0y']];
    const text = csvText(rows);
    assert.ok(text.startsWith('\ufeff'));
    assert.equal(text.slice(1), 'a,"b,c","d""e","f\rg","h\r\ni",j|k\r\n1.5,-2,,, 空格 ,xy\r\n');
    assert.deepEqual(await readCsv(text.slice(1)), [['a', 'b,c', 'd"e', 'f\rg', 'h\r\ni', 'j|k'], ['1.5', '-2', '', '', ' 空格 ', 'xy']]);
  });
});

describe('XLSX', () => {
  it('reads back equal to the data, with fixed dates and identical bytes on every run', async () => {
    const buffer = await yearXlsx(2020, y2020);
    assert.ok(buffer.equals(await yearXlsx(2020, y2020)));
    // Equal bytes within one run could be luck of the clock: every zip entry carries the fixed date.
    const zip = await JSZip.loadAsync(buffer);
    for (const f of Object.values(zip.files)) assert.equal(f.date.getTime(), FIXED_DATE.getTime(), f.name);
    assert.ok(Object.keys(zip.files).includes('docProps/core.xml'));
    assert.match(await zip.file('docProps/core.xml')!.async('string'), /2020-01-01T00:00:00Z/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('2020年度')!;
    const columns = [...META_COLUMNS, ...cellColumns([2019, 2021])];
    const read = (n: number) => columns.map((_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
    assert.deepEqual(read(1), columns.map((c) => c.header));
    // 发布日期 is a date cell in the workbook (the CSV's YYYY-MM-DD text as a date).
    const published = columns.findIndex((c) => c.header === '发布日期');
    y2020.forEach((r, i) => {
      const expected: unknown[] = wideRow(r, columns);
      if (r.published) expected[published] = new Date(`${r.published}T00:00:00Z`);
      assert.deepEqual(read(i + 2), expected);
    });
    assert.equal(sheet.rowCount, 1 + y2020.length);
    assert.equal(wb.getWorksheet('栏目说明')!.rowCount, 1 + columns.length);
  });
});

describe('downloads', () => {
  it('writes the same bytes on every build', async () => {
    const a = await mkdtemp(path.join(tmpdir(), 'nianbao-data-'));
    const b = await mkdtemp(path.join(tmpdir(), 'nianbao-data-'));
    try {
      const reportsDir = TWO_YEARS;
      for (const outDir of [a, b]) assert.ok((await build({ reportsDir, outDir, clean: true })).built);
      const files = (await readdir(path.join(a, 'data'), { recursive: true })).sort();
      assert.ok(files.includes('2020.xlsx') && files.includes('2020.csv') && files.includes(path.join('2020', 'jia-yizhen.json')));
      for (const f of files) {
        if (!/\.\w+$/.test(f)) continue;
        assert.ok((await readFile(path.join(a, 'data', f))).equals(await readFile(path.join(b, 'data', f))), f);
      }
      // The published JSON Schema is the one the code makes, and every report's JSON passes it.
      const schemaText = await readFile(path.join(a, 'data', 'report.schema.json'), 'utf8');
      assert.equal(schemaText, recordJsonSchemaText());
      const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(schemaText));
      const reports = files.filter((f) => /^\d{4}[/\\].+\.json$/.test(f));
      assert.equal(reports.length, 7, "one per report of the corpus");
      for (const f of reports) assert.ok(validate(JSON.parse(await readFile(path.join(a, 'data', f), 'utf8'))), `${f}: ${JSON.stringify(validate.errors)}`);
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });
});
