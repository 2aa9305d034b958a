/**
 * The all-agency XLSX of a year: a data sheet with the same columns as the CSV (figures as
 * numbers, blank cells empty) and a sheet describing every column. Workbook and zip entry
 * dates are fixed so that two builds give identical bytes.
 */
import type { EditionId } from '../../schema/editions/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import { cellColumns, META_COLUMNS, wideRow, type WideColumn } from './record.ts';
import { type Cell, writeWorkbook } from './spreadsheet.ts';

/** The date written into the workbook and its zip entries (output must not depend on the clock). */
export const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/** 发布日期 (YYYY-MM-DD, as the schema checked it) as a date cell; anything else stays text. */
function dateCell(value: Cell): Cell {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : value;
}

/**
 * The data sheet's rows, made one at a time as they are written: the CSV's row, 发布日期 a
 * date. One array, filled again for each row (each is written before the next is asked for).
 */
function* rowsOf(reports: readonly ReportEntry[], columns: readonly WideColumn[]): Generator<Cell[]> {
  const published = columns.findIndex((c) => !c.cell && c.header === '发布日期');
  const row: Cell[] = [];
  for (const r of reports) {
    wideRow(r, columns, row as (string | number | null)[]);
    if (published >= 0) row[published] = dateCell(row[published]!);
    yield row;
  }
}

/**
 * All agencies of a year as an XLSX workbook. Rows are written straight into the compressed
 * sheet one batch at a time, so memory stays flat however many agencies a year has.
 */
export async function yearXlsx(year: number, reports: readonly ReportEntry[]): Promise<Buffer> {
  const editions = [...new Set(reports.map((r) => r.edition.id as EditionId))];
  const columns = [...META_COLUMNS, ...cellColumns(editions)];
  return writeWorkbook({
    creator: '政府信息公开工作年度报告',
    date: FIXED_DATE,
    sheets: [
      {
        name: `${year}年度`,
        header: columns.map((c) => c.header),
        widths: columns.map((_, i) => (i < META_COLUMNS.length ? 16 : 12)),
        frozen: { columns: 3, rows: 1 },
        rowCount: reports.length,
        rows: rowsOf(reports, columns),
      },
      {
        name: '栏目说明',
        header: ['列名', '适用格式版本', '说明'],
        widths: [60, 12, 60],
        rowCount: columns.length,
        rows: columns.map((c) => [c.header, c.editions.join('、'), c.description]),
      },
    ],
  });
}
