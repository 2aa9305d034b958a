/** One agency across years: indicators per year, changes from the year before, cross-year warnings. */
import { copyShares, copySharesText } from '../../schema/copying.ts';
import { EDITIONS, type EditionId } from '../../schema/editions/index.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import type { ReportEntry } from '../load/entry.ts';
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
  /** The cells every edition shares (section 三 总计 column, section 四), one column per year. */
  readonly cellTable: { readonly years: readonly number[]; readonly rows: readonly { readonly label: string; readonly values: readonly string[] }[] };
}

const CROSS_YEAR = new Set(['R5', 'R8', 'COPY-LAST-YEAR']);
const HISTORY_CELLS = CELL_GROUPS.find((g) => g.key === 'shared')!.cells.filter((c) => c.section.id === '四' || c.colKeys.join('/') === '总计');

function change(kind: 'count' | 'rate', now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '';
  const d = now - before;
  if (kind === 'count') return d === 0 ? '持平' : `${d > 0 ? '+' : '−'}${Math.abs(d)}`;
  const pts = Math.round(Math.abs(d) * 10) / 10;
  return pts === 0 ? '持平' : `${d > 0 ? '+' : '−'}${pts.toFixed(1)} 个百分点`;
}

/** The history page of one agency (its reports in any order). */
export function agencyHistory(agencyId: string, list: readonly { stats: ReportStats; report: ReportEntry }[]): AgencyPage {
  const sorted = [...list].sort((a, b) => a.stats.year - b.stats.year);
  const latest = sorted.at(-1)!.stats;
  const years: HistoryYear[] = [];
  let prev: ReportStats | undefined;
  let prevReport: ReportEntry | undefined;
  for (const { stats: s, report } of sorted) {
    const p = prev && prev.year === s.year - 1 ? prev : undefined;
    const input = (r: ReportEntry) => ({ year: r.year, editionId: r.edition.id as EditionId, values: r.values, sentences: r.sentences ?? [] });
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
      rows: HISTORY_CELLS.map((c) => ({
        label: c.section.id === '四' ? `表四 ${c.colLabels.join(' · ')}` : `表三 ${c.rowLabels.join(' › ')}（总计）`,
        values: sorted.map((x) => {
          const v = x.stats.values.get(c.id);
          return v === null || v === undefined ? '空白' : String(v);
        }),
      })),
    },
  };
}
