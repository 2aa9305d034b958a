/**
 * Shared setup of the browser tests: the built site served from 127.0.0.1 in-process,
 * Debian's chromium driven by playwright-core, page types discovered from sitemap.xml,
 * and axe-core injected from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SITE_DIR = path.resolve('_site');
export const SHOTS_DIR = path.resolve('test-results/screenshots');
export const WIDTHS = [375, 1280] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** Serve `dir` on a free port of 127.0.0.1; unknown paths get 404.html with status 404. */
export async function serveSite(dir = SITE_DIR): Promise<{ origin: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: run \`npm run build\` first`);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) file = path.join(dir, '404.html');
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      res.end(await readFile(path.join(dir, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Debian's chromium, headless, with the flags this network-less machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageType {
  /** File-name-safe name such as `report` or `agencies-1`. */
  readonly name: string;
  /** One site path of this type. */
  readonly path: string;
}

/**
 * Page types of the built site: sitemap.xml URLs grouped by their shape — a leading year
 * segment, or the first segment and the depth — plus the 404 page. One page per type.
 */
export function pageTypes(dir = SITE_DIR): PageType[] {
  const byType = new Map<string, string>();
  for (const p of sitemapPaths(dir)) {
    const name = typeName(p.split('/').filter(Boolean));
    if (!byType.has(name)) byType.set(name, p);
  }
  const types = [...byType].map(([name, p]) => ({ name, path: p }));
  types.push({ name: '404', path: '/404.html' });
  return types;
}

/** Every site path listed in sitemap.xml, sorted. */
export function sitemapPaths(dir = SITE_DIR): string[] {
  const xml = readFileSync(path.join(dir, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).sort();
}

/** Every site path of one page type. */
export function pathsOfType(name: string, dir = SITE_DIR): string[] {
  return sitemapPaths(dir).filter((p) => typeName(p.split('/').filter(Boolean)) === name);
}

function typeName(segs: readonly string[]): string {
  if (segs.length === 0) return 'home';
  const safe = (s: string) => s.replace(/\.html$/, '').replace(/[^a-z0-9-]/gi, '') || 'x';
  if (/^\d{4}$/.test(segs[0]!)) return segs.length === 1 ? 'year' : segs.length === 2 ? 'report' : `year-${segs.length}`;
  return segs.length === 1 ? safe(segs[0]!) : `${safe(segs[0]!)}-${segs.length - 1}`;
}

/** The site path of a page type, or undefined when the site has no such page. */
export function pathOfType(name: string, dir = SITE_DIR): string | undefined {
  return pageTypes(dir).find((t) => t.name === name)?.path;
}

const AXE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/** Run axe-core on the page with the WCAG 2.0/2.1 A and AA rules; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** Readable summary of axe violations for an assertion message. */
export function describeViolations(vs: readonly AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
}

/** Collect console errors, uncaught exceptions and failed requests of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/404.html')) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return errors;
}

/** The built site served on loopback and a browser, opened before a test file's tests and closed after them. */
export function useSiteAndBrowser(): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser | undefined;
  let site: Awaited<ReturnType<typeof serveSite>> | undefined;
  before(async () => {
    site = await serveSite();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get origin() {
      return site!.origin;
    },
  };
}
