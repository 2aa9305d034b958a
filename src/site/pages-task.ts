/**
 * Rendering of the pages there is one of per report, agency or region (and of the listings
 * split by region), and of each report's data files, on a worker thread (see src/parallel/pool.ts) or inline for a few. Each job
 * carries everything its page needs, so a thread never holds more than one report at a time;
 * every file is written to its path below the output folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportsCsv } from '../export/csv.ts';
import { reportJson } from '../export/files.ts';
import type { ReportHistory } from '../history/index.ts';
import type { Diagnostic } from '../load/diagnostic.ts';
import { reloadReport } from '../load/corpus.ts';
import type { AgencyPage } from '../summary/history.ts';
import type { ComparePage, QualityPage, ReportLinks, SummaryPage } from '../summary/index.ts';
import type { MovedPage } from '../summary/fold.ts';
import { escapeHtml } from './html.ts';
import { MANY_PAGE_TEMPLATES, type PageRenderer, pageRenderer, urlFilter } from './report-page.ts';
import { reportDataUrl } from '../summary/urls.ts';
import type { ReportEntry } from '../load/entry.ts';
import { reportUrl, reportView, type ReportView } from './report-view.ts';
import { sourceLines } from './source-lines.ts';

/** A report's page and data files: the report is read again from its file. */
export interface ReportJob {
  readonly kind: 'report';
  readonly file: string;
  /** Content hash the corpus validated; a file changed since is an error, not a silent mix. */
  readonly hash: string;
  /** Every diagnostic of the report, cross-year findings included. */
  readonly diagnostics: readonly Diagnostic[];
  readonly links: ReportLinks;
  /** Its published versions from git, when the build has history. */
  readonly history?: ReportHistory;
  /** Which of its three files to write (site paths). */
  readonly outputs: { readonly page?: string; readonly json?: string; readonly csv?: string };
}

/** The three files made from one report: its page and its JSON and CSV downloads (site paths). */
export function reportOutputs(r: Pick<ReportEntry, 'year' | 'agency'>): { readonly page: string; readonly json: string; readonly csv: string } {
  return { page: reportUrl(r.year, r.agency.id), json: reportDataUrl(r.year, r.agency.id, 'json'), csv: reportDataUrl(r.year, r.agency.id, 'csv') };
}

export interface AgencyJob {
  readonly kind: 'agency';
  readonly page: AgencyPage;
}

export interface RegionJob {
  readonly kind: 'region';
  readonly page: SummaryPage;
  readonly links: { readonly quality: string; readonly data: string };
}

/** A comparison table (a year's, or a region's where the year's is split). */
export interface CompareJob {
  readonly kind: 'compare';
  readonly page: ComparePage;
}

/** A data-quality page (/quality/, or a region's where its lists are split). */
export interface QualityJob {
  readonly kind: 'quality';
  readonly page: QualityPage;
}

/** The small page left at a folded page's address (src/summary/fold.ts). */
export interface MovedJob {
  readonly kind: 'moved';
  readonly page: MovedPage;
}

export type PageJob = ReportJob | AgencyJob | RegionJob | CompareJob | QualityJob | MovedJob;

/**
 * The page left at a folded page's address: it sends the browser on at once (a meta refresh,
 * which every browser and static host honours), shows the link for a reader whose browser
 * does not follow it, and keeps search engines off (a refresh at 0 s counts as a permanent move).
 * About 500 bytes, no stylesheet. `pathPrefix`: as the `url` filter takes it.
 */
export function movedPage(page: MovedPage, pathPrefix: string): string {
  const to = escapeHtml(urlFilter(page.to, pathPrefix));
  const was = escapeHtml(page.was);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${to}">
<title>${was}</title>
</head>
<body>
<p>${escapeHtml(page.why)}，本页已并入<a href="${to}">${to}</a>。</p>
</body>
</html>
`;
}

export interface PagesInput {
  readonly outDir: string;
  readonly inputDir: string;
  readonly pathPrefix: string;
  /** NIANBAO_SOURCE_URL, checked: report pages link each figure to its line at its commit. */
  readonly sourcePattern?: string;
  readonly jobs: readonly PageJob[];
}

/**
 * The segments of the file a site path is written to (`/a/b/` → a, b, index.html), or undefined
 * when one would leave the output folder (a `..` or `.` segment, a separator inside a segment,
 * a first segment beginning with `..`), is one no file system takes (over 255 bytes, a NUL), or there is none.
 */
function fileSegments(sitePath: string): string[] | undefined {
  const parts = decodeURI(sitePath).split('/').filter(Boolean);
  if (parts.some((p) => p === '.' || p === '..' || /[\\\0]/.test(p) || Buffer.byteLength(p) > 255)) return undefined;
  // A first segment such as `...x` reads, relative to the output folder, like a way out of it: refused too.
  if (parts[0]?.startsWith('..')) return undefined;
  if (sitePath.endsWith('/')) parts.push('index.html');
  return parts.length ? parts : undefined;
}

/**
 * The file a site path is written to (`/a/b/` → a/b/index.html). Throws when the path would
 * leave `outDir` (a `..` or `.` segment, a separator inside a segment) or has a segment no file
 * system takes: validation refuses such names, and this makes sure nothing else slips through.
 */
export function outputFile(outDir: string, sitePath: string): string {
  const parts = fileSegments(sitePath);
  const file = parts && path.join(outDir, ...parts);
  const rel = file && path.relative(path.resolve(outDir), path.resolve(file));
  if (!file || !rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(`网址 ${sitePath} 对应的文件不在输出文件夹 ${outDir} 之内，已停止生成，原有网站保持不变。`);
  }
  return file;
}

/**
 * `outputFile`'s file relative to the output folder, with forward slashes (`/a/b/` →
 * `a/b/index.html`), told from the site path alone, with the same refusals: asked for every
 * file of every build (200,000 times at 40,000 reports), it resolves no paths.
 */
export function outputRel(sitePath: string): string {
  const parts = fileSegments(sitePath);
  if (!parts) throw new Error(`网址 ${sitePath} 对应的文件不在输出文件夹之内，已停止生成，原有网站保持不变。`);
  return parts.join('/');
}

/**
 * Writes files below the output folder. A folder is made only when a write finds it missing
 * (a thousand reports' data files share a handful of folders; making a folder that exists
 * costs about as much as writing a file), so it holds however folders come and go.
 */
function fileWriter(): (outDir: string, sitePath: string, content: string) => void {
  return (outDir, sitePath, content) => {
    const file = outputFile(outDir, sitePath);
    try {
      writeFileSync(file, content);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  };
}

/** Renders jobs one by one; templates are compiled once per renderer. */
export function pagesRenderer(input: Omit<PagesInput, 'jobs'>) {
  const renderers = new Map<string, PageRenderer<unknown>>();
  const renderer = <T>(template: string) => {
    let r = renderers.get(template);
    if (!r) renderers.set(template, (r = pageRenderer<unknown>(template, input.inputDir, input.pathPrefix)));
    return r as PageRenderer<T>;
  };
  const write = fileWriter();
  return async (job: PageJob): Promise<void> => {
    if (job.kind === 'agency' || job.kind === 'compare' || job.kind === 'quality') {
      const { url, html } = renderer<unknown>(MANY_PAGE_TEMPLATES[job.kind]).render(job.page);
      write(input.outDir, url, html);
    } else if (job.kind === 'moved') {
      write(input.outDir, job.page.url, movedPage(job.page, input.pathPrefix));
    } else if (job.kind === 'region') {
      const { url, html } = renderer<SummaryPage>(MANY_PAGE_TEMPLATES.region).render(job.page, { summary: { links: job.links } });
      write(input.outDir, url, html);
    } else {
      const report = await reloadReport(job);
      const { page, json, csv } = job.outputs;
      if (page) {
        const pattern = input.sourcePattern;
        const source = pattern && job.history?.source ? { pattern, lines: sourceLines(readFileSync(job.file, 'utf8'), report.edition) } : undefined;
        const view: ReportView = reportView(report, { ...(job.history ? { history: job.history } : {}), ...(source ? { source } : {}) });
        const { html } = renderer<ReportView>(MANY_PAGE_TEMPLATES.report).render(view, { summary: { reportLinks: { [view.url]: job.links } } });
        write(input.outDir, page, html);
      }
      if (json) write(input.outDir, json, reportJson(report, job.history));
      if (csv) write(input.outDir, csv, reportsCsv([report]));
    }
  };
}

let compiled: { readonly key: string; readonly render: ReturnType<typeof pagesRenderer> } | undefined;

/** Worker entry: render every job of the batch (templates are compiled once per thread). */
export async function run(input: PagesInput): Promise<number> {
  const key = JSON.stringify([input.outDir, input.inputDir, input.pathPrefix, input.sourcePattern]);
  if (compiled?.key !== key) compiled = { key, render: pagesRenderer(input) };
  const { render } = compiled;
  for (const job of input.jobs) await render(job);
  return input.jobs.length;
}
