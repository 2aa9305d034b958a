/** Site paths of the summary pages and downloads (all under prefixes no agency id or year can take). */

/** A region name as a path segment: characters that would break a path become "-". */
export const regionSlug = (name: string): string => name.replace(/[/\\?#%\s]+/g, '-');

/** The year summary. */
export const yearUrl = (year: number) => `/${year}/`;
/** A region of a year as a key (SiteSummary.regionLinks): not a path. */
export const regionKey = (year: number, path: readonly string[]) => `${year}/${path.join('/')}`;
/** A region summary of a year. */
export const regionUrl = (year: number, path: readonly string[]) => `/regions/${year}/${path.map(regionSlug).join('/')}/`;
/** The comparison table of a year, or of a region when the year's table is split by region. */
export const compareUrl = (year: number, path: readonly string[] = []) => `/compare/${year}/${path.map((p) => `${regionSlug(p)}/`).join('')}`;
/** An agency history. */
export const agencyUrl = (agencyId: string) => `/agencies/${agencyId}/`;
/** The data-quality page. */
export const QUALITY_URL = '/quality/';
/** The data-quality notes of a region in a year, when the year's list is split by region. */
export const qualityUrl = (year: number, path: readonly string[]) => `${QUALITY_URL}${year}/${path.map((p) => `${regionSlug(p)}/`).join('')}`;
/** The open-data page. */
export const DATA_URL = '/data/';
/** One report's data file (json or csv). */
export const reportDataUrl = (year: number, agencyId: string, ext: 'json' | 'csv') => `/data/${year}/${agencyId}.${ext}`;
/** One year's all-agency table (csv or xlsx). */
export const yearDataUrl = (year: number, ext: 'csv' | 'xlsx') => `/data/${year}.${ext}`;
