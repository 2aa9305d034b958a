/**
 * The site build. Every report is validated first (from the validation cache where the file
 * is unchanged); nothing is written while any report has an error. Then every output file is
 * given a key — a hash of the code and templates and of exactly the data it is made from —
 * and only files whose key changed since the last build are made: report pages and data
 * files, agency histories and region summaries on worker threads outside Eleventy, the few
 * corpus-wide pages by Eleventy, the year downloads and the search index as units. When nothing
 * the output is made from changed and the output is as the last build left it, the build ends
 * there, before any summary or key is worked out. When nothing the summaries read changed (a
 * title edit), they are not worked out: their pages' keys and the reports' links are taken
 * from the record the last build kept of them (`SummaryRecord`).
 *
 * New or changed files are made in a staging folder beside the output. A first build then
 * renames the staging folder into place; any other build moves each new file over the old one
 * (a rename: readers see the old file or the new, never none and never half of one) and then
 * removes the files no longer made, so there is no moment without a site. Any failure before
 * that point leaves the previous output untouched; a full disk is a DiskFullError.
 *
 * Kill safety: a build starts by removing the staging folders of builds whose process is gone
 * and, when the output is missing, putting back a `.site-old-*` folder such a build left. The
 * record of the output (the manifest) is marked as standing for nothing before anything moves
 * (`markMoving`) and written after (only its changes, while they are few), so a build killed
 * while moving is followed by one that makes and moves every file again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { byYear, writeYearData, yearDataKey } from './export/files.ts';
import { collectGarbage } from './heap.ts';
import { corpusHistory } from './history/index.ts';
import { cacheEnabled, sha1 } from './load/cache.ts';
import { type Corpus, loadCorpus } from './load/corpus.ts';
import { chunks, RUNNING_COMPILED, runBatches, workerCount } from './parallel/pool.ts';
import { corpusForSite, provideCorpus } from './site/corpus-source.ts';
import { handSiteModules } from './site/handoff.ts';
import { siteFingerprint } from './site/fingerprint.ts';
import site, { SITE_ASSETS, type SiteData, siteData, siteDataKey } from './site/index.ts';
import {
  checkOutputAside,
  damagedFiles,
  type FileStamp,
  isSearchUnit,
  keptEleventy,
  type Manifest,
  markMoving,
  readManifest,
  readSummaryLinks,
  readSummaryRecord,
  saveSummaryRecord,
  SEARCH_DIR,
  sameEntries,
  saveManifest,
  saveRecordChanges,
  stampOf,
  statOrNot,
  unitFiles,
} from './site/manifest.ts';
import { type PageJob, pagesRenderer, type PagesInput, outputRel, reportOutputs } from './site/pages-task.ts';
import { atomFeed, FEED_URL, recentCorrections, revisionItems } from './site/feed.ts';
import { NO_SPACE, PART_SIZE, SearchIndexError, type SearchPart, searchFields, searchPartPaths, searchPartReports, withRecords } from './site/search-index.ts';
import { absoluteUrl, siteUrl } from './site/site-url.ts';
import { sourceUrlPattern } from './site/source-url.ts';
import { type AgencyPageRef, type RegionPageRef, type SiteSummary, summarizeCorpus } from './summary/index.ts';
import { summaryDigest } from './summary/input.ts';
import { yearDataUrl } from './summary/urls.ts';

type EleventyUserConfig = { setUseTemplateCache(use: boolean): void };

export interface BuildOptions {
  readonly reportsDir?: string;
  readonly outDir?: string;
  /** Steps run on the staging folder when parts of the search index must be made again (Pagefind), with those parts. */
  readonly postBuild?: readonly ((dir: string, corpus: Corpus, parts: readonly SearchPart[]) => Promise<void>)[];
  /** Extra Eleventy configuration for this build (the preview turns template caching off). */
  readonly eleventyConfig?: (config: EleventyUserConfig) => void;
  /** Make every file again, ignoring what the last build made. */
  readonly clean?: boolean;
  /** Entries a page lists before the list is split by region (LIST_LIMIT unless set). */
  readonly listLimit?: number;
  /** Records a part of the search index holds at most on average (PART_SIZE unless set). */
  readonly searchPartSize?: number;
  /**
   * Make the summaries even when nothing changed since the last build, which then returns at
   * once without them (the preview keeps them for its quick updates).
   */
  readonly summary?: boolean;
  /** Size in bytes of the last build's record from which the output is checked on a thread of its own (2 MiB unless set). */
  readonly checkAsideFrom?: number;
}

export interface BuildResult {
  readonly corpus: Corpus;
  /** False when a report has errors; nothing was written then. */
  readonly built: boolean;
  /** Pages (HTML files) the site has, the small pages left at folded pages' addresses not counted. */
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

/** A build that stopped because the disk (or the user's quota) is full; the message is for clerks. */
export class DiskFullError extends Error {}

/** The manifest's name of a part of the search index (a folder: `pagefind/<part>/`). */
const searchUnit = (part: Pick<SearchPart, 'name'>) => `${SEARCH_DIR}${part.name}/`;

/** Folders a build makes beside its output, by kind and process id (`quick` is the preview's). */
const STAGING = /^\.site-(build|eleventy|old|quick)-(\d+)$/;

/** Whether a process with this id is running (one of another user counts as running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clear what killed builds left beside `outDir`: their staging folders are removed (never
 * those of a build still running), and when the output itself is missing the newest
 * `.site-old-*` such a build left — the previous site — is put back.
 */
export async function recoverStaleBuilds(outDir: string): Promise<void> {
  const parent = path.dirname(outDir);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  const olds: string[] = [];
  for (const name of names) {
    const m = STAGING.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    // This process's own folders are stale (an earlier process had its id), except the preview's, in use.
    if (pid === process.pid ? m[1] === 'quick' : running(pid)) continue;
    if (m[1] === 'old') olds.push(path.join(parent, name));
    else await rm(path.join(parent, name), { recursive: true, force: true });
  }
  if (olds.length && !existsSync(outDir)) {
    const newest = (await Promise.all(olds.map(async (dir) => ({ dir, time: (await stat(dir)).mtimeMs })))).sort((a, b) => b.time - a.time)[0]!.dir;
    await rename(newest, outDir);
    olds.splice(olds.indexOf(newest), 1);
  }
  for (const dir of olds) await rm(dir, { recursive: true, force: true });
}

/**
 * Whether an error says the disk or quota is full: Node's code or another program's text, on
 * the error or any it wraps (`cause`, and Eleventy's `originalError`).
 */
export function isDiskFull(e: unknown): boolean {
  for (let err = e, depth = 0; err instanceof Error && depth < 10; depth++) {
    if (err instanceof SearchIndexError) return err.diskFull;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || NO_SPACE.test(err.message)) return true;
    err = err.cause ?? (err as { originalError?: unknown }).originalError;
  }
  return false;
}

/** Render the corpus-wide pages with Eleventy into `dir`; returns the site paths of the HTML pages written. */
export async function renderSite(corpus: Corpus, dir: string, config?: BuildOptions['eleventyConfig'], summary?: SiteSummary, searchParts?: readonly string[], data?: SiteData): Promise<{ url: string; noindex: boolean }[]> {
  provideCorpus(corpus, summary, searchParts, data);
  handSiteModules({ site, corpusForSite, siteUrl });
  // Eleventy imports its configuration (.eleventy.ts): the compiled CLI first lets Node load TypeScript.
  if (RUNNING_COMPILED) (await import('tsx/esm/api')).register();
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy('templates', dir, { configPath: '.eleventy.ts', quietMode: true, ...(config ? { config: (c: unknown) => config(c as EleventyUserConfig) } : {}) });
  // Eleventy's own log is English; what it reports as an error is thrown by write(), and said in the CLI's words.
  eleventy.disableLogger();
  const results = (await eleventy.write()) as unknown as [unknown, { url: string | false; content: string }[]] | { url: string | false; content: string }[];
  await cp(SITE_ASSETS.from, path.join(dir, SITE_ASSETS.to), { recursive: true });
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

/**
 * Move files (relative paths) from one folder to another, several at a time, each folder made
 * once. Where the output has a folder for a file's name, or a file for a folder's, it goes first.
 */
async function moveAll(from: string, to: string, rels: readonly string[]): Promise<void> {
  const folders = new Map<string, Promise<unknown>>();
  const makeFolder = async (dir: string): Promise<void> => {
    try {
      await mkdir(path.join(to, dir), { recursive: true });
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    }
    // A file stands where a folder must be: it goes, then the folders are made.
    const segments = dir.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const at = path.join(to, ...segments.slice(0, i));
      const st = await stat(at).catch(() => undefined);
      if (st && !st.isDirectory()) {
        await rm(at, { force: true });
        break;
      }
    }
    await mkdir(path.join(to, dir), { recursive: true });
  };
  let next = 0;
  const mover = async () => {
    while (next < rels.length) {
      const rel = rels[next++]!;
      const dir = path.dirname(rel);
      if (!folders.has(dir)) folders.set(dir, makeFolder(dir));
      await folders.get(dir);
      try {
        await rename(path.join(from, rel), path.join(to, rel));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
        await rm(path.join(to, rel), { recursive: true, force: true });
        await rename(path.join(from, rel), path.join(to, rel));
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, mover));
}

/** Remove files (relative paths) from a folder, and each folder their removal leaves empty. */
async function removeAll(dir: string, rels: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const rel of rels) {
    await unlink(path.join(dir, rel)).catch(() => {});
    removed++;
    // A page's folder goes with its last file (rmdir fails, harmlessly, on a folder still in use).
    for (let d = path.dirname(rel); d !== '.'; d = path.dirname(d)) {
      if (!(await rmdir(path.join(dir, d)).then(() => true, () => false))) break;
    }
  }
  return removed;
}

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
/** Pages to render from which the main thread's garbage is collected first (see `build`). */
const COLLECT_BEFORE_RENDERING = 10_000;
/** Jobs per message to a worker: few enough that only a few batches of pages exist at once. */
const BATCH = 100;

/**
 * The last record's stamps of the files this build may keep as they were: those keyed as the
 * last build keyed them, and those not keyed yet (Eleventy's pages, the sitemap, the search
 * index's files).
 */
function stampsOfKept(m: Manifest, files: Readonly<Record<string, string>>): Record<string, FileStamp> {
  const out: Record<string, FileStamp> = {};
  for (const rel of Object.keys(m.stats)) {
    const key = files[rel];
    if (key === undefined || key === m.files[rel]) out[rel] = m.stats[rel]!;
  }
  return out;
}

/** A job as planned: a region or agency page's view is built only when its batch is sent. */
type PlannedJob =
  | Exclude<PageJob, { kind: 'region' | 'agency' }>
  | { readonly kind: 'region'; readonly ref: RegionPageRef; readonly links: SiteSummary['links'] }
  | { readonly kind: 'agency'; readonly ref: AgencyPageRef };

const ready = (job: PlannedJob): PageJob => (job.kind === 'region' ? { kind: 'region', page: job.ref.page(), links: job.links } : job.kind === 'agency' ? { kind: 'agency', page: job.ref.page() } : job);

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

const readProcStatus = () => {
  try {
    return readFileSync('/proc/self/status', 'utf8');
  } catch {
    return '';
  }
};

/** With NIANBAO_TIMINGS=1, how long each phase took and the memory at its end go to standard error (for `npm run bench`). */
function phaseTimer(): ((phase: string) => void) & { readonly within: (part: string) => void } {
  let last = performance.now();
  const on = process.env.NIANBAO_TIMINGS === '1';
  const phase = (name: string) => {
    const now = performance.now();
    if (on) {
      const { rss, heapUsed } = process.memoryUsage();
      // The process's peak so far (Linux: VmHWM), worker threads included: the phase that raised it shows.
      const peak = /VmHWM:\s+(\d+) kB/.exec(readProcStatus())?.[1];
      process.stderr.write(`  · ${name}: ${((now - last) / 1000).toFixed(2)} s (RSS ${Math.round(rss / 2 ** 20)} MB${peak ? `, peak ${Math.round(Number(peak) / 1024)} MB` : ''}, heap ${Math.round(heapUsed / 2 ** 20)} MB)\n`);
    }
    last = now;
  };
  // When a part of a phase whose parts run side by side ended, from the phase's start (which shows what was last).
  const within = (part: string) => {
    if (on) process.stderr.write(`      ${part} ended at ${((performance.now() - last) / 1000).toFixed(2)} s\n`);
  };
  return Object.assign(phase, { within });
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const phase = phaseTimer();
  const reportsDir = options.reportsDir ?? 'reports';
  const outDir = path.resolve(options.outDir ?? '_site');
  // First of all, so that a site a killed build took away is back even if this build stops at an error.
  await recoverStaleBuilds(outDir);
  const checking = options.clean || !cacheEnabled() ? undefined : checkOutputAside(outDir, options.checkAsideFrom);
  const corpus = await loadCorpus([reportsDir], { cache: true, reportsRoot: reportsDir });
  phase('validate');
  if (corpus.diagnostics.some((d) => d.severity === 'error')) return { corpus, built: false, pages: 0, written: 0, kept: 0, removed: 0, notices: [] };
  // What loading left is garbage now; collected before the summaries and the render threads add theirs.
  collectGarbage();
  // Revision history of every report from git, in one pass; without it the site is made without.
  const sourcePattern = sourceUrlPattern();
  const history = await corpusHistory(reportsDir, corpus.reports, { cache: cacheEnabled(), phase });
  const notices = history.notice ? [history.notice] : [];
  const revisions = revisionItems(corpus.reports, history);

  // Let go of (set to undefined) before the new record is written, which would otherwise hold both.
  let previous = options.clean || !cacheEnabled() ? undefined : readManifest(outDir);
  // Awaited before the summaries, not beside them: beside the thread still checking, the
  // summaries and keys of a title edit at 40,000 took 1.5-2 s longer than the wait they hid.
  const damaged = previous ? ((await checking) ?? damagedFiles(outDir, previous)) : new Set<string>();
  phase(`check the output (${damaged.size} files to make again)`);
  const parent = path.dirname(outDir);
  const stage = path.join(parent, `.site-build-${process.pid}`);
  const eleventyDir = path.join(parent, `.site-eleventy-${process.pid}`);
  let search: Promise<void> = Promise.resolve();
  let moving = false;
  try {
    const code = siteFingerprint(process.env.NIANBAO_PATH_PREFIX ?? '', siteUrl());
    const files: Record<string, string> = {};
    const jobs: PlannedJob[] = [];
    // Files whose key is not the last build's or which are damaged: made by this build. The rest of `files` is kept as it was.
    const made = new Set<string>();
    const changed = (rel: string, key: string) => {
      files[rel] = key;
      const again = previous?.files[rel] !== key || damaged.has(rel);
      if (again) made.add(rel);
      else made.delete(rel);
      return again;
    };
    const pageUrls: string[] = [];
    // Search index: parts, each remade when any of its records changed. Pagefind indexes in a
    // process of its own, the longest single step of a rebuild: it starts first and runs beside the rest.
    const steps = options.postBuild ?? [];
    const partSize = options.searchPartSize ?? PART_SIZE;
    // Everything the output is made from. The same as the last build's, over an output as it
    // left it: nothing to make, and no summaries or keys to work out (at 40,000 reports, 7 s).
    // Each report's diagnostics as JSON, worked out once: part of this key and of its files' keys
    // (let go of after those, before the pages are rendered).
    let diagnosticsText = corpus.reports.map((r) => JSON.stringify(r.diagnostics));
    const reports = corpus.reports.map((r, i) => `${JSON.stringify(r.file)}\t${r.hash}\t${diagnosticsText[i]}`);
    const inputsKey = sha1(`${code}\n${options.listLimit ?? ''}\n${partSize}\n${steps.length}\n${sourcePattern ?? ''}\n${history.notice ?? ''}\n${JSON.stringify([...history.reports])}\n${reports.join('\n')}`);
    reports.length = 0;
    if (previous?.inputs?.key === inputsKey && previous.eleventy && damaged.size === 0 && !options.summary) {
      phase('nothing changed since the last build');
      return { corpus, built: true, pages: previous.inputs.pages, written: 0, kept: Object.keys(previous.files).length, removed: 0, notices };
    }
    // Each part keyed by what its records are made from (`searchFields`, by code in the fingerprint): its
    // records are made only when it is made again (at 40,000 reports, some 0.4 s for all of them).
    const remade = (steps.length ? searchPartReports(corpus.reports, partSize) : [])
      .filter((part) => changed(searchUnit(part), sha1(`${code}\n${JSON.stringify(part.reports.map(searchFields))}`)))
      .map(withRecords);
    search = (async () => {
      if (remade.length) for (const step of steps) await step(stage, corpus, remade);
    })();
    // Its failure is reported where it is awaited, below (or after a failure elsewhere).
    search.catch(() => {});

    // Summaries. Each report's digest of what they may read (not its title or file hash): when
    // the digests, the settings, the code and the corrections listed are as the last build's,
    // every summary page and Eleventy's pages are as it left them, and what the keys and the
    // report pages need of the summaries is taken from its record (at 40,000 reports, some 4 s
    // of working out). Not when a file they made is damaged, nor when the caller wants them.
    const digests = corpus.reports.map(summaryDigest);
    const corrections = history.notice ? undefined : recentCorrections(revisions);
    const summaryKey = sha1(`${code}\n${options.listLimit ?? ''}\n${partSize}\n${JSON.stringify(corrections ?? null)}\n${digests.join('\n')}`);
    const keptSummaries =
      !options.summary && previous?.summary === summaryKey && previous.eleventy && !previous.eleventy.files.some((rel) => damaged.has(rel) || !(rel in previous!.files)) ? readSummaryRecord(outDir, summaryKey) : undefined;
    let record =
      keptSummaries && keptSummaries.files.every((rel) => rel in previous!.files && !damaged.has(rel)) && corpus.reports.every((r) => reportOutputs(r).page in keptSummaries.linkKeys) ? keptSummaries : undefined;
    let summary: SiteSummary | undefined;
    const summarize = () => {
      const summarized = summarizeCorpus(corpus, options.listLimit, digests);
      // 最近更正 on /quality/ itself (the first quality page).
      const [qualityRoot, ...qualityBelow] = summarized.quality;
      return { ...summarized, quality: [{ ...qualityRoot!, ...(corrections ? { corrections } : {}) }, ...qualityBelow] };
    };
    if (!record) summary = summarize();
    phase(record ? 'summaries as the last build made them' : 'summaries');

    // Report pages and data files. What a page links to is part of its key as the hash of its
    // JSON text, as the summaries' record keeps it; the links themselves are needed only for the
    // pages made: from the summaries, or read for those pages from the links the record kept.
    let linksText: Record<string, string> = {};
    let linkKeys: Record<string, string> = {};
    const planReports = (): { readonly at: number; readonly page: string; readonly outputs: Record<string, string> }[] => {
      const planned = [];
      for (const [i, r] of corpus.reports.entries()) {
        const all = reportOutputs(r);
        let linksKey = record?.linkKeys[all.page];
        if (summary) linkKeys[all.page] = linksKey = sha1((linksText[all.page] = JSON.stringify(summary.reportLinks[all.page])));
        const key = sha1(`${code}\n${r.hash}\n${diagnosticsText[i]}\n${linksKey}`);
        // The page and the JSON also print the report's history (and, on the page, its source links).
        const withHistory = sha1(`${key}\n${JSON.stringify(history.reports.get(r.file) ?? null)}\n${sourcePattern ?? ''}`);
        const outputs = Object.fromEntries(Object.entries(all).filter(([kind, sitePath]) => changed(outputRel(sitePath), kind === 'csv' ? key : withHistory)));
        if (Object.keys(outputs).length) planned.push({ at: i, page: all.page, outputs });
      }
      return planned;
    };
    let reportJobs = planReports();
    // Links the record cannot give (missing, or not what it says): the summaries are worked out, and the reports keyed again.
    let keptLinks = record && readSummaryLinks(outDir, record, reportJobs.map((j) => j.page));
    if (record && !keptLinks) {
      record = undefined;
      summary = summarize();
      phase('summaries (the links the last build kept unreadable)');
      reportJobs = planReports();
    }
    for (const { at, page, outputs } of reportJobs) {
      const r = corpus.reports[at]!;
      const h = history.reports.get(r.file);
      const links = (summary ? summary.reportLinks[page] : keptLinks!.get(page)) as SiteSummary['reportLinks'][string];
      jobs.push({ kind: 'report', file: r.file, hash: r.hash, diagnostics: r.diagnostics, links, outputs, ...(h ? { history: h } : {}) });
    }
    keptLinks = undefined;
    reportJobs = [];
    pageUrls.push(...corpus.reports.map((r) => reportOutputs(r).page));
    // The summary pages: keyed and planned from the summaries, or as the record has them (none damaged).
    const summaryFiles: string[] = [];
    const summaryUrls: string[] = [];
    const summaryPage = (rel: string, key: string, url?: string) => {
      summaryFiles.push(rel);
      if (url !== undefined) summaryUrls.push(url);
      return changed(rel, key);
    };
    if (summary) {
      for (const ref of summary.agencies) {
        if (summaryPage(outputRel(ref.url), sha1(`${code}\n${ref.key}`), ref.url)) jobs.push({ kind: 'agency', ref });
      }
      for (const job of [...summary.comparisons.map((page) => ({ kind: 'compare', page }) as const), ...summary.quality.map((page) => ({ kind: 'quality', page }) as const)]) {
        if (summaryPage(outputRel(job.page.url), sha1(`${code}\n${JSON.stringify(job.page)}`), job.page.url)) jobs.push(job);
      }
      // Folded pages' addresses: a small page leading on (not in the sitemap; see src/summary/fold.ts).
      for (const page of summary.moved) {
        if (summaryPage(outputRel(page.url), sha1(`${code}\n${JSON.stringify(page)}`))) jobs.push({ kind: 'moved', page });
      }
      for (const ref of summary.regions) {
        if (summaryPage(outputRel(ref.url), sha1(`${code}\n${ref.key}\n${JSON.stringify(summary.links)}`), ref.url)) jobs.push({ kind: 'region', ref, links: summary.links });
      }
    } else {
      // Each as the last build made it: its key is the record's, and it is not damaged (checked above).
      for (const rel of record!.files) changed(rel, previous!.files[rel]!);
      summaryUrls.push(...record!.urls);
    }
    pageUrls.push(...summaryUrls);
    const movedFiles = new Set(summary ? summary.moved.map((p) => outputRel(p.url)) : record!.moved);
    // Kept now, while its parts are at hand; trusted only by a build whose record of the output names its key (written last).
    if (summary && cacheEnabled()) await saveSummaryRecord(outDir, { key: summaryKey, files: summaryFiles, urls: summaryUrls, moved: [...movedFiles], linkKeys }, linksText);
    linksText = {};
    linkKeys = {};
    diagnosticsText = [];
    phase(`keys (${jobs.length} jobs)`);
    // Of the last record's stamps, only those of files that may be kept as they were are needed
    // from here on (the others are made, moved and stamped again): a rebuild of every file at
    // 40,000 reports lets go of some 200,000. Not worth a copy of nearly all when few are made.
    // The record is then written whole: its changes are told from the record as read.
    let recordRead = previous;
    if (previous && jobs.length >= COLLECT_BEFORE_RENDERING) {
      previous = { ...previous, stats: stampsOfKept(previous, files) };
      recordRead = undefined;
    }
    // Before many pages are rendered, what the summaries and keys left is collected, so that it
    // is not still held beside the render threads' heaps (a rebuild of every file at 40,000
    // reports: the main heap some 550 MB when they start). Not for a few pages: it costs a full collection.
    const many = jobs.length >= COLLECT_BEFORE_RENDERING;
    if (many) collectGarbage();
    let written = jobs.reduce((n, j) => n + (j.kind === 'report' ? Object.keys(j.outputs).length : 1), 0);
    // The pages are made on worker threads while Pagefind makes the search index.
    const rendering = renderJobs(jobs, stage, sourcePattern);
    // Year downloads: remade when what they print of any report of the year changed. Made after
    // the pages, not beside them: a year's CSV and XLSX take their own memory (+150 MB for 5,000
    // rows), which then does not come on top of the render threads' (10,000 reports: peak 838 →
    // 751 MB).
    const years = (async () => {
      await rendering.catch(() => {});
      for (const [year, reports] of byYear(corpus.reports)) {
        const key = yearDataKey(code, reports);
        const csv = changed(outputRel(yearDataUrl(year, 'csv')), key);
        const xlsx = changed(outputRel(yearDataUrl(year, 'xlsx')), key);
        if (csv || xlsx) {
          await writeYearData(stage, year, reports);
          written += 2;
        }
      }
    })();
    // All three finish before anything is cleaned up or moved, even when one fails.
    const settled = await Promise.allSettled([rendering, search, years].map((p, i) => p.finally(() => phase.within(['pages', 'search index', 'year downloads'][i]!))));
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    // Done with: at 40,000 reports a rebuild of every file plans some 100,000 jobs.
    jobs.length = 0;
    phase('pages, year downloads and search index');

    // Corpus-wide pages and assets, by Eleventy: made again when their global data changed (any
    // report's place, figures or notes; not its prose or title), each file kept when its bytes did not.
    const partPaths = searchPartPaths(corpus.reports, partSize);
    // With the summaries kept, Eleventy's data is as the last build's too: each of its parts is
    // made from the reports' places and agencies, the summaries and the settings, all in their key.
    const eleventyData = summary && siteData({ corpus, summary, searchParts: partPaths });
    const eleventyKey = eleventyData ? siteDataKey(code, eleventyData) : previous!.eleventy!.key;
    let eleventy: NonNullable<Manifest['eleventy']>;
    const standing = previous && keptEleventy(previous, eleventyKey, damaged, files);
    if (standing) eleventy = standing;
    else if (!eleventyData) throw new Error('Eleventy’s pages were kept from the last build but are not as it left them');
    else {
      const made = await renderSite(corpus, eleventyDir, options.eleventyConfig, summary, partPaths, eleventyData);
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
    pageUrls.length = 0;
    phase('Eleventy pages and sitemap');

    const pages = Object.keys(files).filter((f) => f.endsWith('.html') && !movedFiles.has(f)).length;
    // Nothing made and the same files as the last build, none of them damaged: the output and
    // its record stay as they are (at 40,000 reports, 2 s of listing, comparing and rewriting).
    if (previous && written === 0 && damaged.size === 0 && eleventy === previous.eleventy && sameEntries(files, previous.files)) {
      await rm(stage, { recursive: true, force: true });
      // The same output from other inputs (or a record of an earlier version): the record learns them.
      if (cacheEnabled() && (previous.inputs?.key !== inputsKey || previous.summary !== summaryKey)) {
        const next = { ...previous, inputs: { key: inputsKey, pages }, summary: summaryKey };
        if (!(recordRead && saveRecordChanges(recordRead, next, new Map(), new Map()))) await saveManifest(next);
      }
      phase('nothing to move or record');
      return { corpus, built: true, pages, written: 0, kept: Object.keys(files).length, removed: 0, summary, notices };
    }
    // Nothing is moved before this point: a failure above leaves the output as it was.
    await markMoving(outDir, previous).catch(() => {});
    await mkdir(stage, { recursive: true });
    // A first build renames the staging folder into place: of its files, only the search
    // index's need naming (at 40,000 reports, listing all 171,000 took some 10 s).
    const first = !existsSync(outDir);
    const searchStaged = path.join(stage, SEARCH_DIR);
    const staged = first ? (existsSync(searchStaged) ? (await listFiles(searchStaged)).map((rel) => `${SEARCH_DIR}${rel}`) : []) : await listFiles(stage);
    moving = true;
    // What this build's output is: each file of `files`, and of each part of the search index its
    // new files when it was made again, else the last build's. Told by lookups in `files` and in a
    // set of the index's files, not by a set of all 212,000 at 40,000 reports.
    const remadeUnits = new Set(remade.map(searchUnit));
    const previousUnits = unitFiles(Object.keys(previous?.stats ?? {}));
    const stagedUnits = unitFiles(staged);
    const madeInIndex = new Set<string>();
    for (const unit of Object.keys(files).filter(isSearchUnit)) {
      for (const rel of (remadeUnits.has(unit) ? stagedUnits : previousUnits).get(unit) ?? []) madeInIndex.add(rel);
    }
    const isMade = (rel: string) => (rel in files && !isSearchUnit(rel)) || madeInIndex.has(rel);
    let removed = 0;
    const gone = new Set<string>();
    const goneUnits: string[] = [];
    if (first) {
      await rename(stage, outDir);
    } else {
      // File by file, so that the old site is there until the new one has taken its place.
      await moveAll(stage, outDir, staged);
      await rm(stage, { recursive: true, force: true });
      // Files this build does not make: the last build's (by its record), or, without one, any.
      if (previous) {
        for (const rel in previous.files) if (!isSearchUnit(rel) && !isMade(rel)) gone.add(rel);
      } else for (const rel of await listFiles(outDir)) if (!isMade(rel)) gone.add(rel);
      // Of the search index, the files of the parts made again and of the parts no longer made.
      for (const unit of Object.keys(previous?.files ?? {}).filter((rel) => isSearchUnit(rel) && (remadeUnits.has(rel) || !(rel in files)))) {
        if (!(unit in files)) goneUnits.push(unit);
        const present = [...(previousUnits.get(unit) ?? []), ...(existsSync(path.join(outDir, unit)) ? (await listFiles(path.join(outDir, unit))).map((rel) => `${unit}${rel}`) : [])];
        for (const rel of present) if (!isMade(rel)) gone.add(rel);
      }
      // The search index's own files are not counted: each part is one unit, made again as a whole.
      removed = (await removeAll(outDir, gone)) - [...gone].filter((rel) => rel.startsWith(SEARCH_DIR)).length;
    }
    phase('move into place');
    const kept = previous ? Object.keys(files).length - made.size : 0;
    const next = { outDir, files, eleventy, inputs: { key: inputsKey, pages }, summary: summaryKey };
    // What changed in the record, told from what this build made, moved and removed: the keys made
    // and those of files and parts no longer made; the stamps of the files moved in, and of those removed.
    const recorded = () => {
      const keys = new Map<string, string | null>([...made].map((rel) => [rel, files[rel]!]));
      for (const rel of [...gone, ...goneUnits]) if (!(rel in files) && rel in previous!.files) keys.set(rel, null);
      const stamps = new Map<string, FileStamp | null>([...gone].map((rel) => [rel, null]));
      for (const rel of staged) {
        const st = statOrNot(path.join(outDir, rel));
        stamps.set(rel, st ? stampOf(st) : null);
      }
      return saveRecordChanges(recordRead!, next, keys, stamps);
    };
    if (cacheEnabled() && !(recordRead?.journal && !first && recorded())) {
      // What moving so many files left (their names, a promise a file) is collected before the
      // record's 212,000 stamps are made beside it: the peak of the worst case at 40,000 reports.
      if (many) collectGarbage();
      // The whole record. Sizes and times of the files this build wrote; the others are as the last build left them.
      const stats: Record<string, FileStamp> = {};
      const moved = new Set(staged);
      for (const rel of [...Object.keys(files).filter((f) => !isSearchUnit(f)), ...madeInIndex]) {
        const saved = previous?.stats[rel];
        // A stamp of an earlier version's record (no status change time) is taken again.
        if (saved && saved.length === 3 && !first && !moved.has(rel)) stats[rel] = saved;
        else {
          // Synchronously: one asynchronous stat awaited after another cost 22.7 s for the 212,000 files of a full rebuild at 40,000 reports.
          const st = statOrNot(path.join(outDir, rel));
          if (st) stats[rel] = stampOf(st);
        }
      }
      previous = undefined;
      recordRead = undefined;
      await saveManifest({ ...next, stats });
    }
    phase('record of the output');
    return { corpus, built: true, pages, written, kept, removed, summary, notices };
  } catch (e) {
    // The search index may still be writing into the staging folder: let it end first.
    await search.catch(() => {});
    await rm(stage, { recursive: true, force: true }).catch(() => {});
    await rm(eleventyDir, { recursive: true, force: true }).catch(() => {});
    if (isDiskFull(e)) {
      const rel = path.relative(process.cwd(), outDir);
      const where = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : outDir;
      throw new DiskFullError(
        moving
          ? `磁盘空间不足：新网站移入 ${where} 时磁盘已满，网站只更新了一部分。请腾出磁盘空间后重新运行 build，它会把网站补全。`
          : `磁盘空间不足：生成新网站时磁盘已满。本次暂存的文件已删除，${existsSync(outDir) ? `原有网站 ${where} 保持不变` : '网站没有生成'}。请腾出磁盘空间（新网站暂存时约需与现有网站相同的空间）后重新运行。`,
        { cause: e },
      );
    }
    throw e;
  }
}
