/**
 * Following changes: the site-wide list of 最近更正 (reports whose data changed after their
 * first publication, newest first) on the data-quality page, and the Atom feed (RFC 4287) of
 * new and corrected reports at /feed.xml. Both come from the same list of revisions.
 */
import type { CorpusHistory } from '../history/index.ts';
import { shortCommit } from '../history/index.ts';
import type { ReportEntry } from '../load/entry.ts';
import { commitDay, revisionSummary } from './history-view.ts';
import { SITE } from './index.ts';
import { formatDateZh, reportUrl } from './report-view.ts';
import { absoluteUrl } from './site-url.ts';

/** The feed's site path. */
export const FEED_URL = '/feed.xml';
/** Corrections the data-quality page lists. */
export const CORRECTIONS_LISTED = 50;
/** Entries the feed carries. */
export const FEED_ENTRIES = 100;

/** A published version of a report, as the list and the feed print it. */
export interface RevisionItem {
  /** The report page with the version's anchor (/2020/x/#v-abc1234), or the page itself without history. */
  readonly url: string;
  readonly page: string;
  readonly agencyName: string;
  readonly year: number;
  readonly region: string;
  /** RFC 3339 date and time. */
  readonly date: string;
  readonly dateText: string;
  readonly reason: string;
  readonly summary: string;
  readonly first: boolean;
  readonly short?: string;
}

/** Newest first; ties by page and commit, so the order is the same on every build. */
const newestFirst = (a: RevisionItem, b: RevisionItem) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/** Every published version of every report (with history), or each report's 发布日期 as its first publication (without). */
export function revisionItems(reports: readonly ReportEntry[], history: CorpusHistory): RevisionItem[] {
  const out: RevisionItem[] = [];
  for (const r of reports) {
    const page = reportUrl(r.year, r.agency.id);
    const base = { page, agencyName: r.agency.name, year: r.year, region: r.agency.region.join(' ') };
    const h = history.reports.get(r.file);
    if (history.notice) {
      if (r.published) out.push({ ...base, url: page, date: `${r.published}T00:00:00+08:00`, dateText: formatDateZh(r.published), reason: '报告发布', summary: '首次发布', first: true });
      continue;
    }
    for (const v of h?.revisions ?? []) {
      const short = shortCommit(v.commit);
      out.push({ ...base, url: `${page}#v-${short}`, date: v.date, dateText: formatDateZh(commitDay(v.date)), reason: v.reason, summary: revisionSummary(v), first: v.first, short });
    }
  }
  return out.sort(newestFirst);
}

/** 最近更正: corrections only, newest first, at most CORRECTIONS_LISTED. */
export const recentCorrections = (items: readonly RevisionItem[]): RevisionItem[] => items.filter((i) => !i.first).slice(0, CORRECTIONS_LISTED);

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The Atom feed of new and corrected reports: the newest FEED_ENTRIES versions. Its
 * `updated` is the newest entry's date (the same for the same commit, so builds repeat
 * byte for byte); a feed with no entries says 1970-01-01.
 */
export function atomFeed(items: readonly RevisionItem[], base: string): string {
  const entries = items.slice(0, FEED_ENTRIES);
  const self = absoluteUrl(base, FEED_URL);
  const updated = entries[0]?.date ?? '1970-01-01T00:00:00Z';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>${xml(self)}</id>`,
    `<title>${xml(SITE.name)}：新发布和更正的报告</title>`,
    `<subtitle>${xml('各机关年度报告在本站首次发布和发布后更正的记录，新的在前。')}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(base)}"/>`,
    `<updated>${xml(updated)}</updated>`,
    `<author><name>${xml(SITE.name)}</name></author>`,
    ...entries.map((e) => {
      const href = absoluteUrl(base, e.url);
      return [
        '<entry>',
        `<id>${xml(href)}</id>`,
        `<title>${xml(`${e.agencyName}${e.year}年度报告：${e.summary}`)}</title>`,
        `<link rel="alternate" type="text/html" href="${xml(href)}"/>`,
        `<updated>${xml(e.date)}</updated>`,
        `<summary>${xml(`${e.dateText}，${e.region}，${e.agencyName}${e.year}年度政府信息公开工作年度报告${e.first ? '在本站发布' : '更正'}。${e.first ? '' : `原因：${e.reason}。`}`)}</summary>`,
        '</entry>',
      ].join('\n');
    }),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
