/** Every internal link of a built site, checked against the files the site has. */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';

/** A link that leads to no file: the page it is on and the address. */
export interface DeadLink {
  readonly page: string;
  readonly href: string;
}

/**
 * Crawl every HTML file under `site`: each href and src (and a meta refresh's url) that stays
 * on the site — a path, or an absolute URL under `siteUrl` — must name a file of the site
 * (`…/` → `…/index.html`). `prefix` is the path the site is served under ('/' or '/nianbao/').
 * Returns the dead links and how many links were checked.
 */
export async function deadLinks(site: string, prefix = '/', siteUrl?: string): Promise<{ dead: DeadLink[]; checked: number }> {
  const files = (await readdir(site, { recursive: true })).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
  const dead: DeadLink[] = [];
  let checked = 0;
  const origin = siteUrl ? new URL(siteUrl) : new URL(`https://site.invalid${prefix}`);
  for (const file of files) {
    const $ = cheerio.load(await readFile(path.join(site, file), 'utf8'));
    const base = new URL(`${prefix}${file.replace(/index\.html$/, '')}`, origin);
    const refs = [
      ...$('[href]').map((_, e) => $(e).attr('href')!).get(),
      ...$('[src]').map((_, e) => $(e).attr('src')!).get(),
      ...$('meta[http-equiv=refresh]').map((_, e) => /url=(.*)$/i.exec($(e).attr('content') ?? '')?.[1] ?? '').get(),
    ];
    for (const href of refs) {
      if (!href || href.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(href)) continue;
      const url = new URL(href, base);
      if (url.origin !== origin.origin) continue;
      const rel = decodeURIComponent(url.pathname);
      checked++;
      if (!rel.startsWith(prefix)) {
        dead.push({ page: file, href });
        continue;
      }
      const target = path.join(site, rel.slice(prefix.length), rel.endsWith('/') ? 'index.html' : '');
      if (!existsSync(target) || !statSync(target).isFile()) dead.push({ page: file, href });
    }
  }
  return { dead, checked };
}
