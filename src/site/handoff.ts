/**
 * What a build hands to Eleventy's configuration (.eleventy.ts): its own site plugin, corpus
 * source and address, so that the configuration uses the very modules the build provided the
 * corpus to. The build may run compiled (dist/, bin/compile.js) while Eleventy loads the
 * configuration's TypeScript through tsx: without the handoff that would be a second copy of
 * the site's code, with no corpus provided to it. Run on its own (`npx @11ty/eleventy`), the
 * configuration loads the TypeScript sources.
 */
import type { corpusForSite } from './corpus-source.ts';
import type site from './index.ts';
import type { siteUrl } from './site-url.ts';

/** The site's modules as Eleventy's configuration uses them. */
export interface SiteModules {
  readonly site: typeof site;
  readonly corpusForSite: typeof corpusForSite;
  readonly siteUrl: typeof siteUrl;
}

/** Where on `globalThis` the handoff lives: one key for every copy of this module in the process. */
const KEY = Symbol.for('nianbao.siteModules');

/** Hand the build's own modules to the Eleventy configuration loaded next in this process. */
export function handSiteModules(modules: SiteModules): void {
  (globalThis as Record<symbol, unknown>)[KEY] = modules;
}

/** The modules a build handed over, else the TypeScript sources'. */
export async function siteModules(): Promise<SiteModules> {
  const handed = (globalThis as Record<symbol, unknown>)[KEY] as SiteModules | undefined;
  if (handed) return handed;
  const [index, source, url] = await Promise.all([import('./index.ts'), import('./corpus-source.ts'), import('./site-url.ts')]);
  return { site: index.default, corpusForSite: source.corpusForSite, siteUrl: url.siteUrl };
}
