/**
 * The corpus the site is built from. The build command loads and validates reports first
 * (so every diagnostic is printed before anything is written) and hands the result over;
 * run on its own, the Eleventy config loads `reports/` itself.
 */
import { formatDiagnostic } from '../load/diagnostic.ts';
import { type Corpus, loadCorpus } from '../load/corpus.ts';

let provided: Corpus | undefined;

/** Give the site a corpus that was already loaded and validated. */
export function provideCorpus(corpus: Corpus): void {
  provided = corpus;
}

/** The corpus for the site; fails with the diagnostics when a report has errors. */
export async function corpusForSite(dir = 'reports'): Promise<Corpus> {
  const corpus = provided ?? (await loadCorpus([dir]));
  const errors = corpus.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    throw new Error(`报告有 ${errors.length} 个错误，网站未生成：\n${errors.map(formatDiagnostic).join('\n')}`);
  }
  return corpus;
}
