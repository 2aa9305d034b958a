/** The Eleventy plugin: the whole site, from a validated corpus. */
import { type OpenDataView, openDataView } from '../export/files.ts';
import { sha1 } from '../load/cache.ts';
import type { Corpus } from '../load/corpus.ts';
import type { SiteSummary } from '../summary/index.ts';
import { regionKey } from '../summary/urls.ts';
import * as filters from './filters/index.ts';
import { type GuideView, guideView } from './guide.ts';
import { fitTree, type RegionLink, regionTree } from './region-tree.ts';
import type { ReportEntry } from '../load/entry.ts';
import { MANY_PAGE_TEMPLATES } from './report-page.ts';
import { reportUrl, type ReportView } from './report-view.ts';
import { type SearchFacets, searchFacets } from './search-facets.ts';
import { SEARCH_FILTERS, searchPartPaths } from './search-index.ts';

export interface SiteOptions {
  readonly corpus: Corpus;
  readonly summary: SiteSummary;
  /** Site paths of the search index's parts (searchPartPaths of the corpus unless given). */
  readonly searchParts?: readonly string[];
}

/** Site-wide facts printed in the layout. */
export const SITE = {
  name: '政府信息公开工作年度报告',
  description: '各级行政机关依《中华人民共和国政府信息公开条例》发布的政府信息公开工作年度报告，按统一格式公开，可查阅、比较和下载。',
  licence: '报告内容为各行政机关依法公开的政府信息；本站整理的数据以 CC BY 4.0 许可开放。',
  corrections: '发现本站数据与原报告不一致，或原报告本身有误，请联系发布该报告的行政机关（联系方式见各报告末尾）；本站据更正后的报告更新。',
} as const;

// Minimal structural type of the Eleventy config object this plugin uses.
interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  ignores: { add(glob: string): void };
  dir?: { input?: string };
}

/**
 * What the index and search pages need of a report. Not its title: no page Eleventy makes
 * prints it, and a report's title then changes nothing in their data (see `siteDataKey`).
 */
export type ReportListing = Pick<ReportView, 'url' | 'year' | 'agencyId' | 'agencyName' | 'region' | 'level'>;

const reportListing = (r: ReportEntry): ReportListing => ({
  url: reportUrl(r.year, r.agency.id),
  year: r.year,
  agencyId: r.agency.id,
  agencyName: r.agency.name,
  region: r.agency.region,
  level: r.agency.level,
});

/**
 * Global data as Eleventy should take it: frozen (a shallow copy), so that its data cascade
 * hands every template the object itself instead of a deep copy of it (Eleventy's Merge
 * returns a frozen plain object as it is).
 */
const shared = <T extends object>(value: T): Readonly<T> => Object.freeze({ ...value });

const byPinyin = new Intl.Collator('zh-CN').compare;

/**
 * Everything the pages Eleventy makes (the index, each year's summary, /data/, the search
 * page, the guide, 404) are made from besides the code: its global data. Of the summaries only
 * what those pages print (the year pages and the site-wide links): the many pages made outside
 * Eleventy take theirs from the build.
 */
export interface SiteData {
  readonly site: typeof SITE;
  readonly reports: readonly ReportListing[];
  readonly regions: ReturnType<typeof fitTree<ReportListing>>;
  readonly years: readonly number[];
  readonly summary: Pick<SiteSummary, 'years' | 'links' | 'listLimit'>;
  readonly openData: OpenDataView;
  readonly search: { readonly facets: SearchFacets; readonly labels: typeof SEARCH_FILTERS; readonly parts: readonly string[] };
  readonly guide: GuideView;
}

/** The global data of the pages Eleventy makes, from the corpus, its summaries and the search index's parts. */
export function siteData(options: SiteOptions): SiteData {
  const reports = options.corpus.reports
    .map(reportListing)
    .sort((a, b) => b.year - a.year || byPinyin(a.region.join('/'), b.region.join('/')) || a.agencyId.localeCompare(b.agencyId));
  const { regionLinks, reportLinks, years, links, listLimit } = options.summary;
  const regionLink = (year: number, path: readonly string[]): RegionLink => {
    const url = regionLinks[regionKey(year, path)]!;
    return { year, url, kind: url in reportLinks ? '报告' : '汇总' };
  };
  return {
    site: SITE,
    reports,
    regions: shared(fitTree(regionTree(reports, (r) => r.region, regionLink), listLimit)),
    years: [...new Set(reports.map((r) => r.year))].sort((a, b) => b - a),
    summary: shared({ years, links, listLimit }),
    openData: shared(openDataView(options.corpus, listLimit)),
    search: shared({ facets: searchFacets(reports), labels: SEARCH_FILTERS, parts: options.searchParts ?? searchPartPaths(options.corpus.reports) }),
    guide: shared(guideView()),
  };
}

/**
 * A hash of the pages Eleventy makes, with the code's fingerprint `code`: of their global
 * data, whole. Equal keys, equal pages — so an edit that changes none of it (a report's
 * prose, its title) does not run Eleventy. Throws on data JSON cannot hold whole (a function;
 * a Map or Set is written as its entries).
 */
export function siteDataKey(code: string, data: SiteData): string {
  return sha1(
    `${code}\n${JSON.stringify(data, (_, v: unknown) => {
      if (typeof v === 'function') throw new TypeError('site data holds a function');
      return v instanceof Map || v instanceof Set ? [...v] : v;
    })}`,
  );
}

export default function site(eleventyConfig: EleventyConfig, options: SiteOptions & { readonly data?: SiteData }): void {
  // Data
  for (const [name, value] of Object.entries(options.data ?? siteData(options))) eleventyConfig.addGlobalData(name, value);

  // Filters
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);

  // Pages there is one of per report, agency or region are rendered by the build (src/build.ts).
  for (const template of Object.values(MANY_PAGE_TEMPLATES)) eleventyConfig.ignores.add(`templates/${template}`);

  // The assets (templates/assets → assets/) are copied by the build (SITE_ASSETS), not by
  // Eleventy: when a page fails to write, Eleventy leaves its copy's failure unhandled and
  // the process ends without a word of why.
}

/** Files served as they are: source folder (from the project root) → folder in the site. */
export const SITE_ASSETS = { from: 'templates/assets', to: 'assets' } as const;
