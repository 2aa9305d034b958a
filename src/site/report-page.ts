/**
 * Pages rendered without Eleventy's per-page pipeline: a paginated template (report pages,
 * agency histories, region summaries) and its layout chain, compiled once with Nunjucks
 * configured as Eleventy configures it and fed the same data. The build renders the pages
 * there are thousands of this way, on worker threads, and only those whose data changed;
 * the tests hold the output byte-identical to Eleventy's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nunjucks, { type Template } from 'nunjucks';
import { parse as parseYamlText } from 'yaml';
import * as filters from './filters/index.ts';
import { SITE } from './index.ts';
import type { ReportView } from './report-view.ts';

/** The report page template, relative to the input folder. */
export const REPORT_TEMPLATE = 'report.njk';

/**
 * Templates with a page per report, agency or region, and the listings split by region
 * (comparison tables, data-quality notes): rendered by the build, not by Eleventy.
 */
export const MANY_PAGE_TEMPLATES = {
  report: REPORT_TEMPLATE,
  agency: 'summary/agency.njk',
  region: 'summary/region.njk',
  compare: 'summary/compare.njk',
  quality: 'summary/quality.njk',
} as const;

/** Eleventy's `url` filter (src/Filters/Url.js): the path prefix joined to site-absolute URLs. */
export function urlFilter(url: string | undefined, pathPrefix: string): string {
  const u = url || '';
  // URL.canParse answers what `new URL(u)` not throwing answers, without the cost of an exception per relative URL.
  if (URL.canParse(u)) return u;
  if (u.startsWith('//') && u !== '//') return u;
  const norm = (...parts: string[]) => path.posix.join(...parts).replace(/\/+$/, '/');
  const normUrl = norm(u);
  const root = norm('/', pathPrefix);
  if (normUrl === '/' || normUrl === root) return root + (root.endsWith('/') ? '' : '/');
  if (normUrl.startsWith('/')) return norm('/', pathPrefix, u);
  return normUrl;
}

interface Layer {
  readonly template: Template;
  readonly data: Record<string, unknown>;
}

/** Front matter and body of a template file, split the way Eleventy (gray-matter) splits them. */
function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { data: {}, body: text };
  return { data: (parseYamlText(m[1]!) as Record<string, unknown> | null) ?? {}, body: text.slice(m[0].length) };
}

export interface PageRenderer<T> {
  /** The page's URL and HTML, byte for byte as Eleventy would write it. */
  render(item: T, globals?: Readonly<Record<string, unknown>>): { readonly url: string; readonly html: string };
}

/** The report page renderer. */
export type ReportPageRenderer = PageRenderer<ReportView>;

/** Compile the report page template and its layouts once. */
export function reportPageRenderer(inputDir = 'templates', pathPrefix = process.env.NIANBAO_PATH_PREFIX ?? '/'): ReportPageRenderer {
  return pageRenderer<ReportView>(REPORT_TEMPLATE, inputDir, pathPrefix);
}

/** Compile a paginated template (one item per page) and its layouts once. */
export function pageRenderer<T>(template: string, inputDir = 'templates', pathPrefix = process.env.NIANBAO_PATH_PREFIX ?? '/'): PageRenderer<T> {
  const includes = path.join(inputDir, '_includes');
  const layouts = path.join(inputDir, '_layouts');
  // Eleventy's Nunjucks: a file loader over the includes folder and the working folder, { dev: true }.
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([includes, process.cwd()]), { dev: true });
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  env.addFilter('url', (url: string, override?: string) => urlFilter(url, typeof override === 'string' && override ? override : pathPrefix));

  const load = (file: string): Layer => {
    const { data, body } = splitFrontMatter(readFileSync(file, 'utf8'));
    return { template: nunjucks.compile(body, env, file), data };
  };
  const page = load(path.join(inputDir, template));
  const chain: Layer[] = [];
  for (let layout = page.data.layout; typeof layout === 'string'; ) {
    const layer = load(path.join(layouts, layout));
    chain.push(layer);
    layout = layer.data.layout;
  }
  const computed = Object.entries((page.data.eleventyComputed as Record<string, string> | undefined) ?? {}).map(
    ([key, source]) => [key, nunjucks.compile(source, env)] as const,
  );
  // A permalink is a path, not HTML: rendered without escaping, so a file is written where its links point.
  const permalink = nunjucks.compile(String(page.data.permalink), new nunjucks.Environment(undefined, { autoescape: false }));
  const alias = String((page.data.pagination as { alias?: string } | undefined)?.alias ?? 'r');

  return {
    render(item, globals = {}) {
      const data: Record<string, unknown> = { site: SITE, ...globals, ...chain.reduceRight((d, l) => ({ ...d, ...l.data }), {}), ...page.data, [alias]: item };
      for (const [key, template] of computed) data[key] = template.render(data);
      const url = permalink.render(data);
      data.page = { url };
      let html = page.template.render(data);
      for (const layer of chain) html = layer.template.render({ ...data, ...layer.data, content: html });
      return { url, html };
    },
  };
}
