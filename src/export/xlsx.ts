/**
 * The all-agency XLSX of a year, written with exceljs: a data sheet with the same columns as
 * the CSV (figures as numbers, blank cells empty) and a sheet describing every column.
 * Workbook and zip entry dates are fixed so that two builds give identical bytes.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import type { EditionId } from '../../schema/editions/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import { cellColumns, META_COLUMNS, wideRow } from './record.ts';

/** The date written into the workbook and its zip entries (output must not depend on the clock). */
export const FIXED_DATE = new Date(Date.UTC(2020, 0, 1));

/**
 * All agencies of a year as an XLSX workbook. Written with exceljs's streaming writer, row by
 * row, so memory stays flat however many agencies a year has (the in-memory workbook needed
 * about 1.9 GB for 5,000 rows); the zip is then written again with fixed entry dates.
 */
export async function yearXlsx(year: number, reports: readonly ReportEntry[]): Promise<Buffer> {
  const editions = [...new Set(reports.map((r) => r.edition.id as EditionId))];
  const columns = [...META_COLUMNS, ...cellColumns(editions)];
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = '政府信息公开工作年度报告';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  const data = wb.addWorksheet(`${year}年度`, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  data.columns = columns.map((_, i) => ({ width: i < META_COLUMNS.length ? 16 : 12 }));
  const head = data.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  head.commit();
  for (const r of reports) data.addRow(wideRow(r, columns)).commit();
  data.commit();
  const doc = wb.addWorksheet('栏目说明');
  doc.columns = [{ width: 60 }, { width: 12 }, { width: 60 }];
  const docHead = doc.addRow(['列名', '适用格式版本', '说明']);
  docHead.font = { bold: true };
  docHead.commit();
  for (const c of columns) doc.addRow([c.header, c.editions.join('、'), c.description]).commit();
  doc.commit();
  await wb.commit();
  // The streaming writer dates zip entries with the clock: write the same entries again, dated FIXED_DATE.
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  const out = new JSZip();
  for (const f of Object.values(zip.files)) {
    if (!f.dir) out.file(f.name, await f.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
