/**
 * The open-data downloads written into the site, and the description of every file and
 * column that the /data/ page prints. Both come from the same lists, so they agree.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EditionId } from '../../schema/editions/index.ts';
import { EDITION_IDS, EDITIONS } from '../../schema/editions/index.ts';
import type { ReportHistory } from '../history/index.ts';
import type { Corpus } from '../load/corpus.ts';
import { cellValuesOf, type ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { reportUrl } from '../site/report-view.ts';
import { byCode } from '../summary/order.ts';
import { DATA_URL, reportDataUrl, yearDataUrl } from '../summary/urls.ts';
import { csvColumnHeader, csvRowLabel, REPORT_CSV_FIELDS, yearCsvChunks } from './csv.ts';
import { cellColumns, historyRecord, META_COLUMNS, reportRecord, REPORT_SCHEMA_URL, tableLayout } from './record.ts';
import { recordJsonSchemaText } from './report-schema.ts';
import { readableJson } from './json.ts';
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

/** A report's JSON download: the record, short parts on one line; with its published versions when the build has history. */
export const reportJson = (r: LoadedReport, history?: ReportHistory): string =>
  readableJson(history ? { ...reportRecord(r), history: historyRecord(history) } : reportRecord(r));

/**
 * The key of a year's downloads (with the code's fingerprint `code`): a hash of what they print
 * of each report — agency, edition, title, date and every cell, in the files' order (`byYear`)
 * — not of the report files, so an edit that leaves all of that as it was (the prose, a table
 * note) does not make a year of 20,000 rows again.
 */
export function yearDataKey(code: string, reports: readonly ReportEntry[]): string {
  const hash = createHash('sha1').update(code);
  for (const r of reports) {
    hash.update(`\n${JSON.stringify([r.agency, r.edition.id, r.title, r.published])}\n`);
    const { numbers } = cellValuesOf(r);
    hash.update(new Uint8Array(numbers.buffer, numbers.byteOffset, numbers.byteLength));
  }
  return hash.digest('hex');
}

/** Write one year's all-agency downloads (CSV and XLSX) below `dir`; each report's own files are written with its page. */
export async function writeYearData(dir: string, year: number, reports: readonly ReportEntry[]): Promise<void> {
  const out = (url: string) => path.join(dir, ...url.split('/').filter(Boolean));
  await mkdir(out('/data/'), { recursive: true });
  // The CSV a piece at a time: the whole text of a year of 20,000 agencies is not held at once.
  const csv = await open(out(yearDataUrl(year, 'csv')), 'w');
  try {
    for (const chunk of yearCsvChunks(reports)) await csv.write(chunk);
  } finally {
    await csv.close();
  }
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
  /** The lines at the head of a report's CSV. */
  readonly reportCsvFields: readonly { readonly header: string; readonly description: string }[];
  readonly wideColumns: readonly { readonly header: string; readonly editions: string; readonly description: string }[];
  readonly jsonFields: readonly { readonly field: string; readonly description: string }[];
  /** Site path of the report JSON's JSON Schema, and its text. */
  readonly schema: { readonly url: string; readonly text: string };
  /** The statutory labels of each edition's tables, as the files give them. */
  readonly editions: readonly { readonly id: number; readonly name: string; readonly source: string; readonly tables: readonly { readonly name: string; readonly subtables: readonly { readonly title: string | null; readonly columns: string; readonly rows: readonly string[] }[] }[] }[];
}

const JSON_FIELDS = [
  { field: 'about', description: '一句话说明如何读这个文件（每个文件相同）' },
  { field: 'year', description: '报告所属年度' },
  { field: 'agency.id / name / region / level', description: '机关标识、名称、所在地区（从省级起的数组）、层级' },
  { field: 'edition.id / name / source', description: '表格格式版本及其发文：2019年版（国办公开办函〔2019〕60号）、2021年版（国办公开办函〔2021〕30号）' },
  { field: 'title / published / page', description: '报告标题、发布日期（YYYY-MM-DD，未注明为 null）、本站页面路径' },
  { field: 'text', description: '各文字部分（Markdown），以标题为键' },
  { field: 'tables[].table / heading / note', description: '表二、表三、表四，表上的标题，原报告印在表下的注释（表注，没有为 null）' },
  { field: 'tables[].subtables[]', description: '表中的各个子表（表二按条例第二十条各项分为几个子表，表三、表四各只有一个）' },
  { field: 'subtables[].key / title / corner', description: '子表的编号前缀（如 二/第二十条第（一）项）、子表标题（表三、表四为 null）、表头左上角的文字（如 信息内容；表三的“本列数据的勾稽关系”）' },
  { field: 'subtables[].columns[]', description: '各列：key 列的编号，label 列的法定栏目名（数组，外层在前），kind 数值类型（count 件数、项数；delta 本年增/减，可为负；money 金额），unit 金额单位（元或万元，只有金额列才有），total 合计列所依据的勾稽规则' },
  { field: 'subtables[].rows[]', description: '各行：key 行的编号，label 行的法定栏目名（数组，外层在前，如 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密），total 合计行所依据的勾稽规则' },
  { field: 'subtables[].values', description: 'values[行][列]，与 rows、columns 的顺序一致：数字；原报告空白为 null（空白不等于 0）' },
  { field: 'subtables[].computed', description: '原报告未填、由各项相加得出的合计：[行, 列]，从 0 起数' },
  { field: '单元格编号', description: '子表 key、行 key、列 key 依次以“/”连接（空的略去），如 三/本年度办理结果/不予公开/属于国家秘密/自然人；与报告 YAML 的栏目、确认偏差和修订记录中的编号相同' },
  { field: 'deviations[]', description: '确认偏差：原报告中确实存在、照原样发布的不一致——规则 rule、单元格 cell、位置 location、原文 original、说明 note、是否已核实 verified' },
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
    reportCsvFields: REPORT_CSV_FIELDS,
    wideColumns: [...META_COLUMNS, ...cellColumns(EDITION_IDS as EditionId[])].map((c) => ({
      header: c.header,
      editions: c.editions.length === EDITION_IDS.length ? '全部' : c.editions.join('、'),
      description: c.description,
    })),
    jsonFields: JSON_FIELDS,
    schema: { url: REPORT_SCHEMA_URL, text: recordJsonSchemaText() },
    editions: EDITION_IDS.map((id) => ({
      id,
      name: EDITIONS[id].name,
      source: EDITIONS[id].source,
      tables: tableLayout(EDITIONS[id]).map((t) => ({
        name: `${t.table} ${t.heading}`,
        subtables: t.subtables.map((sub) => ({ title: sub.title, columns: sub.columns.map(csvColumnHeader).join('、'), rows: sub.rows.map(csvRowLabel) })),
      })),
    })),
  };
}
