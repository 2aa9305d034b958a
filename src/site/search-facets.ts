/** The choices the search page offers for each filter, from the reports actually published. */
import { LEVELS } from '../../schema/report.ts';
import type { ReportView } from './report-view.ts';

export interface SearchFacets {
  readonly year: readonly string[];
  readonly region: readonly string[];
  readonly level: readonly string[];
}

/** Years newest first, provinces in pinyin order, levels in statutory order. */
export function searchFacets(reports: readonly Pick<ReportView, 'year' | 'region' | 'level'>[]): SearchFacets {
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => b - a).map(String);
  const regions = [...new Set(reports.map((r) => r.region[0]).filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const levels = LEVELS.filter((l) => reports.some((r) => r.level === l));
  return { year: years, region: regions, level: levels };
}
