/**
 * The site build. Every report is validated first (from the validation cache where the file
 * is unchanged); nothing is written while any report has an error. Then every output file is
 * given a key — a hash of the code and templates and of exactly the data it is made from —
 * and only files whose key changed since the last build are made: report pages and data
 * files, agency histories and region summaries on worker threads outside Eleventy, the few
 * corpus-wide pages by Eleventy, the year downloads and the search index as units.
 *
 * New or changed files are made in a staging folder beside the output. A first build (or one
 * whose record of the output is missing) then swaps the staging folder in whole; a rebuild
 * moves the changed files into place and removes the ones no longer made. Any failure before
 * that point leaves the previous output untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeYearData, byYear } from './export/files.ts';
import { corpusHistory } from './history/index.ts';
import { cacheDir, cacheEnabled, sha1 } from './load/cache.ts';
import { type Corpus, loadCorpus } from './load/corpus.ts';
import type { ReportEntry } from './load/entry.ts';
import { chunks, runBatches, workerCount } from './parallel/pool.ts';
import { provideCorpus } from './site/corpus-source.ts';
import { siteFingerprint } from './site/fingerprint.ts';
import { type PageJob, pagesRenderer, type PagesInput, outputFile, reportOutputs } from './site/pages-task.ts';
import { atomFeed, FEED_URL, recentCorrections, revisionItems } from './site/feed.ts';
import { searchRecord, searchFields } from './site/search-index.ts';
import { absoluteUrl, siteUrl } from './site/site-url.ts';
import { sourceUrlPattern } from './site/source-url.ts';
import { type RegionPageRef, type SiteSummary, summarizeCorpus } from './summary/index.ts';
import { yearDataUrl } from './summary/urls.ts';

type EleventyUserConfig = { setUseTemplateCache(use: boolean): void };

export interface BuildOptions {
  readonly reportsDir?: string;
  readonly outDir?: string;
  /** Steps run on the staging folder when the search index must be made again (Pagefind). */
  readonly postBuild?: readonly ((dir: string, corpus: Corpus) => Promise<void>)[];
  /** Extra Eleventy configuration for this build (the preview turns template caching off). */
  readonly eleventyConfig?: (config: EleventyUserConfig) => void;
  /** Make every file again, ignoring what the last build made. */
  readonly clean?: boolean;
  /** Entries a page lists before the list is split by region (LIST_LIMIT unless set). */
  readonly listLimit?: number;
}

export interface BuildResult {
  readonly corpus: Corpus;
  /** False when a report has errors; nothing was written then. */
  readonly built: boolean;
  /** Pages (HTML files) the site has. */
  readonly pages: number;
  /** Files made by this build. */
  readonly written: number;
  /** Files kept as the last build made them (their inputs did not change). */
  readonly kept: number;
  /** Files removed because they are no longer part of the site. */
  readonly removed: number;
  /** The summaries the site was made with (when built). */
  readonly summary?: SiteSummary;
  /** Said once about the whole build (e.g. why the site has no revision history). */
  readonly notices: readonly string[];
}

/** What the last build wrote into an output folder: every file's key. */
interface Manifest {
  readonly outDir: string;
  readonly files: Record<string, string>;
  /** What Eleventy made last time, and the key of everything its pages print. */
  readonly eleventy?: { readonly key: string; readonly files: readonly string[]; readonly urls: readonly string[] };
}

const manifestFile = (outDir: string) => path.join(cacheDir(), `site-${sha1(outDir).slice(0, 12)}.json`);

function readManifest(outDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(manifestFile(outDir), 'utf8')) as Manifest;
    return m.outDir === outDir && existsSync(outDir) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Render the corpus-wide pages with Eleventy into `dir`; returns the site paths of the HTML pages written. */
export async function renderSite(corpus: Corpus, dir: string, config?: BuildOptions['eleventyConfig'], summary?: SiteSummary): Promise<{ url: string; noindex: boolean }[]> {
  provideCorpus(corpus, summary);
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy('templates', dir, { configPath: '.eleventy.ts', quietMode: true, ...(config ? { config: (c: unknown) => config(c as EleventyUserConfig) } : {}) });
  const results = (await eleventy.write()) as unknown as [unknown, { url: string | false; content: string }[]] | { url: string | false; content: string }[];
  const pages = Array.isArray(results[1]) ? (results[1] as { url: string | false; content: string }[]) : [];
  return pages
    .filter((p): p is { url: string; content: string } => typeof p.url === 'string' && p.url.endsWith('/'))
    .map((p) => ({ url: p.url, noindex: p.content.includes('<meta name="robots" content="noindex">') }));
}

/** Every file below `dir`, as paths relative to it with forward slashes. */
async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, child)));
    else out.push(child);
  }
  return out;
}

/** Move files (relative paths) from one folder to another, several at a time, each folder made once. */
async function moveAll(from: string, to: string, rels: readonly string[]): Promise<void> {
  const folders = new Map<string, Promise<unknown>>();
  let next = 0;
  const mover = async () => {
    while (next < rels.length) {
      const rel = rels[next++]!;
      const dir = path.dirname(rel);
      if (!folders.has(dir)) folders.set(dir, mkdir(path.join(to, dir), { recursive: true }));
      await folders.get(dir);
      await rename(path.join(from, rel), path.join(to, rel));
    }
  };
  await Promise.all(Array.from({ length: 32 }, mover));
}

/** A file's path relative to the output folder, from its site path. */
const relFile = (sitePath: string) => path.relative('/', outputFile('/', sitePath)).split(path.sep).join('/');

/** sitemap.xml, split into a sitemap index and parts of at most 50,000 addresses (the protocol's limit). */
function sitemaps(urls: readonly string[]): Map<string, string> {
  const base = siteUrl();
  const LIMIT = 50_000;
  const urlset = (list: readonly string[]) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${list.map((u) => `\n<url><loc>${escapeXml(absoluteUrl(base, u))}</loc></url>`).join('')}\n</urlset>\n`;
  const files = new Map<string, string>();
  if (urls.length <= LIMIT) {
    files.set('sitemap.xml', urlset(urls));
    return files;
  }
  const parts = chunks(urls, Math.ceil(urls.length / LIMIT));
  parts.forEach((list, i) => files.set(`sitemap-${i + 1}.xml`, urlset(list)));
  files.set(
    'sitemap.xml',
    `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${parts.map((_, i) => `\n<sitemap><loc>${escapeXml(absoluteUrl(base, `/sitemap-${i + 1}.xml`))}</loc></sitemap>`).join('')}\n</sitemapindex>\n`,
  );
  return files;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Below this many jobs, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 60;
/** Jobs per message to a worker: few enough that only a few batches of pages exist at once. */
const BATCH = 100;

/** A job as planned: a region page's view is built only when its batch is sent. */
type PlannedJob = Exclude<PageJob, { kind: 'region' }> | { readonly kind: 'region'; readonly ref: RegionPageRef; readonly links: SiteSummary['links'] };

const ready = (job: PlannedJob): PageJob => (job.kind === 'region' ? { kind: 'region', page: job.ref.page(), links: job.links } : job);

/** Render jobs into `dir`, on worker threads when there are many, a batch at a time. */
async function renderJobs(jobs: readonly PlannedJob[], dir: string, sourcePattern: string | undefined): Promise<void> {
  const base = { outDir: dir, inputDir: 'templates', pathPrefix: process.env.NIANBAO_PATH_PREFIX ?? new URL(siteUrl()).pathname, ...(sourcePattern ? { sourcePattern } : {}) };
  const threads = Math.min(workerCount(), Math.ceil(jobs.length / PARALLEL_FROM));
  if (threads <= 1) {
    const render = pagesRenderer(base);
    for (const job of jobs) await render(ready(job));
    return;
  }
  function* batches(): Generator<PagesInput> {
    for (let i = 0; i < jobs.length; i += BATCH) yield { ...base, jobs: jobs.slice(i, i + BATCH).map(ready) };
  }
  await runBatches(new URL('./site/pages-task.ts', import.meta.url), threads, batches());
}

/** With NIANBAO_TIMINGS=1, how long each phase took goes to standard error (for `npm run bench`). */
function phaseTimer(): (phase: string) => void {
  let last = performance.now();
  const on = process.env.NIANBAO_TIMINGS === '1';
  return (phase) => {
    const now = performance.now();
    if (on) process.stderr.write(`  · ${phase}: ${((now - last) / 1000).toFixed(2)} s\n`);
    last = now;
  };
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const phase = phaseTimer();
  const reportsDir = options.reportsDir ?? 'reports';
  const outDir = path.resolve(options.outDir ?? '_site');
  const corpus = await loadCorpus([reportsDir], { cache: true, reportsRoot: reportsDir });
  phase('validate');
  if (corpus.diagnostics.some((d) => d.severity === 'error')) return { corpus, built: false, pages: 0, written: 0, kept: 0, removed: 0, notices: [] };
  // Revision history of every report from git, in one pass; without it the site is made without.
  const sourcePattern = sourceUrlPattern();
  const history = await corpusHistory(reportsDir, corpus.reports, { cache: cacheEnabled(), phase });
  const notices = history.notice ? [history.notice] : [];
  const revisions = revisionItems(corpus.reports, history);

  const previous = options.clean || !cacheEnabled() ? undefined : readManifest(outDir);
  const parent = path.dirname(outDir);
  const stage = path.join(parent, `.site-build-${process.pid}`);
  const eleventyDir = path.join(parent, `.site-eleventy-${process.pid}`);
  const old = path.join(parent, `.site-old-${process.pid}`);
  await rm(stage, { recursive: true, force: true });
  await rm(eleventyDir, { recursive: true, force: true });
  let search: Promise<void> = Promise.resolve();
  try {
    const code = siteFingerprint(process.env.NIANBAO_PATH_PREFIX ?? '', siteUrl());
    const files: Record<string, string> = {};
    const jobs: PlannedJob[] = [];
    const changed = (rel: string, key: string) => {
      files[rel] = key;
      return previous?.files[rel] !== key;
    };
    const pageUrls: string[] = [];
    // Search index: one unit, remade when any record changed. Pagefind indexes in a process
    // of its own, the longest single step of a rebuild: it starts first and runs beside the rest.
    const steps = options.postBuild ?? [];
    const searchChanged = steps.length > 0 && changed('pagefind/', sha1(`${code}\n${JSON.stringify(corpus.reports.map((r) => searchRecord(searchFields(r))))}`));
    search = (async () => {
      if (searchChanged) for (const step of steps) await step(stage, corpus);
    })();
    // Its failure is reported where it is awaited, below (or after a failure elsewhere).
    search.catch(() => {});

    const summarized = summarizeCorpus(corpus, options.listLimit);
    // 最近更正 on /quality/ itself (the first quality page).
    const [qualityRoot, ...qualityBelow] = summarized.quality;
    const summary: SiteSummary = { ...summarized, quality: [{ ...qualityRoot!, ...(history.notice ? {} : { corrections: recentCorrections(revisions) }) }, ...qualityBelow] };
    phase('summaries');

    // Report pages and data files.
    for (const r of corpus.reports) {
      const all = reportOutputs(r);
      const links = summary.reportLinks[all.page]!;
      const key = sha1(`${code}\n${r.hash}\n${JSON.stringify(r.diagnostics)}\n${JSON.stringify(links)}`);
      // The page and the JSON also print the report's history (and, on the page, its source links).
      const h = history.reports.get(r.file);
      const withHistory = sha1(`${key}\n${JSON.stringify(h ?? null)}\n${sourcePattern ?? ''}`);
      const outputs = Object.fromEntries(Object.entries(all).filter(([kind, sitePath]) => changed(relFile(sitePath), kind === 'csv' ? key : withHistory)));
      pageUrls.push(all.page);
      if (Object.keys(outputs).length) jobs.push({ kind: 'report', file: r.file, hash: r.hash, diagnostics: r.diagnostics, links, outputs, ...(h ? { history: h } : {}) });
    }
    for (const page of summary.agencies) {
      pageUrls.push(page.url);
      if (changed(relFile(page.url), sha1(`${code}\n${JSON.stringify(page)}`))) jobs.push({ kind: 'agency', page });
    }
    for (const job of [...summary.comparisons.map((page) => ({ kind: 'compare', page }) as const), ...summary.quality.map((page) => ({ kind: 'quality', page }) as const)]) {
      pageUrls.push(job.page.url);
      if (changed(relFile(job.page.url), sha1(`${code}\n${JSON.stringify(job.page)}`))) jobs.push(job);
    }
    for (const ref of summary.regions) {
      pageUrls.push(ref.url);
      if (changed(relFile(ref.url), sha1(`${code}\n${ref.key}\n${JSON.stringify(summary.links)}`))) jobs.push({ kind: 'region', ref, links: summary.links });
    }
    phase(`keys (${jobs.length} jobs)`);
    let written = jobs.reduce((n, j) => n + (j.kind === 'report' ? Object.keys(j.outputs).length : 1), 0);
    // The pages are made on worker threads while this thread makes the year downloads and the search index.
    const rendering = renderJobs(jobs, stage, sourcePattern);
    // Year downloads: remade when any report of the year changed.
    const years = (async () => {
      for (const [year, reports] of byYear(corpus.reports)) {
        const key = sha1(`${code}\n${reports.map((r: ReportEntry) => `${r.file}:${r.hash}`).join('\n')}`);
        const csv = changed(relFile(yearDataUrl(year, 'csv')), key);
        const xlsx = changed(relFile(yearDataUrl(year, 'xlsx')), key);
        if (csv || xlsx) {
          await writeYearData(stage, year, reports);
          written += 2;
        }
      }
    })();
    // All three finish before anything is cleaned up or moved, even when one fails.
    const settled = await Promise.allSettled([rendering, search, years]);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    phase('pages, year downloads and search index');

    // Corpus-wide pages and assets, by Eleventy: they print from every report (and its notes),
    // so they are made again when any report changed, and each file kept when its bytes did not.
    const eleventyKey = sha1(`${code}\n${summary.listLimit}\n${JSON.stringify(corpus.reports.map((r) => [r.file, r.hash, r.diagnostics]))}`);
    let eleventy: NonNullable<Manifest['eleventy']>;
    if (previous?.eleventy?.key === eleventyKey && previous.eleventy.files.every((rel) => rel in previous.files)) {
      eleventy = previous.eleventy;
      for (const rel of eleventy.files) files[rel] = previous.files[rel]!;
    } else {
      const made = await renderSite(corpus, eleventyDir, options.eleventyConfig, summary);
      const list = await listFiles(eleventyDir);
      for (const rel of list) {
        const bytes = await readFile(path.join(eleventyDir, rel));
        if (!changed(rel, sha1(bytes))) continue;
        await mkdir(path.dirname(path.join(stage, rel)), { recursive: true });
        await rename(path.join(eleventyDir, rel), path.join(stage, rel));
        written++;
      }
      await rm(eleventyDir, { recursive: true, force: true });
      eleventy = { key: eleventyKey, files: list, urls: made.filter((p) => !p.noindex).map((p) => p.url) };
    }
    pageUrls.push(...eleventy.urls);
    // Sorted: Eleventy reports its pages in an order that varies from run to run.
    const feeds = new Map([[FEED_URL.slice(1), atomFeed(revisions, siteUrl())]]);
    for (const [name, xml] of [...sitemaps(pageUrls.sort()), ...feeds]) {
      if (!changed(name, sha1(xml))) continue;
      await mkdir(stage, { recursive: true });
      await writeFile(path.join(stage, name), xml);
      written++;
    }
    phase('Eleventy pages and sitemap');

    const pages = Object.keys(files).filter((f) => f.endsWith('.html')).length;
    // Nothing is moved before this point: a failure above leaves the output as it was.
    await rm(manifestFile(outDir), { force: true });
    let removed = 0;
    if (!previous) {
      await mkdir(stage, { recursive: true });
      if (existsSync(outDir)) await rename(outDir, old);
      await rename(stage, outDir);
      await rm(old, { recursive: true, force: true });
    } else {
      if (searchChanged && existsSync(path.join(stage, 'pagefind'))) {
        await rm(path.join(outDir, 'pagefind'), { recursive: true, force: true });
        await rename(path.join(stage, 'pagefind'), path.join(outDir, 'pagefind'));
      }
      if (existsSync(stage)) await moveAll(stage, outDir, await listFiles(stage));
      for (const rel of Object.keys(previous.files)) {
        if (rel in files || rel === 'pagefind/') continue;
        await unlink(path.join(outDir, rel)).catch(() => {});
        removed++;
        // A page's folder goes with its last file (rmdir fails, harmlessly, on a folder still in use).
        for (let dir = path.dirname(rel); dir !== '.'; dir = path.dirname(dir)) {
          if (!(await rmdir(path.join(outDir, dir)).then(() => true, () => false))) break;
        }
      }
      await rm(stage, { recursive: true, force: true });
    }
    phase('move into place');
    if (cacheEnabled()) {
      await mkdir(cacheDir(), { recursive: true });
      await writeFile(manifestFile(outDir), JSON.stringify({ outDir, files, eleventy } satisfies Manifest));
    }
    const kept = previous ? Object.keys(files).filter((rel) => previous.files[rel] === files[rel]).length : 0;
    return { corpus, built: true, pages, written, kept, removed, summary, notices };
  } catch (e) {
    // The search index may still be writing into the staging folder: let it end first.
    await search.catch(() => {});
    await rm(stage, { recursive: true, force: true });
    await rm(eleventyDir, { recursive: true, force: true });
    if (!existsSync(outDir) && existsSync(old)) await rename(old, outDir);
    throw e;
  }
}
