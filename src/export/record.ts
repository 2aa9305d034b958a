/**
 * A report as open data: its fields, then each statutory table with the labels of its rows and
 * columns given once and its values row by row, so that the file explains itself without
 * repeating a label per cell. Sub-tables, rows and columns are derived from the template
 * (schema/cells.ts), never listed by hand; so are the column lists of the all-agency table.
 */
import { cellIndex } from '../../schema/cell-values.ts';
import { cellName, cellsOf, leaves, subtotalGroups, type CellDef } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { META_KEYS, TABLE_NOTE_KEY } from '../../schema/report.ts';
import type { CellKind, Edition, Grid, MoneyUnit, RuleRef, TableSection } from '../../schema/template.ts';
import { DATA_URL } from '../summary/urls.ts';
import type { ReportHistory } from '../history/index.ts';
import { cellValuesOf, type ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { reportUrl } from '../site/report-view.ts';
import { CELL_GROUPS, SHARED_CELL_IDS } from '../summary/groups.ts';

/** A row of a statutory table: its labels once, for every value on it. */
export interface RowRecord {
  /** Key path of the row within its sub-table, joined by '/' (empty for 表四's single row). */
  readonly key: string;
  /** Row labels from the outermost, as printed in the template (empty for 表四). */
  readonly label: readonly string[];
  /** On a total row (（七）总计): the rule that checks it. */
  readonly total?: RuleRef;
}

/** A column of a statutory table: its labels once, with what its cells hold. */
export interface ColumnRecord {
  /** Key path of the column, joined by '/'. */
  readonly key: string;
  /** Column labels from the outermost (grouping headers such as 申请人情况 are not keyed and not listed). */
  readonly label: readonly string[];
  /** count: 件数、项数 (integer ≥ 0); delta: 本年增/减 (may be negative); money: an amount in `unit`. */
  readonly kind: CellKind;
  /** 元 or 万元, on a money column only. */
  readonly unit?: MoneyUnit;
  /** On a total column (总计): the rule that checks it. */
  readonly total?: RuleRef;
}

/** One sub-table (a grid of the template): labels of its rows and columns, then its values row by row. */
export interface SubtableRecord {
  /** Prefix of its cells' ids: table number, then the sub-table's key (二/第二十条第（一）项, 三, 四). */
  readonly key: string;
  /** Caption (第二十条第（一）项) of a sub-table of 表二, else null. */
  readonly title: string | null;
  /** Text of the top-left header cell (信息内容; 表三's 勾稽关系), or null when blank. */
  readonly corner: string | null;
  readonly columns: readonly ColumnRecord[];
  readonly rows: readonly RowRecord[];
  /** values[row][column]: the figure, or null where the report left the cell blank (blank is not 0). */
  readonly values: readonly (readonly (number | null)[])[];
  /** [row, column] (from 0) of totals the report left out and that were added up from their parts. */
  readonly computed: readonly (readonly [number, number])[];
  /** Only where the report printed a row group as one row (小计) instead of its parts: see SubtotalRecord. */
  readonly subtotals?: readonly SubtotalRecord[];
}

/**
 * A row group the report printed as one row (its 小计; the template admits it for 2021's
 * （六）其他处理, see schema/template.ts `subtotal`): that row's values, and which rows are the
 * group's parts — null in `values` there means not published separately (未分项公布), not blank.
 */
export interface SubtotalRecord {
  /** Key path of the row as the YAML writes it (本年度办理结果/其他处理/小计). */
  readonly key: string;
  /** Labels from the outermost: the group's, then the 小计 row's. */
  readonly label: readonly string[];
  /** The printed figures, one per column of the sub-table. */
  readonly values: readonly (number | null)[];
  /** Columns (from 0) whose figure the report left out and that were added up (its 总计). */
  readonly computed: readonly number[];
  /** Rows (from 0) of the group's parts; null there where the report published the group as one row only. */
  readonly parts: readonly number[];
}

/** One statutory table (表二, 表三, 表四). */
export interface TableRecord {
  /** 表二 / 表三 / 表四. */
  readonly table: string;
  /** The section heading above it, as printed in the template. */
  readonly heading: string;
  /** The note printed below the table in the original report (表注), or null. */
  readonly note: string | null;
  readonly subtables: readonly SubtableRecord[];
}

/** An inconsistency of the original report recorded under 确认偏差 and published as it was. */
export interface DeviationRecord {
  /** Rule id (R1…R9, LEFTOVER…). */
  readonly rule: string;
  /** Cell id, for a rule about figures; else null. */
  readonly cell: string | null;
  /** Where in the text, and the text itself, for a rule about text; else null. */
  readonly location: string | null;
  readonly original: string | null;
  /** The explanation. */
  readonly note: string;
  /** False when recorded by import and not yet checked against the original report (待核对). */
  readonly verified: boolean;
}

/** One report as open data (the JSON download): each statutory label once, every value. */
export interface ReportRecord {
  /** One sentence on how to read the file, and where its description and JSON Schema are. */
  readonly about: string;
  readonly year: number;
  readonly agency: { readonly id: string; readonly name: string; readonly region: readonly string[]; readonly level: string };
  readonly edition: { readonly id: EditionId; readonly name: string; readonly source: string };
  readonly title: string;
  readonly published: string | null;
  /** Site path of the report page. */
  readonly page: string;
  /** Prose sections (Markdown) by heading. */
  readonly text: Readonly<Record<string, string>>;
  readonly tables: readonly TableRecord[];
  readonly deviations: readonly DeviationRecord[];
}

/** Site path of the JSON Schema of the report JSON. */
export const REPORT_SCHEMA_URL = '/data/report.schema.json';

export const RECORD_ABOUT = `表格的行、列栏目名各列出一次（rows、columns），values[行][列] 为数字，null 为原报告空白（不等于 0）；computed 为由各项相加得出的合计 [行, 列]（从 0 起）。说明见 ${DATA_URL}，JSON Schema 见 ${REPORT_SCHEMA_URL}。`;

/** A statutory table of an edition as the JSON gives it, without values; with the cells of each sub-table by row. */
export interface TableLayout {
  readonly table: string;
  readonly heading: string;
  /** The section's YAML key (where its 表注 is). */
  readonly sectionKey: string;
  readonly subtables: readonly (Omit<SubtableRecord, 'values' | 'computed'> & { readonly cells: readonly (readonly CellDef[])[] })[];
}

const layouts = new WeakMap<Edition, TableLayout[]>();

/** The tables of an edition, sub-tables, rows and columns as the JSON gives them, from the template's cells. */
export function tableLayout(edition: Edition): readonly TableLayout[] {
  const hit = layouts.get(edition);
  if (hit) return hit;
  const grids: { section: TableSection; grid: Grid; cells: CellDef[][] }[] = [];
  for (const cell of cellsOf(edition)) {
    let last = grids.at(-1);
    if (last?.grid !== cell.grid) grids.push((last = { section: cell.section, grid: cell.grid, cells: [] }));
    const row = last.cells.at(-1);
    if (row && row[0]!.rowKeys.join('/') === cell.rowKeys.join('/')) row.push(cell);
    else last.cells.push([cell]);
  }
  const tables: TableLayout[] = [];
  for (const { section, grid, cells } of grids) {
    let table = tables.at(-1);
    if (table?.sectionKey !== section.key) tables.push((table = { table: `表${section.id}`, heading: section.heading, sectionKey: section.key, subtables: [] }));
    const rowTotals = leaves(grid.rows).map((l) => (l.totalOf ? l.node.total : undefined));
    const colTotals = leaves(grid.columns).map((l) => (l.totalOf ? l.node.total : undefined));
    (table.subtables as TableLayout['subtables'][number][]).push({
      key: [section.id, ...grid.prefix].join('/'),
      title: grid.title ?? null,
      corner: grid.corner || null,
      columns: cells[0]!.map((c, j) => ({ key: c.colKeys.join('/'), label: c.colLabels, kind: c.kind, ...(c.unit ? { unit: c.unit } : {}), ...(colTotals[j] ? { total: colTotals[j] } : {}) })),
      rows: cells.map((row, i) => ({ key: row[0]!.rowKeys.join('/'), label: row[0]!.rowLabels, ...(rowTotals[i] ? { total: rowTotals[i] } : {}) })),
      cells,
    });
  }
  layouts.set(edition, tables);
  return tables;
}

/** The groups of a sub-table the report published as one row (小计), with their parts' rows. */
function publishedSubtotals(r: LoadedReport, cells: readonly (readonly CellDef[])[]): SubtotalRecord[] {
  const out: SubtotalRecord[] = [];
  for (const g of subtotalGroups(r.edition)) {
    if (!g.cells.some((c) => r.values.get(c.id) !== undefined)) continue;
    const parts = cells.flatMap((row, i) => (g.partCells.includes(row[0]!) ? [i] : []));
    if (!parts.length) continue;
    out.push({
      key: g.cells[0]!.rowKeys.join('/'),
      label: g.cells[0]!.rowLabels,
      values: g.cells.map((c) => r.values.get(c.id) ?? null),
      computed: g.cells.flatMap((c, j) => (r.computed.has(c.id) ? [j] : [])),
      parts,
    });
  }
  return out;
}

/** The open-data record of one report. */
export function reportRecord(r: LoadedReport): ReportRecord {
  const report = r.report as typeof r.report & Record<string, unknown>;
  const agency = report[META_KEYS.agency];
  const year = report[META_KEYS.year];
  const edition = r.edition.id as EditionId;
  const text: Record<string, string> = {};
  const preamble = report[META_KEYS.preamble];
  if (typeof preamble === 'string') text[META_KEYS.preamble] = preamble;
  for (const s of r.edition.sections) if (s.kind === 'prose' && typeof report[s.key] === 'string') text[s.heading] = report[s.key] as string;
  const tables = tableLayout(r.edition).map(({ table, heading, sectionKey, subtables }): TableRecord => {
    const note = (report[sectionKey] as Record<string, unknown> | undefined)?.[TABLE_NOTE_KEY];
    return {
      table,
      heading,
      note: typeof note === 'string' ? note : null,
      subtables: subtables.map(({ cells, ...labels }) => {
        const computed: [number, number][] = [];
        cells.forEach((row, i) => row.forEach((c, j) => r.computed.has(c.id) && computed.push([i, j])));
        const subtotals = publishedSubtotals(r, cells);
        return { ...labels, values: cells.map((row) => row.map((c) => r.values.get(c.id) ?? null)), computed, ...(subtotals.length ? { subtotals } : {}) };
      }),
    };
  });
  const acks = (report[META_KEYS.acknowledgements] ?? []) as readonly { 规则: string; 单元格?: string; 位置?: string; 原文?: string; 说明: string; 已核实?: boolean }[];
  return {
    about: RECORD_ABOUT,
    year,
    agency: { id: agency.标识, name: agency.名称, region: agency.地区, level: agency.层级 },
    edition: { id: edition, name: r.edition.name, source: r.edition.source },
    title: report[META_KEYS.title],
    published: report[META_KEYS.published] ?? null,
    page: reportUrl(year, agency.标识),
    text,
    tables,
    deviations: acks.map((a) => ({ rule: a.规则, cell: a.单元格 ?? null, location: a.位置 ?? null, original: a.原文 ?? null, note: a.说明, verified: a.已核实 !== false })),
  };
}

/** The id of the cell at values[row][column] of a sub-table: its key, the row's and the column's, joined by '/'. */
export const cellIdAt = (sub: Pick<SubtableRecord, 'key' | 'rows' | 'columns'>, row: number, column: number): string =>
  [sub.key, sub.rows[row]!.key, sub.columns[column]!.key].filter(Boolean).join('/');

/** One published version of a report as open data (newest first in `history`). */
export interface RevisionRecord {
  /** Full commit id; the report's YAML as of this version is at this commit. */
  readonly commit: string;
  /** Committer date, ISO 8601 with offset. */
  readonly date: string;
  /** The commit message: why the report changed. */
  readonly reason: string;
  /** True for 首次发布. */
  readonly first: boolean;
  /** Changed cells; `before`/`after` null for blank, absent where that version's edition has no such cell. */
  readonly cells: readonly { readonly id: string; readonly label: string; readonly before?: number | null; readonly after?: number | null }[];
  /** Changed prose sections, whole text before and after (null where absent). */
  readonly text: readonly { readonly heading: string; readonly before: string | null; readonly after: string | null }[];
  /** Other changed fields, as text. */
  readonly fields: readonly { readonly field: string; readonly before: string | null; readonly after: string | null }[];
}

/** A report's revision history as open data. */
export function historyRecord(h: ReportHistory): RevisionRecord[] {
  return h.revisions.map((r) => ({
    commit: r.commit,
    date: r.date,
    reason: r.reason,
    first: r.first,
    cells: r.changes.cells.map((c) => ({ id: c.id, label: c.label, ...(c.before !== undefined ? { before: c.before } : {}), ...(c.after !== undefined ? { after: c.after } : {}) })),
    text: r.changes.text.map((t) => ({ heading: t.heading, before: t.before, after: t.after })),
    fields: r.changes.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
  }));
}

/** A column of the all-agency table. */
export interface WideColumn {
  readonly header: string;
  /** The cell it holds, for cell columns. */
  readonly cell?: CellDef;
  /** Editions whose reports can fill it. */
  readonly editions: readonly EditionId[];
  readonly description: string;
}

/** The leading columns of the all-agency table: who reported what. */
export const META_COLUMNS: readonly WideColumn[] = [
  { header: '年度', editions: EDITION_IDS, description: '报告所属年度' },
  { header: '机关标识', editions: EDITION_IDS, description: '机关的固定标识（各年度不变），即报告文件名' },
  { header: '机关名称', editions: EDITION_IDS, description: '发布报告的行政机关' },
  { header: '地区', editions: EDITION_IDS, description: '所在地区，从省级写起，以“/”分隔' },
  { header: '层级', editions: EDITION_IDS, description: '省级、市级、县级或乡级' },
  { header: '格式版本', editions: EDITION_IDS, description: '报告使用的表格格式：2019（国办公开办函〔2019〕60号）或 2021（国办公开办函〔2021〕30号）' },
  { header: '标题', editions: EDITION_IDS, description: '报告标题' },
  { header: '发布日期', editions: EDITION_IDS, description: '报告发布日期（原报告未注明时为空）' },
  { header: '报告页面', editions: EDITION_IDS, description: '本站该报告页面的路径' },
];

const onlyIn = (e: EditionId) => `（仅${EDITIONS[e].name}）`;

/** Cell columns for reports of the given editions: shared cells, then each edition's own. */
export function cellColumns(editions: readonly EditionId[]): WideColumn[] {
  return CELL_GROUPS.filter((g) => g.key === 'shared' || editions.includes(g.editions[0]!)).flatMap((g) => {
    // A group the template admits publishing as one row: its 小计 columns come first, as on the page.
    const cells = [...g.cells];
    if (g.key !== 'shared') {
      for (const sub of subtotalGroups(EDITIONS[g.editions[0]!])) {
        const first = cells.findIndex((c) => sub.partCells.includes(c));
        if (first >= 0) cells.splice(first, 0, ...sub.cells);
      }
    }
    return cells.map((c) => {
      const shared = SHARED_CELL_IDS.has(c.id);
      const name = cellName(c).slice(1, -1);
      const group = c.subtotal?.group.label;
      return {
        header: shared ? name : `${name}${onlyIn(g.editions[0]!)}`,
        cell: c,
        editions: g.editions,
        description:
          `单元格 ${c.id}${c.unit ? `，单位：${c.unit}` : ''}${c.kind === 'delta' ? '，可为负数' : ''}${c.total ? '，为合计项' : ''}` +
          (group ? `；原报告把“${group}”印作一行（小计）时的这一行，其各分项为空即未分项公布；原报告只印分项时为空` : ''),
      };
    });
  });
}

/**
 * For each of `columns`, the position of its cell among an edition's cells (`CellValues`'
 * order), -1 for none: worked out once per list of columns and edition, not by a lookup per
 * cell of every row (a year's table has 20,000 rows of some 400 cells at 40,000 reports).
 */
const cellPositions = new WeakMap<readonly WideColumn[], Map<EditionId, Int32Array>>();
function positionsIn(columns: readonly WideColumn[], editionId: EditionId): Int32Array {
  let byEdition = cellPositions.get(columns);
  if (!byEdition) cellPositions.set(columns, (byEdition = new Map()));
  let positions = byEdition.get(editionId);
  if (!positions) {
    const index = cellIndex(editionId);
    byEdition.set(editionId, (positions = Int32Array.from(columns, (c) => (c.cell ? (index.get(c.cell.id) ?? -1) : -1))));
  }
  return positions;
}

/**
 * One row of the all-agency table, in the order of `columns`; null for blank or not in the
 * edition. Written into `into` when given (a table of 20,000 rows then makes one array, not one a row).
 */
export function wideRow(r: ReportEntry, columns: readonly WideColumn[], into: (string | number | null)[] = new Array(columns.length)): (string | number | null)[] {
  const positions = positionsIn(columns, r.edition.id as EditionId);
  const numbers = cellValuesOf(r).numbers;
  const meta: Record<string, string | number | null> = {
    年度: r.year,
    机关标识: r.agency.id,
    机关名称: r.agency.name,
    地区: r.agency.region.join('/'),
    层级: r.agency.level,
    格式版本: r.edition.id,
    标题: r.title,
    发布日期: r.published,
    报告页面: reportUrl(r.year, r.agency.id),
  };
  into.length = columns.length;
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    if (!col.cell) {
      into[i] = meta[col.header] ?? null;
      continue;
    }
    const n = positions[i]! >= 0 ? numbers[positions[i]!]! : NaN;
    into[i] = Number.isNaN(n) ? null : n;
  }
  return into;
}
