/** Eleventy configuration: folders, and the site plugin fed with the validated reports (see src/site/handoff.ts). */
import { siteModules } from './src/site/handoff.ts';

export default async function (eleventyConfig: { addPlugin: (plugin: unknown, options: unknown) => void }) {
  const { site, corpusForSite, siteUrl } = await siteModules();
  eleventyConfig.addPlugin(site, await corpusForSite());
  return {
    dir: { input: 'templates', includes: '_includes', layouts: '_layouts', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
    // Links carry the path of the public address (NIANBAO_SITE_URL) unless set apart.
    pathPrefix: process.env.NIANBAO_PATH_PREFIX ?? new URL(siteUrl()).pathname,
  };
}
