/**
 * The all-agency XLSX of a year: a data sheet with the same columns as the CSV (figures as
 * numbers, blank cells empty) and a sheet describing every column. Workbook and zip entry
 * dates are fixed so that two builds give identical bytes.
 */
import type { EditionId } from '../../schema/editions/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import { cellColumns, META_COLUMNS, wideRow, type WideColumn } from './record.ts';
import { writeWorkbook } from './spreadsheet.ts';

/** The date written into the workbook and its zip entries (output must not depend on the clock). */
export const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/** The data sheet's rows, made one at a time as they are written. */
function* rowsOf(reports: readonly ReportEntry[], columns: readonly WideColumn[]): Generator<(string | number | null)[]> {
  for (const r of reports) yield wideRow(r, columns);
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
