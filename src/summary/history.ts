/** One agency across years: indicators per year, changes from the year before, cross-year warnings. */
import { copyShares, copySharesText } from '../../schema/copying.ts';
import type { CellDef } from '../../schema/cells.ts';
import { cellsOf, subtotalGroups } from '../../schema/cells.ts';
import { EDITION_IDS, EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import type { SummaryInput } from './input.ts';
import type { ReportStats } from './aggregate.ts';
import { CELL_GROUPS } from './groups.ts';
import { INDICATORS, indicatorColumns, type IndicatorColumn, indicatorNumber, indicatorText } from './indicators.ts';
import { agencyUrl, reportDataUrl, yearUrl } from './urls.ts';

/** One year of an agency history: indicator values and changes from the year before. */
export interface HistoryYear {
  readonly year: number;
  readonly url: string;
  readonly yearUrl: string;
  readonly edition: string;
  readonly json: string;
  readonly csv: string;
  readonly cells: readonly { readonly text: string; readonly change: string }[];
  /** How much repeats the year before's report (COPY-LAST-YEAR's shares), '' without one. */
  readonly copied: string;
}

/** /agencies/<id>/: every year of one agency. */
export interface AgencyPage {
  readonly url: string;
  readonly agencyId: string;
  readonly name: string;
  readonly region: string;
  readonly title: string;
  readonly columns: readonly IndicatorColumn[];
  readonly years: readonly HistoryYear[];
  /** R5/R8 and any other rule that compares two years. */
  readonly crossYear: readonly { readonly year: number; readonly url: string; readonly rule: string; readonly title: string; readonly message: string }[];
  /**
   * Section 三's 总计 column and section 四, one column per year: every row of every edition
   * the agency's reports use, in the template's order. A row its year's edition does not
   * have reads "—" (the 2019 edition’s single （六）其他处理 row, the 2021 edition’s three). Where a year
   * printed a group as one row (小计), that row stands above its parts, which read 未分项公布 that year.
   */
  readonly cellTable: { readonly years: readonly number[]; readonly rows: readonly { readonly label: string; readonly values: readonly string[] }[] };
}

const CROSS_YEAR = new Set(['R5', 'R8', 'COPY-LAST-YEAR']);
const inHistory = (c: CellDef) => c.section.id === '四' || (c.section.id === '三' && c.colKeys.join('/') === '总计');

/**
 * The history table's rows for a set of editions: each edition's cells in its template order,
 * merged — a row one edition lacks goes after the row that precedes it in its own edition,
 * and after the rows of other editions already standing there.
 */
export function historyCells(editions: readonly EditionId[], subtotals = false): { readonly cell: CellDef; readonly editions: readonly EditionId[] }[] {
  const rows: { cell: CellDef; editions: EditionId[] }[] = [];
  for (const e of EDITION_IDS.filter((id) => editions.includes(id))) {
    let at = 0;
    for (const cell of withSubtotalRows(e, subtotals).filter(inHistory)) {
      const found = rows.findIndex((r) => r.cell.id === cell.id);
      if (found >= 0) {
        rows[found]!.editions.push(e);
        at = found + 1;
        continue;
      }
      while (at < rows.length && !rows[at]!.editions.includes(e) && !SHARED_ROW.has(rows[at]!.cell.id)) at++;
      rows.splice(at++, 0, { cell, editions: [e] });
    }
  }
  return rows;
}

/** An edition's cells, with the rows of groups published as one row (小计) above their parts when `subtotals`. */
function withSubtotalRows(e: EditionId, subtotals: boolean): CellDef[] {
  const cells = [...cellsOf(EDITIONS[e])];
  if (!subtotals) return cells;
  for (const g of subtotalGroups(EDITIONS[e])) {
    const first = cells.findIndex((c) => g.partCells.includes(c));
    if (first >= 0) cells.splice(first, 0, ...g.cells);
  }
  return cells;
}

/** Each part cell of a group the template admits publishing as one row → that row's cell in its column. */
const SUBTOTAL_OF_PART: ReadonlyMap<string, CellDef> = new Map(
  EDITION_IDS.flatMap((e) => subtotalGroups(EDITIONS[e]).flatMap((g) => g.cells.flatMap((c) => c.subtotal!.of.map((part) => [part, c] as const)))),
);

/** Rows every edition has: an edition's own row never goes past one of these. */
const SHARED_ROW: ReadonlySet<string> = new Set(CELL_GROUPS.find((g) => g.key === 'shared')!.cells.map((c) => c.id));

function change(kind: 'count' | 'rate', now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '';
  const d = now - before;
  if (kind === 'count') return d === 0 ? '持平' : `${d > 0 ? '+' : '−'}${Math.abs(d)}`;
  const pts = Math.round(Math.abs(d) * 10) / 10;
  return pts === 0 ? '持平' : `${d > 0 ? '+' : '−'}${pts.toFixed(1)} 个百分点`;
}

/**
 * What `agencyHistory` makes the page from, as text for its key: the agency, and per report
 * (by year) its file and `digest` (`summaryDigest`: everything of it the summaries can read,
 * notes included). The same inputs give the same page.
 */
export function agencyHistoryInputs(agencyId: string, list: readonly { stats: ReportStats; report: SummaryInput; digest: string }[]): string {
  const sorted = [...list].sort((a, b) => a.stats.year - b.stats.year);
  return [agencyId, ...sorted.map(({ report: r, digest }) => `${r.file}\t${digest}`)].join('\n');
}

/** The history page of one agency (its reports in any order). */
export function agencyHistory(agencyId: string, list: readonly { stats: ReportStats; report: SummaryInput }[]): AgencyPage {
  const sorted = [...list].sort((a, b) => a.stats.year - b.stats.year);
  const latest = sorted.at(-1)!.stats;
  const years: HistoryYear[] = [];
  let prev: ReportStats | undefined;
  let prevReport: SummaryInput | undefined;
  for (const { stats: s, report } of sorted) {
    const p = prev && prev.year === s.year - 1 ? prev : undefined;
    const input = (r: SummaryInput) => ({ year: r.year, editionId: r.edition.id as EditionId, values: r.values, sentences: r.sentences ?? [] });
    const copied = p && prevReport ? copySharesText(copyShares(input(prevReport), input(report))) : '';
    years.push({
      year: s.year,
      url: s.url,
      yearUrl: yearUrl(s.year),
      edition: EDITIONS[s.editionId].name,
      json: reportDataUrl(s.year, s.agencyId, 'json'),
      csv: reportDataUrl(s.year, s.agencyId, 'csv'),
      cells: INDICATORS.map((ind) => {
        const m = s.measures.get(ind.id);
        if (!m) return { text: '空白', change: '' };
        const now = indicatorNumber(ind, m.num, m.den);
        const pm = p?.measures.get(ind.id);
        const before = pm ? indicatorNumber(ind, pm.num, pm.den) : undefined;
        return { text: indicatorText(ind, m.num, m.den), change: change(ind.kind, now, before) };
      }),
      copied,
    });
    prev = s;
    prevReport = report;
  }
  const crossYear = sorted.flatMap(({ stats: s, report }) =>
    report.diagnostics
      .filter((d) => CROSS_YEAR.has(d.rule))
      .map((d) => ({ year: s.year, url: s.url, rule: d.rule, title: CATALOGUE[d.rule].title, message: d.statement ?? d.message })),
  );
  return {
    url: agencyUrl(agencyId),
    agencyId,
    name: latest.agencyName,
    region: latest.region.join(' '),
    title: `${latest.agencyName}历年政府信息公开工作年度报告`,
    columns: indicatorColumns(),
    years: years.reverse(),
    crossYear,
    cellTable: {
      years: sorted.map((x) => x.stats.year),
      rows: historyCells(
        [...new Set(sorted.map((x) => x.stats.editionId))],
        // A year that printed a group as one row (小计) shows that row; its parts read 未分项公布.
        sorted.some((x) => [...SUBTOTAL_OF_PART.values()].some((sub) => typeof x.stats.values.get(sub.id) === 'number')),
      ).map(({ cell: c, editions }) => ({
        label: `${c.section.id === '四' ? `表四 ${c.colLabels.join(' · ')}` : `表三 ${c.rowLabels.join(' › ')}（总计）`}${editions.length < EDITION_IDS.length ? `（${editions.map((e) => EDITIONS[e].name).join('、')}）` : ''}`,
        values: sorted.map((x) => {
          if (!editions.includes(x.stats.editionId)) return '—';
          const v = x.stats.values.get(c.id);
          if (c.subtotal) return typeof v === 'number' ? String(v) : '—';
          const sub = SUBTOTAL_OF_PART.get(c.id);
          if ((v === null || v === undefined) && sub && typeof x.stats.values.get(sub.id) === 'number') return '未分项公布';
          return v === null || v === undefined ? '空白' : String(v);
        }),
      })),
    },
  };
}
