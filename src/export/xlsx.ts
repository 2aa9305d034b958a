/**
 * The all-agency XLSX of a year, written with exceljs: a data sheet with the same columns as
 * the CSV (figures as numbers, blank cells empty) and a sheet describing every column.
 * Workbook and zip entry dates are fixed so that two builds give identical bytes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { EditionId } from '../../schema/editions/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import { cellColumns, META_COLUMNS, wideRow } from './record.ts';

/** The date written into the workbook and its zip entries (output must not depend on the clock). */
export const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/**
 * Run `write` with JSZip (which exceljs zips with) dating new entries FIXED_DATE instead of
 * the current time. `JSZip.defaults` is the library's own setting for options not given.
 */
async function withFixedZipDates<T>(write: () => Promise<T>): Promise<T> {
  const defaults = (JSZip as unknown as { defaults: { date: Date | null } }).defaults;
  const before = defaults.date;
  defaults.date = FIXED_DATE;
  try {
    return await write();
  } finally {
    defaults.date = before;
  }
}

/** All agencies of a year as an XLSX workbook. */
export async function yearXlsx(year: number, reports: readonly ReportEntry[]): Promise<Buffer> {
  const editions = [...new Set(reports.map((r) => r.edition.id as EditionId))];
  const columns = [...META_COLUMNS, ...cellColumns(editions)];
  const wb = new ExcelJS.Workbook();
  wb.creator = '政府信息公开工作年度报告';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  const data = wb.addWorksheet(`${year}年度`, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  data.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of reports) data.addRow(wideRow(r, columns));
  data.columns.forEach((col, i) => {
    col.width = i < META_COLUMNS.length ? 16 : 12;
  });
  const doc = wb.addWorksheet('栏目说明');
  doc.addRow(['列名', '适用格式版本', '说明']).font = { bold: true };
  for (const c of columns) doc.addRow([c.header, c.editions.join('、'), c.description]);
  doc.getColumn(1).width = 60;
  doc.getColumn(3).width = 60;
  return Buffer.from(await withFixedZipDates(() => wb.xlsx.writeBuffer()));
}
