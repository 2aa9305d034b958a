/**
 * Pages that only repeat another page are not made ("folded"); every link that would lead
 * to one leads to the page it repeats:
 *
 * - a region with a single report in a year (a township whose only agency is its
 *   government): its summary would print that report's figures again → the report page;
 * - a region with no report of its own and a single sub-region: its summary would print the
 *   sub-region's → wherever the sub-region's links lead;
 * - an agency with a report of a single year: its history would be one row of that report,
 *   with nothing to compare → the report page.
 *
 * A folded page's address stays valid: the build writes a small page there that sends the
 * reader on to the page it was folded into (see `movedPage` in src/site/pages-task.ts), so a bookmark or an old link
 * to a site re-deployed with fewer pages never ends at 404. Such pages are left out of the
 * sitemap and ask search engines not to index them.
 */
/** Why a region's summary is folded, or null when it is a page of its own. */
export type RegionFold = 'single-report' | 'single-child' | null;

/**
 * Whether a region's summary of a year is folded: `reports` in the region and below,
 * `here` placed at the region itself, `children` sub-regions with reports. A year's own
 * summary (the root) is never folded.
 */
export function regionFold(reports: number, here: number, children: number): RegionFold {
  if (reports === 1) return 'single-report';
  if (here === 0 && children === 1) return 'single-child';
  return null;
}

/** Whether an agency's history is folded into its report: it has reports of a single year. */
export const agencyFolded = (years: number): boolean => years === 1;

/** A folded page's address and where it now leads (site paths). */
export interface MovedPage {
  readonly url: string;
  readonly to: string;
  /** What the page was (its title: 某地 2021年度汇总, 某机关历年…报告). */
  readonly was: string;
  /** Why it was folded, said to the reader (one clause, no final stop). */
  readonly why: string;
}
