/**
 * A report's JSON and CSV read back with real readers (JSON.parse and ajv against the published
 * JSON Schema; @fast-csv/parse) give every cell's value, statutory labels, unit and status
 * (blank, computed) that the template and the loaded report hold — everything the former
 * one-record-per-cell files carried — for the seed reports, the fixtures, reports with 确认偏差
 * and 表注, and a generated corpus of both editions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { writeCorpus } from '../../bench/generate.ts';
import { cellsOf, type CellDef } from '../../schema/cells.ts';
import { COMPUTED_HEADER, REPORT_CSV_FIELDS, reportsCsv } from '../../src/export/csv.ts';
import { reportJson } from '../../src/export/files.ts';
import { readableJson } from '../../src/export/json.ts';
import { cellIdAt, type ReportRecord } from '../../src/export/record.ts';
import { recordJsonSchema } from '../../src/export/report-schema.ts';
import { loadCorpus, reloadReport } from '../../src/load/corpus.ts';
import { loadReportText, type LoadedReport } from '../../src/load/report.ts';
import { readCsv } from '../shared.ts';

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(recordJsonSchema());

/** What the former per-cell record said of a cell, from the template and the loaded report. */
interface Cell {
  readonly id: string;
  readonly table: string;
  readonly subtable: string | null;
  readonly row: readonly string[];
  readonly column: readonly string[];
  readonly value: number | null;
  readonly computed: boolean;
  readonly kind: CellDef['kind'];
  readonly unit: string | null;
}

const expectedCells = (r: LoadedReport): Cell[] =>
  cellsOf(r.edition).map((c) => ({
    id: c.id,
    table: `表${c.section.id} ${c.section.heading}`,
    subtable: c.grid.title ?? null,
    row: c.rowLabels,
    column: c.colLabels,
    value: r.values.get(c.id) ?? null,
    computed: r.computed.has(c.id),
    kind: c.kind,
    unit: c.unit ?? null,
  }));

/** Every cell as the JSON gives it. */
function cellsFromJson(rec: ReportRecord): Cell[] {
  const out: Cell[] = [];
  for (const t of rec.tables) {
    for (const sub of t.subtables) {
      assert.equal(sub.values.length, sub.rows.length);
      sub.rows.forEach((row, i) => {
        assert.equal(sub.values[i]!.length, sub.columns.length);
        sub.columns.forEach((col, j) => {
          out.push({
            id: cellIdAt(sub, i, j),
            table: `${t.table} ${t.heading}`,
            subtable: sub.title,
            row: row.label,
            column: col.label,
            value: sub.values[i]![j]!,
            computed: sub.computed.some(([a, b]) => a === i && b === j),
            kind: col.kind,
            unit: col.unit ?? null,
          });
        });
      });
    }
  }
  return out;
}

/**
 * Every cell as the CSV gives it, read line by line in the template's order of tables,
 * sub-tables, rows and columns; the header and label texts are checked against the cells'.
 */
function cellsFromCsv(lines: string[][], r: LoadedReport): { cells: Map<string, { value: string; computed: boolean; header: string }>; fields: Map<string, string>; notes: string[][]; rest: string[][] } {
  const fields = new Map<string, string>();
  let at = 0;
  for (const f of REPORT_CSV_FIELDS) {
    assert.equal(lines[at]![0], f.header);
    fields.set(f.header, lines[at]![1] ?? '');
    at++;
  }
  const cells = new Map<string, { value: string; computed: boolean; header: string }>();
  const notes: string[][] = [];
  const note = () => {
    if (lines[at]?.[0]?.endsWith('表注')) notes.push(lines[at++]!);
  };
  const all = cellsOf(r.edition);
  let section = '';
  let grid: unknown;
  let header: string[] = [];
  for (let i = 0; i < all.length; ) {
    const c = all[i]!;
    if (c.section.heading !== section) {
      note();
      assert.deepEqual(lines[at], [], `blank line before ${c.section.heading}`);
      assert.deepEqual(lines[at + 1], [`表${c.section.id} ${c.section.heading}`]);
      at += 2;
      section = c.section.heading;
    }
    if (c.grid !== grid) {
      grid = c.grid;
      if (c.grid.title) assert.deepEqual(lines[at++], [c.grid.title]);
      header = lines[at++]!;
      assert.equal(header[0], c.grid.corner);
      assert.equal(header.at(-1), COMPUTED_HEADER);
    }
    const line = lines[at++]!;
    assert.equal(line[0], c.rowLabels.join(' / '));
    const computed = new Set(line.at(-1) ? line.at(-1)!.split('、') : []);
    for (let j = 1; j < header.length - 1; j++, i++) {
      const cell = all[i]!;
      assert.equal(cell.rowKeys.join('/'), c.rowKeys.join('/'), 'one line per statutory row');
      cells.set(cell.id, { value: line[j]!, computed: computed.has(header[j]!), header: header[j]! });
    }
  }
  note();
  return { cells, fields, notes, rest: lines.slice(at) };
}

async function checkReport(r: LoadedReport): Promise<{ json: number; csv: number }> {
  const text = reportJson(r);
  const rec = JSON.parse(text) as ReportRecord;
  assert.ok(validate(rec), `${r.file}: ${ajv.errorsText(validate.errors)}`);
  assert.deepEqual(cellsFromJson(rec), expectedCells(r), r.file);
  // Nothing but the indentation differs from the compact text of the same value.
  assert.equal(JSON.stringify(JSON.parse(text)), JSON.stringify(rec));

  const csv = reportsCsv([r]);
  assert.ok(csv.startsWith('\ufeff年度,'));
  assert.ok(!/[^\r]\n/.test(csv.replace(/"[^"]*"/g, '')), 'CRLF line ends');
  const lines = await readCsv(csv.slice(1));
  const { cells, fields, notes, rest } = cellsFromCsv(lines, r);
  assert.equal(fields.get('年度'), String(rec.year));
  assert.equal(fields.get('机关标识'), rec.agency.id);
  assert.equal(fields.get('格式版本'), `${rec.edition.name}（${rec.edition.source}）`);
  assert.equal(fields.get('发布日期'), rec.published ?? '');
  for (const c of expectedCells(r)) {
    const got = cells.get(c.id);
    assert.ok(got, `${r.file}: ${c.id} in the CSV`);
    assert.equal(got.value, c.value === null ? '' : String(c.value), `${r.file}: ${c.id}`);
    assert.equal(got.computed, c.computed, `${r.file}: ${c.id} computed`);
    assert.equal(got.header, c.unit && !c.column.join(' / ').includes(`单位：${c.unit}`) ? `${c.column.join(' / ')}（单位：${c.unit}）` : c.column.join(' / '));
  }
  assert.equal(cells.size, cellsOf(r.edition).length);
  assert.deepEqual(notes, rec.tables.filter((t) => t.note !== null).map((t) => [`${t.table}表注`, t.note]));
  // After the last table, the 确认偏差 if any.
  assert.equal(rest.length, rec.deviations.length ? 3 + rec.deviations.length : 0);
  const deviations = rest.slice(rest.findIndex((l) => l[0] === '规则') + 1);
  assert.equal(rest.some((l) => l[0] === '规则') ? deviations.length : 0, rec.deviations.length);
  deviations.forEach((l, k) => assert.deepEqual([l[0], l[1], l[4]], [rec.deviations[k]!.rule, rec.deviations[k]!.cell ?? '', rec.deviations[k]!.note]));
  return { json: Buffer.byteLength(text), csv: Buffer.byteLength(csv) };
}

const load = (file: string, edit = (t: string) => t): LoadedReport => {
  const result = loadReportText(edit(readFileSync(file, 'utf8')), file);
  assert.ok(result.loaded, `${file}: ${JSON.stringify(result.diagnostics)}`);
  return result.loaded;
};
const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f));

describe('a report’s JSON and CSV give back every cell, label and status', () => {
  for (const file of [...yamlFiles('reports/2020'), ...yamlFiles('tests/fixtures/valid'), 'tests/fixtures/golden/cases/acknowledged.yaml']) {
    it(file, async () => {
      await checkReport(load(file));
    });
  }

  it('keeps 确认偏差 and 表注', async () => {
    const r = load('tests/fixtures/golden/cases/acknowledged.yaml', (t) =>
      t.replace(/^(三、收到和处理政府信息公开申请情况:\n)/m, '$1  表注: "注：含转办申请 2 件，=见附件"\n').replace(/^(四、政府信息公开行政复议、行政诉讼情况:\n)/m, '$1  表注: 无\n'),
    );
    const rec = JSON.parse(reportJson(r)) as ReportRecord;
    assert.deepEqual(rec.tables.map((t) => t.note), [null, '注：含转办申请 2 件，=见附件', '无']);
    assert.ok(rec.deviations.length > 0);
    assert.deepEqual(Object.keys(rec.deviations[0]!), ['rule', 'cell', 'location', 'original', 'note', 'verified']);
    await checkReport(r);
    const lines = await readCsv(reportsCsv([r]).slice(1));
    assert.deepEqual(lines.find((l) => l[0] === '表三表注'), ['表三表注', '注：含转办申请 2 件，=见附件']);
  });

  it('rejects, by its JSON Schema, a file with a label or a value out of place', async () => {
    const rec = JSON.parse(reportJson(load('tests/fixtures/valid/2021-edition-filled.yaml'))) as Record<string, any>;
    assert.ok(validate(rec));
    const broken = (change: (r: Record<string, any>) => void) => {
      const copy = structuredClone(rec);
      change(copy);
      return validate(copy);
    };
    assert.equal(broken((r) => (r.tables[1].subtables[0].rows[0].label = ['一、本年新收申请'])), false);
    assert.equal(broken((r) => (r.tables[1].subtables[0].values[0][0] = -1)), false);
    assert.equal(broken((r) => (r.tables[1].subtables[0].values[0][0] = '3')), false);
    assert.equal(broken((r) => r.tables[1].subtables[0].values.pop()), false);
    assert.equal(broken((r) => (r.edition.id = 2019)), false);
    assert.equal(broken((r) => (r.tables[1].subtables[0].computed = [[0, 99]])), false);
    assert.equal(broken((r) => (r.extra = 1)), false);
    assert.equal(broken((r) => (r.tables[1].subtables[0].values[0][0] = null)), true, 'blank is allowed');
  });
});

describe('a generated corpus of both editions', () => {
  let dir: string;
  let reports: LoadedReport[];
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'nianbao-data-'));
    writeCorpus(dir, 200, 7);
    const corpus = await loadCorpus([dir], { cache: false });
    assert.equal(corpus.reports.length, 200);
    reports = await Promise.all(corpus.reports.map(reloadReport));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back every cell from each file; a 2021 report is ≤ 15 KB of JSON and ≤ 10 KB of CSV', async () => {
    const editions = new Set<number>();
    let computed = 0;
    let blank = 0;
    for (const r of reports) {
      const size = await checkReport(r);
      editions.add(r.edition.id);
      computed += r.computed.size;
      blank += [...r.values.values()].filter((v) => v === null).length;
      if (r.edition.id === 2021) {
        assert.ok(size.json <= 15 * 1024, `${r.file}: JSON ${size.json} bytes`);
        assert.ok(size.csv <= 10 * 1024, `${r.file}: CSV ${size.csv} bytes`);
      }
    }
    // The corpus exercises what the files must carry: both editions, computed totals, blanks.
    assert.deepEqual([...editions].sort(), [2019, 2021]);
    assert.ok(computed > 0 && blank > 0);
  });

  it('exports several reports as one JSON array and one CSV, each report as its own file gives it', async () => {
    const two = reports.slice(0, 2);
    const csv = await readCsv(reportsCsv(two).slice(1));
    const first = await readCsv(reportsCsv([two[0]!]).slice(1));
    const second = await readCsv(reportsCsv([two[1]!]).slice(1));
    assert.deepEqual(csv, [...first, [], ...second]);
    assert.deepEqual(JSON.parse(readableJson(two.map((r) => JSON.parse(reportJson(r))))), two.map((r) => JSON.parse(reportJson(r))));
  });
});
