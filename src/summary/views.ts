/**
 * What a summary page prints for a set of reports (a year, a region): coverage, headline
 * indicators, cell totals laid out by statutory table, and charts. Computed from an
 * Aggregate; templates only print it.
 */
import { cellName, type CellDef } from '../../schema/cells.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { type Aggregate, type CellTotal, cellTotal } from './aggregate.ts';
import { appealsChart, type ChartView, outcomeChart } from './charts.ts';
import { CELL_GROUPS, SUBTOTAL_CELLS, type CellGroup } from './groups.ts';
import { INDICATORS, indicatorText } from './indicators.ts';

/** An indicator over a set of reports, as printed. */
export interface IndicatorView {
  readonly id: string;
  readonly name: string;
  readonly formula: string;
  readonly text: string;
  readonly kind: 'count' | 'rate';
  readonly num: number;
  readonly den: number | null;
  /** Reports whose needed cells were all filled, and reports left out for a blank. */
  readonly reported: number;
  readonly blank: number;
  readonly tooSmall: boolean;
}

/** One cell total: printed sum and how many reports left the cell blank. */
export interface SumCell {
  readonly cell: string;
  readonly text: string;
  readonly blank: number;
  /** Reports that published the cell's group as one row only (小计): not in the sum, not blank. */
  readonly unpublished: number;
  /** A group's figure (its 小计 or its parts' sum, per report), not the total of one report cell. */
  readonly group: boolean;
}

/** Cell totals of one statutory grid. */
export interface SumTable {
  readonly id: string;
  readonly caption: string;
  /** Which reports the totals cover. */
  readonly covers: string;
  readonly corner: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly SumCell[] }[];
}

/**
 * The row label of a group's figure in a summary (the 小计 cells, see `SUBTOTAL_CELLS`): over
 * every report, its parts' sum, or its one row where it published the group so.
 */
const GROUP_FIGURE = '合计';

/** Which reports a summary covers, and which cells some left blank. */
export interface CoverageView {
  readonly reports: number;
  readonly agencies: number;
  readonly editions: readonly { readonly name: string; readonly source: string; readonly count: number }[];
  /** The reports covered, when there are few enough to list (see `listLimit`); else empty. */
  readonly members: readonly { readonly name: string; readonly url: string; readonly region: string; readonly edition: string }[];
  /** Cells some reports left blank: how many did. */
  readonly blanks: readonly { readonly name: string; readonly blank: number; readonly of: number }[];
  /**
   * Published by 条例第四十九条's date: the share among the reports it can be told for, and how
   * many it cannot (no 发布日期, or a kind or level the statute sets no date for) — counted apart, never as late.
   */
  readonly timeliness: { readonly onTime: number; readonly late: number; readonly unknown: number; readonly text: string };
}

/** The body of a year or region summary page. */
export interface AggregateView {
  readonly coverage: CoverageView;
  readonly indicators: readonly IndicatorView[];
  readonly tables: readonly SumTable[];
  readonly charts: readonly ChartView[];
}

/** A sum as printed: integers as is, money rounded to the cell's decimals. */
export function formatSum(cell: CellDef, sum: number): string {
  if (cell.kind !== 'money') return String(sum);
  const d = cell.decimals ?? 2;
  return String(Math.round(sum * 10 ** d) / 10 ** d);
}

function covers(group: CellGroup, agg: Aggregate): { n: number; text: string } {
  if (group.key === 'shared') {
    const n = agg.reports;
    const both = agg.byEdition.size > 1 ? '（两版格式含义相同的栏目，合并计算）' : '';
    return { n, text: `全部 ${n} 份报告${both}` };
  }
  const e = EDITIONS[group.editions[0]!];
  const n = agg.byEdition.get(e.id) ?? 0;
  return { n, text: `仅${e.name}格式（${e.source}）的 ${n} 份报告：该版本特有的栏目` };
}

interface TableLayout {
  readonly caption: string;
  readonly corner: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly CellDef[] }[];
}

/** One table per statutory grid of a group, laid out once (it does not depend on the figures). */
function layout(group: CellGroup): TableLayout[] {
  const byGrid = new Map<CellDef['grid'], CellDef[]>();
  // A group that may be published as one row gets a row of its figure, after its parts.
  const ids = new Set(group.cells.map((c) => c.id));
  const own = SUBTOTAL_CELLS.filter((c) => c.subtotal!.of.every((id) => ids.has(id)));
  const ordered = [...group.cells];
  for (const c of own) {
    const last = ordered.findLastIndex((p) => c.subtotal!.of.includes(p.id));
    ordered.splice(last + 1, 0, c);
  }
  for (const c of ordered) {
    const list = byGrid.get(c.grid);
    if (list) list.push(c);
    else byGrid.set(c.grid, [c]);
  }
  return [...byGrid].map(([grid, cells]) => {
    const section = cells[0]!.section;
    const caption = `表${section.id} ${section.heading}${grid.title ? ` · ${grid.title}` : ''}`;
    if (cells.every((c) => c.rowLabels.length === 0)) {
      // A one-row grid without row labels (section 四) reads better turned on its side.
      return { caption, corner: '栏目', columns: ['合计'], rows: cells.map((c) => ({ label: c.colLabels.join(' · '), cells: [c] })) };
    }
    const columns = [...new Map(cells.map((c) => [c.colKeys.join('/'), c.colLabels.join(' · ')])).values()];
    const rows = new Map<string, CellDef[]>();
    for (const c of cells) {
      const key = c.rowKeys.join('/');
      const list = rows.get(key);
      if (list) list.push(c);
      else rows.set(key, [c]);
    }
    return {
      caption,
      corner: grid.corner.length > 8 ? '' : grid.corner,
      columns,
      rows: [...rows.values()].map((rc) => ({ label: rc[0]!.subtotal ? [...rc[0]!.rowLabels.slice(0, -1), GROUP_FIGURE].join(' › ') : rc[0]!.rowLabels.join(' › '), cells: rc })),
    };
  });
}

const LAYOUTS = new Map(CELL_GROUPS.map((g) => [g, layout(g)]));

/** Cell totals of one group, one table per statutory grid. */
function groupTables(group: CellGroup, agg: Aggregate, prefix: string): SumTable[] {
  const { n, text } = covers(group, agg);
  if (n === 0) return [];
  const sumCell = (c: CellDef): SumCell => {
    const t: CellTotal = cellTotal(agg, c.id) ?? { sum: 0, reported: 0, blank: 0 };
    return { cell: c.id, text: t.reported ? formatSum(c, t.sum) : '', blank: t.blank, unpublished: t.unpublished ?? 0, group: Boolean(c.subtotal) };
  };
  return LAYOUTS.get(group)!.map((l, gi) => ({
    id: `${prefix}-${group.key}-${gi}`,
    caption: l.caption,
    covers: text,
    corner: l.corner,
    columns: l.columns,
    rows: l.rows.map((r) => ({ label: r.label, cells: r.cells.map(sumCell) })),
  }));
}

/**
 * The printed view of an aggregate. `prefix` keeps element ids unique on the page; the
 * reports covered are listed only up to `listLimit` (beyond, the sub-region pages list them).
 */
export function aggregateView(agg: Aggregate, prefix: string, listLimit: number): AggregateView {
  const indicators = INDICATORS.map((ind): IndicatorView => {
    const t = agg.measures.get(ind.id) ?? { num: 0, den: 0, reported: 0, blank: 0 };
    const den = ind.kind === 'rate' ? t.den : null;
    return {
      id: ind.id,
      name: ind.name,
      formula: ind.formula,
      text: t.reported ? indicatorText(ind, t.num, den) : '无数据',
      kind: ind.kind,
      num: t.num,
      den,
      reported: t.reported,
      blank: t.blank,
      tooSmall: ind.kind === 'rate' && t.reported > 0 && t.den < ind.minSample,
    };
  });
  const groups = CELL_GROUPS.filter((g) => g.key === 'shared' || agg.byEdition.has(g.editions[0]!));
  const blanks: { name: string; blank: number; of: number }[] = [];
  for (const g of groups) {
    const of = covers(g, agg).n;
    for (const c of g.cells) {
      const t = cellTotal(agg, c.id);
      if (t && t.blank > 0) blanks.push({ name: cellName(c), blank: t.blank, of });
      if (t?.unpublished) blanks.push({ name: `${cellName(c)}（原报告只印“${c.rowLabels.at(-2)}”一行，未分项公布）`, blank: t.unpublished, of });
    }
  }
  const members = agg.members.length > listLimit ? [] : agg.members.map((m) => ({ name: m.agencyName, url: m.url, region: m.region.join(' '), edition: EDITIONS[m.editionId as EditionId].name }));
  const { onTime, late, unknown } = agg.timeliness;
  const told = onTime + late;
  const timelinessText = told
    ? `按时发布 ${onTime} 份，占可判断的 ${told} 份的 ${Math.round((onTime / told) * 1000) / 10}%；逾期 ${late} 份。另有 ${unknown} 份无法判断（未注明发布日期，或条例第四十九条未规定期限的乡镇人民政府和其他机关），不计为逾期。`
    : `无法判断是否按时发布：这 ${unknown} 份报告未注明发布日期，或属条例第四十九条未规定期限的乡镇人民政府和其他机关。`;
  return {
    coverage: {
      reports: agg.reports,
      agencies: new Set(agg.members.map((m) => m.agencyId)).size,
      timeliness: { onTime, late, unknown, text: timelinessText },
      editions: [...agg.byEdition].sort((a, b) => a[0] - b[0]).map(([e, count]) => ({ name: EDITIONS[e].name, source: EDITIONS[e].source, count })),
      members,
      blanks,
    },
    indicators,
    tables: groups.flatMap((g) => groupTables(g, agg, prefix)),
    charts: [outcomeChart(agg, prefix), appealsChart(agg, prefix)],
  };
}
