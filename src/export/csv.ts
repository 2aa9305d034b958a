/**
 * CSV downloads, written with csv-stringify's synchronous API (quoting is the library's):
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel on Windows opens the Chinese
 * text correctly.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { cellColumns, META_COLUMNS, reportRecord, wideRow } from './record.ts';
import type { EditionId } from '../../schema/editions/index.ts';

type Field = string | number | null;

/** Rows as CSV text: byte-order mark, CRLF after every row; NUL characters dropped. */
export function csvText(rows: readonly (readonly Field[])[]): string {
  return stringify(rows as Field[][], {
    bom: true,
    record_delimiter: 'windows',
    // With CRLF records, csv-stringify quotes only fields holding a whole CRLF; a lone CR or
    // LF (a line break in a title) would end the row in most readers, so those are quoted too.
    quoted_match: /[\r\n]/,
    cast: { string: (v) => (v.includes('\0') ? v.replace(/\0/g, '') : v) },
  });
}

/** Text a spreadsheet would read as a formula is prefixed with ' (numbers are left alone). */
export const guardText = (v: string | number | null): string | number | null =>
  typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

/** Columns of the one-row-per-cell CSV, with what each holds. */
export const LONG_COLUMNS = [
  { header: '年度', description: '报告所属年度' },
  { header: '机关标识', description: '机关的固定标识' },
  { header: '机关名称', description: '发布报告的行政机关' },
  { header: '格式版本', description: '2019 或 2021' },
  { header: '单元格编号', description: '单元格的固定编号：表号和各级栏目名，以“/”分隔' },
  { header: '表', description: '所在的表（表二、表三、表四）及其标题' },
  { header: '子表', description: '表二的子表（如 第二十条第（一）项）' },
  { header: '行', description: '行的栏目名，外层在前，以“ / ”分隔' },
  { header: '列', description: '列的栏目名，外层在前，以“ / ”分隔' },
  { header: '数值', description: '数字；原报告空白时为空' },
  { header: '单位', description: '金额的单位（元或万元），其余为件数或项数' },
  { header: '说明', description: '“空白”：原报告此格空白；“计算得出”：原报告未填此合计，由各项相加得出；“小计”：原报告把这一组印作一行，这是那一行；“未分项公布”：原报告只印了这一组的一行（小计），这一分项没有公布' },
] as const;

/** Several reports as one CSV, one row per cell. */
export function reportsCsv(reports: readonly LoadedReport[]): string {
  const rows: (string | number | null)[][] = [LONG_COLUMNS.map((c) => c.header)];
  for (const r of reports) {
    const rec = reportRecord(r);
    for (const c of rec.cells) {
      rows.push([
        rec.year, rec.agency.id, guardText(rec.agency.name), rec.edition.id, c.id, c.table, c.subtable ?? '',
        c.row.join(' / '), c.column.join(' / '), c.value, c.unit ?? '', c.publishedAs === '未分项公布' ? c.publishedAs : c.value === null ? '空白' : c.computed ? '计算得出' : (c.publishedAs ?? ''),
      ]);
    }
  }
  return csvText(rows);
}

/** All agencies of a year, one row per agency and one column per cell (Chinese headers). */
export function yearCsv(reports: readonly ReportEntry[]): string {
  const editions = [...new Set(reports.map((r) => r.edition.id as EditionId))];
  const columns = [...META_COLUMNS, ...cellColumns(editions)];
  const rows: (string | number | null)[][] = [columns.map((c) => c.header)];
  for (const r of reports) rows.push(wideRow(r, columns).map(guardText));
  return csvText(rows);
}
