/**
 * The corpus the site is built from. The build command loads and validates reports first
 * (so every diagnostic is printed before anything is written) and hands the result over,
 * with its summaries; run on its own, the Eleventy config loads `reports/` itself.
 */
import { formatDiagnostic } from '../load/diagnostic.ts';
import { type Corpus, loadCorpus } from '../load/corpus.ts';
import { type SiteSummary, summarizeCorpus } from '../summary/index.ts';
import type { SiteData } from './index.ts';

let provided: { corpus: Corpus; summary?: SiteSummary; searchParts?: readonly string[]; data?: SiteData } | undefined;

/**
 * Give the site a corpus that was already loaded and validated, its summaries if made, the
 * site paths of its search index's parts if the build chose them, and the pages' global data
 * if the build made it (`siteData` of the same).
 */
export function provideCorpus(corpus: Corpus, summary?: SiteSummary, searchParts?: readonly string[], data?: SiteData): void {
  provided = { corpus, ...(summary ? { summary } : {}), ...(searchParts ? { searchParts } : {}), ...(data ? { data } : {}) };
}

/** The corpus for the site and its summaries; fails with the diagnostics when a report has errors. */
export async function corpusForSite(dir = 'reports'): Promise<{ corpus: Corpus; summary: SiteSummary; searchParts?: readonly string[]; data?: SiteData }> {
  const corpus = provided?.corpus ?? (await loadCorpus([dir]));
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new Error(`报告有 ${errors.length} 个错误，网站未生成：\n${errors.map(formatDiagnostic).join('\n')}`);
  }
  return { corpus, summary: provided?.summary ?? summarizeCorpus(corpus), ...(provided?.searchParts ? { searchParts: provided.searchParts } : {}), ...(provided?.data ? { data: provided.data } : {}) };
}
