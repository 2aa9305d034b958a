/**
 * Everything the summary pages print, from the validated corpus in one pass over its
 * reports: each report is measured once and added to its year, to every region above it
 * and to its agency's history. Pages are then built from those totals alone.
 */
import { createHash, type Hash } from 'node:crypto';
import type { EditionId } from '../../schema/editions/index.ts';
import { EDITIONS } from '../../schema/editions/index.ts';
import { CATALOGUE } from '../../schema/rules.ts';
import type { Corpus } from '../load/corpus.ts';
import { type Diagnostic, publicLabel } from '../load/diagnostic.ts';
import { type SummaryInput, summaryDigest } from './input.ts';
import { reportUrl } from '../site/report-view.ts';
import { type AgencyKind, publishedOnTime } from '../../schema/evaluation.ts';
import { addReport, type Aggregate, emptyAggregate, measureReport, type ReportStats } from './aggregate.ts';
import { agencyFolded, type MovedPage, regionFold } from './fold.ts';
import { agencyHistory, agencyHistoryInputs, type AgencyPage } from './history.ts';
import { INDICATORS, indicatorColumns, type IndicatorColumn, indicatorNumber, indicatorText } from './indicators.ts';
import { byCode, byName } from './order.ts';
import { LIST_LIMIT, type ListingPart, type SplitListing, splitByRegion } from './split.ts';
import type { RevisionItem } from '../site/feed.ts';
import { agencyUrl, compareUrl, DATA_URL, QUALITY_URL, qualityUrl, regionKey, regionUrl, reportDataUrl, yearDataUrl, yearUrl } from './urls.ts';
import { aggregateView, type AggregateView } from './views.ts';

/** A breadcrumb link. */
export interface Crumb {
  readonly name: string;
  readonly url: string;
}

/** A region on a page's path: its name and where it links (none where that is the page itself, or the way to it). */
export interface PlaceCrumb {
  readonly name: string;
  readonly url?: string;
}

/** A link with the number of reports behind it. */
export interface LinkCount {
  readonly name: string;
  readonly url: string;
  readonly reports: number;
}

/** /<year>/ and /regions/<year>/…/: the same body, for all reports of a year or of a region. */
export interface SummaryPage {
  readonly url: string;
  readonly year: number;
  readonly title: string;
  readonly heading: string;
  /** The year and the regions above; a region folded into the way to this page has no link. */
  readonly breadcrumbs: readonly PlaceCrumb[];
  /** Sub-regions, each linked where its summary's links lead (a folded one: its only report, or its only sub-region). */
  readonly subRegions: readonly LinkCount[];
  /** Agencies placed exactly at this region (region pages). */
  readonly agencies: readonly { readonly name: string; readonly url: string }[];
  readonly compareUrl: string;
  readonly downloads: readonly { readonly label: string; readonly url: string }[];
  readonly body: AggregateView;
}

/** One agency in the comparison table. */
export interface CompareRow {
  readonly agencyName: string;
  readonly url: string;
  /** The agency's history, or its report where it has one year only (the history is folded). */
  readonly historyUrl: string;
  readonly region: string;
  readonly regionPath: string;
  readonly level: string;
  readonly edition: string;
  readonly cells: readonly { readonly text: string; readonly sort: string }[];
  readonly notes: number;
}

/**
 * /compare/<year>/: one row per agency with the key indicators. A year with more agencies
 * than a page lists is split by region: the page links to /compare/<year>/<region>/… instead.
 */
export interface ComparePage {
  readonly url: string;
  readonly year: number;
  readonly title: string;
  readonly heading: string;
  readonly caption: string;
  readonly yearUrl: string;
  /** Comparison pages of the regions above this one. */
  readonly breadcrumbs: readonly Crumb[];
  /** This page's own crumb. */
  readonly crumb: string;
  /** When split: the sub-regions' comparison pages. */
  readonly subRegions: readonly LinkCount[];
  readonly columns: readonly IndicatorColumn[];
  /** Agencies of this page: all of its region, or when split those placed at the region itself. */
  readonly rows: readonly CompareRow[];
  /** Region filter choices (provinces and the level below), value = region path prefix. */
  readonly regions: readonly { readonly value: string; readonly label: string }[];
}

/** A warning or acknowledged deviation as the data-quality page prints it. */
export interface QualityNote {
  readonly rule: string;
  readonly title: string;
  readonly severity: Diagnostic['severity'];
  /** Public heading (see `publicLabel`) and CSS class: acknowledged, pending or warning. */
  readonly label: string;
  readonly kind: string;
  readonly message: string;
  readonly note?: string;
  readonly location: string;
}

/** A report with warnings or acknowledged deviations, as the data-quality pages list it. */
export interface QualityReport {
  readonly agencyName: string;
  readonly url: string;
  readonly region: string;
  readonly path: readonly string[];
  readonly notes: readonly QualityNote[];
}

/**
 * /quality/: every warning and acknowledged deviation, by year and agency. A year with more
 * such reports than a page lists is split by region, into /quality/<year>/<region>/… pages.
 */
export interface QualityPage {
  readonly url: string;
  readonly title: string;
  readonly breadcrumbs: readonly Crumb[];
  /** Whose notes the page lists: 全部报告, or 本地区报告 on a region's page. */
  readonly scope: string;
  /** Counts by rule (on /quality/ itself). */
  readonly byRule: readonly { readonly rule: string; readonly title: string; readonly warnings: number; readonly pending: number; readonly acknowledged: number }[];
  readonly years: readonly {
    readonly year: number;
    readonly reports: readonly QualityReport[];
    readonly subRegions: readonly LinkCount[];
  }[];
  /** Notes on this page and the pages below it. */
  readonly total: number;
  /** 最近更正 (on /quality/ itself, when the site has revision history): newest first. */
  readonly corrections?: readonly RevisionItem[];
}

/** Summary pages and downloads linked from one report page. */
export interface ReportLinks {
  readonly yearUrl: string;
  /** The report's region path, each region linked to its summary of the year (not where that leads back to this report). */
  readonly regions: readonly PlaceCrumb[];
  /**
   * The summary of the nearest region on the path that has a page of its own, and its name;
   * absent when every region of the path is folded (the year summary is linked then).
   */
  readonly region?: { readonly name: string; readonly url: string };
  /** The agency's history; absent when it has this report only (see src/summary/fold.ts). */
  readonly historyUrl?: string;
  readonly compareUrl: string;
  readonly json: string;
  readonly csv: string;
}

/**
 * A region summary page, made only when asked for: there are thousands, and a rebuild
 * makes only those whose `key` changed.
 */
export interface RegionPageRef {
  readonly url: string;
  readonly year: number;
  /** Hash of everything the page is made from: its place, its reports (content and notes) and its sub-regions. */
  readonly key: string;
  page(): SummaryPage;
}

/** An agency history page, made when asked for: a corpus's thousands of them are never held at once. */
export interface AgencyPageRef {
  readonly url: string;
  readonly agencyId: string;
  /** Hash of everything the page is made from: its reports (content, and the cross-year notes it prints). */
  readonly key: string;
  page(): AgencyPage;
}

/** Everything the summary pages of the site print. */
export interface SiteSummary {
  readonly years: readonly SummaryPage[];
  /** Region summaries that are pages of their own (folded ones are in `moved`). */
  readonly regions: readonly RegionPageRef[];
  /**
   * Where a region's summary of a year is linked, by `regionKey`: its own page, or where it
   * was folded into. Every region of every year with a report.
   */
  readonly regionLinks: Readonly<Record<string, string>>;
  /** Folded pages: region summaries and agency histories that repeat another page (src/summary/fold.ts). */
  readonly moved: readonly MovedPage[];
  /** Every comparison page: each year's, and its regions' when split. */
  readonly comparisons: readonly ComparePage[];
  /** Agency histories of more than one year (one-year ones are in `moved`), each page made when asked for. */
  readonly agencies: readonly AgencyPageRef[];
  /** /quality/, then the pages of regions its lists are split into. */
  readonly quality: readonly QualityPage[];
  /** By report URL: the summary pages and downloads a report page links to. */
  readonly reportLinks: Readonly<Record<string, ReportLinks>>;
  readonly links: { readonly quality: string; readonly data: string };
  /** Entries a page lists before the list is split by region. */
  readonly listLimit: number;
}

/** A report as the summaries see it. */
export function reportStats(r: SummaryInput): ReportStats {
  const { year, agency } = r;
  const editionId = r.edition.id as EditionId;
  return {
    year,
    editionId,
    agencyId: agency.id,
    agencyName: agency.name,
    region: agency.region,
    level: agency.level,
    url: reportUrl(year, agency.id),
    values: r.values,
    measures: measureReport(editionId, r.values),
    notes: r.diagnostics.filter((d) => d.severity !== 'error').length,
    onTime: publishedOnTime(year, agency.kind as AgencyKind | undefined, agency.level, r.published),
  };
}

interface RegionNode {
  readonly year: number;
  readonly path: readonly string[];
  readonly parent: RegionNode | undefined;
  /** Where links to its summary lead (see `linkOf`), once known. */
  link?: string;
  /**
   * Every report of the region and below, in the order added. The region's totals (an
   * Aggregate: a few kilobytes of sums per region) are made from them only when its page is
   * made (`aggregateOf`), so a corpus's thousands of regions hold no totals between pages.
   */
  readonly members: ReportStats[];
  readonly children: Map<string, RegionNode>;
  readonly here: ReportStats[];
  /** Fed with every report added, for the page's key. */
  readonly inputs: Hash;
}

const newNode = (year: number, path: readonly string[], parent?: RegionNode): RegionNode => ({ year, path, parent, members: [], children: new Map(), here: [], inputs: createHash('sha1') });

/** A region's totals over every report in it, made afresh (see RegionNode.members). */
function aggregateOf(node: RegionNode): Aggregate {
  const agg = emptyAggregate();
  for (const s of node.members) addReport(agg, s);
  return agg;
}

const foldOf = (n: RegionNode) => (n.path.length ? regionFold(n.members.length, n.here.length, n.children.size) : null);

/** Where links to a region's summary lead: its page, its only report, or where its only sub-region's lead. */
function linkOf(n: RegionNode): string {
  if (n.link !== undefined) return n.link;
  const fold = foldOf(n);
  n.link = fold === 'single-report' ? n.members[0]!.url : fold === 'single-child' ? linkOf(n.children.values().next().value!) : n.path.length ? regionUrl(n.year, n.path) : yearUrl(n.year);
  return n.link;
}

/** The regions above a node, the province first (the year's root left out). */
function above(n: RegionNode): RegionNode[] {
  const out: RegionNode[] = [];
  for (let p = n.parent; p?.parent; p = p.parent) out.unshift(p);
  return out;
}

/** What a report contributes to its regions' pages: which report, its `summaryDigest` and its notes. */
const contribution = (digest: string, s: ReportStats) => `${s.url}\t${digest}\t${s.notes}\n`;

function regionRef(node: RegionNode, compare: string, listLimit: number): RegionPageRef {
  // Where its sub-regions and the regions above link depends on what lies below them (what folds).
  const children = [...node.children.values()].map((c) => `${c.path.at(-1)}:${c.members.length}:${linkOf(c)}`).sort().join('\t');
  const crumbs = above(node).map((a) => `${foldOf(a) ?? ''}:${linkOf(a)}`).join('\t');
  const here = node.here.map((m) => `${m.agencyName}\t${m.url}`).sort().join('\n');
  const key = node.inputs.update(`${node.year}\n${node.path.join('/')}\n${children}\n${crumbs}\n${here}\n${compare}\n${listLimit}`).digest('hex');
  return { url: regionUrl(node.year, node.path), year: node.year, key, page: () => summaryPage(node, compare, listLimit) };
}

const byPlace = (a: ReportStats, b: ReportStats) =>
  byName(a.region.join('/'), b.region.join('/')) || byCode(a.agencyId, b.agencyId);

function downloads(year: number) {
  return [
    { label: `${year}年度全部机关数据（CSV，Excel 可直接打开）`, url: yearDataUrl(year, 'csv') },
    { label: `${year}年度全部机关数据（XLSX）`, url: yearDataUrl(year, 'xlsx') },
  ];
}

function summaryPage(node: RegionNode, compare: string, listLimit: number): SummaryPage {
  const { year, path } = node;
  const name = path.at(-1);
  const crumbs: PlaceCrumb[] = [{ name: `${year}年度`, url: yearUrl(year) }, ...above(node).map((a) => (foldOf(a) ? { name: a.path.at(-1)! } : { name: a.path.at(-1)!, url: linkOf(a) }))];
  const children = [...node.children.values()].sort((a, b) => byName(a.path.at(-1)!, b.path.at(-1)!));
  return {
    url: path.length ? regionUrl(year, path) : yearUrl(year),
    year,
    title: name ? `${path.join('')} ${year}年度政府信息公开工作年度报告汇总` : `${year}年度政府信息公开工作年度报告汇总`,
    heading: name ? `${name} ${year}年度汇总` : `${year}年度汇总`,
    breadcrumbs: path.length ? crumbs : [],
    subRegions: children.map((c) => ({ name: c.path.at(-1)!, url: linkOf(c), reports: c.members.length })),
    agencies: [...node.here].sort(byPlace).map((m) => ({ name: m.agencyName, url: m.url })),
    compareUrl: compare,
    downloads: downloads(year),
    body: aggregateView(aggregateOf(node), path.length ? 'r' : 'y', listLimit),
  };
}

function compareRow(m: ReportStats, historyUrl: string): CompareRow {
  return {
    agencyName: m.agencyName,
    url: m.url,
    historyUrl,
    region: m.region.join(' '),
    regionPath: m.region.join('/'),
    level: m.level,
    edition: EDITIONS[m.editionId].name,
    cells: INDICATORS.map((ind) => {
      const v = m.measures.get(ind.id);
      if (!v) return { text: '空白', sort: '' };
      const n = indicatorNumber(ind, v.num, v.den);
      return { text: indicatorText(ind, v.num, v.den), sort: n === null ? '' : String(Math.round(n * 1000) / 1000) };
    }),
    notes: m.notes,
  };
}

/** Links down a split listing, and the crumbs back up to its first page. */
const subRegionLinks = <T>(part: ListingPart<T>, url: (path: readonly string[]) => string): LinkCount[] =>
  part.regions.map((r) => ({ name: r.name, url: url(r.path), reports: r.count }));
const crumbsTo = <T>(part: ListingPart<T>, first: string, url: (path: readonly string[]) => string): Crumb[] =>
  part.above.map((path) => ({ name: path.at(-1) ?? first, url: url(path) }));

/** The comparison pages of a year: one, or one per region where the year has too many agencies for a page. */
function comparePages(year: number, listing: SplitListing<ReportStats>, historyOf: (agencyId: string) => string): ComparePage[] {
  const url = (path: readonly string[]) => compareUrl(year, path);
  return listing.parts.map((part) => {
    const prefixes = new Map<string, string>();
    const depth = part.path.length;
    for (const m of part.items) for (let d = depth + 1; d <= Math.min(depth + 2, m.region.length); d++) prefixes.set(m.region.slice(0, d).join('/'), `${d === depth + 2 ? '\u3000' : ''}${m.region[d - 1]}`);
    // 河北省 2021年度各机关对比 in the title; 保定市 2021年度… (the region's own name) on the page.
    const whole = part.path.length ? `${part.path.join('')} ` : '';
    const own = part.path.length ? `${part.path.at(-1)} ` : '';
    return {
      url: url(part.path),
      year,
      title: `${whole}${year}年度各机关对比`,
      heading: `${own}${year}年度各机关对比`,
      caption: `${own}${year}年度各机关主要指标`,
      yearUrl: yearUrl(year),
      breadcrumbs: crumbsTo(part, `${year}年度各机关对比`, url),
      crumb: own ? `${own}${year}年度各机关对比` : '各机关对比',
      subRegions: subRegionLinks(part, url),
      columns: indicatorColumns(),
      rows: part.items.map((m) => compareRow(m, historyOf(m.agencyId))),
      regions: [...prefixes].sort((a, b) => byName(a[0], b[0])).map(([value, label]) => ({ value, label })),
    };
  });
}

/** /quality/ and, where a year has too many reports with notes for a page, the pages of its regions. */
function qualityPages(reports: readonly SummaryInput[], stats: readonly ReportStats[], listLimit: number): QualityPage[] {
  const byRule = new Map<string, { warnings: number; pending: number; acknowledged: number }>();
  const years = new Map<number, QualityReport[]>();
  reports.forEach((r, i) => {
    const s = stats[i]!;
    const notes = r.diagnostics
      .filter((d) => d.severity !== 'error')
      .map((d): QualityNote => {
        const count = byRule.get(d.rule) ?? { warnings: 0, pending: 0, acknowledged: 0 };
        if (d.severity === 'acknowledged') count.acknowledged++;
        else if (d.pending) count.pending++;
        else count.warnings++;
        byRule.set(d.rule, count);
        return { rule: d.rule, title: CATALOGUE[d.rule].title, severity: d.severity, label: publicLabel(d), kind: d.pending ? 'pending' : d.severity, message: d.statement ?? d.message, ...(d.note ? { note: d.note } : {}), location: `${d.file}:${d.line}:${d.column}` };
      });
    if (!notes.length) return;
    const list = years.get(s.year) ?? [];
    list.push({ agencyName: s.agencyName, url: s.url, region: s.region.join(' '), path: s.region, notes });
    years.set(s.year, list);
  });
  const noteCount = (list: readonly QualityReport[]) => list.reduce((n, r) => n + r.notes.length, 0);
  const first: QualityPage['years'][number][] = [];
  const below: QualityPage[] = [];
  let total = 0;
  for (const [year, list] of [...years].sort((a, b) => b[0] - a[0])) {
    list.sort((a, b) => byName(a.region, b.region) || byName(a.agencyName, b.agencyName));
    total += noteCount(list);
    // Notes in each region and below, in one pass, for the totals of the pages it may be split into.
    const inRegion = new Map<string, number>();
    for (const r of list) {
      for (let d = 1; d <= r.path.length; d++) {
        const key = JSON.stringify(r.path.slice(0, d));
        inRegion.set(key, (inRegion.get(key) ?? 0) + r.notes.length);
      }
    }
    const url = (path: readonly string[]) => (path.length ? qualityUrl(year, path) : QUALITY_URL);
    const listing = splitByRegion(list, (r) => r.path, listLimit);
    for (const part of listing.parts) {
      const entry = { year, reports: part.items, subRegions: subRegionLinks(part, url) };
      if (!part.path.length) {
        first.push(entry);
        continue;
      }
      below.push({
        url: url(part.path),
        title: `${part.path.join('')} ${year}年度数据质量说明`,
        breadcrumbs: crumbsTo(part, '数据质量说明', url),
        scope: '本地区报告',
        byRule: [],
        years: [entry],
        total: inRegion.get(JSON.stringify(part.path)) ?? 0,
      });
    }
  }
  const root: QualityPage = {
    url: QUALITY_URL,
    title: '数据质量说明',
    breadcrumbs: [],
    scope: '全部报告',
    total,
    byRule: [...byRule].sort((a, b) => byCode(a[0], b[0])).map(([rule, c]) => ({ rule, title: CATALOGUE[rule as keyof typeof CATALOGUE].title, ...c })),
    years: first,
  };
  return [root, ...below];
}

/**
 * The summary pages of a corpus; linear in the number of reports. `listLimit`: see LIST_LIMIT.
 * `digests`: each report's `summaryDigest`, when already worked out.
 */
export function summarizeCorpus(corpus: { readonly reports: readonly SummaryInput[] }, listLimit = LIST_LIMIT, digests: readonly string[] = corpus.reports.map(summaryDigest)): SiteSummary {
  const roots = new Map<number, RegionNode>();
  const agencies = new Map<string, { stats: ReportStats; report: SummaryInput; digest: string }[]>();
  const stats: ReportStats[] = [];
  for (const [i, r] of corpus.reports.entries()) {
    const digest = digests[i]!;
    const s = reportStats(r);
    stats.push(s);
    let node: RegionNode | undefined = roots.get(s.year);
    if (!node) roots.set(s.year, (node = newNode(s.year, [])));
    node.members.push(s);
    const added = contribution(digest, s);
    for (const name of s.region) {
      let child: RegionNode | undefined = node.children.get(name);
      if (!child) node.children.set(name, (child = newNode(s.year, [...node.path, name], node)));
      child.members.push(s);
      child.inputs.update(added);
      node = child;
    }
    node.here.push(s);
    const list = agencies.get(s.agencyId) ?? [];
    list.push({ stats: s, report: r, digest });
    agencies.set(s.agencyId, list);
  }
  const yearNodes = [...roots.values()].sort((a, b) => b.year - a.year);
  const listings = new Map(yearNodes.map((n) => [n.year, splitByRegion([...n.members].sort(byPlace), (m) => m.region, listLimit)]));
  /** The comparison page listing a region's agencies (the region's own page where the table is split). */
  const compareOf = (year: number, region: readonly string[]) => compareUrl(year, listings.get(year)!.partOf(region).path);
  const folded = new Set([...agencies].filter(([, list]) => agencyFolded(new Set(list.map((x) => x.stats.year)).size)).map(([id]) => id));
  /** An agency's history, or its only report where the history is folded. */
  const historyOf = (agencyId: string) => (folded.has(agencyId) ? agencies.get(agencyId)![0]!.stats.url : agencyUrl(agencyId));
  const nodeOf = (s: ReportStats) => s.region.reduce((n, name) => n.children.get(name)!, roots.get(s.year)!);
  const reportLinks: Record<string, ReportLinks> = {};
  for (const s of stats) {
    const path = [...above(nodeOf(s)), nodeOf(s)];
    const own = path.findLast((n) => !foldOf(n));
    reportLinks[s.url] = {
      yearUrl: yearUrl(s.year),
      regions: path.map((n) => (linkOf(n) === s.url ? { name: n.path.at(-1)! } : { name: n.path.at(-1)!, url: linkOf(n) })),
      ...(own ? { region: { name: own.path.at(-1)!, url: linkOf(own) } } : {}),
      ...(folded.has(s.agencyId) ? {} : { historyUrl: agencyUrl(s.agencyId) }),
      compareUrl: compareOf(s.year, s.region),
      json: reportDataUrl(s.year, s.agencyId, 'json'),
      csv: reportDataUrl(s.year, s.agencyId, 'csv'),
    };
  }
  const regions: RegionPageRef[] = [];
  const regionLinks: Record<string, string> = {};
  const moved: MovedPage[] = [];
  const walk = (n: RegionNode): void => {
    for (const c of n.children.values()) {
      regionLinks[regionKey(c.year, c.path)] = linkOf(c);
      const fold = foldOf(c);
      if (fold) moved.push({ url: regionUrl(c.year, c.path), to: linkOf(c), was: `${c.path.join('')} ${c.year}年度汇总`, why: fold === 'single-report' ? '该地区本年度只有一份报告，汇总即这份报告' : '该地区本年度的报告都在同一个下级地区，汇总与该下级地区的相同' });
      else regions.push(regionRef(c, compareOf(c.year, c.path), listLimit));
      walk(c);
    }
  };
  yearNodes.forEach(walk);
  const agencyIds = [...agencies.keys()].sort(byCode);
  for (const id of agencyIds.filter((a) => folded.has(a))) {
    const only = agencies.get(id)![0]!.stats;
    moved.push({ url: agencyUrl(id), to: only.url, was: `${only.agencyName}历年政府信息公开工作年度报告`, why: `该机关只有${only.year}年度一份报告` });
  }
  return {
    years: yearNodes.map((n) => summaryPage(n, compareUrl(n.year), listLimit)),
    regions,
    regionLinks,
    moved,
    comparisons: yearNodes.flatMap((n) => comparePages(n.year, listings.get(n.year)!, historyOf)),
    agencies: agencyIds.filter((id) => !folded.has(id)).map((id) => {
      const list = agencies.get(id)!;
      const key = createHash('sha1').update(agencyHistoryInputs(id, list)).digest('hex');
      return { url: agencyUrl(id), agencyId: id, key, page: () => agencyHistory(id, list) };
    }),
    quality: qualityPages(corpus.reports, stats, listLimit),
    reportLinks,
    links: { quality: QUALITY_URL, data: DATA_URL },
    listLimit,
  };
}
