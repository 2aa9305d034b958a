/** Eleventy configuration: folders, and the site plugin fed with the validated reports. */
import site from './src/site/index.ts';
import { corpusForSite } from './src/site/corpus-source.ts';
import { siteUrl } from './src/site/site-url.ts';

export default async function (eleventyConfig: Parameters<typeof site>[0] & { addPlugin: (p: unknown, o: unknown) => void }) {
  eleventyConfig.addPlugin(site, await corpusForSite());
  return {
    dir: { input: 'templates', includes: '_includes', layouts: '_layouts', data: '_data' },
    templateFormats: ['njk'],
    htmlTemplateEngine: 'njk',
    // Links carry the path of the public address (NIANBAO_SITE_URL) unless set apart.
    pathPrefix: process.env.NIANBAO_PATH_PREFIX ?? new URL(siteUrl()).pathname,
  };
}
