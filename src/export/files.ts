/**
 * The open-data downloads written into the site, and the description of every file and
 * column that the /data/ page prints. Both come from the same lists, so they agree.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditionId } from '../../schema/editions/index.ts';
import { EDITION_IDS } from '../../schema/editions/index.ts';
import type { ReportHistory } from '../history/index.ts';
import type { Corpus } from '../load/corpus.ts';
import type { ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { reportUrl } from '../site/report-view.ts';
import { byCode } from '../summary/order.ts';
import { DATA_URL, reportDataUrl, yearDataUrl } from '../summary/urls.ts';
import { LONG_COLUMNS, yearCsv } from './csv.ts';
import { cellColumns, historyRecord, META_COLUMNS, reportRecord } from './record.ts';
import { yearXlsx } from './xlsx.ts';

/** Reports by year (newest first), each year's reports by agency id: the order of every file. */
export function byYear(reports: readonly ReportEntry[]): [number, ReportEntry[]][] {
  const years = new Map<number, ReportEntry[]>();
  for (const r of reports) {
    const list = years.get(r.year);
    if (list) list.push(r);
    else years.set(r.year, [r]);
  }
  return [...years].sort((a, b) => b[0] - a[0]).map(([y, list]) => [y, list.sort((a, b) => byCode(a.agency.id, b.agency.id))]);
}

/** A report's JSON download: the record, pretty-printed; with its published versions when the build has history. */
export const reportJson = (r: LoadedReport, history?: ReportHistory): string =>
  `${JSON.stringify(history ? { ...reportRecord(r), history: historyRecord(history) } : reportRecord(r), null, 2)}\n`;

/** Write one year's all-agency downloads (CSV and XLSX) below `dir`; each report's own files are written with its page. */
export async function writeYearData(dir: string, year: number, reports: readonly ReportEntry[]): Promise<void> {
  const out = (url: string) => path.join(dir, ...url.split('/').filter(Boolean));
  await mkdir(out('/data/'), { recursive: true });
  await writeFile(out(yearDataUrl(year, 'csv')), yearCsv(reports));
  await writeFile(out(yearDataUrl(year, 'xlsx')), await yearXlsx(year, reports));
}

/** What the /data/ page prints: every file, and every column and field they hold. */
export interface OpenDataView {
  readonly url: string;
  readonly years: readonly {
    readonly year: number;
    readonly csv: string;
    readonly xlsx: string;
    /** Reports of the year. */
    readonly count: number;
    /** Each report's files, when the year has few enough reports to list them (else on each report page). */
    readonly reports: readonly { readonly name: string; readonly page: string; readonly json: string; readonly csv: string }[];
    /** The address of a report's files, with 机关标识 where each report's agency id goes. */
    readonly pattern: { readonly json: string; readonly csv: string };
  }[];
  readonly longColumns: readonly { readonly header: string; readonly description: string }[];
  readonly wideColumns: readonly { readonly header: string; readonly editions: string; readonly description: string }[];
  readonly jsonFields: readonly { readonly field: string; readonly description: string }[];
}

const JSON_FIELDS = [
  { field: 'year', description: '报告所属年度' },
  { field: 'agency.id / name / region / level', description: '机关标识、名称、所在地区（从省级起的数组）、层级' },
  { field: 'edition.id / name / source', description: '表格格式版本及其发文' },
  { field: 'title / published / page', description: '报告标题、发布日期（YYYY-MM-DD，未注明为 null）、本站页面路径' },
  { field: 'text', description: '各文字部分（Markdown），以标题为键' },
  { field: 'cells[].id', description: '单元格固定编号' },
  { field: 'cells[].table / subtable', description: '所在的表及其标题；表二的子表' },
  { field: 'cells[].row / column', description: '行、列的栏目名（数组，外层在前），与年度报告格式原文一致' },
  { field: 'cells[].value', description: '数字；原报告空白时为 null（空白不等于 0）' },
  { field: 'cells[].computed', description: 'true：原报告未填此合计，由各项相加得出' },
  { field: 'cells[].kind / unit', description: 'count 件数、delta 增减（可为负）、money 金额；金额单位' },
  { field: 'cells[].edition / agency / year', description: '每个单元格都带有版本、机关标识和年度，单独取出也能看懂' },
  { field: 'history[]', description: '修订记录（新的在前）：每个发布版本的提交编号 commit、日期 date、原因 reason（提交说明）、是否首次发布 first' },
  { field: 'history[].cells / text / fields', description: '该版本改动的单元格（id、法定标签 label、改前 before、改后 after；空白为 null）、文字部分（heading、改前、改后全文）和其他栏目' },
];

/** The /data/ page: files and their columns, from the same lists the writers use; reports listed up to `listLimit` a year. */
export function openDataView(corpus: Pick<Corpus, 'reports'>, listLimit: number): OpenDataView {
  return {
    url: DATA_URL,
    years: byYear(corpus.reports).map(([year, reports]) => ({
      year,
      csv: yearDataUrl(year, 'csv'),
      xlsx: yearDataUrl(year, 'xlsx'),
      count: reports.length,
      pattern: { json: reportDataUrl(year, '机关标识', 'json'), csv: reportDataUrl(year, '机关标识', 'csv') },
      reports: (reports.length > listLimit ? [] : reports).map((r) => ({
        name: r.agency.name,
        page: reportUrl(year, r.agency.id),
        json: reportDataUrl(year, r.agency.id, 'json'),
        csv: reportDataUrl(year, r.agency.id, 'csv'),
      })),
    })),
    longColumns: LONG_COLUMNS,
    wideColumns: [...META_COLUMNS, ...cellColumns(EDITION_IDS as EditionId[])].map((c) => ({
      header: c.header,
      editions: c.editions.length === EDITION_IDS.length ? '全部' : c.editions.join('、'),
      description: c.description,
    })),
    jsonFields: JSON_FIELDS,
  };
}
