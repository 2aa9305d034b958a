/**
 * A report as open data: every cell with its statutory labels, value or null, edition,
 * agency and year, so that each record explains itself. Column lists of the all-agency
 * table are derived from the template, never listed by hand.
 */
import { cellName, subtotalGroups, valueCellsOf, type CellDef } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { META_KEYS } from '../../schema/report.ts';
import type { ReportHistory } from '../history/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import type { LoadedReport } from '../load/report.ts';
import { reportUrl } from '../site/report-view.ts';
import { CELL_GROUPS, SHARED_CELL_IDS } from '../summary/groups.ts';

/** One cell of a report as open data. */
export interface CellRecord {
  /** Stable cell id, e.g. 三/本年度办理结果/予以公开/自然人. */
  readonly id: string;
  /** 表二 / 表三 / 表四, with the section heading. */
  readonly table: string;
  /** Sub-table caption (第二十条第（一）项), when the table has several. */
  readonly subtable: string | null;
  /** Row labels from the outermost, as printed in the template. */
  readonly row: readonly string[];
  /** Column labels from the outermost. */
  readonly column: readonly string[];
  /** The figure, or null when the report left the cell blank. */
  readonly value: number | null;
  /** True when the report left out this total and it was added up from its parts. */
  readonly computed: boolean;
  readonly kind: CellDef['kind'];
  readonly unit: string | null;
  /**
   * For a group the report published as one row (see `GroupSubtotal`): 小计 on that row's cells,
   * 未分项公布 on its parts' cells (their value is null: not published, not blank).
   */
  readonly publishedAs?: '小计' | '未分项公布';
  readonly edition: EditionId;
  readonly agency: string;
  readonly year: number;
}

/** One report as open data (the JSON download). */
export interface ReportRecord {
  readonly year: number;
  readonly agency: { readonly id: string; readonly name: string; readonly region: readonly string[]; readonly level: string };
  readonly edition: { readonly id: EditionId; readonly name: string; readonly source: string };
  readonly title: string;
  readonly published: string | null;
  /** Site path of the report page. */
  readonly page: string;
  /** Prose sections (Markdown) by heading. */
  readonly text: Readonly<Record<string, string>>;
  readonly cells: readonly CellRecord[];
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
  // Parts of a group published as one row: its 小计 given, every part blank.
  const unpublished = new Set(
    subtotalGroups(r.edition)
      .filter((g) => g.cells.some((c) => typeof r.values.get(c.id) === 'number') && g.partCells.every((c) => (r.values.get(c.id) ?? null) === null))
      .flatMap((g) => g.partCells.map((c) => c.id)),
  );
  return {
    year,
    agency: { id: agency.标识, name: agency.名称, region: agency.地区, level: agency.层级 },
    edition: { id: edition, name: r.edition.name, source: r.edition.source },
    title: report[META_KEYS.title],
    published: report[META_KEYS.published] ?? null,
    page: reportUrl(year, agency.标识),
    text,
    cells: valueCellsOf(r.edition).filter((c) => !c.subtotal || r.values.get(c.id) !== undefined).map((c) => ({
      id: c.id,
      table: `表${c.section.id} ${c.section.heading}`,
      subtable: c.grid.title ?? null,
      row: c.rowLabels,
      column: c.colLabels,
      value: r.values.get(c.id) ?? null,
      computed: r.computed.has(c.id),
      kind: c.kind,
      unit: c.unit ?? null,
      ...(c.subtotal ? { publishedAs: '小计' as const } : unpublished.has(c.id) ? { publishedAs: '未分项公布' as const } : {}),
      edition,
      agency: agency.标识,
      year,
    })),
  };
}

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

/** One row of the all-agency table, in the order of `columns`; null for blank or not in the edition. */
export function wideRow(r: ReportEntry, columns: readonly WideColumn[]): (string | number | null)[] {
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
  return columns.map((col) => (col.cell ? (r.values.get(col.cell.id) ?? null) : (meta[col.header] ?? null)));
}
