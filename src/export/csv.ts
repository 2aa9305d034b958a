/**
 * CSV downloads, written with csv-stringify's synchronous API (quoting is the library's):
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel on Windows opens the Chinese
 * text correctly.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { cellColumns, META_COLUMNS, reportRecord, wideRow, type ColumnRecord, type RowRecord } from './record.ts';
import type { EditionId } from '../../schema/editions/index.ts';

type Field = string | number | null;

/**
 * Rows as CSV text: CRLF after every row; NUL characters dropped; a byte-order mark first
 * unless `bom` is false (rows that continue a text begun with one).
 */
export function csvText(rows: readonly (readonly Field[])[], { bom = true }: { bom?: boolean } = {}): string {
  return stringify(rows as Field[][], {
    bom,
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

/** Lines at the head of a report's CSV: a label in the first column, its value in the second. */
export const REPORT_CSV_FIELDS = [
  { header: '年度', description: '报告所属年度' },
  { header: '机关标识', description: '机关的固定标识（各年度不变）' },
  { header: '机关名称', description: '发布报告的行政机关' },
  { header: '地区', description: '所在地区，从省级写起，以“/”分隔' },
  { header: '层级', description: '省级、市级、县级或乡级' },
  { header: '格式版本', description: '表格格式版本及其发文：2019年版（国办公开办函〔2019〕60号）或 2021年版（国办公开办函〔2021〕30号）' },
  { header: '标题', description: '报告标题' },
  { header: '发布日期', description: '报告发布日期（原报告未注明时为空）' },
  { header: '报告页面', description: '本站该报告页面的路径' },
  { header: '说明', description: '如何读这个文件（每个文件相同）' },
] as const;

/** The 说明 line of a report's CSV. */
export const REPORT_CSV_ABOUT = '每张表先列表名，再列一行列名，此后每行一个栏目；空格为原报告空白（不等于 0）；“计算得出”一列列出原报告未填、由各项相加得出的合计所在的列。件数、项数无单位，金额单位见列名。';

/** The last column of each table of a report's CSV: the columns of the row whose totals were computed. */
export const COMPUTED_HEADER = '计算得出';

/** A column's header in a report's CSV: its labels, with the unit of money when the label does not say it. */
export const csvColumnHeader = (c: ColumnRecord): string => {
  const label = c.label.join(' / ');
  return c.unit && !label.includes(`单位：${c.unit}`) ? `${label}（单位：${c.unit}）` : label;
};

/** A row's label in a report's CSV: its labels from the outermost, joined by “ / ”. */
export const csvRowLabel = (r: RowRecord): string => r.label.join(' / ');

/**
 * One report as CSV rows: the report's fields; then, after a blank line, each table's name
 * (表三 三、收到和处理政府信息公开申请情况) and each of its sub-tables — its title where it has one
 * (第二十条第（一）项), a header row (the corner text, the column labels, 计算得出), one line per
 * statutory row — and the table's 表注 where there is one; last, the report's 确认偏差 if any.
 */
export function reportCsvRows(r: LoadedReport): Field[][] {
  const rec = reportRecord(r);
  const fields: Record<(typeof REPORT_CSV_FIELDS)[number]['header'], Field> = {
    年度: rec.year,
    机关标识: rec.agency.id,
    机关名称: rec.agency.name,
    地区: rec.agency.region.join('/'),
    层级: rec.agency.level,
    格式版本: `${rec.edition.name}（${rec.edition.source}）`,
    标题: rec.title,
    发布日期: rec.published,
    报告页面: rec.page,
    说明: REPORT_CSV_ABOUT,
  };
  const rows: Field[][] = REPORT_CSV_FIELDS.map((f) => [f.header, guardText(fields[f.header])]);
  for (const t of rec.tables) {
    rows.push([], [`${t.table} ${t.heading}`]);
    for (const sub of t.subtables) {
      if (sub.title !== null) rows.push([sub.title]);
      rows.push([sub.corner ?? '', ...sub.columns.map(csvColumnHeader), COMPUTED_HEADER]);
      sub.rows.forEach((row, i) => {
        // A group the report printed as one row (小计): that row first, above its parts.
        for (const st of sub.subtotals ?? []) if (st.parts[0] === i) rows.push([csvRowLabel(st), ...st.values, st.computed.map((j) => csvColumnHeader(sub.columns[j]!)).join('、')]);
        const computed = sub.computed.filter(([ri]) => ri === i).map(([, j]) => csvColumnHeader(sub.columns[j]!));
        rows.push([csvRowLabel(row), ...sub.values[i]!, computed.join('、')]);
      });
      for (const st of sub.subtotals ?? []) {
        const group = st.label.at(-2) ?? st.label.join(' / ');
        const parts = st.parts.map((i) => sub.rows[i]!.label.at(-1)).join('、');
        rows.push([`注：原报告把“${group}”印作一行（${csvRowLabel(st)}）；${parts} 未分项公布，其空格不是原报告空白。`]);
      }
    }
    if (t.note !== null) rows.push([`${t.table}表注`, guardText(t.note)]);
  }
  if (rec.deviations.length) {
    rows.push([], ['确认偏差（原报告如此，照原样发布）'], ['规则', '单元格', '位置', '原文', '说明', '已核实']);
    for (const d of rec.deviations) rows.push([d.rule, d.cell, guardText(d.location), guardText(d.original), guardText(d.note), d.verified ? '是' : '否（待核对）']);
  }
  return rows;
}

/** Reports as CSV: each report's lines (see reportCsvRows), a blank line between two reports. */
export function reportsCsv(reports: readonly LoadedReport[]): string {
  return csvText(reports.flatMap((r, i) => [...(i ? [[]] : []), ...reportCsvRows(r)]));
}

/** Rows of the year CSV made and turned into text at a time: a whole year's rows at once took 300 MB of heap at 20,000 agencies. */
const YEAR_CSV_CHUNK = 500;

/**
 * The year CSV (below) in pieces to be written one after another: the byte-order mark and the
 * header row, then the rows of up to YEAR_CSV_CHUNK agencies each. Joined, they are the file.
 */
export function* yearCsvChunks(reports: readonly ReportEntry[]): Generator<string> {
  const editions = [...new Set(reports.map((r) => r.edition.id as EditionId))];
  const cells = cellColumns(editions);
  yield csvText([[...META_COLUMNS, ...cells].map((c) => c.header)]);
  for (let i = 0; i < reports.length; i += YEAR_CSV_CHUNK) {
    yield reports
      .slice(i, i + YEAR_CSV_CHUNK)
      .map((r) => {
        // The agency's fields (text) through csv-stringify; its figures, which are numbers or
        // blank and never need quoting, as csv-stringify writes them ('' + n, blank for none):
        // 400 fields a row at a time through the library took some 80 % of a year's CSV.
        const line = csvText([wideRow(r, META_COLUMNS).map(guardText)], { bom: false });
        if (!cells.length) return line;
        const figures = wideRow(r, cells).map((v) => (v === null ? '' : `${v}`));
        return `${line.slice(0, -CRLF.length)},${figures.join(',')}${CRLF}`;
      })
      .join('');
  }
}

/** csv-stringify's record delimiter for `record_delimiter: 'windows'`, which ends every line csvText writes. */
const CRLF = '\r\n';

/** All agencies of a year, one row per agency and one column per cell (Chinese headers). */
export function yearCsv(reports: readonly ReportEntry[]): string {
  return [...yearCsvChunks(reports)].join('');
}
